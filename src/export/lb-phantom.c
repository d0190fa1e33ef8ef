/* lb-phantom.c: the teaching phantom (lb-phantom.h): anatomy drawn from ellipses, then a CT-like
 * partial-volume blur and noise, then one CT Image dataset per slice.
 *
 * Determinism: all geometry is integer arithmetic in 1/16 mm, the noise comes from a fixed-seed
 * integer generator, and no value depends on the clock, the locale or libm, so every run on
 * every machine produces the same bytes (the test compares two runs).
 */
#include "lb-phantom.h"

#include "dicom-error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N     LB_PHANTOM_SIZE
#define HI    (2 * LB_PHANTOM_SIZE)   /* shapes are drawn at twice the resolution, then averaged */
#define MM(v) ((int32_t) ((v) * 16))  /* mm to the internal unit, 1/16 mm */

/* UIDs under the Lightbox root; ".2.1" is version 1 of the phantom: a phantom that draws
 * different pixels must get a new version, since equal UIDs promise equal content. */
#define PHANTOM_UID      LB_DICOM_UID_ROOT ".2.1"
#define CT_IMAGE_STORAGE "1.2.840.10008.5.1.4.1.1.2"

/* HU values (unenhanced CT, textbook ranges). */
enum {
  AIR = -1000, LUNG = -850, FAT = -100, ORBIT_FAT = -80, WATER = 0, CSF = 8, BILE = 10,
  FLUID = 15, EDEMA = 18, INFARCT = 18, WHITE = 24, KIDNEY = 30, CORD = 32, GREY = 40,
  SKIN = 30, BLOOD = 40, MUSCLE = 48, SPLEEN = 45, LIVER = 62, HAEMATOMA = 70, CLOT = 75,
  THYROID = 90, CARTILAGE = 110, LENS = 100, ACRYLIC = 120, TABLE = 150, CANCELLOUS = 400,
  DIPLOE = 550, CORTICAL = 1000, PETROUS = 1300,
};

/* Directions every 15 degrees, x 1000 (cos, sin); y points posterior, so 270 degrees is the
 * front of the body. A table, so no libm result enters the pixels. */
static const int16_t dir15[24][2] = {
  {1000, 0}, {966, 259}, {866, 500}, {707, 707}, {500, 866}, {259, 966}, {0, 1000},
  {-259, 966}, {-500, 866}, {-707, 707}, {-866, 500}, {-966, 259}, {-1000, 0}, {-966, -259},
  {-866, -500}, {-707, -707}, {-500, -866}, {-259, -966}, {0, -1000}, {259, -966},
  {500, -866}, {707, -707}, {866, -500}, {966, -259},
};

typedef struct {
  int16_t *px;                 /* HI x HI HU values */
  bool clip;                   /* paint only inside the clip ellipse (a body cavity) */
  int32_t clip_cx, clip_cy, clip_a, clip_b;
  uint64_t rng;
} Canvas;

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t
next_random (uint64_t *state)
{
  uint64_t z = (*state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static int
rand_range (Canvas *cv, int lo, int hi)   /* lo ... hi inclusive */
{
  return lo + (int) (next_random (&cv->rng) % (uint64_t) (hi - lo + 1));
}

static bool
inside (int64_t dx, int64_t dy, int64_t a, int64_t b, int64_t c, int64_t s, bool rect)
{
  int64_t u = dx * c + dy * s, v = dy * c - dx * s, n = c * c + s * s;
  if (rect)
    return u * u <= a * a * n && v * v <= b * b * n;
  return u * u * b * b + v * v * a * a <= a * a * b * b * n;
}

/* Paints an ellipse (or rectangle) with centre (cx, cy), semi-axes a and b (1/16 mm), its a-axis
 * along the direction (c, s), where y < ymax. */
static void
paint (Canvas *cv, bool rect, int32_t cx, int32_t cy, int32_t a, int32_t b, int c, int s,
       int hu, int32_t ymax)
{
  if (a <= 0 || b <= 0)
    return;
  int32_t r = a > b ? a : b;
  /* Pixel i's centre lies at 10 i + 5 - 2560 sixteenths of a mm (0.625 mm pixels). */
  int lo_x = (cx - r + 2555) / 10 - 1, hi_x = (cx + r + 2555) / 10 + 1;
  int lo_y = (cy - r + 2555) / 10 - 1, hi_y = (cy + r + 2555) / 10 + 1;
  lo_x = lo_x < 0 ? 0 : lo_x;
  lo_y = lo_y < 0 ? 0 : lo_y;
  hi_x = hi_x > HI - 1 ? HI - 1 : hi_x;
  hi_y = hi_y > HI - 1 ? HI - 1 : hi_y;
  for (int j = lo_y; j <= hi_y; j++)
    {
      int32_t y = 10 * j + 5 - 2560;
      if (y >= ymax)
        continue;
      for (int i = lo_x; i <= hi_x; i++)
        {
          int32_t x = 10 * i + 5 - 2560;
          if (!inside (x - cx, y - cy, a, b, c, s, rect))
            continue;
          if (cv->clip && !inside (x - cv->clip_cx, y - cv->clip_cy, cv->clip_a, cv->clip_b,
                                   1, 0, false))
            continue;
          cv->px[j * HI + i] = (int16_t) hu;
        }
    }
}

/* Shapes in whole mm: E an ellipse, ER a rotated one, EY one cut off at y >= ymax, R a
 * rectangle. */
static void
E (Canvas *cv, int cx, int cy, int a, int b, int hu)
{
  paint (cv, false, MM (cx), MM (cy), MM (a), MM (b), 1, 0, hu, INT32_MAX);
}

static void
ER (Canvas *cv, int cx, int cy, int a, int b, int c, int s, int hu)
{
  paint (cv, false, MM (cx), MM (cy), MM (a), MM (b), c, s, hu, INT32_MAX);
}

static void
EY (Canvas *cv, int cx, int cy, int a, int b, int ymax, int hu)
{
  paint (cv, false, MM (cx), MM (cy), MM (a), MM (b), 1, 0, hu, MM (ymax));
}

static void
R (Canvas *cv, int x0, int y0, int x1, int y1, int hu)
{
  paint (cv, true, MM (x0 + x1) / 2, MM (y0 + y1) / 2, MM (x1 - x0) / 2, MM (y1 - y0) / 2,
         1, 0, hu, INT32_MAX);
}

static void
clip_to (Canvas *cv, int cx, int cy, int a, int b)
{
  cv->clip = true;
  cv->clip_cx = MM (cx);
  cv->clip_cy = MM (cy);
  cv->clip_a = MM (a);
  cv->clip_b = MM (b);
}

/* ---- Head: slices 0-7 ------------------------------------------------------------------ */

static void
head (Canvas *cv, unsigned s)
{
  static const int ha[8] = { 50, 62, 68, 71, 72, 71, 68, 62 };   /* outline semi-axes, mm */
  static const int hb[8] = { 60, 76, 84, 88, 90, 89, 86, 80 };
  static const int shift[8] = { 0, 0, 4, 6, 4, 0, 0, 0 };         /* subdural mass effect */
  const int cy = -5, a = ha[s], b = hb[s];

  E (cv, 0, cy, a, b, SKIN);                  /* scalp */
  E (cv, 0, cy, a - 2, b - 2, FAT);
  E (cv, 0, cy, a - 3, b - 3, CORTICAL);      /* outer table */
  E (cv, 0, cy, a - 5, b - 5, DIPLOE);
  E (cv, 0, cy, a - 8, b - 8, CORTICAL);      /* inner table */
  int ia = a - 10, ib = b - 10;               /* intracranial space */

  if (s == 7)
    {
      /* Skull base: temporal lobes and cerebellum in their fossae, eyes in fat in the orbits. */
      E (cv, 0, cy, ia, ib, CORTICAL);
      E (cv, 0, cy, ia - 4, ib - 6, DIPLOE);
      for (int side = -1; side <= 1; side += 2)
        {
          E (cv, 30 * side, cy - 2, 17, 23, CSF);
          E (cv, 30 * side, cy - 2, 15, 21, GREY);
          ER (cv, 24 * side, cy + 22, 5, 18, 10, -6 * side, PETROUS);
          E (cv, 43 * side, cy + 30, 6, 6, AIR);     /* mastoid air cells */
          E (cv, 32 * side, cy - 55, 16, 15, ORBIT_FAT);
          E (cv, 32 * side, cy - 58, 12, 12, BILE);  /* vitreous, close to water */
          E (cv, 32 * side, cy - 69, 5, 2, LENS);
          ER (cv, 22 * side, cy - 42, 2, 9, 10, 4 * side, CORD);   /* optic nerve */
        }
      E (cv, 0, cy + 42, 38, 22, CSF);
      E (cv, 0, cy + 42, 36, 20, GREY);           /* cerebellum */
      E (cv, 0, cy + 42, 20, 10, WHITE);
      E (cv, 0, cy + 14, 14, 12, CSF);            /* prepontine cistern */
      E (cv, 0, cy + 15, 12, 10, WHITE);          /* pons */
      E (cv, 0, cy + 29, 5, 3, CSF);              /* fourth ventricle */
      E (cv, 0, cy - 22, 11, 8, AIR);             /* sphenoid sinus */
      return;
    }

  int bx = -shift[s], ba = ia - 1 - shift[s], bb = ib - 1;
  if (shift[s] > 0)
    E (cv, 0, cy, ia, ib, HAEMATOMA);          /* a crescent remains on the patient's left */
  E (cv, bx, cy, ba, bb, CSF);                 /* subarachnoid space */
  E (cv, bx, cy, ba - 1, bb - 1, GREY);        /* cortex */
  E (cv, bx, cy, ba - 9, bb - 9, WHITE);
  /* Sulci: CSF clefts pointing inwards from the surface, for the grey-white pattern. */
  for (int k = 0; k < 24; k++)
    {
      int c = dir15[k][0], sn = dir15[k][1];
      int px = bx + (ba - 4) * c / 1000, py = cy + (bb - 4) * sn / 1000;
      if (s == 0 && k % 2)
        continue;
      paint (cv, false, MM (px), MM (py), MM (4), 12, (c + 50) / 100, (sn + 50) / 100, CSF,
             INT32_MAX);
    }
  /* Interhemispheric fissure with the falx; interrupted by the corpus callosum lower down. */
  if (s <= 2)
    paint (cv, true, MM (bx), MM (cy), 10, MM (bb - 1), 1, 0, CSF, INT32_MAX);
  else
    {
      R (cv, bx - 1, cy - bb + 1, bx + 1, cy - 30, CSF);
      R (cv, bx - 1, cy + 35, bx + 1, cy + bb - 1, CSF);
    }

  switch (s)
    {
    case 3:   /* bodies of the lateral ventricles */
      ER (cv, bx - 9, cy - 4, 5, 24, 10, 1, CSF);
      ER (cv, bx + 9, cy - 4, 5, 24, 10, -1, CSF);
      break;
    case 4:   /* basal ganglia level: grey nuclei against the white internal capsule */
      for (int side = -1; side <= 1; side += 2)
        {
          E (cv, bx + 16 * side, cy - 22, 5, 8, GREY - 2);           /* caudate head */
          ER (cv, bx + 27 * side, cy - 3, 6, 16, 10, -2 * side, GREY - 2);   /* lentiform */
          E (cv, bx + 10 * side, cy + 10, 8, 11, GREY - 2);          /* thalamus */
          ER (cv, bx + 9 * side, cy - 28, 4, 9, 10, 3 * side, CSF);  /* frontal horn */
          ER (cv, bx + 20 * side, cy + 36, 4, 11, 10, -4 * side, CSF);   /* occipital horn */
          E (cv, bx + 50 * side, cy - 8, 2, 12, CSF);                /* Sylvian fissure */
        }
      paint (cv, false, MM (bx), MM (cy + 10), 24, MM (9), 1, 0, CSF, INT32_MAX);
      break;
    case 5:   /* a small haemorrhage with surrounding oedema in the right hemisphere */
      E (cv, -28, cy + 12, 11, 10, EDEMA);
      E (cv, -28, cy + 12, 7, 6, CLOT);
      paint (cv, false, MM (bx), MM (cy + 8), 24, MM (8), 1, 0, CSF, INT32_MAX);
      break;
    case 6:   /* midbrain, and an early infarct: grey-white distinction lost (stroke window) */
      E (cv, -44, cy - 8, 14, 20, INFARCT);
      E (cv, bx, cy + 8, 15, 13, CSF);
      E (cv, bx, cy + 8, 12, 10, CORD);
      break;
    default:
      break;
    }
}

/* ---- Neck: slices 8-9 ------------------------------------------------------------------ */

static void
vertebra (Canvas *cv, int y, int ra, int rb, bool cord)
{
  E (cv, 0, y + 24, ra - 2, 12, CORTICAL);     /* posterior arch */
  E (cv, 0, y + 38, 4, 8, CORTICAL);           /* spinous process */
  E (cv, 0, y, ra, rb, CORTICAL);              /* body */
  E (cv, 0, y, ra - 3, rb - 3, CANCELLOUS);
  E (cv, 0, y + 22, 9, 7, CSF);                /* spinal canal */
  if (cord)
    E (cv, 0, y + 22, 5, 4, CORD);
}

static void
neck (Canvas *cv, unsigned s)
{
  E (cv, 0, 3, 62, 57, SKIN);
  E (cv, 0, 3, 60, 55, FAT);
  E (cv, 0, 2, 52, 44, MUSCLE);
  for (int side = -1; side <= 1; side += 2)
    {
      E (cv, 26 * side, -12, 12, 9, FAT);
      E (cv, 20 * side, -13, 4, 4, BLOOD);        /* carotid artery */
      E (cv, 30 * side, -10, 6, 5, BLOOD - 2);    /* jugular vein */
      if (s == 9)
        E (cv, 13 * side, -24, 7, 10, THYROID);
    }
  E (cv, 0, -25, 11, 9, CARTILAGE);            /* trachea */
  E (cv, 0, -25, 9, 7, AIR);
  E (cv, 0, -9, 7, 5, BLOOD);                  /* oesophagus */
  E (cv, 0, -9, 2, 1, AIR);
  vertebra (cv, 8, 14, 11, true);
}

/* ---- Chest: slices 10-15 --------------------------------------------------------------- */

static void
lung (Canvas *cv, int cx, int cy, int a, int b, int side)
{
  E (cv, cx, cy, a, b, LUNG);
  /* Vessels fan out from the hilum on the medial side: thick there, thin at the periphery,
   * round where cut across and oval where they run in the plane, pointing away from it. */
  int hx = -side * a * 3 / 5;
  for (int k = 0; k < 45; k++)
    {
      int x = rand_range (cv, -a, a), y = rand_range (cv, -b, b);
      if (x * x * b * b + y * y * a * a > a * a * b * b * 81 / 100)
        continue;
      int vx = x - hx, vy = y, ax = vx < 0 ? -vx : vx, ay = vy < 0 ? -vy : vy;
      int m = ax > ay ? ax : ay, d = ax + ay;
      if (m == 0)
        continue;
      int r = 2 + 5 * (a - (d < a ? d : a)) / a;           /* radius in half-mm */
      int len = r * rand_range (cv, 1, 3);
      paint (cv, false, MM (cx + x), MM (cy + y), len * 8, r * 8, vx * 10 / m, vy * 10 / m,
             BLOOD, INT32_MAX);
    }
}

static void
chest (Canvas *cv, unsigned s)
{
  static const int scale[6] = { 55, 80, 100, 100, 95, 75 };   /* lung size, percent */
  int k = scale[s - LB_PHANTOM_FIRST_CHEST];

  E (cv, 0, 5, 140, 95, SKIN);
  E (cv, 0, 5, 138, 93, FAT);
  E (cv, 0, 5, 128, 85, MUSCLE);
  E (cv, 0, 5, 118, 76, FAT);                   /* extrapleural and mediastinal fat */
  clip_to (cv, 0, 5, 116, 74);
  lung (cv, -56, 3, 58 * k / 100, 74 * k / 100, -1);
  lung (cv, 58, 5, 54 * k / 100, 72 * k / 100, 1);
  cv->clip = false;

  switch (s)
    {
    case 10:   /* thoracic inlet: trachea and the great vessels */
      E (cv, 0, -20, 11, 10, CARTILAGE);
      E (cv, 0, -20, 9, 8, AIR);
      E (cv, -9, -38, 5, 5, BLOOD);
      E (cv, 7, -39, 4, 4, BLOOD);
      E (cv, 16, -32, 5, 5, BLOOD);
      E (cv, -24, -42, 7, 6, BLOOD - 2);
      E (cv, 4, 0, 6, 5, BLOOD);
      break;
    case 11:   /* aortic arch */
      ER (cv, 10, -22, 27, 9, 10, 4, BLOOD);
      E (cv, -30, -26, 8, 8, BLOOD - 2);        /* superior vena cava */
      E (cv, -6, 6, 10, 9, CARTILAGE);
      E (cv, -6, 6, 8, 7, AIR);
      E (cv, 10, 26, 6, 5, BLOOD);
      break;
    case 12:   /* carina, ascending and descending aorta, pulmonary trunk */
      E (cv, 8, -28, 15, 15, BLOOD);
      E (cv, 30, -36, 13, 12, BLOOD);
      E (cv, -22, -24, 9, 9, BLOOD - 2);
      E (cv, 30, 42, 12, 12, BLOOD);
      for (int side = -1; side <= 1; side += 2)
        {
          E (cv, 14 * side, 6, 8, 7, CARTILAGE);
          E (cv, 14 * side, 6, 6, 5, AIR);
        }
      E (cv, 8, 28, 6, 5, BLOOD);
      break;
    default:   /* the heart in its fat; unenhanced blood and myocardium look alike */
      {
        int ha = s == 15 ? 44 : 54, hb = s == 15 ? 34 : 42;
        ER (cv, 18, -12, ha + 4, hb + 4, 10, -4, FAT);
        ER (cv, 18, -12, ha, hb, 10, -4, BLOOD);
        E (cv, 30, 42, 12, 12, BLOOD);
        E (cv, 8, 30, 6, 5, BLOOD);
        if (s == 15)
          {
            clip_to (cv, 0, 5, 116, 74);
            E (cv, -48, 18, 62, 56, LIVER);     /* the dome of the liver under the lung */
            E (cv, -22, 22, 12, 10, BLOOD - 2); /* inferior vena cava */
            E (cv, 62, 10, 27, 22, MUSCLE);     /* gastric fundus with air */
            E (cv, 62, 10, 24, 19, AIR);
            cv->clip = false;
          }
      }
      break;
    }

  if (s >= 11)
    {
      E (cv, 0, -80, 14, 6, CORTICAL);          /* sternum */
      E (cv, 0, -80, 11, 3, CANCELLOUS);
    }
  /* Ribs cut obliquely around the chest wall, at alternating angles from slice to slice. */
  for (int d = s % 2; d < 24; d += 2)
    {
      if (d == 6 || d == 18 || d == 5 || d == 7 || d == 17 || d == 19)
        continue;   /* the spine and the sternum */
      int x = 124 * dir15[d][0] / 1000, y = 5 + 81 * dir15[d][1] / 1000;
      int c = -dir15[d][1] / 100, sn = dir15[d][0] / 100;
      ER (cv, x, y, 7, 4, c, sn, CORTICAL);
      paint (cv, false, MM (x), MM (y), MM (5), 24, c, sn, CANCELLOUS, INT32_MAX);
    }
  for (int side = -1; side <= 1; side += 2)
    E (cv, 24 * side, 80, 17, 12, MUSCLE);      /* paraspinal muscles */
  vertebra (cv, 52, 16, 14, true);
}

/* ---- Abdomen: slices 16-23 ------------------------------------------------------------- */

static void
abdomen (Canvas *cv, unsigned s)
{
  static const int liver[5][4] = {   /* centre x, y, semi-axes, mm; slices 16-20 */
    { -40, 0, 72, 70 }, { -46, 2, 66, 66 }, { -55, 6, 55, 58 }, { -62, 8, 42, 48 },
    { -70, 12, 30, 36 },
  };
  static const int spleen[4][4] = {
    { 80, 22, 18, 38 }, { 82, 28, 20, 40 }, { 84, 34, 16, 30 }, { 86, 40, 11, 20 },
  };
  static const int kidney[5][2] = { { 12, 16 }, { 20, 28 }, { 22, 32 }, { 20, 27 }, { 12, 15 } };
  int a = s >= 22 ? 142 : 135;

  E (cv, 0, 5, a, 95, SKIN);
  E (cv, 0, 5, a - 2, 93, FAT);
  E (cv, 0, 5, a - 23, 76, MUSCLE);            /* abdominal wall */
  E (cv, 0, 5, a - 30, 69, FAT - 5);           /* intraperitoneal fat */
  clip_to (cv, 0, 5, a - 30, 69);

  if (s <= 20)
    {
      const int *l = liver[s - 16];
      E (cv, l[0], l[1], l[2], l[3], LIVER);
      if (s <= 17)
        E (cv, 12, -34, 36 - 8 * (int) (s - 16), 16, LIVER);   /* left lobe */
      /* Unenhanced portal and hepatic veins are a little darker than the liver. */
      E (cv, l[0] + 12, l[1] - 14, 4, 4, BLOOD);
      E (cv, l[0] - 10, l[1] + 10, 5, 4, BLOOD);
      E (cv, l[0] + 20, l[1] + 18, 6, 5, BLOOD);
      if (s >= 19)
        E (cv, l[0] + 22, l[1] - 26, 11, 14, BILE);   /* gallbladder */
    }
  if (s <= 19)
    {
      const int *p = spleen[s - 16];
      ER (cv, p[0], p[1], p[2], p[3], 10, -4, SPLEEN);
    }
  if (s <= 17)
    {
      /* Stomach: patient supine, so the air rises to the front (top) over the fluid. */
      int cx = s == 16 ? 40 : 28, cy = s == 16 ? -28 : -38, ra = s == 16 ? 32 : 24;
      int rb = s == 16 ? 26 : 16;
      E (cv, cx, cy, ra, rb, MUSCLE);
      E (cv, cx, cy, ra - 3, rb - 3, FLUID);
      EY (cv, cx, cy, ra - 3, rb - 3, cy - (s == 16 ? 6 : 8), AIR);
    }
  if (s == 18)
    ER (cv, 8, 2, 34, 8, 10, -3, GREY);         /* pancreas */
  if (s >= 18)
    {
      /* Bowel loops, some with gas, and the colon in both flanks. */
      int loops = 3 + 2 * (int) (s - 18);
      for (int k = 0; k < loops; k++)
        {
          int x = rand_range (cv, -60, 60), y = rand_range (cv, -58, 6), r = rand_range (cv, 8, 13);
          E (cv, x, y, r, r, MUSCLE);
          E (cv, x, y, r - 2, r - 2, rand_range (cv, 0, 2) == 0 ? AIR : FLUID);
        }
      if (s >= 19)
        for (int side = -1; side <= 1; side += 2)
          {
            E (cv, 84 * side, 6, 17, 17, MUSCLE);
            E (cv, 84 * side, 6, 15, 15, AIR + 100);
            for (int k = 0; k < 4; k++)       /* stool mixed with gas */
              E (cv, 84 * side + rand_range (cv, -8, 8), 6 + rand_range (cv, -8, 8),
                 rand_range (cv, 2, 5), rand_range (cv, 2, 5), rand_range (cv, -150, 0));
          }
    }
  cv->clip = false;

  if (s >= 18 && s <= 22)
    for (int side = -1; side <= 1; side += 2)
      {
        const int *k = kidney[s - 18];
        E (cv, 58 * side, 44, k[0] + 7, k[1] + 7, FAT - 10);   /* perirenal fat */
        ER (cv, 58 * side, 44, k[0], k[1], 10, 4 * side, KIDNEY);
        if (s >= 19 && s <= 21)
          E (cv, 46 * side, 40, 6, 11, FAT - 20);              /* renal sinus */
      }
  E (cv, 14, 22, 11, 11, BLOOD);                /* aorta */
  E (cv, -20, 22, 12, 9, BLOOD - 2);            /* inferior vena cava */
  for (int side = -1; side <= 1; side += 2)
    {
      if (s >= 19)
        E (cv, 30 * side, 48, 8 + 3 * (int) (s - 19), 9 + 2 * (int) (s - 19), MUSCLE);  /* psoas */
      E (cv, 30 * side, 80, 20, 13, MUSCLE);    /* paraspinal muscles */
    }
  vertebra (cv, 50, 20, 16, s <= 17);
}

/* ---- Rendering ------------------------------------------------------------------------- */

/* Irwin-Hall: the sum of 12 uniform 16-bit numbers, centred; close to Gaussian, SD 65536.
 * Seeded by the pixel's own position rather than drawn from the anatomy's stream, so adding a
 * structure (which draws random numbers) does not change the noise, nor the vial's numbers. */
static int32_t
noise (unsigned slice, int x, int y)
{
  uint64_t state = ((uint64_t) (slice + 1) << 40) ^ ((uint64_t) y << 20) ^ (uint64_t) x;
  int32_t sum = 0;
  for (int k = 0; k < 3; k++)
    {
      uint64_t r = next_random (&state);
      for (int j = 0; j < 4; j++)
        sum += (int32_t) ((r >> (16 * j)) & 0xffff);
    }
  return sum - 12 * 32768;
}

bool
lb_phantom_render_slice (unsigned index, int16_t *hu)
{
  if (index >= LB_PHANTOM_SLICES)
    return false;
  Canvas cv = { .px = malloc ((size_t) HI * HI * sizeof (int16_t)),
                .rng = 0x4c4947485442u * (index + 1) };
  int32_t *lo = malloc ((size_t) N * N * sizeof (int32_t));
  if (cv.px == NULL || lo == NULL)
    {
      free (cv.px);
      free (lo);
      return false;
    }
  for (size_t i = 0; i < (size_t) HI * HI; i++)
    cv.px[i] = AIR;

  if (index < LB_PHANTOM_FIRST_NECK)
    head (&cv, index);
  else if (index < LB_PHANTOM_FIRST_CHEST)
    neck (&cv, index);
  else if (index < LB_PHANTOM_FIRST_ABDOMEN)
    chest (&cv, index);
  else
    abdomen (&cv, index);
  R (&cv, -130, 108, 130, 112, TABLE);
  /* The water vial: acrylic wall, water inside. Its centre is pixel (232, 24). */
  paint (&cv, false, 2090, -2070, MM (14), MM (14), 1, 0, ACRYLIC, INT32_MAX);
  paint (&cv, false, 2090, -2070, MM (12.5), MM (12.5), 1, 0, WATER, INT32_MAX);

  /* Partial volume: average 2 x 2 (kept as a sum, so x4), then noise of SD 12 HU, which the
   * 3 x 3 reconstruction-like kernel below lowers to about 4.5 HU and gives a CT-like grain. */
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      {
        const int16_t *p = cv.px + (2 * y) * HI + 2 * x;
        lo[y * N + x] = p[0] + p[1] + p[HI] + p[HI + 1] + noise (index, x, y) * 3 / 4096;
      }
  static const int w[3] = { 1, 2, 1 };
  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      {
        int32_t sum = 0;
        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              int yy = y + dy < 0 ? 0 : y + dy >= N ? N - 1 : y + dy;
              int xx = x + dx < 0 ? 0 : x + dx >= N ? N - 1 : x + dx;
              sum += w[dy + 1] * w[dx + 1] * lo[yy * N + xx];
            }
        /* sum is 64 times the HU value; round half away from zero. */
        int32_t v = sum >= 0 ? (sum + 32) / 64 : -((-sum + 32) / 64);
        hu[y * N + x] = (int16_t) (v < -2048 ? -2048 : v > 3071 ? 3071 : v);
      }
  free (cv.px);
  free (lo);
  return true;
}

/* ---- DICOM ----------------------------------------------------------------------------- */

void
lb_phantom_file_name (unsigned index, char name[16])
{
  snprintf (name, 16, "CT%02u.dcm", (index + 1) % 100);
}

typedef struct {
  LbDicomBuilder *b;
  LbDicomError **error;
  bool ok;
} Build;

static void
str (Build *d, uint32_t tag, LbDicomVR vr, const char *value)
{
  d->ok = d->ok && lb_dicom_builder_set_string (d->b, tag, vr, value, d->error);
}

static void
ds (Build *d, uint32_t tag, const double *values, size_t n)
{
  d->ok = d->ok && lb_dicom_builder_set_ds (d->b, tag, values, n, d->error);
}

static void
us (Build *d, uint32_t tag, uint16_t value)
{
  d->ok = d->ok && lb_dicom_builder_set_u16 (d->b, tag, value, d->error);
}

#define T(g, e) LB_DICOM_TAG (0x##g, 0x##e)

LbDicomBuilder *
lb_phantom_build_slice (unsigned index, LbDicomError **error)
{
  if (index >= LB_PHANTOM_SLICES)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                          "phantom slice %u does not exist", index);
      return NULL;
    }
  int16_t *hu = malloc ((size_t) N * N * sizeof (int16_t));
  uint8_t *bytes = malloc ((size_t) N * N * 2);
  Build d = { lb_dicom_builder_new (), error, true };
  if (hu == NULL || bytes == NULL || d.b == NULL || !lb_phantom_render_slice (index, hu))
    {
      free (hu);
      free (bytes);
      lb_dicom_builder_free (d.b);
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      return NULL;
    }
  for (size_t i = 0; i < (size_t) N * N; i++)
    {
      uint16_t v = (uint16_t) hu[i];
      bytes[2 * i] = (uint8_t) v;
      bytes[2 * i + 1] = (uint8_t) (v >> 8);
    }
  free (hu);

  char uid[65];
  const char *region = index < LB_PHANTOM_FIRST_NECK ? "BRAIN"
                       : index < LB_PHANTOM_FIRST_CHEST ? "BONE"
                       : index < LB_PHANTOM_FIRST_ABDOMEN ? "LUNG" : "LIVER";
  /* Window 1 is the same on every slice (soft tissue, C 40 W 400: fat to bone cortex start),
   * so scrolling keeps the contrast; window 2 suits the region: brain C 40 W 80 separates grey
   * (+40) from white matter (+26); lung C -600 W 1500 shows vessels in the lung; bone C 500
   * W 2000 (neck); liver C 60 W 160 makes liver, spleen and vessels differ (abdomen). */
  double centre[2] = { 40, 40 }, width[2] = { 400, 80 };
  if (region[1] == 'O')
    centre[1] = 500, width[1] = 2000;
  else if (region[1] == 'U')
    centre[1] = -600, width[1] = 1500;
  else if (region[1] == 'I')
    centre[1] = 60, width[1] = 160;
  char explanation[32];
  snprintf (explanation, sizeof explanation, "SOFT TISSUE\\%s", region);

  str (&d, T (0008, 0005), LB_DICOM_VR_CS, "ISO_IR 192");
  str (&d, T (0008, 0008), LB_DICOM_VR_CS, "ORIGINAL\\PRIMARY\\AXIAL");
  str (&d, T (0008, 0016), LB_DICOM_VR_UI, CT_IMAGE_STORAGE);
  snprintf (uid, sizeof uid, "%s.4.%u", PHANTOM_UID, index + 1);
  str (&d, T (0008, 0018), LB_DICOM_VR_UI, uid);
  /* Fixed dates (the first day of the school year in Korea and Japan): nothing depends on
   * when the phantom was written. */
  static const uint16_t date_tags[] = { 0x0020, 0x0021, 0x0022, 0x0023 };
  static const uint16_t time_tags[] = { 0x0030, 0x0031, 0x0032, 0x0033 };
  for (size_t i = 0; i < 4; i++)
    {
      str (&d, LB_DICOM_TAG (0x0008, date_tags[i]), LB_DICOM_VR_DA, "20250401");
      str (&d, LB_DICOM_TAG (0x0008, time_tags[i]), LB_DICOM_VR_TM, "090000");
    }
  str (&d, T (0008, 0050), LB_DICOM_VR_SH, "");
  str (&d, T (0008, 0060), LB_DICOM_VR_CS, "CT");
  str (&d, T (0008, 0070), LB_DICOM_VR_LO, "Lightbox");
  str (&d, T (0008, 0090), LB_DICOM_VR_PN, "");
  str (&d, T (0008, 1030), LB_DICOM_VR_LO, "Teaching phantom 교육용 팬텀 教育用ファントム");
  str (&d, T (0008, 103E), LB_DICOM_VR_LO, "Head, chest, abdomen (synthetic)");
  str (&d, T (0008, 1090), LB_DICOM_VR_LO, "Lightbox teaching phantom");
  /* Alphabetic, ideographic (模型 教育: "model", "education", read alike in Korean and
   * Japanese) and phonetic (Hangul) name groups; UTF-8 under ISO_IR 192. */
  str (&d, T (0010, 0010), LB_DICOM_VR_PN, "Phantom^Teaching=模型^教育=모형^교육");
  str (&d, T (0010, 0020), LB_DICOM_VR_LO, "LIGHTBOX-PHANTOM");
  str (&d, T (0010, 0030), LB_DICOM_VR_DA, "");
  str (&d, T (0010, 0040), LB_DICOM_VR_CS, "O");

  double v = LB_PHANTOM_SLICE_MM;
  ds (&d, T (0018, 0050), &v, 1);
  v = 120;
  ds (&d, T (0018, 0060), &v, 1);
  v = 500;
  ds (&d, T (0018, 0090), &v, 1);
  v = N * LB_PHANTOM_PIXEL_MM;
  ds (&d, T (0018, 1100), &v, 1);
  v = 0;
  ds (&d, T (0018, 1120), &v, 1);
  v = 150;
  ds (&d, T (0018, 1130), &v, 1);
  str (&d, T (0018, 1140), LB_DICOM_VR_CS, "CW");
  d.ok = d.ok && lb_dicom_builder_set_is (d.b, T (0018, 1150), 1000, error);
  d.ok = d.ok && lb_dicom_builder_set_is (d.b, T (0018, 1151), 200, error);
  d.ok = d.ok && lb_dicom_builder_set_is (d.b, T (0018, 1152), 200, error);
  str (&d, T (0018, 1210), LB_DICOM_VR_SH, "STANDARD");
  str (&d, T (0018, 5100), LB_DICOM_VR_CS, "HFS");

  str (&d, T (0020, 000D), LB_DICOM_VR_UI, PHANTOM_UID ".1");
  str (&d, T (0020, 000E), LB_DICOM_VR_UI, PHANTOM_UID ".2");
  str (&d, T (0020, 0010), LB_DICOM_VR_SH, "1");
  d.ok = d.ok && lb_dicom_builder_set_is (d.b, T (0020, 0011), 1, error);
  d.ok = d.ok && lb_dicom_builder_set_is (d.b, T (0020, 0012), 1, error);
  d.ok = d.ok && lb_dicom_builder_set_is (d.b, T (0020, 0013), index + 1, error);
  /* Top-left pixel centre; z falls from the top of the head (+115) to the abdomen (-115). */
  double z = 115.0 - LB_PHANTOM_SLICE_MM * index;
  double corner = -(N - 1) * LB_PHANTOM_PIXEL_MM / 2;
  double position[3] = { corner, corner, z };
  static const double orientation[6] = { 1, 0, 0, 0, 1, 0 };
  ds (&d, T (0020, 0032), position, 3);
  ds (&d, T (0020, 0037), orientation, 6);
  str (&d, T (0020, 0052), LB_DICOM_VR_UI, PHANTOM_UID ".3");
  str (&d, T (0020, 0062), LB_DICOM_VR_CS, "U");   /* unpaired: no Laterality needed */
  str (&d, T (0020, 1040), LB_DICOM_VR_LO, "");
  ds (&d, T (0020, 1041), &z, 1);
  str (&d, T (0020, 4000), LB_DICOM_VR_LT,
       "Synthetic teaching phantom made by Lightbox, not a patient. Stored value = HU. "
       "Water vial (0 HU) at column 232, row 24.");

  us (&d, T (0028, 0002), 1);
  str (&d, T (0028, 0004), LB_DICOM_VR_CS, "MONOCHROME2");
  us (&d, T (0028, 0010), N);
  us (&d, T (0028, 0011), N);
  static const double spacing[2] = { LB_PHANTOM_PIXEL_MM, LB_PHANTOM_PIXEL_MM };
  ds (&d, T (0028, 0030), spacing, 2);
  us (&d, T (0028, 0100), 16);
  us (&d, T (0028, 0101), 16);
  us (&d, T (0028, 0102), 15);
  us (&d, T (0028, 0103), 1);
  ds (&d, T (0028, 1050), centre, 2);
  ds (&d, T (0028, 1051), width, 2);
  v = 0;
  ds (&d, T (0028, 1052), &v, 1);
  v = 1;
  ds (&d, T (0028, 1053), &v, 1);
  str (&d, T (0028, 1054), LB_DICOM_VR_LO, "HU");
  str (&d, T (0028, 1055), LB_DICOM_VR_LO, explanation);
  str (&d, T (0028, 2110), LB_DICOM_VR_CS, "00");
  d.ok = d.ok && lb_dicom_builder_set_bytes (d.b, LB_DICOM_TAG_PIXEL_DATA, LB_DICOM_VR_OW,
                                             bytes, (size_t) N * N * 2, error);
  free (bytes);
  if (!d.ok)
    {
      lb_dicom_builder_free (d.b);
      return NULL;
    }
  return d.b;
}

bool
lb_phantom_write (const char *dir, LbDicomWriteFlags flags, LbDicomError **error)
{
  for (unsigned i = 0; i < LB_PHANTOM_SLICES; i++)
    {
      LbDicomBuilder *b = lb_phantom_build_slice (i, error);
      if (b == NULL)
        return false;
      char name[16], path[4096];
      lb_phantom_file_name (i, name);
      if ((size_t) snprintf (path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        {
          lb_dicom_builder_free (b);
          return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                                     "output path too long");
        }
      bool ok = lb_dicom_builder_write_file (b, path, NULL, flags, error);
      lb_dicom_builder_free (b);
      if (!ok)
        return false;
    }
  return true;
}
