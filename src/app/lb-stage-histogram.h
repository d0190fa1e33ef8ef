/* lb-stage-histogram.h: one stage of the display pipeline drawn as a histogram (the pipeline
 * view's three panels). Shows an LbDicomStageHistogram it owns; optionally the window as a band
 * and the bins the window clips tinted (blue below, orange above). Read-only: the main
 * histogram under the canvas is the one that drags. */
#pragma once

#include <gtk/gtk.h>

#include "lb-dicom-measure.h"

G_BEGIN_DECLS

/* The tint's colours, here and on the canvas (lb-image-canvas-tint.c). */
#define LB_TINT_BELOW_RGB 0.25, 0.55, 1.0
#define LB_TINT_ABOVE_RGB 1.0, 0.55, 0.1

#define LB_TYPE_STAGE_HISTOGRAM (lb_stage_histogram_get_type ())

G_DECLARE_FINAL_TYPE (LbStageHistogram, lb_stage_histogram, LB, STAGE_HISTOGRAM, GtkDrawingArea)

GtkWidget *lb_stage_histogram_new (void);
/* Takes ownership of `histogram` (NULL clears). */
void       lb_stage_histogram_take (LbStageHistogram      *self,
                                    LbDicomStageHistogram *histogram);
const LbDicomStageHistogram *lb_stage_histogram_get (LbStageHistogram *self);
/* The window's bounds in this stage's units as a band; low > high hides it. */
void       lb_stage_histogram_set_band (LbStageHistogram *self,
                                        double            low,
                                        double            high);
/* Colour the bars outside the band as the canvas tint does. */
void       lb_stage_histogram_set_tint (LbStageHistogram *self,
                                        gboolean          tint);

G_END_DECLS
