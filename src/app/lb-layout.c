/* lb-layout.c: the viewports on show and the links between them (see lb-layout.h).
 *
 * The grid is filled from code, not from a template: which viewports it holds, and where,
 * changes with the mode. The four viewports live as long as the layout, so a viewport hidden by
 * a smaller layout keeps its image for when it comes back. */
#include "config.h"

#define G_LOG_DOMAIN "lb-layout"

#include "lb-image-canvas-view.h"
#include "lb-layout.h"

struct _LbLayout
{
  GtkWidget parent_instance;

  GtkGrid *grid;
  LbViewport *viewports[LB_LAYOUT_MAX_VIEWPORTS];
  LbLayoutMode mode;
  LbViewport *active;
  gboolean link_window;
  gboolean link_zoom;
  gboolean link_scroll;
  gboolean propagating;                /* copying a change to linked views: no echo */
};

G_DEFINE_FINAL_TYPE (LbLayout, lb_layout, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODE,
  PROP_ACTIVE,
  PROP_LINK_WINDOW,
  PROP_LINK_ZOOM,
  PROP_LINK_SCROLL,
  N_PROPS
};

static GParamSpec *pspecs[N_PROPS];

static const char *const mode_names[] = { "single", "two", "four", "planes" };

gboolean
lb_layout_mode_from_name (const char   *name,
                          LbLayoutMode *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (mode_names); i++)
    if (g_strcmp0 (name, mode_names[i]) == 0)
      {
        *mode = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lb_layout_mode_to_name (LbLayoutMode mode)
{
  return mode < G_N_ELEMENTS (mode_names) ? mode_names[mode] : "single";
}

static guint
n_shown_for (LbLayoutMode mode)
{
  switch (mode)
    {
    case LB_LAYOUT_TWO:
      return 2;
    case LB_LAYOUT_FOUR:
      return 4;
    case LB_LAYOUT_PLANES:
      return 3;
    case LB_LAYOUT_SINGLE:
    default:
      return 1;
    }
}

guint
lb_layout_get_n_shown (LbLayout *self)
{
  return n_shown_for (self->mode);
}

static gboolean
is_shown (LbLayout   *self,
          LbViewport *viewport)
{
  for (guint i = 0; i < lb_layout_get_n_shown (self); i++)
    if (self->viewports[i] == viewport)
      return TRUE;
  return FALSE;
}

LbViewport *
lb_layout_get_viewport (LbLayout *self,
                        guint     index)
{
  g_return_val_if_fail (index < LB_LAYOUT_MAX_VIEWPORTS, NULL);
  return self->viewports[index];
}

LbViewport *
lb_layout_get_active (LbLayout *self)
{
  return self->active;
}

LbViewport *
lb_layout_get_other (LbLayout *self)
{
  for (guint i = 0; i < lb_layout_get_n_shown (self); i++)
    if (self->viewports[i] != self->active)
      return self->viewports[i];
  return NULL;
}

void
lb_layout_set_active (LbLayout   *self,
                      LbViewport *viewport)
{
  if (viewport == self->active || !is_shown (self, viewport))
    return;
  if (self->active != NULL)
    lb_viewport_set_active (self->active, FALSE);
  self->active = viewport;
  lb_viewport_set_active (viewport, TRUE);
  g_debug ("active viewport: %s", gtk_widget_get_name (GTK_WIDGET (viewport)));
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_ACTIVE]);
}

LbLayoutMode
lb_layout_get_mode (LbLayout *self)
{
  return self->mode;
}

/* Columns and rows of each mode: two side by side, four two by two. */
static void
arrange (LbLayout *self)
{
  guint n = lb_layout_get_n_shown (self);

  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    if (gtk_widget_get_parent (GTK_WIDGET (self->viewports[i])) != NULL)
      gtk_grid_remove (self->grid, GTK_WIDGET (self->viewports[i]));
  if (self->mode == LB_LAYOUT_PLANES)
    {
      /* 1 + 2: the axial plane on the left, full height; sagittal and coronal on the right. */
      gtk_grid_attach (self->grid, GTK_WIDGET (self->viewports[0]), 0, 0, 1, 2);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->viewports[1]), 1, 0, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->viewports[2]), 1, 1, 1, 1);
    }
  else
    for (guint i = 0; i < n; i++)
      gtk_grid_attach (self->grid, GTK_WIDGET (self->viewports[i]), i % 2, i / 2, 1, 1);
  /* The active frame means something only when there is a choice. */
  if (n > 1)
    gtk_widget_add_css_class (GTK_WIDGET (self), "several");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "several");
}

void
lb_layout_set_mode (LbLayout     *self,
                    LbLayoutMode  mode)
{
  if (mode == self->mode)
    return;
  self->mode = mode;
  arrange (self);
  g_debug ("layout: %s, %u viewports", lb_layout_mode_to_name (mode),
           lb_layout_get_n_shown (self));
  if (!is_shown (self, self->active))
    lb_layout_set_active (self, self->viewports[0]);
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_MODE]);
}

void
lb_layout_follow_navigation (LbLayout *self,
                             int       delta)
{
  if (!self->link_scroll)
    return;
  for (guint i = 0; i < lb_layout_get_n_shown (self); i++)
    if (self->viewports[i] != self->active)
      lb_viewport_follow (self->viewports[i], delta);
}

/* ---- Links ------------------------------------------------------------------------------ */

static void
on_window_changed (LbImageCanvas *canvas,
                   GParamSpec    *pspec,
                   LbLayout      *self)
{
  double center = lb_image_canvas_get_window_center (canvas);
  double width = lb_image_canvas_get_window_width (canvas);

  if (!self->link_window || self->propagating)
    return;
  self->propagating = TRUE;
  for (guint i = 0; i < lb_layout_get_n_shown (self); i++)
    {
      LbImageCanvas *other = lb_viewport_get_canvas (self->viewports[i]);

      if (other != canvas && lb_image_canvas_get_document (other) != NULL)
        lb_image_canvas_set_window (other, center, width,
                                    lb_image_canvas_get_window_source (canvas),
                                    lb_image_canvas_get_window_source_name (canvas));
    }
  self->propagating = FALSE;
}

static void
on_view_changed (LbImageCanvas *canvas,
                 LbLayout      *self)
{
  LbCanvasView view;

  if (!self->link_zoom || self->propagating)
    return;
  lb_image_canvas_get_view (canvas, &view);
  self->propagating = TRUE;
  for (guint i = 0; i < lb_layout_get_n_shown (self); i++)
    {
      LbImageCanvas *other = lb_viewport_get_canvas (self->viewports[i]);

      if (other != canvas)
        lb_image_canvas_set_view (other, &view);
    }
  self->propagating = FALSE;
}

/* A press or a wheel turn in a viewport makes it the active one, before the canvas acts. */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LbLayout        *self)
{
  GtkWidget *viewport = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  lb_layout_set_active (self, LB_VIEWPORT (viewport));
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           LbLayout                 *self)
{
  GtkWidget *viewport = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (scroll));

  lb_layout_set_active (self, LB_VIEWPORT (viewport));
  return FALSE;
}

static void
watch_viewport (LbLayout   *self,
                LbViewport *viewport)
{
  LbImageCanvas *canvas = lb_viewport_get_canvas (viewport);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (viewport), GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (viewport), scroll);

  g_signal_connect_object (canvas, "notify::window-center", G_CALLBACK (on_window_changed),
                           self, 0);
  g_signal_connect_object (canvas, "notify::window-width", G_CALLBACK (on_window_changed),
                           self, 0);
  g_signal_connect_object (canvas, "view-changed", G_CALLBACK (on_view_changed), self, 0);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
lb_layout_dispose (GObject *object)
{
  LbLayout *self = LB_LAYOUT (object);

  if (self->grid != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->grid));
  self->grid = NULL;
  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    g_clear_object (&self->viewports[i]);
  self->active = NULL;
  G_OBJECT_CLASS (lb_layout_parent_class)->dispose (object);
}

static gboolean *
link_field (LbLayout *self,
            guint     prop_id)
{
  switch (prop_id)
    {
    case PROP_LINK_WINDOW:
      return &self->link_window;
    case PROP_LINK_ZOOM:
      return &self->link_zoom;
    case PROP_LINK_SCROLL:
      return &self->link_scroll;
    default:
      return NULL;
    }
}

static void
lb_layout_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LbLayout *self = LB_LAYOUT (object);
  gboolean *link = link_field (self, prop_id);

  if (link != NULL)
    g_value_set_boolean (value, *link);
  else if (prop_id == PROP_MODE)
    g_value_set_int (value, self->mode);
  else if (prop_id == PROP_ACTIVE)
    g_value_set_object (value, self->active);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lb_layout_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LbLayout *self = LB_LAYOUT (object);
  gboolean *link = link_field (self, prop_id);

  if (link != NULL)
    {
      if (*link == g_value_get_boolean (value))
        return;
      *link = g_value_get_boolean (value);
      g_debug ("%s: %s", pspec->name, *link ? "on" : "off");
      g_object_notify_by_pspec (object, pspec);
    }
  else if (prop_id == PROP_MODE)
    lb_layout_set_mode (self, g_value_get_int (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lb_layout_class_init (LbLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags =
    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lb_layout_dispose;
  object_class->get_property = lb_layout_get_property;
  object_class->set_property = lb_layout_set_property;

  pspecs[PROP_MODE] = g_param_spec_int ("mode", NULL, NULL, LB_LAYOUT_SINGLE,
                                        LB_LAYOUT_PLANES, LB_LAYOUT_SINGLE, flags);
  pspecs[PROP_ACTIVE] = g_param_spec_object ("active", NULL, NULL, LB_TYPE_VIEWPORT,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                             | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_LINK_WINDOW] = g_param_spec_boolean ("link-window", NULL, NULL, FALSE, flags);
  pspecs[PROP_LINK_ZOOM] = g_param_spec_boolean ("link-zoom", NULL, NULL, FALSE, flags);
  pspecs[PROP_LINK_SCROLL] = g_param_spec_boolean ("link-scroll", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, pspecs);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lb-layout");
}

static void
lb_layout_init (LbLayout *self)
{
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 2);
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_grid_set_row_homogeneous (self->grid, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));
  for (guint i = 0; i < LB_LAYOUT_MAX_VIEWPORTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("viewport-%u", i + 1);

      self->viewports[i] = g_object_ref_sink (LB_VIEWPORT (lb_viewport_new ()));
      gtk_widget_set_name (GTK_WIDGET (self->viewports[i]), name);
      watch_viewport (self, self->viewports[i]);
    }
  self->mode = LB_LAYOUT_SINGLE;
  arrange (self);
  self->active = self->viewports[0];
  lb_viewport_set_active (self->active, TRUE);
}

GtkWidget *
lb_layout_new (void)
{
  return g_object_new (LB_TYPE_LAYOUT, NULL);
}
