/* lb-zip-cache.c: unpacking a zip into the user's cache (lb-zip-cache.h). The members are read
 * through lb-study-zip.h (libarchive, zip only) and written with O_EXCL | O_NOFOLLOW into a
 * fresh private folder, so a member can neither leave it nor write through a link. */
#define _XOPEN_SOURCE 700   /* nftw() */
#include "config.h"

#define G_LOG_DOMAIN "lb-zip-cache"

#include "lb-zip-cache.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lb-study-zip.h"

static int
remove_entry (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  remove (path);
  return 0;
}

static void
remove_tree (const char *path)
{
  nftw (path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *
cache_key (GFile *zip, GError **error)
{
  g_autoptr (GFileInfo) info = g_file_query_info (zip, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                  G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                  G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                  G_FILE_QUERY_INFO_NONE, NULL, error);
  g_autofree char *path = g_file_get_path (zip);
  g_autofree char *text = NULL;

  if (info == NULL)
    return NULL;
  text = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%" G_GUINT64_FORMAT ".%06u", path,
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                          g_file_info_get_attribute_uint32 (info,
                                                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC));
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static gboolean
write_all (int fd, const guint8 *buf, gsize len)
{
  while (len > 0)
    {
      ssize_t w = write (fd, buf, len);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return FALSE;
      buf += w;
      len -= (gsize) w;
    }
  return TRUE;
}

typedef enum { MEMBER_OK, MEMBER_DAMAGED, MEMBER_FAILED } MemberResult;

/* Copies the current member to `target`; *total counts the bytes of the whole zip so far. */
static MemberResult
unpack_member (LbZip *zip, const char *target, guint64 limit, guint64 *total, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (target);
  g_autofree guint8 *buf = g_malloc (256 * 1024);
  char *damage = NULL;
  MemberResult result = MEMBER_OK;
  int fd;

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", parent,
                   g_strerror (errno));
      return MEMBER_FAILED;
    }
  fd = open (target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return errno == EEXIST ? MEMBER_OK : MEMBER_DAMAGED;   /* a name twice: the first stays */
  for (;;)
    {
      ssize_t got = lb_zip_read (zip, buf, 256 * 1024, &damage);
      if (got == 0)
        break;
      if (got < 0)
        {
          free (damage);
          result = MEMBER_DAMAGED;
          break;
        }
      *total += (guint64) got;
      if (*total > limit)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("The zip unpacks to more than %u MB"),
                       (guint) (limit / (1024 * 1024)));
          result = MEMBER_FAILED;
          break;
        }
      if (!write_all (fd, buf, (gsize) got))
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", target,
                       g_strerror (errno));
          result = MEMBER_FAILED;
          break;
        }
    }
  close (fd);
  if (result != MEMBER_OK)
    g_unlink (target);
  return result;
}

static gboolean
unpack_into (const char *zip_path, const char *folder, guint64 limit, guint *n_damaged,
             GCancellable *cancellable, GError **error)
{
  char *message = NULL;
  LbZip *zip = lb_zip_open (zip_path, &message);
  guint64 total = 0;
  gboolean ok = TRUE;

  if (zip == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", message);
      free (message);
      return FALSE;
    }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", folder,
                   g_strerror (errno));
      lb_zip_close (zip);
      return FALSE;
    }
  while (ok && !g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      const char *name = NULL;
      gint64 declared = -1;
      LbZipNext next = lb_zip_next (zip, &name, &declared, &message);
      g_autofree char *target = NULL;

      if (next == LB_ZIP_END)
        break;
      if (next == LB_ZIP_DAMAGED)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", message);
          free (message);
          ok = FALSE;
          break;
        }
      if (!lb_zip_member_name_is_safe (name))
        continue;
      if (declared > 0 && total + (guint64) declared > limit)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       _("The zip unpacks to more than %u MB"),
                       (guint) (limit / (1024 * 1024)));
          ok = FALSE;
          break;
        }
      target = g_build_filename (folder, name, NULL);
      switch (unpack_member (zip, target, limit, &total, error))
        {
        case MEMBER_OK:
          break;
        case MEMBER_DAMAGED:
          (*n_damaged)++;
          break;
        case MEMBER_FAILED:
          ok = FALSE;
          break;
        }
    }
  if (g_cancellable_is_cancelled (cancellable))
    ok = FALSE;
  lb_zip_close (zip);
  return ok;
}

GFile *
lb_zip_cache_unpack (GFile *zip, guint64 limit, guint *n_damaged, GCancellable *cancellable,
                     GError **error)
{
  g_autofree char *zip_path = g_file_get_path (zip);
  g_autofree char *key = NULL;
  g_autofree char *root = NULL;
  g_autofree char *final = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *temp_opened = NULL;
  guint damaged = 0;

  if (n_damaged != NULL)
    *n_damaged = 0;
  if (zip_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Not a local file"));
      return NULL;
    }
  key = cache_key (zip, error);
  if (key == NULL)
    return NULL;
  root = g_build_filename (g_get_user_cache_dir (), "lightbox", "zip", NULL);
  final = g_build_filename (root, key, NULL);
  /* The members go one level down, in a folder named as the zip: that is the name the sidebar
   * shows for the opened folder, not the hash. */
  name = g_file_get_basename (zip);
  opened = g_build_filename (final, name, NULL);
  if (g_file_test (opened, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (opened);
  if (g_mkdir_with_parents (root, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", root,
                   g_strerror (errno));
      return NULL;
    }
  temp = g_strconcat (final, ".part-XXXXXX", NULL);
  if (g_mkdtemp_full (temp, 0700) == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", temp,
                   g_strerror (errno));
      return NULL;
    }
  temp_opened = g_build_filename (temp, name, NULL);
  if (!unpack_into (zip_path, temp_opened, limit, &damaged, cancellable, error))
    {
      remove_tree (temp);
      return NULL;
    }
  /* Another window may have unpacked the same zip meanwhile: then its copy is used. */
  if (g_rename (temp, final) != 0)
    {
      remove_tree (temp);
      if (!g_file_test (final, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", final,
                       g_strerror (errno));
          return NULL;
        }
    }
  if (n_damaged != NULL)
    *n_damaged = damaged;
  return g_file_new_for_path (opened);
}

typedef struct {
  GFile *folder;
  guint n_damaged;
} UnpackResult;

static void
unpack_result_free (gpointer data)
{
  UnpackResult *result = data;
  g_clear_object (&result->folder);
  g_free (result);
}

static void
unpack_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  UnpackResult *result = g_new0 (UnpackResult, 1);

  result->folder = lb_zip_cache_unpack (G_FILE (task_data), LB_ZIP_CACHE_DEFAULT_LIMIT,
                                        &result->n_damaged, cancellable, &error);
  if (result->folder == NULL)
    {
      unpack_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, unpack_result_free);
}

void
lb_zip_cache_unpack_async (GFile *zip, GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, g_object_ref (zip), g_object_unref);
  g_task_run_in_thread (task, unpack_thread);
}

GFile *
lb_zip_cache_unpack_finish (GAsyncResult *result, guint *n_damaged, GError **error)
{
  UnpackResult *r = g_task_propagate_pointer (G_TASK (result), error);
  GFile *folder;

  if (r == NULL)
    return NULL;
  folder = g_steal_pointer (&r->folder);
  if (n_damaged != NULL)
    *n_damaged = r->n_damaged;
  unpack_result_free (r);
  return folder;
}
