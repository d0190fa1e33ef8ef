/* dicom-write-file.c: writing files atomically (temporary file in the target folder, fsync,
 * rename, fsync of the folder), never over an existing file unless asked (lb-dicom-write.h),
 * and no temporary file left behind: not on failure, not on SIGINT/SIGTERM/SIGHUP. */
#define _GNU_SOURCE   /* renameat2 */
#include "lb-dicom-write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dicom-error.h"

/* ---- Temporary files a signal must remove ----------------------------------------------- */

/* The signal handler may only use async-signal-safe calls and lock-free data: fixed slots of
 * paths, each published by an atomic state once its path is complete. A write beyond the last
 * slot still works; only its cleanup on a signal is not guaranteed (never more than a few
 * writes run at once: one per export thread). */
enum { SLOT_FREE, SLOT_CLAIMED, SLOT_LIVE };
#define N_SLOTS 16
static char slot_path[N_SLOTS][PATH_MAX];
static int slot_state[N_SLOTS];

static int
slot_register (const char *tmp)
{
  for (int i = 0; i < N_SLOTS; i++)
    {
      int expected = SLOT_FREE;
      if (__atomic_compare_exchange_n (&slot_state[i], &expected, SLOT_CLAIMED, false,
                                       __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
        {
          snprintf (slot_path[i], sizeof slot_path[i], "%s", tmp);
          __atomic_store_n (&slot_state[i], SLOT_LIVE, __ATOMIC_RELEASE);
          return i;
        }
    }
  return -1;
}

static void
slot_release (int slot)
{
  if (slot >= 0)
    __atomic_store_n (&slot_state[slot], SLOT_FREE, __ATOMIC_RELEASE);
}

static void
remove_temporaries_and_die (int sig)
{
  for (int i = 0; i < N_SLOTS; i++)
    if (__atomic_load_n (&slot_state[i], __ATOMIC_ACQUIRE) == SLOT_LIVE)
      unlink (slot_path[i]);
  /* Die of the same signal, so the parent sees what happened (a shell prints nothing for
   * SIGINT, and `$?` is 130). */
  signal (sig, SIG_DFL);
  raise (sig);
}

void
lb_atomic_file_remove_on_signals (void)
{
  static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    {
      struct sigaction old, sa;
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = remove_temporaries_and_die;
      sigemptyset (&sa.sa_mask);
      /* A signal ignored by whoever started us (nohup, a background job) stays ignored. */
      if (sigaction (sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
        sigaction (sigs[i], &sa, NULL);
    }
  /* Past a file-size limit (ulimit -f) write() then fails with EFBIG, which is reported, where
   * SIGXFSZ would kill the process with a core dump and leave the temporary file. */
  signal (SIGXFSZ, SIG_IGN);
}

/* ---- Atomic files ------------------------------------------------------------------------- */

struct _LbAtomicFile {
  int fd;
  int slot;
  LbDicomWriteFlags flags;
  char *path;
  char dir[PATH_MAX];
  char tmp[PATH_MAX];
};

static bool
io_failure (LbDicomError **error, const char *what, const char *path, int e)
{
  return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1, "%s %s: %s", what,
                             path, strerror (e));
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

LbAtomicFile *
lb_atomic_file_create (const char *path, LbDicomWriteFlags flags, LbDicomError **error)
{
  /* The temporary file lives next to the target so that rename() stays on one file system.
   * Its name does not grow with the target's: a 250-byte name plus a suffix would pass
   * NAME_MAX. The leading dot keeps it out of folder listings and scans. */
  const char *slash = path != NULL ? strrchr (path, '/') : NULL;
  const char *base = slash ? slash + 1 : path;
  size_t dir_len = slash ? (size_t) (slash - path) : 0;
  if (path == NULL || *base == '\0' || dir_len + 48 >= PATH_MAX)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                          "invalid output path");
      return NULL;
    }
  LbAtomicFile *f = calloc (1, sizeof *f);
  if (f == NULL || (f->path = strdup (path)) == NULL)
    {
      free (f);
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      return NULL;
    }
  if (slash == path)
    strcpy (f->dir, "/");
  else if (slash != NULL)
    {
      memcpy (f->dir, path, dir_len);
      f->dir[dir_len] = '\0';
    }
  else
    strcpy (f->dir, ".");
  f->flags = flags;
  f->fd = -1;
  static unsigned counter;
  unsigned seed = (unsigned) getpid () * 2654435761u;
  f->slot = -1;
  for (unsigned attempt = 0; f->fd < 0 && attempt < 100; attempt++)
    {
      unsigned n = __atomic_fetch_add (&counter, 1, __ATOMIC_RELAXED);
      int w = snprintf (f->tmp, sizeof f->tmp, "%s/.lightbox-%08x%04x.tmp", f->dir, seed ^ n,
                        attempt);
      if (w < 0 || (size_t) w >= sizeof f->tmp)
        {
          errno = ENAMETOOLONG;
          break;
        }
      /* Registered before it exists: a signal right after open() must find it. (A name that
       * was taken, by a leftover of an earlier process, is at worst removed by a signal.) */
      f->slot = slot_register (f->tmp);
      /* Mode 0666 so the umask decides, as for any file the user creates. */
      f->fd = open (f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (f->fd < 0)
        {
          int e = errno;
          slot_release (f->slot);
          errno = e;
          if (e != EEXIST)
            break;
        }
    }
  if (f->fd < 0)
    {
      int e = errno;
      lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                          "cannot create a file in %s: %s", f->dir, strerror (e));
      free (f->path);
      free (f);
      return NULL;
    }
  return f;
}

bool
lb_atomic_file_write (LbAtomicFile *file, const void *data, size_t len, LbDicomError **error)
{
  const uint8_t *p = data;
  while (len > 0)
    {
      ssize_t n = write (file->fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return io_failure (error, "cannot write", file->path, n == 0 ? EIO : errno);
      p += n;
      len -= (size_t) n;
    }
  return true;
}

static void
atomic_file_free (LbAtomicFile *file)
{
  free (file->path);
  free (file);
}

void
lb_atomic_file_abort (LbAtomicFile *file)
{
  if (file == NULL)
    return;
  close (file->fd);
  unlink (file->tmp);
  slot_release (file->slot);
  atomic_file_free (file);
}

bool
lb_atomic_file_commit (LbAtomicFile *file, LbDicomError **error)
{
  bool ok = true;
  /* Data first on disk, then the name: after a crash the target is the old file or the
   * whole new one, never a truncated one. Delayed-allocation file systems report ENOSPC
   * here or at close, not always at write(). */
  if (!(file->flags & LB_DICOM_WRITE_NO_SYNC) && fsync (file->fd) != 0)
    ok = io_failure (error, "cannot write", file->path, errno);
  if (close (file->fd) != 0 && ok)
    ok = io_failure (error, "cannot write", file->path, errno);
  if (ok)
    {
      int r = (file->flags & LB_DICOM_WRITE_NO_REPLACE) ? rename_no_replace (file->tmp, file->path)
                                                        : rename (file->tmp, file->path);
      if (r != 0)
        ok = io_failure (error, "cannot create", file->path, errno);
    }
  if (!ok)
    unlink (file->tmp);
  slot_release (file->slot);
  if (ok && !(file->flags & LB_DICOM_WRITE_NO_SYNC))
    sync_dir (file->dir);
  atomic_file_free (file);
  return ok;
}

/* ---- Whole files ---------------------------------------------------------------------- */

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
  LbAtomicFile *file = lb_atomic_file_create (path, flags, error);
  if (file == NULL)
    return false;
  if (!lb_atomic_file_write (file, data, len, error))
    {
      lb_atomic_file_abort (file);
      return false;
    }
  return lb_atomic_file_commit (file, error);
}

bool
lb_dicom_path_is_same_file (const char *a, const char *b)
{
  struct stat sa, sb;
  return a != NULL && b != NULL && stat (a, &sa) == 0 && stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
