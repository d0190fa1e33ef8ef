/* lb-folder-job.h: the worker side of a job that writes a series into a folder (Export Series,
 * Anonymize): the input paths, the output folder made, and progress posted back to the
 * caller's main context. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*LbFolderJobProgress) (guint done, guint total, gpointer user_data);

/* Where a worker's progress goes: `func` runs on the context that was the thread default when
 * lb_folder_job_reporter_init() was called (the caller's). */
typedef struct {
  LbFolderJobProgress func;
  gpointer data;
  GMainContext *context;
} LbFolderJobReporter;

void       lb_folder_job_reporter_init  (LbFolderJobReporter *reporter,
                                         LbFolderJobProgress  func,
                                         gpointer             data);
void       lb_folder_job_reporter_clear (LbFolderJobReporter *reporter);
/* From the worker of `task`: "done of total" to the caller, unless `task` has completed by
 * the time it arrives (the dialog may be gone then). */
void       lb_folder_job_report         (LbFolderJobReporter *reporter,
                                         GTask               *task,
                                         guint                done,
                                         guint                total);

/* The local paths (char *) of `files` (GFile); files without one are left out. */
GPtrArray *lb_folder_job_paths          (GPtrArray           *files);

/* Makes `out` and its parents; FALSE with "Cannot create the folder …" when that fails. */
gboolean   lb_folder_job_make_folder    (const char          *out,
                                         GError             **error);

G_END_DECLS
