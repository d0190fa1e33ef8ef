/* test-dicom-voi.c: each stage of the display pipeline against values worked out by hand from
 * the formulas of PS3.3 C.11 (modality LUT C.11.1, VOI C.11.2.1.2, presentation C.11.6). */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "dicom-pixel-internal.h"
#include "lb-dicom-pixel.h"

static LbDicomDisplay
display_new (double slope, double intercept, LbDicomVoiFunction f, double c, double w)
{
  LbDicomDisplay d;
  memset (&d, 0, sizeof d);
  d.slope = slope;
  d.intercept = intercept;
  d.voi_source = LB_DICOM_VOI_SOURCE_WINDOW;
  d.function = f;
  d.center = c;
  d.width = w;
  return d;
}

static void
test_linear (void)
{
  /* c = 40, w = 400: borders at c - 0.5 -+ (w - 1) / 2 = -160 and 239. */
  LbDicomVoiFunction f = LB_DICOM_VOI_LINEAR;
  g_assert_cmpfloat (lb_dicom_voi_window (f, 40, 400, -160, 0, 255), ==, 0);
  g_assert_cmpfloat (lb_dicom_voi_window (f, 40, 400, -1000, 0, 255), ==, 0);
  g_assert_cmpfloat (lb_dicom_voi_window (f, 40, 400, 239.5, 0, 255), ==, 255);
  /* x = c - 0.5 is the middle: ((0) / 399 + 0.5) * 255 = 127.5 */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 40, 400, 39.5, 0, 255), 127.5, 1e-9);
  /* x = 239 (right border, still inside): (199.5 / 399 + 0.5) * 255 = 255 */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 40, 400, 239, 0, 255), 255, 1e-9);
  /* x = 0: ((0 - 39.5) / 399 + 0.5) * 255 = 102.255639... */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 40, 400, 0, 0, 255),
                                  (-39.5 / 399 + 0.5) * 255, 1e-9);
  /* y_min / y_max other than 0..255: ((100 - 99.5) / 9 + 0.5) * 1000 + 10 = 565.5555... */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 100, 10, 100, 10, 1010),
                                  (0.5 / 9 + 0.5) * 1000 + 10, 1e-9);
  /* Width 1 (the minimum): a step at c - 0.5. */
  g_assert_cmpfloat (lb_dicom_voi_window (f, 10, 1, 9.5, 0, 255), ==, 0);
  g_assert_cmpfloat (lb_dicom_voi_window (f, 10, 1, 9.6, 0, 255), ==, 255);
}

static void
test_linear_exact (void)
{
  LbDicomVoiFunction f = LB_DICOM_VOI_LINEAR_EXACT;
  /* c = 0, w = 100: x <= -50 -> 0, x > 50 -> 255, else ((x - 0) / 100 + 0.5) * 255 */
  g_assert_cmpfloat (lb_dicom_voi_window (f, 0, 100, -50, 0, 255), ==, 0);
  g_assert_cmpfloat (lb_dicom_voi_window (f, 0, 100, 50.01, 0, 255), ==, 255);
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 0, 100, 25, 0, 255), 191.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 0, 100, 50, 0, 255), 255, 1e-9);
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 0, 100, 0, 0, 255), 127.5, 1e-9);
  /* Width below 1 is allowed for LINEAR_EXACT (unlike LINEAR): w = 0.5 around 3. */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 3, 0.5, 3.125, 0, 1), 0.75, 1e-9);
}

static void
test_sigmoid (void)
{
  LbDicomVoiFunction f = LB_DICOM_VOI_SIGMOID;
  /* y = 255 / (1 + exp (-4 (x - c) / w)) */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 0, 100, 0, 0, 255), 127.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 0, 100, 25, 0, 255),
                                  255 / (1 + exp (-1.0)), 1e-9);          /* 186.4024... */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 0, 100, -25, 0, 255),
                                  255 / (1 + exp (1.0)), 1e-9);           /* 68.5975... */
  g_assert_cmpfloat_with_epsilon (lb_dicom_voi_window (f, 40, 80, 40, 0, 255), 127.5, 1e-9);
  g_assert_cmpstr (lb_dicom_voi_function_name (lb_dicom_voi_function_from_string ("SIGMOID ")),
                   ==, "SIGMOID");
  g_assert_cmpint (lb_dicom_voi_function_from_string ("LINEAR_EXACT"), ==,
                   LB_DICOM_VOI_LINEAR_EXACT);
  g_assert_cmpint (lb_dicom_voi_function_from_string ("bogus"), ==, LB_DICOM_VOI_LINEAR);
}

static void
test_modality (void)
{
  LbDicomDisplay d = display_new (2, -1024, LB_DICOM_VOI_LINEAR, 0, 100);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, 1000), ==, 976);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, 0), ==, -1024);

  /* Modality LUT: first mapped -2, three entries. Below the first -> entry 0; above -> last. */
  uint16_t entries[] = { 10, 20, 30 };
  LbDicomLut lut = { .first_mapped = -2, .count = 3, .bits = 16, .data = entries };
  d.modality_lut = &lut;
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, -5), ==, 10);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, -2), ==, 10);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, -1), ==, 20);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, 0), ==, 30);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, 7), ==, 30);
}

static void
test_voi_lut_and_presentation (void)
{
  /* An 8-bit VOI LUT: entry / 255 is the VOI output; 4 entries from modality value 100. */
  uint16_t entries[] = { 0, 51, 204, 255 };
  LbDicomLut lut = { .first_mapped = 100, .count = 4, .bits = 8, .data = entries };
  LbDicomDisplay d = display_new (1, 0, LB_DICOM_VOI_LINEAR, 0, 1);
  d.voi_source = LB_DICOM_VOI_SOURCE_LUT;
  d.voi_lut = &lut;
  g_assert_cmpfloat_with_epsilon (lb_dicom_modality_to_voi (&d, 101), 0.2, 1e-12);
  g_assert_cmpint (lb_dicom_display_map (&d, 101), ==, 51);
  g_assert_cmpint (lb_dicom_display_map (&d, 102), ==, 204);
  g_assert_cmpint (lb_dicom_display_map (&d, 50), ==, 0);
  g_assert_cmpint (lb_dicom_display_map (&d, 500), ==, 255);
  /* MONOCHROME1 / INVERSE: 255 - y. */
  d.invert = TRUE;
  g_assert_cmpint (lb_dicom_display_map (&d, 101), ==, 204);
  g_assert_cmpint (lb_dicom_display_map (&d, 500), ==, 0);
}

static void
test_display_map_linear (void)
{
  /* CT: stored 1024 + HU; window 40/400. HU -160 -> 0, 239.5 -> 255, 39.5 -> floor (127.5). */
  LbDicomDisplay d = display_new (1, -1024, LB_DICOM_VOI_LINEAR, 40, 400);
  g_assert_cmpint (lb_dicom_display_map (&d, 1024 - 160), ==, 0);
  g_assert_cmpint (lb_dicom_display_map (&d, 1024 + 240), ==, 255);
  g_assert_cmpint (lb_dicom_display_map (&d, 1024 + 40), ==, 127);   /* (0.5/399+0.5)*255=127.8 */
  g_assert_cmpint (lb_dicom_display_map (&d, 1024 + 0), ==, 102);    /* 102.26 */
  d.invert = TRUE;
  g_assert_cmpint (lb_dicom_display_map (&d, 1024 + 0), ==, 152);    /* 255 - 102.26 = 152.7 */
  g_assert_cmpint (lb_dicom_display_map (&d, 1024 - 500), ==, 255);
  /* SIGMOID through the map: x = c gives 127.5 -> 127. */
  LbDicomDisplay s = display_new (1, 0, LB_DICOM_VOI_SIGMOID, 100, 50);
  g_assert_cmpint (lb_dicom_display_map (&s, 100), ==, 127);
}

static void
test_display_map_not_finite (void)
{
  /* Float pixel data may hold NaN and infinities (a fuzzer found NaN reaching the uint8_t
   * cast): NaN shows black (white when inverted), infinities go to the window's ends. */
  LbDicomVoiFunction functions[] = { LB_DICOM_VOI_LINEAR, LB_DICOM_VOI_LINEAR_EXACT,
                                     LB_DICOM_VOI_SIGMOID };
  for (size_t k = 0; k < G_N_ELEMENTS (functions); k++)
    {
      LbDicomDisplay d = display_new (1, 0, functions[k], 40, 400);
      g_assert_cmpint (lb_dicom_display_map (&d, NAN), ==, 0);
      g_assert_cmpint (lb_dicom_display_map (&d, INFINITY), ==, 255);
      g_assert_cmpint (lb_dicom_display_map (&d, -INFINITY), ==, 0);
      d.invert = TRUE;
      g_assert_cmpint (lb_dicom_display_map (&d, NAN), ==, 255);
      g_assert_cmpint (lb_dicom_display_map (&d, INFINITY), ==, 0);
    }
}

static LbDicomFrame
make_frame (LbDicomSampleType type, void *data, uint32_t w, uint32_t h, uint16_t bits,
            bool is_signed)
{
  LbDicomFrame f;
  memset (&f, 0, sizeof f);
  f.width = w;
  f.height = h;
  f.samples = 1;
  f.bits = bits;
  f.is_signed = is_signed;
  f.type = type;
  f.photometric = LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  f.data = data;
  f.data_len = (size_t) w * h * lb_dicom_sample_type_size (type);
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < (size_t) w * h; i++)
    {
      lo = fmin (lo, lb_dicom_frame_get_sample (&f, i));
      hi = fmax (hi, lb_dicom_frame_get_sample (&f, i));
    }
  f.min = lo;
  f.max = hi;
  return f;
}

static void
test_lut_render (void)
{
  int16_t px[] = { -2048, -1, 0, 1, 1000, 2047 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_S16, px, 3, 2, 12, true);
  LbDicomDisplayLut *lut = lb_dicom_display_lut_new (&f);
  g_assert_nonnull (lut);
  g_assert_cmpint (lut->first, ==, -2048);
  g_assert_cmpuint (lut->count, ==, 4096);
  LbDicomDisplay d = display_new (1, -1000, LB_DICOM_VOI_LINEAR, 0, 2000);
  lb_dicom_display_lut_build (lut, &d);
  uint8_t grey[6];
  uint8_t rgb[3 * 6];
  uint32_t xrgb[6];
  lb_dicom_render (lut, &f, LB_DICOM_RENDER_GREY8, grey, 3);
  lb_dicom_render (lut, &f, LB_DICOM_RENDER_RGB24, rgb, 9);
  lb_dicom_render (lut, &f, LB_DICOM_RENDER_XRGB32, (uint8_t *) xrgb, 12);
  for (int i = 0; i < 6; i++)
    {
      uint8_t want = lb_dicom_display_map (&d, px[i]);
      g_assert_cmpint (grey[i], ==, want);
      g_assert_cmpint (rgb[3 * i], ==, want);
      g_assert_cmpint (rgb[3 * i + 2], ==, want);
      g_assert_cmphex (xrgb[i], ==, 0xff000000u | want * 0x010101u);
    }
  /* Re-windowing rebuilds only the table. */
  d.center = 500;
  lb_dicom_display_lut_build (lut, &d);
  lb_dicom_render (lut, &f, LB_DICOM_RENDER_GREY8, grey, 3);
  g_assert_cmpint (grey[4], ==, lb_dicom_display_map (&d, 1000));
  lb_dicom_display_lut_free (lut);

  /* Float frames are not indexable: the per-pixel path gives the same answers. */
  float fp[] = { -1.5f, 0.25f, 3.0f, 100.0f };
  LbDicomFrame ff = make_frame (LB_DICOM_SAMPLE_F32, fp, 2, 2, 32, false);
  lut = lb_dicom_display_lut_new (&ff);
  g_assert_cmpuint (lut->count, ==, 0);
  LbDicomDisplay e = display_new (0.5, 0, LB_DICOM_VOI_LINEAR_EXACT, 0.5, 2);
  lb_dicom_display_lut_build (lut, &e);
  uint8_t g4[4];
  lb_dicom_render (lut, &ff, LB_DICOM_RENDER_GREY8, g4, 2);
  /* modality 0.125: ((0.125 - 0.5) / 2 + 0.5) * 255 = 79.6875 -> 79 */
  g_assert_cmpint (g4[1], ==, 79);
  g_assert_cmpint (g4[0], ==, 0);
  g_assert_cmpint (g4[3], ==, 255);
  lb_dicom_display_lut_free (lut);
}

static void
test_histogram (void)
{
  /* Stored 0, 1, 1, 2, 2, 2 with HU = 10 * s - 5: -5, 5, 5, 15, 15, 15.
   * mean = 50 / 6 = 8.333..., population SD = sqrt (mean of squares - mean^2). */
  uint16_t px[] = { 0, 1, 1, 2, 2, 2 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_U16, px, 6, 1, 12, false);
  LbDicomDisplay d = display_new (10, -5, LB_DICOM_VOI_LINEAR, 0, 1);
  LbDicomHistogram *h = lb_dicom_histogram_new (&f, &d, 0);
  g_assert_nonnull (h);
  g_assert_cmpfloat (h->min, ==, -5);
  g_assert_cmpfloat (h->max, ==, 15);
  g_assert_cmpuint (h->count, ==, 6);
  g_assert_cmpfloat_with_epsilon (h->mean, 50.0 / 6, 1e-9);
  double ms = (25 + 25 + 25 + 3 * 225) / 6.0;
  g_assert_cmpfloat_with_epsilon (h->sd, sqrt (ms - (50.0 / 6) * (50.0 / 6)), 1e-9);
  g_assert_cmpuint (h->n_bins, ==, 21);          /* one bin per integer HU, -5..15 */
  g_assert_cmpuint (h->bins[0], ==, 1);
  g_assert_cmpuint (h->bins[10], ==, 2);
  g_assert_cmpuint (h->bins[20], ==, 3);
  lb_dicom_histogram_free (h);
  h = lb_dicom_histogram_new (&f, &d, 2);        /* two bins of 10 HU */
  g_assert_cmpuint (h->bins[0], ==, 1);
  g_assert_cmpuint (h->bins[1], ==, 5);
  lb_dicom_histogram_free (h);
}

static void
test_display_init (void)
{
  LbDicomWindow windows[] = { { 40, 400, NULL }, { -600, 1500, (char *) "LUNG" } };
  LbDicomImageInfo info;
  memset (&info, 0, sizeof info);
  info.frame_info.photometric = LB_DICOM_PHOTOMETRIC_MONOCHROME1;
  info.rescale_slope = 1;
  info.rescale_intercept = -1024;
  info.windows = windows;
  info.n_windows = 2;
  info.voi_function = LB_DICOM_VOI_SIGMOID;
  LbDicomDisplay d;
  lb_dicom_display_init (&d, &info, NULL);
  g_assert_true (d.invert);
  g_assert_cmpfloat (d.center, ==, 40);
  g_assert_cmpint (d.function, ==, LB_DICOM_VOI_SIGMOID);
  g_assert_true (lb_dicom_display_set_stored_window (&d, &info, 1));
  g_assert_cmpfloat (d.center, ==, -600);
  g_assert_false (lb_dicom_display_set_stored_window (&d, &info, 2));
  info.presentation_inverse = true;   /* MONOCHROME1 + INVERSE cancel */
  lb_dicom_display_init (&d, &info, NULL);
  g_assert_false (d.invert);

  /* No window: min/max of the frame's modality values, LINEAR_EXACT, so min -> 0, max -> 255. */
  info.n_windows = 0;
  uint16_t px[] = { 1000, 1100, 1200, 1300 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_U16, px, 2, 2, 12, false);
  lb_dicom_display_init (&d, &info, &f);
  g_assert_cmpfloat (d.center, ==, 126);   /* (-24 + 276) / 2 */
  g_assert_cmpfloat (d.width, ==, 300);
  d.invert = false;
  g_assert_cmpint (lb_dicom_display_map (&d, 1000), ==, 0);
  g_assert_cmpint (lb_dicom_display_map (&d, 1300), ==, 255);
}

static void
test_presets (void)
{
  const LbDicomPreset *p = lb_dicom_preset_lookup ("lung");
  g_assert_nonnull (p);
  g_assert_cmpfloat (p->center, ==, -600);
  g_assert_cmpfloat (p->width, ==, 1500);
  g_assert_cmpfloat (p->lower, ==, -1350);
  g_assert_cmpfloat (p->upper, ==, 150);
  g_assert_nonnull (strstr (p->source, "Radiopaedia"));
  g_assert_nonnull (lb_dicom_preset_lookup ("BRAIN"));
  g_assert_null (lb_dicom_preset_lookup ("nonsense"));
  const char *need[] = { "brain", "subdural", "stroke", "lung", "mediastinum", "abdomen",
                         "liver", "bone" };
  for (size_t i = 0; i < G_N_ELEMENTS (need); i++)
    {
      const LbDicomPreset *q = lb_dicom_preset_lookup (need[i]);
      g_assert_nonnull (q);
      g_assert_cmpfloat (q->lower, ==, q->center - q->width / 2);
      g_assert_cmpfloat (q->upper, ==, q->center + q->width / 2);
      g_assert_true (q->source != NULL && q->source[0] != '\0');
    }
  size_t n = 0;
  lb_dicom_presets (&n);
  const LbDicomPreset *ct[32];
  g_assert_cmpuint (lb_dicom_presets_for_modality ("CT", ct, 32), ==, n);
  g_assert_cmpuint (lb_dicom_presets_for_modality ("MR", ct, 32), ==, 0);
}

static void
test_segmented (void)
{
  /* C.7.9.2: discrete (0, 2: 0 10), linear (1, 3: to 40 -> 20 30 40), indirect (2, 1 segment
   * at word offset 0: replays the discrete 0 10), linear (1, 2 to 0: from 10 -> 5 0). */
  uint16_t w[] = { 0, 2, 0, 10, 1, 3, 40, 2, 1, 0, 0, 1, 2, 0 };
  uint16_t out[16];
  long n = lb_dicom_lut_expand_segmented (w, G_N_ELEMENTS (w), out, 16);
  uint16_t want[] = { 0, 10, 20, 30, 40, 0, 10, 5, 0 };
  g_assert_cmpint (n, ==, G_N_ELEMENTS (want));
  for (size_t i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpuint (out[i], ==, want[i]);
  /* Malformed: a linear segment first, an unknown opcode, an overflow. */
  uint16_t bad1[] = { 1, 2, 5 };
  uint16_t bad2[] = { 7, 1, 0 };
  g_assert_cmpint (lb_dicom_lut_expand_segmented (bad1, 3, out, 16), ==, -1);
  g_assert_cmpint (lb_dicom_lut_expand_segmented (bad2, 3, out, 16), ==, -1);
  g_assert_cmpint (lb_dicom_lut_expand_segmented (w, G_N_ELEMENTS (w), out, 4), ==, -1);
}

static void
test_reduce (void)
{
  uint16_t px[] = { 0, 2, 4, 6,
                    2, 4, 6, 8,
                    10, 10, 20, 20,
                    10, 10, 20, 21 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_U16, px, 4, 4, 12, false);
  LbDicomFrame *r = lb_dicom_frame_reduce (&f, 2, 2);
  g_assert_nonnull (r);
  const uint16_t *d = r->data;
  g_assert_cmpuint (d[0], ==, 2);    /* (0+2+2+4)/4 */
  g_assert_cmpuint (d[1], ==, 6);    /* (4+6+6+8)/4 */
  g_assert_cmpuint (d[2], ==, 10);
  g_assert_cmpuint (d[3], ==, 20);   /* 81/4 = 20.25 */
  lb_dicom_frame_free (r);
  g_assert_null (lb_dicom_frame_reduce (&f, 5, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/voi/linear", test_linear);
  g_test_add_func ("/voi/linear-exact", test_linear_exact);
  g_test_add_func ("/voi/sigmoid", test_sigmoid);
  g_test_add_func ("/voi/modality", test_modality);
  g_test_add_func ("/voi/voi-lut-presentation", test_voi_lut_and_presentation);
  g_test_add_func ("/voi/display-map-linear", test_display_map_linear);
  g_test_add_func ("/voi/display-map-not-finite", test_display_map_not_finite);
  g_test_add_func ("/voi/lut-render", test_lut_render);
  g_test_add_func ("/voi/histogram", test_histogram);
  g_test_add_func ("/voi/display-init", test_display_init);
  g_test_add_func ("/voi/presets", test_presets);
  g_test_add_func ("/voi/segmented-palette", test_segmented);
  g_test_add_func ("/voi/reduce", test_reduce);
  return g_test_run ();
}
