/* test-gui-canvas-corners.c: the canvas's corner texts and orientation letters never overlap
 * (lb-canvas-corners.c), at the sizes of one, two and four views side by side, a narrow
 * window, and presentation mode's large text; the teacher's essentials (C/W, the slice) stay
 * longest. Before, in two views side by side the top-right series line ran over the patient
 * name, and the top letter sat on the name (screenshots/compare.png). */
#include "config.h"

#include <glib.h>

#include "lb-application.h"
#include "lb-canvas-corners.h"
#include "lb-image-canvas.h"
#include "lb-phantom.h"
#include "lb-test-dirs.h"
#include "lb-test-document.h"
#include "lb-test-gui.h"

/* Every shown text: inside the canvas, and apart from every other shown text. */
static void
assert_apart (const LbCanvasOverlay *o,
              double                 width,
              double                 height)
{
  const LbCanvasText *texts[LB_CANVAS_N_CORNERS * LB_CANVAS_CORNER_MAX_LINES + LB_CANVAS_N_EDGES];
  int n = 0;

  for (int c = 0; c < LB_CANVAS_N_CORNERS; c++)
    for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
      texts[n++] = &o->lines[c][k];
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    texts[n++] = &o->letters[e];
  for (int i = 0; i < n; i++)
    {
      const LbCanvasRect *a = &texts[i]->rect;

      if (!texts[i]->shown)
        continue;
      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, width);
      g_assert_cmpfloat (a->y + a->height, <=, height);
      for (int j = i + 1; j < n; j++)
        if (texts[j]->shown && lb_canvas_rects_intersect (a, &texts[j]->rect))
          g_error ("%gx%g: text %d (%g,%g %gx%g) overlaps text %d (%g,%g %gx%g)", width, height,
                   i, a->x, a->y, a->width, a->height, j, texts[j]->rect.x, texts[j]->rect.y,
                   texts[j]->rect.width, texts[j]->rect.height);
    }
}

static int
count_shown (const LbCanvasOverlay *o)
{
  int n = 0;

  for (int c = 0; c < LB_CANVAS_N_CORNERS; c++)
    for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
      n += o->lines[c][k].shown;
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    n += o->letters[e].shown;
  return n;
}

static void
set_line (LbCanvasOverlay *o, LbCanvasCorner c, int k, double w, int priority)
{
  o->lines[c][k] = (LbCanvasText) { .width = w, .height = 17, .priority = priority };
}

/* The layout alone, with made-up sizes like the phantom's: wide top lines that meet in the
 * middle of a narrow view. */
static void
fill_synthetic (LbCanvasOverlay *o)
{
  memset (o, 0, sizeof *o);
  set_line (o, LB_CANVAS_TOP_LEFT, 0, 270, LB_CANVAS_PRIORITY_PATIENT);
  set_line (o, LB_CANVAS_TOP_LEFT, 1, 140, LB_CANVAS_PRIORITY_PATIENT_ID);
  set_line (o, LB_CANVAS_TOP_RIGHT, 0, 75, LB_CANVAS_PRIORITY_DATE);
  set_line (o, LB_CANVAS_TOP_RIGHT, 1, 280, LB_CANVAS_PRIORITY_SERIES);
  set_line (o, LB_CANVAS_TOP_RIGHT, 2, 20, LB_CANVAS_PRIORITY_MODALITY);
  set_line (o, LB_CANVAS_BOTTOM_LEFT, 0, 150, LB_CANVAS_PRIORITY_WINDOW);
  set_line (o, LB_CANVAS_BOTTOM_LEFT, 1, 85, LB_CANVAS_PRIORITY_ZOOM);
  set_line (o, LB_CANVAS_BOTTOM_RIGHT, 0, 85, LB_CANVAS_PRIORITY_FRAME);
  set_line (o, LB_CANVAS_BOTTOM_RIGHT, 1, 105, LB_CANVAS_PRIORITY_POSITION);
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    o->letters[e] = (LbCanvasText) { .width = 12, .height = 18,
                                     .priority = LB_CANVAS_PRIORITY_LETTER };
}

static void
test_layout_sizes (void)
{
  static const double sizes[][2] = {
    { 1000, 800 }, { 620, 614 }, { 410, 610 }, { 300, 300 }, { 200, 614 }, { 640, 120 },
    { 120, 120 }, { 60, 40 }, { 8, 8 },
  };
  LbCanvasOverlay o;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      fill_synthetic (&o);
      lb_canvas_overlay_layout (&o, sizes[i][0], sizes[i][1]);
      assert_apart (&o, sizes[i][0], sizes[i][1]);
    }

  /* Wide enough: everything stays where it always was. */
  fill_synthetic (&o);
  lb_canvas_overlay_layout (&o, 1000, 800);
  g_assert_cmpint (count_shown (&o), ==, 13);
  g_assert_cmpfloat (o.letters[LB_CANVAS_EDGE_TOP].rect.x, ==, (1000 - 12) / 2.0);

  /* Two views side by side: the series line gives way to the patient name; the top letter
   * moves right, into the room between the name and the date, instead of sitting on the name. */
  fill_synthetic (&o);
  lb_canvas_overlay_layout (&o, 410, 610);
  g_assert_true (o.lines[LB_CANVAS_TOP_LEFT][0].shown);
  g_assert_false (o.lines[LB_CANVAS_TOP_RIGHT][1].shown);
  /* The patient ID went first, under the series line; once that went too, it fits again. */
  g_assert_true (o.lines[LB_CANVAS_TOP_LEFT][1].shown);
  g_assert_true (o.letters[LB_CANVAS_EDGE_TOP].shown);
  g_assert_cmpfloat (o.letters[LB_CANVAS_EDGE_TOP].rect.x, >=, 8 + 270 + LB_CANVAS_GAP);
  /* ... but not further than a quarter of the edge from the middle. */
  g_assert_cmpfloat (o.letters[LB_CANVAS_EDGE_TOP].rect.x + 12, <=, 410 * 3 / 4.0 + 6);
  g_assert_true (o.lines[LB_CANVAS_BOTTOM_LEFT][0].shown);
  g_assert_true (o.lines[LB_CANVAS_BOTTOM_RIGHT][0].shown);

  /* Four views in a small window: C/W and the slice number are the last lines left. */
  fill_synthetic (&o);
  lb_canvas_overlay_layout (&o, 200, 200);
  g_assert_true (o.lines[LB_CANVAS_BOTTOM_LEFT][0].shown);
  g_assert_false (o.lines[LB_CANVAS_TOP_RIGHT][1].shown);
  g_assert_false (o.lines[LB_CANVAS_TOP_LEFT][1].shown);
}

static char *phantom_dir;

/* The phantom's CT12 (a long patient name in three scripts) on a real canvas, slice 12 of 24,
 * laid out at many sizes, normal and presentation text, turned and not. */
static void
test_canvas_sizes (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autofree char *path = g_build_filename (phantom_dir, "CT12.dcm", NULL);
  g_autoptr (LbDocument) doc = load (path);
  static const int sizes[][2] = {
    { 1240, 614 }, { 620, 614 }, { 410, 610 }, { 306, 302 }, { 200, 614 }, { 640, 150 },
    { 150, 150 }, { 90, 60 },
  };
  GtkWidget *canvas, *window;
  LbCanvasOverlay o;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  canvas = lb_image_canvas_new ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 400);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  lb_image_canvas_set_document (LB_IMAGE_CANVAS (canvas), doc, FALSE);
  lb_image_canvas_set_series_position (LB_IMAGE_CANVAS (canvas), 11, 24);

  for (int scale = 1; scale <= 2; scale++)
    for (int turns = 0; turns < 2; turns++)
      {
        lb_image_canvas_set_text_scale (LB_IMAGE_CANVAS (canvas), scale);
        if (turns)
          lb_image_canvas_rotate (LB_IMAGE_CANVAS (canvas), 1);
        for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
          {
            lb_image_canvas_layout_overlay (LB_IMAGE_CANVAS (canvas), sizes[i][0], sizes[i][1],
                                            &o);
            assert_apart (&o, sizes[i][0], sizes[i][1]);
          }
        lb_image_canvas_reset_view (LB_IMAGE_CANVAS (canvas));
      }

  /* One view in the default window: every line and letter shown. */
  lb_image_canvas_set_text_scale (LB_IMAGE_CANVAS (canvas), 1);
  lb_image_canvas_layout_overlay (LB_IMAGE_CANVAS (canvas), 1240, 614, &o);
  g_assert_cmpint (count_shown (&o), ==, 2 + 3 + 2 + 2 + 4);
  /* Two views: the essentials and all four letters stay. */
  lb_image_canvas_layout_overlay (LB_IMAGE_CANVAS (canvas), 410, 610, &o);
  g_assert_true (o.lines[LB_CANVAS_BOTTOM_LEFT][0].shown);       /* C 40  W 400 (file) */
  g_assert_true (o.lines[LB_CANVAS_BOTTOM_RIGHT][0].shown);      /* Slice 12 / 24 */
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    {
      const LbCanvasRect *r = &o.letters[e].rect;
      double middle = e == LB_CANVAS_EDGE_TOP || e == LB_CANVAS_EDGE_BOTTOM
                      ? (r->x + r->width / 2) / 410 : (r->y + r->height / 2) / 610;

      g_assert_true (o.letters[e].shown);
      g_assert_cmpfloat (middle, >=, 0.25);
      g_assert_cmpfloat (middle, <=, 0.75);
    }
  /* Presentation mode in two views: C/W still there. */
  lb_image_canvas_set_text_scale (LB_IMAGE_CANVAS (canvas), 2);
  lb_image_canvas_layout_overlay (LB_IMAGE_CANVAS (canvas), 410, 610, &o);
  g_assert_true (o.lines[LB_CANVAS_BOTTOM_LEFT][0].shown);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!lb_test_have_display ())
    return 0;
  gtk_test_init (&argc, &argv, NULL);
  phantom_dir = g_dir_make_tmp ("lb-corners-XXXXXX", NULL);
  g_assert_true (lb_phantom_write (phantom_dir, LB_DICOM_WRITE_NO_REPLACE, NULL));
  g_test_add_func ("/canvas-corners/layout-sizes", test_layout_sizes);
  g_test_add_func ("/canvas-corners/canvas-sizes", test_canvas_sizes);
  status = g_test_run ();
  remove_dir (phantom_dir);
  g_free (phantom_dir);
  return status;
}
