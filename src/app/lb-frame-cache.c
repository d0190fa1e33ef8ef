/* lb-frame-cache.c: a byte-bounded LRU of decoded frames and a small queue of loads.
 *
 * The cache and its queue live on the UI thread; a load runs in a GTask worker and hands its
 * value back to the UI thread, which inserts it. At most LB_FRAME_CACHE_MAX_WORKERS loads run
 * at once, so reading ahead never takes both cores from the UI. A value shown on screen is
 * also referenced by what shows it: an eviction frees it once it is no longer shown, so the
 * memory in use is at most the bound plus the frames on show. */
#include "config.h"

#define G_LOG_DOMAIN "lb-frame-cache"

#include <unistd.h>

#include "lb-frame-cache.h"

typedef struct {
  char *key;
  gpointer value;
  gsize size;
  GDestroyNotify destroy;
} Entry;

typedef struct {
  LbFrameCache *cache;
  char *key;
  LbFrameCacheLoadFunc load;
  GObject *source;
  guint index;
  GCancellable *cancellable;
  gpointer value;
  gsize size;
  GDestroyNotify destroy;
} Job;

struct _LbFrameCache
{
  GObject parent_instance;

  guint64 bound;
  guint64 bytes;
  GQueue lru;                          /* Entry, most recently used first */
  GHashTable *entries;                 /* key -> GList node in lru */

  GQueue queued;                       /* Job, next first */
  GPtrArray *running;                  /* Job */
  GHashTable *jobs;                    /* key -> Job, queued or running */
};

G_DEFINE_FINAL_TYPE (LbFrameCache, lb_frame_cache, G_TYPE_OBJECT)

enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start_jobs (LbFrameCache *self);

static void
entry_free (Entry *entry)
{
  if (entry->destroy != NULL && entry->value != NULL)
    entry->destroy (entry->value);
  g_free (entry->key);
  g_free (entry);
}

static void
job_free (Job *job)
{
  if (job->destroy != NULL && job->value != NULL)
    job->destroy (job->value);
  g_clear_object (&job->source);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->cache);
  g_free (job->key);
  g_free (job);
}

static void
remove_node (LbFrameCache *self,
             GList        *node)
{
  Entry *entry = node->data;

  g_hash_table_remove (self->entries, entry->key);
  g_queue_delete_link (&self->lru, node);
  self->bytes -= entry->size;
  entry_free (entry);
}

/* Least recently used out until the bytes fit, keeping `keep` (the newest) whatever its size. */
static void
evict (LbFrameCache *self,
       GList        *keep)
{
  while (self->bytes > self->bound && self->lru.tail != NULL && self->lru.tail != keep)
    {
      g_debug ("evict %s", ((Entry *) self->lru.tail->data)->key);
      remove_node (self, self->lru.tail);
    }
}

void
lb_frame_cache_insert (LbFrameCache   *self,
                       const char     *key,
                       gpointer        value,
                       gsize           size,
                       GDestroyNotify  destroy)
{
  GList *old;
  Entry *entry;

  g_return_if_fail (LB_IS_FRAME_CACHE (self));
  old = g_hash_table_lookup (self->entries, key);
  if (old != NULL)
    remove_node (self, old);
  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->value = value;
  entry->size = size;
  entry->destroy = destroy;
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->entries, entry->key, self->lru.head);
  self->bytes += size;
  evict (self, self->lru.head);
}

gpointer
lb_frame_cache_lookup (LbFrameCache *self,
                       const char   *key)
{
  GList *node;

  g_return_val_if_fail (LB_IS_FRAME_CACHE (self), NULL);
  node = g_hash_table_lookup (self->entries, key);
  if (node == NULL)
    return NULL;
  g_queue_unlink (&self->lru, node);
  g_queue_push_head_link (&self->lru, node);
  return ((Entry *) node->data)->value;
}

gboolean
lb_frame_cache_contains (LbFrameCache *self,
                         const char   *key)
{
  g_return_val_if_fail (LB_IS_FRAME_CACHE (self), FALSE);
  return g_hash_table_contains (self->entries, key);
}

/* ---- Loads ------------------------------------------------------------------------------ */

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  job->value = job->load (job->source, job->index, &job->size, &job->destroy, cancellable,
                          &error);
  if (job->value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  LbFrameCache *self = job->cache;
  g_autoptr (GError) error = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (job->cancellable);

  g_task_propagate_boolean (G_TASK (result), &error);
  g_ptr_array_remove (self->running, job);
  if (g_hash_table_lookup (self->jobs, job->key) == job)
    g_hash_table_remove (self->jobs, job->key);
  if (job->value != NULL && !cancelled)
    {
      lb_frame_cache_insert (self, job->key, g_steal_pointer (&job->value), job->size,
                             job->destroy);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0, job->key, NULL);
    }
  else if (!cancelled && error != NULL)
    {
      g_debug ("%s not loaded: %s", job->key, error->message);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0, job->key, error);
    }
  start_jobs (self);
}

static void
start_jobs (LbFrameCache *self)
{
  while (self->running->len < LB_FRAME_CACHE_MAX_WORKERS && self->queued.head != NULL)
    {
      Job *job = g_queue_pop_head (&self->queued);
      g_autoptr (GTask) task = g_task_new (NULL, job->cancellable, on_job_done, NULL);

      g_debug ("load %s", job->key);
      g_task_set_source_tag (task, start_jobs);
      /* The task owns the job; the job holds the cache until it is done. */
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_ptr_array_add (self->running, job);
      g_task_run_in_thread (task, load_worker);
    }
}

void
lb_frame_cache_fetch (LbFrameCache         *self,
                      const char           *key,
                      LbFrameCacheLoadFunc  load,
                      GObject              *source,
                      guint                 index,
                      gboolean              urgent)
{
  Job *job;

  g_return_if_fail (LB_IS_FRAME_CACHE (self));
  if (g_hash_table_contains (self->entries, key))
    return;
  job = g_hash_table_lookup (self->jobs, key);
  if (job != NULL)
    {
      /* Queued already: an urgent request moves it to the front. */
      GList *link = urgent ? g_queue_find (&self->queued, job) : NULL;

      if (link != NULL)
        {
          g_queue_unlink (&self->queued, link);
          g_queue_push_head_link (&self->queued, link);
        }
      return;
    }
  job = g_new0 (Job, 1);
  job->cache = g_object_ref (self);
  job->key = g_strdup (key);
  job->load = load;
  job->source = g_object_ref (source);
  job->index = index;
  job->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->jobs, job->key, job);
  if (urgent)
    g_queue_push_head (&self->queued, job);
  else
    g_queue_push_tail (&self->queued, job);
  start_jobs (self);
}

void
lb_frame_cache_cancel_fetches (LbFrameCache *self,
                               gboolean      running)
{
  Job *job;

  g_return_if_fail (LB_IS_FRAME_CACHE (self));
  while ((job = g_queue_pop_head (&self->queued)) != NULL)
    {
      g_hash_table_remove (self->jobs, job->key);
      job_free (job);
    }
  for (guint i = 0; running && i < self->running->len; i++)
    {
      job = g_ptr_array_index (self->running, i);
      g_debug ("cancel %s", job->key);
      g_cancellable_cancel (job->cancellable);
      g_hash_table_remove (self->jobs, job->key);
    }
}

void
lb_frame_cache_clear (LbFrameCache *self)
{
  g_return_if_fail (LB_IS_FRAME_CACHE (self));
  while (self->lru.head != NULL)
    remove_node (self, self->lru.head);
}

/* ---- Object ----------------------------------------------------------------------------- */

void
lb_frame_cache_set_bound (LbFrameCache *self,
                          guint64       bound)
{
  g_return_if_fail (LB_IS_FRAME_CACHE (self));
  self->bound = bound;
  evict (self, NULL);
}

guint64
lb_frame_cache_get_bound (LbFrameCache *self)
{
  g_return_val_if_fail (LB_IS_FRAME_CACHE (self), 0);
  return self->bound;
}

guint64
lb_frame_cache_get_bytes (LbFrameCache *self)
{
  g_return_val_if_fail (LB_IS_FRAME_CACHE (self), 0);
  return self->bytes;
}

guint
lb_frame_cache_get_n_entries (LbFrameCache *self)
{
  g_return_val_if_fail (LB_IS_FRAME_CACHE (self), 0);
  return self->lru.length;
}

guint
lb_frame_cache_get_n_running (LbFrameCache *self)
{
  g_return_val_if_fail (LB_IS_FRAME_CACHE (self), 0);
  return self->running->len;
}

guint
lb_frame_cache_get_n_queued (LbFrameCache *self)
{
  g_return_val_if_fail (LB_IS_FRAME_CACHE (self), 0);
  return self->queued.length;
}

guint64
lb_frame_cache_default_bound (void)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);
  guint64 quarter = pages > 0 && page_size > 0 ? (guint64) pages * page_size / 4 : 0;

  return CLAMP (quarter, 64 * (guint64) 1024 * 1024,
                2 * (guint64) 1024 * 1024 * 1024);
}

static void
lb_frame_cache_dispose (GObject *object)
{
  LbFrameCache *self = LB_FRAME_CACHE (object);

  lb_frame_cache_cancel_fetches (self, TRUE);
  lb_frame_cache_clear (self);
  G_OBJECT_CLASS (lb_frame_cache_parent_class)->dispose (object);
}

static void
lb_frame_cache_finalize (GObject *object)
{
  LbFrameCache *self = LB_FRAME_CACHE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->running, g_ptr_array_unref);
  G_OBJECT_CLASS (lb_frame_cache_parent_class)->finalize (object);
}

static void
lb_frame_cache_class_init (LbFrameCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_frame_cache_dispose;
  G_OBJECT_CLASS (klass)->finalize = lb_frame_cache_finalize;

  /* (key, GError or NULL): a fetched value is in the cache, or could not be made. */
  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_POINTER);
}

static void
lb_frame_cache_init (LbFrameCache *self)
{
  g_queue_init (&self->lru);
  g_queue_init (&self->queued);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->jobs = g_hash_table_new (g_str_hash, g_str_equal);
  self->running = g_ptr_array_new ();
}

LbFrameCache *
lb_frame_cache_new (guint64 bound)
{
  LbFrameCache *self = g_object_new (LB_TYPE_FRAME_CACHE, NULL);

  self->bound = bound;
  return self;
}
