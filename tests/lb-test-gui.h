/* lb-test-gui.h: what the GTest widget programs (tests/test-gui-*.c, test-tag-tree.c) share:
 * skipping without a display, a recent-files list of their own, and a viewer window opened on
 * a file. */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lb-window.h"

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
  while (lb_window_get_document (win) == NULL)
    g_main_context_iteration (NULL, TRUE);
  return win;
}
