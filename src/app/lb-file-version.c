/* lb-file-version.c: a key for one version of a file on disk. The frame cache keys a series'
 * slices by it, so a slice rewritten while the series is open is decoded again instead of
 * showing the pixels cached from the version before. */
#include "config.h"

#include <glib/gstdio.h>

#include "lb-file-version.h"

char *
lb_file_version_key (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  const char *path = g_file_peek_path (file);
  GStatBuf st;

  if (path == NULL || g_stat (path, &st) != 0)
    return g_steal_pointer (&uri);
  /* Nanoseconds: two writes within one second (a copy over the file just read) differ. */
  return g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT ".%09ld %" G_GUINT64_FORMAT,
                          uri, (gint64) st.st_size, (gint64) st.st_mtim.tv_sec,
                          (long) st.st_mtim.tv_nsec, (guint64) st.st_ino);
}
