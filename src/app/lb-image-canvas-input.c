/* lb-image-canvas-input.c: what the canvas does with the pointer, the wheel and the keys: the
 * window drag (or the tool layer's), the pan drag, the wheel (slices, Ctrl for zoom), the pixel
 * probe under the pointer. Bound to the template's controllers by lb_image_canvas_input_class_init. */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include "lb-image-canvas-private.h"

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LbImageCanvas            *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  lb_image_canvas_update_probe (self);
}

static void
on_leave (GtkEventControllerMotion *motion,
          LbImageCanvas            *self)
{
  self->pointer_inside = FALSE;
  lb_image_canvas_update_probe (self);
}

static void
on_window_drag_begin (GtkGestureDrag *gesture,
                      double          x,
                      double          y,
                      LbImageCanvas  *self)
{
  if (lb_image_canvas_tools_press (self, gesture, x, y))   /* a drawing tool, or on a shape */
    return;
  if (self->frame == NULL || self->frame->samples != 1)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_center = self->display.center;
  self->drag_width = self->display.width;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_window_drag_update (GtkGestureDrag *gesture,
                       double          dx,
                       double          dy,
                       LbImageCanvas  *self)
{
  GdkModifierType state;
  double center, width;

  if (lb_image_canvas_tools_drag (self, gesture, dx, dy))
    return;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  lb_image_canvas_compute_drag (self->drag_center, self->drag_width, dx, dy, lb_image_canvas_get_range (self),
                                (state & GDK_SHIFT_MASK) != 0, self->direction, &center, &width);
  lb_image_canvas_set_window (self, center, width, LB_WINDOW_SOURCE_MANUAL, NULL);
  lb_image_canvas_update_probe (self);
}

static void
on_window_drag_end (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    LbImageCanvas  *self)
{
  if (lb_image_canvas_tools_release (self))
    return;
  g_debug ("window drag ended: C %.1f W %.1f", self->display.center, self->display.width);
}

static void
on_pan_drag_begin (GtkGestureDrag *gesture,
                   double          x,
                   double          y,
                   LbImageCanvas  *self)
{
  self->pan_start_x = self->pan_x;
  self->pan_start_y = self->pan_y;
}

static void
on_pan_drag_update (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    LbImageCanvas  *self)
{
  self->pan_x = self->pan_start_x + dx;
  self->pan_y = self->pan_start_y + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  lb_image_canvas_emit_view_changed (self);
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           LbImageCanvas            *self)
{
  GdkModifierType state;
  int steps;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  if (state & GDK_CONTROL_MASK)
    {
      lb_image_canvas_zoom_by (self, dy < 0 ? 1.25 : 1 / 1.25);
      return TRUE;
    }
  /* Smooth scrolling sends fractions: move one slice per whole unit. */
  self->scroll_accum += dy;
  steps = (int) self->scroll_accum;
  if (steps != 0)
    {
      self->scroll_accum -= steps;
      lb_image_canvas_emit_navigate (self, steps);
    }
  return TRUE;
}

static void
on_resize (GtkDrawingArea *area,
           int             width,
           int             height,
           LbImageCanvas  *self)
{
  if (self->fit)
    lb_image_canvas_notify_zoom (self);
}

void
lb_image_canvas_input_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_motion);
  gtk_widget_class_bind_template_callback (widget_class, on_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_window_drag_begin);
  gtk_widget_class_bind_template_callback (widget_class, on_window_drag_update);
  gtk_widget_class_bind_template_callback (widget_class, on_window_drag_end);
  gtk_widget_class_bind_template_callback (widget_class, on_pan_drag_begin);
  gtk_widget_class_bind_template_callback (widget_class, on_pan_drag_update);
  gtk_widget_class_bind_template_callback (widget_class, on_scroll);
  gtk_widget_class_bind_template_callback (widget_class, on_resize);

  /* GtkWindow binds the arrow keys to focus movement, so the canvas takes them itself. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "win.navigate", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "win.navigate", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "win.navigate", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "win.navigate", "i", 1);
}
