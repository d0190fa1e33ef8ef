/* lb-zip-cache-path.c: where the zips are unpacked (lb-zip-cache.h), in the executable: the
 * unpacking itself is the module lightbox-zip's (lb-zip-module.h), this is not. */
#include "config.h"

#include "lb-zip-cache.h"

gboolean
lb_path_is_in_zip_cache (const char *path)
{
  g_autofree char *root = g_build_filename (g_get_user_cache_dir (), "lightbox", "zip",
                                            G_DIR_SEPARATOR_S, NULL);

  return path != NULL && g_str_has_prefix (path, root);
}
