/* dicom-window-hint.c: whether the window in use hides the image (lb-dicom-measure.h), for the
 * teaching hint of the pipeline view, the viewer's toast and `lightbox-cli info`.
 *
 * The rule, and why these numbers:
 * - A pixel is hidden when the display pipeline draws it at one end of the window's output:
 *   lb_dicom_display_map gives it the grey of the VOI's lowest (or highest) output, as on the
 *   canvas. So a LINEAR window's "nearly black" pixels just inside its bounds count as black,
 *   which is what the student sees.
 * - 95 % of all pixels at one end: a window chosen for one tissue leaves much of a CT at an
 *   end (the air around the body under a brain window, 30-60 % of the slice; bone under a lung
 *   window) but still shows its tissue; when 19 pixels in 20 share one grey, nothing is left.
 * - And 95 % of the pixels not at the frame's own extreme on that side: those are black under
 *   any window that starts at the lowest value, the auto window too. A PET slice is 70-80 %
 *   background of zeros; what matters is whether the window also hides the uptake. Without
 *   this second rule an image of 96 % zeros would be flagged under the auto window itself,
 *   and a two-valued mask under any window that puts its two values at the two ends.
 * The frame's pixels are counted per stored value when they are integers of up to 16 bits
 * (each distinct value mapped once, as in dicom-histogram.c), else one by one. */
#include "dicom-measure-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Both fractions, as integers: at least 95 in 100. */
#define HIDDEN_PERCENT 95

bool
lb_dicom_voi_bounds (const LbDicomDisplay *display, double *low, double *high)
{
  double c = display->center, w = display->width;

  switch (display->voi_source)
    {
    case LB_DICOM_VOI_SOURCE_WINDOW:
      if (display->function == LB_DICOM_VOI_LINEAR)
        {
          w = w >= 1 ? w : 1;
          *low = c - 0.5 - (w - 1) / 2;
          *high = c - 0.5 + (w - 1) / 2;
        }
      else
        {
          *low = c - w / 2;
          *high = c + w / 2;
        }
      return true;
    case LB_DICOM_VOI_SOURCE_LUT:
      if (display->voi_lut == NULL)
        return false;
      *low = display->voi_lut->first_mapped;
      *high = *low + (display->voi_lut->count != 0 ? display->voi_lut->count : 65536) - 1;
      return true;
    case LB_DICOM_VOI_SOURCE_NONE:
    default:
      return false;
    }
}

typedef struct {
  const LbDicomDisplay *display;
  uint8_t low_grey, high_grey;     /* the greys of the VOI's lowest and highest output */
  double min, max;                 /* modality range, from the first pass */
  uint64_t count, at_low, at_high;
  uint64_t at_min, at_max;         /* pixels at the frame's own lowest / highest value */
  uint64_t low_at_min, high_at_max;   /* of those, the ones at the window's end on their side */
} Tally;

static void
range_value (Tally *t, double stored, uint64_t weight)
{
  double m = lb_dicom_stored_to_modality (t->display, stored);

  (void) weight;
  if (!isfinite (stored) || !isfinite (m))
    return;
  t->min = fmin (t->min, m);
  t->max = fmax (t->max, m);
}

static void
tally_value (Tally *t, double stored, uint64_t weight)
{
  double m = lb_dicom_stored_to_modality (t->display, stored);

  if (!isfinite (stored) || !isfinite (m))
    return;
  uint8_t grey = lb_dicom_display_map (t->display, stored);
  bool low = grey == t->low_grey, high = grey == t->high_grey;
  t->count += weight;
  t->at_low += low ? weight : 0;
  t->at_high += high ? weight : 0;
  if (m == t->min)
    {
      t->at_min += weight;
      t->low_at_min += low ? weight : 0;
    }
  if (m == t->max)
    {
      t->at_max += weight;
      t->high_at_max += high ? weight : 0;
    }
}

typedef void (*Visit) (Tally *t, double stored, uint64_t weight);

static void
visit (const LbDicomFrame *frame, const uint64_t *counts, int32_t first, uint32_t span,
       Visit fn, Tally *t)
{
  if (counts != NULL)
    {
      for (uint32_t k = 0; k < span; k++)
        if (counts[k] != 0)
          fn (t, (double) (first + (int32_t) k), counts[k]);
      return;
    }
  size_t n = (size_t) frame->width * frame->height;
  for (size_t i = 0; i < n; i++)
    fn (t, lb_dicom_frame_get_sample (frame, i), 1);
}

/* part is at least 95 % of whole; nothing is most of nothing. */
static bool
most_of (uint64_t part, uint64_t whole)
{
  return whole > 0 && part / (double) whole * 100 >= HIDDEN_PERCENT;
}

bool
lb_dicom_window_hint (const LbDicomFrame *frame, const LbDicomDisplay *display,
                      LbDicomWindowHint *out)
{
  memset (out, 0, sizeof *out);
  if (frame == NULL || display == NULL || frame->samples != 1
      || !lb_dicom_voi_bounds (display, &out->low, &out->high))
    return false;

  uint64_t *counts = NULL;
  int32_t first = 0;
  uint32_t span = 0;
  if (lb_dicom_frame_is_countable (frame) && frame->min <= frame->max)
    {
      first = (int32_t) frame->min;
      span = (uint32_t) ((int32_t) frame->max - first) + 1;
      counts = calloc (span, sizeof *counts);
      if (counts == NULL)
        return false;
      lb_dicom_count_stored (frame, 0, (size_t) frame->width * frame->height, counts, first,
                             span);
    }

  Tally t = { .display = display, .low_grey = display->invert ? 255 : 0,
              .high_grey = display->invert ? 0 : 255, .min = INFINITY, .max = -INFINITY };
  visit (frame, counts, first, span, range_value, &t);
  if (t.min < t.max)
    visit (frame, counts, first, span, tally_value, &t);
  free (counts);

  out->count = t.count;
  out->at_low = t.at_low;
  out->at_high = t.at_high;
  out->min = t.count > 0 ? t.min : 0;
  out->max = t.count > 0 ? t.max : 0;
  if (most_of (t.at_low, t.count) && most_of (t.at_low - t.low_at_min, t.count - t.at_min))
    {
      out->side = LB_DICOM_HIDDEN_BELOW;
      out->hidden = t.at_low;
    }
  else if (most_of (t.at_high, t.count)
           && most_of (t.at_high - t.high_at_max, t.count - t.at_max))
    {
      out->side = LB_DICOM_HIDDEN_ABOVE;
      out->hidden = t.at_high;
    }
  else
    return false;
  out->black = (out->side == LB_DICOM_HIDDEN_BELOW) != display->invert;
  out->percent = (unsigned) (out->hidden * 100 / out->count);
  return true;
}
