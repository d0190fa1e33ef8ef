/* lb-crosshair.h: the reference lines of a three-plane view, drawn over a viewport's canvas:
 * where the other two planes cut this one (a vertical and a horizontal line in image space,
 * following the canvas's zoom, pan and rotation), and the patient direction letters at its
 * edges (a plane has no header for the canvas's own letters). Takes no input. */
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

/* The patient directions (unit, LPS) of the image's +x and +y, for the edge letters; NULL to
 * show none. */
void lb_crosshair_set_axes   (LbCrosshair   *self,
                              const double  *right,
                              const double  *down);
/* "L R T B": the letters at the left, right, top and bottom edges as drawn now, or
 * "no letters"; for tests. g_free() it. */
char *lb_crosshair_dup_letters (LbCrosshair   *self);

G_END_DECLS
