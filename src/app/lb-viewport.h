/* lb-viewport.h: one image view of a layout: an LbImageCanvas and what it shows (a document, the
 * series it belongs to and the slice index). The window works on the active viewport; the
 * others keep their state here and can load a file or follow a linked scroll on their own. */
#pragma once

#include <gtk/gtk.h>

#include "lb-crosshair.h"
#include "lb-document.h"
#include "lb-image-canvas.h"

G_BEGIN_DECLS

#define LB_TYPE_VIEWPORT (lb_viewport_get_type ())

G_DECLARE_FINAL_TYPE (LbViewport, lb_viewport, LB, VIEWPORT, GtkWidget)

GtkWidget     *lb_viewport_new          (void);
LbImageCanvas *lb_viewport_get_canvas   (LbViewport *self);
LbCrosshair   *lb_viewport_get_crosshair (LbViewport *self);
gboolean       lb_viewport_get_active   (LbViewport *self);
void           lb_viewport_set_active   (LbViewport *self,
                                         gboolean    active);

/* The state of what is shown, handed over between the viewport and the window when the active
 * viewport changes: `store` keeps references to the three, `take` gives its own away (and leaves
 * the viewport's state empty; the canvas keeps showing the image). */
void           lb_viewport_store_state  (LbViewport  *self,
                                         LbDocument  *document,
                                         GPtrArray   *series,
                                         guint        series_index);
void           lb_viewport_take_state   (LbViewport  *self,
                                         LbDocument **document,
                                         GPtrArray  **series,
                                         guint       *series_index);
LbDocument    *lb_viewport_get_document (LbViewport *self);

/* Loads `file` (its frame `frame`) into this viewport, which then shows it. With a preset name,
 * that preset's window is applied once the image is shown. */
void           lb_viewport_load         (LbViewport *self,
                                         GFile      *file,
                                         guint       frame,
                                         GPtrArray  *series,
                                         guint       series_index,
                                         const char *preset);
/* Moves `delta` slices (or frames of a multi-frame file), as the wheel does in the active
 * viewport: for linked scrolling. */
void           lb_viewport_follow       (LbViewport *self,
                                         int         delta);

G_END_DECLS
