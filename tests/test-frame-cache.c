/* test-frame-cache.c: the frame cache (src/app/lb-frame-cache.c): the byte bound, least
 * recently used out first, loads in workers, at most two at once, and cancelled loads. */
#include <gio/gio.h>

#include "lb-frame-cache.h"
#include "lb-test-wait.h"

static int freed;

static void
count_free (gpointer value)
{
  freed++;
  g_free (value);
}

static void
test_bound_and_lru (void)
{
  g_autoptr (LbFrameCache) cache = lb_frame_cache_new (300);

  freed = 0;
  lb_frame_cache_insert (cache, "a", g_strdup ("a"), 100, count_free);
  lb_frame_cache_insert (cache, "b", g_strdup ("b"), 100, count_free);
  lb_frame_cache_insert (cache, "c", g_strdup ("c"), 100, count_free);
  g_assert_cmpuint (lb_frame_cache_get_bytes (cache), ==, 300);
  /* "a" used last: "b" is the least recently used and goes first. */
  g_assert_cmpstr (lb_frame_cache_lookup (cache, "a"), ==, "a");
  lb_frame_cache_insert (cache, "d", g_strdup ("d"), 100, count_free);
  g_assert_false (lb_frame_cache_contains (cache, "b"));
  g_assert_true (lb_frame_cache_contains (cache, "a"));
  g_assert_true (lb_frame_cache_contains (cache, "c"));
  g_assert_cmpint (freed, ==, 1);
  g_assert_cmpuint (lb_frame_cache_get_bytes (cache), <=, 300);
  /* A bigger entry pushes out as many as it needs, the oldest first. */
  lb_frame_cache_insert (cache, "e", g_strdup ("e"), 250, count_free);
  g_assert_cmpuint (lb_frame_cache_get_n_entries (cache), ==, 1);
  g_assert_true (lb_frame_cache_contains (cache, "e"));
  g_assert_cmpuint (lb_frame_cache_get_bytes (cache), ==, 250);
  /* One entry larger than the bound stays (the frame on show), alone. */
  lb_frame_cache_insert (cache, "huge", g_strdup ("huge"), 1000, count_free);
  g_assert_cmpuint (lb_frame_cache_get_n_entries (cache), ==, 1);
  /* A smaller bound evicts at once. */
  lb_frame_cache_insert (cache, "f", g_strdup ("f"), 10, count_free);
  lb_frame_cache_set_bound (cache, 50);
  g_assert_cmpuint (lb_frame_cache_get_bytes (cache), <=, 50);
  g_assert_true (lb_frame_cache_contains (cache, "f"));
}

/* ---- Loads ------------------------------------------------------------------------------ */

static GMutex gate_mutex;
static GCond gate_cond;
static gboolean gate_open;
static guint gate_allowed;             /* bit i: index i may pass the closed gate */
static int running_now, running_max;
static guint entered[16], n_entered;   /* the indexes of the loads, in the order they began */

static gpointer
slow_load (GObject         *source,
           guint            index,
           gsize           *size,
           GDestroyNotify  *destroy,
           GCancellable    *cancellable,
           GError         **error)
{
  g_mutex_lock (&gate_mutex);
  running_now++;
  running_max = MAX (running_max, running_now);
  if (n_entered < G_N_ELEMENTS (entered))
    entered[n_entered++] = index;
  while (!gate_open && !(index < 32 && (gate_allowed & (1u << index)))
         && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&gate_cond, &gate_mutex, g_get_monotonic_time () + 10 * 1000);
  running_now--;
  g_mutex_unlock (&gate_mutex);
  if (index == 99)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "broken frame");
      return NULL;
    }
  *size = 10;
  *destroy = g_free;
  return g_strdup_printf ("frame %u", index);
}

static void
on_loaded (LbFrameCache *cache,
           const char   *key,
           GError       *error,
           GPtrArray    *log)
{
  g_ptr_array_add (log, g_strdup_printf ("%s%s", key, error != NULL ? " failed" : ""));
}

/* Lets the load of `index` alone through the closed gate. */
static void
allow_through (guint index)
{
  g_mutex_lock (&gate_mutex);
  gate_allowed |= 1u << index;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

static guint
count_entered (void)
{
  guint n;

  g_mutex_lock (&gate_mutex);
  n = n_entered;
  g_mutex_unlock (&gate_mutex);
  return n;
}

static void
open_gate (void)
{
  g_mutex_lock (&gate_mutex);
  gate_open = TRUE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_mutex);
}

static void
wait_idle (LbFrameCache *cache)
{
  lb_test_wait_while (lb_frame_cache_get_n_running (cache) > 0 || lb_frame_cache_get_n_queued (cache) > 0);
}

static void
test_fetch_two_workers (void)
{
  g_autoptr (LbFrameCache) cache = lb_frame_cache_new (1000);
  g_autoptr (GObject) source = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GPtrArray) log = g_ptr_array_new_with_free_func (g_free);

  gate_open = FALSE;
  gate_allowed = 0;
  n_entered = 0;
  running_max = 0;
  g_signal_connect (cache, "loaded", G_CALLBACK (on_loaded), log);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      lb_frame_cache_fetch (cache, key, slow_load, source, i, FALSE);
    }
  /* Asked twice: loaded once. */
  lb_frame_cache_fetch (cache, "k3", slow_load, source, 3, FALSE);
  g_assert_cmpuint (lb_frame_cache_get_n_running (cache), ==, 2);
  g_assert_cmpuint (lb_frame_cache_get_n_queued (cache), ==, 4);
  /* Urgent: ahead of the queue. k0 alone is let through: the worker it frees takes k5, the
   * third load to begin. (Which of the later loads ends first is the threads' affair: the
   * order of beginning is the cache's.) */
  lb_frame_cache_fetch (cache, "k5", slow_load, source, 5, TRUE);
  lb_test_wait_while (count_entered () < 2);   /* k0 and k1 at the gate, in their threads */
  allow_through (0);
  lb_test_wait_while (count_entered () < 3);
  g_assert_cmpuint (entered[2], ==, 5);
  open_gate ();
  wait_idle (cache);
  g_assert_cmpint (running_max, <=, LB_FRAME_CACHE_MAX_WORKERS);
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "k0");
  g_assert_cmpstr (lb_frame_cache_lookup (cache, "k4"), ==, "frame 4");
  /* A failed load says so and leaves nothing behind. */
  lb_frame_cache_fetch (cache, "bad", slow_load, source, 99, FALSE);
  wait_idle (cache);
  g_assert_cmpstr (g_ptr_array_index (log, 6), ==, "bad failed");
  g_assert_false (lb_frame_cache_contains (cache, "bad"));
}

static void
test_cancel (void)
{
  g_autoptr (LbFrameCache) cache = lb_frame_cache_new (1000);
  g_autoptr (GObject) source = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GPtrArray) log = g_ptr_array_new_with_free_func (g_free);

  gate_open = FALSE;
  g_signal_connect (cache, "loaded", G_CALLBACK (on_loaded), log);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      lb_frame_cache_fetch (cache, key, slow_load, source, i, FALSE);
    }
  /* The queued ones are forgotten, the running ones still land. */
  lb_frame_cache_cancel_fetches (cache, FALSE);
  g_assert_cmpuint (lb_frame_cache_get_n_queued (cache), ==, 0);
  g_assert_cmpuint (lb_frame_cache_get_n_running (cache), ==, 2);
  open_gate ();
  wait_idle (cache);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_false (lb_frame_cache_contains (cache, "k2"));

  /* Cancelled while running: no value, no signal, and a new fetch of the key starts afresh. */
  gate_open = FALSE;
  g_ptr_array_set_size (log, 0);
  lb_frame_cache_fetch (cache, "r", slow_load, source, 7, FALSE);
  lb_frame_cache_cancel_fetches (cache, TRUE);
  wait_idle (cache);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_false (lb_frame_cache_contains (cache, "r"));
  open_gate ();
  lb_frame_cache_fetch (cache, "r", slow_load, source, 7, FALSE);
  wait_idle (cache);
  g_assert_cmpstr (lb_frame_cache_lookup (cache, "r"), ==, "frame 7");
}

static void
test_default_bound (void)
{
  guint64 bound = lb_frame_cache_default_bound ();

  g_assert_cmpuint (bound, >=, 64 * 1024 * 1024);
  g_assert_cmpuint (bound, <=, 2 * (guint64) 1024 * 1024 * 1024);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frame-cache/bound-and-lru", test_bound_and_lru);
  g_test_add_func ("/frame-cache/fetch-two-workers", test_fetch_two_workers);
  g_test_add_func ("/frame-cache/cancel", test_cancel);
  g_test_add_func ("/frame-cache/default-bound", test_default_bound);
  return g_test_run ();
}
