/* test-gui-startup.c: what start-up does before the first frame must not change what is shown
 * (src/app/lb-style-once.c): libadwaita's stylesheet, loaded once by the app itself, gives the
 * dark window colours, follows the dark-theme setting both ways, GTK_THEME is gone once the
 * display is open, and the app's own icon is found in the icon theme, though the application
 * sets no resource base path. Start-up time itself is measured in bench/startup.py. Needs an
 * X display (meson test runs under xvfb-run); skips without one. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "lb-application.h"
#include "lb-style-once.h"
#include "lb-test-gui.h"

/* Mean green level (0..255) of the middle of the window's child, a box of style class
 * "background": libadwaita's window background colour. */
static double
window_background (GtkWindow *window)
{
  GtkWidget *widget = gtk_window_get_child (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *buf = NULL;
  int w, h;
  double sum = 0;
  guint n = 0;

  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  gtk_widget_snapshot_child (GTK_WIDGET (window), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  buf = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, buf, w * 4);
  for (int y = h / 4; y < h * 3 / 4; y++)
    for (int x = w / 4; x < w * 3 / 4; x++, n++)
      sum += buf[((gsize) y * w + x) * 4 + 1];
  return sum / n;
}

static void
test_style_once (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  GSettings *settings;
  AdwStyleManager *style;
  GtkWindow *window;
  g_autofree char *theme_name = NULL;
  double dark_bg, light_bg, dark_again_bg;

  g_application_register (G_APPLICATION (app), NULL, NULL);   /* startup */
  settings = lb_application_get_settings (app);
  style = adw_style_manager_get_default ();

  /* The empty GTK theme was only lent through the environment while the display opened. */
  g_assert_null (g_getenv ("GTK_THEME"));
  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme_name, NULL);
  g_assert_cmpstr (theme_name, ==, "Adwaita-empty");

  /* Dark by default (the dark-theme key), from the first frame. */
  g_assert_true (g_settings_get_boolean (settings, "dark-theme"));
  g_assert_true (adw_style_manager_get_dark (style));
  window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (window, 200, 150);
  gtk_window_set_child (window, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_add_css_class (gtk_window_get_child (window), "background");
  gtk_window_present (window);
  dark_bg = window_background (window);

  /* The setting switched: libadwaita's light colours, then its dark ones again. */
  g_settings_set_boolean (settings, "dark-theme", FALSE);
  g_assert_false (adw_style_manager_get_dark (style));
  light_bg = window_background (window);
  g_settings_set_boolean (settings, "dark-theme", TRUE);
  dark_again_bg = window_background (window);
  g_test_message ("window background: dark %.1f, light %.1f, dark again %.1f", dark_bg,
                  light_bg, dark_again_bg);
  /* Adwaita's window_bg_color: #242424 dark, #fafafa light. */
  g_assert_cmpfloat (fabs (dark_bg - 0x24), <, 4);
  g_assert_cmpfloat (fabs (light_bg - 0xfa), <, 4);
  g_assert_cmpfloat (dark_again_bg, ==, dark_bg);

  /* The app's symbolic icon ("No Image" status page) without an app icon resource path. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (
                                            gdk_display_get_default ()),
                                          APP_ID "-symbolic"));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  if (!lb_test_have_display ())
    return 0;
  /* As main.c does: first, before GTK opens the display. */
  lb_style_once_prepare ();
  data_home = lb_test_private_data_home ("lb-startup-data");
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/startup/style-once", test_style_once);
  status = g_test_run ();
  lb_test_remove_data_home (data_home);
  return status;
}
