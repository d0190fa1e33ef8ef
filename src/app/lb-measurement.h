/* lb-measurement.h: one measurement drawn on the image (a line, a rectangle or ellipse ROI, an
 * angle). Points are in continuous image coordinates (lb-dicom-measure.h), so the shape stays
 * on the anatomy whatever the view does; the numbers come from the same functions as
 * `lightbox-cli measure`. A measurement belongs to one frame of one file (its owner). */
#pragma once

#include <gtk/gtk.h>

#include "lb-document.h"
#include "lb-dicom-measure.h"

G_BEGIN_DECLS

typedef enum {
  LB_MEASUREMENT_LINE,
  LB_MEASUREMENT_RECT,             /* points: two opposite corners */
  LB_MEASUREMENT_ELLIPSE,          /* points: two opposite corners of its bounding box */
  LB_MEASUREMENT_ANGLE,            /* points: end, vertex, end */
} LbMeasurementKind;

#define LB_TYPE_MEASUREMENT (lb_measurement_get_type ())

G_DECLARE_FINAL_TYPE (LbMeasurement, lb_measurement, LB, MEASUREMENT, GObject)

LbMeasurement     *lb_measurement_new         (LbMeasurementKind kind,
                                               const char       *owner,
                                               double            x,
                                               double            y);
LbMeasurementKind  lb_measurement_get_kind    (LbMeasurement    *self);
const char        *lb_measurement_get_owner   (LbMeasurement    *self);
guint              lb_measurement_get_n_points (LbMeasurement   *self);
void               lb_measurement_get_point   (LbMeasurement    *self,
                                               guint             index,
                                               double           *x,
                                               double           *y);
void               lb_measurement_set_point   (LbMeasurement    *self,
                                               guint             index,
                                               double            x,
                                               double            y);
/* An angle is drawn arm by arm: its third point comes with a second drag. */
void               lb_measurement_add_point   (LbMeasurement    *self,
                                               double            x,
                                               double            y);
gboolean           lb_measurement_is_complete (LbMeasurement    *self);
void               lb_measurement_translate   (LbMeasurement    *self,
                                               double            dx,
                                               double            dy);
/* The region of a rect or ellipse, as lb_dicom_roi_stats takes it. */
void               lb_measurement_get_roi     (LbMeasurement    *self,
                                               LbDicomRoi       *roi);
/* Recomputes the numbers on `document`'s frame (the owner's) and the label. */
void               lb_measurement_compute     (LbMeasurement    *self,
                                               LbDocument       *document);
/* The label drawn beside the shape, translated, one line per fact. */
const char        *lb_measurement_get_label   (LbMeasurement    *self);
/* The shape as `lightbox-cli measure` options, e.g. "--line 10.5,20,30,40". */
char              *lb_measurement_dup_cli_shape (LbMeasurement  *self);
/* One line of the measurements table: tab-separated, no newline (lb_measurement_table_header). */
char              *lb_measurement_dup_row     (LbMeasurement    *self);
const char        *lb_measurement_table_header (void);
/* Owner key of the frame a document shows: its URI and frame index. */
char              *lb_measurement_owner_for   (LbDocument       *document);

G_END_DECLS
