/* volume-plan.c: lb_volume_plan: reads the headers of a series, checks that its geometry makes a
 * volume (same size, orientation and spacing; positions along the normal at regular gaps),
 * sorts the slices and allocates the voxel array under the memory bound. */
#define _GNU_SOURCE   /* asprintf */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom-measure.h"
#include "volume-private.h"

#define TAG_FRAME_OF_REFERENCE LB_DICOM_TAG (0x0020, 0x0052)

/* What the header of one file says about its frames. */
typedef struct {
  const char *path;
  uint32_t rows, columns, frames;
  uint16_t samples, bits_allocated, bits_stored, pixel_representation;
  char *photometric;
  char *series_uid;
  double row_mm, column_mm;
  double slope, intercept;
} HeaderInfo;

static void
header_clear (HeaderInfo *h)
{
  free (h->photometric);
  free (h->series_uid);
}

static uint32_t
get_uint (const LbDicomFile *file, uint32_t tag, uint32_t fallback)
{
  int64_t v;
  if (!lb_dicom_file_get_int (file, tag, &v) || v < 0 || v > UINT32_MAX)
    return fallback;
  return (uint32_t) v;
}

/* n doubles of `tag` for frame `index`: from its functional group macro, else top level. */
static bool
frame_doubles (const LbDicomFile *file, uint32_t index, uint32_t macro_tag, uint32_t tag,
               double *out, uint32_t n)
{
  const LbDicomDataset *item = lb_dicom_file_functional_group (file, index, macro_tag);
  const LbDicomElement *el = item != NULL ? lb_dicom_dataset_lookup (item, tag) : NULL;
  if (el == NULL)
    el = lb_dicom_file_lookup (file, tag);
  return lb_dicom_element_get_doubles (el, out, n);
}

static bool
normalise (double v[3])
{
  double len = sqrt (lb_volume_dot (v, v));
  if (!(len > 1e-6) || !isfinite (len))
    return false;
  for (int i = 0; i < 3; i++)
    v[i] /= len;
  return true;
}

static void
cross (const double a[3], const double b[3], double out[3])
{
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

/* One slice while planning: its header, orientation and position. */
typedef struct {
  LbVolumeSlice slice;
  const HeaderInfo *header;
  double orientation[6];
  bool multi_frame;
} PlanSlice;

typedef struct {
  PlanSlice *items;
  size_t n, cap;
  HeaderInfo *headers;
  size_t n_headers;
  size_t skipped;
  LbDicomImageInfo *first_info;
  char *modality;
} Plan;

static void
plan_clear (Plan *plan)
{
  for (size_t i = 0; i < plan->n; i++)
    free (plan->items[i].slice.path);
  free (plan->items);
  for (size_t i = 0; i < plan->n_headers; i++)
    header_clear (&plan->headers[i]);
  free (plan->headers);
  lb_dicom_image_info_free (plan->first_info);
  free (plan->modality);
}

static char *
plan_slice_name (const PlanSlice *s)
{
  return lb_volume_slice_name (&s->slice, s->multi_frame);
}

/* Reports a mismatch between two slices with both named. */
static LbVolumeError *
slice_error (LbVolumeError **error, LbVolumeErrorCode code, const PlanSlice *a, const PlanSlice *b,
             const char *what)
{
  char *na = plan_slice_name (a), *nb = b != NULL ? plan_slice_name (b) : NULL;
  LbVolumeError *e;
  if (nb != NULL)
    e = lb_volume_set_error (error, code, na, nb, "%s: %s differs from %s", na, what, nb);
  else
    e = lb_volume_set_error (error, code, na, NULL, "%s: %s", na, what);
  free (na);
  free (nb);
  return e;
}

static bool
add_slice (Plan *plan, const PlanSlice *slice)
{
  if (plan->n == plan->cap)
    {
      size_t cap = plan->cap ? plan->cap * 2 : 64;
      PlanSlice *items = realloc (plan->items, cap * sizeof *items);
      if (items == NULL)
        return false;
      plan->items = items;
      plan->cap = cap;
    }
  plan->items[plan->n++] = *slice;
  return true;
}

static bool
read_header (const LbDicomFile *file, const char *path, HeaderInfo *h)
{
  memset (h, 0, sizeof *h);
  h->path = path;
  h->rows = get_uint (file, LB_DICOM_TAG (0x0028, 0x0010), 0);
  h->columns = get_uint (file, LB_DICOM_TAG (0x0028, 0x0011), 0);
  if (h->rows == 0 || h->columns == 0)
    return false;
  h->frames = get_uint (file, LB_DICOM_TAG (0x0028, 0x0008), 1);
  if (h->frames == 0)
    h->frames = 1;
  h->samples = (uint16_t) get_uint (file, LB_DICOM_TAG (0x0028, 0x0002), 1);
  h->bits_allocated = (uint16_t) get_uint (file, LB_DICOM_TAG (0x0028, 0x0100), 0);
  h->bits_stored = (uint16_t) get_uint (file, LB_DICOM_TAG (0x0028, 0x0101), h->bits_allocated);
  h->pixel_representation = (uint16_t) get_uint (file, LB_DICOM_TAG (0x0028, 0x0103), 0);
  h->photometric = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0028, 0x0004));
  h->series_uid = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0020, 0x000e));
  return true;
}

static bool
header_is_grey16 (const HeaderInfo *h)
{
  bool grey = h->photometric == NULL || strncmp (h->photometric, "MONOCHROME", 10) == 0;
  return grey && h->samples == 1 && (h->bits_allocated == 8 || h->bits_allocated == 16)
         && h->bits_stored >= 1 && h->bits_stored <= 16;
}

/* Reads one file's header and adds its frames as slices. */
static bool
plan_file (Plan *plan, const char *path, LbVolumeError **error)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *derr = NULL;
  if (!lb_dicom_file_read_path (file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, &derr))
    {
      bool skip = derr != NULL && derr->code == LB_DICOM_ERROR_NOT_DICOM;
      if (skip)
        plan->skipped++;
      else
        {
          LbVolumeError *e = lb_volume_set_error (error, LB_VOLUME_ERROR_READ, path, NULL, "%s: %s", path,
                                                  derr != NULL && derr->message ? derr->message : "read error");
          if (e != NULL)
            e->dicom_code = derr != NULL ? derr->code : LB_DICOM_ERROR_IO;
        }
      lb_dicom_error_free (derr);
      lb_dicom_file_free (file);
      return skip;
    }

  HeaderInfo h;
  if (!read_header (file, path, &h))
    {
      header_clear (&h);
      plan->skipped++;
      lb_dicom_file_free (file);
      return true;
    }
  if (!header_is_grey16 (&h))
    {
      lb_volume_set_error (error, LB_VOLUME_ERROR_NOT_GREY, path, NULL,
                           "%s: not a grey image of at most 16 bits (%s, %u samples, %u bits)", path,
                           h.photometric ? h.photometric : "?", h.samples, h.bits_stored);
      header_clear (&h);
      lb_dicom_file_free (file);
      return false;
    }

  HeaderInfo *headers = realloc (plan->headers, (plan->n_headers + 1) * sizeof *headers);
  if (headers == NULL)
    {
      header_clear (&h);
      lb_dicom_file_free (file);
      return false;
    }
  plan->headers = headers;
  bool ok = true;
  for (uint32_t f = 0; f < h.frames && ok; f++)
    {
      PlanSlice s = { .multi_frame = h.frames > 1 };
      s.slice.frame = f;
      s.header = (const HeaderInfo *) (uintptr_t) plan->n_headers;   /* index until headers settle */
      if (!frame_doubles (file, f, LB_DICOM_TAG (0x0020, 0x9116), LB_DICOM_TAG (0x0020, 0x0037),
                          s.orientation, 6)
          || !frame_doubles (file, f, LB_DICOM_TAG (0x0020, 0x9113), LB_DICOM_TAG (0x0020, 0x0032),
                             s.slice.position, 3))
        {
          s.slice.path = (char *) path;
          slice_error (error, LB_VOLUME_ERROR_NO_GEOMETRY, &s, NULL,
                       "no Image Orientation (Patient) or Image Position (Patient): not a volume");
          ok = false;
          break;
        }
      LbDicomSpacing sp;
      lb_dicom_file_get_spacing (file, f, &sp);
      if (sp.source != LB_DICOM_SPACING_PIXEL)
        {
          s.slice.path = (char *) path;
          slice_error (error, LB_VOLUME_ERROR_NO_GEOMETRY, &s, NULL, "no Pixel Spacing: not a volume");
          ok = false;
          break;
        }
      if (f == 0)
        {
          h.row_mm = sp.row_mm;
          h.column_mm = sp.column_mm;
          /* Pixel Value Transformation (0028,9145) of the frame, else the top-level values. */
          if (!frame_doubles (file, f, LB_DICOM_TAG (0x0028, 0x9145), LB_DICOM_TAG (0x0028, 0x1053), &h.slope, 1))
            h.slope = 1.0;
          if (!frame_doubles (file, f, LB_DICOM_TAG (0x0028, 0x9145), LB_DICOM_TAG (0x0028, 0x1052), &h.intercept, 1))
            h.intercept = 0.0;
        }
      if (plan->modality == NULL)
        plan->modality = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0008, 0x0060));
      s.slice.path = strdup (path);
      if (s.slice.path == NULL || !add_slice (plan, &s))
        {
          free (s.slice.path);
          ok = false;
        }
    }
  if (ok)
    plan->headers[plan->n_headers++] = h;
  else
    header_clear (&h);
  lb_dicom_file_free (file);
  return ok;
}

/* The display pipeline's numbers (windows, rescale, photometric) of the first slice. The parser
 * gives them only for a file read with its pixels, so this one file is read whole. */
static LbDicomImageInfo *
read_image_info (const PlanSlice *first)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomImageInfo *info = NULL;
  if (lb_dicom_file_read_path (file, first->slice.path, LB_DICOM_READ_DEFAULT, NULL))
    info = lb_dicom_file_get_image_info (file, first->slice.frame, NULL);
  lb_dicom_file_free (file);
  return info;
}

static int
compare_distance (const void *a, const void *b)
{
  double da = ((const PlanSlice *) a)->slice.distance, db = ((const PlanSlice *) b)->slice.distance;
  return da < db ? -1 : da > db ? 1 : 0;
}

static int
compare_double (const void *a, const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;
  return da < db ? -1 : da > db ? 1 : 0;
}

/* Same series, size, pixel format, spacing, orientation and rescale as the first slice. */
static bool
check_alike (const Plan *plan, LbVolumeError **error)
{
  const PlanSlice *a = &plan->items[0];
  const HeaderInfo *ha = a->header;
  for (size_t i = 1; i < plan->n; i++)
    {
      const PlanSlice *b = &plan->items[i];
      const HeaderInfo *hb = b->header;
      if (ha->series_uid != NULL && hb->series_uid != NULL && strcmp (ha->series_uid, hb->series_uid) != 0)
        return slice_error (error, LB_VOLUME_ERROR_MIXED_SERIES, b, a, "Series Instance UID"), false;
      if (ha->rows != hb->rows || ha->columns != hb->columns)
        return slice_error (error, LB_VOLUME_ERROR_MIXED_SIZE, b, a, "image size (rows, columns)"), false;
      if (ha->bits_allocated != hb->bits_allocated || ha->pixel_representation != hb->pixel_representation)
        return slice_error (error, LB_VOLUME_ERROR_MIXED_SIZE, b, a, "pixel format"), false;
      if (fabs (ha->row_mm - hb->row_mm) > 1e-3 * ha->row_mm
          || fabs (ha->column_mm - hb->column_mm) > 1e-3 * ha->column_mm)
        return slice_error (error, LB_VOLUME_ERROR_MIXED_SPACING, b, a, "Pixel Spacing"), false;
      for (int c = 0; c < 6; c++)
        if (fabs (a->orientation[c] - b->orientation[c]) > 1e-3)
          return slice_error (error, LB_VOLUME_ERROR_MIXED_ORIENTATION, b, a, "Image Orientation (Patient)"), false;
      if (ha->slope != hb->slope || ha->intercept != hb->intercept)
        return slice_error (error, LB_VOLUME_ERROR_MIXED_RESCALE, b, a, "Rescale Slope / Intercept"), false;
    }
  return true;
}

/* Positions along the normal, no two alike, no tilt, regular gaps. Slices are sorted. */
static bool
check_positions (const Plan *plan, const LbVolumeOptions *options, double *spacing, LbVolumeError **error)
{
  size_t n = plan->n;
  const PlanSlice *s = plan->items;
  for (size_t k = 0; k + 1 < n; k++)
    if (s[k + 1].slice.distance - s[k].slice.distance < 1e-3)
      {
        LbVolumeError *e = slice_error (error, LB_VOLUME_ERROR_SAME_POSITION, &s[k + 1], &s[k],
                                        "position along the slice normal is the same as");
        if (e != NULL)
          {
            char *na = plan_slice_name (&s[k + 1]), *nb = plan_slice_name (&s[k]);
            e->value = s[k].slice.distance;
            free (e->message);
            if (asprintf (&e->message, "%s and %s lie at the same position (%.3f mm along the slice normal)",
                          na, nb, s[k].slice.distance) < 0)
              e->message = NULL;
            free (na);
            free (nb);
          }
        return false;
      }

  /* Gantry tilt: the offset from the first slice should be along the normal. */
  double normal[3];
  cross (s[0].orientation, s[0].orientation + 3, normal);
  normalise (normal);
  double tilt_limit = options->tilt_tolerance_deg > 0 ? options->tilt_tolerance_deg : 0.5;
  for (size_t k = 1; k < n; k++)
    {
      double d[3], along = 0, side[3];
      for (int c = 0; c < 3; c++)
        d[c] = s[k].slice.position[c] - s[0].slice.position[c];
      along = lb_volume_dot (d, normal);
      for (int c = 0; c < 3; c++)
        side[c] = d[c] - along * normal[c];
      double angle = atan2 (sqrt (lb_volume_dot (side, side)), fabs (along)) * 180.0 / M_PI;
      if (angle > tilt_limit)
        {
          char *na = plan_slice_name (&s[k]), *nb = plan_slice_name (&s[0]);
          LbVolumeError *e = lb_volume_set_error (error, LB_VOLUME_ERROR_GANTRY_TILT, na, nb,
                                                  "%s: the slices are tilted by %.1f degrees from the slice "
                                                  "normal (gantry tilt; seen from %s): not reformatted",
                                                  na, angle, nb);
          if (e != NULL)
            e->value = angle;
          free (na);
          free (nb);
          return false;
        }
    }

  double *gaps = malloc ((n - 1) * sizeof *gaps);
  if (gaps == NULL)
    return false;
  for (size_t k = 0; k + 1 < n; k++)
    gaps[k] = s[k + 1].slice.distance - s[k].slice.distance;
  qsort (gaps, n - 1, sizeof *gaps, compare_double);
  double median = gaps[(n - 1) / 2];
  free (gaps);
  double rel = options->spacing_tolerance > 0 ? options->spacing_tolerance : 0.01;
  double tolerance = fmax (0.01, rel * median);
  for (size_t k = 0; k + 1 < n; k++)
    {
      double gap = s[k + 1].slice.distance - s[k].slice.distance;
      if (fabs (gap - median) > tolerance)
        {
          char *na = plan_slice_name (&s[k]), *nb = plan_slice_name (&s[k + 1]);
          LbVolumeError *e = lb_volume_set_error (error, LB_VOLUME_ERROR_IRREGULAR_SPACING, na, nb,
                                                  "irregular slice spacing: %.3f mm between %s and %s, "
                                                  "where the other slices are %.3f mm apart", gap, na, nb, median);
          if (e != NULL)
            {
              e->value = gap;
              e->expected = median;
            }
          free (na);
          free (nb);
          return false;
        }
    }
  *spacing = (s[n - 1].slice.distance - s[0].slice.distance) / (double) (n - 1);
  return true;
}

void
lb_volume_options_init (LbVolumeOptions *options)
{
  memset (options, 0, sizeof *options);
  options->max_bytes = LB_VOLUME_DEFAULT_MAX_BYTES;
  options->spacing_tolerance = 0.01;
  options->tilt_tolerance_deg = 0.5;
  options->threads = 2;
}

static char *
format_bytes (uint64_t bytes)
{
  char *s = NULL;
  if (asprintf (&s, "%.1f MiB", (double) bytes / (1024.0 * 1024.0)) < 0)
    return NULL;
  return s;
}

/* Builds the volume object from a checked plan (takes the slices' paths). */
static LbVolume *
volume_from_plan (Plan *plan, const LbVolumeOptions *options, double spacing, LbVolumeError **error)
{
  const HeaderInfo *h = plan->items[0].header;
  uint64_t nx = h->columns, ny = h->rows, nz = plan->n, count, bytes;
  if (__builtin_mul_overflow (nx * ny, nz, &count) || __builtin_mul_overflow (count, 2, &bytes))
    bytes = UINT64_MAX;
  uint64_t limit = options->max_bytes ? options->max_bytes : LB_VOLUME_DEFAULT_MAX_BYTES;
  if (bytes > limit)
    {
      char *size = format_bytes (bytes), *max = format_bytes (limit);
      LbVolumeError *e = lb_volume_set_error (error, LB_VOLUME_ERROR_TOO_LARGE, NULL, NULL,
                                              "the series needs %s as a volume (%llu x %llu x %llu "
                                              "16-bit values), more than the limit of %s",
                                              size ? size : "?", (unsigned long long) nx,
                                              (unsigned long long) ny, (unsigned long long) nz,
                                              max ? max : "?");
      if (e != NULL)
        {
          e->bytes = bytes;
          e->limit = limit;
        }
      free (size);
      free (max);
      return NULL;
    }

  LbVolume *v = calloc (1, sizeof *v);
  if (v != NULL)
    {
      v->voxels = calloc (count, 2);
      v->slices = calloc (nz, sizeof *v->slices);
      v->loaded = calloc (nz, 1);
    }
  if (v == NULL || v->voxels == NULL || v->slices == NULL || v->loaded == NULL)
    {
      LbVolumeError *e = lb_volume_set_error (error, LB_VOLUME_ERROR_NO_MEMORY, NULL, NULL,
                                              "not enough memory for the volume (%llu bytes)",
                                              (unsigned long long) bytes);
      if (e != NULL)
        e->bytes = bytes;
      lb_volume_free (v);
      return NULL;
    }
  v->bytes = bytes;
  v->threads = options->threads ? options->threads : 2;
  bool is_signed = h->pixel_representation == 1 || h->bits_stored < 16;
  v->type = is_signed ? LB_DICOM_SAMPLE_S16 : LB_DICOM_SAMPLE_U16;
  v->slope = h->slope;
  v->intercept = h->intercept;
  v->min_stored = INT32_MAX;
  v->skipped = plan->skipped;
  v->image_info = plan->first_info;
  plan->first_info = NULL;
  v->modality = plan->modality;
  plan->modality = NULL;
  v->series_uid = h->series_uid ? strdup (h->series_uid) : NULL;

  LbVolumeGeometry *g = &v->geometry;
  g->nx = (uint32_t) nx;
  g->ny = (uint32_t) ny;
  g->nz = (uint32_t) nz;
  memcpy (g->row_dir, plan->items[0].orientation, sizeof g->row_dir);
  memcpy (g->col_dir, plan->items[0].orientation + 3, sizeof g->col_dir);
  normalise (g->row_dir);
  normalise (g->col_dir);
  cross (g->row_dir, g->col_dir, g->normal);
  normalise (g->normal);
  memcpy (g->origin, plan->items[0].slice.position, sizeof g->origin);
  g->spacing[0] = h->column_mm;   /* between columns: Pixel Spacing value 2 */
  g->spacing[1] = h->row_mm;      /* between rows: value 1 */
  g->spacing[2] = spacing;
  for (size_t k = 0; k < nz; k++)
    {
      v->slices[k] = plan->items[k].slice;
      v->slices[k].multi_frame = plan->items[k].multi_frame;
      plan->items[k].slice.path = NULL;
    }
  return v;
}

LbVolume *
lb_volume_plan (const char *const *paths, size_t n_paths, const LbVolumeOptions *options,
                LbVolumeError **error)
{
  LbVolumeOptions defaults;
  if (options == NULL)
    {
      lb_volume_options_init (&defaults);
      options = &defaults;
    }
  Plan plan = { 0 };
  LbVolume *volume = NULL;
  for (size_t i = 0; i < n_paths; i++)
    if (!plan_file (&plan, paths[i], error))
      goto out;
  for (size_t i = 0; i < plan.n; i++)
    plan.items[i].header = &plan.headers[(uintptr_t) plan.items[i].header];

  if (plan.n == 0)
    {
      lb_volume_set_error (error, LB_VOLUME_ERROR_NO_SLICES, NULL, NULL,
                           "no DICOM image among the %zu input files", n_paths);
      goto out;
    }
  if (plan.n < 2)
    {
      char *name = plan_slice_name (&plan.items[0]);
      lb_volume_set_error (error, LB_VOLUME_ERROR_TOO_FEW_SLICES, name, NULL,
                           "%s: a single slice is not a volume (at least 2 are needed)", name);
      free (name);
      goto out;
    }
  if (!check_alike (&plan, error))
    goto out;
  double normal[3];
  cross (plan.items[0].orientation, plan.items[0].orientation + 3, normal);
  if (!normalise (normal))
    {
      slice_error (error, LB_VOLUME_ERROR_NO_GEOMETRY, &plan.items[0], NULL,
                   "Image Orientation (Patient) is not two directions");
      goto out;
    }
  for (size_t i = 0; i < plan.n; i++)
    plan.items[i].slice.distance = lb_volume_dot (plan.items[i].slice.position, normal);
  qsort (plan.items, plan.n, sizeof *plan.items, compare_distance);
  double spacing;
  if (!check_positions (&plan, options, &spacing, error))
    goto out;
  plan.first_info = read_image_info (&plan.items[0]);
  volume = volume_from_plan (&plan, options, spacing, error);
out:
  plan_clear (&plan);
  return volume;
}

void
lb_volume_free (LbVolume *volume)
{
  if (volume == NULL)
    return;
  if (volume->slices != NULL)
    for (uint32_t k = 0; k < volume->geometry.nz; k++)
      free (volume->slices[k].path);
  free (volume->slices);
  free (volume->voxels);
  free (volume->loaded);
  lb_dicom_image_info_free (volume->image_info);
  free (volume->series_uid);
  free (volume->modality);
  free (volume);
}
