/* test-gui-study-browser.c: the study browser (issue 12 §1): a folder of two series lists two
 * rows, each gets its thumbnail from the worker pool, the thumbnails land as PNG files in the
 * XDG cache, and a second open of the folder takes them from there (the thumbnailer's counts:
 * none rendered again); a file whose modification time changed is rendered anew. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <utime.h>

#include "lb-phantom.h"
#include "lb-study-browser-missing.h"
#include "lb-study-browser.h"
#include "lb-study-scan.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"
#include "lb-thumbnailer.h"
#include "lb-test-wait.h"

/* The UI templates, compiled into the app library (the application loads them the same way). */
extern GResource *lb_get_resource (void);

static char *cache_home;

static void
on_scanned (LbStudyBrowser *browser,
            gboolean       *done)
{
  *done = TRUE;
}

/* A browser on `folder`, once its rows are listed and every thumbnail has come back. */
static GtkWidget *
open_browser (const char *folder,
              guint       n_series)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser = lb_study_browser_new ();
  g_autoptr (GFile) file = g_file_new_for_path (folder);
  gboolean scanned = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), browser);
  gtk_window_set_default_size (GTK_WINDOW (window), 240, 400);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (browser, "scanned", G_CALLBACK (on_scanned), &scanned);
  lb_study_browser_set_folder (LB_STUDY_BROWSER (browser), file, TRUE);
  lb_test_wait_while (!scanned);
  g_assert_cmpuint (lb_study_browser_get_n_series (LB_STUDY_BROWSER (browser)), ==, n_series);
  lb_test_wait_while (lb_study_browser_get_n_thumbnails (LB_STUDY_BROWSER (browser)) < n_series);
  return window;
}

static guint
count_cached (void)
{
  g_autofree char *dir = g_build_filename (cache_home, "lightbox", "thumbnails", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
      g_autofree guchar *pixels = NULL;
      int w, h;
      guchar lo = 255, hi = 0;

      /* Each one a PNG that shows something: not a flat square. */
      g_assert_no_error (error);
      g_assert_true (g_str_has_suffix (name, ".png"));
      w = gdk_texture_get_width (texture);
      h = gdk_texture_get_height (texture);
      g_assert_cmpint (MAX (w, h), ==, LB_THUMBNAIL_SIZE);
      pixels = g_malloc ((gsize) w * h * 4);
      gdk_texture_download (texture, pixels, (gsize) w * 4);
      for (gsize i = 0; i < (gsize) w * h * 4; i += 4)
        {
          lo = MIN (lo, pixels[i + 1]);
          hi = MAX (hi, pixels[i + 1]);
        }
      g_assert_cmpint (hi - lo, >, 64);
      n++;
    }
  return n;
}

static void
test_thumbnail_cache (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("lb-study-browser-XXXXXX", &error);
  g_autofree char *phantom = g_build_filename (folder, "phantom", NULL);
  g_autofree char *mr = g_build_filename (folder, "MR000001", NULL);
  g_autofree char *mr_source = lb_test_file ("derived/dicomdir/IMAGES/MR000001");
  g_autofree gchar *mr_bytes = NULL;
  gsize mr_len = 0;
  LbThumbnailer *thumbnailer = lb_thumbnailer_get_default ();
  LbDicomError *derr = NULL;
  guint rendered, cached;
  GtkWidget *first, *second, *third;
  struct utimbuf times = { 1000000000, 1000000000 };

  /* Two series: the phantom's 24 CT slices in a subfolder, and an MR beside them. */
  g_assert_no_error (error);
  g_assert_true (g_mkdir (phantom, 0700) == 0);
  g_assert_true (lb_phantom_write (phantom, 0, &derr));
  g_assert_true (g_file_get_contents (mr_source, &mr_bytes, &mr_len, NULL));
  g_assert_true (g_file_set_contents (mr, mr_bytes, mr_len, NULL));

  /* First open: both rendered, both cached. */
  rendered = lb_thumbnailer_get_n_rendered (thumbnailer);
  cached = lb_thumbnailer_get_n_cached (thumbnailer);
  first = open_browser (folder, 2);
  g_assert_cmpuint (lb_thumbnailer_get_n_rendered (thumbnailer) - rendered, ==, 2);
  g_assert_cmpuint (lb_thumbnailer_get_n_cached (thumbnailer) - cached, ==, 0);
  g_assert_cmpuint (count_cached (), ==, 2);

  /* Second open: both from the cache, nothing rendered. */
  rendered = lb_thumbnailer_get_n_rendered (thumbnailer);
  cached = lb_thumbnailer_get_n_cached (thumbnailer);
  second = open_browser (folder, 2);
  g_assert_cmpuint (lb_thumbnailer_get_n_rendered (thumbnailer) - rendered, ==, 0);
  g_assert_cmpuint (lb_thumbnailer_get_n_cached (thumbnailer) - cached, ==, 2);

  /* The MR changed (its modification time): rendered again, under a new name. */
  g_assert_true (utime (mr, &times) == 0);
  rendered = lb_thumbnailer_get_n_rendered (thumbnailer);
  cached = lb_thumbnailer_get_n_cached (thumbnailer);
  third = open_browser (folder, 2);
  g_assert_cmpuint (lb_thumbnailer_get_n_rendered (thumbnailer) - rendered, ==, 1);
  g_assert_cmpuint (lb_thumbnailer_get_n_cached (thumbnailer) - cached, ==, 1);
  g_assert_cmpuint (count_cached (), ==, 3);

  gtk_window_destroy (GTK_WINDOW (first));
  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (third));
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s' '%s'", folder, cache_home);
    g_assert_true (system (rm) == 0);
  }
}

static void
on_stopped_scan (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LbStudyModel **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = lb_study_scan_finish (result, &error);
  g_assert_no_error (error);
}

/* Stop keeps what was found: a scan stopped before it read a file ends with an empty model, not
 * an error (the browser then lists nothing and says nothing failed); its count stays 0. */
/* The files of a study (Upload to Server…'s "Whole Study"): the phantom's 24 slices for one of
 * them, the MR alone for the MR (another patient's study), nothing for a file not listed. */
static void
test_study_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("lb-study-files-XXXXXX", &error);
  g_autofree char *phantom = g_build_filename (folder, "phantom", NULL);
  g_autofree char *ct = g_build_filename (phantom, "CT05.dcm", NULL);
  g_autofree char *mr = g_build_filename (folder, "MR000001", NULL);
  g_autofree char *mr_source = lb_test_file ("derived/dicomdir/IMAGES/MR000001");
  g_autofree char *elsewhere = lb_test_file ("dicompyler-core/ct.0.dcm");
  g_autofree gchar *mr_bytes = NULL;
  gsize mr_len = 0;
  LbDicomError *derr = NULL;
  GtkWidget *window;
  LbStudyBrowser *browser;

  g_assert_no_error (error);
  g_assert_true (g_mkdir (phantom, 0700) == 0);
  g_assert_true (lb_phantom_write (phantom, 0, &derr));
  g_assert_true (g_file_get_contents (mr_source, &mr_bytes, &mr_len, NULL));
  g_assert_true (g_file_set_contents (mr, mr_bytes, mr_len, NULL));
  window = open_browser (folder, 2);
  browser = LB_STUDY_BROWSER (gtk_window_get_child (GTK_WINDOW (window)));
  {
    g_autoptr (GFile) file = g_file_new_for_path (ct);
    g_autoptr (GPtrArray) files = lb_study_browser_get_study_files (browser, file);
    gboolean found = FALSE;

    g_assert_nonnull (files);
    g_assert_cmpuint (files->len, ==, 24);
    for (guint i = 0; i < files->len; i++)
      {
        g_autofree char *path = g_file_get_path (files->pdata[i]);

        g_assert_true (g_str_has_prefix (path, phantom));
        found |= g_str_equal (path, ct);
      }
    g_assert_true (found);
  }
  {
    g_autoptr (GFile) file = g_file_new_for_path (mr);
    g_autoptr (GPtrArray) files = lb_study_browser_get_study_files (browser, file);

    g_assert_nonnull (files);
    g_assert_cmpuint (files->len, ==, 1);
  }
  {
    g_autoptr (GFile) file = g_file_new_for_path (elsewhere);

    g_assert_null (lb_study_browser_get_study_files (browser, file));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", folder);
    g_assert_true (system (rm) == 0);
  }
}

static void
test_stopped_scan (void)
{
  g_autofree char *dicomdir = lb_test_file ("derived/dicomdir");
  g_autoptr (GFile) folder = g_file_new_for_path (dicomdir);
  g_autoptr (LbStudyScanState) state = lb_study_scan_state_new ();
  g_autoptr (LbStudyModel) whole = NULL;
  g_autoptr (LbStudyScanState) state2 = lb_study_scan_state_new ();
  LbStudyModel *model = NULL;

  lb_study_scan_state_stop (state);
  lb_study_scan_async (folder, TRUE, state, NULL, on_stopped_scan, &model);
  lb_test_wait_while (model == NULL);
  g_assert_cmpuint (model->n_patients, ==, 0);
  g_assert_cmpuint (lb_study_scan_state_get_n_seen (state), ==, 0);
  g_clear_pointer (&model, lb_study_model_free);

  /* Not stopped: the sample CD's three series, from its four files (the DICOMDIR is not one). */
  lb_study_scan_async (folder, TRUE, state2, NULL, on_stopped_scan, &model);
  lb_test_wait_while (model == NULL);
  whole = model;
  g_assert_cmpuint (lb_study_model_count_series (whole), ==, 3);
  g_assert_cmpuint (lb_study_scan_state_get_n_seen (state2), ==, 4);
}

/* A CD copied without one of its files: the DICOMDIR's missing file, its series, and the row
 * the Studies page shows for it (the names in the tooltip, at most 20 of them). */
static void
test_dicomdir_missing (void)
{
  g_autofree char *cd = lb_test_file ("derived/dicomdir");
  g_autofree char *tmp = g_dir_make_tmp ("lb-missing-XXXXXX", NULL);
  g_autofree char *copy = g_strdup_printf ("cp -r '%s/.' '%s/' && rm '%s/IMAGES/PT000002'", cd,
                                           tmp, tmp);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", tmp);
  g_autofree char *dicomdir = g_build_filename (tmp, "DICOMDIR", NULL);
  g_autoptr (LbDicomdirMissing) missing = NULL;
  LbMissingSeries *series, many = { "", "#9 CT", NULL };
  GtkWidget *row;

  g_assert_true (system (copy) == 0);
  missing = lb_dicomdir_missing_find (dicomdir);
  g_assert_nonnull (missing);
  g_assert_cmpuint (missing->n_referenced, ==, 3);
  g_assert_cmpuint (missing->n_missing, ==, 1);
  g_assert_cmpuint (missing->series->len, ==, 1);
  series = g_ptr_array_index (missing->series, 0);
  g_assert_cmpstr (g_ptr_array_index (series->file_ids, 0), ==, "IMAGES/PT000002");
  g_assert_true (g_str_has_prefix (series->series_label, "#"));
  g_assert_true (lb_dicomdir_missing_lookup (missing, series->series_uid) == series);
  g_assert_null (lb_dicomdir_missing_lookup (missing, "1.2.3"));
  row = g_object_ref_sink (lb_missing_row_new (series, FALSE));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, "IMAGES/PT000002");
  g_object_unref (row);

  many.file_ids = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < 25; i++)
    g_ptr_array_add (many.file_ids, g_strdup_printf ("IMG%02d", i));
  row = g_object_ref_sink (lb_missing_row_new (&many, TRUE));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (row), "IMG00\nIMG01\n"));
  g_assert_true (g_str_has_suffix (gtk_widget_get_tooltip_text (row), "IMG19\nand 5 more"));
  g_object_unref (row);
  g_ptr_array_unref (many.file_ids);
  g_assert_true (system (rm) == 0);
}

int
main (int   argc,
      char *argv[])
{
  if (!lb_test_have_display ())
    return 0;
  /* A cache of the test's own, before anything asks GLib where the cache is. */
  cache_home = g_dir_make_tmp ("lb-study-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  (void) lb_get_resource ();
  g_test_add_func ("/gui/study-browser/thumbnail-cache", test_thumbnail_cache);
  g_test_add_func ("/gui/study-browser/stopped-scan", test_stopped_scan);
  g_test_add_func ("/gui/study-browser/study-files", test_study_files);
  g_test_add_func ("/gui/study-browser/dicomdir-missing", test_dicomdir_missing);
  return g_test_run ();
}
