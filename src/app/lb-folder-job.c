/* lb-folder-job.c: what the series jobs (lb-series-export.c, lb-anonymize-job.c) share on
 * their worker side (lb-folder-job.h). */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lb-folder-job.h"

void
lb_folder_job_reporter_init (LbFolderJobReporter *reporter,
                             LbFolderJobProgress  func,
                             gpointer             data)
{
  reporter->func = func;
  reporter->data = data;
  reporter->context = g_main_context_ref_thread_default ();
}

void
lb_folder_job_reporter_clear (LbFolderJobReporter *reporter)
{
  g_clear_pointer (&reporter->context, g_main_context_unref);
}

typedef struct {
  GTask *task;
  LbFolderJobProgress func;
  gpointer data;
  guint done;
  guint total;
} ProgressCall;

static gboolean
deliver_progress (gpointer data)
{
  ProgressCall *call = data;

  /* After completion the dialog may be gone: a report queued behind it is dropped. */
  if (call->func != NULL && !g_task_get_completed (call->task))
    call->func (call->done, call->total, call->data);
  g_object_unref (call->task);
  g_free (call);
  return G_SOURCE_REMOVE;
}

void
lb_folder_job_report (LbFolderJobReporter *reporter,
                      GTask               *task,
                      guint                done,
                      guint                total)
{
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->task = g_object_ref (task);
  call->func = reporter->func;
  call->data = reporter->data;
  call->done = done;
  call->total = total;
  g_main_context_invoke (reporter->context, deliver_progress, call);
}

GPtrArray *
lb_folder_job_paths (GPtrArray *files)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < files->len; i++)
    {
      char *path = g_file_get_path (files->pdata[i]);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  return paths;
}

gboolean
lb_folder_job_make_folder (const char  *out,
                           GError     **error)
{
  if (g_mkdir_with_parents (out, 0777) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), out, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
