/* lb-bench: in-process timings of the kernels the viewer and the CLI run (not a test).
 *   lb-bench decode FILE [RUNS]        decode frame 1 RUNS times: median ms and Mpx/s
 *   lb-bench rewindow FILE [RUNS]      LUT build + map of the full frame: median ms
 *   lb-bench drag FILE W H [RUNS]      the canvas path while dragging: a reduced copy at W x H
 *                                      (made once per zoom level), then LUT build + map per step
 * Medians over RUNS (default 21) after one warm-up. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lb-dicom.h"
#include "lb-dicom-pixel.h"
#include "lb-bench-timing.h"

static LbDicomFile *
open_file (const char *path)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;
  if (!lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &error))
    {
      fprintf (stderr, "lb-bench: %s: %s\n", path, error->message);
      exit (2);
    }
  return file;
}

static LbDicomFrame *
decode (LbDicomFile *file, const char *path)
{
  LbDicomFrame *frame = NULL;
  LbDicomError *error = NULL;
  if (!lb_dicom_file_decode_frame (file, 0, &frame, &error))
    {
      fprintf (stderr, "lb-bench: %s: %s\n", path, error->message);
      exit (2);
    }
  return frame;
}

/* Re-windows `frame` runs times with a moving window, as a drag does; returns the median ms. */
static double
time_rewindow (LbDicomFile *file, const LbDicomFrame *frame, int runs, LbDicomRenderFormat format)
{
  LbDicomImageInfo *info = lb_dicom_file_get_image_info (file, 0, NULL);
  LbDicomDisplay display;
  lb_dicom_display_init (&display, info, frame);
  LbDicomDisplayLut *lut = lb_dicom_display_lut_new (frame);
  size_t stride = (size_t) frame->width * (format == LB_DICOM_RENDER_GREY8 ? 1 : 4);
  uint8_t *dst = malloc (stride * frame->height);
  double *t = calloc (runs + 1, sizeof *t);
  double c = display.center, w = display.width > 1 ? display.width : 400;
  for (int i = 0; i <= runs; i++)
    {
      double s = now_ms ();
      lb_dicom_display_set_window (&display, c + (i % 7), w + (i % 5));
      lb_dicom_display_lut_build (lut, &display);
      lb_dicom_render (lut, frame, format, dst, stride);
      t[i] = now_ms () - s;
    }
  double m = median (t + 1, runs);   /* t[0] is the warm-up */
  free (t);
  free (dst);
  lb_dicom_display_lut_free (lut);
  lb_dicom_image_info_free (info);
  return m;
}

int
main (int argc, char **argv)
{
  if (argc < 3)
    {
      fprintf (stderr, "usage: lb-bench decode|rewindow FILE [RUNS] | drag FILE W H [RUNS]\n");
      return 1;
    }
  const char *cmd = argv[1], *path = argv[2];
  LbDicomFile *file = open_file (path);

  if (strcmp (cmd, "decode") == 0)
    {
      int runs = argc > 3 ? atoi (argv[3]) : 21;
      double *t = calloc (runs + 1, sizeof *t);
      double mpx = 0;
      for (int i = 0; i <= runs; i++)
        {
          double s = now_ms ();
          LbDicomFrame *frame = decode (file, path);
          t[i] = now_ms () - s;
          mpx = (double) frame->width * frame->height / 1e6;
          lb_dicom_frame_free (frame);
        }
      double m = median (t + 1, runs);
      printf ("decode %s: %.2f ms median, %.1f Mpx/s\n", path, m, mpx / (m / 1e3));
      free (t);
    }
  else if (strcmp (cmd, "rewindow") == 0)
    {
      int runs = argc > 3 ? atoi (argv[3]) : 21;
      LbDicomFrame *frame = decode (file, path);
      printf ("rewindow %ux%u: %.3f ms median to 8-bit grey (the PERFORMANCE.md kernel), %.3f ms to"
              " cairo's 32-bit pixels\n", frame->width, frame->height,
              time_rewindow (file, frame, runs, LB_DICOM_RENDER_GREY8),
              time_rewindow (file, frame, runs, LB_DICOM_RENDER_XRGB32));
      lb_dicom_frame_free (frame);
    }
  else if (strcmp (cmd, "drag") == 0 && argc >= 5)
    {
      int runs = argc > 5 ? atoi (argv[5]) : 101;
      LbDicomFrame *frame = decode (file, path);
      double s = now_ms ();
      LbDicomFrame *reduced = lb_dicom_frame_reduce (frame, atoi (argv[3]), atoi (argv[4]));
      double reduce_ms = now_ms () - s;
      if (reduced == NULL)
        return 2;
      double m = time_rewindow (file, reduced, runs, LB_DICOM_RENDER_XRGB32);
      printf ("drag %ux%u shown at %ux%u: reduce once %.1f ms, then %.3f ms per step"
              " (%.0f steps/s possible)\n", frame->width, frame->height, reduced->width,
              reduced->height, reduce_ms, m, 1e3 / m);
      lb_dicom_frame_free (reduced);
      lb_dicom_frame_free (frame);
    }
  else
    {
      fprintf (stderr, "lb-bench: unknown command %s\n", cmd);
      return 1;
    }
  lb_dicom_file_free (file);
  return 0;
}
