/* dicom-voi.c: the display pipeline as pure functions (PS3.3 C.11): modality LUT, VOI window
 * functions and VOI LUT, presentation inversion; the folded stored-value table, rendering into
 * grey, RGB or cairo pixels, and the histogram of modality values. No file access here. */
#include "lb-dicom-pixel.h"
#include "dicom-measure-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Stages ----------------------------------------------------------------------------- */

uint16_t
lb_dicom_lut_lookup (const LbDicomLut *lut, double x)
{
  if (lut == NULL || lut->count == 0 || lut->data == NULL)
    return 0;
  /* Values below the first mapped value take entry 0, above the last the last entry. */
  double i = floor (x) - (double) lut->first_mapped;
  if (!(i > 0))
    return lut->data[0];
  if (i >= (double) (lut->count - 1))
    return lut->data[lut->count - 1];
  return lut->data[(size_t) i];
}

const char *
lb_dicom_voi_function_name (LbDicomVoiFunction f)
{
  switch (f)
    {
    case LB_DICOM_VOI_LINEAR_EXACT: return "LINEAR_EXACT";
    case LB_DICOM_VOI_SIGMOID: return "SIGMOID";
    case LB_DICOM_VOI_LINEAR:
    default: return "LINEAR";
    }
}

LbDicomVoiFunction
lb_dicom_voi_function_from_string (const char *value)
{
  if (value == NULL)
    return LB_DICOM_VOI_LINEAR;
  while (*value == ' ')
    value++;
  size_t n = strlen (value);
  while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\0'))
    n--;
  if (n == 12 && strncasecmp (value, "LINEAR_EXACT", 12) == 0)
    return LB_DICOM_VOI_LINEAR_EXACT;
  if (n == 7 && strncasecmp (value, "SIGMOID", 7) == 0)
    return LB_DICOM_VOI_SIGMOID;
  return LB_DICOM_VOI_LINEAR;
}

double
lb_dicom_stored_to_modality (const LbDicomDisplay *display, double stored)
{
  if (display->modality_lut != NULL)
    return lb_dicom_lut_lookup (display->modality_lut, stored);
  return display->slope * stored + display->intercept;
}

double
lb_dicom_voi_window (LbDicomVoiFunction function, double center, double width, double x,
                     double y_min, double y_max)
{
  double range = y_max - y_min;

  switch (function)
    {
    case LB_DICOM_VOI_LINEAR_EXACT:
      {
        /* C.11.2.1.3.2: width must be > 0. */
        if (!(width > 0))
          width = 1e-9;
        if (x <= center - width / 2)
          return y_min;
        if (x > center + width / 2)
          return y_max;
        return ((x - center) / width + 0.5) * range + y_min;
      }
    case LB_DICOM_VOI_SIGMOID:
      {
        if (!(width > 0))
          width = 1e-9;
        return range / (1 + exp (-4 * (x - center) / width)) + y_min;
      }
    case LB_DICOM_VOI_LINEAR:
    default:
      {
        /* C.11.2.1.2.1: width >= 1. With width exactly 1 the ramp has no inside: the two
         * borders coincide and the comparisons below decide every x. */
        if (!(width >= 1))
          width = 1;
        double lo = center - 0.5 - (width - 1) / 2;
        double hi = center - 0.5 + (width - 1) / 2;
        if (x <= lo)
          return y_min;
        if (x > hi)
          return y_max;
        return ((x - (center - 0.5)) / (width - 1) + 0.5) * range + y_min;
      }
    }
}

double
lb_dicom_modality_to_voi (const LbDicomDisplay *display, double modality)
{
  double v;
  const LbDicomLut *vlut = display->voi_lut;

  if (display->voi_source == LB_DICOM_VOI_SOURCE_LUT && vlut != NULL && vlut->bits > 0)
    {
      /* The VOI LUT output spans 0 .. 2^bits - 1 (LUT Descriptor value 3). */
      double top = (double) ((1u << (vlut->bits > 16 ? 16 : vlut->bits)) - 1);
      v = lb_dicom_lut_lookup (vlut, modality) / top;
    }
  else
    v = lb_dicom_voi_window (display->function, display->center, display->width, modality,
                             0.0, 1.0);
  if (!(v >= 0))   /* also NaN */
    v = 0;
  if (v > 1)
    v = 1;
  return v;
}

uint8_t
lb_dicom_display_map (const LbDicomDisplay *display, double stored)
{
  /* Grey levels are the standard's output floored, and MONOCHROME1 / INVERSE floors 255 - y:
   * that is what DCMTK's dcm2pnm writes, and the corpus references come from it. */
  double m = lb_dicom_stored_to_modality (display, stored);
  /* DCMTK keeps the modality values of integer pixel data as integers (truncated); with
   * |slope| >= 1 that loses less than one stored step, so we do the same and match it pixel
   * for pixel. Smaller slopes (PET SUV, 0.001) stay exact. */
  if (display->modality_lut == NULL && fabs (display->slope) >= 1 && stored == floor (stored))
    m = trunc (m);
  /* Float pixel data can hold NaN, which fails every comparison below and would reach the
   * uint8_t cast (undefined): show it as black. Infinities go to the ends of the window. */
  if (isnan (m))
    return display->invert ? 255 : 0;
  if (display->voi_source != LB_DICOM_VOI_SOURCE_LUT && display->function == LB_DICOM_VOI_LINEAR)
    {
      /* LINEAR as an offset and a gradient over the output range [low, high] (reversed for
       * MONOCHROME1 / INVERSE), truncated: the same line as lb_dicom_voi_window, evaluated in
       * DCMTK's order so that values exactly on a grey-level border land on the same side. */
      double w_1 = (display->width >= 1 ? display->width : 1) - 1, c = display->center;
      double low = display->invert ? 255 : 0, high = display->invert ? 0 : 255;
      double outrange = high - low;
      if (m <= c - 0.5 - w_1 / 2)
        return (uint8_t) low;
      if (m > c - 0.5 + w_1 / 2)
        return (uint8_t) high;
      double offset = w_1 == 0 ? 0 : high - ((c - 0.5) / w_1 + 0.5) * outrange;
      double gradient = w_1 == 0 ? 0 : outrange / w_1;
      double y = offset + m * gradient;
      return (uint8_t) (y <= 0 ? 0 : y >= 255 ? 255 : y);
    }
  double y = lb_dicom_modality_to_voi (display, m) * 255.0;
  if (!(y >= 0))
    y = 0;
  if (y > 255)
    y = 255;
  int g = (int) floor (display->invert ? 255.0 - y : y);
  return (uint8_t) (g < 0 ? 0 : g > 255 ? 255 : g);
}

/* ---- Display state ---------------------------------------------------------------------- */

void
lb_dicom_display_set_window (LbDicomDisplay *display, double center, double width)
{
  display->voi_source = LB_DICOM_VOI_SOURCE_WINDOW;
  display->voi_lut = NULL;
  display->center = center;
  display->width = width;
}

bool
lb_dicom_display_set_stored_window (LbDicomDisplay *display, const LbDicomImageInfo *info,
                                    size_t index)
{
  if (info == NULL || index >= info->n_windows)
    return false;
  lb_dicom_display_set_window (display, info->windows[index].center, info->windows[index].width);
  display->function = info->voi_function;
  return true;
}

bool
lb_dicom_display_set_voi_lut (LbDicomDisplay *display, const LbDicomImageInfo *info,
                              size_t index)
{
  if (info == NULL || index >= info->n_voi_luts)
    return false;
  display->voi_source = LB_DICOM_VOI_SOURCE_LUT;
  display->voi_lut = &info->voi_luts[index];
  return true;
}

void
lb_dicom_display_set_minmax (LbDicomDisplay *display, const LbDicomFrame *frame)
{
  double lo = lb_dicom_stored_to_modality (display, frame->min);
  double hi = lb_dicom_stored_to_modality (display, frame->max);
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (!isfinite (lo) || !isfinite (hi))
    {
      lo = 0;
      hi = 1;
    }
  /* A modality LUT need not be monotonic; the frame's extremes still bound it in practice. */
  lb_dicom_display_set_window (display, (lo + hi) / 2, hi > lo ? hi - lo : 1e-9);
  display->function = LB_DICOM_VOI_LINEAR_EXACT;
}

void
lb_dicom_display_init (LbDicomDisplay *display, const LbDicomImageInfo *info,
                       const LbDicomFrame *frame)
{
  memset (display, 0, sizeof *display);
  display->slope = 1;
  display->intercept = 0;
  display->function = LB_DICOM_VOI_LINEAR;
  display->voi_source = LB_DICOM_VOI_SOURCE_NONE;

  if (info != NULL)
    {
      display->slope = info->rescale_slope;
      display->intercept = info->rescale_intercept;
      display->modality_lut = info->modality_lut;
      display->function = info->voi_function;
      display->invert = (info->frame_info.photometric == LB_DICOM_PHOTOMETRIC_MONOCHROME1)
                        != info->presentation_inverse;
      if (lb_dicom_display_set_stored_window (display, info, 0))
        return;
      if (lb_dicom_display_set_voi_lut (display, info, 0))
        return;
    }
  if (frame != NULL)
    {
      lb_dicom_display_set_minmax (display, frame);
      display->voi_source = LB_DICOM_VOI_SOURCE_NONE;
    }
  else
    {
      lb_dicom_display_set_window (display, 127.5, 256);
      display->function = LB_DICOM_VOI_LINEAR_EXACT;
      display->voi_source = LB_DICOM_VOI_SOURCE_NONE;
    }
}

/* ---- The folded table ------------------------------------------------------------------- */

LbDicomDisplayLut *
lb_dicom_display_lut_new (const LbDicomFrame *frame)
{
  LbDicomDisplayLut *lut = calloc (1, sizeof *lut);
  if (lut == NULL)
    return NULL;
  if (frame != NULL && lb_dicom_frame_is_countable (frame))
    {
      lut->count = 1u << frame->bits;
      lut->first = frame->is_signed ? -(int32_t) (lut->count / 2) : 0;
      lut->table = calloc (lut->count, 1);
      if (lut->table == NULL)
        {
          free (lut);
          return NULL;
        }
    }
  return lut;
}

void
lb_dicom_display_lut_build (LbDicomDisplayLut *lut, const LbDicomDisplay *display)
{
  lut->display = *display;
  if (lut->count == 0)
    return;

  for (uint32_t i = 0; i < lut->count; i++)
    lut->table[i] = lb_dicom_display_map (&lut->display, (double) (lut->first + (int32_t) i));
}

void
lb_dicom_display_lut_free (LbDicomDisplayLut *lut)
{
  if (lut == NULL)
    return;
  free (lut->table);
  free (lut);
}

/* ---- Rendering -------------------------------------------------------------------------- */

static inline void
put_grey (uint8_t *row, uint32_t x, LbDicomRenderFormat format, uint8_t g)
{
  switch (format)
    {
    case LB_DICOM_RENDER_GREY8:
      row[x] = g;
      break;
    case LB_DICOM_RENDER_RGB24:
      row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = g;
      break;
    case LB_DICOM_RENDER_XRGB32:
      ((uint32_t *) (void *) row)[x] = 0xff000000u | (uint32_t) g << 16 | (uint32_t) g << 8 | g;
      break;
    }
}

/* One loop per sample type and output format keeps the inner loop a plain table gather. */
#define RENDER_INDEXED(ctype)                                                                  \
  do {                                                                                         \
    const uint8_t *tab = lut->table - lut->first;                                              \
    for (uint32_t y = 0; y < frame->height; y++)                                               \
      {                                                                                        \
        const ctype *src = (const ctype *) frame->data + (size_t) y * frame->width;            \
        uint8_t *row = dst + (size_t) y * dst_stride;                                          \
        if (format == LB_DICOM_RENDER_GREY8)                                                   \
          for (uint32_t x = 0; x < frame->width; x++)                                          \
            row[x] = tab[src[x]];                                                              \
        else if (format == LB_DICOM_RENDER_XRGB32)                                             \
          for (uint32_t x = 0; x < frame->width; x++)                                          \
            ((uint32_t *) (void *) row)[x] = 0xff000000u | 0x010101u * tab[src[x]];            \
        else                                                                                   \
          for (uint32_t x = 0; x < frame->width; x++)                                          \
            put_grey (row, x, format, tab[src[x]]);                                            \
      }                                                                                        \
  } while (0)

static void
render_grey (const LbDicomDisplayLut *lut, const LbDicomFrame *frame, LbDicomRenderFormat format,
             uint8_t *dst, size_t dst_stride)
{
  if (lut->count != 0 && lut->table != NULL && lb_dicom_frame_is_countable (frame))
    {
      switch (frame->type)
        {
        case LB_DICOM_SAMPLE_U8: RENDER_INDEXED (uint8_t); return;
        case LB_DICOM_SAMPLE_S8: RENDER_INDEXED (int8_t); return;
        case LB_DICOM_SAMPLE_U16: RENDER_INDEXED (uint16_t); return;
        case LB_DICOM_SAMPLE_S16: RENDER_INDEXED (int16_t); return;
        default: break;
        }
    }
  /* 32-bit integers, floats, more than 16 stored bits: the pipeline per pixel. */
  for (uint32_t y = 0; y < frame->height; y++)
    {
      uint8_t *row = dst + (size_t) y * dst_stride;
      for (uint32_t x = 0; x < frame->width; x++)
        {
          double v = lb_dicom_frame_get_sample (frame, (size_t) y * frame->width + x);
          put_grey (row, x, format, lb_dicom_display_map (&lut->display, v));
        }
    }
}

static void
render_colour (const LbDicomFrame *frame, LbDicomRenderFormat format, uint8_t *dst,
               size_t dst_stride)
{
  int shift = frame->bits > 8 ? frame->bits - 8 : 0;
  for (uint32_t y = 0; y < frame->height; y++)
    {
      uint8_t *row = dst + (size_t) y * dst_stride;
      size_t base = (size_t) y * frame->width * 3;
      for (uint32_t x = 0; x < frame->width; x++)
        {
          uint8_t c[3];
          if (frame->type == LB_DICOM_SAMPLE_U8)
            memcpy (c, (const uint8_t *) frame->data + base + 3 * x, 3);
          else
            for (int k = 0; k < 3; k++)
              {
                double s = lb_dicom_frame_get_sample (frame, base + 3 * x + k);
                uint64_t u = s > 0 ? (uint64_t) s >> shift : 0;
                c[k] = u > 255 ? 255 : (uint8_t) u;
              }
          switch (format)
            {
            case LB_DICOM_RENDER_GREY8:
              row[x] = (uint8_t) ((299 * c[0] + 587 * c[1] + 114 * c[2] + 500) / 1000);
              break;
            case LB_DICOM_RENDER_RGB24:
              memcpy (row + 3 * x, c, 3);
              break;
            case LB_DICOM_RENDER_XRGB32:
              ((uint32_t *) (void *) row)[x] = 0xff000000u | (uint32_t) c[0] << 16
                                               | (uint32_t) c[1] << 8 | c[2];
              break;
            }
        }
    }
}

void
lb_dicom_render (const LbDicomDisplayLut *lut, const LbDicomFrame *frame,
                 LbDicomRenderFormat format, uint8_t *dst, size_t dst_stride)
{
  if (frame == NULL || dst == NULL)
    return;
  if (frame->samples == 3)
    render_colour (frame, format, dst, dst_stride);
  else if (lut != NULL)
    render_grey (lut, frame, format, dst, dst_stride);
}

/* ---- Histogram -------------------------------------------------------------------------- */

LbDicomHistogram *
lb_dicom_histogram_new (const LbDicomFrame *frame, const LbDicomDisplay *display, uint32_t n_bins)
{
  if (frame == NULL || frame->samples != 1 || display == NULL)
    return NULL;
  size_t n = (size_t) frame->width * frame->height;

  /* Modality range: the modality of every stored value in [min, max] for indexable frames
   * (a Modality LUT need not be monotonic), else of each pixel. */
  double lo = INFINITY, hi = -INFINITY, sum = 0, sum2 = 0;
  uint64_t count = 0;
  uint64_t *counts = NULL;
  int32_t first = 0;
  uint32_t span = 0;

  if (lb_dicom_frame_is_countable (frame))
    {
      first = (int32_t) frame->min;
      span = (uint32_t) ((int32_t) frame->max - first) + 1;
      counts = calloc (span, sizeof *counts);
      if (counts == NULL)
        return NULL;
      lb_dicom_count_stored (frame, 0, n, counts, first, span);
      for (uint32_t k = 0; k < span; k++)
        if (counts[k] != 0)
          {
            double m = lb_dicom_stored_to_modality (display, first + (int32_t) k);
            lo = fmin (lo, m);
            hi = fmax (hi, m);
            sum += m * counts[k];
            sum2 += m * m * counts[k];
            count += counts[k];
          }
    }
  else
    for (size_t i = 0; i < n; i++)
      {
        double m = lb_dicom_stored_to_modality (display, lb_dicom_frame_get_sample (frame, i));
        if (!isfinite (m))
          continue;
        lo = fmin (lo, m);
        hi = fmax (hi, m);
        sum += m;
        sum2 += m * m;
        count++;
      }

  LbDicomHistogram *h = calloc (1, sizeof *h);
  if (h == NULL)
    {
      free (counts);
      return NULL;
    }
  if (count == 0)
    lo = hi = 0;
  h->min = lo;
  h->max = hi;
  h->count = count;
  h->mean = count ? sum / count : 0;
  double var = count ? sum2 / count - h->mean * h->mean : 0;
  h->sd = var > 0 ? sqrt (var) : 0;

  bool integral = display->modality_lut != NULL
                  || (display->slope == floor (display->slope)
                      && display->intercept == floor (display->intercept));
  if (n_bins == 0)
    n_bins = (counts != NULL && integral && hi - lo + 1 <= 65536) ? (uint32_t) (hi - lo + 1) : 256;
  h->n_bins = n_bins;
  h->bin_width = hi > lo ? (hi - lo) / n_bins : 1;
  if (integral && counts != NULL && n_bins == (uint32_t) (hi - lo + 1))
    h->bin_width = 1;
  h->bins = calloc (n_bins, sizeof *h->bins);
  if (h->bins == NULL)
    {
      free (counts);
      free (h);
      return NULL;
    }

#define BIN_OF(m) ((uint32_t) fmin ((double) (n_bins - 1), floor (((m) - lo) / h->bin_width)))
  if (counts != NULL)
    for (uint32_t k = 0; k < span; k++)
      {
        if (counts[k] == 0)
          continue;
        double m = lb_dicom_stored_to_modality (display, first + (int32_t) k);
        h->bins[BIN_OF (m)] += counts[k];
      }
  else
    for (size_t i = 0; i < n; i++)
      {
        double m = lb_dicom_stored_to_modality (display, lb_dicom_frame_get_sample (frame, i));
        if (isfinite (m))
          h->bins[BIN_OF (m)]++;
      }
#undef BIN_OF
  free (counts);
  return h;
}

void
lb_dicom_histogram_free (LbDicomHistogram *histogram)
{
  if (histogram == NULL)
    return;
  free (histogram->bins);
  free (histogram);
}
