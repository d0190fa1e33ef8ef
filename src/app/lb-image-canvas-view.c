/* lb-image-canvas-view.c: the canvas's zoom and pan as a value, for linked views (lb-layout.c). */
#include "config.h"

#include "lb-image-canvas-private.h"
#include "lb-image-canvas-view.h"

void
lb_image_canvas_get_view (LbImageCanvas *self,
                          LbCanvasView  *view)
{
  view->fit = self->fit;
  view->zoom = self->zoom;
  view->pan_x = self->pan_x;
  view->pan_y = self->pan_y;
}

/* Sets the zoom and pan without emitting ::view-changed, so linked views do not echo. */
void
lb_image_canvas_set_view (LbImageCanvas      *self,
                          const LbCanvasView *view)
{
  self->fit = view->fit;
  self->zoom = view->zoom;
  self->pan_x = view->pan_x;
  self->pan_y = view->pan_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "zoom");
}
