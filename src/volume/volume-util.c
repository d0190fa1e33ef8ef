/* volume-util.c: errors, names and the small thread pool of the volume library. */
#define _GNU_SOURCE   /* asprintf */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "volume-private.h"

void
lb_volume_error_free (LbVolumeError *error)
{
  if (error == NULL)
    return;
  free (error->path);
  free (error->other_path);
  free (error->message);
  free (error);
}

const char *
lb_volume_error_code_name (LbVolumeErrorCode code)
{
  switch (code)
    {
    case LB_VOLUME_ERROR_NONE: return "none";
    case LB_VOLUME_ERROR_READ: return "read error";
    case LB_VOLUME_ERROR_NO_SLICES: return "no slices";
    case LB_VOLUME_ERROR_TOO_FEW_SLICES: return "too few slices";
    case LB_VOLUME_ERROR_NOT_GREY: return "not grey";
    case LB_VOLUME_ERROR_NO_GEOMETRY: return "no geometry";
    case LB_VOLUME_ERROR_MIXED_SERIES: return "mixed series";
    case LB_VOLUME_ERROR_MIXED_SIZE: return "mixed size";
    case LB_VOLUME_ERROR_MIXED_SPACING: return "mixed spacing";
    case LB_VOLUME_ERROR_MIXED_ORIENTATION: return "mixed orientation";
    case LB_VOLUME_ERROR_MIXED_RESCALE: return "mixed rescale";
    case LB_VOLUME_ERROR_SAME_POSITION: return "same position";
    case LB_VOLUME_ERROR_GANTRY_TILT: return "gantry tilt";
    case LB_VOLUME_ERROR_IRREGULAR_SPACING: return "irregular spacing";
    case LB_VOLUME_ERROR_TOO_LARGE: return "too large";
    case LB_VOLUME_ERROR_NO_MEMORY: return "no memory";
    case LB_VOLUME_ERROR_CANCELLED: return "cancelled";
    case LB_VOLUME_ERROR_INVALID_ARGUMENT: return "invalid argument";
    }
  return "unknown";
}

static char *
dup_or_null (const char *s)
{
  return s != NULL ? strdup (s) : NULL;
}

LbVolumeError *
lb_volume_set_error (LbVolumeError **error, LbVolumeErrorCode code, const char *path,
                     const char *other_path, const char *format, ...)
{
  if (error == NULL)
    return NULL;
  LbVolumeError *e = calloc (1, sizeof *e);
  if (e == NULL)
    return NULL;
  e->code = code;
  e->dicom_code = LB_DICOM_ERROR_NONE;
  e->path = dup_or_null (path);
  e->other_path = dup_or_null (other_path);
  e->value = NAN;
  e->expected = NAN;
  e->expected_high = NAN;
  va_list args;
  va_start (args, format);
  if (vasprintf (&e->message, format, args) < 0)
    e->message = NULL;
  va_end (args);
  *error = e;
  return e;
}

char *
lb_volume_slice_name (const LbVolumeSlice *slice, bool multi_frame)
{
  char *name = NULL;
  if (!multi_frame)
    return strdup (slice->path);
  if (asprintf (&name, "%s [frame %u]", slice->path, slice->frame + 1) < 0)
    return NULL;
  return name;
}

const char *
lb_volume_plane_name (LbVolumePlane plane)
{
  switch (plane)
    {
    case LB_VOLUME_PLANE_AXIAL: return "axial";
    case LB_VOLUME_PLANE_SAGITTAL: return "sagittal";
    case LB_VOLUME_PLANE_CORONAL: return "coronal";
    }
  return "unknown";
}

bool
lb_volume_plane_from_name (const char *name, LbVolumePlane *out)
{
  for (int p = LB_VOLUME_PLANE_AXIAL; p <= LB_VOLUME_PLANE_CORONAL; p++)
    if (name != NULL && strcasecmp (name, lb_volume_plane_name ((LbVolumePlane) p)) == 0)
      {
        *out = (LbVolumePlane) p;
        return true;
      }
  return false;
}

const char *
lb_volume_slab_mode_name (LbVolumeSlabMode mode)
{
  switch (mode)
    {
    case LB_VOLUME_SLAB_MIP: return "mip";
    case LB_VOLUME_SLAB_MINIP: return "minip";
    case LB_VOLUME_SLAB_MEAN: return "mean";
    }
  return "unknown";
}

bool
lb_volume_slab_mode_from_name (const char *name, LbVolumeSlabMode *out)
{
  for (int m = LB_VOLUME_SLAB_MIP; m <= LB_VOLUME_SLAB_MEAN; m++)
    if (name != NULL && strcasecmp (name, lb_volume_slab_mode_name ((LbVolumeSlabMode) m)) == 0)
      {
        *out = (LbVolumeSlabMode) m;
        return true;
      }
  return false;
}

/* ---- A parallel for on a few threads ---------------------------------------------------- */

typedef struct {
  void (*fn) (unsigned index, unsigned n, void *data);
  void *data;
  unsigned index, n;
} ParallelJob;

static void *
parallel_run (void *arg)
{
  ParallelJob *job = arg;
  job->fn (job->index, job->n, job->data);
  return NULL;
}

void
lb_volume_parallel (unsigned threads, void (*fn) (unsigned index, unsigned n, void *data), void *data)
{
  enum { MAX_THREADS = 16 };
  if (threads < 1)
    threads = 1;
  if (threads > MAX_THREADS)
    threads = MAX_THREADS;
  ParallelJob jobs[MAX_THREADS];
  pthread_t ids[MAX_THREADS];
  bool started[MAX_THREADS] = { false };
  for (unsigned t = 1; t < threads; t++)
    {
      jobs[t] = (ParallelJob) { fn, data, t, threads };
      started[t] = pthread_create (&ids[t], NULL, parallel_run, &jobs[t]) == 0;
      if (!started[t])
        fn (t, threads, data);   /* no thread: do its share here */
    }
  fn (0, threads, data);
  for (unsigned t = 1; t < threads; t++)
    if (started[t])
      pthread_join (ids[t], NULL);
}
