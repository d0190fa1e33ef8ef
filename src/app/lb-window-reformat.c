/* lb-window-reformat.c: the window's side of the three-plane layout (lb-reformat.h): starting
 * and stopping the reformat with the layout, the slab actions, the probe text, and the
 * navigation keys and wheel, which move the active view's plane.
 *
 * While the planes are shown the window keeps the document of the series' slice it showed (the
 * tag tree, the title and the presets stay those of the series); the three canvases show planes
 * sampled from the volume, and the window's canvas is the active plane's. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-image-canvas-tools.h"
#include "lb-window-private.h"

gboolean
lb_window_reformat_running (LbWindow *self)
{
  return self->reformat != NULL && lb_reformat_is_running (self->reformat);
}

gboolean
lb_window_reformat_navigate (LbWindow *self,
                             int       delta)
{
  if (!lb_window_reformat_running (self))
    return FALSE;
  lb_reformat_scroll (self->reformat, self->viewport, delta);
  return TRUE;
}

/* A file opened while the planes are shown is shown on its own. */
void
lb_window_reformat_leave (LbWindow *self)
{
  if (lb_layout_get_mode (self->layout) == LB_LAYOUT_PLANES)
    lb_layout_set_mode (self->layout, LB_LAYOUT_SINGLE);
}

static void
start (LbWindow *self)
{
  g_autoptr (GPtrArray) files = NULL;

  if (self->document == NULL || lb_document_get_frame (self->document) == NULL)
    {
      lb_window_toast (self, _("Open a series first: the three planes are made from its slices"));
      lb_window_reformat_leave (self);
      return;
    }
  if (self->series != NULL && self->series->len > 1)
    files = g_ptr_array_ref (self->series);
  else
    {
      /* One file: an enhanced multi-frame object is a volume of its own. */
      files = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (files, g_object_ref (lb_document_get_file (self->document)));
    }
  /* Measurements belong to a file's frame; the planes are not one (and the left button moves
   * the crosshair there). They come back with the slice. */
  lb_image_canvas_set_tool_layer (self->canvas, NULL);
  /* One window for the three planes: a drag in any view windows all. */
  g_object_set (self->layout, "link-window", TRUE, NULL);
  lb_reformat_start (self->reformat, self->document, files);
}

/* The canvases show again what their viewports hold: the window's document in the active one. */
static void
stop (LbWindow *self)
{
  lb_reformat_stop (self->reformat);
  for (guint i = 0; i < 3; i++)
    {
      LbViewport *viewport = lb_layout_get_viewport (self->layout, i);
      LbDocument *document = viewport == self->viewport ? self->document
                                                          : lb_viewport_get_document (viewport);

      lb_image_canvas_set_document (lb_viewport_get_canvas (viewport), document, TRUE);
    }
  lb_image_canvas_set_tool_layer (self->canvas, self->tools);
}

void
lb_window_reformat_mode_changed (LbWindow *self)
{
  gboolean planes = lb_layout_get_mode (self->layout) == LB_LAYOUT_PLANES;

  if (planes && !lb_window_reformat_running (self))
    start (self);
  else if (!planes && lb_window_reformat_running (self))
    stop (self);
}

static void
on_probe_changed (LbWindow *self)
{
  const char *text = lb_reformat_get_probe_text (self->reformat);

  gtk_label_set_text (self->probe_label, text != NULL ? text : "");
}

static void
on_failed (LbReformat *reformat,
           const char *message,
           LbWindow   *self)
{
  /* Translators: the reason follows, e.g. which slices break the spacing */
  g_autofree char *text = g_strdup_printf (_("No three planes of this series: %s"), message);

  g_debug ("reformat failed: %s", message);
  lb_window_file_toast (self, text, NULL, NULL, NULL);
  lb_window_reformat_leave (self);
}

static void
change_slab (GSimpleAction *action,
             GVariant      *state,
             gpointer       user_data)
{
  LbWindow *self = user_data;
  const char *name = g_variant_get_string (state, NULL);
  g_auto (GStrv) parts = g_strsplit (name, ":", 2);
  LbVolumeSlabMode mode = LB_VOLUME_SLAB_MIP;
  double mm = g_ascii_strtod (parts[0], NULL);

  if (parts[1] != NULL && !lb_volume_slab_mode_from_name (parts[1], &mode))
    return;
  g_simple_action_set_state (action, state);
  lb_reformat_set_slab (self->reformat, mm, mode);
}

void
lb_window_reformat_init (LbWindow *self)
{
  /* Slab as "MM:MODE", e.g. "20:mip"; "0" for thin planes. */
  static const GActionEntry entries[] = {
    { "slab", NULL, "s", "'0'", change_slab, { 0 } },
  };

  self->reformat = lb_reformat_new (lb_layout_get_viewport (self->layout, 0),
                                    lb_layout_get_viewport (self->layout, 1),
                                    lb_layout_get_viewport (self->layout, 2));
  g_action_map_add_action_entries (G_ACTION_MAP (self->layout_actions), entries,
                                   G_N_ELEMENTS (entries), self);
  g_signal_connect_object (self->reformat, "notify::probe-text", G_CALLBACK (on_probe_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reformat, "failed", G_CALLBACK (on_failed), self, 0);
}
