/* lb-image-canvas-private.h: the canvas state, shared by lb-image-canvas.c (rendering, view,
 * gestures) and its parts: -input.c (pointer, wheel, keys), -overlay.c (corner text, pixel
 * probe), -tint.c, -tools.c. */
#pragma once

#include "lb-image-canvas.h"
#include "lb-tool-layer.h"

struct _LbImageCanvas
{
  GtkDrawingArea parent_instance;

  LbDocument *document;
  const LbDicomFrame *frame;        /* owned by the document */
  /* The shape of `frame` when it was set: the document may free that frame (a newly decoded
   * frame replaces it) before it tells the canvas, so the old shape is never read from it. */
  guint frame_width, frame_height;
  LbDicomSampleType frame_type;
  LbDicomDisplay display;
  gboolean base_invert;             /* MONOCHROME1 / Presentation LUT INVERSE */
  gboolean invert;                  /* the user's toggle */
  LbWindowSource source;
  char *source_name;

  /* cache */
  LbDicomFrame *reduced;            /* NULL when the full frame is shown */
  LbDicomDisplayLut *lut;           /* for the frame being rendered */
  gboolean lut_built;               /* lut->display is what its table was built for */
  guint lut_samples, lut_bits;      /* the frame `lut` was made for (lb_dicom_display_lut_new) */
  gboolean lut_signed;
  LbDicomSampleType lut_type;
  cairo_surface_t *surface;
  gboolean surface_dirty;
  gboolean painted_once;            /* for the "first image drawn" log line (bench/startup.py) */
  guint first_image_idle;           /* emits "first-image-drawn" after that frame */

  /* view */
  gboolean fit;
  double zoom;
  double pan_x, pan_y;              /* in widget pixels */
  int rotation;                     /* quarter turns clockwise */
  gboolean flip;
  gboolean show_overlay;
  guint series_index, series_count;

  /* gestures */
  LbDragDirection direction;
  double drag_center, drag_width;
  double pan_start_x, pan_start_y;
  double scroll_accum;

  char *probe_text;
  double pointer_x, pointer_y;
  gboolean pointer_inside;

  /* measurement tools (lb-image-canvas-tools.c) */
  LbToolLayer *tools;
  gboolean tool_drag;               /* the left drag belongs to the tool layer */

  /* tint of clipped pixels (lb-image-canvas-tint.c) */
  gboolean tint_clipped;
  cairo_surface_t *tint_surface;    /* frame-sized, for tint_display; NULL until drawn */
  LbDicomDisplay tint_display;
  guint64 tint_below, tint_above;

  /* presentation mode (lb-presentation.c; drawn in lb-image-canvas-overlay.c) */
  double text_scale;                /* corner text size factor; 0 or 1 = normal */
  char *banner;                     /* large transient line in the middle, or NULL */
};

double lb_image_canvas_effective_scale (LbImageCanvas *self);
void   lb_image_canvas_setup_transform (LbImageCanvas *self,
                                        cairo_t       *cr,
                                        int            width,
                                        int            height,
                                        double         scale);
void   lb_image_canvas_draw_overlay    (LbImageCanvas *self,
                                        cairo_t       *cr,
                                        int            width,
                                        int            height);
void   lb_image_canvas_draw_banner     (LbImageCanvas *self,
                                        cairo_t       *cr,
                                        int            width,
                                        int            height);
void   lb_image_canvas_update_probe    (LbImageCanvas *self);
void   lb_image_canvas_notify_probe    (LbImageCanvas *self);
void   lb_image_canvas_note_shown      (LbImageCanvas *self);

/* lb-image-canvas-input.c: binds the template's controllers and the arrow keys. */
void   lb_image_canvas_input_class_init  (GtkWidgetClass *widget_class);
void   lb_image_canvas_emit_navigate     (LbImageCanvas  *self,
                                          int             steps);
void   lb_image_canvas_emit_view_changed (LbImageCanvas  *self);
void   lb_image_canvas_notify_zoom       (LbImageCanvas  *self);
/* lb-image-canvas-tint.c */
void   lb_image_canvas_draw_tint       (LbImageCanvas *self,
                                        cairo_t       *cr,
                                        int            width,
                                        int            height,
                                        double         scale);
void   lb_image_canvas_tint_clear      (LbImageCanvas *self);

/* lb-image-canvas-tools.c */
void     lb_image_canvas_tools_document_changed (LbImageCanvas *self);
/* The left-drag hooks: TRUE when the tool layer took the drag (the canvas then does not window). */
gboolean lb_image_canvas_tools_press    (LbImageCanvas  *self,
                                         GtkGestureDrag *gesture,
                                         double          x,
                                         double          y);
gboolean lb_image_canvas_tools_drag     (LbImageCanvas  *self,
                                         GtkGestureDrag *gesture,
                                         double          dx,
                                         double          dy);
gboolean lb_image_canvas_tools_release  (LbImageCanvas  *self);
void     lb_image_canvas_draw_tools     (LbImageCanvas *self,
                                         cairo_t       *cr);
