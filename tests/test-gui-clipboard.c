/* test-gui-clipboard.c: Copy Image (win.copy-image, Ctrl+C on the canvas) puts the frame on
 * show, as displayed, on the clipboard as a texture: the same pixels as `lightbox-cli export`
 * with the same window (the render of src/export; no zoom or rotation). Copy Image with Overlay
 * (win.copy-image-overlay, Ctrl+Shift+C) copies the canvas as drawn: its size, with the corner
 * text, which hiding the overlay (win.toggle-overlay) takes away. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "lb-application.h"
#include "lb-document.h"
#include "lb-image-canvas.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"
#include "lb-window.h"
#include "lb-test-wait.h"

static void
on_texture (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GdkTexture **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static guchar *
download (GdkTexture *texture)
{
  gsize stride = (gsize) gdk_texture_get_width (texture) * 4;
  guchar *data = g_malloc (stride * gdk_texture_get_height (texture));

  gdk_texture_download (texture, data, stride);
  return data;
}

static void
test_copy_image (void)
{
  g_autofree char *ct_path = lb_test_file ("dicompyler-core/ct.0.dcm");
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autoptr (GFile) file = g_file_new_for_path (ct_path);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lb-copy-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "lung.png", NULL);
  const char *cli = g_getenv ("LB_CLI");
  const char *argv[] = { cli, "export", "--preset", "lung", ct_path, "-o", png, NULL };
  g_autoptr (GdkTexture) reference = NULL;
  GdkTexture *copied = NULL;
  g_autofree guchar *a = NULL;
  g_autofree guchar *b = NULL;
  LbWindow *window;
  int status;

  g_assert_nonnull (cli);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  lb_window_open_files (window, &file, 1);
  lb_test_wait_shown (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.window-preset", "s",
                                             "lung"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL));
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                    on_texture, &copied);
  lb_test_wait_while (copied == NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  reference = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (copied), ==, gdk_texture_get_width (reference));
  g_assert_cmpint (gdk_texture_get_height (copied), ==, gdk_texture_get_height (reference));
  a = download (copied);
  b = download (reference);
  g_assert_cmpmem (a, 512 * 512 * 4, b, 512 * 512 * 4);

  g_object_unref (copied);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (png);
  g_rmdir (dir);
}

static GdkTexture *
copy_with_overlay (LbWindow *window)
{
  GdkTexture *copied = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image-overlay",
                                             NULL));
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                    on_texture, &copied);
  lb_test_wait_while (copied == NULL);
  return copied;
}

/* Pixels of a top-left corner box (where the patient's name is drawn) that are not black. */
static guint
bright_in_corner (GdkTexture *texture)
{
  g_autofree guchar *data = download (texture);
  int width = gdk_texture_get_width (texture);
  guint bright = 0;

  for (int y = 0; y < 40; y++)
    for (int x = 0; x < 200; x++)
      bright += data[((gsize) y * width + x) * 4 + 1] > 128;
  return bright;
}

static void
test_copy_with_overlay (void)
{
  g_autofree char *ct_path = lb_test_file ("dicompyler-core/ct.0.dcm");
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autoptr (GFile) file = g_file_new_for_path (ct_path);
  g_autoptr (GdkTexture) with_text = NULL;
  g_autoptr (GdkTexture) without_text = NULL;
  GtkWidget *canvas;
  LbWindow *window;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  lb_window_open_files (window, &file, 1);
  canvas = lb_window_get_canvas (window);
  lb_test_wait_shown (window);
  lb_test_wait_paint (canvas);

  with_text = copy_with_overlay (window);
  g_assert_cmpint (gdk_texture_get_width (with_text), ==, gtk_widget_get_width (canvas));
  g_assert_cmpint (gdk_texture_get_height (with_text), ==, gtk_widget_get_height (canvas));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-overlay", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lb_test_wait_paint (canvas);
  without_text = copy_with_overlay (window);
  g_test_message ("bright corner pixels: %u with the overlay, %u without",
                  bright_in_corner (with_text), bright_in_corner (without_text));
  g_assert_cmpuint (bright_in_corner (with_text), >, 50);
  g_assert_cmpuint (bright_in_corner (without_text), <, bright_in_corner (with_text) / 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-overlay", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!lb_test_have_display ())
    return 0;
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/clipboard/copy-image", test_copy_image);
  g_test_add_func ("/gui/clipboard/copy-image-with-overlay", test_copy_with_overlay);
  return g_test_run ();
}
