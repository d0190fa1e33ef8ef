/* lb-cine-bar.h: the bar under the image for multi-frame objects and series: play / pause,
 * the position, the speed, loop or back and forth, and the rate and where it comes from. */
#pragma once

#include <gtk/gtk.h>

#include "lb-cine.h"

G_BEGIN_DECLS

#define LB_TYPE_CINE_BAR (lb_cine_bar_get_type ())

G_DECLARE_FINAL_TYPE (LbCineBar, lb_cine_bar, LB, CINE_BAR, GtkBox)

void lb_cine_bar_set_cine     (LbCineBar *self,
                               LbCine    *cine);
/* `position` counts from 0. */
void lb_cine_bar_set_position (LbCineBar *self,
                               guint      position,
                               guint      count);

G_END_DECLS
