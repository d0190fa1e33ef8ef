/* lb-bench-volume: in-process timings of the volume library (lb-volume.h; not a test).
 *   lb-bench-volume SERIES_DIR [RUNS] [THREADS]
 * Builds the volume of every file in SERIES_DIR (time, peak RSS), then, with THREADS threads
 * (default 2), times what a three-plane viewer does per redraw: one view = sample the plane into
 * a frame of stored values + the display LUT into cairo's 32-bit pixels (lb_dicom_render). Rows:
 * the sagittal plane scrolled across the volume; the three planes through a moving crosshair
 * (a redraw of all three views); a 20 mm MIP slab, sagittal and on all three. Medians over RUNS
 * positions (default 41) after one warm-up; frames/s = 1000 / median ms. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "lb-bench-timing.h"
#include "lb-volume.h"

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char **
list_files (const char *dir, size_t *n)
{
  DIR *d = opendir (dir);
  char **paths = NULL;
  size_t count = 0, cap = 0;
  struct dirent *e;
  while (d != NULL && (e = readdir (d)) != NULL)
    {
      if (e->d_name[0] == '.')
        continue;
      if (count == cap)
        {
          cap = cap ? cap * 2 : 1024;
          paths = realloc (paths, cap * sizeof *paths);
        }
      size_t len = strlen (dir) + strlen (e->d_name) + 2;
      paths[count] = malloc (len);
      snprintf (paths[count], len, "%s/%s", dir, e->d_name);
      count++;
    }
  if (d != NULL)
    closedir (d);
  qsort (paths, count, sizeof *paths, compare_strings);
  *n = count;
  return paths;
}

typedef struct {
  const LbVolume *volume;
  unsigned threads;
  LbDicomDisplayLut *lut;
  LbDicomDisplay display;
  uint8_t *pixels;
  size_t pixels_len;
} Bench;

/* One view redrawn: the plane sampled into stored values, then mapped through the LUT. */
static double
redraw (Bench *b, LbVolumePlane plane, double position, double slab)
{
  LbVolumePlaneRequest r;
  LbVolumePlaneGeometry g;
  lb_volume_plane_request_init (&r, plane, position);
  r.threads = b->threads;
  r.slab_mm = slab;
  double t0 = now_ms ();
  if (!lb_volume_plane_geometry (b->volume, &r, &g, NULL))
    return NAN;
  if (position < g.position_min || position > g.position_max)
    position = (g.position_min + g.position_max) / 2;
  r.position_mm = position;
  LbDicomFrame *frame = lb_volume_sample_plane_frame (b->volume, &r, &g, NULL);
  if (frame == NULL)
    return NAN;
  if (b->lut == NULL)
    {
      b->lut = lb_dicom_display_lut_new (frame);
      lb_dicom_display_lut_build (b->lut, &b->display);
    }
  size_t need = (size_t) frame->width * frame->height * 4;
  if (need > b->pixels_len)
    {
      b->pixels = realloc (b->pixels, need);
      b->pixels_len = need;
    }
  lb_dicom_render (b->lut, frame, LB_DICOM_RENDER_XRGB32, b->pixels, (size_t) frame->width * 4);
  lb_dicom_frame_free (frame);
  return now_ms () - t0;
}

static void
row (const char *what, double *v, int runs)
{
  double m = median (v, runs);
  printf ("| %s | %.2f ms | %.1f frames/s |\n", what, m, 1000.0 / m);
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: lb-bench-volume SERIES_DIR [RUNS] [THREADS]\n");
      return 1;
    }
  int runs = argc > 2 ? atoi (argv[2]) : 41;
  unsigned threads = argc > 3 ? (unsigned) atoi (argv[3]) : 2;
  if (runs < 1)
    runs = 1;
  size_t n;
  char **paths = list_files (argv[1], &n);
  LbVolumeOptions o;
  lb_volume_options_init (&o);
  o.threads = threads;
  LbVolumeError *error = NULL;
  double t0 = now_ms ();
  LbVolume *v = lb_volume_new_from_files ((const char *const *) paths, n, &o, NULL, NULL, &error);
  double build = now_ms () - t0;
  if (v == NULL)
    {
      fprintf (stderr, "lb-bench-volume: %s\n", error->message);
      return 2;
    }
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  const LbVolumeGeometry *g = lb_volume_get_geometry (v);
  printf ("volume %u x %u x %u (%.1f x %.1f x %.3f mm), %.1f MiB of stored values, %u threads\n\n", g->nx, g->ny,
          g->nz, g->spacing[0], g->spacing[1], g->spacing[2], lb_volume_get_bytes (v) / 1048576.0, threads);
  printf ("| What | median | rate |\n|---|---|---|\n");
  printf ("| build the volume (%zu files: headers, checks, decode) | %.0f ms | peak RSS %.1f MiB |\n", n, build,
          ru.ru_maxrss / 1024.0);

  Bench b = { .volume = v, .threads = threads };
  lb_dicom_display_init (&b.display, lb_volume_get_image_info (v), NULL);
  lb_dicom_display_set_window (&b.display, 40, 400);

  /* The patient box, for positions that sweep it. */
  double lo[3], hi[3];
  for (int c = 0; c < 3; c++)
    {
      LbVolumePlaneRequest r;
      LbVolumePlaneGeometry pg;
      static const LbVolumePlane planes[3] = { LB_VOLUME_PLANE_SAGITTAL, LB_VOLUME_PLANE_CORONAL, LB_VOLUME_PLANE_AXIAL };
      lb_volume_plane_request_init (&r, planes[c], 0);
      lb_volume_plane_geometry (v, &r, &pg, NULL);
      lo[c] = pg.position_min;
      hi[c] = pg.position_max;
    }
  double *t = calloc ((size_t) runs, sizeof *t);
  redraw (&b, LB_VOLUME_PLANE_SAGITTAL, (lo[0] + hi[0]) / 2, 0);   /* warm-up */
  for (int i = 0; i < runs; i++)
    t[i] = redraw (&b, LB_VOLUME_PLANE_SAGITTAL, lo[0] + (hi[0] - lo[0]) * (i + 0.5) / runs, 0);
  row ("sagittal view, scrolled (sample + LUT)", t, runs);
  for (int i = 0; i < runs; i++)
    t[i] = redraw (&b, LB_VOLUME_PLANE_CORONAL, lo[1] + (hi[1] - lo[1]) * (i + 0.5) / runs, 0);
  row ("coronal view, scrolled", t, runs);
  for (int i = 0; i < runs; i++)
    t[i] = redraw (&b, LB_VOLUME_PLANE_AXIAL, lo[2] + (hi[2] - lo[2]) * (i + 0.5) / runs, 0);
  row ("axial view, scrolled", t, runs);
  for (int i = 0; i < runs; i++)
    {
      double f = (i + 0.5) / runs;
      t[i] = redraw (&b, LB_VOLUME_PLANE_SAGITTAL, lo[0] + (hi[0] - lo[0]) * f, 0)
             + redraw (&b, LB_VOLUME_PLANE_CORONAL, lo[1] + (hi[1] - lo[1]) * f, 0)
             + redraw (&b, LB_VOLUME_PLANE_AXIAL, lo[2] + (hi[2] - lo[2]) * f, 0);
    }
  row ("three views, crosshair moved (goal >= 30 frames/s)", t, runs);
  for (int i = 0; i < runs; i++)
    t[i] = redraw (&b, LB_VOLUME_PLANE_SAGITTAL, lo[0] + 10 + (hi[0] - lo[0] - 20) * (i + 0.5) / runs, 20);
  row ("sagittal 20 mm MIP slab (goal >= 15 frames/s)", t, runs);
  for (int i = 0; i < runs; i++)
    t[i] = redraw (&b, LB_VOLUME_PLANE_CORONAL, lo[1] + 10 + (hi[1] - lo[1] - 20) * (i + 0.5) / runs, 20);
  row ("coronal 20 mm MIP slab", t, runs);
  for (int i = 0; i < runs; i++)
    t[i] = redraw (&b, LB_VOLUME_PLANE_AXIAL, lo[2] + 10 + (hi[2] - lo[2] - 20) * (i + 0.5) / runs, 20);
  row ("axial 20 mm MIP slab", t, runs);
  for (int i = 0; i < runs; i++)
    {
      double f = (i + 0.5) / runs;
      t[i] = redraw (&b, LB_VOLUME_PLANE_SAGITTAL, lo[0] + 10 + (hi[0] - lo[0] - 20) * f, 20)
             + redraw (&b, LB_VOLUME_PLANE_CORONAL, lo[1] + 10 + (hi[1] - lo[1] - 20) * f, 20)
             + redraw (&b, LB_VOLUME_PLANE_AXIAL, lo[2] + 10 + (hi[2] - lo[2] - 20) * f, 20);
    }
  row ("three views, 20 mm MIP slabs", t, runs);
  free (t);
  free (b.pixels);
  lb_dicom_display_lut_free (b.lut);
  lb_volume_free (v);
  for (size_t i = 0; i < n; i++)
    free (paths[i]);
  free (paths);
  return 0;
}
