/* lb-crosshair.c: the reference lines of a three-plane view (see lb-crosshair.h). */
#include "config.h"

#define G_LOG_DOMAIN "lb-crosshair"

#include <math.h>

#include "lb-crosshair.h"
#include "lb-image-canvas-tools.h"

struct _LbCrosshair
{
  GtkWidget parent_instance;

  LbImageCanvas *canvas;               /* not a reference: a sibling in the viewport */
  gboolean shown;
  double x, y;
  GdkRGBA vertical, horizontal;
};

G_DEFINE_FINAL_TYPE (LbCrosshair, lb_crosshair, GTK_TYPE_WIDGET)

/* The gap around the crossing point, in widget pixels: the pixel under it stays visible. */
#define GAP 12.0

static void
line (cairo_t              *cr,
      const cairo_matrix_t *m,
      double                x0,
      double                y0,
      double                x1,
      double                y1,
      double                cx,
      double                cy,
      const GdkRGBA        *colour)
{
  double len;

  cairo_matrix_transform_point (m, &x0, &y0);
  cairo_matrix_transform_point (m, &x1, &y1);
  cairo_matrix_transform_point (m, &cx, &cy);
  len = hypot (x1 - x0, y1 - y0);
  if (len < 1)
    return;
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, 1.5);
  {
    /* From one end to the gap, then from the gap to the other end. */
    double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    double t = (cx - x0) * ux + (cy - y0) * uy;

    cairo_move_to (cr, x0, y0);
    cairo_line_to (cr, x0 + ux * MAX (t - GAP, 0), y0 + uy * MAX (t - GAP, 0));
    cairo_move_to (cr, x0 + ux * MIN (t + GAP, len), y0 + uy * MIN (t + GAP, len));
    cairo_line_to (cr, x1, y1);
  }
  cairo_stroke (cr);
}

static void
lb_crosshair_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  LbCrosshair *self = LB_CROSSHAIR (widget);
  LbDocument *document;
  const LbDicomFrame *frame;
  cairo_matrix_t m;
  cairo_t *cr;
  double w, h, px, py;

  if (!self->shown || self->canvas == NULL
      || !lb_image_canvas_get_image_matrix (self->canvas, &m))
    return;
  document = lb_image_canvas_get_document (self->canvas);
  frame = document != NULL ? lb_document_get_frame (document) : NULL;
  if (frame == NULL)
    return;
  w = frame->width;
  h = frame->height;
  /* Image space has pixel (i, j) over [i, i + 1) x [j, j + 1). */
  px = self->x + 0.5;
  py = self->y + 0.5;
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  line (cr, &m, px, 0, px, h, px, py, &self->vertical);
  line (cr, &m, 0, py, w, py, px, py, &self->horizontal);
  cairo_destroy (cr);
}

void
lb_crosshair_set_canvas (LbCrosshair   *self,
                         LbImageCanvas *canvas)
{
  self->canvas = canvas;
  /* The lines follow the image when it is zoomed, panned or shows a new plane. */
  g_signal_connect_object (canvas, "view-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (canvas, "notify::zoom", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (canvas, "resize", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
}

void
lb_crosshair_set_point (LbCrosshair   *self,
                        gboolean       shown,
                        double         x,
                        double         y,
                        const GdkRGBA *vertical,
                        const GdkRGBA *horizontal)
{
  self->shown = shown;
  self->x = x;
  self->y = y;
  if (vertical != NULL)
    self->vertical = *vertical;
  if (horizontal != NULL)
    self->horizontal = *horizontal;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lb_crosshair_class_init (LbCrosshairClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = lb_crosshair_snapshot;
  gtk_widget_class_set_css_name (widget_class, "lb-crosshair");
}

static void
lb_crosshair_init (LbCrosshair *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}
