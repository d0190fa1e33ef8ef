/* lb-histogram.c: counts modality values (HU for CT), not stored or display values, and draws
 * the current window as a band; dragging an edge moves that edge, dragging inside moves the
 * centre, and ::window-changed tells the window, which sets it on the canvas. */
#include "config.h"

#define G_LOG_DOMAIN "lb-histogram"

#include <glib/gi18n.h>
#include <math.h>

#include "lb-histogram.h"

#define MARGIN 6.0
#define EDGE_GRAB 6.0

struct _LbHistogram
{
  GtkDrawingArea parent_instance;

  LbDicomHistogram *data;
  double center, width;
  double lo, hi;                  /* x axis range in modality units */
  gboolean logarithmic;

  int grab;                       /* see lb_histogram_hit_test */
  double grab_lower, grab_upper;
};

G_DEFINE_FINAL_TYPE (LbHistogram, lb_histogram, GTK_TYPE_DRAWING_AREA)

enum { PROP_0, PROP_LOGARITHMIC, N_PROPS };
enum { SIGNAL_WINDOW_CHANGED, N_SIGNALS };

static GParamSpec *pspecs[N_PROPS];
static guint signals[N_SIGNALS];

static double
value_to_x (LbHistogram *self,
            double       v)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;

  return MARGIN + (v - self->lo) / MAX (self->hi - self->lo, 1e-9) * w;
}

double
lb_histogram_x_to_value (LbHistogram *self,
                         double       x)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;

  return self->lo + (x - MARGIN) / MAX (w, 1.0) * (self->hi - self->lo);
}

int
lb_histogram_hit_test (LbHistogram *self,
                       double       x)
{
  double xl = value_to_x (self, self->center - self->width / 2);
  double xu = value_to_x (self, self->center + self->width / 2);

  if (self->data == NULL)
    return 2;
  if (fabs (x - xl) <= EDGE_GRAB)
    return -1;
  if (fabs (x - xu) <= EDGE_GRAB)
    return 1;
  if (x > xl && x < xu)
    return 0;
  return 2;
}

static void
lb_histogram_draw (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  LbHistogram *self = LB_HISTOGRAM (area);
  g_autoptr (PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  double top = MARGIN, bottom = height - 18.0;
  double xl, xu;
  uint64_t peak = 1;
  int cols = MAX (1, width - 2 * (int) MARGIN);
  g_autofree double *acc = NULL;

  cairo_set_source_rgb (cr, 0.08, 0.08, 0.09);
  cairo_paint (cr);
  if (self->data == NULL || self->data->n_bins == 0)
    return;

  /* Re-bin to one column per pixel (max of the bins it covers keeps thin peaks visible). */
  acc = g_new0 (double, cols);
  for (uint32_t i = 0; i < self->data->n_bins; i++)
    {
      double v = self->data->min + (i + 0.5) * self->data->bin_width;
      int c = (int) (value_to_x (self, v) - MARGIN);

      if (c >= 0 && c < cols)
        acc[c] += self->data->bins[i];
    }
  for (int c = 0; c < cols; c++)
    peak = MAX (peak, (uint64_t) acc[c]);

  xl = value_to_x (self, self->center - self->width / 2);
  xu = value_to_x (self, self->center + self->width / 2);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.30);
  cairo_rectangle (cr, xl, top, xu - xl, bottom - top);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  for (int c = 0; c < cols; c++)
    {
      double f;

      if (acc[c] <= 0)
        continue;
      f = self->logarithmic ? log1p (acc[c]) / log1p ((double) peak) : acc[c] / (double) peak;
      cairo_rectangle (cr, MARGIN + c, bottom - f * (bottom - top), 1, f * (bottom - top));
    }
  cairo_fill (cr);

  /* The band's edges and centre. */
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgb (cr, 0.38, 0.63, 0.92);
  cairo_move_to (cr, xl, top);
  cairo_line_to (cr, xl, bottom);
  cairo_move_to (cr, xu, top);
  cairo_line_to (cr, xu, bottom);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 3, 3 }, 2, 0);
  cairo_move_to (cr, (xl + xu) / 2, top);
  cairo_line_to (cr, (xl + xu) / 2, bottom);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  text = g_strdup_printf ("%.0f", self->lo);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, MARGIN, bottom + 1);
  pango_cairo_show_layout (cr, layout);
  g_free (text);
  {
    int tw, th;

    text = g_strdup_printf ("%.0f", self->hi);
    pango_layout_set_text (layout, text, -1);
    pango_layout_get_pixel_size (layout, &tw, &th);
    cairo_move_to (cr, width - MARGIN - tw, bottom + 1);
    pango_cairo_show_layout (cr, layout);
    g_free (text);

    /* Translators: under the histogram: the window's lowest and highest value shown */
    text = g_strdup_printf (_("[%.0f … %.0f]  %s"), self->center - self->width / 2,
                            self->center + self->width / 2,
                            self->logarithmic ? _("log") : _("linear"));
    pango_layout_set_text (layout, text, -1);
    pango_layout_get_pixel_size (layout, &tw, &th);
    cairo_move_to (cr, (width - tw) / 2.0, bottom + 1);
    pango_cairo_show_layout (cr, layout);
  }
}

static void
update_range (LbHistogram *self)
{
  double pad;

  if (self->data == NULL)
    return;
  self->lo = self->data->min;
  self->hi = self->data->max;
  pad = MAX ((self->hi - self->lo) * 0.02, 1.0);
  self->lo -= pad;
  self->hi += pad;
}

void
lb_histogram_set_document (LbHistogram *self,
                           LbDocument  *document,
                           double       center,
                           double       width)
{
  const LbDicomFrame *frame = document != NULL ? lb_document_get_frame (document) : NULL;

  g_clear_pointer (&self->data, lb_dicom_histogram_free);
  if (frame != NULL && frame->samples == 1)
    {
      LbDicomDisplay display;

      lb_dicom_display_init (&display, lb_document_get_image_info (document), frame);
      self->data = lb_dicom_histogram_new (frame, &display, 1024);
    }
  update_range (self);
  self->center = center;
  self->width = width;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lb_histogram_set_window (LbHistogram *self,
                         double       center,
                         double       width)
{
  self->center = center;
  self->width = width;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const LbDicomHistogram *
lb_histogram_get_data (LbHistogram *self)
{
  return self->data;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LbHistogram    *self)
{
  self->grab = lb_histogram_hit_test (self, x);
  if (self->grab == 2)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->grab_lower = self->center - self->width / 2;
  self->grab_upper = self->center + self->width / 2;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LbHistogram    *self)
{
  double dv = lb_histogram_x_to_value (self, dx) - lb_histogram_x_to_value (self, 0);
  double lower = self->grab_lower, upper = self->grab_upper;

  if (self->grab == -1)
    lower = MIN (lower + dv, upper - 1);
  else if (self->grab == 1)
    upper = MAX (upper + dv, lower + 1);
  else if (self->grab == 0)
    {
      lower += dv;
      upper += dv;
    }
  else
    return;
  self->center = (lower + upper) / 2;
  self->width = upper - lower;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_WINDOW_CHANGED], 0, self->center, self->width);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LbHistogram    *self)
{
  /* The GUI tests wait for this line, then for the canvas's "shown:" line of this window. */
  if (self->grab >= -1 && self->grab <= 1)
    g_debug ("histogram drag ended: C %.1f W %.1f", self->center, self->width);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LbHistogram              *self)
{
  int hit = lb_histogram_hit_test (self, x);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hit == 0 ? "grab" : hit == 2 ? NULL : "col-resize");
}

static void
lb_histogram_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LbHistogram *self = LB_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_LOGARITHMIC:
      g_value_set_boolean (value, self->logarithmic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_histogram_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LbHistogram *self = LB_HISTOGRAM (object);

  switch (prop_id)
    {
    case PROP_LOGARITHMIC:
      if (self->logarithmic != g_value_get_boolean (value))
        {
          self->logarithmic = g_value_get_boolean (value);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_histogram_dispose (GObject *object)
{
  LbHistogram *self = LB_HISTOGRAM (object);

  g_clear_pointer (&self->data, lb_dicom_histogram_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_HISTOGRAM);
  G_OBJECT_CLASS (lb_histogram_parent_class)->dispose (object);
}

static void
lb_histogram_class_init (LbHistogramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lb_histogram_get_property;
  object_class->set_property = lb_histogram_set_property;
  object_class->dispose = lb_histogram_dispose;

  pspecs[PROP_LOGARITHMIC] =
    g_param_spec_boolean ("logarithmic", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, pspecs);

  signals[SIGNAL_WINDOW_CHANGED] =
    g_signal_new ("window-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-histogram.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_drag_begin);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_update);
  gtk_widget_class_bind_template_callback (widget_class, on_drag_end);
  gtk_widget_class_bind_template_callback (widget_class, on_motion);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lb_histogram_init (LbHistogram *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->logarithmic = TRUE;
  self->width = 1;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), lb_histogram_draw, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Histogram"), -1);
}

GtkWidget *
lb_histogram_new (void)
{
  return g_object_new (LB_TYPE_HISTOGRAM, NULL);
}
