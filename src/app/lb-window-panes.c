/* lb-window-panes.c: the widths of the file browser and the tag tree, remembered in GSettings.
 * The browser's width is the outer divider's position, bound to "sidebar-width". The tree is
 * the end child of the inner divider, so its width is what is left of the inner paned: it is
 * set once the paned has its first width (the window's size from GSettings is only a request:
 * the frame and a maximized state change it), and from then on GtkPaned keeps it as the window
 * is resized, the image taking the difference. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-window-private.h"

/* GtkPaned's handle in Adwaita is 1 px wide (the tags-split style keeps it so). */
#define HANDLE_WIDTH 1

static void
on_inner_paned_allocated (GtkPaned   *paned,
                          GParamSpec *pspec,
                          LbWindow   *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));
  int tree = g_settings_get_int (self->settings, "metadata-width");

  if (width <= 0)
    return;
  g_signal_handlers_disconnect_by_func (paned, on_inner_paned_allocated, self);
  gtk_paned_set_position (paned, MAX (200, width - HANDLE_WIDTH - tree));
  g_debug ("tag tree %d px wide of %d", tree, width);
}

void
lb_window_restore_panes (LbWindow *self)
{
  g_settings_bind (self->settings, "sidebar-width", self->outer_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  /* max-position changes when the paned is first allocated. */
  g_signal_connect (self->inner_paned, "notify::max-position",
                    G_CALLBACK (on_inner_paned_allocated), self);
}

void
lb_window_save_panes (LbWindow *self)
{
  GtkWidget *tree = GTK_WIDGET (self->metadata_view);

  if (gtk_widget_get_visible (tree) && gtk_widget_get_width (tree) > 0)
    g_settings_set_int (self->settings, "metadata-width", gtk_widget_get_width (tree));
}
