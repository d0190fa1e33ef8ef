/* lb-image-canvas-view.h: the canvas's zoom and pan as a value, copied between linked views. */
#pragma once

#include "lb-image-canvas.h"

G_BEGIN_DECLS

typedef struct {
  gboolean fit;                        /* zoom follows the widget size */
  double zoom;
  double pan_x, pan_y;                 /* in widget pixels */
} LbCanvasView;

void lb_image_canvas_get_view (LbImageCanvas      *self,
                               LbCanvasView       *view);
void lb_image_canvas_set_view (LbImageCanvas      *self,
                               const LbCanvasView *view);

G_END_DECLS
