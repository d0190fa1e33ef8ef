/* lb-anonymize-fileset.h: the Anonymize dialog and a DICOMDIR: finding the DICOMDIR that lists
 * the shown file (in its folder or above), and the files it lists. The copies of such a file
 * are written as a file-set with a new DICOMDIR (lb-anonymize-job.c, through
 * lb-dicom-dir-write.h, as `lightbox-cli anonymize DICOMDIR` does). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The path of the DICOMDIR in the folder of `file` or one of the 8 above it whose records name
 * `file`, or NULL. Reads the disk: a few small files. */
char      *lb_anonymize_find_dicomdir   (GFile      *file);
/* The files (GFile) the records of `dicomdir` name that are there, in record order. */
GPtrArray *lb_anonymize_dicomdir_files  (const char *dicomdir);

G_END_DECLS
