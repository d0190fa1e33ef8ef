/* lb-stage-histogram.c: see lb-stage-histogram.h. Counts are drawn on a log scale: a CT's air
 * and soft-tissue peaks would otherwise flatten everything else to nothing. */
#include "config.h"

#include <math.h>

#include "lb-stage-histogram.h"

struct _LbStageHistogram
{
  GtkDrawingArea parent_instance;

  LbDicomStageHistogram *histogram;
  double band_low, band_high;          /* low > high: no band */
  gboolean tint;
};

G_DEFINE_FINAL_TYPE (LbStageHistogram, lb_stage_histogram, GTK_TYPE_DRAWING_AREA)

/* The canvas tint's colours: blue under the window, orange over. */
static const GdkRGBA below_colour = { LB_TINT_BELOW_RGB, 1.0 };
static const GdkRGBA above_colour = { LB_TINT_ABOVE_RGB, 1.0 };

static double
value_to_x (const LbDicomStageHistogram *h,
            double                       v,
            int                          width)
{
  double lo = h->bins[0].low, hi = h->bins[h->n_bins - 1].high;

  return hi > lo ? (v - lo) / (hi - lo) * width : 0;
}

static void
draw_bars (LbStageHistogram *self,
           cairo_t          *cr,
           int               width,
           int               height,
           const GdkRGBA    *fg)
{
  const LbDicomStageHistogram *h = self->histogram;
  uint64_t peak = 1;
  double scale;

  for (uint32_t i = 0; i < h->n_bins; i++)
    peak = MAX (peak, h->bins[i].count);
  scale = (height - 2) / log1p ((double) peak);
  for (uint32_t i = 0; i < h->n_bins; i++)
    {
      const LbDicomBin *bin = &h->bins[i];
      double x0 = value_to_x (h, bin->low, width), x1 = value_to_x (h, bin->high, width);
      double bar = log1p ((double) bin->count) * scale;
      gboolean banded = self->band_low <= self->band_high;

      if (bin->count == 0)
        continue;
      if (self->tint && banded && bin->high <= self->band_low)
        gdk_cairo_set_source_rgba (cr, &below_colour);
      else if (self->tint && banded && bin->low > self->band_high)
        gdk_cairo_set_source_rgba (cr, &above_colour);
      else
        cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
      /* At least a pixel wide, so that one-value bins of a wide range stay visible. */
      cairo_rectangle (cr, x0, height - bar, MAX (x1 - x0, 1.0), bar);
      cairo_fill (cr);
    }
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  LbStageHistogram *self = LB_STAGE_HISTOGRAM (area);
  const LbDicomStageHistogram *h = self->histogram;
  /* Dark like the histogram under the canvas: the same picture on a projector. */
  static const GdkRGBA fg = { 0.85, 0.85, 0.85, 1.0 };

  cairo_set_source_rgb (cr, 0.08, 0.08, 0.09);
  cairo_paint (cr);
  if (h == NULL || h->n_bins == 0)
    return;
  if (self->band_low <= self->band_high)
    {
      double x0 = value_to_x (h, self->band_low, width);
      double x1 = value_to_x (h, self->band_high, width);

      cairo_set_source_rgba (cr, 0.35, 0.6, 1.0, 0.25);
      cairo_rectangle (cr, x0, 0, x1 - x0, height);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 0.35, 0.6, 1.0, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x0, 0);
      cairo_line_to (cr, x0, height);
      cairo_move_to (cr, x1, 0);
      cairo_line_to (cr, x1, height);
      cairo_stroke (cr);
    }
  draw_bars (self, cr, width, height, &fg);
}

GtkWidget *
lb_stage_histogram_new (void)
{
  return g_object_new (LB_TYPE_STAGE_HISTOGRAM, NULL);
}

void
lb_stage_histogram_take (LbStageHistogram      *self,
                         LbDicomStageHistogram *histogram)
{
  g_return_if_fail (LB_IS_STAGE_HISTOGRAM (self));
  g_clear_pointer (&self->histogram, lb_dicom_stage_histogram_free);
  self->histogram = histogram;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const LbDicomStageHistogram *
lb_stage_histogram_get (LbStageHistogram *self)
{
  g_return_val_if_fail (LB_IS_STAGE_HISTOGRAM (self), NULL);
  return self->histogram;
}

void
lb_stage_histogram_set_band (LbStageHistogram *self,
                             double            low,
                             double            high)
{
  g_return_if_fail (LB_IS_STAGE_HISTOGRAM (self));
  self->band_low = low;
  self->band_high = high;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lb_stage_histogram_set_tint (LbStageHistogram *self,
                             gboolean          tint)
{
  g_return_if_fail (LB_IS_STAGE_HISTOGRAM (self));
  self->tint = tint;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lb_stage_histogram_finalize (GObject *object)
{
  LbStageHistogram *self = LB_STAGE_HISTOGRAM (object);

  g_clear_pointer (&self->histogram, lb_dicom_stage_histogram_free);
  G_OBJECT_CLASS (lb_stage_histogram_parent_class)->finalize (object);
}

static void
lb_stage_histogram_class_init (LbStageHistogramClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_stage_histogram_finalize;
}

static void
lb_stage_histogram_init (LbStageHistogram *self)
{
  self->band_low = 1;
  self->band_high = 0;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 140);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 300);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw, NULL, NULL);
}
