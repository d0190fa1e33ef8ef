/* lb-presentation.c: presentation mode, for a teacher projecting the viewer.
 *
 * The panels' visibility is bound to GSettings (show-sidebar, show-metadata, show-histogram):
 * the mode unbinds them and hides the widgets, so the user's choices are not overwritten, and
 * binds them again on leaving, which shows each panel as its setting says. Without a window
 * manager (the GUI tests' bare X server) the window never becomes full screen, so the mode is
 * its own state, entered by F11; a window manager leaving full screen ends it too.
 *
 * The window shows up to four viewports (lb-layout.h): the large text and the C/W label apply
 * to every viewport's canvas, shown or not, so a layout changed during the mode has them too. */
#include "config.h"

#define G_LOG_DOMAIN "lb-presentation"

#include <glib/gi18n.h>

#include "lb-layout.h"
#include "lb-presentation.h"
#include "lb-window-private.h"

/* How long the large C/W stays after the window last changed. */
#define BANNER_MS 1500

typedef struct {
  LbWindow *window;            /* not owned: the state lives as long as the window */
  gboolean active;
  gboolean was_fullscreen;     /* the window manager made it full screen */
  guint banner_timeout;
} Presentation;

typedef struct {
  const char *key;
  GtkWidget *(*widget) (LbWindow *window);
} Panel;

static GtkWidget *sidebar (LbWindow *w) { return w->sidebar; }
static GtkWidget *tags (LbWindow *w) { return GTK_WIDGET (w->metadata_view); }
static GtkWidget *histogram (LbWindow *w) { return w->histogram_box; }

static const Panel panels[] = {
  { "show-sidebar", sidebar },
  { "show-metadata", tags },
  { "show-histogram", histogram },
};

/* Canvas `i` of the layout's viewports, 0 to LB_LAYOUT_MAX_VIEWPORTS - 1. */
static LbImageCanvas *
canvas_at (LbWindow *w,
           guint     i)
{
  return lb_viewport_get_canvas (lb_layout_get_viewport (w->layout, i));
}

static Presentation *
get_state (LbWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "lb-presentation");
}

gboolean
lb_presentation_is_active (LbWindow *window)
{
  Presentation *p = get_state (window);

  return p != NULL && p->active;
}

static void
apply_text_size (Presentation *p)
{
  LbWindow *w = p->window;
  double scale = p->active ? g_settings_get_int (w->settings, "presentation-text-size") / 100.0
                           : 1.0;

  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    lb_image_canvas_set_text_scale (canvas_at (w, i), scale);
  lb_tool_layer_set_label_scale (w->tools, scale);
}

static void
clear_banners (LbWindow *w)
{
  if (w->layout == NULL)   /* NULL once the window is disposed */
    return;
  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    lb_image_canvas_set_banner (canvas_at (w, i), NULL);
}

static void
hide_banner (gpointer data)
{
  Presentation *p = data;

  p->banner_timeout = 0;
  clear_banners (p->window);
  g_debug ("window banner hidden");
}

/* The window of `canvas` changed (a drag, a preset key, a linked view following): say it
 * large on that canvas, for a while. */
static void
on_window_changed (LbImageCanvas *canvas,
                   GParamSpec    *pspec,
                   LbWindow      *window)
{
  Presentation *p = get_state (window);
  const char *name;
  g_autofree char *text = NULL;

  if (p == NULL || !p->active || lb_image_canvas_get_document (canvas) == NULL)
    return;
  name = lb_image_canvas_get_window_source_name (canvas);
  /* Translators: the large window label of presentation mode: centre and width */
  text = g_strdup_printf (_("C %.0f  W %.0f"), lb_image_canvas_get_window_center (canvas),
                          lb_image_canvas_get_window_width (canvas));
  if (lb_image_canvas_get_window_source (canvas) == LB_WINDOW_SOURCE_PRESET && name != NULL)
    {
      char *named = g_strdup_printf ("%s  %s", name, text);
      g_free (text);
      text = named;
    }
  lb_image_canvas_set_banner (canvas, text);
  g_debug ("window banner: %s", text);
  g_clear_handle_id (&p->banner_timeout, g_source_remove);
  p->banner_timeout = g_timeout_add_once (BANNER_MS, hide_banner, p);
}

static void
enter (Presentation *p)
{
  LbWindow *w = p->window;

  p->active = TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      GtkWidget *panel = panels[i].widget (w);
      g_settings_unbind (panel, "visible");
      gtk_widget_set_visible (panel, FALSE);
    }
  apply_text_size (p);
  gtk_window_fullscreen (GTK_WINDOW (w));
  g_debug ("presentation mode on: sidebar, tags and histogram hidden");
}

static void
leave (Presentation *p)
{
  LbWindow *w = p->window;

  p->active = FALSE;
  p->was_fullscreen = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (panels); i++)
    g_settings_bind (w->settings, panels[i].key, panels[i].widget (w), "visible",
                     G_SETTINGS_BIND_DEFAULT);
  g_clear_handle_id (&p->banner_timeout, g_source_remove);
  clear_banners (w);
  apply_text_size (p);
  if (gtk_window_is_fullscreen (GTK_WINDOW (w)))
    gtk_window_unfullscreen (GTK_WINDOW (w));
  g_debug ("presentation mode off: panels as the settings say");
}

void
lb_presentation_toggle (LbWindow *window)
{
  Presentation *p = get_state (window);

  g_return_if_fail (p != NULL);
  if (p->active)
    leave (p);
  else
    enter (p);
}

static void
on_fullscreened (LbWindow   *window,
                 GParamSpec *pspec,
                 gpointer    data)
{
  Presentation *p = data;
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (window));

  if (fullscreen && p->active)
    p->was_fullscreen = TRUE;
  else if (!fullscreen && p->active && p->was_fullscreen)
    leave (p);   /* the window manager took it out of full screen */
}

static void
on_text_size_changed (GSettings  *settings,
                      const char *key,
                      LbWindow   *window)
{
  Presentation *p = get_state (window);

  if (p != NULL)
    apply_text_size (p);
}

static void
presentation_free (gpointer data)
{
  Presentation *p = data;

  g_clear_handle_id (&p->banner_timeout, g_source_remove);
  g_free (p);
}

void
lb_presentation_attach (LbWindow *window)
{
  Presentation *p = g_new0 (Presentation, 1);

  p->window = window;
  g_object_set_data_full (G_OBJECT (window), "lb-presentation", p, presentation_free);
  g_signal_connect (window, "notify::fullscreened", G_CALLBACK (on_fullscreened), p);
  /* Connected with the window as their object: they go with it. */
  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    {
      g_signal_connect_object (canvas_at (window, i), "notify::window-center",
                               G_CALLBACK (on_window_changed), window, 0);
      g_signal_connect_object (canvas_at (window, i), "notify::window-width",
                               G_CALLBACK (on_window_changed), window, 0);
    }
  g_signal_connect_object (window->settings, "changed::presentation-text-size",
                           G_CALLBACK (on_text_size_changed), window, 0);
}
