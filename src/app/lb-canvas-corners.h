/* lb-canvas-corners.h: where the canvas's four corner texts and four orientation letters go, so
 * that none overlaps another in any size of view (two or four views side by side, a narrow
 * window, presentation mode's large text). Plain C: the caller measures, this places. */
#pragma once

#include <stdbool.h>

#define LB_CANVAS_CORNER_MAX_LINES 4

typedef enum {
  LB_CANVAS_TOP_LEFT,
  LB_CANVAS_TOP_RIGHT,
  LB_CANVAS_BOTTOM_LEFT,
  LB_CANVAS_BOTTOM_RIGHT,
  LB_CANVAS_N_CORNERS
} LbCanvasCorner;

typedef enum {
  LB_CANVAS_EDGE_LEFT,
  LB_CANVAS_EDGE_RIGHT,
  LB_CANVAS_EDGE_TOP,
  LB_CANVAS_EDGE_BOTTOM,
  LB_CANVAS_N_EDGES
} LbCanvasEdge;

/* Which text gives way first when two would meet: the lowest number. The teacher's essentials
 * stay longest: the window (C/W) the class reads while it is dragged, then the slice or frame
 * number, then the orientation letters that say which side is the patient's left. What the
 * title bar, the Studies page or the tag tree also show (patient ID, series description, date,
 * slice position, zoom) goes first. */
typedef enum {
  LB_CANVAS_PRIORITY_PATIENT_ID = 1,
  LB_CANVAS_PRIORITY_SERIES = 2,
  LB_CANVAS_PRIORITY_POSITION = 3,
  LB_CANVAS_PRIORITY_DATE = 4,
  LB_CANVAS_PRIORITY_ZOOM = 5,
  LB_CANVAS_PRIORITY_PATIENT = 6,
  LB_CANVAS_PRIORITY_MODALITY = 7,
  LB_CANVAS_PRIORITY_LETTER = 8,
  LB_CANVAS_PRIORITY_FRAME = 9,
  LB_CANVAS_PRIORITY_WINDOW = 10,
} LbCanvasPriority;

typedef struct {
  double x, y, width, height;
} LbCanvasRect;

/* One line of a corner, or one letter. In: its measured size (0 x 0 when there is none) and
 * priority. Out: whether it is shown, and where. */
typedef struct {
  double width, height;
  int priority;
  bool shown;
  LbCanvasRect rect;
} LbCanvasText;

typedef struct {
  LbCanvasText lines[LB_CANVAS_N_CORNERS][LB_CANVAS_CORNER_MAX_LINES];   /* top line first */
  LbCanvasText letters[LB_CANVAS_N_EDGES];
} LbCanvasOverlay;

/* Space between the canvas edge and the texts, and kept between two texts. */
#define LB_CANVAS_MARGIN_X 8.0
#define LB_CANVAS_MARGIN_Y 6.0
#define LB_CANVAS_GAP 4.0

/* Places the texts on a width x height canvas: corner lines stacked from their corner (left
 * or right aligned), letters at the middle of their edge, or moved along it into the room left
 * between the corner texts. While two shown texts are closer than LB_CANVAS_GAP, or one leaves
 * the canvas, the one of lowest priority is hidden; so the shown ones never overlap. */
void lb_canvas_overlay_layout (LbCanvasOverlay *overlay,
                               double           width,
                               double           height);

/* Whether two rectangles share any area. */
bool lb_canvas_rects_intersect (const LbCanvasRect *a,
                                const LbCanvasRect *b);
