/* fuzz-pixel.c: libFuzzer target for the pixel pipeline. Parses the input as a file, decodes its
 * first frames through lb_dicom_file_decode_frame (so every codec the transfer syntax selects is
 * reached, with the frame's real geometry) and runs the whole display pipeline on each: image
 * info, modality and VOI stages, stored windows and VOI LUTs, the folded table, rendering in
 * every format, reduction and the histogram. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "lb-dicom-pixel.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A few frames are enough: later frames only differ in where their bytes start, and decoding
 * all of a 1000-frame input would make one execution take seconds. */
#define MAX_FRAMES 4u
/* Small enough that a declared 65535 x 65535 frame is refused by the limit check rather than
 * tried, large enough for every frame of the shared corpus. */
#define MAX_FRAME_BYTES (32u << 20)

static void
render_all (const LbDicomDisplayLut *lut, const LbDicomFrame *frame)
{
  static const LbDicomRenderFormat formats[] = {
    LB_DICOM_RENDER_GREY8, LB_DICOM_RENDER_RGB24, LB_DICOM_RENDER_XRGB32,
  };
  static const size_t bpp[] = { 1, 3, 4 };
  for (size_t i = 0; i < 3; i++)
    {
      /* Spare bytes per row: the renderer must honour the stride, not assume width * bpp.
       * XRGB32 rows are stored as uint32_t, so that stride stays a multiple of 4 (as cairo's). */
      size_t stride = (size_t) frame->width * bpp[i] + (bpp[i] == 4 ? 4 : 1);
      uint8_t *dst = malloc (stride * frame->height + 1);
      if (dst == NULL)
        return;
      lb_dicom_render (lut, frame, formats[i], dst, stride);
      free (dst);
    }
}

static void
run_display (const LbDicomImageInfo *info, const LbDicomFrame *frame)
{
  LbDicomDisplay display;
  lb_dicom_display_init (&display, info, frame);

  LbDicomDisplayLut *lut = lb_dicom_display_lut_new (frame);
  if (lut == NULL)
    return;
  lb_dicom_display_lut_build (lut, &display);
  render_all (lut, frame);

  /* Every stored window and VOI LUT, as the viewer's menu offers them. */
  for (size_t i = 0; i < info->n_windows && i < 4; i++)
    if (lb_dicom_display_set_stored_window (&display, info, i))
      {
        lb_dicom_display_lut_build (lut, &display);
        (void) lb_dicom_display_map (&display, frame->min);
      }
  for (size_t i = 0; i < info->n_voi_luts && i < 4; i++)
    if (lb_dicom_display_set_voi_lut (&display, info, i))
      {
        lb_dicom_display_lut_build (lut, &display);
        render_all (lut, frame);
      }

  /* The user's actions: min/max window, a drag to an extreme window, inversion. */
  lb_dicom_display_set_minmax (&display, frame);
  display.function = LB_DICOM_VOI_SIGMOID;
  lb_dicom_display_lut_build (lut, &display);
  lb_dicom_display_set_window (&display, frame->max, 0.0);
  display.function = LB_DICOM_VOI_LINEAR;
  display.invert = !display.invert;
  lb_dicom_display_lut_build (lut, &display);
  render_all (lut, frame);

  (void) lb_dicom_stored_to_modality (&display, frame->max);
  (void) lb_dicom_modality_to_voi (&display, NAN);

  LbDicomHistogram *hist = lb_dicom_histogram_new (frame, &display, 0);
  lb_dicom_histogram_free (hist);
  hist = lb_dicom_histogram_new (frame, &display, 7);
  lb_dicom_histogram_free (hist);

  LbDicomFrame *small = lb_dicom_frame_reduce (frame, (frame->width + 2) / 3,
                                               (frame->height + 1) / 2);
  if (small != NULL)
    {
      LbDicomDisplayLut *small_lut = lb_dicom_display_lut_new (small);
      if (small_lut != NULL)
        {
          lb_dicom_display_lut_build (small_lut, &display);
          render_all (small_lut, small);
          lb_dicom_display_lut_free (small_lut);
        }
      lb_dicom_frame_free (small);
    }
  lb_dicom_display_lut_free (lut);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  LbDicomLimits limits;
  lb_dicom_limits_init_default (&limits);
  limits.max_frame_bytes = MAX_FRAME_BYTES;

  LbDicomFile *file = lb_dicom_file_new (&limits);
  LbDicomError *error = NULL;
  if (!lb_dicom_file_read (file, data, size, LB_DICOM_READ_DEFAULT, &error))
    {
      lb_dicom_error_free (error);
      error = NULL;
      /* A failed read keeps what it had: the viewer still tries to show a frame. */
    }

  LbDicomFrameInfo fi;
  if (!lb_dicom_file_get_frame_info (file, &fi, &error))
    {
      lb_dicom_error_free (error);
      lb_dicom_file_free (file);
      return 0;
    }
  (void) lb_dicom_photometric_name (fi.photometric);

  uint32_t frames = fi.frames < MAX_FRAMES ? fi.frames : MAX_FRAMES;
  for (uint32_t i = 0; i < frames; i++)
    {
      LbDicomFrame *frame = NULL;
      error = NULL;
      if (!lb_dicom_file_decode_frame (file, i, &frame, &error))
        {
          lb_dicom_error_free (error);
          continue;
        }
      for (size_t k = 0; k < 16 && frame->width > 0; k++)
        (void) lb_dicom_frame_get_sample (frame, (frame->data_len / lb_dicom_sample_type_size
                                                  (frame->type)) * k / 16);
      error = NULL;
      LbDicomImageInfo *info = lb_dicom_file_get_image_info (file, i, &error);
      if (info != NULL)
        {
          if (info->modality_lut != NULL)
            (void) lb_dicom_lut_lookup (info->modality_lut, frame->max + 1.0);
          run_display (info, frame);
          lb_dicom_image_info_free (info);
        }
      else
        {
          lb_dicom_error_free (error);
          /* Without image info the viewer still shows the frame with an identity display. */
          LbDicomDisplay display;
          lb_dicom_display_init (&display, NULL, frame);
          LbDicomDisplayLut *lut = lb_dicom_display_lut_new (frame);
          if (lut != NULL)
            {
              lb_dicom_display_lut_build (lut, &display);
              render_all (lut, frame);
              lb_dicom_display_lut_free (lut);
            }
        }
      lb_dicom_frame_free (frame);
    }
  /* One index past the end: must be refused, not read. */
  LbDicomFrame *past = NULL;
  error = NULL;
  if (lb_dicom_file_decode_frame (file, fi.frames, &past, &error))
    abort ();
  lb_dicom_error_free (error);
  lb_dicom_file_free (file);
  return 0;
}
