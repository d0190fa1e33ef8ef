/* lb-zip-module.h: the viewer's module lightbox-zip (issue 15 §2): the unpacking of a .zip
 * into the user's cache (lb-zip-cache.c) with the study library's zip reader, and so libarchive
 * with libxml2, ICU, lz4, bz2, acl and nettle, which the executable does not link (5 M
 * instructions in the dynamic loader before the first image). lb-app-module.c loads it at the
 * first zip; whether a file is a zip is lb_zip_is_zip's (study-zip-magic.c), without it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LB_ZIP_MODULE_NAME   "lightbox-zip"
#define LB_ZIP_MODULE_SYMBOL "lb_zip_module_get"

typedef struct
{
  /* lb_zip_cache_unpack_async and _finish (lb-zip-cache.h). */
  void   (*unpack_async)  (GFile               *zip,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);
  GFile *(*unpack_finish) (GAsyncResult        *result,
                           guint               *n_damaged,
                           GError             **error);
} LbZipModule;

typedef const LbZipModule *(*LbZipModuleGetFunc) (void);

G_END_DECLS
