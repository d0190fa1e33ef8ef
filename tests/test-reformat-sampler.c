/* test-reformat-sampler.c: the three-plane view's sampler (src/app/lb-reformat-sampler.c) on the
 * phantom's volume (lightbox-cli phantom): a plane sampled in the worker is the plane sampled in
 * place, byte for byte, for several points and every slab mode; the newest request of a plane
 * wins (a sample superseded while it ran is dropped, a request replaced while it waited is never
 * sampled, a request for the same place keeps the running sample); frames come back on the main
 * thread; a cancel, a new volume or the owner's last unref while a sample runs drops it, and the
 * volume lives until that sample ends (run it under AddressSanitizer for the use after free). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lb-reformat-sampler.h"
#include "lb-test-dirs.h"
#include "lb-test-wait.h"

static char *series_dir;
static GThread *main_thread;

/* The volume and the test's view of its hold: released once no sample uses it. */
typedef struct {
  LbVolume *volume;
  gboolean released;
} Held;

static void
held_release (gpointer data)
{
  Held *held = data;

  /* The sampler may let go on a worker thread; the test reads it on the main one. */
  g_atomic_int_set (&held->released, TRUE);
}

/* What came back from the sampler, in order. */
typedef struct {
  GPtrArray *frames;                   /* LbDicomFrame */
  GArray *requests;                    /* LbVolumePlaneRequest */
} Results;

static void
on_frame (const LbVolumePlaneRequest *request,
          LbDicomFrame               *frame,
          gpointer                    user_data)
{
  Results *r = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_ptr_array_add (r->frames, frame);
  g_array_append_val (r->requests, *request);
}

static void
results_init (Results *r)
{
  r->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_dicom_frame_free);
  r->requests = g_array_new (FALSE, FALSE, sizeof (LbVolumePlaneRequest));
}

static void
results_clear (Results *r)
{
  g_ptr_array_unref (r->frames);
  g_array_unref (r->requests);
}

static LbVolume *
phantom_volume (gboolean load)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  LbVolumeOptions options;
  LbVolumeError *error = NULL;
  LbVolume *volume;

  for (int i = 1; i <= 24; i++)
    g_ptr_array_add (paths, g_strdup_printf ("%s/CT%02d.dcm", series_dir, i));
  lb_volume_options_init (&options);
  volume = lb_volume_plan ((const char *const *) paths->pdata, paths->len, &options, &error);
  if (volume == NULL)
    g_error ("phantom volume: %s", error->message);
  if (load && !lb_volume_load (volume, NULL, NULL, &error))
    g_error ("phantom volume: %s", error->message);
  return volume;
}

static void
geometry_of (LbVolume              *volume,
             LbVolumePlane          plane,
             LbVolumePlaneGeometry *geometry)
{
  LbVolumePlaneRequest request;

  lb_volume_plane_request_init (&request, plane, 0);
  g_assert_true (lb_volume_plane_geometry (volume, &request, geometry, NULL));
}

static void
ask (LbReformatSampler *sampler,
     LbVolume          *volume,
     LbVolumePlane      plane,
     double             position,
     double             slab_mm,
     LbVolumeSlabMode   mode)
{
  LbVolumePlaneRequest request;
  LbVolumePlaneGeometry geometry;

  geometry_of (volume, plane, &geometry);
  lb_volume_plane_request_init (&request, plane, position);
  request.slab_mm = slab_mm;
  request.mode = mode;
  lb_reformat_sampler_request (sampler, &request, &geometry);
}

static void
wait_idle (LbReformatSampler *sampler)
{
  lb_test_wait_while (lb_reformat_sampler_is_busy (sampler));
}

static void
wait_released (Held *held)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!g_atomic_int_get (&held->released) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);                 /* the last reference may go on a worker thread */
  g_assert_true (g_atomic_int_get (&held->released));
}

/* The plane the worker sampled is the plane sampled in place for the same request. */
static void
assert_same_as_in_place (LbVolume                   *volume,
                         const LbVolumePlaneRequest *request,
                         const LbDicomFrame         *frame)
{
  LbVolumePlaneGeometry geometry;
  LbDicomFrame *want;

  geometry_of (volume, request->plane, &geometry);
  want = lb_volume_sample_plane_frame (volume, request, &geometry, NULL);
  g_assert_nonnull (want);
  g_assert_cmpuint (frame->width, ==, want->width);
  g_assert_cmpuint (frame->height, ==, want->height);
  g_assert_cmpint (frame->min, ==, want->min);
  g_assert_cmpint (frame->max, ==, want->max);
  g_assert_cmpint (frame->is_signed, ==, want->is_signed);
  g_assert_cmpmem (frame->data, frame->data_len, want->data, want->data_len);
  lb_dicom_frame_free (want);
}

/* The frame sampled for the coronal plane at `position` with this slab. */
static const LbDicomFrame *
coronal_frame (Results *r,
               double   position,
               double   slab)
{
  for (guint k = 0; k < r->frames->len; k++)
    {
      const LbVolumePlaneRequest *request = &g_array_index (r->requests, LbVolumePlaneRequest, k);

      if (request->plane == LB_VOLUME_PLANE_CORONAL && request->position_mm == position
          && request->slab_mm == slab)
        return g_ptr_array_index (r->frames, k);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_same_pixels (void)
{
  Held held = { phantom_volume (TRUE), FALSE };
  Results r;
  g_autoptr (LbReformatSampler) sampler = NULL;
  static const struct { double slab; LbVolumeSlabMode mode; } slabs[] = {
    { 0, LB_VOLUME_SLAB_MIP }, { 20, LB_VOLUME_SLAB_MIP }, { 10, LB_VOLUME_SLAB_MINIP },
    { 30, LB_VOLUME_SLAB_MEAN },
  };
  static const double points[][3] = { { 0, 0, 5 }, { -40.3, 22.7, -61 }, { 71.9, -55.1, 88.2 } };
  guint n = 0;

  results_init (&r);
  sampler = lb_reformat_sampler_new (on_frame, &r);
  lb_reformat_sampler_set_volume (sampler, held.volume, &held, held_release);
  for (guint s = 0; s < G_N_ELEMENTS (slabs); s++)
    for (guint i = 0; i < G_N_ELEMENTS (points); i++)
      {
        /* The three planes through the point, as a crosshair step asks for them. */
        static const LbVolumePlane planes[3] = { LB_VOLUME_PLANE_SAGITTAL,
                                                 LB_VOLUME_PLANE_CORONAL,
                                                 LB_VOLUME_PLANE_AXIAL };

        /* x, y and z of the point: the sagittal, coronal and axial positions. */
        for (int axis = 0; axis < 3; axis++)
          ask (sampler, held.volume, planes[axis], points[i][axis], slabs[s].slab, slabs[s].mode);
        wait_idle (sampler);
        n += 3;
        g_assert_cmpuint (r.frames->len, ==, n);
      }
  for (guint k = 0; k < r.frames->len; k++)
    assert_same_as_in_place (held.volume, &g_array_index (r.requests, LbVolumePlaneRequest, k),
                             g_ptr_array_index (r.frames, k));
  /* Not all alike: the slabs and points differ, so would a wrong request's frame. The frames
   * come in the order the workers finish them: the coronal plane at the first point, thin and
   * as a 20 mm MIP, are found by their requests. */
  {
    const LbDicomFrame *thin = coronal_frame (&r, points[0][1], 0);
    const LbDicomFrame *mip = coronal_frame (&r, points[0][1], 20);

    g_assert_cmpuint (thin->data_len, ==, mip->data_len);
    g_assert_true (memcmp (thin->data, mip->data, thin->data_len) != 0);
  }
  g_clear_object (&sampler);
  wait_released (&held);
  lb_volume_free (held.volume);
  results_clear (&r);
}

/* A crosshair dragged over three places before the worker is back: the first sample is running,
 * the second waits and is replaced by the third. The first is dropped (superseded while it
 * ran), the second never sampled; only the third is shown. */
static void
test_newest_wins (void)
{
  Held held = { phantom_volume (TRUE), FALSE };
  Results r;
  g_autoptr (LbReformatSampler) sampler = NULL;

  results_init (&r);
  sampler = lb_reformat_sampler_new (on_frame, &r);
  lb_reformat_sampler_set_volume (sampler, held.volume, &held, held_release);
  /* The sampler learns that a sample ended only on the main loop, which does not run here. */
  ask (sampler, held.volume, LB_VOLUME_PLANE_SAGITTAL, -30, 20, LB_VOLUME_SLAB_MIP);
  ask (sampler, held.volume, LB_VOLUME_PLANE_SAGITTAL, -10, 20, LB_VOLUME_SLAB_MIP);
  ask (sampler, held.volume, LB_VOLUME_PLANE_SAGITTAL, 15, 20, LB_VOLUME_SLAB_MIP);
  g_assert_true (lb_reformat_sampler_is_busy (sampler));
  wait_idle (sampler);
  g_assert_cmpuint (r.frames->len, ==, 1);
  g_assert_cmpfloat (g_array_index (r.requests, LbVolumePlaneRequest, 0).position_mm, ==, 15);
  g_assert_cmpuint (lb_reformat_sampler_get_n_started (sampler), ==, 2);
  assert_same_as_in_place (held.volume, &g_array_index (r.requests, LbVolumePlaneRequest, 0),
                           g_ptr_array_index (r.frames, 0));

  /* A slab change is another place too. */
  ask (sampler, held.volume, LB_VOLUME_PLANE_CORONAL, 0, 20, LB_VOLUME_SLAB_MIP);
  ask (sampler, held.volume, LB_VOLUME_PLANE_CORONAL, 0, 20, LB_VOLUME_SLAB_MINIP);
  wait_idle (sampler);
  g_assert_cmpuint (r.frames->len, ==, 2);
  g_assert_cmpint (g_array_index (r.requests, LbVolumePlaneRequest, 1).mode, ==,
                   LB_VOLUME_SLAB_MINIP);

  /* Another plane's request does not supersede this one's: both are shown. */
  ask (sampler, held.volume, LB_VOLUME_PLANE_AXIAL, 5, 0, LB_VOLUME_SLAB_MIP);
  ask (sampler, held.volume, LB_VOLUME_PLANE_CORONAL, 12, 0, LB_VOLUME_SLAB_MIP);
  wait_idle (sampler);
  g_assert_cmpuint (r.frames->len, ==, 4);

  /* The same place asked again (slices arrived): the running sample is shown, then the new. */
  ask (sampler, held.volume, LB_VOLUME_PLANE_AXIAL, -20, 0, LB_VOLUME_SLAB_MIP);
  ask (sampler, held.volume, LB_VOLUME_PLANE_AXIAL, -20, 0, LB_VOLUME_SLAB_MIP);
  wait_idle (sampler);
  g_assert_cmpuint (r.frames->len, ==, 6);
  g_clear_object (&sampler);
  wait_released (&held);
  lb_volume_free (held.volume);
  results_clear (&r);
}

/* While the volume loads, a plane asked again shows the slices that arrived meanwhile: asked
 * before any slice, it is all fill; asked again once all are loaded, it is the full plane. */
static void
test_while_loading (void)
{
  Held held = { phantom_volume (FALSE), FALSE };
  Results r;
  g_autoptr (LbReformatSampler) sampler = NULL;
  const LbDicomFrame *empty, *full;
  LbVolumeError *error = NULL;

  results_init (&r);
  sampler = lb_reformat_sampler_new (on_frame, &r);
  lb_reformat_sampler_set_volume (sampler, held.volume, &held, held_release);
  ask (sampler, held.volume, LB_VOLUME_PLANE_SAGITTAL, 0, 20, LB_VOLUME_SLAB_MIP);
  wait_idle (sampler);
  g_assert_true (lb_volume_load (held.volume, NULL, NULL, &error));
  ask (sampler, held.volume, LB_VOLUME_PLANE_SAGITTAL, 0, 20, LB_VOLUME_SLAB_MIP);
  wait_idle (sampler);
  g_assert_cmpuint (r.frames->len, ==, 2);
  empty = g_ptr_array_index (r.frames, 0);
  full = g_ptr_array_index (r.frames, 1);
  g_assert_cmpint (empty->min, ==, empty->max);
  g_assert_cmpint (full->min, <, full->max);
  assert_same_as_in_place (held.volume, &g_array_index (r.requests, LbVolumePlaneRequest, 1), full);
  g_clear_object (&sampler);
  wait_released (&held);
  lb_volume_free (held.volume);
  results_clear (&r);
}

/* Stopped while samples run: by a cancel, a new volume, or the owner's last unref. Nothing comes
 * back, and the volume is released only once the samples that read it have ended. */
static void
test_stop_while_running (void)
{
  for (int how = 0; how < 3; how++)
    {
      Held held = { phantom_volume (TRUE), FALSE };
      Held other = { NULL, FALSE };
      Results r;
      LbReformatSampler *sampler;

      results_init (&r);
      sampler = lb_reformat_sampler_new (on_frame, &r);
      lb_reformat_sampler_set_volume (sampler, held.volume, &held, held_release);
      for (int p = 0; p < 3; p++)
        ask (sampler, held.volume, (LbVolumePlane) p, 0, 30, LB_VOLUME_SLAB_MEAN);
      ask (sampler, held.volume, LB_VOLUME_PLANE_AXIAL, 10, 30, LB_VOLUME_SLAB_MEAN);
      if (how == 0)
        {
          lb_reformat_sampler_cancel (sampler);
          g_assert_false (lb_reformat_sampler_is_busy (sampler));
          lb_reformat_sampler_set_volume (sampler, NULL, NULL, NULL);
        }
      else if (how == 1)
        {
          other.volume = phantom_volume (TRUE);
          lb_reformat_sampler_set_volume (sampler, other.volume, &other, held_release);
        }
      /* The volume still lives: a sample may be reading it now. */
      g_assert_false (g_atomic_int_get (&held.released));
      if (how == 2)
        g_object_unref (sampler);
      wait_released (&held);
      lb_volume_free (held.volume);
      /* Let any main-loop callbacks of those samples run: none may reach on_frame. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpuint (r.frames->len, ==, 0);
      if (how != 2)
        g_object_unref (sampler);
      if (how == 1)
        {
          wait_released (&other);
          lb_volume_free (other.volume);
        }
      results_clear (&r);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();
  tmp = g_dir_make_tmp ("lb-sampler-XXXXXX", NULL);
  series_dir = g_build_filename (tmp, "phantom", NULL);
  write_phantom (LB_CLI_PATH, series_dir);
  g_test_add_func ("/reformat-sampler/same-pixels", test_same_pixels);
  g_test_add_func ("/reformat-sampler/newest-wins", test_newest_wins);
  g_test_add_func ("/reformat-sampler/while-loading", test_while_loading);
  g_test_add_func ("/reformat-sampler/stop-while-running", test_stop_while_running);
  status = g_test_run ();
  remove_dir (series_dir);
  g_rmdir (tmp);
  g_free (series_dir);
  return status;
}
