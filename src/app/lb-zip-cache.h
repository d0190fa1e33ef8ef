/* lb-zip-cache.h: a .zip of DICOM files unpacked once into the user's cache, to be opened as a
 * folder (GIO, no GTK). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a zip may unpack to at most: a zip bomb stops there with a message. */
#define LB_ZIP_CACHE_DEFAULT_LIMIT (G_GUINT64_CONSTANT (4) << 30)

/* The folder `zip` is unpacked in: g_get_user_cache_dir()/lightbox/zip/<SHA-256 of its path,
 * size and modification time>/<the zip's file name>/. When the cache has no copy, the zip is unpacked into a
 * temporary folder beside it that is renamed into place once whole, so a half-unpacked zip is
 * never taken for a copy. Members whose names would leave the folder are left out; so are
 * damaged members (*n_damaged counts them, may be NULL). Errors: not a readable zip, more than
 * `limit` bytes unpacked, disk errors; nothing is left behind then. */
GFile *lb_zip_cache_unpack        (GFile         *zip,
                                   guint64        limit,
                                   guint         *n_damaged,
                                   GCancellable  *cancellable,
                                   GError       **error);
/* The same in a worker thread. */
void   lb_zip_cache_unpack_async  (GFile               *zip,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GFile *lb_zip_cache_unpack_finish (GAsyncResult  *result,
                                   guint         *n_damaged,
                                   GError       **error);

/* Whether `path` lies in the cache the zips are unpacked into (so that output folders the user
 * keeps are not made beside it). */
gboolean lb_path_is_in_zip_cache (const char *path);

G_END_DECLS
