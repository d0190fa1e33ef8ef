/* lb-volume.h: a CT/MR series as one volume in patient coordinates, and planes sampled from it
 * (multiplanar reformat: axial, sagittal, coronal, thin or as slabs). Plain C: libc, pthreads
 * and the parser (lb-dicom-pixel.h); no GLib. Shared by `lightbox-cli reformat` and the viewer's
 * three-plane layout.
 *
 * Building (two steps, so a viewer can show what has arrived while the rest loads):
 *
 *   LbVolume *v = lb_volume_plan (paths, n, &options, &error);  headers only: checks geometry,
 *                                                              sorts, checks the memory bound,
 *                                                              allocates (pages stay untouched)
 *   lb_volume_load (v, progress, user_data, &error);            decodes slice after slice, in
 *                                                              the order of the paths; progress
 *                                                              is called after each slice
 *   ... lb_volume_sample_plane (v, &request, &plane, out, ...) any time, from any thread
 *   lb_volume_free (v);
 *
 * lb_volume_new_from_files() does both. A series becomes a volume only when its geometry allows
 * it (PS3.3 C.7.6.2): every slice has the same Image Orientation (Patient), rows, columns, pixel
 * spacing and pixel format; the positions lie along the slice normal (row x column direction
 * cosines): a series whose positions move sideways is gantry-tilted and is refused with the
 * angle named; the spacing between slices comes from Image Position (Patient) (never from Slice
 * Thickness or Spacing Between Slices) and must be regular within max(0.01 mm, 1 %) of the
 * median gap, else the error names the two slices around the odd gap. Enhanced multi-frame files
 * contribute one slice per frame, placed by the Per-Frame (else Shared) Functional Groups' Plane
 * Position / Plane Orientation. Files that are not DICOM or hold no image are skipped (counted
 * in lb_volume_get_skipped()); files of another Series Instance UID are refused.
 *
 * Memory: the stored values of every slice in one int16 (or uint16) array, nx * ny * nz
 * samples (a 600 x 512 x 512 CT is 300 MiB), with one Rescale Slope / Intercept for the whole
 * volume (slices with different rescale values are refused). A volume over options.max_bytes is
 * refused before anything is allocated, with the size named in the message.
 *
 * Threads: lb_volume_load writes slice k only before it marks k loaded (release); each sampled
 * image takes one snapshot of the flags (acquire) and shows only the slices loaded then, so one
 * thread may load while others sample: a slice not yet loaded samples as request.fill_stored.
 * Sampling never writes the volume, so any number of threads may sample at once; each call uses
 * up to request.threads threads itself.
 *
 * Coordinates. Voxel index (i, j, k): i along the columns (Image Orientation value 1-3, the
 * "row direction"), j along the rows (values 4-6), k along the slices in increasing position
 * along the normal n = row x column. Patient coordinates in mm, DICOM LPS: +x towards the
 * patient's left, +y posterior, +z head. The centre of voxel (i, j, k) is
 *     origin + i * spacing[0] * row_dir + j * spacing[1] * col_dir + k * spacing[2] * normal.
 *
 * Planes (the radiological conventions every peer uses; Patient Orientation of the output):
 *   AXIAL     normal +z, position = z (mm); image x towards L, y towards P     "L\P"
 *   SAGITTAL  normal +x, position = x (mm); image x towards P, y towards F     "P\F"
 *   CORONAL   normal +y, position = y (mm); image x towards L, y towards F     "L\F"
 * The output covers the volume's bounding box (of voxel centres) projected on the plane, and
 * does not change with the position (so a view does not jump while scrolling). Output pixels are
 * square: pixel_mm defaults to the smaller of the volume spacings along the image's two axes;
 * when those two spacings are equal and the volume's axes are aligned with the patient's, output
 * pixel centres fall on voxel centres, one per voxel. A slab takes the voxel planes whose centres
 * lie within +-slab_mm / 2 of the position (at least the nearest one) and projects them (max, min
 * or mean of stored values) before the in-plane resampling. (A volume whose axes are oblique to the
 * patient's is sampled trilinearly at the voxel spacing along the normal within the slab instead.)
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lb-dicom-pixel.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Errors ----------------------------------------------------------------------------- */

typedef enum {
  LB_VOLUME_ERROR_NONE = 0,
  LB_VOLUME_ERROR_READ,            /* a file could not be read or decoded: dicom_code, path */
  LB_VOLUME_ERROR_NO_SLICES,       /* no image among the inputs */
  LB_VOLUME_ERROR_TOO_FEW_SLICES,  /* fewer than 2 slices: no volume */
  LB_VOLUME_ERROR_NOT_GREY,        /* colour, or more than 16 bits, or float pixels: path */
  LB_VOLUME_ERROR_NO_GEOMETRY,     /* no Image Orientation / Position (Patient): path */
  LB_VOLUME_ERROR_MIXED_SERIES,    /* two Series Instance UIDs: path, other_path */
  LB_VOLUME_ERROR_MIXED_SIZE,      /* rows / columns / pixel format differ: path, other_path */
  LB_VOLUME_ERROR_MIXED_SPACING,   /* Pixel Spacing differs: path, other_path */
  LB_VOLUME_ERROR_MIXED_ORIENTATION, /* Image Orientation differs: path, other_path */
  LB_VOLUME_ERROR_MIXED_RESCALE,   /* Rescale Slope / Intercept differ: path, other_path */
  LB_VOLUME_ERROR_SAME_POSITION,   /* two slices at one position: path, other_path, value = mm */
  LB_VOLUME_ERROR_GANTRY_TILT,     /* positions not along the normal: path, other_path, value = degrees */
  LB_VOLUME_ERROR_IRREGULAR_SPACING, /* a gap differs from the others: path, other_path (the slices
                                      * around it), value = that gap, expected = the median gap (mm) */
  LB_VOLUME_ERROR_TOO_LARGE,       /* bytes = the volume's size, limit = options.max_bytes */
  LB_VOLUME_ERROR_NO_MEMORY,       /* bytes = what could not be allocated */
  LB_VOLUME_ERROR_CANCELLED,       /* the progress callback returned false */
  LB_VOLUME_ERROR_INVALID_ARGUMENT, /* a caller error, e.g. a position outside the volume
                                      * (value = position, expected_low/high = the range) */
} LbVolumeErrorCode;

typedef struct {
  LbVolumeErrorCode code;
  LbDicomErrorCode dicom_code;     /* READ: the parser's code; else LB_DICOM_ERROR_NONE */
  char *path;                      /* the file concerned (frame appended as "PATH [frame N]"), or NULL */
  char *other_path;                /* the other file of a mismatch, or NULL */
  double value;                    /* see the codes; NaN when unused */
  double expected;                 /* IRREGULAR_SPACING: median gap; INVALID_ARGUMENT: range low */
  double expected_high;            /* INVALID_ARGUMENT: range high */
  uint64_t bytes;                  /* TOO_LARGE, NO_MEMORY */
  uint64_t limit;                  /* TOO_LARGE */
  char *message;                   /* English, whole sentence with paths and numbers */
} LbVolumeError;

void        lb_volume_error_free (LbVolumeError *error);
const char *lb_volume_error_code_name (LbVolumeErrorCode code);   /* "irregular spacing", ... */

/* ---- Building ---------------------------------------------------------------------------- */

#define LB_VOLUME_DEFAULT_MAX_BYTES ((uint64_t) 1 << 30)   /* 1 GiB of stored values */

typedef struct {
  uint64_t max_bytes;              /* refuse volumes larger than this; 0 = LB_VOLUME_DEFAULT_MAX_BYTES */
  double   spacing_tolerance;      /* relative gap tolerance; 0 = 0.01 (and never below 0.01 mm) */
  double   tilt_tolerance_deg;     /* largest angle between the slice offsets and the normal; 0 = 0.5 */
  unsigned threads;                /* decoding threads for lb_volume_load; 0 = 2 */
} LbVolumeOptions;

void lb_volume_options_init (LbVolumeOptions *options);

typedef struct _LbVolume LbVolume;

/* Reads the headers of `paths` (files; enhanced multi-frame files give one slice per frame),
 * checks and sorts the slices, checks the memory bound and allocates the voxel array. No pixel
 * is decoded: every slice is "not loaded". NULL + error when the series is not a volume. */
LbVolume *lb_volume_plan (const char *const *paths, size_t n_paths, const LbVolumeOptions *options,
                          LbVolumeError **error);

/* Called after each slice is stored: `slice` is its index k, `n_loaded` how many are loaded so
 * far, of `n_slices`. Runs on the loading thread(s), one call at a time. Return false to cancel
 * (lb_volume_load then fails with CANCELLED; the slices loaded so far stay). */
typedef bool (*LbVolumeProgressFunc) (const LbVolume *volume, uint32_t slice, uint32_t n_loaded,
                                      uint32_t n_slices, void *user_data);

/* Decodes every slice not yet loaded into the volume (options.threads threads). progress may be
 * NULL. False + error on the first slice that cannot be decoded (READ, with its path). */
bool lb_volume_load (LbVolume *volume, LbVolumeProgressFunc progress, void *user_data,
                     LbVolumeError **error);

/* lb_volume_plan + lb_volume_load. */
LbVolume *lb_volume_new_from_files (const char *const *paths, size_t n_paths,
                                    const LbVolumeOptions *options, LbVolumeProgressFunc progress,
                                    void *user_data, LbVolumeError **error);

void lb_volume_free (LbVolume *volume);

/* ---- What the volume is ------------------------------------------------------------------ */

typedef struct {
  uint32_t nx, ny, nz;             /* columns, rows, slices */
  double origin[3];                /* centre of voxel (0, 0, 0), patient mm */
  double row_dir[3];               /* unit: increasing i (column index), Image Orientation 1-3 */
  double col_dir[3];               /* unit: increasing j (row index), Image Orientation 4-6 */
  double normal[3];                /* unit: increasing k, row_dir x col_dir */
  double spacing[3];               /* mm: between columns, between rows, between slices */
} LbVolumeGeometry;

const LbVolumeGeometry *lb_volume_get_geometry (const LbVolume *volume);

/* Voxel index (continuous; voxel centres at integers) <-> patient mm. */
void lb_volume_geometry_voxel_to_patient (const LbVolumeGeometry *g, const double ijk[3], double xyz[3]);
void lb_volume_geometry_patient_to_voxel (const LbVolumeGeometry *g, const double xyz[3], double ijk[3]);

/* The stored values: nx * ny * nz samples, i fastest, then j, then k. S16 or U16. A slice not
 * loaded holds zeros. The pointer is valid until lb_volume_free. */
LbDicomSampleType lb_volume_get_sample_type (const LbVolume *volume);
const void       *lb_volume_get_voxels (const LbVolume *volume);
/* Modality stage (one for the whole volume): value = slope * stored + intercept. */
double lb_volume_get_rescale_slope (const LbVolume *volume);
double lb_volume_get_rescale_intercept (const LbVolume *volume);
/* The image info of the first slice (windows, rescale type, photometric...) for the display
 * pipeline, and its frame info. Owned by the volume. */
const LbDicomImageInfo *lb_volume_get_image_info (const LbVolume *volume);
/* The file and frame slice k came from (k sorted along the normal). */
const char *lb_volume_get_slice_path (const LbVolume *volume, uint32_t k, uint32_t *frame);
/* Series Instance UID, Modality, SOP Instance UID of slice 0 (strings owned, may be NULL). */
const char *lb_volume_get_series_uid (const LbVolume *volume);
const char *lb_volume_get_modality (const LbVolume *volume);
/* Inputs skipped as not DICOM or without pixels (lb_volume_plan). */
size_t lb_volume_get_skipped (const LbVolume *volume);
/* Bytes of the voxel array. */
uint64_t lb_volume_get_bytes (const LbVolume *volume);

/* Loading state: safe to call from any thread while lb_volume_load runs. */
bool     lb_volume_is_slice_loaded (const LbVolume *volume, uint32_t k);
uint32_t lb_volume_get_loaded_count (const LbVolume *volume);

/* The modality value at a patient point (trilinear), e.g. for a probe in HU. False outside the
 * volume or in a slice not loaded. */
bool lb_volume_probe (const LbVolume *volume, const double xyz[3], double *modality);

/* ---- Planes ------------------------------------------------------------------------------ */

typedef enum {
  LB_VOLUME_PLANE_AXIAL = 0,
  LB_VOLUME_PLANE_SAGITTAL,
  LB_VOLUME_PLANE_CORONAL,
} LbVolumePlane;

const char *lb_volume_plane_name (LbVolumePlane plane);              /* "axial" ... */
bool        lb_volume_plane_from_name (const char *name, LbVolumePlane *out);

typedef enum {
  LB_VOLUME_SLAB_MIP = 0,          /* maximum intensity projection */
  LB_VOLUME_SLAB_MINIP,            /* minimum */
  LB_VOLUME_SLAB_MEAN,             /* average */
} LbVolumeSlabMode;

const char *lb_volume_slab_mode_name (LbVolumeSlabMode mode);        /* "mip", "minip", "mean" */
bool        lb_volume_slab_mode_from_name (const char *name, LbVolumeSlabMode *out);

typedef enum {
  LB_VOLUME_INTERP_LINEAR = 0,
  LB_VOLUME_INTERP_NEAREST,
} LbVolumeInterp;

typedef struct {
  LbVolumePlane plane;
  double position_mm;              /* along the plane normal (patient z, x or y) */
  double slab_mm;                  /* 0 = a thin plane (interpolated between voxel planes) */
  LbVolumeSlabMode mode;
  LbVolumeInterp interp;
  double pixel_mm;                 /* 0 = automatic (see the top of this file) */
  unsigned threads;                /* 0 = 2 */
  double fill_stored;              /* stored value outside the volume or in unloaded slices;
                                    * NaN (the default) = the smallest stored value loaded */
} LbVolumePlaneRequest;

/* Defaults: thin, MIP when a slab is set, linear, automatic pixel size, 2 threads, fill NaN. */
void lb_volume_plane_request_init (LbVolumePlaneRequest *request, LbVolumePlane plane,
                                   double position_mm);

/* Where the output image lies: output pixel (x, y) has its centre at
 * origin + x * pixel_mm * right + y * pixel_mm * down (patient mm). */
typedef struct {
  uint32_t width, height;
  double pixel_mm;
  double origin[3];
  double right[3];                 /* unit, patient direction of +x */
  double down[3];                  /* unit, patient direction of +y */
  double normal[3];                /* unit, the plane normal (+z, +x or +y) */
  double position_min, position_max;  /* positions (mm) whose plane meets the volume's centres */
  double position_step;            /* the voxel spacing along the normal (a scroll step) */
  const char *patient_orientation; /* "L\\P", "P\\F", "L\\F" */
} LbVolumePlaneGeometry;

/* The output geometry of a request (position and slab do not change it). */
bool lb_volume_plane_geometry (const LbVolume *volume, const LbVolumePlaneRequest *request,
                               LbVolumePlaneGeometry *out, LbVolumeError **error);

/* Output pixel <-> patient mm on the plane (xyz is projected onto the plane at `position`). */
void lb_volume_plane_pixel_to_patient (const LbVolumePlaneGeometry *plane, double position_mm,
                                       double x, double y, double xyz[3]);
void lb_volume_plane_patient_to_pixel (const LbVolumePlaneGeometry *plane, const double xyz[3],
                                       double *x, double *y);

/* Samples the plane into `out`: width * height floats, rows top to bottom, in STORED units
 * (apply slope/intercept for modality values, or use the functions below). Fails with
 * INVALID_ARGUMENT when the position (with the slab) does not meet the volume. */
bool lb_volume_sample_plane (const LbVolume *volume, const LbVolumePlaneRequest *request,
                             const LbVolumePlaneGeometry *plane, float *out, LbVolumeError **error);

/* The same, as modality values (HU for CT). */
bool lb_volume_sample_plane_modality (const LbVolume *volume, const LbVolumePlaneRequest *request,
                                      const LbVolumePlaneGeometry *plane, float *out,
                                      LbVolumeError **error);

/* The same, as a decoded frame of stored values (rounded, the volume's sample type, bits 16) for
 * the display pipeline (lb_dicom_display_lut_*, lb_dicom_render, lb_png_export_frame) with the
 * volume's image info. NULL + error. Free with lb_dicom_frame_free(). */
LbDicomFrame *lb_volume_sample_plane_frame (const LbVolume *volume, const LbVolumePlaneRequest *request,
                                            const LbVolumePlaneGeometry *plane, LbVolumeError **error);

#ifdef __cplusplus
}
#endif
