/* lb-zip-module.c: the entry of the module lightbox-zip (lb-zip-module.h). */
#include "config.h"

#include <gmodule.h>

#include "lb-zip-cache.h"
#include "lb-zip-module.h"

G_MODULE_EXPORT const LbZipModule *lb_zip_module_get (void);

const LbZipModule *
lb_zip_module_get (void)
{
  static const LbZipModule module = {
    .unpack_async = lb_zip_cache_unpack_async,
    .unpack_finish = lb_zip_cache_unpack_finish,
  };

  return &module;
}
