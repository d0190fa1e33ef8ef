/* lb-reformat.c: the three-plane view of a series (see lb-reformat.h).
 *
 * The volume is built in a GTask worker: lb_volume_plan (headers) hands the empty volume to the
 * main loop at once, then lb_volume_load decodes slice after slice; after each slice the views
 * are resampled (at most once per main-loop turn), so they fill in as the slices arrive. Sampling
 * reads only loaded slices, so it may run while the worker loads.
 *
 * The planes are sampled off the main thread (lb-reformat-sampler.c): moving the crosshair asks
 * for the planes it moved and draws the crosshairs at once; each plane is shown when its sample
 * comes back, the newest request winning, so a drag does not wait for the sampling.
 *
 * Each plane is sampled into a frame of stored values and shown through the canvas's usual
 * pipeline (LUT, zoom, window drag, probe) as a document of its own: the canvas stays a viewport
 * that shows a frame. */
#include "config.h"

#define G_LOG_DOMAIN "lb-reformat"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lb-image-canvas-tools.h"
#include "lb-orientation-overlay.h"
#include "lb-reformat.h"
#include "lb-reformat-note.h"
#include "lb-reformat-sampler.h"

enum { AXIAL, SAGITTAL, CORONAL, N_PLANES };

/* The patient axis each plane's position runs along: axial z, sagittal x, coronal y. */
static const int plane_axis[N_PLANES] = { 2, 0, 1 };

/* ---- The worker --------------------------------------------------------------------------- */

typedef struct {
  LbReformat *reformat;                /* main loop only; NULL once it let go of the job */
  char **paths;
  guint n_paths;
  LbVolume *volume;                    /* set by the worker after the plan */
  GCancellable *cancellable;
  int redraw_pending;                  /* atomic: a resample is queued */
  gboolean built;                      /* main loop only: on_built() refreshed the planes */
  guint n_loaded, n_slices;            /* atomic */
} Job;

static void
job_clear (Job *job)
{
  g_strfreev (job->paths);
  lb_volume_free (job->volume);
  g_clear_object (&job->cancellable);
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

struct _LbReformat
{
  GObject parent_instance;

  LbViewport *views[N_PLANES];         /* not references: the layout's */
  Job *job;
  LbVolume *volume;                    /* job->volume once planned, else NULL */
  LbReformatSampler *sampler;          /* samples the planes of `volume` in workers */
  LbVolumePlaneGeometry geometry[N_PLANES];
  LbDocument *source;
  double source_center, source_width;  /* the window the views start with */
  gboolean shown[N_PLANES];            /* a plane was shown: keep the window from now on */
  double point[3];
  double slab_mm;
  LbVolumeSlabMode slab_mode;
  char *probe_text;
  gboolean dragging;
  LbViewport *drag_view;
  double drag_x, drag_y;
  /* Wheel steps since the last frame: the point moves at once, the planes are resampled once
   * per frame (on_wheel_tick), however many notches came in between. */
  GtkWidget *wheel_widget;
  guint wheel_tick;
  gboolean wheel_moved[N_PLANES];
};

G_DEFINE_FINAL_TYPE (LbReformat, lb_reformat, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROBE_TEXT,
  N_PROPS
};

static GParamSpec *pspecs[N_PROPS];

enum {
  SIGNAL_FAILED,
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Planes ------------------------------------------------------------------------------- */

static int
plane_of (LbReformat *self,
          LbViewport *viewport)
{
  for (int p = 0; p < N_PLANES; p++)
    if (self->views[p] == viewport)
      return p;
  return -1;
}

/* The display pipeline's numbers for a plane: the first slice's rescale and stored windows. The
 * parser frees them with free(): they are allocated with malloc here too. */
static LbDicomImageInfo *
copy_info (const LbDicomImageInfo *src,
           const LbDicomFrame     *frame)
{
  LbDicomImageInfo *info = calloc (1, sizeof *info);

  if (info == NULL)
    return NULL;
  info->frame_info.rows = frame->height;
  info->frame_info.columns = frame->width;
  info->frame_info.frames = 1;
  info->frame_info.samples_per_pixel = 1;
  info->frame_info.bits_allocated = 16;
  info->frame_info.bits_stored = frame->bits;
  info->frame_info.high_bit = frame->bits - 1;
  info->frame_info.pixel_representation = frame->is_signed;
  info->frame_info.photometric = frame->photometric;
  info->rescale_slope = 1;
  if (src == NULL)
    return info;
  info->has_rescale = src->has_rescale;
  info->rescale_slope = src->rescale_slope;
  info->rescale_intercept = src->rescale_intercept;
  info->rescale_type = src->rescale_type != NULL ? strdup (src->rescale_type) : NULL;
  info->voi_function = src->voi_function;
  info->presentation_inverse = src->presentation_inverse;
  if (src->n_windows > 0 && (info->windows = calloc (src->n_windows, sizeof *info->windows)))
    {
      info->n_windows = src->n_windows;
      for (size_t i = 0; i < src->n_windows; i++)
        {
          info->windows[i] = src->windows[i];
          info->windows[i].explanation = src->windows[i].explanation != NULL
                                           ? strdup (src->windows[i].explanation) : NULL;
        }
    }
  return info;
}

static void
fill_request (LbReformat           *self,
              int                   p,
              LbVolumePlaneRequest *request)
{
  lb_volume_plane_request_init (request, (LbVolumePlane) p, self->point[plane_axis[p]]);
  request->slab_mm = self->slab_mm;
  request->mode = self->slab_mode;
}

/* A plane sampled for `request` comes back from the sampler: shown through the canvas's usual
 * pipeline, with the note of the position and slab it was sampled at. */
static void
show_plane (const LbVolumePlaneRequest *request,
            LbDicomFrame               *frame,
            gpointer                    user_data)
{
  LbReformat *self = user_data;
  int p = request->plane;
  LbDicomImageInfo *info;
  g_autoptr (LbDocument) document = NULL;
  LbImageCanvas *canvas = lb_viewport_get_canvas (self->views[p]);

  info = copy_info (lb_volume_get_image_info (self->volume), frame);
  document = lb_document_new_for_plane (self->source, info, frame);
  /* The canvas's direction letters (L\\P, P\\F, L\\F), as it draws them for a slice. */
  lb_orientation_overlay_set_patient_orientation (document,
                                                  self->geometry[p].patient_orientation);
  {
    g_autofree char *note = lb_reformat_note ((LbVolumePlane) p, request->position_mm,
                                              request->slab_mm, request->mode);
    lb_document_set_overlay_note (document, note);
  }
  lb_image_canvas_set_document (canvas, document, self->shown[p]);
  if (!self->shown[p])
    lb_image_canvas_set_window (canvas, self->source_center, self->source_width,
                                LB_WINDOW_SOURCE_MANUAL, NULL);
  self->shown[p] = TRUE;
  g_debug ("plane %s at %.1f mm%s", lb_volume_plane_name (p), request->position_mm,
           request->slab_mm > 0 ? " (slab)" : "");
}

/* Asks the sampler for plane p at the crosshair point; show_plane shows it. */
static void
request_plane (LbReformat *self,
               int         p)
{
  LbVolumePlaneRequest request;

  fill_request (self, p, &request);
  lb_reformat_sampler_request (self->sampler, &request, &self->geometry[p]);
}

/* Where the other two planes cut each view: in the axial view the sagittal plane is a vertical
 * line and the coronal one horizontal; in the sagittal view the coronal plane is vertical and
 * the axial one horizontal; in the coronal view sagittal vertical, axial horizontal. */
static void
update_crosshairs (LbReformat *self)
{
  static const GdkRGBA colours[N_PLANES] = {
    { 0.88, 0.11, 0.14, 0.9 },         /* axial: red */
    { 0.20, 0.82, 0.48, 0.9 },         /* sagittal: green */
    { 0.21, 0.52, 0.89, 0.9 },         /* coronal: blue */
  };
  static const int vertical[N_PLANES] = { SAGITTAL, CORONAL, SAGITTAL };
  static const int horizontal[N_PLANES] = { CORONAL, AXIAL, AXIAL };

  for (int p = 0; p < N_PLANES; p++)
    {
      double x = 0, y = 0;

      lb_volume_plane_patient_to_pixel (&self->geometry[p], self->point, &x, &y);
      lb_crosshair_set_point (lb_viewport_get_crosshair (self->views[p]), self->volume != NULL,
                              x, y, &colours[vertical[p]], &colours[horizontal[p]]);

    }
}

static void
show_planes (LbReformat *self,
             const gboolean which[N_PLANES])
{
  if (self->volume == NULL)
    return;
  for (int p = 0; p < N_PLANES; p++)
    if (which[p])
      request_plane (self, p);
  update_crosshairs (self);
}

void
lb_reformat_refresh (LbReformat *self)
{
  static const gboolean all[N_PLANES] = { TRUE, TRUE, TRUE };

  show_planes (self, all);
}

void
lb_reformat_get_point (LbReformat *self,
                       double      xyz[3])
{
  memcpy (xyz, self->point, sizeof self->point);
}

static double
clamp_position (LbReformat *self,
                int         p,
                double      position)
{
  return CLAMP (position, self->geometry[p].position_min, self->geometry[p].position_max);
}

/* Moves the point (clamped to the volume); `moved` says which planes it moved. */
static void
move_point (LbReformat   *self,
            const double  xyz[3],
            gboolean      moved[N_PLANES])
{
  for (int p = 0; p < N_PLANES; p++)
    {
      int axis = plane_axis[p];
      double v = clamp_position (self, p, xyz[axis]);

      moved[p] = fabs (v - self->point[axis]) > 1e-6;
      self->point[axis] = v;
    }
  g_debug ("crosshair at x %.1f y %.1f z %.1f mm", self->point[0], self->point[1],
           self->point[2]);
}

/* The planes the wheel moved and not resampled yet, added to `moved`; no more pending. */
static void
take_wheel_moves (LbReformat *self,
                  gboolean    moved[N_PLANES])
{
  if (self->wheel_tick != 0)
    gtk_widget_remove_tick_callback (self->wheel_widget, self->wheel_tick);
  self->wheel_tick = 0;
  g_clear_object (&self->wheel_widget);
  for (int p = 0; p < N_PLANES; p++)
    moved[p] = moved[p] || self->wheel_moved[p];
  memset (self->wheel_moved, 0, sizeof self->wheel_moved);
}

void
lb_reformat_set_point (LbReformat   *self,
                       const double  xyz[3])
{
  gboolean moved[N_PLANES];

  if (self->volume == NULL)
    return;
  move_point (self, xyz, moved);
  take_wheel_moves (self, moved);
  show_planes (self, moved);
}

static gboolean
on_wheel_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  LbReformat *self = user_data;
  gboolean moved[N_PLANES] = { FALSE, FALSE, FALSE };

  self->wheel_tick = 0;                /* GTK removes it as it returns */
  take_wheel_moves (self, moved);
  show_planes (self, moved);
  return G_SOURCE_REMOVE;
}

void
lb_reformat_scroll (LbReformat *self,
                    LbViewport *viewport,
                    int         delta)
{
  int p = plane_of (self, viewport);
  double xyz[3];
  gboolean moved[N_PLANES];

  if (p < 0 || self->volume == NULL)
    return;
  memcpy (xyz, self->point, sizeof xyz);
  xyz[plane_axis[p]] += delta * self->geometry[p].position_step;
  /* Off screen there is no frame clock to wait for. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (viewport)))
    {
      lb_reformat_set_point (self, xyz);
      return;
    }
  move_point (self, xyz, moved);
  for (int i = 0; i < N_PLANES; i++)
    self->wheel_moved[i] = self->wheel_moved[i] || moved[i];
  if (self->wheel_tick == 0)
    {
      self->wheel_widget = g_object_ref (GTK_WIDGET (viewport));
      self->wheel_tick = gtk_widget_add_tick_callback (self->wheel_widget, on_wheel_tick, self,
                                                       NULL);
    }
}

void
lb_reformat_set_slab (LbReformat       *self,
                      double            mm,
                      LbVolumeSlabMode  mode)
{
  self->slab_mm = MAX (mm, 0);
  self->slab_mode = mode;
  g_debug ("slab %.0f mm %s", self->slab_mm, lb_volume_slab_mode_name (mode));
  lb_reformat_refresh (self);
}

const char *
lb_reformat_get_probe_text (LbReformat *self)
{
  return self->probe_text;
}

gboolean
lb_reformat_is_sampling (LbReformat *self)
{
  return lb_reformat_sampler_is_busy (self->sampler);
}

gboolean
lb_reformat_is_running (LbReformat *self)
{
  return self->job != NULL;
}

/* ---- Input: click and drag move the crosshair, the pointer probes ------------------------ */

/* The patient point under widget point (x, y) of a view, on its plane. */
static gboolean
patient_at (LbReformat *self,
            int         p,
            double      x,
            double      y,
            double      xyz[3])
{
  cairo_matrix_t m;
  LbImageCanvas *canvas = lb_viewport_get_canvas (self->views[p]);

  if (self->volume == NULL || !lb_image_canvas_get_image_matrix (canvas, &m)
      || cairo_matrix_invert (&m) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  cairo_matrix_transform_point (&m, &x, &y);
  /* Image space has pixel (i, j) over [i, i + 1); the plane's pixel centres are integers. */
  lb_volume_plane_pixel_to_patient (&self->geometry[p], self->point[plane_axis[p]], x - 0.5,
                                    y - 0.5, xyz);
  return TRUE;
}

static void
move_to (LbReformat *self,
         LbViewport *viewport,
         double      x,
         double      y)
{
  double xyz[3];
  int p = plane_of (self, viewport);

  if (p >= 0 && patient_at (self, p, x, y, xyz))
    lb_reformat_set_point (self, xyz);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LbReformat     *self)
{
  GtkWidget *viewport = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  /* Without a volume the left button is the canvas's (window, tools). */
  if (self->volume == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_x = x;
  self->drag_y = y;
  move_to (self, LB_VIEWPORT (viewport), x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LbReformat     *self)
{
  GtkWidget *viewport = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  move_to (self, LB_VIEWPORT (viewport), self->drag_x + dx, self->drag_y + dy);
}

static void
set_probe_text (LbReformat *self,
                char       *text)
{
  g_free (self->probe_text);
  self->probe_text = text;
  g_object_notify_by_pspec (G_OBJECT (self), pspecs[PROP_PROBE_TEXT]);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LbReformat               *self)
{
  GtkWidget *viewport = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  int p = plane_of (self, LB_VIEWPORT (viewport));
  double xyz[3], value;
  gboolean ct;

  if (p < 0 || !patient_at (self, p, x, y, xyz))
    return;
  ct = g_strcmp0 (lb_document_get_modality (self->source), "CT") == 0;
  if (lb_volume_probe (self->volume, xyz, &value))
    /* Translators: the patient coordinate under the pointer and the value there */
    set_probe_text (self, g_strdup_printf (_("x %.1f  y %.1f  z %.1f mm   %s %.0f"), xyz[0],
                                           xyz[1], xyz[2], ct ? "HU" : _("value"), value));
  else
    set_probe_text (self, g_strdup_printf (_("x %.1f  y %.1f  z %.1f mm"), xyz[0], xyz[1],
                                           xyz[2]));
}

static void
on_leave (GtkEventControllerMotion *motion,
          LbReformat               *self)
{
  if (self->probe_text != NULL)
    set_probe_text (self, NULL);
}

static void
watch_view (LbReformat *self,
            LbViewport *viewport)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self, 0);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (viewport), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (viewport), motion);
}

/* ---- Building the volume ------------------------------------------------------------------ */

static void
on_planned (LbReformat *self,
            Job        *job)
{
  LbVolume *volume = job->volume;
  const LbVolumeGeometry *g = lb_volume_get_geometry (volume);
  LbVolumePlaneRequest request;
  double ijk[3] = { (g->nx - 1) / 2.0, (g->ny - 1) / 2.0, (g->nz - 1) / 2.0 };
  GFile *file = self->source != NULL ? lb_document_get_file (self->source) : NULL;
  g_autofree char *source_path = file != NULL ? g_file_get_path (file) : NULL;

  for (int p = 0; p < N_PLANES; p++)
    {
      LbVolumeError *error = NULL;

      lb_volume_plane_request_init (&request, (LbVolumePlane) p, 0);
      if (!lb_volume_plane_geometry (volume, &request, &self->geometry[p], &error))
        {
          g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
          lb_volume_error_free (error);
          return;
        }
    }
  /* The crosshair starts at the centre of the slice that was on show. */
  for (guint32 k = 0; source_path != NULL && k < g->nz; k++)
    if (g_strcmp0 (lb_volume_get_slice_path (volume, k, NULL), source_path) == 0)
      ijk[2] = k;
  lb_volume_geometry_voxel_to_patient (g, ijk, self->point);
  self->volume = volume;
  /* The sampler keeps the job (and so the volume) while a sample runs, even past a stop. */
  lb_reformat_sampler_set_volume (self->sampler, volume, job_ref (job), (GDestroyNotify) job_unref);
  g_debug ("volume planned: %u x %u x %u, spacing %.2f %.2f %.2f mm", g->nx, g->ny, g->nz,
           g->spacing[0], g->spacing[1], g->spacing[2]);
  lb_reformat_refresh (self);
}

static gboolean
planned_idle (gpointer data)
{
  Job *job = data;

  if (job->reformat != NULL && job->reformat->job == job)
    on_planned (job->reformat, job);
  job_unref (job);
  return G_SOURCE_REMOVE;
}

static gboolean
progress_idle (gpointer data)
{
  Job *job = data;

  g_atomic_int_set (&job->redraw_pending, 0);
  if (job->reformat != NULL && job->reformat->job == job && job->reformat->volume != NULL)
    {
      g_debug ("volume: %u of %u slices", g_atomic_int_get (&job->n_loaded),
               g_atomic_int_get (&job->n_slices));
      /* The last slices' idle can come after the load's end (a lower priority), which asked
       * for the whole volume's planes already: asking again would only sample them twice. */
      if (!job->built)
        lb_reformat_refresh (job->reformat);
    }
  job_unref (job);
  return G_SOURCE_REMOVE;
}

static bool
on_progress (const LbVolume *volume,
             uint32_t        slice,
             uint32_t        n_loaded,
             uint32_t        n_slices,
             void           *user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->n_loaded, n_loaded);
  g_atomic_int_set (&job->n_slices, n_slices);
  /* One resample per main-loop turn, however fast the slices come. */
  if (g_atomic_int_compare_and_exchange (&job->redraw_pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, progress_idle, job_ref (job), NULL);
  return !g_cancellable_is_cancelled (job->cancellable);
}

static void
build_volume (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  LbVolumeOptions options;
  LbVolumeError *error = NULL;
  LbVolume *volume;

  lb_volume_options_init (&options);
  volume = lb_volume_plan ((const char *const *) job->paths, job->n_paths, &options, &error);
  if (volume == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", error->message);
      lb_volume_error_free (error);
      return;
    }
  job->volume = volume;
  g_idle_add_full (G_PRIORITY_DEFAULT, planned_idle, job_ref (job), NULL);
  if (!lb_volume_load (volume, on_progress, job, &error))
    {
      gboolean cancelled = error->code == LB_VOLUME_ERROR_CANCELLED;

      if (cancelled)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", error->message);
      lb_volume_error_free (error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (LbReformat) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (job == self->job && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
      return;
    }
  if (job != self->job)
    return;
  g_debug ("volume loaded: %u slices", lb_volume_get_geometry (job->volume)->nz);
  job->built = TRUE;
  lb_reformat_refresh (self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
lb_reformat_stop (LbReformat *self)
{
  gboolean dropped[N_PLANES] = { FALSE, FALSE, FALSE };

  take_wheel_moves (self, dropped);    /* no volume to resample from any more */
  if (self->job == NULL)
    return;
  g_cancellable_cancel (self->job->cancellable);
  self->job->reformat = NULL;
  g_clear_pointer (&self->job, job_unref);
  self->volume = NULL;
  lb_reformat_sampler_set_volume (self->sampler, NULL, NULL, NULL);
  g_clear_object (&self->source);
  memset (self->shown, 0, sizeof self->shown);
  update_crosshairs (self);
  set_probe_text (self, NULL);
}

void
lb_reformat_start (LbReformat *self,
                   LbDocument *source,
                   GPtrArray  *files)
{
  g_autoptr (GTask) task = NULL;
  GPtrArray *paths = g_ptr_array_new ();
  LbImageCanvas *canvas = lb_viewport_get_canvas (self->views[AXIAL]);
  Job *job;

  lb_reformat_stop (self);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      char *path = g_file_get_path (g_ptr_array_index (files, i));

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  job = g_atomic_rc_box_new0 (Job);
  job->n_paths = paths->len - 1;
  job->paths = (char **) g_ptr_array_free (paths, FALSE);
  job->cancellable = g_cancellable_new ();
  job->reformat = self;
  self->job = job;
  g_set_object (&self->source, source);
  self->source_center = lb_image_canvas_get_window_center (canvas);
  self->source_width = lb_image_canvas_get_window_width (canvas);
  g_debug ("building the volume of %u files", job->n_paths);

  /* The callback holds the reformat, not the task: the task may be released last in the
   * worker, and the reformat's last reference (its views' tick callback, its sampler) must go
   * on the main thread. */
  task = g_task_new (NULL, job->cancellable, on_built, g_object_ref (self));
  g_task_set_task_data (task, job_ref (job), (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, build_volume);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
lb_reformat_dispose (GObject *object)
{
  LbReformat *self = LB_REFORMAT (object);

  lb_reformat_stop (self);
  g_clear_object (&self->sampler);
  G_OBJECT_CLASS (lb_reformat_parent_class)->dispose (object);
}

static void
lb_reformat_finalize (GObject *object)
{
  LbReformat *self = LB_REFORMAT (object);

  g_free (self->probe_text);
  G_OBJECT_CLASS (lb_reformat_parent_class)->finalize (object);
}

static void
lb_reformat_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LbReformat *self = LB_REFORMAT (object);

  switch (prop_id)
    {
    case PROP_PROBE_TEXT:
      g_value_set_string (value, self->probe_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_reformat_class_init (LbReformatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lb_reformat_dispose;
  object_class->finalize = lb_reformat_finalize;
  object_class->get_property = lb_reformat_get_property;

  pspecs[PROP_PROBE_TEXT] =
    g_param_spec_string ("probe-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, pspecs);

  /* The series is not a volume, or a slice could not be read: the message says which. */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lb_reformat_init (LbReformat *self)
{
  self->slab_mode = LB_VOLUME_SLAB_MIP;
  self->sampler = lb_reformat_sampler_new (show_plane, self);
}

LbReformat *
lb_reformat_new (LbViewport *axial,
                 LbViewport *sagittal,
                 LbViewport *coronal)
{
  LbReformat *self = g_object_new (LB_TYPE_REFORMAT, NULL);

  self->views[AXIAL] = axial;
  self->views[SAGITTAL] = sagittal;
  self->views[CORONAL] = coronal;
  for (int p = 0; p < N_PLANES; p++)
    watch_view (self, self->views[p]);
  return self;
}
