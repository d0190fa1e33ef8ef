/* lb-orientation-overlay.h: the patient direction letters (R/L, A/P, H/F) at the middle of the
 * canvas's four edges, following its rotation and mirror (the letters come from
 * src/volume/lb-orientation.h). */
#pragma once

#include <gtk/gtk.h>

#include "lb-document.h"
#include "lb-orientation.h"

G_BEGIN_DECLS

/* For a document that is not a frame of a DICOM file, e.g. a reformatted plane
 * (lb_volume_plane_geometry's patient_orientation, "P\\F"): the Patient Orientation of its image,
 * which then decides the letters (it wins over the file's own, if the document has a file). NULL
 * takes it back. */
void  lb_orientation_overlay_set_patient_orientation (LbDocument *document,
                                                      const char *patient_orientation);

/* The letters at the edges of the document's current frame on a canvas turned `quarter_turns`
 * clockwise after mirroring when `flip` (lb-image-canvas-overlay.c places and draws them).
 * FALSE, and all "", when the orientation is unknown. */
gboolean lb_orientation_overlay_get_labels (LbDocument          *document,
                                            int                  quarter_turns,
                                            gboolean             flip,
                                            LbOrientationLabels *labels);

/* "labels L R A P" (left, right, top, bottom) or "no labels", for the paint log. g_free() it. */
char *lb_orientation_overlay_describe (LbDocument  *document,
                                       int          quarter_turns,
                                       gboolean     flip);

G_END_DECLS
