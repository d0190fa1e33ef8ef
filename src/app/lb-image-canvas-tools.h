/* lb-image-canvas-tools.h: the canvas's hooks to the measurement tools (lb-tool-layer.h): it
 * draws the layer over the image and gives it left-button drags in image coordinates. */
#pragma once

#include "lb-image-canvas.h"
#include "lb-tool-layer.h"

G_BEGIN_DECLS

void         lb_image_canvas_set_tool_layer (LbImageCanvas  *self,
                                             LbToolLayer    *layer);
LbToolLayer *lb_image_canvas_get_tool_layer (LbImageCanvas  *self);
/* The image → widget transform of the current view (the one the image is drawn with). FALSE
 * when no frame is shown. */
gboolean     lb_image_canvas_get_image_matrix (LbImageCanvas *self,
                                             cairo_matrix_t *image_to_widget);

G_END_DECLS
