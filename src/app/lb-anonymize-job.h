/* lb-anonymize-job.h: what the Anonymize dialog does, without widgets: the output folder rule,
 * the preview of one file's changes, and the run over a series in a worker thread. The
 * de-identification itself is the parsing library's (lb-dicom-deid.h), as for the CLI. */
#pragma once

#include <gio/gio.h>

#include "lb-dicom-deid.h"

G_BEGIN_DECLS

/* The options the dialog offers; strings are copied where kept. */
typedef struct {
  unsigned retain;              /* LbDeidRetain bits */
  const char *patient_name;     /* NULL or "": emptied */
  const char *patient_id;       /* NULL or "": a pseudonym ANON0001... */
  const char *study_uid;        /* NULL, or only files of this Study Instance UID are copied
                                   (the others, and files that are not DICOM, are passed over) */
  const char *dicomdir;         /* NULL, or the DICOMDIR the files come from: the copies are
                                   then a file-set in `out` (PAT00001/STU00001/...) with a new
                                   DICOMDIR over them, written even after Cancel */
} LbAnonymizeOptions;

/* One row of the before/after table. */
typedef struct {
  char *element;                /* "(0010,0010) PatientName", with its sequence path */
  char *old_value;
  char *new_value;              /* NULL: removed; "" emptied */
} LbAnonymizeChange;

/* "<folder>-anonymized" beside `source_folder`, or "-anonymized-2", "-3"... when that exists. */
char     *lb_anonymize_default_folder (GFile       *source_folder);
/* FALSE with a message when `out` cannot take the copies: it is `source_folder` itself. */
gboolean  lb_anonymize_check_folder   (GFile       *out,
                                       GFile       *source_folder,
                                       GError     **error);

/* The shown file, parsed once for the preview (the preview follows every keystroke in the
 * name and ID rows: reading the disk each time would be wasted). NULL with an error if
 * unreadable. Free with lb_dicom_file_free(). */
LbDicomFile *lb_anonymize_read_shown  (const char               *path,
                                       GError                  **error);
/* The changes the options make to `file` (LbAnonymizeChange, freed with the array), and
 * whether its pixels may show burned-in text (*burned_in). The file is left as it is. */
GPtrArray *lb_anonymize_preview       (const LbDicomFile        *file,
                                       const LbAnonymizeOptions *options,
                                       gboolean                 *burned_in,
                                       GError                  **error);

typedef void (*LbAnonymizeProgress) (guint done, guint total, gpointer user_data);

/* De-identifies `files` (GFile) into the folder `out` (created), one UID map over the run, each
 * copy named <new SOP Instance UID>.dcm (or placed in the file-set, see `dicomdir`) and written
 * atomically, never over an existing file.
 * Cancelling stops between files: the copies written stay, no partial file remains.
 * `progress` is called on the caller's main context. */
void      lb_anonymize_run_async      (GPtrArray                *files,
                                       GFile                    *out,
                                       const LbAnonymizeOptions *options,
                                       GCancellable             *cancellable,
                                       LbAnonymizeProgress       progress,
                                       gpointer                  progress_data,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data);
/* The Study Instance UID of the file at `path` (g_free), or NULL. */
char     *lb_anonymize_study_uid      (const char *path);
/* The number of copies written; on error (cancelled too) *written still says how many. */
gboolean  lb_anonymize_run_finish     (GAsyncResult  *result,
                                       guint         *written,
                                       GError       **error);

G_END_DECLS
