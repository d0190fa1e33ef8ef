/* cli-anonymize-fileset.c: the file-set output of `lightbox-cli anonymize` for a DICOMDIR
 * input (cli-anonymize-fileset.h). The layout and the DICOMDIR are the parsing library's
 * (lb-dicom-dir-write.h); this file places, writes and reports. */
#include "config.h"

#include "cli-anonymize-fileset.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

/* The write flags for `path`: never replace, except a DICOM file that is no input under
 * --force. FALSE (message printed) when `path` exists and may not be replaced. */
static gboolean
choose_flags (const char *path, gboolean force, GPtrArray *inputs, LbDicomWriteFlags *flags)
{
  *flags = LB_DICOM_WRITE_NO_REPLACE;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!force)
    {
      lb_cli_print_error (path, _("exists; --force replaces it"));
      return FALSE;
    }
  for (guint i = 0; i < inputs->len; i++)
    if (lb_dicom_path_is_same_file (path, inputs->pdata[i]))
      {
        lb_cli_print_error (path, _("exists and is an input or not a DICOM file; not "
                                    "replaced"));
        return FALSE;
      }
  if (!lb_cli_is_part10_file (path))
    {
      lb_cli_print_error (path, _("exists and is an input or not a DICOM file; not replaced"));
      return FALSE;
    }
  *flags = LB_DICOM_WRITE_DEFAULT;
  return TRUE;
}

gboolean
lb_anon_fileset_write_member (LbDicomDirWriter *writer, const char *out, const char *input,
                              const LbDeidResult *result, gboolean force, GPtrArray *inputs,
                              char **out_path)
{
  LbDicomWriteOptions options = {
    .transfer_syntax_uid = result->transfer_syntax,
    .sop_class_uid = result->sop_class_uid[0] != '\0' ? result->sop_class_uid : NULL,
  };
  LbDicomError *error = NULL;
  LbDicomFile *parsed = lb_dicom_file_new (NULL);
  char file_id[LB_DICOM_DIR_FILE_ID_SIZE];
  size_t len = 0;
  LbDicomWriteFlags flags = LB_DICOM_WRITE_NO_REPLACE;
  gboolean ok = FALSE;
  /* Where it goes, to decide about a file already there before writing. */
  uint8_t *bytes = lb_dicom_builder_encode (result->builder, &options, &len, &error);

  if (bytes == NULL || !lb_dicom_file_read (parsed, bytes, len, LB_DICOM_READ_DEFAULT, &error)
      || !lb_dicom_dir_writer_place (writer, parsed, file_id, &error))
    lb_cli_print_dicom_error (input, error);
  else
    {
      g_autofree char *target = g_build_filename (out, file_id, NULL);
      if (choose_flags (target, force, inputs, &flags))
        {
          char *path = lb_dicom_dir_writer_write_member (writer, result->builder, &options, out,
                                                         flags, &error);
          ok = path != NULL;
          if (ok)
            *out_path = g_strdup (path);
          else
            lb_cli_print_dicom_error (input, error);   /* the message names the copy */
          free (path);
        }
    }
  free (bytes);
  lb_dicom_file_free (parsed);
  lb_dicom_error_free (error);
  return ok;
}

gboolean
lb_anon_fileset_write_dicomdir (const LbDicomDirWriter *writer, const char *out,
                                LbDeidContext *context, const char *input_uid, gboolean force,
                                GPtrArray *inputs)
{
  g_autofree char *path = g_build_filename (out, "DICOMDIR", NULL);
  g_autofree char *seed = g_strdup (input_uid != NULL && *input_uid ? input_uid
                                                                    : "1.2.3.4.dicomdir");
  LbDicomWriteFlags flags;
  LbDicomError *error = NULL;
  const char *uid = lb_deid_context_map_uid (context, g_strchomp (seed));

  if (uid == NULL || !choose_flags (path, force, inputs, &flags))
    return FALSE;
  if (!lb_dicom_dir_writer_write (writer, path, uid, "ANONYMIZED", flags, &error))
    {
      lb_cli_print_dicom_error (path, error);
      lb_dicom_error_free (error);
      return FALSE;
    }
  printf (_("DICOMDIR of %zu files written to %s\n"), lb_dicom_dir_writer_count (writer), path);
  return TRUE;
}
