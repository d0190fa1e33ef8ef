/* volume-sample.c: a plane (thin or a slab) sampled from the volume on a few threads.
 *
 * Two paths. When the volume's axes are the patient's (the usual CT and MR series, whatever
 * their order and sign), each output axis runs along one voxel axis: the voxel planes of the
 * slab are first projected (max, min, mean; or two neighbours blended for a thin plane) on the
 * native grid, then that image is resampled to square output pixels. Otherwise (oblique series)
 * every output pixel is sampled trilinearly at each slab step along the normal. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "volume-private.h"

typedef struct {
  const LbVolume *v;
  const LbVolumePlaneRequest *req;
  const LbVolumePlaneGeometry *plane;
  float *out;
  float fill;
  /* voxel index of output pixel (x, y) at normal offset t (mm): base + x dx + y dy + t dn */
  double base[3], dx[3], dy[3], dn[3];
  /* aligned path */
  int axis_n, axis_u, axis_v;     /* voxel axes along the normal, output x, output y */
  size_t stride[3];
  uint32_t size[3];
  int k_first, k_last;            /* voxel planes along axis_n in the slab (inclusive) */
  double blend;                   /* thin linear plane: weight of k_first + 1 */
  bool thin;
  float *native;                  /* size[axis_u] x size[axis_v] projected image */
  /* oblique path */
  int m_first, m_last;            /* slab samples at m * step_mm from the plane, m_first..m_last */
  double step_mm;
  /* Which slices were loaded when sampling began (NULL when all were): one answer for the
   * whole image while lb_volume_load goes on. */
  uint8_t *loaded;
} SampleJob;

static inline float
voxel_at (const LbVolume *v, size_t index)
{
  return v->type == LB_DICOM_SAMPLE_S16 ? (float) ((const int16_t *) v->voxels)[index]
                                        : (float) ((const uint16_t *) v->voxels)[index];
}

static inline bool
slice_loaded (const SampleJob *job, int k)
{
  return job->loaded == NULL || job->loaded[k] != 0;
}

/* Takes the snapshot of the loaded slices (acquire: their voxels are then visible). */
static bool
snapshot_loaded (SampleJob *job)
{
  const LbVolume *v = job->v;
  uint32_t nz = v->geometry.nz;
  job->loaded = NULL;
  if (lb_volume_get_loaded_count (v) == nz)
    return true;
  job->loaded = malloc (nz);
  if (job->loaded == NULL)
    return false;
  for (uint32_t k = 0; k < nz; k++)
    job->loaded[k] = __atomic_load_n (&v->loaded[k], __ATOMIC_ACQUIRE);
  return true;
}

/* ---- Aligned path ------------------------------------------------------------------------ */

/* The voxel axis a voxel-index direction runs along, or -1 if it runs along several. */
static int
single_axis (const double d[3])
{
  double largest = fmax (fabs (d[0]), fmax (fabs (d[1]), fabs (d[2])));
  int axis = -1;
  for (int a = 0; a < 3; a++)
    if (fabs (d[a]) > 1e-9 * largest)
      {
        if (axis >= 0)
          return -1;
        axis = a;
      }
  return axis;
}

/* How the voxel planes of the slab combine: the projection modes, or a weighted sum (a thin
 * plane between two voxel planes; mean slabs divide it afterwards). */
typedef enum { COMBINE_MAX, COMBINE_MIN, COMBINE_SUM } Combine;

/* One voxel plane k of the slab and its weight; false when the plane is not loaded. */
static bool
plane_usable (const SampleJob *job, int k)
{
  return job->axis_n != 2 || slice_loaded (job, k);
}

/* acc[0..count) combined with the voxels at base + m * stride (m < count), weight w for sums.
 * The volume is read in the order of `stride`: the caller picks the loop whose stride is 1. */
/* The contiguous case, one loop per type and operation so the compiler vectorises each. */
#define COMBINE_CONTIGUOUS(T, EXPR)                       \
  do {                                                    \
    const T *src = (const T *) vol->voxels + base;        \
    for (uint32_t m = 0; m < count; m++)                  \
      {                                                   \
        float s = src[m];                                 \
        acc[m] = (EXPR);                                  \
      }                                                   \
  } while (0)

static void
combine_contiguous (float *restrict acc, const LbVolume *vol, size_t base, uint32_t count, Combine op, float w)
{
  bool is_signed = vol->type == LB_DICOM_SAMPLE_S16;
  if (op == COMBINE_MAX && is_signed)
    COMBINE_CONTIGUOUS (int16_t, acc[m] > s ? acc[m] : s);
  else if (op == COMBINE_MAX)
    COMBINE_CONTIGUOUS (uint16_t, acc[m] > s ? acc[m] : s);
  else if (op == COMBINE_MIN && is_signed)
    COMBINE_CONTIGUOUS (int16_t, acc[m] < s ? acc[m] : s);
  else if (op == COMBINE_MIN)
    COMBINE_CONTIGUOUS (uint16_t, acc[m] < s ? acc[m] : s);
  else if (is_signed)
    COMBINE_CONTIGUOUS (int16_t, acc[m] + w * s);
  else
    COMBINE_CONTIGUOUS (uint16_t, acc[m] + w * s);
}

/* A contiguous run of voxels folded into one accumulator (a slab along the contiguous axis):
 * integer maximum, minimum or sum first, one conversion at the end. */
#define REDUCE_CONTIGUOUS(T)                                                  \
  do {                                                                        \
    const T *src = (const T *) vol->voxels + base;                            \
    int32_t hi = src[0], lo = src[0], sum = 0;                                \
    for (uint32_t m = 0; m < count; m++)                                      \
      {                                                                       \
        int32_t s = src[m];                                                   \
        hi = s > hi ? s : hi;                                                 \
        lo = s < lo ? s : lo;                                                 \
        sum += s;                                                             \
      }                                                                       \
    float a = *acc;                                                           \
    *acc = op == COMBINE_MAX ? fmaxf (a, (float) hi)                          \
           : op == COMBINE_MIN ? fminf (a, (float) lo) : a + w * (float) sum; \
  } while (0)

static void
reduce_contiguous (float *acc, const LbVolume *vol, size_t base, uint32_t count, Combine op, float w)
{
  if (count == 0)
    return;
  if (vol->type == LB_DICOM_SAMPLE_S16)
    REDUCE_CONTIGUOUS (int16_t);
  else
    REDUCE_CONTIGUOUS (uint16_t);
}

static inline void
combine_line (float *acc, size_t acc_step, const LbVolume *vol, size_t base, size_t stride, uint32_t count,
              Combine op, float w)
{
  if (acc_step == 1 && stride == 1)
    {
      combine_contiguous (acc, vol, base, count, op, w);
      return;
    }
  if (acc_step == 0 && stride == 1 && count > 1)
    {
      reduce_contiguous (acc, vol, base, count, op, w);
      return;
    }
  if (vol->type == LB_DICOM_SAMPLE_S16)
    {
      const int16_t *src = (const int16_t *) vol->voxels + base;
      for (uint32_t m = 0; m < count; m++)
        {
          float s = src[(size_t) m * stride], *a = &acc[m * acc_step];
          *a = op == COMBINE_MAX ? fmaxf (*a, s) : op == COMBINE_MIN ? fminf (*a, s) : *a + w * s;
        }
    }
  else
    {
      const uint16_t *src = (const uint16_t *) vol->voxels + base;
      for (uint32_t m = 0; m < count; m++)
        {
          float s = src[(size_t) m * stride], *a = &acc[m * acc_step];
          *a = op == COMBINE_MAX ? fmaxf (*a, s) : op == COMBINE_MIN ? fminf (*a, s) : *a + w * s;
        }
    }
}

/* Projects the slab's voxel planes on the native grid: rows [v0, v1) of job->native (u across,
 * v down). The loops are ordered so that the innermost one walks the volume with stride 1: the
 * slices of a 600-slice CT lie 512 KiB apart, and reading across them per pixel misses the
 * cache at every voxel. */
static void
project_rows (SampleJob *job, uint32_t v0, uint32_t v1)
{
  const LbVolume *vol = job->v;
  uint32_t nu = job->size[job->axis_u];
  size_t su = job->stride[job->axis_u], sv = job->stride[job->axis_v], sn = job->stride[job->axis_n];
  LbVolumeSlabMode mode = job->req->mode;
  Combine op = job->thin ? COMBINE_SUM
               : mode == LB_VOLUME_SLAB_MIP ? COMBINE_MAX : mode == LB_VOLUME_SLAB_MINIP ? COMBINE_MIN : COMBINE_SUM;
  float start = op == COMBINE_MAX ? -INFINITY : op == COMBINE_MIN ? INFINITY : 0;
  int k_last = job->thin && job->blend > 0 ? job->k_first + 1 : job->k_last;
  int used = 0;
  bool missing = false;   /* a thin plane's neighbour not loaded */
  for (int k = job->k_first; k <= k_last; k++)
    {
      if (plane_usable (job, k))
        used++;
      else
        missing = true;
    }
  for (uint32_t y = v0; y < v1; y++)
    {
      float *row = job->native + (size_t) y * nu;
      for (uint32_t x = 0; x < nu; x++)
        row[x] = start;
    }
  if (sv == 1 && v1 > v0)
    {
      /* The rows' own axis is contiguous (a transpose): combine each column's planes along the
       * contiguous lines first (vectorised), then write the column into the image. */
      uint32_t nv = v1 - v0;
      float *line = malloc (nv * sizeof *line);
      if (line != NULL)
        for (uint32_t x = 0; x < nu; x++)
          {
            for (uint32_t m = 0; m < nv; m++)
              line[m] = start;
            for (int k = job->k_first; k <= k_last; k++)
              {
                if (!plane_usable (job, k))
                  continue;
                float w = job->thin ? (k == job->k_first ? 1 - (float) job->blend : (float) job->blend) : 1;
                combine_contiguous (line, vol, (size_t) x * su + (size_t) k * sn + v0, nv, op, w);
              }
            float *dst = job->native + (size_t) v0 * nu + x;
            for (uint32_t m = 0; m < nv; m++)
              dst[(size_t) m * nu] = line[m];
          }
      else
        for (uint32_t y = v0; y < v1; y++)
          for (uint32_t x = 0; x < nu; x++)
            job->native[(size_t) y * nu + x] = job->fill;   /* no memory: shown as not loaded */
      free (line);
    }
  else if (sn == 1)
    /* The slab's axis is contiguous: combine the planes per pixel, innermost. */
    for (uint32_t y = v0; y < v1; y++)
      {
        float *row = job->native + (size_t) y * nu;
        for (uint32_t x = 0; x < nu; x++)
          {
            /* (slices are never along a contiguous axis: every plane here is loaded) */
            size_t base = (size_t) y * sv + (size_t) x * su + (size_t) job->k_first;
            /* Each pixel is a new cache line here: ask for the ones a few pixels ahead. */
            __builtin_prefetch ((const uint16_t *) vol->voxels + base + 8 * su);
            if (job->thin)
              {
                combine_line (row + x, 0, vol, base, 1, 1, op, 1 - (float) job->blend);
                if (k_last > job->k_first)
                  combine_line (row + x, 0, vol, base + 1, 1, 1, op, (float) job->blend);
              }
            else
              combine_line (row + x, 0, vol, base, 1, (uint32_t) (k_last - job->k_first + 1), op, 1);
          }
      }
  else
    for (uint32_t y = v0; y < v1; y++)
      {
        float *row = job->native + (size_t) y * nu;
        for (int k = job->k_first; k <= k_last; k++)
          {
            if (!plane_usable (job, k))
              continue;
            float w = job->thin ? (k == job->k_first ? 1 - (float) job->blend : (float) job->blend) : 1;
            combine_line (row, 1, vol, (size_t) y * sv + (size_t) k * sn, su, nu, op, w);
          }
      }
  /* Finish: the mean, the fill where nothing was loaded. */
  for (uint32_t y = v0; y < v1; y++)
    {
      float *row = job->native + (size_t) y * nu;
      bool row_missing = (job->axis_v == 2 && !slice_loaded (job, (int) y)) || used == 0 || (job->thin && missing);
      for (uint32_t x = 0; x < nu; x++)
        {
          if (row_missing || (job->axis_u == 2 && !slice_loaded (job, (int) x)))
            row[x] = job->fill;
          else if (!job->thin && mode == LB_VOLUME_SLAB_MEAN)
            row[x] /= (float) used;
        }
    }
}

static void
project_worker (unsigned index, unsigned n, void *data)
{
  SampleJob *job = data;
  uint32_t nv = job->size[job->axis_v];
  project_rows (job, (uint32_t) ((uint64_t) nv * index / n), (uint32_t) ((uint64_t) nv * (index + 1) / n));
}

/* Continuous index c on an axis of n samples: the two neighbours and the weight of the second;
 * false outside (beyond a rounding slack). */
static inline bool
neighbours (double c, uint32_t n, bool nearest, int *i0, float *w)
{
  if (!(c >= -1e-6 && c <= n - 1 + 1e-6))
    return false;
  if (nearest)
    {
      *i0 = (int) lround (fmin (fmax (c, 0), n - 1));
      *w = 0;
      return true;
    }
  double f = floor (c);
  int i = (int) f;
  double t = c - f;
  if (i < 0)
    i = 0, t = 0;
  if (i >= (int) n - 1)
    i = (int) n - 1, t = 0;
  if (t < 1e-9)
    t = 0;
  *i0 = i;
  *w = (float) t;
  return true;
}

static void
resample_worker (unsigned index, unsigned n, void *data)
{
  SampleJob *job = data;
  const LbVolumePlaneGeometry *p = job->plane;
  uint32_t y0 = (uint32_t) ((uint64_t) p->height * index / n), y1 = (uint32_t) ((uint64_t) p->height * (index + 1) / n);
  uint32_t nu = job->size[job->axis_u], nv = job->size[job->axis_v];
  bool nearest = job->req->interp == LB_VOLUME_INTERP_NEAREST;
  int *xi = malloc (p->width * sizeof *xi);
  float *xw = malloc (p->width * sizeof *xw);
  if (xi == NULL || xw == NULL)
    {
      free (xi);
      free (xw);
      return;
    }
  for (uint32_t x = 0; x < p->width; x++)
    if (!neighbours (job->base[job->axis_u] + x * job->dx[job->axis_u], nu, nearest, &xi[x], &xw[x]))
      xi[x] = -1;
  for (uint32_t y = y0; y < y1; y++)
    {
      float *out = job->out + (size_t) y * p->width;
      int yi;
      float yw;
      if (!neighbours (job->base[job->axis_v] + y * job->dy[job->axis_v], nv, nearest, &yi, &yw))
        {
          for (uint32_t x = 0; x < p->width; x++)
            out[x] = job->fill;
          continue;
        }
      const float *r0 = job->native + (size_t) yi * nu;
      const float *r1 = yw > 0 ? r0 + nu : r0;
      for (uint32_t x = 0; x < p->width; x++)
        {
          int i = xi[x];
          if (i < 0)
            {
              out[x] = job->fill;
              continue;
            }
          float w = xw[x];
          float a = w > 0 ? r0[i] + w * (r0[i + 1] - r0[i]) : r0[i];
          float b = w > 0 ? r1[i] + w * (r1[i + 1] - r1[i]) : r1[i];
          out[x] = yw > 0 ? a + yw * (b - a) : a;
        }
    }
  free (xi);
  free (xw);
}

/* ---- Oblique path ------------------------------------------------------------------------ */

static bool
trilinear (const SampleJob *job, const double c[3], bool nearest, float *out)
{
  const LbVolume *vol = job->v;
  int i[3];
  float w[3];
  for (int a = 0; a < 3; a++)
    if (!neighbours (c[a], job->size[a], nearest, &i[a], &w[a]))
      return false;
  if (!slice_loaded (job, i[2]) || (w[2] > 0 && !slice_loaded (job, i[2] + 1)))
    return false;
  float acc = 0;
  for (int corner = 0; corner < 8; corner++)
    {
      int o[3] = { corner & 1, (corner >> 1) & 1, (corner >> 2) & 1 };
      float weight = 1;
      for (int a = 0; a < 3; a++)
        weight *= o[a] ? w[a] : 1 - w[a];
      if (weight == 0)
        continue;
      size_t idx = (size_t) (i[0] + o[0]) * job->stride[0] + (size_t) (i[1] + o[1]) * job->stride[1]
                   + (size_t) (i[2] + o[2]) * job->stride[2];
      acc += weight * voxel_at (vol, idx);
    }
  *out = acc;
  return true;
}

static void
oblique_worker (unsigned index, unsigned n, void *data)
{
  SampleJob *job = data;
  const LbVolumePlaneGeometry *p = job->plane;
  uint32_t y0 = (uint32_t) ((uint64_t) p->height * index / n), y1 = (uint32_t) ((uint64_t) p->height * (index + 1) / n);
  bool nearest = job->req->interp == LB_VOLUME_INTERP_NEAREST;
  LbVolumeSlabMode mode = job->req->mode;
  for (uint32_t y = y0; y < y1; y++)
    for (uint32_t x = 0; x < p->width; x++)
      {
        float acc = mode == LB_VOLUME_SLAB_MIP ? -INFINITY : mode == LB_VOLUME_SLAB_MINIP ? INFINITY : 0;
        int used = 0;
        for (int m = job->m_first; m <= job->m_last; m++)
          {
            double t = m * job->step_mm, c[3];
            for (int a = 0; a < 3; a++)
              c[a] = job->base[a] + x * job->dx[a] + y * job->dy[a] + t * job->dn[a];
            float s;
            if (!trilinear (job, c, nearest, &s))
              continue;
            acc = mode == LB_VOLUME_SLAB_MIP ? fmaxf (acc, s) : mode == LB_VOLUME_SLAB_MINIP ? fminf (acc, s) : acc + s;
            used++;
          }
        job->out[(size_t) y * p->width + x]
          = used == 0 ? job->fill : (job->m_last > job->m_first && mode == LB_VOLUME_SLAB_MEAN) ? acc / (float) used : acc;
      }
}

/* ---- Entry points ------------------------------------------------------------------------ */

static bool
position_error (const SampleJob *job, LbVolumeError **error)
{
  const LbVolumePlaneGeometry *p = job->plane;
  LbVolumeError *e = lb_volume_set_error (error, LB_VOLUME_ERROR_INVALID_ARGUMENT, NULL, NULL,
                                          "position %g mm is outside the series: its %s planes run from %g to %g mm",
                                          job->req->position_mm, lb_volume_plane_name (job->req->plane),
                                          p->position_min, p->position_max);
  if (e != NULL)
    {
      e->value = job->req->position_mm;
      e->expected = p->position_min;
      e->expected_high = p->position_max;
    }
  return false;
}

/* The aligned path's voxel planes along axis_n; false if the slab meets none. */
static bool
choose_planes (SampleJob *job)
{
  double c = job->base[job->axis_n];
  int n = (int) job->size[job->axis_n];
  double sp = job->v->geometry.spacing[job->axis_n];
  double half = job->req->slab_mm / 2;
  job->thin = job->req->slab_mm <= 0;
  if (job->thin)
    {
      int i0;
      float w;
      if (!neighbours (c, (uint32_t) n, job->req->interp == LB_VOLUME_INTERP_NEAREST, &i0, &w))
        return false;
      job->k_first = job->k_last = i0;
      job->blend = w;
      return true;
    }
  /* Voxel planes whose centres lie within +-half of the position (a little slack for rounding). */
  double lo = ceil (c - half / sp - 1e-6), hi = floor (c + half / sp + 1e-6);
  if (lo > hi)
    lo = hi = nearbyint (c);   /* thinner than a voxel: the nearest plane */
  /* Clamped as doubles: a slab of any thickness never makes an int out of range. */
  lo = fmax (lo, 0);
  hi = fmin (hi, n - 1);
  if (!(lo <= hi))
    return false;
  job->k_first = (int) lo;
  job->k_last = (int) hi;
  return true;
}

bool
lb_volume_sample_plane (const LbVolume *volume, const LbVolumePlaneRequest *request,
                        const LbVolumePlaneGeometry *plane, float *out, LbVolumeError **error)
{
  const LbVolumeGeometry *g = &volume->geometry;
  SampleJob job = { .v = volume, .req = request, .plane = plane, .out = out };
  double fill = request->fill_stored;
  if (isnan (fill))
    fill = lb_volume_get_loaded_count (volume) > 0 ? __atomic_load_n (&volume->min_stored, __ATOMIC_RELAXED) : 0;
  job.fill = (float) fill;
  job.size[0] = g->nx;
  job.size[1] = g->ny;
  job.size[2] = g->nz;
  job.stride[0] = 1;
  job.stride[1] = g->nx;
  job.stride[2] = (size_t) g->nx * g->ny;
  double origin[3], step_x[3], step_y[3];
  lb_volume_plane_pixel_to_patient (plane, request->position_mm, 0, 0, origin);
  for (int c = 0; c < 3; c++)
    {
      step_x[c] = plane->right[c] * plane->pixel_mm;
      step_y[c] = plane->down[c] * plane->pixel_mm;
    }
  lb_volume_geometry_patient_to_voxel (g, origin, job.base);
  lb_volume_geometry_direction_to_voxel (g, step_x, job.dx);
  lb_volume_geometry_direction_to_voxel (g, step_y, job.dy);
  lb_volume_geometry_direction_to_voxel (g, plane->normal, job.dn);
  if (!(request->slab_mm >= 0) || !isfinite (request->slab_mm) || !isfinite (request->position_mm))
    {
      lb_volume_set_error (error, LB_VOLUME_ERROR_INVALID_ARGUMENT, NULL, NULL, "invalid position or slab thickness");
      return false;
    }
  double half = request->slab_mm / 2;
  if (request->position_mm + half < plane->position_min - 1e-6 || request->position_mm - half > plane->position_max + 1e-6)
    return position_error (&job, error);

  unsigned threads = request->threads ? request->threads : 2;
  job.axis_n = single_axis (job.dn);
  job.axis_u = single_axis (job.dx);
  job.axis_v = single_axis (job.dy);
  bool aligned = job.axis_n >= 0 && job.axis_u >= 0 && job.axis_v >= 0 && job.axis_n != job.axis_u
                 && job.axis_n != job.axis_v && job.axis_u != job.axis_v;
  if (aligned && !choose_planes (&job))
    return position_error (&job, error);
  if (aligned)
    job.native = malloc ((size_t) job.size[job.axis_u] * job.size[job.axis_v] * sizeof (float));
  if ((aligned && job.native == NULL) || !snapshot_loaded (&job))
    {
      free (job.native);
      lb_volume_set_error (error, LB_VOLUME_ERROR_NO_MEMORY, NULL, NULL, "not enough memory to sample a plane");
      return false;
    }
  if (aligned)
    {
      lb_volume_parallel (threads, project_worker, &job);
      lb_volume_parallel (threads, resample_worker, &job);
      free (job.native);
    }
  else
    {
      job.step_mm = plane->position_step;
      /* Steps within the slab, and only those that can meet the volume (a slab of any
       * thickness costs at most the volume's depth). */
      double n = request->slab_mm > 0 ? floor (half / job.step_mm + 1e-6) : 0;
      double reach_lo = floor ((plane->position_min - request->position_mm) / job.step_mm) - 1;
      double reach_hi = ceil ((plane->position_max - request->position_mm) / job.step_mm) + 1;
      double first = fmax (-n, reach_lo), last = fmin (n, reach_hi);
      if (first > last)
        first = last = 0;
      job.m_first = (int) fmin (fmax (first, -1e9), 1e9);   /* in int range; at most the depth apart */
      job.m_last = (int) fmin (fmax (last, -1e9), 1e9);
      lb_volume_parallel (threads, oblique_worker, &job);
    }
  free (job.loaded);
  return true;
}

bool
lb_volume_sample_plane_modality (const LbVolume *volume, const LbVolumePlaneRequest *request,
                                 const LbVolumePlaneGeometry *plane, float *out, LbVolumeError **error)
{
  if (!lb_volume_sample_plane (volume, request, plane, out, error))
    return false;
  size_t n = (size_t) plane->width * plane->height;
  float slope = (float) volume->slope, intercept = (float) volume->intercept;
  for (size_t i = 0; i < n; i++)
    out[i] = out[i] * slope + intercept;
  return true;
}

LbDicomFrame *
lb_volume_sample_plane_frame (const LbVolume *volume, const LbVolumePlaneRequest *request,
                              const LbVolumePlaneGeometry *plane, LbVolumeError **error)
{
  size_t n = (size_t) plane->width * plane->height;
  float *values = malloc (n * sizeof *values);
  LbDicomFrame *frame = calloc (1, sizeof *frame);
  void *data = malloc (n * 2);
  if (values == NULL || frame == NULL || data == NULL)
    {
      lb_volume_set_error (error, LB_VOLUME_ERROR_NO_MEMORY, NULL, NULL, "not enough memory to sample a plane");
      goto fail;
    }
  if (!lb_volume_sample_plane (volume, request, plane, values, error))
    goto fail;
  bool is_signed = volume->type == LB_DICOM_SAMPLE_S16;
  float lo = is_signed ? -32768.0f : 0.0f, hi = is_signed ? 32767.0f : 65535.0f;
  int32_t min = INT32_MAX, max = INT32_MIN;
  for (size_t i = 0; i < n; i++)
    {
      /* Rounded half away from zero, clamped to the type (no libm call: this runs per pixel). */
      float f = values[i];
      f = f < lo ? lo : f > hi ? hi : f;
      int32_t s = f >= 0 ? (int32_t) (f + 0.5f) : -(int32_t) (0.5f - f);
      if (is_signed)
        ((int16_t *) data)[i] = (int16_t) s;
      else
        ((uint16_t *) data)[i] = (uint16_t) s;
      min = s < min ? s : min;
      max = s > max ? s : max;
    }
  free (values);
  frame->width = plane->width;
  frame->height = plane->height;
  frame->samples = 1;
  frame->bits = 16;
  frame->is_signed = is_signed;
  frame->type = volume->type;
  frame->photometric = volume->image_info != NULL ? volume->image_info->frame_info.photometric
                                                  : LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  frame->data = data;
  frame->data_len = n * 2;
  frame->min = min;
  frame->max = max;
  return frame;
fail:
  free (values);
  free (frame);
  free (data);
  return NULL;
}

bool
lb_volume_probe (const LbVolume *volume, const double xyz[3], double *modality)
{
  const LbVolumeGeometry *g = &volume->geometry;
  SampleJob job = { .v = volume };
  job.size[0] = g->nx;
  job.size[1] = g->ny;
  job.size[2] = g->nz;
  job.stride[0] = 1;
  job.stride[1] = g->nx;
  job.stride[2] = (size_t) g->nx * g->ny;
  double c[3];
  lb_volume_geometry_patient_to_voxel (g, xyz, c);
  float s;
  if (!snapshot_loaded (&job))
    return false;
  bool inside = trilinear (&job, c, false, &s);
  free (job.loaded);
  if (!inside)
    return false;
  *modality = s * volume->slope + volume->intercept;
  return true;
}
