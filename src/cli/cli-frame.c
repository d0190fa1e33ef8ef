/* cli-frame.c: reading and decoding the one frame a pixel command works on (cli-frame.h). */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-frame.h"

/* Files from this size on (as the viewer's, lb-document.c) keep their header in memory and
 * read each native frame when it is decoded, straight into the frame's buffer: a 32 MiB
 * radiograph is not copied into memory first and then again into the frame (issue 15 §1). */
#define FRAMES_ON_DEMAND_FROM ((goffset) 16 << 20)

LbDicomReadFlags
lb_cli_read_flags (const char *path)
{
  GStatBuf st;
  if (g_stat (path, &st) == 0 && (goffset) st.st_size >= FRAMES_ON_DEMAND_FROM)
    return LB_DICOM_READ_FRAMES_ON_DEMAND;
  return LB_DICOM_READ_DEFAULT;
}

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
  if (!lb_dicom_file_read_path (out->file, path, lb_cli_read_flags (path), &error)
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
