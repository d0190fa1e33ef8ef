/* lb-orientation.h: patient direction letters for the edges of a view (plain C, no GLib).
 *
 * Patient coordinates are DICOM LPS: +x towards the patient's Left, +y Posterior, +z Head
 * (PS3.3 C.7.6.2.1.1). A direction is named by the letters of its components, strongest first:
 * (1, 0, 0) is "L", (-1, 0, 0) "R", (0, -1, 0) "A", (0, 0, -1) "F". An oblique direction gets its
 * two strongest letters ("LA"); a component below 0.25 of the vector's length is left out, so a
 * direction up to about 14 degrees off an axis keeps one letter.
 *
 * A view shows an image whose +x (columns, to the right) points along Image Orientation values
 * 1-3 and +y (rows, down) along values 4-6. The view turns it by `quarter_turns` clockwise and
 * mirrors it left-right when `flip` is set, in the canvas's order: screen = rotate (flip (image)),
 * about the image centre (lb-image-canvas.c: cairo_rotate, then cairo_scale (-s, s)).
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "lb-dicom.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LB_ORIENTATION_LABEL_MAX 4   /* two letters (three with `max_letters` 3) and the NUL */

/* The letters of direction `dir` (need not be unit): at most `max_letters` (1..3) letters,
 * strongest first, leaving out components below 0.25 of its length. "" for a zero or
 * non-finite vector. */
void lb_orientation_letters (const double dir[3], int max_letters, char out[LB_ORIENTATION_LABEL_MAX]);

typedef struct {
  char left[LB_ORIENTATION_LABEL_MAX];
  char right[LB_ORIENTATION_LABEL_MAX];
  char top[LB_ORIENTATION_LABEL_MAX];
  char bottom[LB_ORIENTATION_LABEL_MAX];
} LbOrientationLabels;

/* The letters at the four edges of the view of an image with row direction `row_dir` (Image
 * Orientation 1-3) and column direction `col_dir` (4-6), turned `quarter_turns` clockwise
 * (any integer) after mirroring left-right when `flip` (see the top). False (labels all "") when the
 * orientation is unknown: a NULL, zero or non-finite vector, or two parallel directions. */
bool lb_orientation_edge_labels (const double row_dir[3], const double col_dir[3],
                                 int quarter_turns, bool flip, LbOrientationLabels *out);

/* The same from a Patient Orientation string ("L\\P", "A\\FR"): row and column direction
 * letters as in PS3.3 C.7.6.1.1.1. False when it is absent or not two valid values. */
bool lb_orientation_edge_labels_from_patient_orientation (const char *value, int quarter_turns,
                                                          bool flip, LbOrientationLabels *out);

/* The edge letters of frame `frame` of a file: Image Orientation (Patient) of the frame (Plane
 * Orientation in the Per-Frame, else Shared Functional Groups, else top level), else Patient
 * Orientation (0020,0020). False (labels all "") when the file states neither. */
bool lb_orientation_edge_labels_of_frame (const LbDicomFile *file, uint32_t frame, int quarter_turns,
                                          bool flip, LbOrientationLabels *out);

#ifdef __cplusplus
}
#endif
