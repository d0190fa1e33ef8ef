/* lb-thumbnail-trim.h: keeps the thumbnail cache (lb-thumbnailer.h) to a bound: the oldest
 * thumbnails go once the folder holds more than LB_THUMBNAIL_CACHE_MAX_BYTES. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* 100 MB: about 4000 series at 96 x 96; a few seconds to render again what was dropped. */
#define LB_THUMBNAIL_CACHE_MAX_BYTES (G_GUINT64_CONSTANT (100) * 1000 * 1000)

/* Removes the least recently written *.png files of `folder` until the PNGs left take at most
 * `max_bytes`; other files are left alone. Returns how many were removed (0 when the folder is
 * missing or already small enough). */
guint lb_thumbnail_trim_folder          (const char *folder,
                                         guint64     max_bytes);

/* Trims the thumbnail cache to LB_THUMBNAIL_CACHE_MAX_BYTES in a worker thread, at most once
 * per run (later calls do nothing). */
void  lb_thumbnail_trim_cache_once      (void);

G_END_DECLS
