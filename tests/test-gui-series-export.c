/* test-gui-series-export.c: Export Series without a person (lb-series-export.h): output names as
 * `lightbox-cli export` gives them, the default folder beside the series, every frame of the
 * phantom written and equal to the CLI's PNG, and a folder that already holds one of the names
 * refused before anything is written, the refusal naming the file; Cancel leaves whole PNGs. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "lb-series-export.h"
#include "lb-test-gui.h"
#include "lb-test-wait.h"

typedef struct {
  gboolean done;
  gboolean ok;
  guint written;
  GError *error;
} Run;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->ok = lb_series_export_finish (result, &run->written, &run->error);
  run->done = TRUE;
}

static void
export (GPtrArray *files, const char *out, Run *run)
{
  g_autoptr (GFile) folder = g_file_new_for_path (out);
  LbSeriesExportOptions options = { .kind = LB_PNG_EXPORT_DISPLAY8, .use_window = TRUE,
                                    .center = -600, .width = 1500,
                                    .function = LB_DICOM_VOI_LINEAR };

  *run = (Run) { 0 };
  lb_series_export_async (files, folder, &options, NULL, NULL, NULL, on_done, run);
  lb_test_wait_while (!run->done);
}

static void
test_names (void)
{
  g_autofree char *a = lb_series_export_name ("/x/CT05.dcm", 1);
  g_autofree char *b = lb_series_export_name ("/x/IM000001", 12);
  g_autofree char *c = lb_series_export_name ("/x/scan.v2.DICOM", 3);
  g_autofree char *d = lb_series_export_name ("/x/notes.txt", 1);
  g_autoptr (GFile) series = g_file_new_for_path ("/nonexistent/lb-test/ct");
  g_autofree char *folder = lb_series_export_default_folder (series);

  g_assert_cmpstr (a, ==, "CT05-1.png");
  g_assert_cmpstr (b, ==, "IM000001-12.png");
  g_assert_cmpstr (c, ==, "scan.v2-3.png");
  g_assert_cmpstr (d, ==, "notes.txt-1.png");
  g_assert_cmpstr (folder, ==, "/nonexistent/lb-test/ct-png");
  {
    /* A zip's unpacked copy in the cache: the PNGs go to the home folder, by the zip's name. */
    g_autoptr (GFile) cached = g_file_new_build_filename (g_get_user_cache_dir (), "lightbox",
                                                          "zip", "0123abcd", "case.zip", NULL);
    g_autofree char *beside = lb_series_export_default_folder (cached);
    g_autofree char *home = g_build_filename (g_get_home_dir (), "case.zip-png", NULL);
    if (!g_file_test (home, G_FILE_TEST_EXISTS))
      g_assert_cmpstr (beside, ==, home);
  }
}

static void
test_phantom (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lb-series-XXXXXX", &error);
  g_autofree char *phantom = g_build_filename (root, "phantom", NULL);
  g_autofree char *out = g_build_filename (root, "png", NULL);
  g_autofree char *cli_out = g_build_filename (root, "cli", NULL);
  g_autofree char *taken = g_build_filename (root, "taken", NULL);
  g_autofree char *taken_png = g_build_filename (taken, "CT07-1.png", NULL);
  const char *cli = g_getenv ("LB_CLI");
  const char *make[] = { cli, "phantom", phantom, NULL };
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) cli_argv = g_ptr_array_new ();
  g_autoptr (GPtrArray) cli_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = NULL;
  Run run;
  int status;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) make, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_cmpint (status, ==, 0);
  g_ptr_array_add (cli_argv, (char *) cli);
  g_ptr_array_add (cli_argv, "export");
  g_ptr_array_add (cli_argv, "--window");
  g_ptr_array_add (cli_argv, "-600,1500");
  for (guint i = 1; i <= 24; i++)
    {
      g_autofree char *base = g_strdup_printf ("CT%02u.dcm", i);
      GFile *file = g_file_new_build_filename (phantom, base, NULL);
      g_ptr_array_add (files, file);
      g_ptr_array_add (cli_paths, g_file_get_path (file));
      g_ptr_array_add (cli_argv, cli_paths->pdata[cli_paths->len - 1]);
    }
  g_ptr_array_add (cli_argv, "-o");
  g_ptr_array_add (cli_argv, cli_out);
  g_ptr_array_add (cli_argv, NULL);

  export (files, out, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.written, ==, 24);
  g_assert_true (g_spawn_sync (NULL, (char **) cli_argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_cmpint (status, ==, 0);
  for (guint i = 1; i <= 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("CT%02u-1.png", i);
      g_autofree char *ours = g_build_filename (out, name, NULL);
      g_autofree char *theirs = g_build_filename (cli_out, name, NULL);
      g_autoptr (GdkTexture) a = gdk_texture_new_from_filename (ours, &error);
      g_autoptr (GdkTexture) b = gdk_texture_new_from_filename (theirs, &error);
      g_autofree guchar *pa = g_malloc (256 * 256 * 4);
      g_autofree guchar *pb = g_malloc (256 * 256 * 4);

      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (a), ==, 256);
      gdk_texture_download (a, pa, 256 * 4);
      gdk_texture_download (b, pb, 256 * 4);
      g_assert_cmpmem (pa, 256 * 256 * 4, pb, 256 * 256 * 4);
    }

  /* A folder already holding one of the names: refused before writing, the name said. */
  g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
  g_assert_true (g_file_set_contents (taken_png, "mine", -1, &error));
  export (files, taken, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (run.error->message, "CT07-1.png"));
  g_assert_cmpuint (run.written, ==, 0);
  dir = g_dir_open (taken, 0, &error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "CT07-1.png");
  g_assert_null (g_dir_read_name (dir));
  g_clear_error (&run.error);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
cancel_after_first (guint done, guint total, gpointer user_data)
{
  if (done >= 1)
    g_cancellable_cancel (user_data);
}

/* Cancel stops between frames: the PNGs written are whole, the count is theirs, no temporary
 * file remains. */
static void
test_cancel (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lb-series-XXXXXX", &error);
  g_autofree char *phantom = g_build_filename (root, "phantom", NULL);
  g_autofree char *out = g_build_filename (root, "png", NULL);
  const char *make[] = { g_getenv ("LB_CLI"), "phantom", phantom, NULL };
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GFile) folder = g_file_new_for_path (out);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GDir) dir = NULL;
  LbSeriesExportOptions options = { .kind = LB_PNG_EXPORT_STORED16 };
  Run run = { 0 };
  const char *name;
  guint n = 0;
  int status;

  g_assert_nonnull (make[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) make, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_cmpint (status, ==, 0);
  for (guint i = 1; i <= 24; i++)
    {
      g_autofree char *base = g_strdup_printf ("CT%02u.dcm", i);
      g_ptr_array_add (files, g_file_new_build_filename (phantom, base, NULL));
    }
  lb_series_export_async (files, folder, &options, cancellable, cancel_after_first, cancellable,
                          on_done, &run);
  lb_test_wait_while (!run.done);
  g_test_message ("%u of 24 written when the run ended", run.written);
  if (!run.ok)
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.written, >=, 1);
  dir = g_dir_open (out, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (out, name, NULL);
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 256);
      g_assert_true (g_str_has_prefix (name, "CT") && g_str_has_suffix (name, "-1.png"));
      n++;
    }
  g_assert_cmpuint (n, ==, run.written);
  g_clear_error (&run.error);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);
    g_assert_cmpint (system (cmd), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!lb_test_have_display ())
    return 0;
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gui/series-export/names", test_names);
  g_test_add_func ("/gui/series-export/phantom", test_phantom);
  g_test_add_func ("/gui/series-export/cancel", test_cancel);
  return g_test_run ();
}
