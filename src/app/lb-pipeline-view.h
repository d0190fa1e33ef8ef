/* lb-pipeline-view.h: the pixel pipeline of the frame on the canvas (issue 11 §2), in a window
 * of its own (F4): stored values → modality values → displayed grey, each with its histogram
 * (the same lb_dicom_stage_histogram_new numbers `lightbox-cli histogram` prints), the window
 * as a band on the modality histogram, and under them the formulas with the file's numbers,
 * following the canvas live while the window is dragged. */
#pragma once

#include <gtk/gtk.h>

#include "lb-dicom-measure.h"
#include "lb-image-canvas.h"

G_BEGIN_DECLS

#define LB_TYPE_PIPELINE_VIEW (lb_pipeline_view_get_type ())

G_DECLARE_FINAL_TYPE (LbPipelineView, lb_pipeline_view, LB, PIPELINE_VIEW, GtkWindow)

/* A window transient for `parent` that follows `canvas`. */
LbPipelineView *lb_pipeline_view_new (GtkWindow     *parent,
                                      LbImageCanvas *canvas);
/* The histogram a panel shows (NULL when the canvas shows no grey frame). */
const LbDicomStageHistogram *lb_pipeline_view_get_histogram (LbPipelineView *self,
                                                             LbDicomStage    stage);
/* The formulas as shown: modality, VOI and presentation lines, joined by newlines. */
char *lb_pipeline_view_dup_formulas (LbPipelineView *self);
/* The line saying the window hides the image, as shown; NULL when it is not shown. */
const char *lb_pipeline_view_get_hint (LbPipelineView *self);
/* The "Tint Clipped Pixels" toggle: tints the canvas and the modality histogram. */
gboolean lb_pipeline_view_get_tint (LbPipelineView *self);
void     lb_pipeline_view_set_tint (LbPipelineView *self,
                                    gboolean        tint);

G_END_DECLS
