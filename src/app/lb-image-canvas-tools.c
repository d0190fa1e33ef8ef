/* lb-image-canvas-tools.c: the canvas side of the measurement tools, kept out of
 * lb-image-canvas.c: widget ↔ image coordinates, routing a left drag to the tool layer,
 * drawing the layer. */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include "lb-image-canvas-private.h"
#include "lb-image-canvas-tools.h"

/* A press this near a handle or line (widget pixels) hits it, whatever the zoom. */
#define HIT_TOLERANCE 8.0

static void
on_layer_changed (LbToolLayer   *layer,
                  LbImageCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lb_image_canvas_set_tool_layer (LbImageCanvas *self,
                                LbToolLayer   *layer)
{
  if (self->tools != NULL)
    g_signal_handlers_disconnect_by_func (self->tools, on_layer_changed, self);
  g_set_object (&self->tools, layer);
  if (layer != NULL)
    {
      g_signal_connect_object (layer, "changed", G_CALLBACK (on_layer_changed), self, 0);
      lb_tool_layer_set_document (layer, self->frame != NULL ? self->document : NULL);
    }
}

LbToolLayer *
lb_image_canvas_get_tool_layer (LbImageCanvas *self)
{
  return self->tools;
}

gboolean
lb_image_canvas_get_image_matrix (LbImageCanvas  *self,
                                  cairo_matrix_t *image_to_widget)
{
  cairo_surface_t *dummy;
  cairo_t *cr;

  if (self->frame == NULL)
    return FALSE;
  dummy = cairo_image_surface_create (CAIRO_FORMAT_A1, 1, 1);
  cr = cairo_create (dummy);
  lb_image_canvas_setup_transform (self, cr, gtk_widget_get_width (GTK_WIDGET (self)),
                                   gtk_widget_get_height (GTK_WIDGET (self)),
                                   lb_image_canvas_effective_scale (self));
  cairo_get_matrix (cr, image_to_widget);
  cairo_destroy (cr);
  cairo_surface_destroy (dummy);
  return TRUE;
}

static gboolean
to_image (LbImageCanvas *self,
          double        *x,
          double        *y)
{
  cairo_matrix_t m;

  if (!lb_image_canvas_get_image_matrix (self, &m) || cairo_matrix_invert (&m) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  cairo_matrix_transform_point (&m, x, y);
  return TRUE;
}

void
lb_image_canvas_tools_document_changed (LbImageCanvas *self)
{
  if (self->tools != NULL)
    lb_tool_layer_set_document (self->tools, self->frame != NULL ? self->document : NULL);
}

gboolean
lb_image_canvas_tools_press (LbImageCanvas  *self,
                             GtkGestureDrag *gesture,
                             double          x,
                             double          y)
{
  double scale = lb_image_canvas_effective_scale (self);

  /* Only the left button draws and edits: the right one windows whatever the tool. */
  self->tool_drag = FALSE;
  if (self->tools == NULL
      || gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY
      || !to_image (self, &x, &y))
    return FALSE;
  self->tool_drag = lb_tool_layer_press (self->tools, x, y, HIT_TOLERANCE / MAX (scale, 1e-6));
  if (self->tool_drag)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  return self->tool_drag;
}

gboolean
lb_image_canvas_tools_drag (LbImageCanvas  *self,
                            GtkGestureDrag *gesture,
                            double          dx,
                            double          dy)
{
  double x, y;

  if (!self->tool_drag
      || gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY)
    return FALSE;
  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    {
      x += dx;
      y += dy;
      if (to_image (self, &x, &y))
        lb_tool_layer_drag_to (self->tools, x, y);
    }
  return TRUE;
}

gboolean
lb_image_canvas_tools_release (LbImageCanvas *self)
{
  if (!self->tool_drag)
    return FALSE;
  lb_tool_layer_release (self->tools);
  self->tool_drag = FALSE;
  return TRUE;
}

void
lb_image_canvas_draw_tools (LbImageCanvas *self,
                            cairo_t       *cr)
{
  cairo_matrix_t m;

  if (self->tools != NULL && lb_image_canvas_get_image_matrix (self, &m))
    lb_tool_layer_draw (self->tools, cr, &m);
}
