/* cli-anonymize-inputs.h: the files an anonymize run reads (cli-anonymize-inputs.c). */
#pragma once

#include <glib.h>

typedef struct {
  GPtrArray *files;      /* char *: regular files to anonymize, in order, no duplicates */
  gboolean failed;       /* an argument could not be used (message printed) */
} LbAnonInputs;

/* Collects FILE|DIR|DICOMDIR arguments: a directory is walked recursively (sorted; entries
 * that are not regular files or directories, and files that are not DICOM, are skipped); a
 * DICOMDIR stands for the folder it is in (said once on stderr: no new DICOMDIR is written). */
void lb_anon_inputs_collect (LbAnonInputs *inputs, char **paths);
void lb_anon_inputs_clear (LbAnonInputs *inputs);
/* Whether a file is a DICOMDIR (its Media Storage SOP Class UID). */
gboolean lb_anon_is_dicomdir (const char *path);
