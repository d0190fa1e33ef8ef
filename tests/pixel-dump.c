/* pixel-dump: test helper. Decodes frames with lb_dicom_file_decode_frame and writes, per frame,
 * a text header line "frame INDEX WIDTH HEIGHT SAMPLES TYPE MIN MAX\n" followed by the raw
 * data (native endian), so test-pixel-pydicom.py can compare with pydicom's pixel_array.
 * Usage: pixel-dump FILE [FRAME]   (all frames when FRAME is absent) */
#include <stdio.h>
#include <stdlib.h>

#include "lb-dicom-pixel.h"

static const char *const type_names[] = { "u8", "i8", "u16", "i16", "u32", "i32", "f32", "f64" };

int
main (int argc, char **argv)
{
  if (argc < 2)
    return 1;
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;
  LbDicomFrameInfo info;
  if (!lb_dicom_file_read_path (file, argv[1], LB_DICOM_READ_DEFAULT, &error)
      || !lb_dicom_file_get_frame_info (file, &info, &error))
    {
      fprintf (stderr, "error: %s\n", error->message);
      lb_dicom_error_free (error);
      lb_dicom_file_free (file);
      return 2;
    }
  uint32_t first = argc > 2 ? (uint32_t) atoi (argv[2]) : 0;
  uint32_t end = argc > 2 ? first + 1 : info.frames;
  for (uint32_t i = first; i < end; i++)
    {
      LbDicomFrame *frame = NULL;
      if (!lb_dicom_file_decode_frame (file, i, &frame, &error))
        {
          fprintf (stderr, "error: %s\n", error->message);
          lb_dicom_error_free (error);
          lb_dicom_file_free (file);
          return 2;
        }
      printf ("frame %u %u %u %u %s %.17g %.17g\n", frame->index, frame->width, frame->height,
              frame->samples, type_names[frame->type], frame->min, frame->max);
      fwrite (frame->data, 1, frame->data_len, stdout);
      lb_dicom_frame_free (frame);
    }
  lb_dicom_file_free (file);
  return 0;
}
