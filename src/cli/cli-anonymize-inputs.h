/* cli-anonymize-inputs.h: the files an anonymize run reads (cli-anonymize-inputs.c). */
#pragma once

#include <glib.h>

#include "lb-dicom.h"

typedef struct {
  GPtrArray *files;      /* char *: regular files to anonymize, in order, no duplicates */
  GPtrArray *zips;       /* char *: .zip arguments, whose DICOM members are anonymized */
  gboolean failed;       /* an argument could not be used (message printed) */
  gboolean dicomdir;     /* a DICOMDIR was among the arguments: the output is a file-set */
  char *dicomdir_uid;    /* the first DICOMDIR's Media Storage SOP Instance UID (malloc), or NULL */
} LbAnonInputs;

/* Collects FILE|DIR|DICOMDIR arguments: a directory is walked recursively (sorted; entries
 * that are not regular files or directories, and files that are not DICOM, are skipped); a
 * DICOMDIR stands for the files its records name (a missing one is an error), and makes the
 * output a file-set with a new DICOMDIR; a .zip goes to `zips`. */
void lb_anon_inputs_collect (LbAnonInputs *inputs, char **paths);
void lb_anon_inputs_clear (LbAnonInputs *inputs);
/* Calls `func` with each DICOM member of the zip at `path` (read in place, parsed from memory;
 * `label` is "x.zip!/member"); members that are not DICOM are passed over. FALSE when the
 * archive or a member is damaged or `func` failed (messages printed). (cli-anonymize-zip.c) */
typedef gboolean (*LbAnonZipFunc) (const char *label, const LbDicomFile *file, gpointer data);
gboolean lb_anon_zip_each (const char *path, LbAnonZipFunc func, gpointer data);

/* Whether a file is a DICOMDIR (its Media Storage SOP Class UID). */
gboolean lb_anon_is_dicomdir (const char *path);
