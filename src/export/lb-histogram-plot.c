/* lb-histogram-plot.c: the histogram picture of lb-histogram-plot.h, drawn into RGB bytes. */
#include "lb-histogram-plot.h"

#include "dicom-error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN 16

typedef struct { uint8_t r, g, b; } Rgb;

static const Rgb BACKGROUND = { 255, 255, 255 };
static const Rgb BAND = { 255, 243, 196 };       /* pale yellow: the values the window spreads */
static const Rgb BAND_EDGE = { 230, 140, 0 };
static const Rgb BAR = { 48, 48, 48 };
static const Rgb BAR_BELOW = { 40, 100, 220 };   /* clipped to black (white for MONOCHROME1) */
static const Rgb BAR_ABOVE = { 210, 45, 45 };    /* clipped to white */
static const Rgb AXIS = { 0, 0, 0 };

static void
fill (uint8_t *px, uint32_t width, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1, Rgb c)
{
  for (uint32_t y = y0; y < y1; y++)
    for (uint32_t x = x0; x < x1; x++)
      {
        uint8_t *p = px + ((size_t) y * width + x) * 3;
        p[0] = c.r;
        p[1] = c.g;
        p[2] = c.b;
      }
}

uint8_t *
lb_histogram_plot_render (const LbDicomStageHistogram *h, double band_low, double band_high,
                          uint32_t width, uint32_t height)
{
  if (h == NULL || h->n_bins == 0 || width < 4 * MARGIN || height < 4 * MARGIN
      || width > 8192 || height > 8192)
    return NULL;
  uint8_t *px = malloc ((size_t) width * height * 3);
  uint32_t plot_w = width - 2 * MARGIN, plot_h = height - 2 * MARGIN;
  double *columns = calloc (plot_w, sizeof *columns);
  if (px == NULL || columns == NULL)
    {
      free (px);
      free (columns);
      return NULL;
    }
  fill (px, width, 0, 0, width, height, BACKGROUND);

  /* Value -> column over the bins' whole span. */
  double lo = h->bins[0].low, hi = h->bins[h->n_bins - 1].high;
  double span = hi > lo ? hi - lo : 1;
#define COLUMN(v) fmin (plot_w, fmax (0, ((v) - lo) / span * plot_w))

  /* Each bin adds its count to the columns it covers; a bin narrower than a column adds to
   * the column of its start, so no pixel is lost when 4096 bins meet 1000 columns. */
  double top = 0;
  for (uint32_t k = 0; k < h->n_bins; k++)
    {
      uint32_t c0 = (uint32_t) COLUMN (h->bins[k].low), c1 = (uint32_t) COLUMN (h->bins[k].high);
      if (c1 <= c0)
        c1 = c0 + 1;
      for (uint32_t c = c0; c < c1 && c < plot_w; c++)
        columns[c] += (double) h->bins[k].count;
    }
  for (uint32_t c = 0; c < plot_w; c++)
    top = fmax (top, columns[c]);

  bool band = !isnan (band_low) && !isnan (band_high);
  if (band)
    {
      uint32_t b0 = (uint32_t) COLUMN (band_low), b1 = (uint32_t) COLUMN (band_high);
      fill (px, width, MARGIN + b0, MARGIN, MARGIN + (b1 > b0 ? b1 : b0 + 1), MARGIN + plot_h,
            BAND);
      if (band_low >= lo && band_low <= hi)
        fill (px, width, MARGIN + b0, MARGIN, MARGIN + b0 + 2, MARGIN + plot_h, BAND_EDGE);
      if (band_high >= lo && band_high <= hi)
        fill (px, width, MARGIN + (b1 >= 2 ? b1 - 2 : 0), MARGIN, MARGIN + b1, MARGIN + plot_h,
              BAND_EDGE);
    }

  for (uint32_t c = 0; c < plot_w; c++)
    {
      if (columns[c] <= 0)
        continue;
      double bar = log1p (columns[c]) / log1p (top) * (plot_h - 1);
      uint32_t bar_h = (uint32_t) ceil (bar);
      double v = lo + (c + 0.5) / plot_w * span;
      Rgb colour = !band ? BAR : v < band_low ? BAR_BELOW : v > band_high ? BAR_ABOVE : BAR;
      fill (px, width, MARGIN + c, MARGIN + plot_h - bar_h, MARGIN + c + 1, MARGIN + plot_h,
            colour);
    }
#undef COLUMN
  fill (px, width, MARGIN - 1, MARGIN + plot_h, MARGIN + plot_w + 1, MARGIN + plot_h + 1, AXIS);
  free (columns);
  return px;
}

bool
lb_histogram_plot_write (const LbDicomStageHistogram *histogram, double band_low,
                         double band_high, uint32_t width, uint32_t height,
                         const LbPngText *texts, size_t n_texts, const char *path,
                         bool replace, const char *input_path, LbDicomError **error)
{
  uint8_t *px = lb_histogram_plot_render (histogram, band_low, band_high, width, height);
  if (px == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "cannot draw a %ux%u histogram", width, height);
  LbPngImage image = {
    .width = width, .height = height, .channels = 3, .bit_depth = 8, .pixels = px,
    .stride = (size_t) width * 3, .texts = texts, .n_texts = n_texts,
  };
  bool ok = lb_png_write_replacing (path, &image, replace, input_path, error);
  free (px);
  return ok;
}
