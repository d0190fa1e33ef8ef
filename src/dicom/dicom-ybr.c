/* dicom-ybr.c: YBR_FULL, YBR_FULL_422 and YBR_PARTIAL_420 frames to RGB, in place.
 *
 * The standard gives the equations (PS3.3 C.7.6.3.1.2) but not the rounding, and viewers round
 * differently. Lightbox shows what DCMTK shows, and DCMTK converts in two places:
 *
 *  - Native, RLE, JPEG-LS, JPEG 2000... data reaches dcmimage (diybrpxt.h, diyf2pxt.h) still in
 *    YBR. For 8-bit unsigned YBR_FULL it adds three integer tables, each entry a product
 *    truncated toward zero with the offset folded in (R = Y + trunc(1.4020 Cr - 0.7010 max));
 *    for YBR_FULL_422 and for any other depth it evaluates the same products in double and
 *    truncates the sum. Both clamp to [0, max], max = 2^BitsStored - 1.
 *  - JPEG (all four ISO 10918 syntaxes): dcmjpeg lets libjpeg convert when the Photometric
 *    Interpretation is YBR_*, so the frame never reaches dcmimage as YBR. libjpeg uses the JFIF
 *    fixed-point form: 16 fraction bits, the products rounded to nearest, green's two products
 *    summed before one rounding (floor of sum + 1/2).
 *
 * The two differ by a level on about a third of the samples, hence LbDicomYbrArithmetic.
 * YBR_PARTIAL_420 (only from codecs) keeps the rounded BT.601 form. */
#include "dicom-ybr.h"

#include <math.h>
#include <stdint.h>

static inline uint32_t
get (const LbDicomFrame *f, size_t i)
{
  switch (f->type)
    {
    case LB_DICOM_SAMPLE_U8:
      return ((const uint8_t *) f->data)[i];
    case LB_DICOM_SAMPLE_U16:
      return ((const uint16_t *) f->data)[i];
    case LB_DICOM_SAMPLE_U32:
      return ((const uint32_t *) f->data)[i];
    default:
      return 0;
    }
}

static inline void
put (LbDicomFrame *f, size_t i, int64_t v, int64_t top)
{
  uint32_t c = (uint32_t) (v < 0 ? 0 : v > top ? top : v);
  switch (f->type)
    {
    case LB_DICOM_SAMPLE_U8:
      ((uint8_t *) f->data)[i] = (uint8_t) c;
      break;
    case LB_DICOM_SAMPLE_U16:
      ((uint16_t *) f->data)[i] = (uint16_t) c;
      break;
    case LB_DICOM_SAMPLE_U32:
      ((uint32_t *) f->data)[i] = c;
      break;
    default:
      break;
    }
}

static bool
unsigned_type (const LbDicomFrame *f)
{
  return f->type == LB_DICOM_SAMPLE_U8 || f->type == LB_DICOM_SAMPLE_U16
         || f->type == LB_DICOM_SAMPLE_U32;
}

/* dcmimage, 8-bit YBR_FULL: per-term tables, each term truncated toward zero (a C cast). */
static void
dcmimage_tables (LbDicomFrame *f, size_t npix)
{
  int32_t r_cr[256], g_cb[256], g_cr[256], b_cb[256];
  for (int l = 0; l < 256; l++)
    {
      r_cr[l] = (int32_t) (1.4020 * l - 0.7010 * 255);
      g_cb[l] = (int32_t) (0.3441 * l);
      g_cr[l] = (int32_t) (0.7141 * l - 0.5291 * 255);
      b_cb[l] = (int32_t) (1.7720 * l - 0.8859 * 255);
    }
  uint8_t *d = f->data;
  for (size_t p = 0; p < npix; p++, d += 3)
    {
      int32_t y = d[0], cb = d[1], cr = d[2];
      put (f, 3 * p, y + r_cr[cr], 255);
      put (f, 3 * p + 1, y - g_cb[cb] - g_cr[cr], 255);
      put (f, 3 * p + 2, y + b_cb[cb], 255);
    }
}

/* dcmimage, everything else: the same constants in double, the sum truncated. */
static void
dcmimage_double (LbDicomFrame *f, size_t npix, int64_t top)
{
  double max = (double) top;
  for (size_t p = 0; p < npix; p++)
    {
      double y = get (f, 3 * p), cb = get (f, 3 * p + 1), cr = get (f, 3 * p + 2);
      double rgb[3] = { y + 1.4020 * cr - 0.7010 * max,
                        y - 0.3441 * cb - 0.7141 * cr + 0.5291 * max,
                        y + 1.7720 * cb - 0.8859 * max };
      for (int k = 0; k < 3; k++)
        put (f, 3 * p + k, rgb[k] < 0 ? 0 : rgb[k] > max ? top : (int64_t) rgb[k], top);
    }
}

/* floor (v / 2^16) without relying on the sign behaviour of >> */
static inline int64_t
descale (int64_t v)
{
  return v >= 0 ? v >> 16 : -((-v + 0xFFFF) >> 16);
}

/* libjpeg (JFIF): 16-bit fixed point, rounded; centre 2^(bits-1). */
static void
libjpeg_fixed (LbDicomFrame *f, size_t npix, int64_t top)
{
  const int64_t fix_r_cr = 91881, fix_b_cb = 116130;   /* round (1.40200 * 2^16), 1.77200 */
  const int64_t fix_g_cr = 46802, fix_g_cb = 22554;    /* 0.71414, 0.34414 */
  const int64_t half = 1 << 15, centre = (top + 1) / 2;
  for (size_t p = 0; p < npix; p++)
    {
      int64_t y = get (f, 3 * p), cb = (int64_t) get (f, 3 * p + 1) - centre,
              cr = (int64_t) get (f, 3 * p + 2) - centre;
      put (f, 3 * p, y + descale (fix_r_cr * cr + half), top);
      put (f, 3 * p + 1, y + descale (-fix_g_cb * cb - fix_g_cr * cr + half), top);
      put (f, 3 * p + 2, y + descale (fix_b_cb * cb + half), top);
    }
}

/* YBR_PARTIAL (BT.601 studio range), rounded to nearest. */
static void
partial_bt601 (LbDicomFrame *f, size_t npix, int64_t top)
{
  double max = (double) top, half = (double) ((top + 1) / 2), k = max / 255.0;
  for (size_t p = 0; p < npix; p++)
    {
      double y = 1.1644 * (get (f, 3 * p) - 16 * k);
      double cb = get (f, 3 * p + 1) - half, cr = get (f, 3 * p + 2) - half;
      double rgb[3] = { y + 1.5960 * cr, y - 0.3918 * cb - 0.8130 * cr, y + 2.0172 * cb };
      for (int c = 0; c < 3; c++)
        put (f, 3 * p + c, (int64_t) floor (rgb[c] + 0.5), top);
    }
}

void
lb_dicom_ybr_to_rgb (LbDicomFrame *f, LbDicomPhotometric photometric, LbDicomYbrArithmetic how)
{
  if (f->samples != 3 || !unsigned_type (f) || f->bits == 0 || f->bits > 32)
    return;
  size_t npix = (size_t) f->width * f->height;
  int64_t top = (int64_t) ((1ull << f->bits) - 1);

  if (photometric == LB_DICOM_PHOTOMETRIC_YBR_PARTIAL_420)
    partial_bt601 (f, npix, top);
  else if (how == LB_DICOM_YBR_LIKE_LIBJPEG)
    libjpeg_fixed (f, npix, top);
  else if (photometric == LB_DICOM_PHOTOMETRIC_YBR_FULL && f->type == LB_DICOM_SAMPLE_U8
           && f->bits == 8)
    dcmimage_tables (f, npix);
  else
    dcmimage_double (f, npix, top);
}
