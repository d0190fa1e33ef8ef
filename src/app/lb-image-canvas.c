/* lb-image-canvas.c: draws a cached CAIRO_FORMAT_ARGB32 surface made through the folded LUT.
 *
 * Map only what is shown: when the image is drawn smaller than its size, the stored values are
 * first reduced to the shown size (lb_dicom_frame_reduce, once per zoom level) and the LUT runs
 * on that copy, so a window drag over a 4096² frame touches about a megapixel, not sixteen. */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include <glib/gi18n.h>
#include <math.h>

#include "lb-image-canvas-private.h"

#define ZOOM_MIN 0.02
#define ZOOM_MAX 64.0


G_DEFINE_FINAL_TYPE (LbImageCanvas, lb_image_canvas, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_WINDOW_CENTER,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_SOURCE,
  PROP_ZOOM,
  PROP_PROBE_TEXT,
  PROP_SHOW_OVERLAY,
  PROP_INVERT,
  N_PROPS
};

enum {
  SIGNAL_NAVIGATE,
  SIGNAL_FIRST_IMAGE_DRAWN,
  SIGNAL_VIEW_CHANGED,
  N_SIGNALS
};

static GParamSpec *pspecs[N_PROPS];

void
lb_image_canvas_notify_probe (LbImageCanvas *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_PROBE_TEXT]);
}
static guint signals[N_SIGNALS];

void
lb_image_canvas_compute_drag (double          start_center,
                              double          start_width,
                              double          dx,
                              double          dy,
                              double          range,
                              gboolean        fine,
                              LbDragDirection direction,
                              double         *center,
                              double         *width)
{
  double speed = MAX (range, 1.0) / 512.0;
  double sign = direction == LB_DRAG_DIRECTION_INVERTED ? -1.0 : 1.0;

  if (fine)
    speed /= 10.0;
  /* Horizontal: width (right = wider, less contrast); vertical: centre (down = higher centre,
   * darker image). Relative to the values at drag-begin, so a drag is reversible. */
  *width = MAX (start_width + sign * dx * speed, 1e-3);
  *center = start_center + sign * dy * speed;
}

static double
frame_range (LbImageCanvas *self)
{
  double a, b;

  if (self->frame == NULL)
    return 1.0;
  a = lb_dicom_stored_to_modality (&self->display, self->frame->min);
  b = lb_dicom_stored_to_modality (&self->display, self->frame->max);
  return MAX (fabs (b - a), 1.0);
}

double
lb_image_canvas_get_range (LbImageCanvas *self)
{
  return frame_range (self);
}

static void
invalidate_surface (LbImageCanvas *self)
{
  self->surface_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_cache (LbImageCanvas *self)
{
  g_clear_pointer (&self->reduced, lb_dicom_frame_free);
  g_clear_pointer (&self->lut, lb_dicom_display_lut_free);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  self->surface_dirty = TRUE;
}

static void
get_rotated_size (LbImageCanvas *self,
                  double        *w,
                  double        *h)
{
  double fw = self->frame != NULL ? self->frame->width : 1;
  double fh = self->frame != NULL ? self->frame->height : 1;

  if (self->rotation % 2 != 0)
    {
      *w = fh;
      *h = fw;
    }
  else
    {
      *w = fw;
      *h = fh;
    }
}

double
lb_image_canvas_effective_scale (LbImageCanvas *self)
{
  double iw, ih;
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (!self->fit)
    return self->zoom;
  get_rotated_size (self, &iw, &ih);
  if (w <= 0 || h <= 0)
    return 1.0;
  return MIN (w / iw, h / ih);
}

double
lb_image_canvas_get_zoom (LbImageCanvas *self)
{
  return lb_image_canvas_effective_scale (self);
}

/* Whether a table built for `built` maps every stored value as `wanted` does. Tables read
 * through a modality or VOI LUT borrow it from their file, so they are never taken as equal. */
static gboolean
same_display (const LbDicomDisplay *built,
              const LbDicomDisplay *wanted)
{
  return built->modality_lut == NULL && wanted->modality_lut == NULL && built->voi_lut == NULL
         && wanted->voi_lut == NULL && built->slope == wanted->slope
         && built->intercept == wanted->intercept && built->voi_source == wanted->voi_source
         && built->function == wanted->function && built->center == wanted->center
         && built->width == wanted->width && built->invert == wanted->invert;
}

/* Whether the table made for the previous frame indexes `frame` too: lb_dicom_display_lut_new
 * sizes it from the samples, bits, sign and type alone, which a series's slices share, so
 * scrolling does not build 4,096-65,536 entries again per slice. */
static gboolean
lut_fits (LbImageCanvas      *self,
          const LbDicomFrame *frame)
{
  return self->lut != NULL && self->lut_samples == frame->samples
         && self->lut_bits == frame->bits && self->lut_signed == frame->is_signed
         && self->lut_type == frame->type;
}

/* Brings the reduced copy, the LUT and the surface up to date for `scale`. */
static void
ensure_surface (LbImageCanvas *self,
                double         scale)
{
  const LbDicomFrame *src;
  guint rw, rh;

  if (self->frame == NULL)
    return;

  rw = self->frame->width;
  rh = self->frame->height;
  if (scale < 0.999)
    {
      rw = MAX (1, (guint) ceil (self->frame->width * scale));
      rh = MAX (1, (guint) ceil (self->frame->height * scale));
    }

  src = self->reduced != NULL ? self->reduced : self->frame;
  if (src->width != rw || src->height != rh)
    {
      g_clear_pointer (&self->reduced, lb_dicom_frame_free);
      g_clear_pointer (&self->lut, lb_dicom_display_lut_free);
      g_clear_pointer (&self->surface, cairo_surface_destroy);
      if (rw != self->frame->width || rh != self->frame->height)
        self->reduced = lb_dicom_frame_reduce (self->frame, rw, rh);
      src = self->reduced != NULL ? self->reduced : self->frame;
      self->surface_dirty = TRUE;
    }

  if (self->lut == NULL)
    {
      self->lut = lb_dicom_display_lut_new (src);
      self->lut_built = FALSE;
      self->lut_samples = src->samples;
      self->lut_bits = src->bits;
      self->lut_signed = src->is_signed;
      self->lut_type = src->type;
      self->surface_dirty = TRUE;
    }
  if (self->surface == NULL)
    {
      /* ARGB32, not RGB24, though every pixel is opaque (the render writes 0xffRRGGBB): pixman
       * scales an a8r8g8b8 source in its SSE2 bilinear paths, an x8r8g8b8 one in its generic C
       * fetcher, which took 2-5x longer per paint (perf on bench/cine.py). Same pixels. */
      self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, src->width, src->height);
      self->surface_dirty = TRUE;
    }
  if (self->surface_dirty && self->lut != NULL
      && cairo_surface_status (self->surface) == CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_flush (self->surface);
      if (!self->lut_built || !same_display (&self->lut->display, &self->display))
        lb_dicom_display_lut_build (self->lut, &self->display);
      self->lut_built = TRUE;
      lb_dicom_render (self->lut, src, LB_DICOM_RENDER_XRGB32,
                       cairo_image_surface_get_data (self->surface),
                       cairo_image_surface_get_stride (self->surface));
      cairo_surface_mark_dirty (self->surface);
      self->surface_dirty = FALSE;
    }
}

/* Image → widget transform. */
void
lb_image_canvas_setup_transform (LbImageCanvas *self,
                 cairo_t       *cr,
                 int            width,
                 int            height,
                 double         scale)
{
  cairo_translate (cr, width / 2.0 + self->pan_x, height / 2.0 + self->pan_y);
  cairo_rotate (cr, self->rotation * G_PI / 2.0);
  cairo_scale (cr, self->flip ? -scale : scale, scale);
  cairo_translate (cr, -(double) self->frame->width / 2.0, -(double) self->frame->height / 2.0);
}

static gboolean
emit_first_image_drawn (gpointer user_data)
{
  LbImageCanvas *self = user_data;

  self->first_image_idle = 0;
  g_signal_emit (self, signals[SIGNAL_FIRST_IMAGE_DRAWN], 0);
  return G_SOURCE_REMOVE;
}

static void
lb_image_canvas_draw (GtkDrawingArea *area,
                      cairo_t        *cr,
                      int             width,
                      int             height,
                      gpointer        user_data)
{
  LbImageCanvas *self = LB_IMAGE_CANVAS (area);
  double scale;
  double sx, sy;
  const LbDicomFrame *src;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);

  if (self->frame == NULL)
    return;

  scale = lb_image_canvas_effective_scale (self);
  ensure_surface (self, scale);
  if (self->surface == NULL)
    return;

  src = self->reduced != NULL ? self->reduced : self->frame;
  sx = (double) self->frame->width / src->width;
  sy = (double) self->frame->height / src->height;

  cairo_save (cr);
  lb_image_canvas_setup_transform (self, cr, width, height, scale);
  cairo_scale (cr, sx, sy);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  /* Enlarged pixels stay square so students see the real matrix. */
  cairo_pattern_set_filter (cairo_get_source (cr),
                            scale * 1.0 / sx > 1.5 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, src->width, src->height);
  cairo_fill (cr);
  cairo_restore (cr);
  lb_image_canvas_draw_tint (self, cr, width, height, scale);
  lb_image_canvas_draw_tools (self, cr);
  lb_image_canvas_note_shown (self);
  if (!self->painted_once)
    {
      /* bench/startup.py times start-up to this line. */
      self->painted_once = TRUE;
      g_debug ("first image drawn");
      /* Handlers may change widgets, which they must not do while this frame is drawn. */
      self->first_image_idle = g_idle_add (emit_first_image_drawn, self);
    }

  if (self->show_overlay && self->document != NULL)
    lb_image_canvas_draw_overlay (self, cr, width, height);
  lb_image_canvas_draw_banner (self, cr, width, height);
}

static void
notify_window (LbImageCanvas *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_WINDOW_CENTER]);
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_WINDOW_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_WINDOW_SOURCE]);
}

static void
set_source (LbImageCanvas  *self,
            LbWindowSource  source,
            const char     *name)
{
  self->source = source;
  g_free (self->source_name);
  self->source_name = g_strdup (name);
}

void
lb_image_canvas_set_window (LbImageCanvas  *self,
                            double          center,
                            double          width,
                            LbWindowSource  source,
                            const char     *source_name)
{
  g_return_if_fail (LB_IS_IMAGE_CANVAS (self));

  self->display.voi_source = LB_DICOM_VOI_SOURCE_WINDOW;
  lb_dicom_display_set_window (&self->display, center, MAX (width, 1e-3));
  set_source (self, source, source_name);
  invalidate_surface (self);
  notify_window (self);
  if (source != LB_WINDOW_SOURCE_MANUAL)
    g_debug ("window %s C %g W %g", source == LB_WINDOW_SOURCE_PRESET ? "preset" : "set", center,
             width);
}

void
lb_image_canvas_use_stored_window (LbImageCanvas *self,
                                   guint          index)
{
  const LbDicomImageInfo *info;

  if (self->document == NULL || (info = lb_document_get_image_info (self->document)) == NULL)
    return;
  if (!lb_dicom_display_set_stored_window (&self->display, info, index))
    return;
  set_source (self, LB_WINDOW_SOURCE_FILE, info->windows[index].explanation);
  invalidate_surface (self);
  notify_window (self);
}

void
lb_image_canvas_use_minmax (LbImageCanvas *self)
{
  if (self->frame == NULL)
    return;
  lb_dicom_display_set_minmax (&self->display, self->frame);
  set_source (self, LB_WINDOW_SOURCE_AUTO, NULL);
  invalidate_surface (self);
  notify_window (self);
  g_debug ("window set C %g W %g (auto)", self->display.center, self->display.width);
}

double
lb_image_canvas_get_window_center (LbImageCanvas *self)
{
  return self->display.center;
}

double
lb_image_canvas_get_window_width (LbImageCanvas *self)
{
  return self->display.width;
}

LbWindowSource
lb_image_canvas_get_window_source (LbImageCanvas *self)
{
  return self->source;
}

const char *
lb_image_canvas_get_window_source_name (LbImageCanvas *self)
{
  return self->source_name;
}

/* The pipeline as drawn (window, function, inversion), or NULL without an image. */
const LbDicomDisplay *
lb_image_canvas_get_display (LbImageCanvas *self)
{
  return self->frame != NULL ? &self->display : NULL;
}

void
lb_image_canvas_set_document (LbImageCanvas *self,
                              LbDocument    *document,
                              gboolean       keep_window)
{
  LbDicomDisplay old = self->display;
  LbWindowSource old_source = self->source;
  g_autofree char *old_name = g_strdup (self->source_name);
  const LbDicomImageInfo *info = NULL;
  /* The old frame may already be freed (by its document, or with it): only its shape, kept
   * when it was set, is compared. */
  gboolean had_frame = self->frame != NULL;
  guint old_width = self->frame_width;
  guint old_height = self->frame_height;
  LbDicomSampleType old_type = self->frame_type;

  g_return_if_fail (LB_IS_IMAGE_CANVAS (self));

  g_set_object (&self->document, document);
  self->frame = document != NULL ? lb_document_get_frame (document) : NULL;
  self->frame_width = self->frame != NULL ? self->frame->width : 0;
  self->frame_height = self->frame != NULL ? self->frame->height : 0;
  self->frame_type = self->frame != NULL ? self->frame->type : LB_DICOM_SAMPLE_U8;
  lb_image_canvas_tools_document_changed (self);
  lb_image_canvas_tint_clear (self);
  if (self->frame == NULL || document == NULL)
    {
      clear_cache (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  /* A new frame of another size or type needs new copies; the same shape keeps the surface. */
  if (!had_frame || old_width != self->frame->width || old_height != self->frame->height
      || old_type != self->frame->type)
    clear_cache (self);
  else
    {
      g_clear_pointer (&self->reduced, lb_dicom_frame_free);
      if (!lut_fits (self, self->frame))
        g_clear_pointer (&self->lut, lb_dicom_display_lut_free);
    }

  info = lb_document_get_image_info (document);
  lb_dicom_display_init (&self->display, info, self->frame);
  self->base_invert = self->display.invert;
  self->display.invert = self->base_invert != self->invert;

  if (keep_window && old_source != LB_WINDOW_SOURCE_NONE && old_source != LB_WINDOW_SOURCE_FILE
      && old_source != LB_WINDOW_SOURCE_AUTO)
    {
      self->display.voi_source = LB_DICOM_VOI_SOURCE_WINDOW;
      lb_dicom_display_set_window (&self->display, old.center, old.width);
      set_source (self, old_source, old_name);
    }
  else if (info != NULL && info->n_windows > 0)
    set_source (self, LB_WINDOW_SOURCE_FILE, info->windows[0].explanation);
  else
    set_source (self, LB_WINDOW_SOURCE_AUTO, NULL);

  if (!keep_window)
    {
      self->fit = TRUE;
      self->pan_x = self->pan_y = 0;
    }
  invalidate_surface (self);
  notify_window (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_ZOOM]);
}

LbDocument *
lb_image_canvas_get_document (LbImageCanvas *self)
{
  return self->document;
}

void
lb_image_canvas_set_drag_direction (LbImageCanvas   *self,
                                    LbDragDirection  direction)
{
  self->direction = direction;
}

static void
set_zoom (LbImageCanvas *self,
          double         zoom)
{
  self->fit = FALSE;
  self->zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_ZOOM]);
}

void
lb_image_canvas_zoom_by (LbImageCanvas *self,
                         double         factor)
{
  double old = lb_image_canvas_effective_scale (self);

  set_zoom (self, old * factor);
  self->pan_x *= self->zoom / old;
  self->pan_y *= self->zoom / old;
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
lb_image_canvas_zoom_fit (LbImageCanvas *self)
{
  self->fit = TRUE;
  self->pan_x = self->pan_y = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_ZOOM]);
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
lb_image_canvas_zoom_one (LbImageCanvas *self)
{
  set_zoom (self, 1.0);
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
lb_image_canvas_rotate (LbImageCanvas *self,
                        int            quarter_turns)
{
  self->rotation = ((self->rotation + quarter_turns) % 4 + 4) % 4;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
lb_image_canvas_flip (LbImageCanvas *self)
{
  self->flip = !self->flip;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
lb_image_canvas_pan (LbImageCanvas *self,
                     double         dx,
                     double         dy)
{
  self->pan_x += dx;
  self->pan_y += dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
lb_image_canvas_reset_view (LbImageCanvas *self)
{
  self->rotation = 0;
  self->flip = FALSE;
  lb_image_canvas_zoom_fit (self);
}

void
lb_image_canvas_set_series_position (LbImageCanvas *self,
                                     guint          index,
                                     guint          count)
{
  self->series_index = index;
  self->series_count = count;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
lb_image_canvas_get_probe_text (LbImageCanvas *self)
{
  return self->probe_text;
}

/* For lb-image-canvas-input.c, which has no access to the signal and property tables. */
void
lb_image_canvas_emit_navigate (LbImageCanvas *self,
                               int            steps)
{
  g_signal_emit (self, signals[SIGNAL_NAVIGATE], 0, steps);
}

void
lb_image_canvas_emit_view_changed (LbImageCanvas *self)
{
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

void
lb_image_canvas_notify_zoom (LbImageCanvas *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_ZOOM]);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lb_image_canvas_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LbImageCanvas *self = LB_IMAGE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_WINDOW_CENTER:
      g_value_set_double (value, self->display.center);
      break;
    case PROP_WINDOW_WIDTH:
      g_value_set_double (value, self->display.width);
      break;
    case PROP_WINDOW_SOURCE:
      g_value_set_int (value, self->source);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, lb_image_canvas_effective_scale (self));
      break;
    case PROP_PROBE_TEXT:
      g_value_set_string (value, self->probe_text);
      break;
    case PROP_SHOW_OVERLAY:
      g_value_set_boolean (value, self->show_overlay);
      break;
    case PROP_INVERT:
      g_value_set_boolean (value, self->invert);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_image_canvas_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LbImageCanvas *self = LB_IMAGE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SHOW_OVERLAY:
      if (self->show_overlay != g_value_get_boolean (value))
        {
          self->show_overlay = g_value_get_boolean (value);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_INVERT:
      if (self->invert != g_value_get_boolean (value))
        {
          self->invert = g_value_get_boolean (value);
          self->display.invert = self->base_invert != self->invert;
          invalidate_surface (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_image_canvas_dispose (GObject *object)
{
  LbImageCanvas *self = LB_IMAGE_CANVAS (object);

  g_clear_handle_id (&self->first_image_idle, g_source_remove);
  clear_cache (self);
  lb_image_canvas_tint_clear (self);
  self->frame = NULL;
  g_clear_object (&self->tools);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_IMAGE_CANVAS);
  G_OBJECT_CLASS (lb_image_canvas_parent_class)->dispose (object);
}

static void
lb_image_canvas_finalize (GObject *object)
{
  LbImageCanvas *self = LB_IMAGE_CANVAS (object);

  g_free (self->probe_text);
  g_free (self->source_name);
  g_free (self->banner);
  G_OBJECT_CLASS (lb_image_canvas_parent_class)->finalize (object);
}

static void
lb_image_canvas_class_init (LbImageCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lb_image_canvas_get_property;
  object_class->set_property = lb_image_canvas_set_property;
  object_class->dispose = lb_image_canvas_dispose;
  object_class->finalize = lb_image_canvas_finalize;

  pspecs[PROP_WINDOW_CENTER] =
    g_param_spec_double ("window-center", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_WINDOW_WIDTH] =
    g_param_spec_double ("window-width", NULL, NULL, 0, G_MAXDOUBLE, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_WINDOW_SOURCE] =
    g_param_spec_int ("window-source", NULL, NULL, 0, LB_WINDOW_SOURCE_MANUAL, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, G_MAXDOUBLE, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_PROBE_TEXT] =
    g_param_spec_string ("probe-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_SHOW_OVERLAY] =
    g_param_spec_boolean ("show-overlay", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_INVERT] =
    g_param_spec_boolean ("invert", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, pspecs);

  signals[SIGNAL_NAVIGATE] =
    g_signal_new ("navigate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* Once, after the canvas has drawn its first image: what start-up deferred can follow. */
  signals[SIGNAL_FIRST_IMAGE_DRAWN] =
    g_signal_new ("first-image-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /* Zoom, pan, rotation or flip changed by the user (linked views follow the zoom and pan:
   * lb-layout.c; reference lines redraw: lb-crosshair.c). */
  signals[SIGNAL_VIEW_CHANGED] =
    g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-image-canvas.ui");
  lb_image_canvas_input_class_init (widget_class);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lb_image_canvas_init (LbImageCanvas *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fit = TRUE;
  self->zoom = 1.0;
  self->show_overlay = TRUE;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), lb_image_canvas_draw, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Image"), -1);
}

GtkWidget *
lb_image_canvas_new (void)
{
  return g_object_new (LB_TYPE_IMAGE_CANVAS, NULL);
}
