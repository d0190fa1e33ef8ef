/* test-gui-layout.c: the layout's rules (lb-layout.c): which viewports are shown and may be
 * active, the links (window, zoom and pan) between shown viewports only, and the window's
 * hand-over of the document when another viewport becomes active (lb-window-layout.c). */
#include "config.h"

#include <gtk/gtk.h>

#include "lb-image-canvas-view.h"
#include "lb-layout.h"
#include "lb-test-document.h"
#include "lb-test-files.h"
#include "lb-test-dirs.h"
#include "lb-test-gui.h"
#include "lb-window.h"
#include "lb-test-wait.h"

static char *ct_path;

static LbImageCanvas *
canvas_of (LbLayout *layout,
           guint     index)
{
  return lb_viewport_get_canvas (lb_layout_get_viewport (layout, index));
}

static void
test_modes (void)
{
  LbLayout *layout = LB_LAYOUT (g_object_ref_sink (lb_layout_new ()));
  LbLayoutMode mode;

  g_assert_true (lb_layout_mode_from_name ("four", &mode));
  g_assert_cmpint (mode, ==, LB_LAYOUT_FOUR);
  g_assert_cmpstr (lb_layout_mode_to_name (LB_LAYOUT_TWO), ==, "two");
  g_assert_false (lb_layout_mode_from_name ("five", &mode));

  g_assert_cmpuint (lb_layout_get_n_shown (layout), ==, 1);
  g_assert_true (lb_layout_get_active (layout) == lb_layout_get_viewport (layout, 0));
  g_assert_null (lb_layout_get_other (layout));
  lb_layout_set_mode (layout, LB_LAYOUT_TWO);
  g_assert_cmpuint (lb_layout_get_n_shown (layout), ==, 2);
  g_assert_true (lb_layout_get_other (layout) == lb_layout_get_viewport (layout, 1));
  /* A hidden viewport cannot become active. */
  lb_layout_set_active (layout, lb_layout_get_viewport (layout, 3));
  g_assert_true (lb_layout_get_active (layout) == lb_layout_get_viewport (layout, 0));
  lb_layout_set_mode (layout, LB_LAYOUT_FOUR);
  lb_layout_set_active (layout, lb_layout_get_viewport (layout, 3));
  g_assert_true (lb_layout_get_active (layout) == lb_layout_get_viewport (layout, 3));
  g_assert_true (lb_viewport_get_active (lb_layout_get_viewport (layout, 3)));
  g_assert_false (lb_viewport_get_active (lb_layout_get_viewport (layout, 0)));
  /* Back to one: the active viewport went away, the first takes over. */
  lb_layout_set_mode (layout, LB_LAYOUT_SINGLE);
  g_assert_true (lb_layout_get_active (layout) == lb_layout_get_viewport (layout, 0));
  g_assert_true (lb_viewport_get_active (lb_layout_get_viewport (layout, 0)));
  g_assert_false (lb_viewport_get_active (lb_layout_get_viewport (layout, 3)));
  g_object_unref (layout);
}

static void
test_link_window (void)
{
  LbLayout *layout = LB_LAYOUT (g_object_ref_sink (lb_layout_new ()));
  g_autoptr (LbDocument) doc = load (ct_path);

  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    lb_image_canvas_set_document (canvas_of (layout, i), doc, FALSE);
  lb_layout_set_mode (layout, LB_LAYOUT_TWO);
  lb_image_canvas_set_window (canvas_of (layout, 1), 300, 600, LB_WINDOW_SOURCE_MANUAL, NULL);

  /* Not linked: each view keeps its window. */
  lb_image_canvas_set_window (canvas_of (layout, 0), -600, 1500, LB_WINDOW_SOURCE_MANUAL, NULL);
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas_of (layout, 1)), ==, 300);

  /* Linked: the shown views follow, from whichever view changed; hidden ones do not. */
  g_object_set (layout, "link-window", TRUE, NULL);
  lb_image_canvas_set_window (canvas_of (layout, 0), 50, 350, LB_WINDOW_SOURCE_MANUAL, NULL);
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas_of (layout, 1)), ==, 50);
  g_assert_cmpfloat (lb_image_canvas_get_window_width (canvas_of (layout, 1)), ==, 350);
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas_of (layout, 2)), !=, 50);
  lb_image_canvas_set_window (canvas_of (layout, 1), 400, 1800, LB_WINDOW_SOURCE_MANUAL, NULL);
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas_of (layout, 0)), ==, 400);
  g_assert_cmpfloat (lb_image_canvas_get_window_width (canvas_of (layout, 0)), ==, 1800);
  g_object_unref (layout);
}

static void
test_link_zoom (void)
{
  LbLayout *layout = LB_LAYOUT (g_object_ref_sink (lb_layout_new ()));
  LbCanvasView v0, v1;

  lb_layout_set_mode (layout, LB_LAYOUT_TWO);
  lb_image_canvas_zoom_one (canvas_of (layout, 0));
  lb_image_canvas_get_view (canvas_of (layout, 1), &v1);
  g_assert_true (v1.fit);                     /* not linked */

  g_object_set (layout, "link-zoom", TRUE, NULL);
  lb_image_canvas_zoom_by (canvas_of (layout, 0), 2);
  lb_image_canvas_pan (canvas_of (layout, 0), 30, -20);
  lb_image_canvas_get_view (canvas_of (layout, 0), &v0);
  lb_image_canvas_get_view (canvas_of (layout, 1), &v1);
  g_assert_false (v1.fit);
  g_assert_cmpfloat (v1.zoom, ==, v0.zoom);
  g_assert_cmpfloat (v1.pan_x, ==, v0.pan_x);
  g_assert_cmpfloat (v1.pan_y, ==, v0.pan_y);
  lb_image_canvas_zoom_fit (canvas_of (layout, 1));
  lb_image_canvas_get_view (canvas_of (layout, 0), &v0);
  g_assert_true (v0.fit);
  g_object_unref (layout);
}

/* The window works on the active viewport: its document, canvas and title follow the viewport
 * that becomes active, and come back with it. */
static void
test_window_hand_over (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  LbWindow *win;
  LbLayout *layout;
  LbDocument *first;
  GtkWidget *first_canvas;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_test_open_window (app, ct_path, 1000, 700);
  first = lb_window_get_document (win);
  first_canvas = lb_window_get_canvas (win);
  layout = LB_LAYOUT (gtk_widget_get_ancestor (first_canvas, LB_TYPE_LAYOUT));
  g_assert_nonnull (layout);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "layout.mode", "s", "two"));
  g_assert_cmpint (lb_layout_get_mode (layout), ==, LB_LAYOUT_TWO);
  lb_layout_set_active (layout, lb_layout_get_viewport (layout, 1));
  g_assert_true (lb_window_get_canvas (win) == GTK_WIDGET (canvas_of (layout, 1)));
  g_assert_null (lb_window_get_document (win));          /* an empty viewport */
  lb_layout_set_active (layout, lb_layout_get_viewport (layout, 0));
  g_assert_true (lb_window_get_canvas (win) == first_canvas);
  g_assert_true (lb_window_get_document (win) == first);

  /* The lung / mediastinum pair: the second viewport reads the same file on its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "layout.compare-presets", NULL));
  lb_test_wait_while (lb_image_canvas_get_document (canvas_of (layout, 1)) == NULL
         || lb_image_canvas_get_window_source (canvas_of (layout, 1)) != LB_WINDOW_SOURCE_PRESET);
  g_assert_true (lb_image_canvas_get_document (canvas_of (layout, 1)) != first);
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas_of (layout, 0)), ==, -600);
  g_assert_cmpfloat (lb_image_canvas_get_window_width (canvas_of (layout, 0)), ==, 1500);
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas_of (layout, 1)), ==, 50);
  g_assert_cmpfloat (lb_image_canvas_get_window_width (canvas_of (layout, 1)), ==, 350);
  lb_layout_set_active (layout, lb_layout_get_viewport (layout, 1));
  g_assert_true (lb_window_get_document (win)
                 == lb_image_canvas_get_document (canvas_of (layout, 1)));

  /* An opened file goes to the active viewport; the other keeps its image. */
  {
    g_autofree char *mr_path = lb_test_file ("pydicom-data/emri_small.dcm");
    g_autoptr (GFile) mr = g_file_new_for_path (mr_path);
    LbDocument *left = lb_image_canvas_get_document (canvas_of (layout, 0));

    lb_window_open_files (win, &mr, 1);
    lb_test_wait_while (lb_window_get_document (win) == NULL
           || !g_file_equal (lb_document_get_file (lb_window_get_document (win)), mr));
    g_assert_true (lb_image_canvas_get_document (canvas_of (layout, 1))
                   == lb_window_get_document (win));
    g_assert_true (lb_image_canvas_get_document (canvas_of (layout, 0)) == left);
    lb_layout_set_active (layout, lb_layout_get_viewport (layout, 0));
    g_assert_true (lb_window_get_document (win) == left);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static gboolean
shows_file (LbImageCanvas *canvas,
            const char    *name)
{
  LbDocument *document = lb_image_canvas_get_document (canvas);
  g_autofree char *base = document != NULL && lb_document_get_file (document) != NULL
                            ? g_file_get_basename (lb_document_get_file (document)) : NULL;

  return g_strcmp0 (base, name) == 0;
}

static void
wait_shows (LbImageCanvas *canvas,
            const char    *name)
{
  lb_test_wait_while (!shows_file (canvas, name));
}

/* Linked scrolling: the T pair on the phantom's series; a slice step in the active view moves
 * the other view to the same slice (it loads the file itself); unlinked, it stays. */
static void
test_link_scroll (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autofree char *tmp = g_dir_make_tmp ("lb-layout-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "phantom", NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  LbWindow *win;
  LbLayout *layout;

  write_phantom (LB_CLI_PATH, dir);
  for (guint i = 1; i <= 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("CT%02u.dcm", i);

      g_ptr_array_add (files, g_file_new_build_filename (dir, name, NULL));
    }
  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 700);
  gtk_window_present (GTK_WINDOW (win));
  lb_window_open_files (win, (GFile **) files->pdata, files->len);
  layout = LB_LAYOUT (gtk_widget_get_ancestor (lb_window_get_canvas (win), LB_TYPE_LAYOUT));
  wait_shows (canvas_of (layout, 0), "CT01.dcm");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "layout.compare-presets", NULL));
  wait_shows (canvas_of (layout, 1), "CT01.dcm");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.navigate", "i", 2));
  wait_shows (canvas_of (layout, 0), "CT03.dcm");
  wait_shows (canvas_of (layout, 1), "CT03.dcm");
  /* The second view kept its own (mediastinal) window while it followed. */
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas_of (layout, 1)), ==, 50);

  g_object_set (layout, "link-scroll", FALSE, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.navigate", "i", 1));
  wait_shows (canvas_of (layout, 0), "CT04.dcm");
  g_assert_true (shows_file (canvas_of (layout, 1), "CT03.dcm"));
  gtk_window_destroy (GTK_WINDOW (win));
  remove_dir (dir);
  g_rmdir (tmp);
}

static gboolean
is_single (gpointer layout)
{
  return lb_layout_get_mode (layout) == LB_LAYOUT_SINGLE;
}

/* Three planes of a file that is no volume (one slice): a message, and one view again. */
static void
test_planes_refused (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  LbWindow *win;
  LbLayout *layout;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_test_open_window (app, ct_path, 1000, 700);
  layout = LB_LAYOUT (gtk_widget_get_ancestor (lb_window_get_canvas (win), LB_TYPE_LAYOUT));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "layout.mode", "s", "planes"));
  g_assert_cmpint (lb_layout_get_mode (layout), ==, LB_LAYOUT_PLANES);
  lb_test_wait_while (!is_single (layout));
  /* The slice is back in the view. */
  g_assert_true (lb_image_canvas_get_document (LB_IMAGE_CANVAS (lb_window_get_canvas (win)))
                 == lb_window_get_document (win));
  gtk_window_destroy (GTK_WINDOW (win));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  if (!lb_test_have_display ())
    return 0;
  data_home = lb_test_private_data_home ("lb-layout-data");
  gtk_test_init (&argc, &argv, NULL);
  ct_path = lb_test_file ("dicompyler-core/ct.0.dcm");
  g_test_add_func ("/layout/modes", test_modes);
  g_test_add_func ("/layout/link-window", test_link_window);
  g_test_add_func ("/layout/link-zoom", test_link_zoom);
  g_test_add_func ("/layout/window-hand-over", test_window_hand_over);
  g_test_add_func ("/layout/planes-refused", test_planes_refused);
  g_test_add_func ("/layout/link-scroll", test_link_scroll);
  status = g_test_run ();
  lb_test_remove_data_home (data_home);
  g_free (ct_path);
  return status;
}
