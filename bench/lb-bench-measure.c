/* lb-bench-measure: in-process timings of the measurement kernels (not a test).
 *   lb-bench-measure FILE [RUNS]
 * Three ROIs as the canvas would show them (an ellipse over a quarter of the frame, a rect over
 * a ninth, a small ellipse), then the histogram of each stage. Medians over RUNS (default 21)
 * after one warm-up. The ROI statistics run on release, not per drag step (MODELS-TOOLS.md):
 * the drag budget at 4096^2 is the re-window's (rewindow.sh); these must stay well under one
 * frame at the frame clock (16 ms) so a release never stutters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lb-dicom-measure.h"
#include "lb-bench-timing.h"

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: lb-bench-measure FILE [RUNS]\n");
      return 1;
    }
  int runs = argc > 2 ? atoi (argv[2]) : 21;
  if (runs < 1)
    runs = 1;
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomFrame *frame = NULL;
  LbDicomImageInfo *info = NULL;
  LbDicomError *error = NULL;
  if (!lb_dicom_file_read_path (file, argv[1], LB_DICOM_READ_DEFAULT, &error)
      || !lb_dicom_file_decode_frame (file, 0, &frame, &error)
      || (info = lb_dicom_file_get_image_info (file, 0, &error)) == NULL)
    {
      fprintf (stderr, "lb-bench-measure: %s: %s\n", argv[1], error->message);
      return 2;
    }
  LbDicomDisplay display;
  lb_dicom_display_init (&display, info, frame);
  LbDicomSpacing spacing;
  lb_dicom_file_get_spacing (file, 0, &spacing);
  double w = frame->width, h = frame->height;
  const LbDicomRoi rois[3] = {
    { LB_DICOM_ROI_ELLIPSE, w / 2, h / 2, w / 2 * sqrt (1 / M_PI), h / 2 * sqrt (1 / M_PI) },
    { LB_DICOM_ROI_RECT, w / 3, h / 3, w / 3, h / 3 },
    { LB_DICOM_ROI_ELLIPSE, w / 4, h / 4, 10.5, 10.5 },
  };
  double *t = calloc (runs + 1, sizeof *t);
  for (int i = 0; i <= runs; i++)
    {
      double s = now_ms ();
      for (int k = 0; k < 3; k++)
        {
          LbDicomRoiStats st;
          lb_dicom_roi_stats (frame, &display, &spacing, &rois[k], NAN, NAN, &st);
        }
      t[i] = now_ms () - s;
    }
  printf ("%ux%u three ROIs (%.0f%% of the frame): %.2f ms median\n", frame->width,
          frame->height, 100.0 * (1 / 4.0 + 1 / 9.0), median (t + 1, runs));
  for (int stage = LB_DICOM_STAGE_STORED; stage <= LB_DICOM_STAGE_DISPLAY; stage++)
    {
      for (int i = 0; i <= runs; i++)
        {
          double s = now_ms ();
          lb_dicom_stage_histogram_free (
            lb_dicom_stage_histogram_new (frame, &display, (LbDicomStage) stage, 0, true));
          t[i] = now_ms () - s;
        }
      printf ("%ux%u %s histogram: %.2f ms median\n", frame->width, frame->height,
              lb_dicom_stage_name ((LbDicomStage) stage), median (t + 1, runs));
    }
  free (t);
  lb_dicom_image_info_free (info);
  lb_dicom_frame_free (frame);
  lb_dicom_file_free (file);
  return 0;
}
