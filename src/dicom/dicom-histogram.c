/* dicom-histogram.c: the histogram of one stage of the display pipeline, stored -> modality ->
 * display (lb-dicom-measure.h), with the pixels the window clips. The pipeline view and
 * `lightbox-cli histogram` show these bins; the teaching notebooks plot the same three.
 *
 * Frames of at most 16 integer bits are counted once per stored value and each distinct value
 * is mapped once, so any stage of a 4096^2 frame costs one pass over the pixels. */
#include "dicom-measure-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
lb_dicom_stage_name (LbDicomStage stage)
{
  switch (stage)
    {
    case LB_DICOM_STAGE_MODALITY: return "modality";
    case LB_DICOM_STAGE_DISPLAY: return "display";
    case LB_DICOM_STAGE_STORED:
    default: return "stored";
    }
}

bool
lb_dicom_stage_from_name (const char *name, LbDicomStage *out)
{
  for (int s = LB_DICOM_STAGE_STORED; name != NULL && s <= LB_DICOM_STAGE_DISPLAY; s++)
    if (strcasecmp (name, lb_dicom_stage_name ((LbDicomStage) s)) == 0)
      {
        *out = (LbDicomStage) s;
        return true;
      }
  return false;
}

int
lb_dicom_voi_clips (const LbDicomDisplay *display, double m)
{
  if (isnan (m))
    return 0;
  if (display->voi_source == LB_DICOM_VOI_SOURCE_LUT && display->voi_lut != NULL)
    {
      /* lb_dicom_lut_lookup clamps outside [first, first + count - 1]. */
      double first = display->voi_lut->first_mapped;
      double last = first + (double) display->voi_lut->count - 1;
      return floor (m) < first ? -1 : floor (m) > last ? 1 : 0;
    }
  if (display->voi_source != LB_DICOM_VOI_SOURCE_WINDOW)
    return 0;
  double c = display->center, w = display->width;
  switch (display->function)
    {
    case LB_DICOM_VOI_SIGMOID:
      return 0;   /* asymptotic: no value reaches the ends */
    case LB_DICOM_VOI_LINEAR_EXACT:
      if (!(w > 0))
        w = 1e-9;
      return m <= c - w / 2 ? -1 : m > c + w / 2 ? 1 : 0;
    case LB_DICOM_VOI_LINEAR:
    default:
      if (!(w >= 1))
        w = 1;
      return m <= c - 0.5 - (w - 1) / 2 ? -1 : m > c - 0.5 + (w - 1) / 2 ? 1 : 0;
    }
}

/* ---- Visiting the values ---------------------------------------------------------------- */

typedef struct {
  const LbDicomFrame *frame;
  const LbDicomDisplay *display;
  LbDicomStage stage;
  uint64_t *counts;            /* indexable frames: pixels per stored value, from `first` */
  int32_t first;
  uint32_t span;
} Source;

typedef void (*Visit) (void *ctx, double stored, double value, uint64_t weight);

static double
stage_value (const Source *src, double stored)
{
  switch (src->stage)
    {
    case LB_DICOM_STAGE_MODALITY: return lb_dicom_stored_to_modality (src->display, stored);
    case LB_DICOM_STAGE_DISPLAY: return lb_dicom_display_map (src->display, stored);
    case LB_DICOM_STAGE_STORED:
    default: return stored;
    }
}

static void
visit_all (const Source *src, Visit fn, void *ctx)
{
  if (src->counts != NULL)
    {
      for (uint32_t k = 0; k < src->span; k++)
        if (src->counts[k] != 0)
          {
            double s = (double) (src->first + (int32_t) k);
            fn (ctx, s, stage_value (src, s), src->counts[k]);
          }
      return;
    }
  size_t n = (size_t) src->frame->width * src->frame->height;
  for (size_t i = 0; i < n; i++)
    {
      double s = lb_dicom_frame_get_sample (src->frame, i);
      double v = stage_value (src, s);
      if (isfinite (s) && isfinite (v))
        fn (ctx, s, v, 1);
    }
}

typedef struct {
  uint64_t count;
  double sum, min, max;
  bool integers;
} FirstPass;

static void
first_pass (void *ctx, double stored, double v, uint64_t weight)
{
  (void) stored;
  FirstPass *p = ctx;
  p->count += weight;
  p->sum += v * (double) weight;
  p->min = fmin (p->min, v);
  p->max = fmax (p->max, v);
  p->integers = p->integers && v == floor (v);
}

typedef struct {
  LbDicomStageHistogram *h;
  const LbDicomDisplay *display;
  bool clipping;
  double width;
  double dev2;
} SecondPass;

static void
second_pass (void *ctx, double stored, double v, uint64_t weight)
{
  SecondPass *p = ctx;
  LbDicomStageHistogram *h = p->h;
  p->dev2 += (v - h->mean) * (v - h->mean) * (double) weight;
  double k = floor ((v - h->min) / p->width);
  uint32_t bin = k <= 0 ? 0 : k >= h->n_bins - 1 ? h->n_bins - 1 : (uint32_t) k;
  h->bins[bin].count += weight;
  if (p->clipping)
    {
      int c = lb_dicom_voi_clips (p->display, lb_dicom_stored_to_modality (p->display, stored));
      if (c < 0)
        h->below += weight;
      else if (c > 0)
        h->above += weight;
    }
}

bool
lb_dicom_frame_is_countable (const LbDicomFrame *frame)
{
  return frame->samples == 1 && frame->bits > 0 && frame->bits <= 16
         && (frame->type == LB_DICOM_SAMPLE_U8 || frame->type == LB_DICOM_SAMPLE_S8
             || frame->type == LB_DICOM_SAMPLE_U16 || frame->type == LB_DICOM_SAMPLE_S16);
}

#define COUNT_AS(ctype)                                                                   \
  do                                                                                      \
    {                                                                                     \
      const ctype *p = (const ctype *) frame->data + start;                              \
      for (size_t i = 0; i < n; i++)                                                      \
        {                                                                                 \
          uint32_t k = (uint32_t) ((int32_t) p[i] - first);                               \
          if (k < span)                                                                   \
            counts[k]++;                                                                  \
        }                                                                                 \
    }                                                                                     \
  while (0)

void
lb_dicom_count_stored (const LbDicomFrame *frame, size_t start, size_t n, uint64_t *counts,
                       int32_t first, uint32_t span)
{
  switch (frame->type)
    {
    case LB_DICOM_SAMPLE_U8: COUNT_AS (uint8_t); break;
    case LB_DICOM_SAMPLE_S8: COUNT_AS (int8_t); break;
    case LB_DICOM_SAMPLE_U16: COUNT_AS (uint16_t); break;
    case LB_DICOM_SAMPLE_S16: COUNT_AS (int16_t); break;
    default: break;
    }
}
#undef COUNT_AS

LbDicomStageHistogram *
lb_dicom_stage_histogram_new (const LbDicomFrame *frame, const LbDicomDisplay *display,
                              LbDicomStage stage, uint32_t n_bins, bool count_clipping)
{
  if (frame == NULL || display == NULL || frame->samples != 1)
    return NULL;
  Source src = { .frame = frame, .display = display, .stage = stage };
  if (lb_dicom_frame_is_countable (frame) && frame->min <= frame->max)
    {
      src.first = (int32_t) frame->min;
      src.span = (uint32_t) ((int32_t) frame->max - src.first) + 1;
      src.counts = calloc (src.span, sizeof *src.counts);
      if (src.counts == NULL)
        return NULL;
      lb_dicom_count_stored (frame, 0, (size_t) frame->width * frame->height, src.counts,
                             src.first, src.span);
    }

  FirstPass fp = { 0, 0, INFINITY, -INFINITY, true };
  visit_all (&src, first_pass, &fp);
  LbDicomStageHistogram *h = calloc (1, sizeof *h);
  if (h == NULL)
    {
      free (src.counts);
      return NULL;
    }
  h->stage = stage;
  h->count = fp.count;
  h->min = fp.count ? fp.min : 0;
  h->max = fp.count ? fp.max : 0;
  h->mean = fp.count ? fp.sum / (double) fp.count : 0;
  h->has_clipping = count_clipping;

  double width;
  if (n_bins == 0 && fp.integers && h->max - h->min + 1 <= 4096)
    {
      n_bins = (uint32_t) (h->max - h->min + 1);
      h->integer_bins = true;
      width = 1;
    }
  else
    {
      n_bins = n_bins ? n_bins : 256;
      width = h->max > h->min ? (h->max - h->min) / n_bins : 1;
    }
  h->n_bins = n_bins;
  h->bins = calloc (n_bins, sizeof *h->bins);
  if (h->bins == NULL)
    {
      free (src.counts);
      free (h);
      return NULL;
    }
  for (uint32_t k = 0; k < n_bins; k++)
    {
      h->bins[k].low = h->min + k * width;
      h->bins[k].high = k + 1 == n_bins && !h->integer_bins && h->max > h->min
                          ? h->max : h->min + (k + 1) * width;
    }

  SecondPass sp = { h, display, count_clipping, width, 0 };
  if (fp.count > 0)
    visit_all (&src, second_pass, &sp);
  h->sd = fp.count ? sqrt (sp.dev2 / (double) fp.count) : 0;
  free (src.counts);
  return h;
}

void
lb_dicom_stage_histogram_free (LbDicomStageHistogram *histogram)
{
  if (histogram == NULL)
    return;
  free (histogram->bins);
  free (histogram);
}
