/* lb-thumbnailer.h: series thumbnails, made in a worker pool of at most two threads and cached
 * as PNG files in the XDG cache (g_get_user_cache_dir()/lightbox/thumbnails/), named by a hash
 * of the file's path, size and modification time: a second open takes them from there. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LB_TYPE_THUMBNAILER (lb_thumbnailer_get_type ())

G_DECLARE_FINAL_TYPE (LbThumbnailer, lb_thumbnailer, LB, THUMBNAILER, GObject)

/* Longest side of a thumbnail, in pixels. */
#define LB_THUMBNAIL_SIZE 96

/* The one thumbnailer of the process (so all browsers share its two threads). */
LbThumbnailer *lb_thumbnailer_get_default     (void);

/* A thumbnail of frame `frame` of the DICOM file at `path`, in its stored window (else the
 * range of its values), delivered to `callback` on the calling thread's main context. */
void           lb_thumbnailer_load_async      (LbThumbnailer       *self,
                                               const char          *path,
                                               guint                frame,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GdkTexture    *lb_thumbnailer_load_finish     (LbThumbnailer       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* The cache file for `path` as it is now (NULL when it cannot be looked at). */
char          *lb_thumbnailer_cache_path      (const char          *path,
                                               guint                frame);

/* How many thumbnails were rendered from DICOM and how many read from the cache (for tests). */
guint          lb_thumbnailer_get_n_rendered  (LbThumbnailer       *self);
guint          lb_thumbnailer_get_n_cached    (LbThumbnailer       *self);

G_END_DECLS
