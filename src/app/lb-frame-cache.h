/* lb-frame-cache.h: decoded frames (or whole slices of a series), bounded in bytes, least
 * recently used first out; and the workers that decode them ahead. UI thread only; the load
 * functions run in worker threads. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LB_TYPE_FRAME_CACHE (lb_frame_cache_get_type ())

G_DECLARE_FINAL_TYPE (LbFrameCache, lb_frame_cache, LB, FRAME_CACHE, GObject)

/* Runs in a worker: makes the value for (source, index), sets *size to the bytes it holds and
 * *destroy to how to free it. NULL with `error` set when it cannot. */
typedef gpointer (*LbFrameCacheLoadFunc) (GObject         *source,
                                          guint            index,
                                          gsize           *size,
                                          GDestroyNotify  *destroy,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* At most this many loads run at once (the machine has two cores; the UI needs one). */
#define LB_FRAME_CACHE_MAX_WORKERS 2

LbFrameCache *lb_frame_cache_new            (guint64               bound);
void          lb_frame_cache_set_bound      (LbFrameCache         *self,
                                             guint64               bound);
guint64       lb_frame_cache_get_bound      (LbFrameCache         *self);
guint64       lb_frame_cache_get_bytes      (LbFrameCache         *self);
guint         lb_frame_cache_get_n_entries  (LbFrameCache         *self);
guint         lb_frame_cache_get_n_running  (LbFrameCache         *self);
guint         lb_frame_cache_get_n_queued   (LbFrameCache         *self);

/* The value for `key`, now the most recently used, or NULL. */
gpointer      lb_frame_cache_lookup         (LbFrameCache         *self,
                                             const char           *key);
gboolean      lb_frame_cache_contains       (LbFrameCache         *self,
                                             const char           *key);
/* Takes `value`; evicts the least recently used entries beyond the bound (never this one). */
void          lb_frame_cache_insert         (LbFrameCache         *self,
                                             const char           *key,
                                             gpointer              value,
                                             gsize                 size,
                                             GDestroyNotify        destroy);
/* Asks for `key` to be loaded in a worker, unless it is cached, loading or queued. `urgent`
 * puts it first in the queue. "loaded" is emitted when it is in the cache. */
void          lb_frame_cache_fetch          (LbFrameCache         *self,
                                             const char           *key,
                                             LbFrameCacheLoadFunc  load,
                                             GObject              *source,
                                             guint                 index,
                                             gboolean              urgent);
/* Forgets the loads not started yet; with `running`, cancels the running ones too. */
void          lb_frame_cache_cancel_fetches (LbFrameCache         *self,
                                             gboolean              running);
void          lb_frame_cache_clear          (LbFrameCache         *self);

/* The default bound: a quarter of the physical memory, at most 2 GiB, at least 64 MiB. */
guint64       lb_frame_cache_default_bound  (void);

G_END_DECLS
