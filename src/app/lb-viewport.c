/* lb-viewport.c: one image view of a layout (see lb-viewport.h). */
#include "config.h"

#define G_LOG_DOMAIN "lb-viewport"

#include <glib/gi18n.h>

#include "lb-crosshair.h"
#include "lb-frames-held.h"
#include "lb-viewport.h"

struct _LbViewport
{
  GtkWidget parent_instance;

  LbImageCanvas *canvas;               /* template children */
  LbCrosshair *crosshair;

  gboolean active;
  LbDocument *document;                /* NULL while the window holds the state */
  GPtrArray *series;                   /* GFile, in slice order */
  guint series_index;
  char *pending_preset;                /* applied when the loading image is shown */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (LbViewport, lb_viewport, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *pspecs[N_PROPS];

LbImageCanvas *
lb_viewport_get_canvas (LbViewport *self)
{
  return self->canvas;
}

LbCrosshair *
lb_viewport_get_crosshair (LbViewport *self)
{
  return self->crosshair;
}

gboolean
lb_viewport_get_active (LbViewport *self)
{
  return self->active;
}

void
lb_viewport_set_active (LbViewport *self,
                        gboolean    active)
{
  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  /* The frame is drawn as an outline (style.css), which takes no room: nothing moves. */
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self), "active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "active");
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_ACTIVE]);
}

void
lb_viewport_store_state (LbViewport *self,
                         LbDocument *document,
                         GPtrArray  *series,
                         guint       series_index)
{
  GFile *file = document != NULL ? lb_document_get_file (document) : NULL;

  g_set_object (&self->document, document);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series != NULL ? g_ptr_array_ref (series) : NULL;
  self->series_index = series_index;
  /* A slice still loading when the viewport lost the keys never arrived: the index is that of
   * the slice shown. */
  for (guint i = 0; file != NULL && series != NULL && i < series->len; i++)
    if (g_file_equal (g_ptr_array_index (series, i), file))
      self->series_index = i;
}

void
lb_viewport_take_state (LbViewport  *self,
                        LbDocument **document,
                        GPtrArray  **series,
                        guint       *series_index)
{
  /* A load of this viewport's own would land after the window took over: stop it. */
  g_cancellable_cancel (self->cancellable);
  *document = g_steal_pointer (&self->document);
  *series = g_steal_pointer (&self->series);
  *series_index = self->series_index;
}

LbDocument *
lb_viewport_get_document (LbViewport *self)
{
  return self->document;
}

static void
show (LbViewport *self,
      LbDocument *document,
      gboolean    keep_window)
{
  g_autofree char *preset = g_steal_pointer (&self->pending_preset);
  const LbDicomPreset *p = preset != NULL ? lb_dicom_preset_lookup (preset) : NULL;

  g_set_object (&self->document, document);
  lb_image_canvas_set_document (self->canvas, document, keep_window);
  if (self->series != NULL)
    lb_image_canvas_set_series_position (self->canvas, self->series_index, self->series->len);
  if (p != NULL)
    lb_image_canvas_set_window (self->canvas, p->center, p->width, LB_WINDOW_SOURCE_PRESET,
                                _(p->label));
  {
    GFile *file = lb_document_get_file (document);
    g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

    g_debug ("viewport %s: shows %s frame %u", gtk_widget_get_name (GTK_WIDGET (self)),
             name != NULL ? name : "?", lb_document_get_frame_index (document));
  }
}

typedef struct {
  LbViewport *self;
  gboolean keep_window;
} LoadData;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr (LbViewport) self = data->self;
  gboolean keep_window = data->keep_window;
  g_autoptr (GError) error = NULL;
  g_autoptr (LbDocument) document = lb_document_load_finish (result, &error);

  g_free (data);
  if (document == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("viewport: %s", error->message);
      return;
    }
  /* A file whose pixels cannot be shown leaves the image this viewport shows. */
  if (lb_document_get_frame (document) == NULL)
    {
      g_message ("viewport: no image to show in %s", lb_document_dup_title (document));
      return;
    }
  show (self, document, keep_window);
}

static void
restart_cancellable (LbViewport *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

void
lb_viewport_load (LbViewport *self,
                  GFile      *file,
                  guint       frame,
                  GPtrArray  *series,
                  guint       series_index,
                  const char *preset)
{
  LoadData *data = g_new0 (LoadData, 1);

  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series != NULL ? g_ptr_array_ref (series) : NULL;
  self->series_index = series_index;
  g_free (self->pending_preset);
  self->pending_preset = g_strdup (preset);
  restart_cancellable (self);
  data->self = g_object_ref (self);
  data->keep_window = preset == NULL && self->document != NULL;
  lb_document_load_async (file, frame, self->cancellable, on_loaded, data);
}

/* A linked viewport's next frame: decoded in a worker (lb_document_decode_frame), then put on
 * show if the viewport still shows that document. */
typedef struct {
  LbDocument *document;
  guint frame;
} FrameRequest;

static void
frame_request_free (gpointer data)
{
  FrameRequest *request = data;

  g_clear_object (&request->document);
  g_free (request);
}

static void
decode_frame_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  FrameRequest *request = task_data;
  GError *error = NULL;
  LbDecodedFrame *entry = lb_document_decode_frame (request->document, request->frame,
                                                    cancellable, &error);

  if (entry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entry, (GDestroyNotify) lb_decoded_frame_unref);
}

static void
on_frame_decoded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (LbViewport) self = user_data;
  FrameRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (LbDocument) document = g_steal_pointer (&request->document);
  LbDecodedFrame *entry = g_task_propagate_pointer (G_TASK (result), NULL);

  if (entry == NULL)
    return;
  if (document == self->document)
    {
      lb_document_show_frame (document, entry);
      show (self, document, TRUE);
    }
  lb_decoded_frame_unref (entry);
}

static void
decode_frame_async (LbViewport *self,
                    guint       frame)
{
  /* The viewport and the document are held by the callback, not the task: the task may be
   * released last in the worker, and a widget (or what it shows) must go on the main thread
   * if it goes while the frame decodes. */
  g_autoptr (GTask) task = g_task_new (NULL, self->cancellable, on_frame_decoded,
                                       g_object_ref (self));
  FrameRequest *request = g_new0 (FrameRequest, 1);

  request->document = g_object_ref (self->document);
  request->frame = frame;
  g_task_set_task_data (task, request, frame_request_free);
  g_task_run_in_thread (task, decode_frame_thread);
}

void
lb_viewport_follow (LbViewport *self,
                    int         delta)
{
  guint n_frames;
  gint64 target;

  if (self->document == NULL)
    return;
  n_frames = lb_count_frames_held (self->document);
  if (n_frames > 1)
    {
      target = CLAMP ((gint64) lb_document_get_frame_index (self->document) + delta, 0,
                      (gint64) n_frames - 1);
      if ((guint) target == lb_document_get_frame_index (self->document))
        return;
      restart_cancellable (self);
      decode_frame_async (self, (guint) target);
      return;
    }
  if (self->series == NULL || self->series->len < 2)
    return;
  target = CLAMP ((gint64) self->series_index + delta, 0, (gint64) self->series->len - 1);
  if ((guint) target == self->series_index)
    return;
  {
    g_autoptr (GPtrArray) series = g_ptr_array_ref (self->series);

    lb_viewport_load (self, g_ptr_array_index (series, target), 0, series, target, NULL);
  }
}

static void
lb_viewport_dispose (GObject *object)
{
  LbViewport *self = LB_VIEWPORT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->pending_preset, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_VIEWPORT);
  G_OBJECT_CLASS (lb_viewport_parent_class)->dispose (object);
}

static void
lb_viewport_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LbViewport *self = LB_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_viewport_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LbViewport *self = LB_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      lb_viewport_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_viewport_class_init (LbViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_viewport_dispose;
  object_class->get_property = lb_viewport_get_property;
  object_class->set_property = lb_viewport_set_property;

  pspecs[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, pspecs);

  g_type_ensure (LB_TYPE_IMAGE_CANVAS);
  g_type_ensure (LB_TYPE_CROSSHAIR);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-viewport.ui");
  gtk_widget_class_bind_template_child (widget_class, LbViewport, canvas);
  gtk_widget_class_bind_template_child (widget_class, LbViewport, crosshair);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lb-viewport");
}

static void
lb_viewport_init (LbViewport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lb_crosshair_set_canvas (self->crosshair, self->canvas);
}

GtkWidget *
lb_viewport_new (void)
{
  return g_object_new (LB_TYPE_VIEWPORT, NULL);
}
