/* test-gui-cine.c: the cine bar follows and drives its LbCine (speed, back and forth, the play
 * button's icon and name), and win.play plays a multi-frame file in the window: the frame on
 * show advances, then stays once paused. */
#include "config.h"

#include <gtk/gtk.h>

#include "lb-application.h"
#include "lb-cine-bar.h"
#include "lb-document.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"
#include "lb-window.h"
#include "lb-test-wait.h"

static GtkWidget *
find_child (GtkWidget *parent,
            GType      type)
{
  for (GtkWidget *w = gtk_widget_get_first_child (parent); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
      return w;
  return NULL;
}

static void
test_bar_controls (void)
{
  g_autoptr (LbCine) cine = lb_cine_new ();
  GtkWidget *bar = g_object_ref_sink (g_object_new (LB_TYPE_CINE_BAR, NULL));
  GtkWidget *bounce = find_child (bar, GTK_TYPE_CHECK_BUTTON);
  GtkWidget *speed = find_child (bar, GTK_TYPE_DROP_DOWN);
  GtkWidget *play = find_child (bar, GTK_TYPE_BUTTON);

  lb_cine_bar_set_cine (LB_CINE_BAR (bar), cine);
  g_assert_nonnull (bounce);
  g_assert_nonnull (speed);
  g_assert_nonnull (play);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (play)), ==,
                   "media-playback-start-symbolic");
  /* The controls change the cine... */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bounce), TRUE);
  g_assert_true (lb_cine_get_bounce (cine));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (speed), 4);
  g_assert_cmpfloat (lb_cine_get_speed (cine), ==, 4.0);
  /* ...and follow it ([ and ] change the speed through the cine). */
  lb_cine_step_speed (cine, -1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (speed)), ==, 3);
  lb_cine_set_bounce (cine, FALSE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (bounce)));
  g_object_unref (bar);
}

static guint
frame_on_show (LbWindow *window)
{
  return lb_document_get_frame_index (lb_window_get_document (window));
}

static void
test_play_in_window (void)
{
  g_autofree char *path = lb_test_file ("pydicom-data/emri_small.dcm");
  g_autoptr (LbApplication) app = lb_application_new ();
  LbWindow *window;
  guint start, paused_at;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = lb_test_open_window (app, path, 900, 700);
  lb_test_wait_shown (window);
  start = frame_on_show (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  /* 10 frames at the default 10 frames/s: three frames on, whatever the machine's speed. */
  lb_test_wait_while (frame_on_show (window) < start + 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  paused_at = frame_on_show (window);
  /* Paused: a few more main loop turns (frame clock ticks queued before) move nothing. */
  for (int i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_assert_cmpuint (frame_on_show (window), ==, paused_at);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!lb_test_have_display ())
    return 0;
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/cine/bar-controls", test_bar_controls);
  g_test_add_func ("/gui/cine/play-in-window", test_play_in_window);
  return g_test_run ();
}
