/* dicom-measure.c: lines, angles and ROI statistics on a decoded frame (lb-dicom-measure.h).
 * Geometry stays in continuous pixel coordinates; only sampling uses integers, and a pixel
 * counts when its centre is inside (cornerstone3D #2114 and PR #2803 show what happens when
 * handles are rounded first or the edge rule is left vague). */
#include "dicom-measure-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
lb_dicom_measure_line (const LbDicomSpacing *spacing, double x1, double y1, double x2,
                       double y2, double *length_px, double *length_mm)
{
  double dx = x2 - x1, dy = y2 - y1;
  if (length_px != NULL)
    *length_px = hypot (dx, dy);
  if (length_mm != NULL)
    *length_mm = spacing != NULL && spacing->source != LB_DICOM_SPACING_NONE
                   ? hypot (dx * spacing->column_mm, dy * spacing->row_mm) : NAN;
}

double
lb_dicom_measure_angle (const LbDicomSpacing *spacing, double x1, double y1, double x2,
                        double y2, double x3, double y3)
{
  /* In mm when possible: with rows and columns spaced differently, an angle in pixels is not
   * the angle in the patient. */
  double sx = 1, sy = 1;
  if (spacing != NULL && spacing->source != LB_DICOM_SPACING_NONE)
    {
      sx = spacing->column_mm;
      sy = spacing->row_mm;
    }
  double ax = (x1 - x2) * sx, ay = (y1 - y2) * sy, bx = (x3 - x2) * sx, by = (y3 - y2) * sy;
  if ((ax == 0 && ay == 0) || (bx == 0 && by == 0))
    return NAN;
  /* atan2 of cross and dot stays accurate near 0 and 180 degrees, unlike acos. */
  double angle = atan2 (fabs (ax * by - ay * bx), ax * bx + ay * by);
  return angle * 180.0 / M_PI;
}

/* The rect with non-negative width and height. */
static void
rect_bounds (const LbDicomRoi *roi, double *x0, double *y0, double *x1, double *y1)
{
  *x0 = roi->c >= 0 ? roi->a : roi->a + roi->c;
  *y0 = roi->d >= 0 ? roi->b : roi->b + roi->d;
  *x1 = *x0 + fabs (roi->c);
  *y1 = *y0 + fabs (roi->d);
}

bool
lb_dicom_roi_contains (const LbDicomRoi *roi, uint32_t i, uint32_t j)
{
  double cx = i + 0.5, cy = j + 0.5;
  if (roi->kind == LB_DICOM_ROI_RECT)
    {
      double x0, y0, x1, y1;
      rect_bounds (roi, &x0, &y0, &x1, &y1);
      return x0 <= cx && cx < x1 && y0 <= cy && cy < y1;
    }
  double rx = fabs (roi->c), ry = fabs (roi->d);
  if (!(rx > 0 && ry > 0))
    return false;
  double u = (cx - roi->a) / rx, v = (cy - roi->b) / ry;
  return u * u + v * v <= 1;
}

/* Geometric bounding box of the shape. */
static void
shape_box (const LbDicomRoi *roi, double *x0, double *y0, double *x1, double *y1)
{
  if (roi->kind == LB_DICOM_ROI_RECT)
    {
      rect_bounds (roi, x0, y0, x1, y1);
      return;
    }
  double rx = fabs (roi->c), ry = fabs (roi->d);
  *x0 = roi->a - rx;
  *x1 = roi->a + rx;
  *y0 = roi->b - ry;
  *y1 = roi->b + ry;
}

/* Area of the ellipse inside [0, w] x [0, h]: exact when it lies inside, else the integral of
 * its clipped chords (midpoint rule, 1e-6 relative or better at any size in use). */
static double
ellipse_area_inside (const LbDicomRoi *roi, double w, double h)
{
  double rx = fabs (roi->c), ry = fabs (roi->d);
  if (!(rx > 0 && ry > 0))
    return 0;
  if (roi->a - rx >= 0 && roi->a + rx <= w && roi->b - ry >= 0 && roi->b + ry <= h)
    return M_PI * rx * ry;
  double xa = fmax (roi->a - rx, 0), xb = fmin (roi->a + rx, w);
  if (xb <= xa)
    return 0;
  const int steps = 20000;
  double step = (xb - xa) / steps, sum = 0;
  for (int k = 0; k < steps; k++)
    {
      double u = (xa + (k + 0.5) * step - roi->a) / rx;
      double half = ry * sqrt (fmax (0, 1 - u * u));
      double lo = fmax (roi->b - half, 0), hi = fmin (roi->b + half, h);
      if (hi > lo)
        sum += hi - lo;
    }
  return sum * step;
}

static double
area_inside (const LbDicomRoi *roi, double w, double h)
{
  if (roi->kind == LB_DICOM_ROI_ELLIPSE)
    return ellipse_area_inside (roi, w, h);
  double x0, y0, x1, y1;
  rect_bounds (roi, &x0, &y0, &x1, &y1);
  return fmax (0, fmin (x1, w) - fmax (x0, 0)) * fmax (0, fmin (y1, h) - fmax (y0, 0));
}

/* Pixel index range [*lo, *hi) whose centres may lie within [a, b], clamped to [0, n). */
static void
index_range (double a, double b, uint32_t n, uint32_t *lo, uint32_t *hi)
{
  double l = floor (a - 0.5), h = ceil (b + 0.5);
  *lo = l <= 0 ? 0 : l >= n ? n : (uint32_t) l;
  *hi = h <= 0 ? 0 : h >= n ? n : (uint32_t) h;
}

/* The pixels of row j inside the shape, [*i0, *i1), clamped to [0, width): a rect or an
 * ellipse meets a row in one run. The run's ends come from the geometry, then are moved until
 * lb_dicom_roi_contains agrees, so a centre exactly on the outline follows the one rule. */
static void
row_span (const LbDicomRoi *roi, uint32_t j, uint32_t width, uint32_t *i0, uint32_t *i1)
{
  double x0, y0, x1, y1, cy = j + 0.5;
  *i0 = *i1 = 0;
  if (roi->kind == LB_DICOM_ROI_RECT)
    {
      rect_bounds (roi, &x0, &y0, &x1, &y1);
      if (!(y0 <= cy && cy < y1))
        return;
    }
  else
    {
      double rx = fabs (roi->c), ry = fabs (roi->d);
      if (!(rx > 0 && ry > 0))
        return;
      double v = (cy - roi->b) / ry;
      if (v * v > 1)
        return;
      double half = rx * sqrt (1 - v * v);
      x0 = roi->a - half;
      x1 = roi->a + half;
    }
  uint32_t lo, hi;
  index_range (x0, x1, width, &lo, &hi);
  while (lo < hi && !lb_dicom_roi_contains (roi, lo, j))
    lo++;
  while (hi > lo && !lb_dicom_roi_contains (roi, hi - 1, j))
    hi--;
  *i0 = lo;
  *i1 = hi;
}

typedef struct {
  uint64_t n;
  double sum, min, max, s_sum, s_min, s_max, dev2;
} Acc;

static void
acc_add (Acc *a, double s, double m, uint64_t weight)
{
  a->n += weight;
  a->sum += m * (double) weight;
  a->min = fmin (a->min, m);
  a->max = fmax (a->max, m);
  a->s_sum += s * (double) weight;
  a->s_min = fmin (a->s_min, s);
  a->s_max = fmax (a->s_max, s);
}

static bool
is_padding (double s, double low, double high)
{
  return s >= low && s <= high;   /* false for NaN bounds: no padding */
}

/* Countable frames: one pass counts the stored values under the shape, then each distinct
 * value is mapped once; the SD's second pass runs over the distinct values, not the pixels. */
static bool
stats_by_counts (const LbDicomFrame *frame, const LbDicomDisplay *display,
                 const LbDicomRoi *roi, uint32_t j0, uint32_t j1, double pad_low,
                 double pad_high, LbDicomRoiStats *out, Acc *acc)
{
  int32_t first = (int32_t) frame->min;
  uint32_t span = (uint32_t) ((int32_t) frame->max - first) + 1;
  uint64_t *counts = calloc (span, sizeof *counts);
  if (counts == NULL)
    return false;
  for (uint32_t j = j0; j < j1; j++)
    {
      uint32_t i0, i1;
      row_span (roi, j, frame->width, &i0, &i1);
      if (i1 > i0)
        lb_dicom_count_stored (frame, (size_t) j * frame->width + i0, i1 - i0, counts, first,
                               span);
    }
  for (uint32_t k = 0; k < span; k++)
    {
      if (counts[k] == 0)
        continue;
      double s = first + (int32_t) k;
      out->pixels += counts[k];
      if (is_padding (s, pad_low, pad_high))
        out->padding += counts[k];
      else
        acc_add (acc, s, lb_dicom_stored_to_modality (display, s), counts[k]);
    }
  double mean = acc->n ? acc->sum / (double) acc->n : 0;
  for (uint32_t k = 0; k < span; k++)
    {
      double s = first + (int32_t) k;
      if (counts[k] != 0 && !is_padding (s, pad_low, pad_high))
        {
          double d = lb_dicom_stored_to_modality (display, s) - mean;
          acc->dev2 += d * d * (double) counts[k];
        }
    }
  free (counts);
  return true;
}

/* Other grey frames (32-bit, float) and colour frames: pixel by pixel, in two passes. */
static void
stats_by_pixels (const LbDicomFrame *frame, const LbDicomDisplay *display,
                 const LbDicomRoi *roi, uint32_t j0, uint32_t j1, double pad_low,
                 double pad_high, LbDicomRoiStats *out, Acc *acc)
{
  bool grey = frame->samples == 1;
  for (int pass = 0; pass < 2; pass++)
    {
      double mean = acc->n ? acc->sum / (double) acc->n : 0;
      for (uint32_t j = j0; j < j1; j++)
        {
          uint32_t i0, i1;
          row_span (roi, j, frame->width, &i0, &i1);
          if (pass == 0)
            out->pixels += i1 - i0;
          for (uint32_t i = i0; grey && i < i1; i++)
            {
              double s = lb_dicom_frame_get_sample (frame, (size_t) j * frame->width + i);
              if (is_padding (s, pad_low, pad_high))
                {
                  out->padding += pass == 0;
                  continue;
                }
              double m = lb_dicom_stored_to_modality (display, s);
              if (!isfinite (s) || !isfinite (m))
                continue;
              if (pass == 0)
                acc_add (acc, s, m, 1);
              else
                acc->dev2 += (m - mean) * (m - mean);
            }
        }
    }
}

bool
lb_dicom_roi_stats (const LbDicomFrame *frame, const LbDicomDisplay *display,
                    const LbDicomSpacing *spacing, const LbDicomRoi *roi, double padding_low,
                    double padding_high, LbDicomRoiStats *out)
{
  if (frame == NULL || display == NULL || roi == NULL || out == NULL)
    return false;
  memset (out, 0, sizeof *out);
  out->mean = out->sd = out->min = out->max = NAN;
  out->stored_mean = out->stored_min = out->stored_max = NAN;

  double x0, y0, x1, y1;
  shape_box (roi, &x0, &y0, &x1, &y1);
  out->clipped = x0 < 0 || y0 < 0 || x1 > frame->width || y1 > frame->height;
  out->area_px = area_inside (roi, frame->width, frame->height);
  out->area_mm2 = spacing != NULL && spacing->source != LB_DICOM_SPACING_NONE
                    ? out->area_px * spacing->row_mm * spacing->column_mm : NAN;

  uint32_t j0, j1;
  index_range (y0, y1, frame->height, &j0, &j1);
  Acc acc = { 0, 0, INFINITY, -INFINITY, 0, INFINITY, -INFINITY, 0 };
  if (!(lb_dicom_frame_is_countable (frame) && frame->min <= frame->max
        && stats_by_counts (frame, display, roi, j0, j1, padding_low, padding_high, out, &acc)))
    stats_by_pixels (frame, display, roi, j0, j1, padding_low, padding_high, out, &acc);
  if (acc.n == 0)
    return true;

  out->has_values = true;
  out->mean = acc.sum / (double) acc.n;
  out->min = acc.min;
  out->max = acc.max;
  out->stored_mean = acc.s_sum / (double) acc.n;
  out->stored_min = acc.s_min;
  out->stored_max = acc.s_max;
  out->sd = sqrt (acc.dev2 / (double) acc.n);
  return true;
}
