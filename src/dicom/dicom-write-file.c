/* dicom-write-file.c: writing files atomically (temporary file in the target folder, fsync,
 * rename, fsync of the folder), never over an existing file unless asked (lb-dicom-write.h). */
#define _GNU_SOURCE   /* renameat2 */
#include "lb-dicom-write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dicom-error.h"

/* ---- Files ---------------------------------------------------------------------------- */

static bool
write_all (int fd, const uint8_t *p, size_t len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      p += n;
      len -= (size_t) n;
    }
  return true;
}

static void
sync_dir (const char *dir)
{
  /* The rename is only durable once the directory itself reaches the disk. */
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Moves tmp to path without ever replacing an existing file. */
static int
rename_no_replace (const char *tmp, const char *path)
{
  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
  /* File systems without RENAME_NOREPLACE: link() fails with EEXIST just as atomically. */
  if (link (tmp, path) != 0)
    return -1;
  unlink (tmp);
  return 0;
}

bool
lb_dicom_builder_write_file (const LbDicomBuilder *builder, const char *path,
                             const LbDicomWriteOptions *options, LbDicomWriteFlags flags,
                             LbDicomError **error)
{
  size_t len = 0;
  uint8_t *data = lb_dicom_builder_encode (builder, options, &len, error);
  if (data == NULL)
    return false;
  bool ok = lb_dicom_write_bytes (path, data, len, flags, error);
  free (data);
  return ok;
}

bool
lb_dicom_write_bytes (const char *path, const uint8_t *data, size_t len, LbDicomWriteFlags flags,
                      LbDicomError **error)
{
  /* The temporary file lives next to the target so that rename() stays on one file system. */
  const char *slash = strrchr (path, '/');
  size_t dir_len = slash ? (size_t) (slash - path) : 0;
  const char *base = slash ? slash + 1 : path;
  char dir[PATH_MAX], tmp[PATH_MAX];
  if (dir_len >= sizeof dir || strlen (path) + 24 >= sizeof tmp || *base == '\0')
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                               "invalid output path");
  if (slash == path)
    strcpy (dir, "/");
  else if (slash != NULL)
    {
      memcpy (dir, path, dir_len);
      dir[dir_len] = '\0';
    }
  else
    strcpy (dir, ".");

  int fd = -1;
  for (unsigned attempt = 0; fd < 0 && attempt < 100; attempt++)
    {
      int n = snprintf (tmp, sizeof tmp, "%s/.%s.%ld.%u.tmp", dir, base, (long) getpid (),
                        attempt);
      if (n < 0 || (size_t) n >= sizeof tmp)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                                   "output path too long");
      /* Mode 0666 so the umask decides, as for any file the user creates. */
      fd = open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd < 0 && errno != EEXIST)
        break;
    }
  if (fd < 0)
    {
      int e = errno;
      return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                                 "cannot create a temporary file in %s: %s", dir, strerror (e));
    }

  bool ok = write_all (fd, data, len);
  int e = errno;
  if (ok && !(flags & LB_DICOM_WRITE_NO_SYNC) && fsync (fd) != 0)
    ok = false, e = errno;
  if (close (fd) != 0 && ok)
    ok = false, e = errno;
  if (ok)
    {
      int r = (flags & LB_DICOM_WRITE_NO_REPLACE) ? rename_no_replace (tmp, path)
                                                  : rename (tmp, path);
      if (r != 0)
        ok = false, e = errno;
    }
  if (!ok)
    {
      unlink (tmp);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                                 "cannot write %s: %s", path, strerror (e));
    }
  if (!(flags & LB_DICOM_WRITE_NO_SYNC))
    sync_dir (dir);
  return true;
}

bool
lb_dicom_path_is_same_file (const char *a, const char *b)
{
  struct stat sa, sb;
  return stat (a, &sa) == 0 && stat (b, &sb) == 0 && sa.st_dev == sb.st_dev
         && sa.st_ino == sb.st_ino;
}
