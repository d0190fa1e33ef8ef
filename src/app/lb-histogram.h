/* lb-histogram.h: histogram of the frame's modality values with the window as a draggable band. */
#pragma once

#include <gtk/gtk.h>

#include "lb-document.h"

G_BEGIN_DECLS

#define LB_TYPE_HISTOGRAM (lb_histogram_get_type ())

G_DECLARE_FINAL_TYPE (LbHistogram, lb_histogram, LB, HISTOGRAM, GtkDrawingArea)

GtkWidget *lb_histogram_new          (void);
void       lb_histogram_set_document (LbHistogram *self,
                                      LbDocument  *document,
                                      double       center,
                                      double       width);
void       lb_histogram_set_window   (LbHistogram *self,
                                      double       center,
                                      double       width);
const LbDicomHistogram *lb_histogram_get_data (LbHistogram *self);
/* Which part of the band a press at widget x grabs: -1 lower edge, 0 centre, 1 upper edge,
 * 2 nothing. Exposed for tests. */
int        lb_histogram_hit_test     (LbHistogram *self,
                                      double       x);
double     lb_histogram_x_to_value   (LbHistogram *self,
                                      double       x);

G_END_DECLS
