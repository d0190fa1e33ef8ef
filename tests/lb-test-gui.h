/* lb-test-gui.h: what the GTest widget programs (tests/test-gui-*.c, test-tag-tree.c) share:
 * skipping without a display, a recent-files list of their own, and a viewer window opened on
 * a file, and waits for what a window shows: its document on screen, a new paint. */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lb-document.h"
#include "lb-image-canvas.h"
#include "lb-window.h"
#include "lb-test-wait.h"

/* TRUE when there is an X display; else prints the TAP skip line for main() to return 0 on. */
G_GNUC_UNUSED static gboolean
lb_test_have_display (void)
{
  if (g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0')
    return TRUE;
  g_print ("1..0 # SKIP no display\n");
  return FALSE;
}

/* A new XDG_DATA_HOME, so the recent-files list of the test stays out of the user's (GTK reads
 * it once, at first use: call before gtk_test_init). `name` is the folder's prefix. */
G_GNUC_UNUSED static char *
lb_test_private_data_home (const char *name)
{
  g_autofree char *template = g_strconcat (name, "-XXXXXX", NULL);
  char *data_home = g_dir_make_tmp (template, NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  return data_home;
}

/* Removes what lb_test_private_data_home() made. */
G_GNUC_UNUSED static void
lb_test_remove_data_home (const char *data_home)
{
  g_autofree char *recent = g_build_filename (data_home, "recently-used.xbel", NULL);

  g_unlink (recent);
  g_rmdir (data_home);
}

/* Waits until `win` shows its document: a decoded frame, a display (window) on the canvas,
 * and the canvas laid out (every test window is wider than 300 px). */
G_GNUC_UNUSED static void
lb_test_wait_shown (LbWindow *win)
{
  LbDocument *doc;
  GtkWidget *canvas = lb_window_get_canvas (win);

  lb_test_wait_while ((doc = lb_window_get_document (win)) == NULL || lb_document_get_frame (doc) == NULL
         || lb_image_canvas_get_display (LB_IMAGE_CANVAS (canvas)) == NULL
         || gtk_widget_get_width (canvas) < 300);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Waits until `widget` has been drawn again: two frames of its frame clock after a redraw is
 * queued (the frame that was under way may have snapshotted before the change). */
G_GNUC_UNUSED static void
lb_test_wait_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 start = gdk_frame_clock_get_frame_counter (clock);

  gtk_widget_queue_draw (widget);
  lb_test_wait_while (gdk_frame_clock_get_frame_counter (clock) < start + 2);
}

/* A viewer window showing the file at `path` once its document is loaded; `width` x `height`
 * is its default size, or the window's own default when width is 0. */
G_GNUC_UNUSED static LbWindow *
lb_test_open_window (LbApplication *app,
                     const char    *path,
                     int            width,
                     int            height)
{
  LbWindow *win = lb_window_new (app);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (win), width, height);
  gtk_window_present (GTK_WINDOW (win));
  lb_window_open_files (win, &file, 1);
  lb_test_wait_while (lb_window_get_document (win) == NULL);
  return win;
}
