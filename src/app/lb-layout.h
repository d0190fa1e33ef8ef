/* lb-layout.h: the viewports on show (one; two side by side; four; three planes) and the links
 * between them (window, zoom and pan, scrolling). One viewport is active: it takes the keys,
 * the opened files and feeds the histogram and the tag tree (lb-window-layout.c). */
#pragma once

#include <gtk/gtk.h>

#include "lb-viewport.h"

G_BEGIN_DECLS

typedef enum {
  LB_LAYOUT_SINGLE,
  LB_LAYOUT_TWO,                       /* side by side */
  LB_LAYOUT_FOUR,                      /* two by two */
  LB_LAYOUT_PLANES,                    /* three planes: axial large, sagittal and coronal */
} LbLayoutMode;

#define LB_LAYOUT_MAX_VIEWPORTS 4

#define LB_TYPE_LAYOUT (lb_layout_get_type ())

G_DECLARE_FINAL_TYPE (LbLayout, lb_layout, LB, LAYOUT, GtkWidget)

GtkWidget    *lb_layout_new              (void);
LbLayoutMode  lb_layout_get_mode         (LbLayout     *self);
void          lb_layout_set_mode         (LbLayout     *self,
                                          LbLayoutMode  mode);
guint         lb_layout_get_n_shown      (LbLayout     *self);
/* Viewport `index` (0 to LB_LAYOUT_MAX_VIEWPORTS - 1), shown or not. */
LbViewport   *lb_layout_get_viewport     (LbLayout     *self,
                                          guint         index);
LbViewport   *lb_layout_get_active       (LbLayout     *self);
void          lb_layout_set_active       (LbLayout     *self,
                                          LbViewport   *viewport);
/* The first shown viewport that is not the active one, or NULL with one viewport. */
LbViewport   *lb_layout_get_other        (LbLayout     *self);
/* The shown viewports other than the active one follow a scroll of `delta` when scrolling is
 * linked. */
void          lb_layout_follow_navigation (LbLayout    *self,
                                          int           delta);

gboolean      lb_layout_mode_from_name   (const char   *name,
                                          LbLayoutMode *mode);
const char   *lb_layout_mode_to_name     (LbLayoutMode  mode);

G_END_DECLS
