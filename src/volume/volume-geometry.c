/* volume-geometry.c: what a volume is (accessors), voxel <-> patient coordinates, and where the
 * output image of an axial, sagittal or coronal plane lies. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "volume-private.h"

const LbVolumeGeometry *
lb_volume_get_geometry (const LbVolume *volume)
{
  return &volume->geometry;
}

LbDicomSampleType
lb_volume_get_sample_type (const LbVolume *volume)
{
  return volume->type;
}

const void *
lb_volume_get_voxels (const LbVolume *volume)
{
  return volume->voxels;
}

double
lb_volume_get_rescale_slope (const LbVolume *volume)
{
  return volume->slope;
}

double
lb_volume_get_rescale_intercept (const LbVolume *volume)
{
  return volume->intercept;
}

const LbDicomImageInfo *
lb_volume_get_image_info (const LbVolume *volume)
{
  return volume->image_info;
}

const char *
lb_volume_get_slice_path (const LbVolume *volume, uint32_t k, uint32_t *frame)
{
  if (k >= volume->geometry.nz)
    return NULL;
  if (frame != NULL)
    *frame = volume->slices[k].frame;
  return volume->slices[k].path;
}

const char *
lb_volume_get_series_uid (const LbVolume *volume)
{
  return volume->series_uid;
}

const char *
lb_volume_get_modality (const LbVolume *volume)
{
  return volume->modality;
}

size_t
lb_volume_get_skipped (const LbVolume *volume)
{
  return volume->skipped;
}

uint64_t
lb_volume_get_bytes (const LbVolume *volume)
{
  return volume->bytes;
}

bool
lb_volume_is_slice_loaded (const LbVolume *volume, uint32_t k)
{
  return k < volume->geometry.nz && __atomic_load_n (&volume->loaded[k], __ATOMIC_ACQUIRE) != 0;
}

uint32_t
lb_volume_get_loaded_count (const LbVolume *volume)
{
  return __atomic_load_n (&volume->n_loaded, __ATOMIC_ACQUIRE);
}

/* ---- Voxel <-> patient ------------------------------------------------------------------- */

void
lb_volume_geometry_voxel_to_patient (const LbVolumeGeometry *g, const double ijk[3], double xyz[3])
{
  for (int c = 0; c < 3; c++)
    xyz[c] = g->origin[c] + ijk[0] * g->spacing[0] * g->row_dir[c] + ijk[1] * g->spacing[1] * g->col_dir[c]
             + ijk[2] * g->spacing[2] * g->normal[c];
}

/* The inverse of the 3 x 3 matrix whose columns are the three scaled axes. row_dir and col_dir
 * are nearly but not always exactly orthogonal in files, so this is a true inverse. */
static void
inverse_axes (const LbVolumeGeometry *g, double inv[3][3])
{
  double m[3][3];
  for (int r = 0; r < 3; r++)
    {
      m[r][0] = g->row_dir[r] * g->spacing[0];
      m[r][1] = g->col_dir[r] * g->spacing[1];
      m[r][2] = g->normal[r] * g->spacing[2];
    }
  double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
               - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
               + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  if (det == 0)
    det = 1e-300;
  inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
  inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
  inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
  inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
  inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
  inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
  inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
  inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
  inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
}

void
lb_volume_geometry_direction_to_voxel (const LbVolumeGeometry *g, const double d[3], double out[3])
{
  double inv[3][3];
  inverse_axes (g, inv);
  for (int r = 0; r < 3; r++)
    out[r] = inv[r][0] * d[0] + inv[r][1] * d[1] + inv[r][2] * d[2];
}

void
lb_volume_geometry_patient_to_voxel (const LbVolumeGeometry *g, const double xyz[3], double ijk[3])
{
  double d[3] = { xyz[0] - g->origin[0], xyz[1] - g->origin[1], xyz[2] - g->origin[2] };
  lb_volume_geometry_direction_to_voxel (g, d, ijk);
}

/* ---- Planes ------------------------------------------------------------------------------ */

typedef struct {
  double normal[3], right[3], down[3];
  const char *patient_orientation;
} PlaneAxes;

static const PlaneAxes plane_axes[3] = {
  [LB_VOLUME_PLANE_AXIAL]    = { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 }, "L\\P" },
  [LB_VOLUME_PLANE_SAGITTAL] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, -1 }, "P\\F" },
  [LB_VOLUME_PLANE_CORONAL]  = { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, -1 }, "L\\F" },
};

void
lb_volume_plane_request_init (LbVolumePlaneRequest *request, LbVolumePlane plane, double position_mm)
{
  memset (request, 0, sizeof *request);
  request->plane = plane;
  request->position_mm = position_mm;
  request->mode = LB_VOLUME_SLAB_MIP;
  request->interp = LB_VOLUME_INTERP_LINEAR;
  request->threads = 2;
  request->fill_stored = NAN;
}

/* The volume spacing along a patient direction: that of the volume axis closest to it. */
static double
spacing_along (const LbVolumeGeometry *g, const double d[3])
{
  const double *axes[3] = { g->row_dir, g->col_dir, g->normal };
  int best = 0;
  double best_dot = -1;
  for (int a = 0; a < 3; a++)
    {
      double dot = fabs (lb_volume_dot (axes[a], d));
      if (dot > best_dot)
        {
          best_dot = dot;
          best = a;
        }
    }
  return g->spacing[best];
}

/* Smallest and largest projection of the volume's voxel-centre box on direction d. */
static void
extent_along (const LbVolumeGeometry *g, const double d[3], double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (int corner = 0; corner < 8; corner++)
    {
      double ijk[3] = { (corner & 1) ? g->nx - 1.0 : 0, (corner & 2) ? g->ny - 1.0 : 0,
                        (corner & 4) ? g->nz - 1.0 : 0 };
      double xyz[3];
      lb_volume_geometry_voxel_to_patient (g, ijk, xyz);
      double p = lb_volume_dot (xyz, d);
      *lo = fmin (*lo, p);
      *hi = fmax (*hi, p);
    }
}

bool
lb_volume_plane_geometry (const LbVolume *volume, const LbVolumePlaneRequest *request,
                          LbVolumePlaneGeometry *out, LbVolumeError **error)
{
  memset (out, 0, sizeof *out);
  if ((unsigned) request->plane > LB_VOLUME_PLANE_CORONAL || !(request->pixel_mm >= 0))
    {
      lb_volume_set_error (error, LB_VOLUME_ERROR_INVALID_ARGUMENT, NULL, NULL, "invalid plane or pixel size");
      return false;
    }
  const LbVolumeGeometry *g = &volume->geometry;
  const PlaneAxes *axes = &plane_axes[request->plane];
  double pixel = request->pixel_mm;
  if (pixel == 0)
    pixel = fmin (spacing_along (g, axes->right), spacing_along (g, axes->down));
  double r_lo, r_hi, d_lo, d_hi;
  extent_along (g, axes->right, &r_lo, &r_hi);
  extent_along (g, axes->down, &d_lo, &d_hi);
  extent_along (g, axes->normal, &out->position_min, &out->position_max);
  /* A tiny slack so that an extent of exactly n pixels is not cut by rounding. */
  double w = floor ((r_hi - r_lo) / pixel + 1e-6) + 1, h = floor ((d_hi - d_lo) / pixel + 1e-6) + 1;
  if (!(w >= 1 && h >= 1 && w * h <= (double) (1u << 26)))   /* 64 Mpx */
    {
      lb_volume_set_error (error, LB_VOLUME_ERROR_INVALID_ARGUMENT, NULL, NULL,
                           "a pixel of %g mm makes the %s image too large", pixel,
                           lb_volume_plane_name (request->plane));
      return false;
    }
  out->width = (uint32_t) w;
  out->height = (uint32_t) h;
  out->pixel_mm = pixel;
  for (int c = 0; c < 3; c++)
    {
      out->right[c] = axes->right[c];
      out->down[c] = axes->down[c];
      out->normal[c] = axes->normal[c];
      out->origin[c] = r_lo * axes->right[c] + d_lo * axes->down[c];
    }
  out->position_step = spacing_along (g, axes->normal);
  out->patient_orientation = axes->patient_orientation;
  return true;
}

void
lb_volume_plane_pixel_to_patient (const LbVolumePlaneGeometry *plane, double position_mm, double x, double y,
                                  double xyz[3])
{
  for (int c = 0; c < 3; c++)
    xyz[c] = plane->origin[c] + x * plane->pixel_mm * plane->right[c] + y * plane->pixel_mm * plane->down[c]
             + position_mm * plane->normal[c];
}

void
lb_volume_plane_patient_to_pixel (const LbVolumePlaneGeometry *plane, const double xyz[3], double *x, double *y)
{
  double d[3] = { xyz[0] - plane->origin[0], xyz[1] - plane->origin[1], xyz[2] - plane->origin[2] };
  *x = lb_volume_dot (d, plane->right) / plane->pixel_mm;
  *y = lb_volume_dot (d, plane->down) / plane->pixel_mm;
}
