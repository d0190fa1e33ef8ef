/* lb-thumbnail-trim.c: the thumbnail cache's bound (lb-thumbnail-trim.h). Without it the
 * cache grew by one PNG per series ever opened. */
#include "config.h"

#define G_LOG_DOMAIN "lb-thumbnailer"

#include <glib/gstdio.h>

#include "lb-thumbnail-trim.h"

typedef struct {
  char *path;
  guint64 size;
  gint64 mtime_usec;
} CacheFile;

static void
cache_file_free (gpointer data)
{
  CacheFile *file = data;

  g_free (file->path);
  g_free (file);
}

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  const CacheFile *x = *(CacheFile *const *) a;
  const CacheFile *y = *(CacheFile *const *) b;

  if (x->mtime_usec != y->mtime_usec)
    return x->mtime_usec < y->mtime_usec ? -1 : 1;
  return g_strcmp0 (x->path, y->path);   /* a stable order for equal times */
}

/* The regular *.png files of `folder` (not the temporary files of a write under way), and their
 * total size in *total. */
static GPtrArray *
list_thumbnails (const char *folder,
                 guint64    *total)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (cache_file_free);
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  *total = 0;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      CacheFile *file;

      if (name[0] == '.' || !g_str_has_suffix (name, ".png"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      file = g_new0 (CacheFile, 1);
      file->path = g_steal_pointer (&path);
      file->size = (guint64) st.st_size;
      file->mtime_usec = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      g_ptr_array_add (files, file);
      *total += file->size;
    }
  return files;
}

guint
lb_thumbnail_trim_folder (const char *folder,
                          guint64     max_bytes)
{
  guint64 total;
  g_autoptr (GPtrArray) files = list_thumbnails (folder, &total);
  guint removed = 0;

  if (total <= max_bytes)
    return 0;
  g_ptr_array_sort (files, compare_oldest_first);
  for (guint i = 0; i < files->len && total > max_bytes; i++)
    {
      CacheFile *file = files->pdata[i];

      /* A file gone meanwhile (another Lightbox trimming too) counts as gone. */
      if (g_unlink (file->path) == 0 || !g_file_test (file->path, G_FILE_TEST_EXISTS))
        {
          total -= file->size;
          removed++;
        }
    }
  g_debug ("thumbnail cache %s: %u old thumbnails removed, %" G_GUINT64_FORMAT " bytes left",
           folder, removed, total);
  return removed;
}

static void
trim_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "lightbox", "thumbnails",
                                              NULL);

  lb_thumbnail_trim_folder (folder, LB_THUMBNAIL_CACHE_MAX_BYTES);
  g_task_return_boolean (task, TRUE);
}

void
lb_thumbnail_trim_cache_once (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_run_in_thread (task, trim_thread);
      g_once_init_leave (&started, 1);
    }
}
