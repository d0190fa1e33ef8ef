/* lb-anonymize-job.c: the output folder rule, the preview of one file's changes, and the run
 * over a series in a GTask worker (lb-anonymize-job.h). Writes as `lightbox-cli anonymize` does
 * (src/cli/cli-anonymize.c): <new SOP Instance UID>.dcm, atomically, never over a file. */
#include "config.h"

#define G_LOG_DOMAIN "lb-anonymize"

#include <stdlib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lb-anonymize-job.h"
#include "lb-dicom-dir-write.h"
#include "lb-folder-job.h"
#include "lb-output-folder.h"

/* ---- The output folder ------------------------------------------------------------------ */

char *
lb_anonymize_default_folder (GFile *source_folder)
{
  return lb_output_folder_default (source_folder, "-anonymized");
}

gboolean
lb_anonymize_check_folder (GFile   *out,
                           GFile   *source_folder,
                           GError **error)
{
  g_autofree char *a = g_file_get_path (out);
  g_autofree char *b = g_file_get_path (source_folder);

  if (a == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The copies can only be written to a local folder"));
      return FALSE;
    }
  /* The same folder by another name (a symbolic link, "x/.") is the same folder too. */
  if (g_file_equal (out, source_folder)
      || (b != NULL && g_file_test (a, G_FILE_TEST_IS_DIR) && lb_dicom_path_is_same_file (a, b)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("Choose another folder: the copies never go beside the originals"));
      return FALSE;
    }
  return TRUE;
}

/* ---- Preview ---------------------------------------------------------------------------- */

static void
deid_options (const LbAnonymizeOptions *options,
              LbDeidOptions            *deid)
{
  *deid = (LbDeidOptions) {
    .retain = options->retain,
    .patient_name = options->patient_name != NULL && *options->patient_name
                    ? options->patient_name : NULL,
    .patient_id = options->patient_id != NULL && *options->patient_id
                  ? options->patient_id : NULL,
  };
}

static void
change_free (gpointer data)
{
  LbAnonymizeChange *c = data;

  g_free (c->element);
  g_free (c->old_value);
  g_free (c->new_value);
  g_free (c);
}

static void
collect_change (const LbDeidChange *change,
                void               *user_data)
{
  GPtrArray *changes = user_data;
  LbAnonymizeChange *c = g_new0 (LbAnonymizeChange, 1);
  uint32_t tag = lb_dicom_element_get_tag (change->element);
  const char *keyword = lb_dicom_element_get_keyword (change->element);
  char *old = lb_dicom_element_format_value (change->element, 80);

  if (keyword == NULL)
    keyword = (LB_DICOM_TAG_GROUP (tag) & 1) ? _("private") : "?";
  c->element = g_strdup_printf ("%s(%04X,%04X) %s", change->path, LB_DICOM_TAG_GROUP (tag),
                                LB_DICOM_TAG_ELEMENT (tag), keyword);
  c->old_value = g_strdup (old != NULL ? old : "");
  free (old);
  if (change->kind == LB_DEID_CHANGE_EMPTIED)
    c->new_value = g_strdup ("");
  else if (change->kind == LB_DEID_CHANGE_REPLACED)
    c->new_value = g_strdup (change->new_value);
  g_ptr_array_add (changes, c);
}

LbDicomFile *
lb_anonymize_read_shown (const char  *path,
                         GError     **error)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *derr = NULL;

  if (!lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &derr))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, derr->message);
      g_clear_pointer (&file, lb_dicom_file_free);
    }
  lb_dicom_error_free (derr);
  return file;
}

GPtrArray *
lb_anonymize_preview (const LbDicomFile        *file,
                      const LbAnonymizeOptions *options,
                      gboolean                 *burned_in,
                      GError                  **error)
{
  LbDeidOptions deid;
  LbDicomError *derr = NULL;
  LbDeidResult result = { 0 };
  LbDeidContext *context;
  GPtrArray *changes = g_ptr_array_new_with_free_func (change_free);

  deid_options (options, &deid);
  context = lb_deid_context_new (&deid);
  if (context == NULL
      || !lb_deid_file (context, file, collect_change, changes, &result, &derr))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           derr != NULL ? derr->message : _("Not enough memory"));
      g_clear_pointer (&changes, g_ptr_array_unref);
    }
  else if (burned_in != NULL)
    *burned_in = result.burned_in_annotation || result.burned_in_unknown;
  lb_deid_result_clear (&result);
  lb_dicom_error_free (derr);
  lb_deid_context_free (context);
  return changes;
}

/* ---- The run ---------------------------------------------------------------------------- */

typedef struct {
  GPtrArray *paths;             /* char * */
  char *out;
  char *patient_name;
  char *patient_id;
  char *study_uid;
  char *dicomdir;
  unsigned retain;
  LbFolderJobReporter reporter;
  guint written;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  g_ptr_array_unref (d->paths);
  g_free (d->out);
  g_free (d->patient_name);
  g_free (d->patient_id);
  g_free (d->study_uid);
  g_free (d->dicomdir);
  lb_folder_job_reporter_clear (&d->reporter);
  g_free (d);
}

char *
lb_anonymize_study_uid (const char *path)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  char *uid = NULL;

  if (lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, NULL))
    {
      char *raw = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0020, 0x000D));
      uid = g_strdup (raw);
      free (raw);
    }
  lb_dicom_file_free (file);
  return uid;
}

/* Whether a file read for a study run belongs to it: other studies (and files that are not
 * DICOM) in the folder are passed over, not failures. */
static gboolean
in_study (const LbDicomFile *file,
          const char        *study_uid)
{
  char *uid = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0020, 0x000D));
  gboolean same = uid != NULL && g_str_equal (uid, study_uid);

  free (uid);
  return same;
}

typedef enum { ONE_WRITTEN, ONE_SKIPPED, ONE_FAILED } OneOutcome;

/* One file: read, de-identify, write under a name of its own. */
static OneOutcome
anonymize_one (LbDeidContext    *context,
               const char       *path,
               const char       *out,
               const char       *study_uid,
               GHashTable       *names,
               LbDicomDirWriter *fileset,
               char            **message)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *derr = NULL;
  LbDeidResult result = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  gboolean ok = lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &derr);

  if (study_uid != NULL && (!ok || !in_study (file, study_uid)))
    {
      lb_dicom_error_free (derr);
      lb_dicom_file_free (file);
      return ONE_SKIPPED;
    }
  ok = ok && lb_deid_file (context, file, NULL, NULL, &result, &derr);
  if (ok && fileset != NULL)
    {
      LbDicomWriteOptions options = {
        .transfer_syntax_uid = result.transfer_syntax,
        .sop_class_uid = result.sop_class_uid[0] != '\0' ? result.sop_class_uid : NULL,
      };
      char *written = lb_dicom_dir_writer_write_member (fileset, result.builder, &options, out,
                                                        LB_DICOM_WRITE_NO_REPLACE, &derr);
      target = g_strdup (written);
      ok = written != NULL;
      free (written);
    }
  else if (ok)
    {
      /* Two inputs with one SOP Instance UID share the new one too; a number tells them apart. */
      name = g_strconcat (result.sop_instance_uid, ".dcm", NULL);
      for (guint copy = 2; g_hash_table_contains (names, name); copy++)
        {
          g_free (name);
          name = g_strdup_printf ("%s-%u.dcm", result.sop_instance_uid, copy);
        }
      g_hash_table_add (names, g_strdup (name));
      target = g_build_filename (out, name, NULL);
      ok = lb_deid_result_write (&result, target, LB_DICOM_WRITE_NO_REPLACE, &derr);
    }
  if (!ok)
    {
      g_autofree char *base = g_path_get_basename (path);
      *message = g_strdup_printf ("%s: %s", base, derr != NULL ? derr->message : "?");
    }
  else
    g_debug ("anonymized %s -> %s", path, target);
  lb_deid_result_clear (&result);
  lb_dicom_error_free (derr);
  lb_dicom_file_free (file);
  return ok ? ONE_WRITTEN : ONE_FAILED;
}

/* <out>/DICOMDIR over the copies; its UID is the new one of the original DICOMDIR's. */
static gboolean
write_dicomdir (LbDicomDirWriter *fileset,
                LbDeidContext    *context,
                RunData          *d)
{
  g_autofree char *path = g_build_filename (d->out, "DICOMDIR", NULL);
  LbDicomFile *original = lb_dicom_file_new (NULL);
  char *uid = NULL;
  const char *new_uid;
  LbDicomError *derr = NULL;
  gboolean ok;

  if (lb_dicom_file_read_path (original, d->dicomdir, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
    uid = lb_dicom_file_get_string (original, LB_DICOM_TAG (0x0002, 0x0003));
  new_uid = lb_deid_context_map_uid (context, uid != NULL && *uid ? uid : "1.2.3.4.dicomdir");
  ok = new_uid != NULL && lb_dicom_dir_writer_write (fileset, path, new_uid, "ANONYMIZED",
                                                     LB_DICOM_WRITE_NO_REPLACE, &derr);
  if (ok)
    g_debug ("wrote %s over %zu copies", path, lb_dicom_dir_writer_count (fileset));
  else
    g_warning ("%s: %s", path, derr != NULL ? derr->message : "out of memory");
  lb_dicom_error_free (derr);
  free (uid);
  lb_dicom_file_free (original);
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  LbDeidOptions deid;
  LbAnonymizeOptions options = { d->retain, d->patient_name, d->patient_id, NULL };
  LbDeidContext *context;
  LbDicomDirWriter *fileset;
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError *error = NULL;
  g_autofree char *first_failure = NULL;
  guint failed = 0;

  if (!lb_folder_job_make_folder (d->out, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  deid_options (&options, &deid);
  context = lb_deid_context_new (&deid);
  fileset = d->dicomdir != NULL ? lb_dicom_dir_writer_new () : NULL;
  for (guint i = 0; context != NULL && i < d->paths->len; i++)
    {
      char *message = NULL;
      OneOutcome outcome;

      /* Between files only: a copy is either written whole (renamed into place) or not at all. */
      if (g_cancellable_is_cancelled (cancellable))
        break;
      outcome = anonymize_one (context, d->paths->pdata[i], d->out, d->study_uid, names,
                               fileset, &message);
      if (outcome == ONE_WRITTEN)
        d->written++;
      else if (outcome == ONE_SKIPPED)
        ;
      else if (failed++ == 0)
        first_failure = message;
      else
        g_free (message);
      lb_folder_job_report (&d->reporter, task, i + 1, d->paths->len);
    }
  /* The copies written (also before a Cancel) get their DICOMDIR. */
  if (fileset != NULL && context != NULL && lb_dicom_dir_writer_count (fileset) > 0
      && !write_dicomdir (fileset, context, d) && failed++ == 0)
    first_failure = g_strdup (_("the new DICOMDIR could not be written"));
  lb_dicom_dir_writer_free (fileset);
  lb_deid_context_free (context);
  if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
    g_task_return_error_if_cancelled (task);
  else if (context == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("Not enough memory"));
  else if (failed > 0)
    /* Translators: how many files failed, then the first one's name and reason */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             g_dngettext (GETTEXT_PACKAGE, "%u file was not written (%s)",
                                          "%u files were not written (first: %s)", failed),
                             failed, first_failure);
  else
    g_task_return_boolean (task, TRUE);
}

void
lb_anonymize_run_async (GPtrArray                *files,
                        GFile                    *out,
                        const LbAnonymizeOptions *options,
                        GCancellable             *cancellable,
                        LbAnonymizeProgress       progress,
                        gpointer                  progress_data,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *d = g_new0 (RunData, 1);

  d->paths = lb_folder_job_paths (files);
  d->out = g_file_get_path (out);
  d->patient_name = g_strdup (options->patient_name);
  d->patient_id = g_strdup (options->patient_id);
  d->study_uid = g_strdup (options->study_uid);
  d->dicomdir = g_strdup (options->dicomdir);
  d->retain = options->retain;
  lb_folder_job_reporter_init (&d->reporter, progress, progress_data);
  g_task_set_task_data (task, d, run_data_free);
  g_task_set_source_tag (task, lb_anonymize_run_async);
  g_task_run_in_thread (task, run_thread);
  g_object_unref (task);
}

gboolean
lb_anonymize_run_finish (GAsyncResult  *result,
                         guint         *written,
                         GError       **error)
{
  RunData *d = g_task_get_task_data (G_TASK (result));

  if (written != NULL)
    *written = d->written;
  return g_task_propagate_boolean (G_TASK (result), error);
}
