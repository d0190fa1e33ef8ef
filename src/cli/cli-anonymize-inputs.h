/* cli-anonymize-inputs.h: the files an anonymize run reads (cli-anonymize-inputs.c). */
#pragma once

#include <glib.h>

typedef struct {
  GPtrArray *files;      /* char *: regular files to anonymize, in order, no duplicates */
  gboolean failed;       /* an argument could not be used (message printed) */
  gboolean dicomdir;     /* a DICOMDIR was among the arguments: the output is a file-set */
  char *dicomdir_uid;    /* the first DICOMDIR's Media Storage SOP Instance UID (malloc), or NULL */
} LbAnonInputs;

/* Collects FILE|DIR|DICOMDIR arguments: a directory is walked recursively (sorted; entries
 * that are not regular files or directories, and files that are not DICOM, are skipped); a
 * DICOMDIR stands for the files its records name (a missing one is an error), and makes the
 * output a file-set with a new DICOMDIR. */
void lb_anon_inputs_collect (LbAnonInputs *inputs, char **paths);
void lb_anon_inputs_clear (LbAnonInputs *inputs);
/* Whether a file is a DICOMDIR (its Media Storage SOP Class UID). */
gboolean lb_anon_is_dicomdir (const char *path);
