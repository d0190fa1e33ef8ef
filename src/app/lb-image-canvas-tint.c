/* lb-image-canvas-tint.c: the canvas's tint of clipped pixels (the pipeline view's toggle,
 * issue 11 §2). Pixels whose modality value the VOI stage maps to its lowest output are drawn
 * blue, those it maps to its highest orange (lb_dicom_voi_clips, the rule that counts the
 * histogram's below/above), as a translucent layer over the image with the image's transform.
 * The render path in src/dicom is untouched: this is a second, app-side table over the stored
 * values (a LUT variant: clip side instead of grey), rebuilt only when the window changes. */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include <string.h>

#include "lb-image-canvas-private.h"
#include "lb-stage-histogram.h"

/* Premultiplied ARGB32 of the two tints, 65 % opaque so the anatomy stays readable. */
static guint32
tint_pixel (int side)
{
  const double alpha = 0.65;
  const double *rgb = side < 0 ? (const double[]) { LB_TINT_BELOW_RGB }
                               : (const double[]) { LB_TINT_ABOVE_RGB };

  return ((guint32) (alpha * 255) << 24) | ((guint32) (rgb[0] * alpha * 255) << 16)
         | ((guint32) (rgb[1] * alpha * 255) << 8) | (guint32) (rgb[2] * alpha * 255);
}

/* Whether the clip of any stored value can differ between the two displays. */
static gboolean
same_clipping (const LbDicomDisplay *a,
               const LbDicomDisplay *b)
{
  return a->slope == b->slope && a->intercept == b->intercept
         && a->modality_lut == b->modality_lut && a->voi_source == b->voi_source
         && a->function == b->function && a->center == b->center && a->width == b->width
         && a->voi_lut == b->voi_lut;
}

/* Clip side of one stored value: -1, 0 or 1. */
static int
clip_of (const LbDicomDisplay *display,
         double                stored)
{
  return lb_dicom_voi_clips (display, lb_dicom_stored_to_modality (display, stored));
}

static void
build_surface (LbImageCanvas *self)
{
  const LbDicomFrame *frame = self->frame;
  LbDicomDisplayLut *lut = lb_dicom_display_lut_new (frame);
  guint32 below_px = tint_pixel (-1), above_px = tint_pixel (1);
  guint8 *data;
  int stride;

  self->tint_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, frame->width,
                                                   frame->height);
  cairo_surface_flush (self->tint_surface);
  data = cairo_image_surface_get_data (self->tint_surface);
  stride = cairo_image_surface_get_stride (self->tint_surface);
  if (lut != NULL && lut->count > 0)
    for (guint32 v = 0; v < lut->count; v++)
      lut->table[v] = (uint8_t) (clip_of (&self->display, (double) lut->first + v) + 1);
  self->tint_below = self->tint_above = 0;
  for (guint32 y = 0; y < frame->height; y++)
    {
      guint32 *row = (guint32 *) (data + (size_t) y * stride);

      for (guint32 x = 0; x < frame->width; x++)
        {
          double stored = lb_dicom_frame_get_sample (frame, (size_t) y * frame->width + x);
          gint64 index = lut != NULL ? (gint64) stored - lut->first : -1;
          /* A value outside the table (stray high bits) is worked out on its own. */
          int side = index >= 0 && index < (gint64) (lut != NULL ? lut->count : 0)
                     ? (int) lut->table[index] - 1
                     : clip_of (&self->display, stored);

          row[x] = side < 0 ? below_px : side > 0 ? above_px : 0;
          self->tint_below += side < 0;
          self->tint_above += side > 0;
        }
    }
  cairo_surface_mark_dirty (self->tint_surface);
  lb_dicom_display_lut_free (lut);
  self->tint_display = self->display;
  g_debug ("clip tint: %" G_GUINT64_FORMAT " below, %" G_GUINT64_FORMAT " above",
           self->tint_below, self->tint_above);
}

void
lb_image_canvas_draw_tint (LbImageCanvas *self,
                           cairo_t       *cr,
                           int            width,
                           int            height,
                           double         scale)
{
  if (!self->tint_clipped || self->frame == NULL || self->frame->samples != 1)
    return;
  if (self->tint_surface != NULL && !same_clipping (&self->tint_display, &self->display))
    g_clear_pointer (&self->tint_surface, cairo_surface_destroy);
  if (self->tint_surface == NULL)
    build_surface (self);
  cairo_save (cr);
  lb_image_canvas_setup_transform (self, cr, width, height, scale);
  cairo_set_source_surface (cr, self->tint_surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            scale > 1.5 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, self->frame->width, self->frame->height);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
lb_image_canvas_tint_clear (LbImageCanvas *self)
{
  g_clear_pointer (&self->tint_surface, cairo_surface_destroy);
}

void
lb_image_canvas_set_tint_clipped (LbImageCanvas *self,
                                  gboolean       tint)
{
  g_return_if_fail (LB_IS_IMAGE_CANVAS (self));
  if (self->tint_clipped == !!tint)
    return;
  self->tint_clipped = !!tint;
  if (!tint)
    lb_image_canvas_tint_clear (self);
  g_debug ("clip tint %s", tint ? "on" : "off");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
lb_image_canvas_get_tint_counts (LbImageCanvas *self,
                                 guint64       *below,
                                 guint64       *above)
{
  g_return_val_if_fail (LB_IS_IMAGE_CANVAS (self), FALSE);
  if (self->tint_surface == NULL)
    return FALSE;
  *below = self->tint_below;
  *above = self->tint_above;
  return TRUE;
}
