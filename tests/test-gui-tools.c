/* test-gui-tools.c: the measurement tools' controller (lb-tool-layer.c) on a real CT: drawing
 * each shape with the numbers of lb-dicom-measure.h, the pointer tool leaving drags off the
 * shapes to windowing, move, resize by a handle, Delete, the table, and shapes belonging to
 * their own file and frame. Needs an X display (meson test runs under xvfb-run). */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>

#include "lb-application.h"
#include "lb-document.h"
#include "lb-image-canvas-tools.h"
#include "lb-tool-layer.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"
#include "lb-test-document.h"

static char *ct_path;



/* Press, drag and release as the canvas does, in image coordinates. */
static gboolean
drag (LbToolLayer *layer,
      double x1, double y1, double x2, double y2)
{
  if (!lb_tool_layer_press (layer, x1, y1, 3))
    return FALSE;
  lb_tool_layer_drag_to (layer, (x1 + x2) / 2, (y1 + y2) / 2);
  lb_tool_layer_drag_to (layer, x2, y2);
  lb_tool_layer_release (layer);
  return TRUE;
}

static guint
count (LbToolLayer *layer)
{
  return g_list_model_get_n_items (lb_tool_layer_get_measurements (layer));
}

static LbMeasurement *
item (LbToolLayer *layer,
      guint        i)
{
  LbMeasurement *m = g_list_model_get_item (lb_tool_layer_get_measurements (layer), i);

  g_object_unref (m);
  return m;
}

/* Pixels the layer draws on a transparent image of the frame, at scale 1. */
static guint
drawn_pixels (LbToolLayer *layer)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
  cairo_t *cr = cairo_create (s);
  cairo_matrix_t identity;
  guint n = 0;

  cairo_matrix_init_identity (&identity);
  lb_tool_layer_draw (layer, cr, &identity);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  for (int y = 0; y < 512; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (s)
                                              + y * cairo_image_surface_get_stride (s));
      for (int x = 0; x < 512; x++)
        n += row[x] != 0;
    }
  cairo_surface_destroy (s);
  return n;
}

static void
test_line (void)
{
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();
  LbDicomSpacing sp;
  double px, mm;
  g_autofree char *row = NULL;
  g_autofree char *expect = NULL;

  lb_tool_layer_set_document (layer, doc);
  lb_tool_layer_set_tool (layer, LB_TOOL_DISTANCE);
  g_assert_true (drag (layer, 100.5, 200.5, 300.5, 250.5));
  g_assert_cmpuint (count (layer), ==, 1);
  lb_dicom_file_get_spacing (lb_document_get_dicom (doc), 0, &sp);
  lb_dicom_measure_line (&sp, 100.5, 200.5, 300.5, 250.5, &px, &mm);
  g_assert_false (isnan (mm));
  /* The label and the table row give the library's length. */
  expect = g_strdup_printf ("%.1f mm", mm);
  g_assert_nonnull (strstr (lb_measurement_get_label (item (layer, 0)), expect));
  row = lb_measurement_dup_row (item (layer, 0));
  g_free (expect);
  expect = g_strdup_printf ("\t%.2f\t%.2f\t", mm, px);
  g_assert_nonnull (strstr (row, expect));
  g_assert_nonnull (strstr (row, "--line 100.5000,200.5000,300.5000,250.5000"));
}

static void
test_roi_stats (void)
{
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();
  LbDicomSpacing sp;
  LbDicomDisplay display;
  LbDicomRoiStats st;
  LbDicomRoi roi = { LB_DICOM_ROI_ELLIPSE, 256, 256, 40, 30 };
  g_autofree char *row = NULL;
  g_autofree char *expect = NULL;

  lb_tool_layer_set_document (layer, doc);
  lb_tool_layer_set_tool (layer, LB_TOOL_ELLIPSE);
  /* Dragged from corner to corner of the bounding box, in either direction. */
  g_assert_true (drag (layer, 296, 286, 216, 226));
  lb_dicom_file_get_spacing (lb_document_get_dicom (doc), 0, &sp);
  lb_dicom_display_init (&display, lb_document_get_image_info (doc), lb_document_get_frame (doc));
  g_assert_true (lb_dicom_roi_stats (lb_document_get_frame (doc), &display, &sp, &roi, NAN, NAN,
                                     &st));
  g_assert_cmpuint (st.pixels, >, 3000);
  row = lb_measurement_dup_row (item (layer, 0));
  expect = g_strdup_printf ("\t%.2f\t%.2f\t%.2f\t%.2f\tHU\t%llu\t%.2f\t", st.mean, st.sd, st.min,
                            st.max, (unsigned long long) st.pixels, st.area_mm2);
  g_assert_nonnull (strstr (row, expect));
  g_assert_nonnull (strstr (lb_measurement_get_label (item (layer, 0)), "HU"));
  g_assert_nonnull (strstr (lb_measurement_get_label (item (layer, 0)), "mm²"));
}

static void
test_angle (void)
{
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();
  g_autofree char *table = NULL;

  lb_tool_layer_set_document (layer, doc);
  lb_tool_layer_set_tool (layer, LB_TOOL_ANGLE);
  g_assert_true (drag (layer, 100, 100, 200, 100));        /* first arm, to the vertex */
  g_assert_false (lb_measurement_is_complete (item (layer, 0)));
  g_assert_true (drag (layer, 200, 100, 200, 20));         /* second arm from the vertex */
  g_assert_cmpuint (count (layer), ==, 1);
  g_assert_true (lb_measurement_is_complete (item (layer, 0)));
  g_assert_cmpstr (lb_measurement_get_label (item (layer, 0)), ==, "90.0°");
  table = lb_tool_layer_dup_table (layer);
  g_assert_nonnull (strstr (table, "\t90.00\t"));
}

static void
test_pointer_leaves_windowing (void)
{
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();

  lb_tool_layer_set_document (layer, doc);
  /* The pointer tool draws nothing: a drag off the shapes is the canvas's (windowing). */
  g_assert_false (drag (layer, 50, 50, 90, 90));
  g_assert_cmpuint (count (layer), ==, 0);
  lb_tool_layer_set_tool (layer, LB_TOOL_RECTANGLE);
  g_assert_true (drag (layer, 100, 100, 150, 140));
  lb_tool_layer_set_tool (layer, LB_TOOL_POINTER);
  g_assert_false (drag (layer, 300, 300, 320, 320));
  /* ...but a drag on a shape moves it, with any tool. */
  g_assert_true (drag (layer, 125, 120, 135, 125));
  g_assert_cmpuint (count (layer), ==, 1);
}

static void
test_move_resize_delete (void)
{
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();
  LbDicomRoi roi;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  lb_tool_layer_set_document (layer, doc);
  lb_tool_layer_set_tool (layer, LB_TOOL_RECTANGLE);
  g_assert_true (drag (layer, 100, 100, 160, 140));
  before = lb_measurement_dup_row (item (layer, 0));

  /* Move: press inside, drag by (+20, +10): the same size, stats of the new place. */
  lb_tool_layer_set_tool (layer, LB_TOOL_POINTER);
  g_assert_true (drag (layer, 130, 120, 150, 130));
  lb_measurement_get_roi (item (layer, 0), &roi);
  g_assert_cmpfloat_with_epsilon (roi.a, 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (roi.b, 110, 1e-9);
  g_assert_cmpfloat_with_epsilon (roi.c, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (roi.d, 40, 1e-9);
  after = lb_measurement_dup_row (item (layer, 0));
  g_assert_cmpstr (before, !=, after);

  /* Resize by the lower-left handle (120, 150): only that corner moves. */
  g_assert_true (drag (layer, 121, 149, 100, 170));
  lb_measurement_get_roi (item (layer, 0), &roi);
  g_assert_cmpfloat_with_epsilon (roi.a, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (roi.b, 110, 1e-9);
  g_assert_cmpfloat_with_epsilon (roi.c, 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (roi.d, 60, 1e-9);

  /* Delete takes the selected one; with none selected it does nothing. */
  g_assert_true (lb_tool_layer_get_selected (layer) == item (layer, 0));
  g_assert_true (lb_tool_layer_delete_selected (layer));
  g_assert_cmpuint (count (layer), ==, 0);
  g_assert_false (lb_tool_layer_delete_selected (layer));
}

static void
test_per_frame (void)
{
  g_autoptr (LbDocument) a = load (ct_path);
  g_autofree char *dir = g_dir_make_tmp ("lb-tools-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "other.dcm", NULL);
  g_autofree char *bytes = NULL;
  gsize len;
  g_autoptr (LbDocument) b = NULL;
  g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();

  /* Another slice: the same pixels in another file. */
  g_assert_true (g_file_get_contents (ct_path, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (copy, bytes, len, NULL));
  b = load (copy);

  lb_tool_layer_set_document (layer, a);
  lb_tool_layer_set_tool (layer, LB_TOOL_DISTANCE);
  g_assert_true (drag (layer, 50, 60, 250, 60));
  g_assert_cmpuint (drawn_pixels (layer), >, 300);

  /* On the other slice the line is neither drawn nor hit; the list still has it. */
  lb_tool_layer_set_document (layer, b);
  g_assert_cmpuint (drawn_pixels (layer), ==, 0);
  lb_tool_layer_set_tool (layer, LB_TOOL_POINTER);
  g_assert_false (drag (layer, 150, 60, 150, 80));
  g_assert_cmpuint (count (layer), ==, 1);

  /* Back on its slice it is there again, where it was. */
  lb_tool_layer_set_document (layer, a);
  g_assert_cmpuint (drawn_pixels (layer), >, 300);
  g_assert_true (drag (layer, 150, 60, 150, 80));
  g_unlink (copy);
  g_rmdir (dir);
}

/* A line says which spacing it used, marks an uncalibrated projection, and falls back to
 * pixels; a colour ROI gives no made-up statistics. */
static void
test_spacing_labels (void)
{
  static const struct { const char *file; LbTool tool; const char *expect; } cases[] = {
    /* CR with Pixel Spacing and no Imager Pixel Spacing: calibration at the patient unknown */
    { "generated/CR_mono1_15bit_160.dcm", LB_TOOL_DISTANCE, "mm\ncalibration unknown" },
    { "pydicom-data/emri_small.dcm", LB_TOOL_DISTANCE, "10.0 px (no spacing)" },
    { "pydicom-data/color-px.dcm", LB_TOOL_RECTANGLE, "100 pixels, area 100.0 px²" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = lb_test_file (cases[i].file);
      g_autoptr (LbDocument) doc = load (path);
      g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();

      lb_tool_layer_set_document (layer, doc);
      lb_tool_layer_set_tool (layer, cases[i].tool);
      g_assert_true (drag (layer, 1, 1, 11, cases[i].tool == LB_TOOL_DISTANCE ? 1 : 11));
      g_test_message ("%s: %s", cases[i].file, lb_measurement_get_label (item (layer, 0)));
      g_assert_nonnull (strstr (lb_measurement_get_label (item (layer, 0)), cases[i].expect));
    }
}

/* The canvas draws shapes under its own image → widget transform: rotating the view moves
 * where a shape is drawn, never its image coordinates. */
static void
test_canvas_transform (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autoptr (LbDocument) doc = load (ct_path);
  g_autoptr (LbToolLayer) layer = lb_tool_layer_new ();
  GtkWidget *canvas, *window;
  cairo_matrix_t m1, m2;
  double x1 = 10, y1 = 20, x2 = 10, y2 = 20, px, py;

  g_application_register (G_APPLICATION (app), NULL, NULL);  /* its resources: the templates */
  canvas = lb_image_canvas_new ();
  window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 400);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  lb_image_canvas_set_tool_layer (LB_IMAGE_CANVAS (canvas), layer);
  lb_image_canvas_set_document (LB_IMAGE_CANVAS (canvas), doc, FALSE);
  lb_tool_layer_set_tool (layer, LB_TOOL_DISTANCE);
  g_assert_true (drag (layer, 10, 20, 100, 20));     /* the canvas gave the layer its frame */
  g_assert_true (lb_image_canvas_get_image_matrix (LB_IMAGE_CANVAS (canvas), &m1));
  lb_image_canvas_rotate (LB_IMAGE_CANVAS (canvas), 1);
  g_assert_true (lb_image_canvas_get_image_matrix (LB_IMAGE_CANVAS (canvas), &m2));
  cairo_matrix_transform_point (&m1, &x1, &y1);
  cairo_matrix_transform_point (&m2, &x2, &y2);
  g_assert_true (fabs (x1 - x2) > 1 || fabs (y1 - y2) > 1);
  lb_measurement_get_point (item (layer, 0), 0, &px, &py);
  g_assert_cmpfloat (px, ==, 10);
  g_assert_cmpfloat (py, ==, 20);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!lb_test_have_display ())
    return 0;
  gtk_test_init (&argc, &argv, NULL);
  /* A signed 512 x 512 CT with Pixel Spacing, in tests/samples. */
  ct_path = lb_test_file ("dicompyler-core/ct.0.dcm");

  g_test_add_func ("/gui/tools/line", test_line);
  g_test_add_func ("/gui/tools/roi-stats", test_roi_stats);
  g_test_add_func ("/gui/tools/angle", test_angle);
  g_test_add_func ("/gui/tools/pointer-leaves-windowing", test_pointer_leaves_windowing);
  g_test_add_func ("/gui/tools/move-resize-delete", test_move_resize_delete);
  g_test_add_func ("/gui/tools/per-frame", test_per_frame);
  g_test_add_func ("/gui/tools/canvas-transform", test_canvas_transform);
  g_test_add_func ("/gui/tools/spacing-labels", test_spacing_labels);
  return g_test_run ();
}
