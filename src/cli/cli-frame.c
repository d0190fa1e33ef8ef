/* cli-frame.c: reading and decoding the one frame a pixel command works on (cli-frame.h). */
#include "config.h"

#include <string.h>

#include "cli-frame.h"

void
lb_cli_frame_clear (LbCliFrame *frame)
{
  lb_dicom_image_info_free (frame->image_info);
  lb_dicom_frame_free (frame->frame);
  lb_dicom_file_free (frame->file);
  memset (frame, 0, sizeof *frame);
}

gboolean
lb_cli_frame_load (const char *path, int number, LbCliFrame *out)
{
  LbDicomError *error = NULL;
  memset (out, 0, sizeof *out);
  out->file = lb_dicom_file_new (NULL);
  if (!lb_dicom_file_read_path (out->file, path, LB_DICOM_READ_DEFAULT, &error)
      || !lb_dicom_file_get_frame_info (out->file, &out->frame_info, &error))
    goto failed;
  if (number < 1 || (uint32_t) number > out->frame_info.frames)
    {
      lb_cli_print_error (path, _("frame %u requested, the file has %u"), (unsigned) number,
                          out->frame_info.frames);
      lb_cli_frame_clear (out);
      return FALSE;
    }
  out->index = (uint32_t) number - 1;
  if (!lb_dicom_file_decode_frame (out->file, out->index, &out->frame, &error)
      || (out->image_info = lb_dicom_file_get_image_info (out->file, out->index, &error)) == NULL)
    goto failed;
  lb_dicom_display_init (&out->display, out->image_info, out->frame);
  return TRUE;

failed:
  lb_cli_print_dicom_error (path, error);
  lb_dicom_error_free (error);
  lb_cli_frame_clear (out);
  return FALSE;
}
