/* lb-crosshair.h: the reference lines of a three-plane view, drawn over a viewport's canvas:
 * where the other two planes cut this one (a vertical and a horizontal line in image space,
 * following the canvas's zoom, pan and rotation). Takes no input. */
#pragma once

#include <gtk/gtk.h>

#include "lb-image-canvas.h"

G_BEGIN_DECLS

#define LB_TYPE_CROSSHAIR (lb_crosshair_get_type ())

G_DECLARE_FINAL_TYPE (LbCrosshair, lb_crosshair, LB, CROSSHAIR, GtkWidget)

void lb_crosshair_set_canvas (LbCrosshair   *self,
                              LbImageCanvas *canvas);
/* The lines through image pixel (x, y) (pixel centres at integers), in the colours of the
 * planes they stand for; hidden with `shown` FALSE. */
void lb_crosshair_set_point  (LbCrosshair   *self,
                              gboolean       shown,
                              double         x,
                              double         y,
                              const GdkRGBA *vertical,
                              const GdkRGBA *horizontal);

G_END_DECLS
