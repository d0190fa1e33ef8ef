/* volume-load.c: lb_volume_load: decodes the slices of a planned volume into its voxel array on
 * a few threads, marking each slice loaded as it arrives. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "volume-private.h"

typedef struct {
  LbVolume *volume;
  LbVolumeProgressFunc progress;
  void *user_data;
  uint32_t next;                   /* next slice to take (atomic) */
  pthread_mutex_t lock;            /* progress calls and the first error */
  bool stop;                       /* an error or a cancel: take no more slices (atomic) */
  LbVolumeError *error;
} LoadJob;

/* Copies a decoded grey frame into slice k, as int16 or uint16; returns its smallest value. */
static int32_t
store_frame (LbVolume *v, uint32_t k, const LbDicomFrame *frame)
{
  size_t n = (size_t) v->geometry.nx * v->geometry.ny;
  int32_t lowest = INT32_MAX;
  if (v->type == LB_DICOM_SAMPLE_S16 && (frame->type == LB_DICOM_SAMPLE_S16 || frame->type == LB_DICOM_SAMPLE_U16)
      && frame->bits <= 15 + (frame->type == LB_DICOM_SAMPLE_S16))
    {
      /* The common CT case: the values fit as they are. */
      int16_t *dst = (int16_t *) v->voxels + n * k;
      memcpy (dst, frame->data, n * 2);
      for (size_t i = 0; i < n; i++)
        if (dst[i] < lowest)
          lowest = dst[i];
    }
  else if (v->type == LB_DICOM_SAMPLE_U16 && frame->type == LB_DICOM_SAMPLE_U16)
    {
      uint16_t *dst = (uint16_t *) v->voxels + n * k;
      memcpy (dst, frame->data, n * 2);
      for (size_t i = 0; i < n; i++)
        if (dst[i] < lowest)
          lowest = dst[i];
    }
  else if (v->type == LB_DICOM_SAMPLE_S16)
    {
      int16_t *dst = (int16_t *) v->voxels + n * k;
      for (size_t i = 0; i < n; i++)
        {
          double s = lb_dicom_frame_get_sample (frame, i);
          int32_t x = s < -32768 ? -32768 : s > 32767 ? 32767 : (int32_t) s;
          dst[i] = (int16_t) x;
          if (x < lowest)
            lowest = x;
        }
    }
  else
    {
      uint16_t *dst = (uint16_t *) v->voxels + n * k;
      for (size_t i = 0; i < n; i++)
        {
          double s = lb_dicom_frame_get_sample (frame, i);
          int32_t x = s < 0 ? 0 : s > 65535 ? 65535 : (int32_t) s;
          dst[i] = (uint16_t) x;
          if (x < lowest)
            lowest = x;
        }
    }
  return lowest;
}

static void
load_fail (LoadJob *job, LbVolumeError *e)
{
  pthread_mutex_lock (&job->lock);
  if (job->error == NULL)
    job->error = e;
  else
    lb_volume_error_free (e);
  __atomic_store_n (&job->stop, true, __ATOMIC_RELEASE);
  pthread_mutex_unlock (&job->lock);
}

static bool
load_slice (LoadJob *job, uint32_t k)
{
  LbVolume *v = job->volume;
  const LbVolumeSlice *slice = &v->slices[k];
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *derr = NULL;
  LbDicomFrame *frame = NULL;
  bool ok = lb_dicom_file_read_path (file, slice->path, LB_DICOM_READ_DEFAULT, &derr)
            && lb_dicom_file_decode_frame (file, slice->frame, &frame, &derr);
  if (ok && (frame->width != v->geometry.nx || frame->height != v->geometry.ny || frame->samples != 1))
    {
      ok = false;
      char *name = lb_volume_slice_name (slice, slice->multi_frame);
      LbVolumeError *e = NULL;
      lb_volume_set_error (&e, LB_VOLUME_ERROR_MIXED_SIZE, name, NULL,
                           "%s: the decoded image is not %u x %u grey pixels like the header says", name,
                           v->geometry.nx, v->geometry.ny);
      free (name);
      load_fail (job, e);
    }
  else if (!ok)
    {
      char *name = lb_volume_slice_name (slice, slice->multi_frame);
      LbVolumeError *e = NULL;
      lb_volume_set_error (&e, LB_VOLUME_ERROR_READ, name, NULL, "%s: %s", name,
                           derr != NULL && derr->message != NULL ? derr->message : "read error");
      if (e != NULL)
        e->dicom_code = derr != NULL ? derr->code : LB_DICOM_ERROR_IO;
      free (name);
      load_fail (job, e);
    }
  else
    {
      int32_t lowest = store_frame (v, k, frame);
      int32_t old = __atomic_load_n (&v->min_stored, __ATOMIC_RELAXED);
      while (lowest < old
             && !__atomic_compare_exchange_n (&v->min_stored, &old, lowest, false, __ATOMIC_RELAXED,
                                              __ATOMIC_RELAXED))
        ;
      __atomic_store_n (&v->loaded[k], 1, __ATOMIC_RELEASE);
      uint32_t n_loaded = __atomic_add_fetch (&v->n_loaded, 1, __ATOMIC_ACQ_REL);
      if (job->progress != NULL)
        {
          pthread_mutex_lock (&job->lock);
          bool go_on = job->progress (v, k, n_loaded, v->geometry.nz, job->user_data);
          pthread_mutex_unlock (&job->lock);
          if (!go_on)
            {
              LbVolumeError *e = NULL;
              lb_volume_set_error (&e, LB_VOLUME_ERROR_CANCELLED, NULL, NULL, "loading the volume was cancelled");
              load_fail (job, e);
              ok = false;
            }
        }
    }
  lb_dicom_frame_free (frame);
  lb_dicom_error_free (derr);
  lb_dicom_file_free (file);
  return ok;
}

static void
load_worker (unsigned index, unsigned n, void *data)
{
  (void) index;
  (void) n;
  LoadJob *job = data;
  uint32_t nz = job->volume->geometry.nz;
  while (!__atomic_load_n (&job->stop, __ATOMIC_ACQUIRE))
    {
      uint32_t k = __atomic_fetch_add (&job->next, 1, __ATOMIC_ACQ_REL);
      if (k >= nz)
        break;
      if (lb_volume_is_slice_loaded (job->volume, k))
        continue;
      if (!load_slice (job, k))
        break;
    }
}

bool
lb_volume_load (LbVolume *volume, LbVolumeProgressFunc progress, void *user_data, LbVolumeError **error)
{
  LoadJob job = { .volume = volume, .progress = progress, .user_data = user_data };
  pthread_mutex_init (&job.lock, NULL);
  lb_volume_parallel (volume->threads, load_worker, &job);
  pthread_mutex_destroy (&job.lock);
  if (job.error != NULL)
    {
      if (error != NULL)
        *error = job.error;
      else
        lb_volume_error_free (job.error);
      return false;
    }
  return true;
}

LbVolume *
lb_volume_new_from_files (const char *const *paths, size_t n_paths, const LbVolumeOptions *options,
                          LbVolumeProgressFunc progress, void *user_data, LbVolumeError **error)
{
  LbVolume *volume = lb_volume_plan (paths, n_paths, options, error);
  if (volume != NULL && !lb_volume_load (volume, progress, user_data, error))
    {
      lb_volume_free (volume);
      return NULL;
    }
  return volume;
}
