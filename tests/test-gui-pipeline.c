/* test-gui-pipeline.c: the pipeline view (lb-pipeline-view.c, issue 11 §2) on real files: its
 * three histograms are the numbers of lb_dicom_stage_histogram_new (what `lightbox-cli
 * histogram` prints) for the frame and window on the canvas; the formulas carry the file's
 * rescale, Modality LUT, window and inversion, and follow a window change. Needs an X display
 * (meson test runs under xvfb-run). */
#include "config.h"

#include <gtk/gtk.h>

#include "lb-application.h"
#include "lb-document.h"
#include "lb-image-canvas.h"
#include "lb-pipeline-view.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"
#include "lb-test-document.h"
#include "lb-test-wait.h"

static LbDocument *
load_sample (const char *rel)
{
  g_autofree char *path = lb_test_file (rel);

  return load (path);
}

typedef struct {
  GtkWindow *window;
  LbImageCanvas *canvas;
  LbPipelineView *view;
  LbDocument *document;
} Fixture;

static void
fixture_open (Fixture    *f,
              const char *rel)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->canvas = LB_IMAGE_CANVAS (lb_image_canvas_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->canvas));
  f->document = load_sample (rel);
  lb_image_canvas_set_document (f->canvas, f->document, FALSE);
  f->view = lb_pipeline_view_new (f->window, f->canvas);
  /* Hidden, the view does no work; shown, it catches up with the canvas. */
  g_assert_null (lb_pipeline_view_get_histogram (f->view, LB_DICOM_STAGE_STORED));
  gtk_window_present (GTK_WINDOW (f->view));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->view));
  gtk_window_destroy (f->window);
  g_object_unref (f->document);
}

/* The view's histogram of `stage` equals the library's for the canvas's frame and window. */
static void
assert_same_as_library (Fixture      *f,
                        LbDicomStage  stage)
{
  const LbDicomStageHistogram *shown = lb_pipeline_view_get_histogram (f->view, stage);
  LbDicomStageHistogram *want =
    lb_dicom_stage_histogram_new (lb_document_get_frame (f->document),
                                  lb_image_canvas_get_display (f->canvas), stage, 0,
                                  stage == LB_DICOM_STAGE_DISPLAY);

  g_assert_nonnull (shown);
  g_assert_nonnull (want);
  g_assert_cmpuint (shown->n_bins, ==, want->n_bins);
  g_assert_cmpuint (shown->count, ==, want->count);
  g_assert_cmpfloat (shown->min, ==, want->min);
  g_assert_cmpfloat (shown->max, ==, want->max);
  for (guint i = 0; i < want->n_bins; i++)
    {
      g_assert_cmpfloat (shown->bins[i].low, ==, want->bins[i].low);
      g_assert_cmpuint (shown->bins[i].count, ==, want->bins[i].count);
    }
  if (stage == LB_DICOM_STAGE_DISPLAY)
    {
      g_assert_true (shown->has_clipping);
      g_assert_cmpuint (shown->below, ==, want->below);
      g_assert_cmpuint (shown->above, ==, want->above);
    }
  lb_dicom_stage_histogram_free (want);
}

/* A CT with intercept -1024 (693_J2KR): the three stages and the formulas, then a new window. */
static void
test_ct (void)
{
  Fixture f;
  g_autofree char *before = NULL, *after = NULL;
  const LbDicomStageHistogram *stored, *modality, *display;
  guint64 total = 0;

  fixture_open (&f, "pydicom-data/693_J2KR.dcm");
  for (LbDicomStage s = LB_DICOM_STAGE_STORED; s <= LB_DICOM_STAGE_DISPLAY; s++)
    assert_same_as_library (&f, s);
  stored = lb_pipeline_view_get_histogram (f.view, LB_DICOM_STAGE_STORED);
  modality = lb_pipeline_view_get_histogram (f.view, LB_DICOM_STAGE_MODALITY);
  display = lb_pipeline_view_get_histogram (f.view, LB_DICOM_STAGE_DISPLAY);
  /* Every pixel is counted once, and the rescale moves the stored range by -1024. */
  for (guint i = 0; i < display->n_bins; i++)
    total += display->bins[i].count;
  g_assert_cmpuint (total, ==, (guint64) lb_document_get_frame (f.document)->width
                               * lb_document_get_frame (f.document)->height);
  g_assert_cmpfloat (modality->min, ==, stored->min - 1024);
  g_assert_cmpfloat (modality->max, ==, stored->max - 1024);

  before = lb_pipeline_view_dup_formulas (f.view);
  g_test_message ("%s", before);
  g_assert_nonnull (strstr (before, "HU = stored × 1 + (-1024)"));
  g_assert_nonnull (strstr (before, "grey = y "));

  lb_image_canvas_set_window (f.canvas, -600, 1500, LB_WINDOW_SOURCE_MANUAL, NULL);
  after = lb_pipeline_view_dup_formulas (f.view);
  g_test_message ("%s", after);
  g_assert_nonnull (strstr (after, "C = -600   W = 1500"));
  /* LINEAR's bounds, PS3.3 C.11.2.1.2: c - 0.5 -/+ (w - 1) / 2. */
  g_assert_nonnull (strstr (after, "x ≤ -1350 → 0,  x > 149 → 255"));
  assert_same_as_library (&f, LB_DICOM_STAGE_DISPLAY);
  fixture_close (&f);
}

/* A Modality LUT replaces the rescale in the formula; MONOCHROME1 turns the grey over. */
static void
test_modality_lut (void)
{
  Fixture f;
  g_autofree char *text = NULL;

  fixture_open (&f, "generated/mlut_18_64.dcm");
  text = lb_pipeline_view_dup_formulas (f.view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Modality LUT Sequence: 4096 entries"));
  for (LbDicomStage s = LB_DICOM_STAGE_STORED; s <= LB_DICOM_STAGE_DISPLAY; s++)
    assert_same_as_library (&f, s);
  fixture_close (&f);
}

static void
test_monochrome1 (void)
{
  Fixture f;
  g_autofree char *text = NULL;

  fixture_open (&f, "generated/CR_mono1_15bit_160.dcm");
  text = lb_pipeline_view_dup_formulas (f.view);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "grey = 255 − y"));
  g_assert_nonnull (strstr (text, "MONOCHROME1"));
  g_assert_nonnull (strstr (text, "no Rescale Slope and Intercept"));
  fixture_close (&f);
}

/* The canvas tint colours exactly the pixels the displayed histogram counts as clipped, and
 * follows a new window. */
static void
test_tint (void)
{
  Fixture f;
  guint64 below = 0, above = 0;
  const LbDicomStageHistogram *h;

  fixture_open (&f, "pydicom-data/693_J2KR.dcm");
  gtk_window_present (f.window);
  g_assert_false (lb_image_canvas_get_tint_counts (f.canvas, &below, &above));
  lb_pipeline_view_set_tint (f.view, TRUE);
  lb_test_wait_while (!lb_image_canvas_get_tint_counts (f.canvas, &below, &above));
  h = lb_pipeline_view_get_histogram (f.view, LB_DICOM_STAGE_DISPLAY);
  g_test_message ("tinted %" G_GUINT64_FORMAT " below, %" G_GUINT64_FORMAT " above", below, above);
  g_assert_cmpuint (below, ==, h->below);
  g_assert_cmpuint (above, ==, h->above);
  g_assert_cmpuint (below, >, 0);
  g_assert_cmpuint (above, >, 0);

  /* A wider window clips fewer pixels; the tint is redrawn for it. */
  lb_image_canvas_set_window (f.canvas, 0, 4000, LB_WINDOW_SOURCE_MANUAL, NULL);
  h = lb_pipeline_view_get_histogram (f.view, LB_DICOM_STAGE_DISPLAY);
  lb_test_wait_while (lb_image_canvas_get_tint_counts (f.canvas, &below, &above) && below != h->below);
  g_assert_cmpuint (below, ==, h->below);
  g_assert_cmpuint (above, ==, h->above);

  /* Hiding the view takes the tint off. */
  gtk_widget_set_visible (GTK_WIDGET (f.view), FALSE);
  g_assert_false (lb_pipeline_view_get_tint (f.view));
  g_assert_false (lb_image_canvas_get_tint_counts (f.canvas, &below, &above));
  fixture_close (&f);
}

/* The PET sample's own window (C 30157 / W 54282) lies above its values: the view says so with
 * the window's bounds, and says nothing once the auto window shows the image; a window below
 * all the values leaves them white. A CT under its own window gets no line. */
static void
test_hidden_window (void)
{
  Fixture f;
  const char *hint;

  fixture_open (&f, "derived/dicomdir/IMAGES/PT000001");
  hint = lb_pipeline_view_get_hint (f.view);
  g_test_message ("%s", hint);
  g_assert_nonnull (hint);
  g_assert_true (g_str_has_prefix (hint, "The window leaves 99 % of the pixels black: its range "));
  g_assert_nonnull (strstr (hint, " lies above most values (max 12"));
  g_assert_nonnull (strstr (hint, "Try Auto (A)"));

  lb_image_canvas_use_minmax (f.canvas);
  g_assert_null (lb_pipeline_view_get_hint (f.view));

  lb_image_canvas_set_window (f.canvas, -100, 50, LB_WINDOW_SOURCE_MANUAL, NULL);
  hint = lb_pipeline_view_get_hint (f.view);
  g_test_message ("%s", hint);
  g_assert_nonnull (hint);
  g_assert_true (g_str_has_prefix (hint, "The window leaves 100 % of the pixels white: its "));
  g_assert_nonnull (strstr (hint, " lies below most values (min 0)"));
  fixture_close (&f);

  fixture_open (&f, "pydicom-data/693_J2KR.dcm");
  g_assert_null (lb_pipeline_view_get_hint (f.view));
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (LbApplication) app = NULL;

  if (!lb_test_have_display ())
    return 0;
  /* The formulas are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* The application registers the resources: the templates. */
  app = lb_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_test_add_func ("/gui/pipeline/ct", test_ct);
  g_test_add_func ("/gui/pipeline/modality-lut", test_modality_lut);
  g_test_add_func ("/gui/pipeline/monochrome1", test_monochrome1);
  g_test_add_func ("/gui/pipeline/tint", test_tint);
  g_test_add_func ("/gui/pipeline/hidden-window", test_hidden_window);
  return g_test_run ();
}
