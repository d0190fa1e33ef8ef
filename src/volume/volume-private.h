/* volume-private.h: the volume's insides, shared by the files of src/volume. */
#pragma once

#include "lb-volume.h"

typedef struct {
  char    *path;
  uint32_t frame;              /* frame of a multi-frame file */
  bool     multi_frame;        /* the file has several frames (names then say which) */
  double   position[3];        /* Image Position (Patient) */
  double   distance;           /* position along the normal */
} LbVolumeSlice;

struct _LbVolume {
  LbVolumeGeometry geometry;
  LbDicomSampleType type;      /* S16 or U16 */
  double slope, intercept;
  LbDicomImageInfo *image_info;
  char *series_uid;
  char *modality;
  size_t skipped;
  unsigned threads;

  LbVolumeSlice *slices;       /* nz, sorted along the normal */
  void *voxels;                /* nx * ny * nz samples */
  uint64_t bytes;
  uint8_t *loaded;             /* nz flags, atomic (release on store, acquire on read) */
  uint32_t n_loaded;           /* atomic */
  int32_t min_stored;          /* atomic: smallest stored value loaded so far (fill default) */
};

/* Sets *error (when error is not NULL) with a printf message; the fields are set by the caller
 * through the returned pointer (NULL when error is NULL). */
LbVolumeError *lb_volume_set_error (LbVolumeError **error, LbVolumeErrorCode code, const char *path,
                                    const char *other_path, const char *format, ...)
  __attribute__ ((format (printf, 5, 6)));

/* "PATH" or "PATH [frame N]" for slice messages; malloc'd. */
char *lb_volume_slice_name (const LbVolumeSlice *slice, bool multi_frame);

/* Runs fn (index, n, data) for index 0 .. n-1 on up to `threads` threads (the caller's included). */
void lb_volume_parallel (unsigned threads, void (*fn) (unsigned index, unsigned n, void *data), void *data);

/* The voxel-index direction of a patient direction (no origin): volume-geometry.c. */
void lb_volume_geometry_direction_to_voxel (const LbVolumeGeometry *g, const double d[3], double out[3]);

static inline double
lb_volume_dot (const double a[3], const double b[3])
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
