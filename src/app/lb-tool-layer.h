/* lb-tool-layer.h: the measurement tools' controller and the overlay layer the canvas draws.
 * It holds every measurement (a GListModel of LbMeasurement), knows the frame shown (only its
 * shapes are drawn and hit), and takes the canvas's left-button drags in image coordinates:
 * on a shape's handle it resizes, on its body it moves, elsewhere the active drawing tool draws
 * a new shape; with the pointer tool a drag off the shapes is not taken (the canvas windows). */
#pragma once

#include <gtk/gtk.h>

#include "lb-measurement.h"

G_BEGIN_DECLS

typedef enum {
  LB_TOOL_POINTER,
  LB_TOOL_DISTANCE,
  LB_TOOL_RECTANGLE,
  LB_TOOL_ELLIPSE,
  LB_TOOL_ANGLE,
} LbTool;

#define LB_TYPE_TOOL_LAYER (lb_tool_layer_get_type ())

G_DECLARE_FINAL_TYPE (LbToolLayer, lb_tool_layer, LB, TOOL_LAYER, GObject)

LbToolLayer   *lb_tool_layer_new              (void);
/* "pointer", "distance", "rectangle", "ellipse", "angle" (the win.tool action's names). */
gboolean       lb_tool_from_name              (const char     *name,
                                               LbTool         *out);
const char    *lb_tool_get_name               (LbTool          tool);
void           lb_tool_layer_set_tool         (LbToolLayer    *self,
                                               LbTool          tool);
LbTool         lb_tool_layer_get_tool         (LbToolLayer    *self);
/* The frame shown, or NULL: its shapes are the ones drawn and hit. */
void           lb_tool_layer_set_document     (LbToolLayer    *self,
                                               LbDocument     *document);
GListModel    *lb_tool_layer_get_measurements (LbToolLayer    *self);
LbMeasurement *lb_tool_layer_get_selected     (LbToolLayer    *self);
void           lb_tool_layer_select           (LbToolLayer    *self,
                                               LbMeasurement  *measurement);
/* A left press at image point (x, y); `tolerance` is how near (image pixels) counts as on a
 * handle or line. TRUE when the layer takes the drag that follows. */
gboolean       lb_tool_layer_press            (LbToolLayer    *self,
                                               double          x,
                                               double          y,
                                               double          tolerance);
void           lb_tool_layer_drag_to          (LbToolLayer    *self,
                                               double          x,
                                               double          y);
void           lb_tool_layer_release          (LbToolLayer    *self);
gboolean       lb_tool_layer_delete_selected  (LbToolLayer    *self);
/* Draws the shown frame's shapes; `image_to_widget` is the canvas's transform. */
void           lb_tool_layer_draw             (LbToolLayer    *self,
                                               cairo_t        *cr,
                                               const cairo_matrix_t *image_to_widget);
/* The measurement labels at `scale` times their size (presentation mode; 1 = normal). */
void           lb_tool_layer_set_label_scale  (LbToolLayer    *self,
                                               double          scale);
/* Every measurement as tab-separated text with a header line, for a spreadsheet. */
char          *lb_tool_layer_dup_table        (LbToolLayer    *self);

G_END_DECLS
