/* cli-anonymize-fileset.h: `lightbox-cli anonymize` of a DICOMDIR: the copies in a CD-safe
 * file-set layout under OUTDIR and a new DICOMDIR over them (cli-anonymize-fileset.c). */
#pragma once

#include <glib.h>

#include "lb-dicom-deid.h"
#include "lb-dicom-dir-write.h"

/* Writes one de-identified copy at its place in the file-set (OUTDIR/PAT00001/STU00001/...),
 * atomically, never over a file unless `force` and it is no input; the path written in
 * *out_path (g_free). FALSE with a message printed. */
gboolean lb_anon_fileset_write_member (LbDicomDirWriter *writer, const char *out,
                                       const char *input, const LbDeidResult *result,
                                       gboolean force, GPtrArray *inputs, char **out_path);

/* Writes OUTDIR/DICOMDIR over the copies written; its SOP Instance UID is the new UID of
 * `input_uid` (the input DICOMDIR's) in `context`. FALSE with a message printed. */
gboolean lb_anon_fileset_write_dicomdir (const LbDicomDirWriter *writer, const char *out,
                                         LbDeidContext *context, const char *input_uid,
                                         gboolean force, GPtrArray *inputs);
