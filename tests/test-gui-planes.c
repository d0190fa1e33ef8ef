/* test-gui-planes.c: the three-plane view (lb-reformat.c) in real widgets: the volume of the
 * phantom built in the worker, the three planes' shapes (square pixels in mm), the crosshair
 * moving the other planes, the wheel moving a plane by one voxel and stopping at the ends.
 *
 * With LB_PLANES_SERIES=DIR (bench/planes.sh: the 600-slice CT) it times crosshair moves instead:
 * each step moves the point and renders the three canvases (snapshot + GSK's cairo renderer,
 * as bench/drag.sh does for one canvas), thin and as a 20 mm MIP, beside a plain window step
 * of one canvas on one slice of the series. Timing is reported, not asserted. */
#include "config.h"

#include <string.h>
#include <time.h>

#include <gtk/gtk.h>

#include "lb-layout.h"
#include "lb-orientation-overlay.h"
#include "lb-reformat.h"
#include "lb-test-dirs.h"
#include "lb-test-document.h"
#include "lb-test-gui.h"
#include "lb-test-wait.h"

static char *series_dir;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static GPtrArray *
list_series (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".dcm"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_file_new_build_filename (dir, g_ptr_array_index (names, i), NULL));
  return files;
}

typedef struct {
  GtkWidget *window;
  LbLayout *layout;
  LbReformat *reformat;
  LbDocument *source;
  gboolean loaded;
} Fixture;

static void
on_volume_loaded (LbReformat *reformat,
                  Fixture    *f)
{
  f->loaded = TRUE;
}

static void
on_failed (LbReformat *reformat,
           const char *message,
           Fixture    *f)
{
  g_error ("reformat failed: %s", message);
}

/* Wall time the main loop spent dispatching (not waiting in poll) in main_iteration_timed. */
static gint64 dispatch_us;

/* One main-loop iteration, as g_main_context_iteration (ctx, TRUE), counting the time its
 * dispatch takes: the main thread's busy time, without its idle wait for a worker. */
static void
main_iteration_timed (void)
{
  GMainContext *ctx = g_main_context_default ();
  GPollFD fds[64];
  int priority, timeout, n;
  gint64 start;

  g_assert_true (g_main_context_acquire (ctx));
  g_main_context_prepare (ctx, &priority);
  n = g_main_context_query (ctx, priority, &timeout, fds, G_N_ELEMENTS (fds));
  g_assert_cmpint (n, <=, G_N_ELEMENTS (fds));
  g_poll (fds, n, timeout);
  if (g_main_context_check (ctx, priority, fds, n))
    {
      start = g_get_monotonic_time ();
      g_main_context_dispatch (ctx);
      dispatch_us += g_get_monotonic_time () - start;
    }
  g_main_context_release (ctx);
}

/* Until the planes asked for are on show: they are sampled in workers. */
static void
wait_planes (Fixture *f)
{
  while (lb_reformat_is_sampling (f->reformat))
    main_iteration_timed ();
}

static void
fixture_open (Fixture    *f,
              const char *dir,
              guint       source_index)
{
  g_autoptr (GPtrArray) files = list_series (dir);
  g_autofree char *path = g_file_get_path (g_ptr_array_index (files, source_index));

  memset (f, 0, sizeof *f);            /* a fixture may be opened again after a close */
  f->window = gtk_window_new ();
  f->layout = LB_LAYOUT (lb_layout_new ());
  lb_layout_set_mode (f->layout, LB_LAYOUT_PLANES);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->layout));
  gtk_window_present (GTK_WINDOW (f->window));
  f->reformat = lb_reformat_new (lb_layout_get_viewport (f->layout, 0),
                                 lb_layout_get_viewport (f->layout, 1),
                                 lb_layout_get_viewport (f->layout, 2));
  g_signal_connect (f->reformat, "loaded", G_CALLBACK (on_volume_loaded), f);
  g_signal_connect (f->reformat, "failed", G_CALLBACK (on_failed), f);
  f->source = load (path);
  lb_reformat_start (f->reformat, f->source, files);
  lb_test_wait_while (!f->loaded);
  wait_planes (f);
  gtk_test_widget_wait_for_draw (f->window);
}

static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->reformat);
  g_clear_object (&f->source);
  gtk_window_destroy (GTK_WINDOW (f->window));
}

static const LbDicomFrame *
plane_frame (Fixture *f,
             guint    index)
{
  LbImageCanvas *canvas = lb_viewport_get_canvas (lb_layout_get_viewport (f->layout, index));

  g_assert_nonnull (lb_image_canvas_get_document (canvas));
  return lb_document_get_frame (lb_image_canvas_get_document (canvas));
}

/* The phantom: 24 slices of 256 x 256, 1.25 mm pixels, 10 mm apart. */
static void
test_phantom_planes (void)
{
  Fixture f = { 0 };
  double xyz[3], before[3];
  const LbDicomFrame *axial, *sagittal, *coronal, *old_sagittal;

  fixture_open (&f, series_dir, 11);                      /* CT12.dcm */
  axial = plane_frame (&f, 0);
  sagittal = plane_frame (&f, 1);
  coronal = plane_frame (&f, 2);
  g_assert_cmpuint (axial->width, ==, 256);
  g_assert_cmpuint (axial->height, ==, 256);
  /* Square pixels of 1.25 mm: 23 gaps of 10 mm are 184 pixels, 185 centres. */
  g_assert_cmpuint (sagittal->width, ==, 256);
  g_assert_cmpuint (sagittal->height, ==, 185);
  g_assert_cmpuint (coronal->width, ==, 256);
  g_assert_cmpuint (coronal->height, ==, 185);

  /* The crosshair starts on the slice that was shown. */
  lb_reformat_get_point (f.reformat, before);
  g_assert_cmpfloat_with_epsilon (before[2],
                                  5.0, 0.01);             /* CT12's position (the log says so) */

  /* Moving the point along x moves only the sagittal plane. */
  memcpy (xyz, before, sizeof xyz);
  xyz[0] -= 40;
  old_sagittal = sagittal;
  axial = plane_frame (&f, 0);
  lb_reformat_set_point (f.reformat, xyz);
  wait_planes (&f);
  g_assert_true (plane_frame (&f, 0) == axial);
  g_assert_true (plane_frame (&f, 1) != old_sagittal);
  lb_reformat_get_point (f.reformat, xyz);
  g_assert_cmpfloat_with_epsilon (xyz[0], before[0] - 40, 1e-6);

  /* The wheel in the axial view moves z one slice; at the end of the volume it stops. */
  lb_reformat_scroll (f.reformat, lb_layout_get_viewport (f.layout, 0), 1);
  lb_reformat_get_point (f.reformat, xyz);
  g_assert_cmpfloat_with_epsilon (xyz[2], before[2] + 10, 1e-6);
  lb_reformat_scroll (f.reformat, lb_layout_get_viewport (f.layout, 0), 1000);
  lb_reformat_get_point (f.reformat, xyz);
  lb_reformat_scroll (f.reformat, lb_layout_get_viewport (f.layout, 0), 1);
  lb_reformat_get_point (f.reformat, before);
  g_assert_cmpfloat (before[2], ==, xyz[2]);

  /* The direction letters (left right top bottom) of the radiological conventions, drawn by
   * the canvas from the plane's stated orientation, following a rotation of the view. */
  {
    const char *want[3] = { "labels R L A P", "labels A P H F", "labels R L H F" };

    for (guint v = 0; v < 3; v++)
      {
        g_autofree char *letters = lb_orientation_overlay_describe (
          lb_image_canvas_get_document (lb_viewport_get_canvas (lb_layout_get_viewport (f.layout, v))),
          0, FALSE);

        g_assert_cmpstr (letters, ==, want[v]);
      }
    {
      g_autofree char *letters = lb_orientation_overlay_describe (
        lb_image_canvas_get_document (lb_viewport_get_canvas (lb_layout_get_viewport (f.layout, 1))),
        1, FALSE);

      g_assert_cmpstr (letters, ==, "labels F H A P");
    }
  }

  /* Each view names its plane and position; a thin plane names no slab. */
  {
    const char *note = lb_document_get_overlay_note (
      lb_image_canvas_get_document (lb_viewport_get_canvas (lb_layout_get_viewport (f.layout, 1))));

    g_assert_true (g_str_has_prefix (note, "Sagittal ") && g_str_has_suffix (note, " mm"));
    g_assert_null (strstr (note, "MIP"));
  }

  /* A slab keeps the planes' shapes, and every view says which slab is on. */
  lb_reformat_set_slab (f.reformat, 20, LB_VOLUME_SLAB_MIP);
  wait_planes (&f);
  g_assert_cmpuint (plane_frame (&f, 1)->height, ==, 185);
  for (guint v = 0; v < 3; v++)
    {
      const char *note = lb_document_get_overlay_note (
        lb_image_canvas_get_document (lb_viewport_get_canvas (lb_layout_get_viewport (f.layout, v))));

      g_assert_true (g_str_has_prefix (note, (const char *[]) { "Axial ", "Sagittal ", "Coronal " }[v]));
      g_assert_true (g_str_has_suffix (note, " mm\nMIP 20 mm"));
    }
  lb_reformat_set_slab (f.reformat, 10, LB_VOLUME_SLAB_MINIP);
  wait_planes (&f);
  g_assert_true (g_str_has_suffix (lb_document_get_overlay_note (
    lb_image_canvas_get_document (lb_viewport_get_canvas (lb_layout_get_viewport (f.layout, 2)))),
    " mm\nMinIP 10 mm"));
  fixture_close (&f);
}

/* The view closed while its planes are being sampled: the samples end in their workers after
 * the view (and its sampler) are gone, and nothing of theirs reaches a canvas; the next tests'
 * main loops run their callbacks (under AddressSanitizer a use after free would show there). */
static void
test_close_while_sampling (void)
{
  Fixture f = { 0 };
  double xyz[3];

  fixture_open (&f, series_dir, 11);
  lb_reformat_set_slab (f.reformat, 30, LB_VOLUME_SLAB_MEAN);
  lb_reformat_get_point (f.reformat, xyz);
  xyz[0] += 20;
  xyz[1] -= 20;
  lb_reformat_set_point (f.reformat, xyz);
  g_assert_true (lb_reformat_is_sampling (f.reformat));
  lb_reformat_stop (f.reformat);
  g_assert_false (lb_reformat_is_sampling (f.reformat));
  lb_reformat_set_slab (f.reformat, 20, LB_VOLUME_SLAB_MIP);
  lb_reformat_set_point (f.reformat, xyz);            /* no volume now: nothing asked */
  g_assert_false (lb_reformat_is_sampling (f.reformat));
  fixture_close (&f);

  /* Again, closed without a stop first: the last unref while the samples run. */
  fixture_open (&f, series_dir, 3);
  lb_reformat_set_slab (f.reformat, 20, LB_VOLUME_SLAB_MIP);
  g_assert_true (lb_reformat_is_sampling (f.reformat));
  fixture_close (&f);
}

static double
render_canvas (GtkWidget *window,
               GtkWidget *canvas)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return 0;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (canvas),
                                                              gtk_widget_get_height (canvas)));
  return gdk_texture_get_width (texture);
}

/* Wheel notches that come within one frame move the point at once but resample the plane once,
 * at the next frame: the planes passed between two frames would never be seen. */
static void
test_wheel_per_frame (void)
{
  Fixture f = { 0 };
  LbImageCanvas *axial = NULL;
  g_autoptr (LbDocument) before = NULL;
  double start[3], xyz[3];
  gint64 deadline;

  fixture_open (&f, series_dir, 5);
  axial = lb_viewport_get_canvas (lb_layout_get_viewport (f.layout, 0));
  /* Held, so a new document cannot come back at the same address. */
  before = g_object_ref (lb_image_canvas_get_document (axial));
  lb_reformat_get_point (f.reformat, start);
  for (int i = 0; i < 3; i++)
    lb_reformat_scroll (f.reformat, lb_layout_get_viewport (f.layout, 0), 1);
  lb_reformat_get_point (f.reformat, xyz);
  g_assert_cmpfloat_with_epsilon (xyz[2], start[2] + 30, 1e-6);
  g_assert_true (lb_image_canvas_get_document (axial) == before);   /* not resampled yet */

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (lb_image_canvas_get_document (axial) == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lb_image_canvas_get_document (axial) != before);
  /* The plane shown is the one three slices on: the same as moving the point there directly. */
  {
    g_autoptr (LbDocument) wheeled = g_object_ref (lb_image_canvas_get_document (axial));
    const LbDicomFrame *a = lb_document_get_frame (wheeled);
    const LbDicomFrame *b;

    lb_reformat_set_point (f.reformat, xyz);
    lb_reformat_refresh (f.reformat);
    wait_planes (&f);
    b = plane_frame (&f, 0);
    g_assert_cmpuint (a->data_len, ==, b->data_len);
    g_assert_cmpmem (a->data, a->data_len, b->data, b->data_len);
  }
  fixture_close (&f);
}

/* CPU time of the calling thread (the main thread here), in ms: what a step costs the main loop,
 * whatever the workers do beside it. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct {
  double wall_ms;                      /* a step: move, frames shown, three canvases drawn */
  double main_cpu_ms;                  /* main-thread CPU of a step without the drawing */
  double main_busy_ms;                 /* main-thread wall time in the move and in dispatching
                                        * until its planes are shown (not waiting) */
  double until_shown_ms;               /* wall time from the move until its planes are shown */
} StepTimes;

/* `axes` 3: diagonally through the volume, all three planes move each step; 2: along x and y,
 * as a drag in the axial view moves the sagittal and coronal planes; 1: along y only, as the
 * wheel in the coronal view moves its plane alone. */
static StepTimes
time_crosshair_steps (Fixture *f,
                      int      steps,
                      int      axes)
{
  double start_point[3], xyz[3], cpu = 0;
  gint64 start, shown = 0, busy = 0, t0;
  StepTimes t;

  lb_reformat_get_point (f->reformat, start_point);
  start = g_get_monotonic_time ();
  for (int i = 0; i < steps; i++)
    {
      xyz[0] = start_point[0] + (axes >= 2 ? (i - steps / 2) * 2.0 : 0);
      xyz[1] = start_point[1] + (i - steps / 2) * 2.0;
      xyz[2] = start_point[2] + (axes == 3 ? (i - steps / 2) * 2.0 : 0);
      cpu -= thread_cpu_ms ();
      shown -= g_get_monotonic_time ();
      t0 = g_get_monotonic_time ();
      lb_reformat_set_point (f->reformat, xyz);
      busy += g_get_monotonic_time () - t0;
      wait_planes (f);
      busy += dispatch_us;
      dispatch_us = 0;
      shown += g_get_monotonic_time ();
      cpu += thread_cpu_ms ();
      for (guint v = 0; v < 3; v++)
        render_canvas (f->window, GTK_WIDGET (lb_viewport_get_canvas (
                                    lb_layout_get_viewport (f->layout, v))));
    }
  t.wall_ms = (g_get_monotonic_time () - start) / 1000.0 / steps;
  t.main_cpu_ms = cpu / steps;
  t.until_shown_ms = shown / 1000.0 / steps;
  t.main_busy_ms = busy / 1000.0 / steps;
  return t;
}

/* One canvas, one slice of the series, a window step: what the single view costs today. */
static double
time_window_steps (Fixture *f,
                   int      steps)
{
  GtkWidget *canvas = GTK_WIDGET (lb_viewport_get_canvas (lb_layout_get_viewport (f->layout, 3)));
  GtkWidget *window = gtk_window_new ();
  gint64 start;

  gtk_window_set_default_size (GTK_WINDOW (window), 500, 400);
  g_object_ref (canvas);
  gtk_widget_unparent (canvas);
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  lb_image_canvas_set_document (LB_IMAGE_CANVAS (canvas), f->source, FALSE);
  gtk_test_widget_wait_for_draw (window);
  start = g_get_monotonic_time ();
  for (int i = 0; i < steps; i++)
    {
      lb_image_canvas_set_window (LB_IMAGE_CANVAS (canvas), 40 + i * 5, 400 + i * 10,
                                  LB_WINDOW_SOURCE_MANUAL, NULL);
      render_canvas (window, canvas);
    }
  start = g_get_monotonic_time () - start;
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (canvas);
  return start / 1000.0 / steps;
}

static void
test_bench_crosshair (void)
{
  const char *dir = g_getenv ("LB_PLANES_SERIES");
  Fixture f = { 0 };
  g_autoptr (GPtrArray) files = NULL;
  StepTimes thin, two, mip, mip_one;
  double one;
  const int steps = 30;

  if (dir == NULL || *dir == '\0')
    {
      g_test_skip ("LB_PLANES_SERIES not set (bench/planes.sh sets it)");
      return;
    }
  files = list_series (dir);
  fixture_open (&f, dir, files->len / 2);
  thin = time_crosshair_steps (&f, steps, 3);
  two = time_crosshair_steps (&f, steps, 2);
  lb_reformat_set_slab (f.reformat, 20, LB_VOLUME_SLAB_MIP);
  wait_planes (&f);
  mip = time_crosshair_steps (&f, steps, 3);
  mip_one = time_crosshair_steps (&f, steps, 1);
  one = time_window_steps (&f, steps);
  g_test_message ("planes crosshair step: %.2f ms thin, %.2f ms 20 mm MIP; %.2f ms thin in the "
                  "axial plane (two planes move); one-view window step %.2f ms (views %dx%d, %u "
                  "files); of a thin step %.2f ms until the planes are shown", thin.wall_ms,
                  mip.wall_ms, two.wall_ms, one,
                  gtk_widget_get_width (GTK_WIDGET (lb_layout_get_viewport (f.layout, 1))),
                  gtk_widget_get_height (GTK_WIDGET (lb_layout_get_viewport (f.layout, 1))),
                  files->len, thin.until_shown_ms);
  /* The main loop's share, without drawing: what a drag of the crosshair waits for. */
  g_test_message ("planes main thread per step, without drawing: busy %.2f ms thin, %.2f ms "
                  "20 mm MIP, %.2f ms thin in the axial plane; CPU %.2f ms thin, %.2f ms 20 mm "
                  "MIP; moved until shown %.2f ms thin, %.2f ms 20 mm MIP, %.2f ms 20 mm MIP "
                  "of the coronal plane alone", thin.main_busy_ms, mip.main_busy_ms,
                  two.main_busy_ms, thin.main_cpu_ms, mip.main_cpu_ms, thin.until_shown_ms,
                  mip.until_shown_ms, mip_one.until_shown_ms);
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr (LbApplication) app = NULL;
  int status;

  if (!lb_test_have_display ())
    return 0;
  data_home = lb_test_private_data_home ("lb-planes-data");
  gtk_test_init (&argc, &argv, NULL);
  app = lb_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);  /* its resources: the templates */
  /* The phantom, written by the CLI into a folder of its own. */
  tmp = g_dir_make_tmp ("lb-planes-XXXXXX", NULL);
  series_dir = g_build_filename (tmp, "phantom", NULL);
  write_phantom (LB_CLI_PATH, series_dir);
  g_test_add_func ("/planes/phantom", test_phantom_planes);
  g_test_add_func ("/planes/close-while-sampling", test_close_while_sampling);
  g_test_add_func ("/planes/wheel-per-frame", test_wheel_per_frame);
  g_test_add_func ("/planes/bench-crosshair", test_bench_crosshair);
  status = g_test_run ();
  remove_dir (series_dir);
  g_rmdir (tmp);
  lb_test_remove_data_home (data_home);
  g_free (series_dir);
  return status;
}
