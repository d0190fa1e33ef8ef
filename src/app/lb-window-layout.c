/* lb-window-layout.c: the window's side of the layout (lb-layout.h): the layout menu and keys,
 * the link toggles, the two-preset comparison, and the hand-over when another viewport becomes
 * active.
 *
 * The window works on the active viewport through self->canvas, self->document, self->series
 * and self->series_index, as it did with its one canvas; the other viewports keep their own
 * (lb_viewport_store_state). When the active viewport changes, the window stores its state in
 * the old one and takes the new one's: every action, the histogram, the tag tree and the title
 * then follow the active viewport without knowing there are others. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-image-canvas-tools.h"
#include "lb-window-private.h"

/* ---- The active viewport ------------------------------------------------------------------ */

static void
show_active (LbWindow *self)
{
  if (self->started)
    lb_metadata_view_set_document (self->metadata_view, self->document);
  if (self->document != NULL && lb_document_get_frame (self->document) != NULL)
    lb_histogram_set_document (self->histogram, self->document,
                               lb_image_canvas_get_window_center (self->canvas),
                               lb_image_canvas_get_window_width (self->canvas));
  else
    lb_histogram_set_document (self->histogram, NULL, 0, 1);
  lb_window_rebuild_presets_menu (self);
  lb_window_update_window_label (self);
  lb_window_update_title (self);
  lb_window_update_actions (self);
  {
    const char *probe = lb_image_canvas_get_probe_text (self->canvas);

    gtk_label_set_text (self->probe_label, probe != NULL ? probe : "");
  }
}

/* The pixel pipeline window follows one canvas: it is made again for the active one. */
static void
renew_pipeline_view (LbWindow *self)
{
  gboolean shown;

  if (self->pipeline_view == NULL)
    return;
  shown = gtk_widget_get_visible (GTK_WIDGET (self->pipeline_view));
  gtk_window_destroy (self->pipeline_view);
  self->pipeline_view = NULL;
  if (shown)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.pipeline-view", NULL);
}

static void
on_active_changed (LbWindow *self)
{
  LbViewport *next = lb_layout_get_active (self->layout);
  LbViewport *previous = self->viewport;
  LbImageCanvas *canvas = lb_viewport_get_canvas (next);

  if (next == previous)
    return;
  if (lb_window_reformat_running (self))
    {
      /* The three planes are views of the window's one series: nothing to hand over. */
      self->viewport = next;
      self->canvas = canvas;
      lb_window_update_window_label (self);
      renew_pipeline_view (self);
      return;
    }
  /* A load still running was for the viewport that was active. */
  g_cancellable_cancel (self->load_cancellable);
  lb_viewport_store_state (previous, self->document, self->series, self->series_index);
  g_clear_object (&self->document);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  lb_viewport_take_state (next, &self->document, &self->series, &self->series_index);

  /* The measurements belong to the active image. */
  lb_image_canvas_set_tool_layer (self->canvas, NULL);
  lb_image_canvas_set_tool_layer (canvas, self->tools);
  self->viewport = next;
  self->canvas = canvas;
  show_active (self);
  renew_pipeline_view (self);
}

/* ---- The canvases' signals: only the active one speaks for the window -------------------- */

static void
on_canvas_window_changed (LbImageCanvas *canvas,
                          GParamSpec    *pspec,
                          LbWindow      *self)
{
  if (canvas == self->canvas)
    lb_window_update_window_label (self);
}

static void
on_canvas_probe_changed (LbImageCanvas *canvas,
                         GParamSpec    *pspec,
                         LbWindow      *self)
{
  const char *text = lb_image_canvas_get_probe_text (canvas);

  /* The planes' probe says more (the patient coordinate): lb-window-reformat.c. */
  if (canvas == self->canvas && !lb_window_reformat_running (self))
    gtk_label_set_text (self->probe_label, text != NULL ? text : "");
}

static void
on_canvas_navigate (LbImageCanvas *canvas,
                    int            delta,
                    LbWindow      *self)
{
  if (canvas == self->canvas)
    lb_window_navigate (self, delta);
}

static void
on_drag_direction_changed (LbWindow *self)
{
  LbDragDirection direction = g_settings_get_enum (self->settings, "drag-direction");

  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    lb_image_canvas_set_drag_direction (
      lb_viewport_get_canvas (lb_layout_get_viewport (self->layout, i)), direction);
}

static void
watch_canvas (LbWindow      *self,
              LbImageCanvas *canvas)
{
  g_signal_connect_object (canvas, "notify::window-center", G_CALLBACK (on_canvas_window_changed),
                           self, 0);
  g_signal_connect_object (canvas, "notify::window-width", G_CALLBACK (on_canvas_window_changed),
                           self, 0);
  g_signal_connect_object (canvas, "notify::window-source", G_CALLBACK (on_canvas_window_changed),
                           self, 0);
  g_signal_connect_object (canvas, "notify::probe-text", G_CALLBACK (on_canvas_probe_changed),
                           self, 0);
  g_signal_connect_object (canvas, "navigate", G_CALLBACK (on_canvas_navigate), self, 0);
  g_signal_connect_object (canvas, "first-image-drawn", G_CALLBACK (lb_window_finish_start_up),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "show-overlay", canvas, "show-overlay",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "invert", canvas, "invert", G_SETTINGS_BIND_DEFAULT);
}

/* ---- Actions ------------------------------------------------------------------------------ */

static void
change_mode (GSimpleAction *action,
             GVariant      *state,
             gpointer       user_data)
{
  LbWindow *self = user_data;
  LbLayoutMode mode;

  if (!lb_layout_mode_from_name (g_variant_get_string (state, NULL), &mode))
    return;
  g_simple_action_set_state (action, state);
  lb_layout_set_mode (self->layout, mode);
}

static void
on_mode_changed (LbWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->layout_actions), "mode");
  const char *name = lb_layout_mode_to_name (lb_layout_get_mode (self->layout));

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (name));
  lb_window_reformat_mode_changed (self);
}

/* The teaching view: the slice on show twice, side by side, in the lung window on the left
 * and the mediastinal one on the right. Scrolling stays linked, so both show the same slice. */
static void
compare_presets (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LbWindow *self = user_data;
  const LbDicomPreset *lung = lb_dicom_preset_lookup ("lung");
  GFile *file;
  LbViewport *other;

  if (self->document == NULL || lb_document_get_frame (self->document) == NULL)
    return;
  file = lb_document_get_file (self->document);
  if (lb_layout_get_mode (self->layout) == LB_LAYOUT_SINGLE)
    lb_layout_set_mode (self->layout, LB_LAYOUT_TWO);
  g_object_set (self->layout, "link-scroll", TRUE, "link-window", FALSE, NULL);
  other = lb_layout_get_other (self->layout);
  if (lung != NULL)
    lb_image_canvas_set_window (self->canvas, lung->center, lung->width,
                                LB_WINDOW_SOURCE_PRESET, _(lung->label));
  /* The other viewport reads the file itself: two canvases never share a document, whose
   * frame changes under the other when one moves. */
  if (other != NULL && file != NULL)
    lb_viewport_load (other, file, lb_document_get_frame_index (self->document), self->series,
                      self->series_index, "mediastinum");
  g_debug ("compare presets: lung | mediastinum");
}

void
lb_window_layout_init (LbWindow *self)
{
  static const GActionEntry entries[] = {
    { "mode", NULL, "s", "'single'", change_mode, { 0 } },
    { "compare-presets", compare_presets, NULL, NULL, NULL, { 0 } },
  };
  static const char *const links[] = { "link-window", "link-zoom", "link-scroll" };

  self->layout_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->layout_actions), entries,
                                   G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr (GPropertyAction) action = g_property_action_new (links[i], self->layout,
                                                                  links[i]);

      g_action_map_add_action (G_ACTION_MAP (self->layout_actions), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "layout",
                                  G_ACTION_GROUP (self->layout_actions));

  lb_window_reformat_init (self);
  self->viewport = lb_layout_get_active (self->layout);
  self->canvas = lb_viewport_get_canvas (self->viewport);
  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    watch_canvas (self, lb_viewport_get_canvas (lb_layout_get_viewport (self->layout, i)));
  g_signal_connect_object (self->layout, "notify::active", G_CALLBACK (on_active_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layout, "notify::mode", G_CALLBACK (on_mode_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::drag-direction",
                           G_CALLBACK (on_drag_direction_changed), self, G_CONNECT_SWAPPED);
  on_drag_direction_changed (self);
}

void
lb_window_layout_class_init (GtkWidgetClass *wc)
{
  /* Alt+digit: Ctrl+1 and Ctrl+0 zoom, the bare digits are window presets. */
  gtk_widget_class_add_binding_action (wc, GDK_KEY_1, GDK_ALT_MASK, "layout.mode", "s", "single");
  gtk_widget_class_add_binding_action (wc, GDK_KEY_2, GDK_ALT_MASK, "layout.mode", "s", "two");
  gtk_widget_class_add_binding_action (wc, GDK_KEY_3, GDK_ALT_MASK, "layout.mode", "s", "planes");
  gtk_widget_class_add_binding_action (wc, GDK_KEY_4, GDK_ALT_MASK, "layout.mode", "s", "four");
  gtk_widget_class_add_binding_action (wc, GDK_KEY_t, 0, "layout.compare-presets", NULL);
}
