/* lb-tool-layer.c: draws, hits and edits the measurements of the frame shown. */
#include "config.h"

#define G_LOG_DOMAIN "lb-tool"

#include <glib/gi18n.h>
#include <math.h>

#include "lb-tool-layer.h"

typedef enum {
  DRAG_NONE,
  DRAG_POINT,                      /* a new shape's last point, or a handle */
  DRAG_BODY,                       /* the whole shape */
} DragMode;

struct _LbToolLayer
{
  GObject parent_instance;

  GListStore *measurements;
  LbTool tool;
  LbDocument *document;
  char *owner;                     /* of the frame shown, NULL when none */
  LbMeasurement *selected;         /* owned by the store */
  double label_scale;              /* measurement label size factor (presentation mode) */

  DragMode drag;
  guint drag_handle;
  double drag_x, drag_y;
};

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LbToolLayer, lb_tool_layer, G_TYPE_OBJECT)

static const char *const tool_names[] = { "pointer", "distance", "rectangle", "ellipse",
                                          "angle" };

gboolean
lb_tool_from_name (const char *name,
                   LbTool     *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (tool_names); i++)
    if (g_strcmp0 (name, tool_names[i]) == 0)
      {
        *out = (LbTool) i;
        return TRUE;
      }
  return FALSE;
}

const char *
lb_tool_get_name (LbTool tool)
{
  return tool < G_N_ELEMENTS (tool_names) ? tool_names[tool] : "pointer";
}

static void
changed (LbToolLayer *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
lb_tool_layer_dispose (GObject *object)
{
  LbToolLayer *self = LB_TOOL_LAYER (object);

  self->selected = NULL;
  g_clear_object (&self->measurements);
  g_clear_object (&self->document);
  g_clear_pointer (&self->owner, g_free);
  G_OBJECT_CLASS (lb_tool_layer_parent_class)->dispose (object);
}

static void
lb_tool_layer_class_init (LbToolLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_tool_layer_dispose;
  /* Any change to be drawn: a shape, the selection, the frame shown. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lb_tool_layer_init (LbToolLayer *self)
{
  self->measurements = g_list_store_new (LB_TYPE_MEASUREMENT);
}

LbToolLayer *
lb_tool_layer_new (void)
{
  return g_object_new (LB_TYPE_TOOL_LAYER, NULL);
}

LbTool
lb_tool_layer_get_tool (LbToolLayer *self)
{
  return self->tool;
}

/* An angle left with one arm is dropped when the user turns to something else. */
static void
drop_incomplete (LbToolLayer *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->measurements));

  for (guint i = n; i-- > 0;)
    {
      g_autoptr (LbMeasurement) m = g_list_model_get_item (G_LIST_MODEL (self->measurements), i);
      if (!lb_measurement_is_complete (m))
        {
          if (self->selected == m)
            self->selected = NULL;
          g_list_store_remove (self->measurements, i);
        }
    }
}

void
lb_tool_layer_set_tool (LbToolLayer *self,
                        LbTool       tool)
{
  if (self->tool == tool)
    return;
  drop_incomplete (self);
  self->tool = tool;
  g_debug ("tool: %s", lb_tool_get_name (tool));
  changed (self);
}

void
lb_tool_layer_set_document (LbToolLayer *self,
                            LbDocument  *document)
{
  g_autofree char *owner = document != NULL && lb_document_get_frame (document) != NULL
                           ? lb_measurement_owner_for (document) : NULL;

  g_set_object (&self->document, document);
  if (g_strcmp0 (owner, self->owner) != 0)
    {
      drop_incomplete (self);
      self->selected = NULL;
      self->drag = DRAG_NONE;
    }
  g_free (self->owner);
  self->owner = g_steal_pointer (&owner);
  changed (self);
}

GListModel *
lb_tool_layer_get_measurements (LbToolLayer *self)
{
  return G_LIST_MODEL (self->measurements);
}

LbMeasurement *
lb_tool_layer_get_selected (LbToolLayer *self)
{
  return self->selected;
}

void
lb_tool_layer_select (LbToolLayer   *self,
                      LbMeasurement *measurement)
{
  self->selected = measurement;
  changed (self);
}

/* ---- Hit testing ------------------------------------------------------------------------ */

static gboolean
is_roi (LbMeasurement *m)
{
  LbMeasurementKind kind = lb_measurement_get_kind (m);

  return kind == LB_MEASUREMENT_RECT || kind == LB_MEASUREMENT_ELLIPSE;
}

/* Handles: a line's or angle's points; an ROI's four corners (0 and 1 stored, 2 and 3 mixed). */
static guint
n_handles (LbMeasurement *m)
{
  return is_roi (m) ? 4 : lb_measurement_get_n_points (m);
}

static void
get_handle (LbMeasurement *m,
            guint          k,
            double        *x,
            double        *y)
{
  double x0, y0, x1, y1;

  if (!is_roi (m) || k < 2)
    {
      lb_measurement_get_point (m, k, x, y);
      return;
    }
  lb_measurement_get_point (m, 0, &x0, &y0);
  lb_measurement_get_point (m, 1, &x1, &y1);
  *x = k == 2 ? x0 : x1;
  *y = k == 2 ? y1 : y0;
}

static void
set_handle (LbMeasurement *m,
            guint          k,
            double         x,
            double         y)
{
  double x0, y0, x1, y1;

  if (!is_roi (m) || k < 2)
    {
      lb_measurement_set_point (m, k, x, y);
      return;
    }
  lb_measurement_get_point (m, 0, &x0, &y0);
  lb_measurement_get_point (m, 1, &x1, &y1);
  if (k == 2)
    {
      lb_measurement_set_point (m, 0, x, y0);
      lb_measurement_set_point (m, 1, x1, y);
    }
  else
    {
      lb_measurement_set_point (m, 0, x0, y);
      lb_measurement_set_point (m, 1, x, y1);
    }
}

static double
segment_distance (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static gboolean
hits_body (LbMeasurement *m,
           double         x,
           double         y,
           double         tolerance)
{
  LbDicomRoi roi;
  double ax, ay, bx, by, cx, cy;

  switch (lb_measurement_get_kind (m))
    {
    case LB_MEASUREMENT_RECT:
      lb_measurement_get_roi (m, &roi);
      return x >= roi.a - tolerance && x <= roi.a + roi.c + tolerance
             && y >= roi.b - tolerance && y <= roi.b + roi.d + tolerance;
    case LB_MEASUREMENT_ELLIPSE:
      lb_measurement_get_roi (m, &roi);
      return pow ((x - roi.a) / (roi.c + tolerance), 2)
             + pow ((y - roi.b) / (roi.d + tolerance), 2) <= 1;
    case LB_MEASUREMENT_ANGLE:
    case LB_MEASUREMENT_LINE:
    default:
      lb_measurement_get_point (m, 0, &ax, &ay);
      lb_measurement_get_point (m, 1, &bx, &by);
      if (segment_distance (x, y, ax, ay, bx, by) <= tolerance)
        return TRUE;
      if (lb_measurement_get_n_points (m) < 3)
        return FALSE;
      lb_measurement_get_point (m, 2, &cx, &cy);
      return segment_distance (x, y, bx, by, cx, cy) <= tolerance;
    }
}

/* The measurement drawn `from_end`-th from the top (the last added is on top), or NULL. */
static LbMeasurement *
nth_from_top (LbToolLayer *self,
              guint        from_end)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->measurements));
  LbMeasurement *m;

  if (from_end >= n)
    return NULL;
  m = g_list_model_get_item (G_LIST_MODEL (self->measurements), n - 1 - from_end);
  g_object_unref (m);              /* the store keeps it */
  return m;
}

static gboolean
is_shown (LbToolLayer   *self,
          LbMeasurement *m)
{
  return self->owner != NULL && g_strcmp0 (lb_measurement_get_owner (m), self->owner) == 0;
}

/* The topmost shown shape with a handle near (x, y); *handle says which. */
static LbMeasurement *
hit_handle (LbToolLayer *self,
            double       x,
            double       y,
            double       tolerance,
            guint       *handle)
{
  LbMeasurement *m;
  double hx, hy;

  for (guint i = 0; (m = nth_from_top (self, i)) != NULL; i++)
    {
      if (!is_shown (self, m))
        continue;
      for (guint k = 0; k < n_handles (m); k++)
        {
          get_handle (m, k, &hx, &hy);
          if (hypot (hx - x, hy - y) <= tolerance)
            {
              *handle = k;
              return m;
            }
        }
    }
  return NULL;
}

static LbMeasurement *
hit_body (LbToolLayer *self,
          double       x,
          double       y,
          double       tolerance)
{
  LbMeasurement *m;

  for (guint i = 0; (m = nth_from_top (self, i)) != NULL; i++)
    if (is_shown (self, m) && hits_body (m, x, y, tolerance))
      return m;
  return NULL;
}

/* ---- Editing ---------------------------------------------------------------------------- */

static LbMeasurement *
incomplete_angle (LbToolLayer *self)
{
  LbMeasurement *last = nth_from_top (self, 0);

  return last != NULL && is_shown (self, last) && !lb_measurement_is_complete (last) ? last
                                                                                     : NULL;
}

static void
start_shape (LbToolLayer *self,
             double       x,
             double       y)
{
  static const LbMeasurementKind kinds[] = {
    [LB_TOOL_DISTANCE] = LB_MEASUREMENT_LINE, [LB_TOOL_RECTANGLE] = LB_MEASUREMENT_RECT,
    [LB_TOOL_ELLIPSE] = LB_MEASUREMENT_ELLIPSE, [LB_TOOL_ANGLE] = LB_MEASUREMENT_ANGLE,
  };
  g_autoptr (LbMeasurement) m = lb_measurement_new (kinds[self->tool], self->owner, x, y);

  g_list_store_append (self->measurements, m);
  self->selected = m;
  self->drag = DRAG_POINT;
  self->drag_handle = 1;
}

gboolean
lb_tool_layer_press (LbToolLayer *self,
                     double       x,
                     double       y,
                     double       tolerance)
{
  LbMeasurement *m;
  guint handle = 0;

  self->drag = DRAG_NONE;
  if (self->owner == NULL)
    return FALSE;
  if (self->tool == LB_TOOL_ANGLE && (m = incomplete_angle (self)) != NULL)
    {
      /* The second arm of an angle starts where the user presses. */
      lb_measurement_add_point (m, x, y);
      self->selected = m;
      self->drag = DRAG_POINT;
      self->drag_handle = 2;
    }
  else if ((m = hit_handle (self, x, y, tolerance, &handle)) != NULL)
    {
      self->selected = m;
      self->drag = DRAG_POINT;
      self->drag_handle = handle;
    }
  else if ((m = hit_body (self, x, y, tolerance)) != NULL)
    {
      self->selected = m;
      self->drag = DRAG_BODY;
    }
  else if (self->tool != LB_TOOL_POINTER)
    start_shape (self, x, y);
  else if (self->selected != NULL)
    {
      /* A press beside the shapes clears the selection and windows as before. */
      self->selected = NULL;
      changed (self);
      return FALSE;
    }
  else
    return FALSE;
  self->drag_x = x;
  self->drag_y = y;
  if (self->drag == DRAG_POINT)
    lb_tool_layer_drag_to (self, x, y);
  changed (self);
  return TRUE;
}

void
lb_tool_layer_drag_to (LbToolLayer *self,
                       double       x,
                       double       y)
{
  LbMeasurement *m = self->selected;

  if (m == NULL || self->drag == DRAG_NONE)
    return;
  if (self->drag == DRAG_POINT)
    set_handle (m, self->drag_handle, x, y);
  else
    lb_measurement_translate (m, x - self->drag_x, y - self->drag_y);
  self->drag_x = x;
  self->drag_y = y;
  if (self->document != NULL)
    lb_measurement_compute (m, self->document);
  changed (self);
}

/* The app says what it measured, so a test can ask the CLI for the same shape. */
static void
log_measurement (LbMeasurement *m)
{
  g_autofree char *row = lb_measurement_dup_row (m);

  g_debug ("measured: %s", row);
}

void
lb_tool_layer_release (LbToolLayer *self)
{
  LbMeasurement *m = self->selected;

  if (m == NULL || self->drag == DRAG_NONE)
    return;
  self->drag = DRAG_NONE;
  if (lb_measurement_is_complete (m))
    log_measurement (m);
  changed (self);
}

gboolean
lb_tool_layer_delete_selected (LbToolLayer *self)
{
  guint position;

  if (self->selected == NULL
      || !g_list_store_find (self->measurements, self->selected, &position))
    return FALSE;
  self->selected = NULL;
  self->drag = DRAG_NONE;
  g_list_store_remove (self->measurements, position);
  g_debug ("measurement deleted");
  changed (self);
  return TRUE;
}

char *
lb_tool_layer_dup_table (LbToolLayer *self)
{
  GString *s = g_string_new (lb_measurement_table_header ());
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->measurements));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbMeasurement) m = g_list_model_get_item (G_LIST_MODEL (self->measurements), i);
      g_autofree char *row = NULL;
      if (!lb_measurement_is_complete (m))
        continue;
      row = lb_measurement_dup_row (m);
      g_string_append_printf (s, "%s\n", row);
    }
  return g_string_free (s, FALSE);
}

/* ---- Drawing ---------------------------------------------------------------------------- */

/* Outlined in black so the shape and its text read on bone and on air, on a projector too. */
static void
stroke_outlined (cairo_t *cr,
                 gboolean selected)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_set_line_width (cr, 4);
  cairo_stroke_preserve (cr);
  if (selected)
    cairo_set_source_rgb (cr, 0.35, 1.0, 0.55);
  else
    cairo_set_source_rgb (cr, 1.0, 0.85, 0.2);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

/* The shape's path in image coordinates, under the canvas transform. */
static void
shape_path (LbMeasurement        *m,
            cairo_t              *cr,
            const cairo_matrix_t *to_widget)
{
  LbDicomRoi roi;
  double x, y;

  cairo_save (cr);
  cairo_transform (cr, to_widget);
  switch (lb_measurement_get_kind (m))
    {
    case LB_MEASUREMENT_RECT:
      lb_measurement_get_roi (m, &roi);
      cairo_rectangle (cr, roi.a, roi.b, roi.c, roi.d);
      break;
    case LB_MEASUREMENT_ELLIPSE:
      lb_measurement_get_roi (m, &roi);
      if (roi.c > 0 && roi.d > 0)
        {
          cairo_translate (cr, roi.a, roi.b);
          cairo_scale (cr, roi.c, roi.d);
          cairo_new_sub_path (cr);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
        }
      break;
    case LB_MEASUREMENT_LINE:
    case LB_MEASUREMENT_ANGLE:
    default:
      for (guint i = 0; i < lb_measurement_get_n_points (m); i++)
        {
          lb_measurement_get_point (m, i, &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      break;
    }
  /* Restoring keeps the path but strokes it in widget pixels: lines stay 2 px at any zoom. */
  cairo_restore (cr);
}

static void
draw_handles (LbMeasurement        *m,
              cairo_t              *cr,
              const cairo_matrix_t *to_widget)
{
  double x, y;

  for (guint k = 0; k < n_handles (m); k++)
    {
      get_handle (m, k, &x, &y);
      cairo_matrix_transform_point (to_widget, &x, &y);
      cairo_rectangle (cr, x - 4, y - 4, 8, 8);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.35, 1.0, 0.55);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

/* The label goes right of the shape's handles as drawn, at their top. */
static void
draw_label (LbMeasurement        *m,
            double                scale,
            cairo_t              *cr,
            const cairo_matrix_t *to_widget)
{
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoFontDescription) font = NULL;
  double right = -G_MAXDOUBLE, left = G_MAXDOUBLE, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  double x, y;
  double clip_x0, clip_y0, clip_x1, clip_y1;
  int text_w, text_h;

  if (*lb_measurement_get_label (m) == '\0')
    return;
  for (guint k = 0; k < n_handles (m); k++)
    {
      get_handle (m, k, &x, &y);
      cairo_matrix_transform_point (to_widget, &x, &y);
      right = MAX (right, x);
      left = MIN (left, x);
      top = MIN (top, y);
      bottom = MAX (bottom, y);
    }
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans Bold 12");
  if (scale > 1.0)
    pango_font_description_set_size (font, (gint) (12 * PANGO_SCALE * scale));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, lb_measurement_get_label (m), -1);
  /* Beside the shape, on the side where it fits in the view. */
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  cairo_clip_extents (cr, &clip_x0, &clip_y0, &clip_x1, &clip_y1);
  if (right + 10 + text_w <= clip_x1 - 4)
    {
      x = right + 10;
      y = top;
    }
  else
    {
      /* Below, not to the left: the corner text sits in the top corners. */
      x = MAX (clip_x0 + 4, MIN (left, clip_x1 - 4 - text_w));
      y = bottom + 10;
    }
  y = CLAMP (y, clip_y0 + 4, MAX (clip_y0 + 4, clip_y1 - 4 - text_h));
  /* A dark rim (the text shifted 2 px in eight directions), then the text. Glyphs come from
   * cairo's glyph cache; stroking their outlines instead tessellated every curve on every
   * frame, which made a window drag at 4096² with three ROI labels shown 8-14 times slower
   * than without them (bench/drag-rois.sh). */
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int dy = -2; dy <= 2; dy += 2)
    for (int dx = -2; dx <= 2; dx += 2)
      if (dx != 0 || dy != 0)
        {
          cairo_move_to (cr, x + dx, y + dy);
          pango_cairo_show_layout (cr, layout);
        }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
lb_tool_layer_draw (LbToolLayer          *self,
                    cairo_t              *cr,
                    const cairo_matrix_t *image_to_widget)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->measurements));

  cairo_save (cr);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbMeasurement) m = g_list_model_get_item (G_LIST_MODEL (self->measurements), i);
      if (!is_shown (self, m))
        continue;
      cairo_new_path (cr);
      shape_path (m, cr, image_to_widget);
      stroke_outlined (cr, m == self->selected);
      if (m == self->selected)
        draw_handles (m, cr, image_to_widget);
      draw_label (m, self->label_scale, cr, image_to_widget);
    }
  cairo_restore (cr);
}

void
lb_tool_layer_set_label_scale (LbToolLayer *self,
                               double       scale)
{
  g_return_if_fail (LB_IS_TOOL_LAYER (self));
  if (self->label_scale == scale)
    return;
  self->label_scale = scale;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
