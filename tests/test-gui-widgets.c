/* test-gui-widgets.c: widget tests of the viewer: tag tree grouping, drag-to-window maths,
 * the presets menu, the canvas pixels after a window change, the histogram band. Needs an X
 * display (meson test runs under xvfb-run); skips without one. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdlib.h>

#include "lb-application.h"
#include "lb-document.h"
#include "lb-histogram.h"
#include "lb-image-canvas.h"
#include "lb-metadata-item.h"
#include "lb-metadata-view.h"
#include "lb-window.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"
#include "lb-test-document.h"
#include "lb-test-wait.h"

static char *ct_path;



static void
test_tree_grouping (void)
{
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (GListStore) root = lb_metadata_item_build_root (doc, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (root));
  static const guint16 expected[] = { 0x0002, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028, 0x7fe0 };
  guint found = 0;
  guint16 last = 0;
  gboolean meta_first = FALSE;

  g_assert_cmpuint (n, >=, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbMetadataItem) item = g_list_model_get_item (G_LIST_MODEL (root), i);
      guint16 group = lb_metadata_item_get_group (item);

      g_assert_cmpint (lb_metadata_item_get_kind (item), ==, LB_METADATA_ITEM_GROUP);
      if (i == 0)
        meta_first = group == 0x0002;
      else
        g_assert_cmpuint (group, >, last);    /* one row per group, in order */
      last = group;
      for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
        if (group == expected[k])
          found++;
      if (group == 0x0010)
        g_assert_cmpstr (lb_metadata_item_get_name (item), ==, lb_metadata_group_name (0x0010));
      g_assert_true (lb_metadata_item_get_is_private (item) == ((group & 1) != 0));
    }
  g_assert_true (meta_first);
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));

  /* Children of the patient group are elements of group 0010 with values. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbMetadataItem) item = g_list_model_get_item (G_LIST_MODEL (root), i);
      g_autoptr (GListModel) children = NULL;

      if (lb_metadata_item_get_group (item) != 0x0010)
        continue;
      children = lb_metadata_item_get_children (item);
      g_assert_nonnull (children);
      g_assert_cmpuint (g_list_model_get_n_items (children), >, 0);
      for (guint j = 0; j < g_list_model_get_n_items (children); j++)
        {
          g_autoptr (LbMetadataItem) child = g_list_model_get_item (children, j);
          g_assert_cmpuint (lb_metadata_item_get_group (child), ==, 0x0010);
          g_assert_true (g_str_has_prefix (lb_metadata_item_get_tag (child), "(0010,"));
        }
    }
}

static void
test_tree_search (void)
{
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (GListStore) root = lb_metadata_item_build_root (doc, "rows");
  g_autoptr (LbMetadataItem) group = NULL;
  g_autoptr (GListModel) children = NULL;
  g_autoptr (LbMetadataItem) rows = NULL;

  /* Only the parent of the match is left: group 0028, holding (0028,0010) Rows. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 1);
  group = g_list_model_get_item (G_LIST_MODEL (root), 0);
  g_assert_cmpuint (lb_metadata_item_get_group (group), ==, 0x0028);
  children = lb_metadata_item_get_children (group);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);
  rows = g_list_model_get_item (children, 0);
  g_assert_cmpstr (lb_metadata_item_get_tag (rows), ==, "(0028,0010)");
  g_assert_cmpstr (lb_metadata_item_get_value (rows), ==, "512");

  g_clear_object (&root);
  root = lb_metadata_item_build_root (doc, "no-such-tag-anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 0);
}

static void
test_drag_maths (void)
{
  double c, w;

  /* No movement: the window at drag-begin. */
  lb_image_canvas_compute_drag (40, 400, 0, 0, 4096, FALSE, LB_DRAG_DIRECTION_STANDARD, &c, &w);
  g_assert_cmpfloat_with_epsilon (c, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (w, 400, 1e-9);
  /* Right widens by range/512 per pixel; down raises the centre. */
  lb_image_canvas_compute_drag (40, 400, 100, 50, 4096, FALSE, LB_DRAG_DIRECTION_STANDARD, &c, &w);
  g_assert_cmpfloat_with_epsilon (w, 400 + 800, 1e-9);
  g_assert_cmpfloat_with_epsilon (c, 40 + 400, 1e-9);
  /* Shift: ten times finer. */
  lb_image_canvas_compute_drag (40, 400, 100, 50, 4096, TRUE, LB_DRAG_DIRECTION_STANDARD, &c, &w);
  g_assert_cmpfloat_with_epsilon (w, 400 + 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (c, 40 + 40, 1e-9);
  /* Inverted direction. */
  lb_image_canvas_compute_drag (40, 400, 20, 50, 4096, FALSE, LB_DRAG_DIRECTION_INVERTED, &c, &w);
  g_assert_cmpfloat_with_epsilon (w, 400 - 160, 1e-9);
  g_assert_cmpfloat_with_epsilon (c, 40 - 400, 1e-9);
  /* The width never reaches zero; a tiny range still moves. */
  lb_image_canvas_compute_drag (40, 400, -10000, 0, 4096, FALSE, LB_DRAG_DIRECTION_STANDARD, &c,
                                &w);
  g_assert_cmpfloat (w, >, 0);
  lb_image_canvas_compute_drag (0.5, 1, 512, 0, 0, FALSE, LB_DRAG_DIRECTION_STANDARD, &c, &w);
  g_assert_cmpfloat_with_epsilon (w, 2, 1e-9);
}

static gboolean
menu_has_label (GMenuModel *model,
                const char *needle)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_label (section, needle))
        return TRUE;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label)
          && strstr (label, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static double
mean_grey (GtkWidget *widget)
{
  int w, h;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *buf = NULL;
  double sum = 0;

  /* The paintable records the widget when it draws: make it draw after the paintable exists. */
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  g_test_message ("canvas %dx%d mapped %d drawable %d", w, h, gtk_widget_get_mapped (widget),
                  gtk_widget_is_drawable (widget));
  /* GtkWidgetPaintable gives no node here; the drawing area's own snapshot is the same
   * draw function, rendered by the window's renderer. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  buf = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, buf, w * 4);
  for (gsize i = 0; i < (gsize) w * h; i++)
    sum += buf[i * 4 + 1];
  return sum / ((double) w * h);
}

static void
test_presets_menu (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  LbWindow *win;
  GMenuModel *menu;
  GtkWidget *canvas;
  double before, after;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_test_open_window (app, ct_path, 1000, 700);
  menu = lb_window_get_window_menu (win);
  g_assert_nonnull (menu);
  /* A CT gets the CT presets with centre and width, the file's windows, auto and custom. */
  g_assert_true (menu_has_label (menu, "C -600 / W 1500"));
  g_assert_true (menu_has_label (menu, "C 40 / W 80"));
  g_assert_false (menu_has_label (menu, "No such preset"));
  g_assert_true (menu_has_label (menu, "C 20 / W 400"));   /* stored in this file */

  /* Key 1 = the first CT preset; the canvas pixels and the label follow. */
  canvas = lb_window_get_canvas (win);
  before = mean_grey (canvas);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.window-number", "u", 1));
  g_assert_cmpint (lb_image_canvas_get_window_source (LB_IMAGE_CANVAS (canvas)), ==,
                   LB_WINDOW_SOURCE_PRESET);
  g_assert_true (strstr (lb_window_get_window_label (win), "preset") != NULL);
  after = mean_grey (canvas);
  g_test_message ("mean grey %.2f -> %.2f", before, after);
  g_assert_cmpfloat (fabs (after - before), >, 1.0);

  /* Auto: the window spans the frame's range. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.window-auto", NULL));
  g_assert_cmpint (lb_image_canvas_get_window_source (LB_IMAGE_CANVAS (canvas)), ==,
                   LB_WINDOW_SOURCE_AUTO);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
test_canvas_drag_pixels (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  LbWindow *win;
  LbImageCanvas *canvas;
  double c0, w0, before, after, c, w;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_test_open_window (app, ct_path, 1000, 700);
  canvas = LB_IMAGE_CANVAS (lb_window_get_canvas (win));
  g_assert_cmpint (lb_image_canvas_get_window_source (canvas), ==, LB_WINDOW_SOURCE_FILE);
  c0 = lb_image_canvas_get_window_center (canvas);
  w0 = lb_image_canvas_get_window_width (canvas);
  before = mean_grey (GTK_WIDGET (canvas));

  /* What a 150 px drag to the left and 60 px up does: narrower, lower centre, brighter. */
  lb_image_canvas_compute_drag (c0, w0, -150, -60, lb_image_canvas_get_range (canvas), FALSE,
                                LB_DRAG_DIRECTION_STANDARD, &c, &w);
  lb_image_canvas_set_window (canvas, c, w, LB_WINDOW_SOURCE_MANUAL, NULL);
  g_assert_cmpfloat (lb_image_canvas_get_window_width (canvas), <, w0);
  g_assert_cmpfloat (lb_image_canvas_get_window_center (canvas), <, c0);
  after = mean_grey (GTK_WIDGET (canvas));
  g_test_message ("mean grey %.2f -> %.2f", before, after);
  g_assert_cmpfloat (after, >, before + 1.0);
  g_assert_true (strstr (lb_window_get_window_label (win), "manual") != NULL);

  /* The histogram band follows the canvas. */
  {
    LbHistogram *hist = LB_HISTOGRAM (lb_window_get_histogram (win));
    double x_centre = (gtk_widget_get_width (GTK_WIDGET (hist))) / 2.0;

    g_assert_nonnull (lb_histogram_get_data (hist));
    g_assert_cmpfloat (lb_histogram_get_data (hist)->min, <, -900);   /* HU, not stored */
    (void) x_centre;
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Dropping a file on the window opens it, as the file chooser would. */
static void
test_drop_opens (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  LbWindow *win;
  g_autoptr (GListModel) controllers = NULL;
  GtkDropTarget *drop = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (ct_path);
  GSList *list = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  g_autofree char *path = NULL;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_window_new (app);
  gtk_window_present (GTK_WINDOW (win));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (win));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        drop = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (drop);
  g_assert_true (g_type_is_a (gtk_drop_target_get_gtypes (drop, NULL)[0], GDK_TYPE_FILE_LIST));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, list);
  g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_slist_free (list);
  g_assert_true (handled);
  lb_test_wait_while (lb_window_get_document (win) == NULL);
  path = g_file_get_path (lb_document_get_file (lb_window_get_document (win)));
  g_test_message ("opened %s", path);
  g_assert_true (g_file_equal (lb_document_get_file (lb_window_get_document (win)), file));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* A window drag over a 4096² frame: each step re-maps only the reduced copy that is shown,
 * so one step (LUT rebuild, re-map, drawing) must stay within a 50 fps frame (20 ms). */
static void
test_canvas_window_steps_4096 (void)
{
  const guint n = 4096;
  LbDicomFrame *frame = calloc (1, sizeof *frame);
  uint16_t *data = malloc ((size_t) n * n * sizeof *data);
  g_autoptr (LbDocument) doc = NULL;
  GtkWidget *win = gtk_window_new ();
  GtkWidget *canvas = lb_image_canvas_new ();
  GtkSnapshot *snapshot;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GdkTexture) first = NULL;
  gint64 start, elapsed;
  const int steps = 30;

  g_assert_nonnull (frame);
  g_assert_nonnull (data);
  for (guint y = 0; y < n; y++)
    for (guint x = 0; x < n; x++)
      data[(size_t) y * n + x] = (uint16_t) (((x ^ y) & 0xff) * 16 + (x + y) / 4) & 0xfff;
  frame->width = frame->height = n;
  frame->samples = 1;
  frame->bits = 12;
  frame->type = LB_DICOM_SAMPLE_U16;
  frame->photometric = LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  frame->data = data;
  frame->data_len = (size_t) n * n * sizeof *data;
  frame->min = 0;
  frame->max = 4095;
  doc = lb_document_new_for_frame (NULL, NULL, frame);

  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (win), canvas);
  gtk_window_present (GTK_WINDOW (win));
  lb_image_canvas_set_document (LB_IMAGE_CANVAS (canvas), doc, FALSE);
  gtk_test_widget_wait_for_draw (win);

  start = g_get_monotonic_time ();
  for (int i = 0; i < steps; i++)
    {
      lb_image_canvas_set_window (LB_IMAGE_CANVAS (canvas), 2048 + i * 10, 4096 - i * 50,
                                  LB_WINDOW_SOURCE_MANUAL, NULL);
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
      g_clear_pointer (&node, gsk_render_node_unref);
      g_clear_object (&texture);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (win)), node,
                                             &GRAPHENE_RECT_INIT (0, 0,
                                                                  gtk_widget_get_width (canvas),
                                                                  gtk_widget_get_height (canvas)));
      if (i == 0)
        first = g_object_ref (texture);
    }
  elapsed = g_get_monotonic_time () - start;
  /* Timing is reported, not asserted (bench/drag.sh reads this line; a timed assertion fails
   * on a loaded machine or under the sanitizers without anything being wrong). */
  g_test_message ("4096x4096 window step: %.2f ms (canvas %dx%d, zoom %.3f)",
                  elapsed / 1000.0 / steps, gtk_widget_get_width (canvas),
                  gtk_widget_get_height (canvas),
                  lb_image_canvas_get_zoom (LB_IMAGE_CANVAS (canvas)));
  /* What is asserted: every step reached the screen, so the last window's pixels differ from
   * the first one's. */
  g_assert_nonnull (first);
  g_assert_nonnull (texture);
  {
    int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
    g_autofree guchar *a = g_malloc ((gsize) w * h * 4);
    g_autofree guchar *b = g_malloc ((gsize) w * h * 4);
    gsize differ = 0;

    g_assert_cmpint (gdk_texture_get_width (first), ==, w);
    gdk_texture_download (first, a, (gsize) w * 4);
    gdk_texture_download (texture, b, (gsize) w * 4);
    for (gsize k = 0; k < (gsize) w * h * 4; k++)
      differ += a[k] != b[k];
    g_test_message ("bytes changed between the first and last window: %" G_GSIZE_FORMAT, differ);
    g_assert_cmpuint (differ, >, (gsize) w * h / 10);
  }
  gtk_window_destroy (GTK_WINDOW (win));
}

static char *
menu_label (GMenuModel *menu,
            int         index)
{
  char *label = NULL;

  g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  return label;
}

/* Recent files: newest first, named with their folder (slices of different series share
 * names), underscores doubled so the menu does not take them for mnemonics. The list follows
 * the first image (start-up defers it), and GtkRecentManager adds items asynchronously. */
static void
test_recent_menu (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autofree char *dir = g_dir_make_tmp ("lb-recent-XXXXXX", NULL);
  g_autofree char *folder = g_path_get_basename (dir);
  g_autofree char *first = g_build_filename (dir, "first_slice.dcm", NULL);
  g_autofree char *second = g_build_filename (dir, "second.dcm", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *label0 = NULL;
  g_autofree char *label1 = NULL;
  g_autofree char *want0 = NULL;
  g_autofree char *want1 = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (second);
  gsize length;
  LbWindow *win;
  GMenuModel *menu;
  gint64 deadline;

  g_assert_true (g_file_get_contents (ct_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (first, contents, length, NULL));
  g_assert_true (g_file_set_contents (second, contents, length, NULL));
  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_test_open_window (app, first, 1000, 700);
  menu = lb_window_get_recent_menu (win);
  /* The modification times of the two entries must differ (seconds). */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC * 11 / 10;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  lb_window_open_files (win, &file, 1);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&label0, g_free);
      if (g_menu_model_get_n_items (menu) >= 2
          && (label0 = menu_label (menu, 0)) != NULL && g_str_has_prefix (label0, "second"))
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 2);
  label1 = menu_label (menu, 1);
  want0 = g_strdup_printf ("second.dcm — %s", folder);
  want1 = g_strdup_printf ("first__slice.dcm — %s", folder);
  g_assert_cmpstr (label0, ==, want0);
  g_assert_cmpstr (label1, ==, want1);
  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (first);
  g_unlink (second);
  g_rmdir (dir);
}

/* Export Image: 16-bit modality data has the frame's size; the DICOM file itself is never
 * the target (the PNG writer refuses it and the file stays as it was). */
static void
test_export (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autofree char *dir = g_dir_make_tmp ("lb-export-XXXXXX", NULL);
  g_autofree char *dicom = g_build_filename (dir, "ct.dcm", NULL);
  g_autofree char *png = g_build_filename (dir, "ct-hu.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GFile) png_file = g_file_new_for_path (png);
  g_autoptr (GFile) dicom_file = g_file_new_for_path (dicom);
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  gsize length, after_length;
  const LbDicomFrame *frame;
  LbWindow *win;

  g_assert_true (g_file_get_contents (ct_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (dicom, contents, length, NULL));
  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = lb_test_open_window (app, dicom, 1000, 700);
  frame = lb_document_get_frame (lb_window_get_document (win));

  g_assert_true (lb_window_export_png (win, png_file, LB_PNG_EXPORT_MODALITY16, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_file (png_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) frame->width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, (int) frame->height);

  g_assert_false (lb_window_export_png (win, dicom_file, LB_PNG_EXPORT_DISPLAY8, &error));
  g_assert_nonnull (error);
  g_test_message ("export over the DICOM file: %s", error->message);
  g_assert_true (g_file_get_contents (dicom, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, contents, length);
  g_clear_error (&error);

  {
    g_autoptr (GFile) nowhere = g_file_new_for_path ("/nonexistent-lightbox-dir/x.png");

    g_assert_false (lb_window_export_png (win, nowhere, LB_PNG_EXPORT_DISPLAY8, &error));
    g_test_message ("export into a missing folder: %s", error->message);
    g_assert_nonnull (strstr (error->message, "nonexistent-lightbox-dir"));
    g_clear_error (&error);
  }

  /* Another DICOM file chosen in the dialog is never replaced by a PNG (the dialog's "Replace?"
   * is about a PNG); the PNG chosen again is replaced. */
  {
    g_autofree char *other = g_build_filename (dir, "other.dcm", NULL);
    g_autoptr (GFile) other_file = g_file_new_for_path (other);
    g_autofree char *kept = NULL;
    gsize kept_length;

    g_assert_true (g_file_set_contents (other, contents, length, NULL));
    g_assert_false (lb_window_export_png (win, other_file, LB_PNG_EXPORT_DISPLAY8, &error));
    g_test_message ("export over another DICOM file: %s", error->message);
    g_assert_nonnull (strstr (error->message, "not a PNG"));
    g_assert_true (g_file_get_contents (other, &kept, &kept_length, NULL));
    g_assert_cmpmem (kept, kept_length, contents, length);
    g_clear_error (&error);
    g_assert_true (lb_window_export_png (win, png_file, LB_PNG_EXPORT_DISPLAY8, &error));
    g_assert_no_error (error);
    g_unlink (other);
  }

  gtk_window_destroy (GTK_WINDOW (win));
  g_unlink (png);
  g_unlink (dicom);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  if (!lb_test_have_display ())
    return 0;
  data_home = lb_test_private_data_home ("lb-widgets-data");
  gtk_test_init (&argc, &argv, NULL);
  /* A signed 512 x 512 CT in tests/samples (stored = HU, -1000..1457, stored window 20/400). */
  ct_path = lb_test_file ("dicompyler-core/ct.0.dcm");

  g_test_add_func ("/gui/metadata/grouping", test_tree_grouping);
  g_test_add_func ("/gui/metadata/search", test_tree_search);
  g_test_add_func ("/gui/canvas/drag-maths", test_drag_maths);
  g_test_add_func ("/gui/window/presets-menu", test_presets_menu);
  g_test_add_func ("/gui/canvas/drag-pixels", test_canvas_drag_pixels);
  g_test_add_func ("/gui/canvas/window-steps-4096", test_canvas_window_steps_4096);
  g_test_add_func ("/gui/window/drop", test_drop_opens);
  g_test_add_func ("/gui/window/recent-menu", test_recent_menu);
  g_test_add_func ("/gui/window/export", test_export);
  status = g_test_run ();
  lb_test_remove_data_home (data_home);
  return status;
}
