/* lb-image-canvas.h: the image view: LUT-mapped cached surface, zoom/pan/rotate/flip,
 * drag to window, frame navigation, corner overlay and pixel probe. */
#pragma once

#include <gtk/gtk.h>

#include "lb-canvas-corners.h"
#include "lb-document.h"

G_BEGIN_DECLS

typedef enum {
  LB_WINDOW_SOURCE_NONE,
  LB_WINDOW_SOURCE_FILE,
  LB_WINDOW_SOURCE_PRESET,
  LB_WINDOW_SOURCE_AUTO,
  LB_WINDOW_SOURCE_MANUAL,
} LbWindowSource;

typedef enum {
  LB_DRAG_DIRECTION_STANDARD,
  LB_DRAG_DIRECTION_INVERTED,
} LbDragDirection;

/* Navigation targets for ::navigate besides relative steps. */
#define LB_NAVIGATE_FIRST (G_MININT / 2)
#define LB_NAVIGATE_LAST  (G_MAXINT / 2)

#define LB_TYPE_IMAGE_CANVAS (lb_image_canvas_get_type ())

G_DECLARE_FINAL_TYPE (LbImageCanvas, lb_image_canvas, LB, IMAGE_CANVAS, GtkDrawingArea)

GtkWidget      *lb_image_canvas_new              (void);
void            lb_image_canvas_set_document     (LbImageCanvas  *self,
                                                  LbDocument     *document,
                                                  gboolean        keep_window);
LbDocument     *lb_image_canvas_get_document     (LbImageCanvas  *self);
void            lb_image_canvas_set_window       (LbImageCanvas  *self,
                                                  double          center,
                                                  double          width,
                                                  LbWindowSource  source,
                                                  const char     *source_name);
double          lb_image_canvas_get_window_center (LbImageCanvas *self);
double          lb_image_canvas_get_window_width (LbImageCanvas  *self);
LbWindowSource  lb_image_canvas_get_window_source (LbImageCanvas *self);
const char     *lb_image_canvas_get_window_source_name (LbImageCanvas *self);
const LbDicomDisplay *lb_image_canvas_get_display (LbImageCanvas *self);
void            lb_image_canvas_use_stored_window (LbImageCanvas *self,
                                                  guint           index);
void            lb_image_canvas_use_minmax       (LbImageCanvas  *self);
void            lb_image_canvas_set_drag_direction (LbImageCanvas *self,
                                                  LbDragDirection direction);
void            lb_image_canvas_zoom_by          (LbImageCanvas  *self,
                                                  double          factor);
void            lb_image_canvas_zoom_fit         (LbImageCanvas  *self);
void            lb_image_canvas_zoom_one         (LbImageCanvas  *self);
void            lb_image_canvas_rotate           (LbImageCanvas  *self,
                                                  int             quarter_turns);
void            lb_image_canvas_flip             (LbImageCanvas  *self);
void            lb_image_canvas_reset_view       (LbImageCanvas  *self);
void            lb_image_canvas_pan              (LbImageCanvas  *self,
                                                  double          dx,
                                                  double          dy);
void            lb_image_canvas_set_series_position (LbImageCanvas *self,
                                                  guint           index,
                                                  guint           count);
double          lb_image_canvas_get_zoom         (LbImageCanvas  *self);
const char     *lb_image_canvas_get_probe_text   (LbImageCanvas  *self);
double          lb_image_canvas_get_range        (LbImageCanvas  *self);
/* Tint the pixels the window clips (blue below, orange above: lb-image-canvas-tint.c). */
void            lb_image_canvas_set_tint_clipped (LbImageCanvas  *self,
                                                  gboolean        tint);
/* The tinted pixels' counts as last drawn; FALSE when no tint has been drawn. */
gboolean        lb_image_canvas_get_tint_counts  (LbImageCanvas  *self,
                                                  guint64        *below,
                                                  guint64        *above);

/* Presentation mode (lb-presentation.c): the corner text at `scale` times its size (1 = normal),
 * and a large line of text in the middle of the image, e.g. the window while it is dragged
 * (NULL: none). Both are drawn in lb-image-canvas-overlay.c. */
void            lb_image_canvas_set_text_scale   (LbImageCanvas  *self,
                                                  double          scale);
void            lb_image_canvas_set_banner       (LbImageCanvas  *self,
                                                  const char     *text);
const char     *lb_image_canvas_get_banner       (LbImageCanvas  *self);
/* Where the corner texts and orientation letters go on a width x height canvas: what the
 * overlay draws (lb-canvas-corners.h), for the tests. All hidden without a document. */
void            lb_image_canvas_layout_overlay   (LbImageCanvas   *self,
                                                  int              width,
                                                  int              height,
                                                  LbCanvasOverlay *overlay);
/* The drag-to-window rule, exposed for tests: from the window at drag-begin and the drag
 * offset in pixels, the new window. `range` is the frame's modality range; one pixel moves
 * range / 512 (a tenth of that with `fine`). */
void            lb_image_canvas_compute_drag     (double          start_center,
                                                  double          start_width,
                                                  double          dx,
                                                  double          dy,
                                                  double          range,
                                                  gboolean        fine,
                                                  LbDragDirection direction,
                                                  double         *center,
                                                  double         *width);

G_END_DECLS
