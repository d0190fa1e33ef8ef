/* fuzz-export.c: libFuzzer target for PNG export: parse, decode frame 1, then the three
 * exports of lb-png.h (8-bit as displayed, 16-bit stored, 16-bit modality with automatic and
 * stated offsets) to a temporary file that is removed afterwards, plus an in-memory encode of
 * the rendered frame. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lb-png.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* PNG encoding is the slow part; a 4-Mpx frame takes long enough per execution. */
#define MAX_FRAME_BYTES (8u << 20)

static void
export_to (const LbDicomFrame *frame, const LbPngExportOptions *options, const char *path)
{
  LbDicomError *error = NULL;
  double offset_used = 0;
  if (lb_png_export_frame (frame, options, path, &offset_used, &error))
    {
      if (unlink (path) != 0)
        abort ();   /* success must mean a file at path */
    }
  else
    {
      if (error == NULL)
        abort ();   /* failure must say why */
      lb_dicom_error_free (error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static char path[64];
  if (path[0] == '\0')
    snprintf (path, sizeof path, "/tmp/lb-fuzz-export-%ld.png", (long) getpid ());

  LbDicomLimits limits;
  lb_dicom_limits_init_default (&limits);
  limits.max_frame_bytes = MAX_FRAME_BYTES;
  LbDicomFile *file = lb_dicom_file_new (&limits);
  LbDicomError *error = NULL;
  (void) lb_dicom_file_read (file, data, size, LB_DICOM_READ_DEFAULT, &error);
  lb_dicom_error_free (error);
  error = NULL;

  LbDicomFrame *frame = NULL;
  if (!lb_dicom_file_decode_frame (file, 0, &frame, &error))
    {
      lb_dicom_error_free (error);
      lb_dicom_file_free (file);
      return 0;
    }
  error = NULL;
  LbDicomImageInfo *info = lb_dicom_file_get_image_info (file, 0, &error);
  lb_dicom_error_free (error);
  LbDicomDisplay display;
  lb_dicom_display_init (&display, info, frame);
  char *sop = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0008, 0x0018));

  LbPngExportOptions options = {
    .kind = LB_PNG_EXPORT_DISPLAY8,
    .display = &display,
    .sop_instance_uid = sop,
    .window_text = "40,400 LINEAR (preset brain)",
    .offset = NAN,
    .input_path = NULL,
  };
  export_to (frame, &options, path);
  options.kind = LB_PNG_EXPORT_STORED16;
  export_to (frame, &options, path);
  options.kind = LB_PNG_EXPORT_MODALITY16;
  export_to (frame, &options, path);
  options.offset = 1024.0;
  export_to (frame, &options, path);

  /* In memory: the 8-bit rendering as the clipboard copies it, with the file's text. */
  LbDicomDisplayLut *lut = lb_dicom_display_lut_new (frame);
  if (lut != NULL)
    {
      lb_dicom_display_lut_build (lut, &display);
      size_t stride = (size_t) frame->width * 3;
      uint8_t *rgb = malloc (stride * frame->height + 1);
      if (rgb != NULL)
        {
          lb_dicom_render (lut, frame, LB_DICOM_RENDER_RGB24, rgb, stride);
          LbPngText text = { "SOPInstanceUID", sop != NULL ? sop : "" };
          LbPngImage image = {
            .width = frame->width, .height = frame->height, .channels = 3, .bit_depth = 8,
            .pixels = rgb, .stride = stride, .texts = &text, .n_texts = 1,
          };
          uint8_t *png = NULL;
          size_t png_len = 0;
          error = NULL;
          if (lb_png_encode (&image, &png, &png_len, &error))
            free (png);
          else
            lb_dicom_error_free (error);
          free (rgb);
        }
      lb_dicom_display_lut_free (lut);
    }

  free (sop);
  lb_dicom_image_info_free (info);
  lb_dicom_frame_free (frame);
  lb_dicom_file_free (file);
  return 0;
}
