/* lb-reformat-sampler.c: planes sampled in GTask workers, the newest request per plane winning
 * (see lb-reformat-sampler.h).
 *
 * Each plane has a slot: the sample running (at most one, so a plane's samples end in the order
 * they were asked for) and the request waiting behind it. Samples of different planes run side
 * by side. The volume travels with each sample in a shared, reference-counted hold, so closing
 * the view while a sample runs frees the volume only once that sample is done. Cancelling moves
 * the sampler to a new epoch: a sample of an older epoch ends without touching the slots. A
 * sample holds its sampler weakly: the owner's last unref disposes it at once (a sample that
 * ends later finds no sampler and is dropped), so no function runs for an owner gone. */
#include "config.h"

#define G_LOG_DOMAIN "lb-reformat"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "lb-reformat-sampler.h"

enum { N_PLANES = 3 };

/* The volume and the reference that keeps it alive, shared by the sampler and its samples. */
typedef struct {
  LbVolume *volume;
  gpointer hold;
  GDestroyNotify release;
} VolumeHold;

static void
volume_hold_clear (VolumeHold *v)
{
  if (v->release != NULL)
    v->release (v->hold);
}

static VolumeHold *
volume_hold_ref (VolumeHold *v)
{
  return g_atomic_rc_box_acquire (v);
}

static void
volume_hold_unref (VolumeHold *v)
{
  g_atomic_rc_box_release_full (v, (GDestroyNotify) volume_hold_clear);
}

/* One sample: what the worker reads and what it gives back. */
typedef struct {
  GWeakRef sampler;
  VolumeHold *volume;
  LbVolumePlaneRequest request;
  LbVolumePlaneGeometry geometry;
  guint epoch;
  LbDicomFrame *frame;                 /* the worker's result */
  char *error;
  gint64 started;                      /* monotonic, us: for the debug log */
} Sample;

static void
sample_free (Sample *s)
{
  g_weak_ref_clear (&s->sampler);
  g_clear_pointer (&s->volume, volume_hold_unref);
  lb_dicom_frame_free (s->frame);
  g_free (s->error);
  g_free (s);
}

typedef struct {
  gboolean running;
  LbVolumePlaneRequest running_request;
  gboolean waiting;
  LbVolumePlaneRequest waiting_request;
  LbVolumePlaneGeometry waiting_geometry;
} Slot;

struct _LbReformatSampler
{
  GObject parent_instance;

  LbReformatSamplerFunc func;
  gpointer user_data;
  VolumeHold *volume;
  guint epoch;
  Slot slots[N_PLANES];
  guint n_started;
};

G_DEFINE_FINAL_TYPE (LbReformatSampler, lb_reformat_sampler, G_TYPE_OBJECT)

/* Whether two requests ask for the same pixels (the thread count changes none). */
static gboolean
same_place (const LbVolumePlaneRequest *a,
            const LbVolumePlaneRequest *b)
{
  return a->plane == b->plane && a->position_mm == b->position_mm && a->slab_mm == b->slab_mm
         && a->mode == b->mode && a->interp == b->interp && a->pixel_mm == b->pixel_mm
         && (a->fill_stored == b->fill_stored
             || (isnan (a->fill_stored) && isnan (b->fill_stored)));
}

static void
sample_in_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Sample *s = task_data;
  LbVolumeError *error = NULL;

  s->frame = lb_volume_sample_plane_frame (s->volume->volume, &s->request, &s->geometry, &error);
  if (s->frame == NULL)
    {
      s->error = g_strdup (error->message);
      lb_volume_error_free (error);
    }
  g_task_return_boolean (task, TRUE);
}

static void start_sample (LbReformatSampler *self, const LbVolumePlaneRequest *request,
                          const LbVolumePlaneGeometry *geometry);

static void
on_sampled (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Sample *s = g_task_get_task_data (G_TASK (result));
  g_autoptr (LbReformatSampler) self = g_weak_ref_get (&s->sampler);
  Slot *slot;
  gboolean superseded;

  if (self == NULL || s->epoch != self->epoch)
    return;                            /* disposed, or cancelled: the slots are another epoch's */
  slot = &self->slots[s->request.plane];
  slot->running = FALSE;
  superseded = slot->waiting && !same_place (&slot->waiting_request, &s->request);
  g_debug ("plane %s sampled in %.1f ms%s", lb_volume_plane_name (s->request.plane),
           (g_get_monotonic_time () - s->started) / 1000.0,
           superseded ? ", superseded: dropped" : "");
  /* What waits starts before this frame is shown: the worker samples while the main loop maps
   * the frame into its canvas. */
  if (slot->waiting)
    {
      slot->waiting = FALSE;
      start_sample (self, &slot->waiting_request, &slot->waiting_geometry);
    }
  if (s->error != NULL)
    g_debug ("plane %s: %s", lb_volume_plane_name (s->request.plane), s->error);
  else if (!superseded && self->func != NULL)
    self->func (&s->request, g_steal_pointer (&s->frame), self->user_data);
}

static void
start_sample (LbReformatSampler           *self,
              const LbVolumePlaneRequest  *request,
              const LbVolumePlaneGeometry *geometry)
{
  /* No source object: the task must not keep the sampler alive (see the top). */
  g_autoptr (GTask) task = g_task_new (NULL, NULL, on_sampled, NULL);
  Sample *s = g_new0 (Sample, 1);
  Slot *slot = &self->slots[request->plane];

  g_weak_ref_init (&s->sampler, self);
  s->volume = volume_hold_ref (self->volume);
  s->request = *request;
  s->geometry = *geometry;
  s->epoch = self->epoch;
  s->started = g_get_monotonic_time ();
  slot->running = TRUE;
  slot->running_request = *request;
  self->n_started++;
  g_task_set_source_tag (task, start_sample);
  g_task_set_task_data (task, s, (GDestroyNotify) sample_free);
  g_task_run_in_thread (task, sample_in_worker);
}

void
lb_reformat_sampler_request (LbReformatSampler           *self,
                             const LbVolumePlaneRequest  *request,
                             const LbVolumePlaneGeometry *geometry)
{
  Slot *slot;

  g_return_if_fail (LB_IS_REFORMAT_SAMPLER (self));
  g_return_if_fail ((int) request->plane >= 0 && (int) request->plane < N_PLANES);
  if (self->volume == NULL)
    return;
  slot = &self->slots[request->plane];
  if (!slot->running)
    {
      start_sample (self, request, geometry);
      return;
    }
  /* Behind the running sample; a request that waited there before is never sampled. */
  slot->waiting = TRUE;
  slot->waiting_request = *request;
  slot->waiting_geometry = *geometry;
}

void
lb_reformat_sampler_cancel (LbReformatSampler *self)
{
  g_return_if_fail (LB_IS_REFORMAT_SAMPLER (self));
  self->epoch++;
  memset (self->slots, 0, sizeof self->slots);
}

void
lb_reformat_sampler_set_volume (LbReformatSampler *self,
                                LbVolume          *volume,
                                gpointer           hold,
                                GDestroyNotify     release)
{
  g_return_if_fail (LB_IS_REFORMAT_SAMPLER (self));
  lb_reformat_sampler_cancel (self);
  g_clear_pointer (&self->volume, volume_hold_unref);
  if (volume == NULL)
    {
      if (release != NULL)
        release (hold);
      return;
    }
  self->volume = g_atomic_rc_box_new0 (VolumeHold);
  self->volume->volume = volume;
  self->volume->hold = hold;
  self->volume->release = release;
}

gboolean
lb_reformat_sampler_is_busy (LbReformatSampler *self)
{
  g_return_val_if_fail (LB_IS_REFORMAT_SAMPLER (self), FALSE);
  for (int p = 0; p < N_PLANES; p++)
    if (self->slots[p].running || self->slots[p].waiting)
      return TRUE;
  return FALSE;
}

guint
lb_reformat_sampler_get_n_started (LbReformatSampler *self)
{
  g_return_val_if_fail (LB_IS_REFORMAT_SAMPLER (self), 0);
  return self->n_started;
}

static void
lb_reformat_sampler_dispose (GObject *object)
{
  LbReformatSampler *self = LB_REFORMAT_SAMPLER (object);

  lb_reformat_sampler_set_volume (self, NULL, NULL, NULL);
  self->func = NULL;
  G_OBJECT_CLASS (lb_reformat_sampler_parent_class)->dispose (object);
}

static void
lb_reformat_sampler_class_init (LbReformatSamplerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_reformat_sampler_dispose;
}

static void
lb_reformat_sampler_init (LbReformatSampler *self)
{
}

LbReformatSampler *
lb_reformat_sampler_new (LbReformatSamplerFunc func,
                         gpointer              user_data)
{
  LbReformatSampler *self = g_object_new (LB_TYPE_REFORMAT_SAMPLER, NULL);

  self->func = func;
  self->user_data = user_data;
  return self;
}
