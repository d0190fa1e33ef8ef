/* lb-series-export.c: the series to PNGs in a GTask worker (lb-series-export.h). Each frame goes
 * through lb_png_export_frame (src/export, the fast PNG path, unchanged), as in
 * `lightbox-cli export`; this file only chooses the names, the window, and reports. */
#include "config.h"

#define G_LOG_DOMAIN "lb-series-export"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lb-folder-job.h"
#include "lb-output-folder.h"
#include "lb-series-export.h"

char *
lb_series_export_name (const char *input,
                       guint       frame)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');

  /* The same rule as src/cli/cli-export.c: only a DICOM extension is dropped. */
  if (dot != NULL && dot != base && (g_ascii_strcasecmp (dot, ".dcm") == 0
                                     || g_ascii_strcasecmp (dot, ".dicom") == 0))
    *dot = '\0';
  return g_strdup_printf ("%s-%u.png", base, frame);
}

char *
lb_series_export_default_folder (GFile *source_folder)
{
  return lb_output_folder_default (source_folder, "-png");
}

/* ---- The run ---------------------------------------------------------------------------- */

typedef struct {
  GPtrArray *paths;             /* char * */
  GArray *frames;               /* guint: frames of each path, from its header */
  char *out;
  LbSeriesExportOptions options;
  LbFolderJobReporter reporter;
  guint written;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  g_ptr_array_unref (d->paths);
  g_array_unref (d->frames);
  g_free (d->out);
  lb_folder_job_reporter_clear (&d->reporter);
  g_free (d);
}

static guint
count_frames (const char *path)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  int64_t n = 1;

  if (!lb_dicom_file_read_path (file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL)
      || !lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0008), &n) || n < 1)
    n = 1;
  lb_dicom_file_free (file);
  return (guint) MIN (n, G_MAXINT);
}

/* Before anything is written: every name is new in the folder and in the run. */
static gboolean
check_names (RunData  *d,
             GError  **error)
{
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < d->paths->len; i++)
    {
      guint n = count_frames (d->paths->pdata[i]);
      g_array_append_val (d->frames, n);
      for (guint f = 1; f <= n; f++)
        {
          char *name = lb_series_export_name (d->paths->pdata[i], f);
          g_autofree char *target = g_build_filename (d->out, name, NULL);
          if (g_file_test (target, G_FILE_TEST_EXISTS) || g_hash_table_contains (names, name))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           /* Translators: a PNG file name */
                           _("“%s” is already in that folder: choose an empty folder"), name);
              g_free (name);
              return FALSE;
            }
          g_hash_table_add (names, name);
        }
    }
  return TRUE;
}

/* The display of one frame: its own, with the window on screen when asked for. */
static void
choose_display (const RunData          *d,
                const LbDicomImageInfo *info,
                const LbDicomFrame     *frame,
                LbDicomDisplay         *display)
{
  lb_dicom_display_init (display, info, frame);
  if (d->options.kind != LB_PNG_EXPORT_DISPLAY8)
    return;
  if (d->options.use_window)
    {
      display->function = d->options.function;
      lb_dicom_display_set_window (display, d->options.center, d->options.width);
    }
  if (d->options.invert_flip)
    display->invert = !display->invert;
}

/* Every frame of one file; FALSE with *message (the first failure) set. */
static gboolean
export_file (RunData      *d,
             guint         index,
             GCancellable *cancellable,
             char        **message)
{
  const char *path = d->paths->pdata[index];
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *derr = NULL;
  char *uid = NULL;
  gboolean ok = lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &derr);
  guint n = g_array_index (d->frames, guint, index);

  uid = ok ? lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0008, 0x0018)) : NULL;
  for (guint f = 0; ok && f < n && !g_cancellable_is_cancelled (cancellable); f++)
    {
      LbDicomFrame *frame = NULL;
      LbDicomImageInfo *info = NULL;
      LbDicomDisplay display;
      g_autofree char *name = lb_series_export_name (path, f + 1);
      g_autofree char *target = g_build_filename (d->out, name, NULL);
      g_autofree char *window = NULL;

      ok = lb_dicom_file_decode_frame (file, f, &frame, &derr)
           && (info = lb_dicom_file_get_image_info (file, f, &derr)) != NULL;
      if (ok)
        {
          choose_display (d, info, frame, &display);
          window = g_strdup_printf ("%g,%g %s (series export)", display.center, display.width,
                                    lb_dicom_voi_function_name (display.function));
          LbPngExportOptions eo = {
            .kind = d->options.kind, .display = &display, .sop_instance_uid = uid,
            .window_text = d->options.kind == LB_PNG_EXPORT_DISPLAY8 ? window : NULL,
            .offset = NAN, .input_path = path, .replace = FALSE,
          };
          ok = lb_png_export_frame (frame, &eo, target, NULL, &derr);
        }
      if (ok)
        {
          d->written++;
          g_debug ("exported %s", target);
        }
      lb_dicom_image_info_free (info);
      lb_dicom_frame_free (frame);
    }
  if (!ok)
    {
      g_autofree char *base = g_path_get_basename (path);
      *message = g_strdup_printf ("%s: %s", base, derr != NULL ? derr->message : "?");
    }
  free (uid);
  lb_dicom_error_free (derr);
  lb_dicom_file_free (file);
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  GError *error = NULL;
  g_autofree char *first_failure = NULL;
  guint failed = 0;

  if (!lb_folder_job_make_folder (d->out, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!check_names (d, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < d->paths->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      char *message = NULL;

      if (!export_file (d, i, cancellable, &message) && failed++ == 0)
        first_failure = message;
      else
        g_free (message);
      lb_folder_job_report (&d->reporter, task, i + 1, d->paths->len);
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (failed > 0)
    /* Translators: how many files failed, then the first one's name and reason */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             g_dngettext (GETTEXT_PACKAGE, "%u file was not exported (%s)",
                                          "%u files were not exported (first: %s)", failed),
                             failed, first_failure);
  else
    g_task_return_boolean (task, TRUE);
}

void
lb_series_export_async (GPtrArray                   *files,
                        GFile                       *out,
                        const LbSeriesExportOptions *options,
                        GCancellable                *cancellable,
                        LbSeriesExportProgress       progress,
                        gpointer                     progress_data,
                        GAsyncReadyCallback          callback,
                        gpointer                     user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *d = g_new0 (RunData, 1);

  d->paths = lb_folder_job_paths (files);
  d->frames = g_array_new (FALSE, FALSE, sizeof (guint));
  d->out = g_file_get_path (out);
  d->options = *options;
  lb_folder_job_reporter_init (&d->reporter, progress, progress_data);
  g_task_set_task_data (task, d, run_data_free);
  g_task_set_source_tag (task, lb_series_export_async);
  g_task_run_in_thread (task, run_thread);
  g_object_unref (task);
}

gboolean
lb_series_export_finish (GAsyncResult  *result,
                         guint         *written,
                         GError       **error)
{
  RunData *d = g_task_get_task_data (G_TASK (result));

  if (written != NULL)
    *written = d->written;
  return g_task_propagate_boolean (G_TASK (result), error);
}
