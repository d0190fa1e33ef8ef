/* lb-phantom.h: the built-in teaching phantom, a synthetic CT series (no GLib).
 *
 * 24 axial slices of 256 x 256 pixels, 1.25 mm pixels (320 mm field of view), 10 mm slices from
 * the top of the head (instance 1) down to the lower abdomen: head (skull, grey and white matter,
 * ventricles, a subdural haematoma with midline shift, a small haemorrhage, an infarct), neck,
 * chest (lungs with vessels, heart, aorta, ribs, vertebra) and abdomen (liver, spleen, kidneys,
 * stomach with an air-fluid level, bowel, fat, muscle). A water vial (0 HU) sits outside the
 * body on every slice for checking the calibration.
 *
 * Pixels are signed 16-bit with RescaleSlope 1 and RescaleIntercept 0, so a stored value *is*
 * the HU value: a class can read numbers straight from dcmdump or pydicom and compare them with
 * what the viewer shows. (Unsigned 12-bit with intercept -1024 is the other common layout; the
 * corpus has such files for teaching the rescale.) Every value is computed with integers from a
 * fixed seed, so every run on every machine writes identical bytes.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "lb-dicom.h"
#include "lb-dicom-write.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LB_PHANTOM_SLICES         24
#define LB_PHANTOM_SIZE           256        /* rows = columns */
#define LB_PHANTOM_PIXEL_MM       1.25
#define LB_PHANTOM_SLICE_MM       10.0

/* Regions by 0-based slice index (instance number - 1). */
#define LB_PHANTOM_FIRST_NECK     8
#define LB_PHANTOM_FIRST_CHEST    10
#define LB_PHANTOM_FIRST_ABDOMEN  16

/* Regions of interest, in pixels (column, row), for tests and for the class:
 * the water vial (0 HU; use a radius of up to 7 pixels around its centre) and a patch of air. */
#define LB_PHANTOM_VIAL_COLUMN    232
#define LB_PHANTOM_VIAL_ROW       24
#define LB_PHANTOM_VIAL_ROI_RADIUS 7
#define LB_PHANTOM_AIR_COLUMN     20
#define LB_PHANTOM_AIR_ROW        20

/* The HU image of slice `index` (0 ... LB_PHANTOM_SLICES - 1): LB_PHANTOM_SIZE^2 values, rows
 * from anterior (top) to posterior, columns from the patient's right to left. False if index
 * is out of range or memory runs out. */
bool lb_phantom_render_slice (unsigned index, int16_t *hu);

/* The complete CT Image dataset of slice `index`, pixels included. Free with
 * lb_dicom_builder_free(). */
LbDicomBuilder *lb_phantom_build_slice (unsigned index, LbDicomError **error);

/* The file name of slice `index`: "CT01.dcm" ... "CT24.dcm". */
void lb_phantom_file_name (unsigned index, char name[16]);

/* Writes all slices into the existing folder `dir`, each atomically (lb-dicom-write.h); with
 * LB_DICOM_WRITE_NO_REPLACE an existing file of the same name is an error. Stops at the first
 * error. */
bool lb_phantom_write (const char *dir, LbDicomWriteFlags flags, LbDicomError **error);

#ifdef __cplusplus
}
#endif
