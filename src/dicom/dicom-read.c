/* dicom-read.c: reading a file from a path: a copy into owned memory for full reads (never a
 * mapping: a file that shrinks under a mapping kills the process with SIGBUS), a growing prefix
 * read for header-only reads (a header scan touches only the first pages). Only regular files
 * are read: a FIFO, device or socket is refused at once (CLI.md, Conventions). */
#define _GNU_SOURCE   /* strerror_r (GNU) */
#include "dicom-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Paths -------------------------------------------------------------------------------- */

/* An I/O error naming the path and errno's text; returns false. */
static bool
io_error (LbDicomError **error, const char *path)
{
  char msg[128];
  const char *m = strerror_r (errno, msg, sizeof msg);
  return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1, "%s: %s", path, m);
}

/* Header-only reads of regular files: read a prefix, parse it, and read a longer prefix only
 * when the parse did not reach the pixel data. A header is rarely over 16 KiB, so this is
 * usually one read(); it touches fewer pages than a mapping would, and where mmap is costly
 * (measured 240-400 us a file in this sandbox, against 24 us for a 16 KiB read) it keeps a
 * series scan within its budget. Parsing again is cheap (7 us for a 5 KB CT header). */
static bool
read_prefix (LbDicomFile *file, int fd, size_t size, LbDicomReadFlags flags, LbDicomError **err,
             const char *path)
{
  size_t want = 16 * 1024, have = 0;
  uint8_t *buf = NULL;
  bool ok = false;
  for (;;)
    {
      if (want > size)
        want = size;
      uint8_t *nb = realloc (buf, want);
      if (nb == NULL)
        {
          free (buf);
          return lb_dicom_error_set (err, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                     "out of memory");
        }
      buf = nb;
      while (have < want)
        {
          ssize_t r = pread (fd, buf + have, want - have, (off_t) have);
          if (r < 0 && errno == EINTR)
            continue;
          if (r < 0)
            {
              free (buf);
              return io_error (err, path);
            }
          if (r == 0)
            {
              size = have;   /* the file shrank while we read it */
              break;
            }
          have += (size_t) r;
        }
      lb_dicom_file_reset (file);
      bool stopped = false;
      LbDicomError *e = NULL;
      ok = lb_dicom_parse_buffer (file, buf, have, flags, &e, &stopped);
      /* "Not DICOM" is decided by the first bytes: a longer prefix would not change it, and a
       * large file that is not DICOM (a video next to the series) is not read whole. */
      if ((ok && stopped) || have >= size || (e != NULL && e->code == LB_DICOM_ERROR_NOT_DICOM))
        {
          *err = e;
          break;
        }
      lb_dicom_error_free (e);
      want = want > size / 4 ? size : want * 4;
    }
  /* The buffer is kept at its final size: elements point into it. */
  file->map = buf;
  file->map_len = have;
  file->map_is_malloc = true;
  file->read_done = true;
  return ok;
}

/* What a non-regular file is, for the message that refuses it. */
static const char *
file_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a directory";
  if (S_ISFIFO (mode))
    return "a FIFO";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

/* Reads bytes [from, to) of fd into the same place in buf; *got is where the read stopped
 * (sooner than `to` when the file ended sooner). */
static bool
pread_all (int fd, uint8_t *buf, size_t from, size_t to, size_t *got, LbDicomError **err,
           const char *path)
{
  size_t have = from;
  while (have < to)
    {
      ssize_t r = pread (fd, buf + have, to - have, (off_t) have);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        return io_error (err, path);
      if (r == 0)
        break;
      have += (size_t) r;
    }
  *got = have;
  return true;
}

/* A file that changed size between fstat and the end of the read is refused: its bytes may
 * mix two versions, and a parse of them would report nonsense. */
static bool
size_changed (LbDicomError **err, const char *path, size_t expected, size_t got)
{
  return lb_dicom_error_set (err, LB_DICOM_ERROR_CHANGED, LB_DICOM_NO_TAG, -1,
                             "%s: the file changed size while it was read (%zu bytes, then %zu)",
                             path, expected, got);
}

/* Decides "not DICOM" from the first bytes, before a large file is read whole: a header-only
 * parse of a 16 KiB prefix fails with NOT_DICOM exactly when the full parse would. */
#define PROBE_LEN ((size_t) 16 * 1024)

static bool
prefix_is_dicom (const LbDicomFile *file, const uint8_t *prefix, size_t len, LbDicomError **err)
{
  LbDicomFile *probe = lb_dicom_file_new (&file->limits);
  if (probe == NULL)
    return true;   /* let the full read try, and report what it finds */
  LbDicomError *e = NULL;
  bool dicom = lb_dicom_parse_buffer (probe, prefix, len, LB_DICOM_READ_STOP_BEFORE_PIXELS, &e,
                                      NULL) || e == NULL || e->code != LB_DICOM_ERROR_NOT_DICOM;
  if (!dicom)
    *err = e;
  else
    lb_dicom_error_free (e);
  lb_dicom_file_free (probe);
  return dicom;
}

/* Buffers from this size on are anonymous mappings that ask for transparent huge pages: the
 * copy's cost is mostly first-touch page faults, and 2 MiB pages make 512 times fewer of them
 * (a 34 MB file: 20 ms of faults with 4 KiB pages, 4 ms with huge pages, measured here). */
#define LARGE_READ ((size_t) 4 << 20)

static uint8_t *
alloc_large (size_t size)
{
  void *p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  madvise (p, size, MADV_HUGEPAGE);   /* a hint: without THP the copy still works */
  return p;
}

/* Full reads copy the file into memory the object owns instead of mapping it. A mapping dies
 * with SIGBUS when the file shrinks under it (a new version copied over an open file, a
 * download still being written); a copy is the version that was read, whatever happens to the
 * file later. The copy costs about 10 ms for a 34 MB radiograph, which reads most of its
 * pages anyway; header-only reads stay prefix reads (read_prefix). */
static bool
read_whole (LbDicomFile *file, int fd, size_t size, LbDicomError **err, const char *path)
{
  uint64_t cap = file->limits.max_value_length * 2 + ((uint64_t) 64 << 20);
  if (size > cap)
    return lb_dicom_error_set (err, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1,
                               "%s: larger than %llu bytes", path, (unsigned long long) cap);
  bool huge = size >= LARGE_READ;
  uint8_t *buf = huge ? alloc_large (size) : malloc (size > 0 ? size : 1);
  if (buf == NULL)
    return lb_dicom_error_set (err, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory for a file of %zu bytes", size);
  file->map = buf;
  file->map_len = size;
  file->map_is_malloc = !huge;
  /* The probe's prefix is read into the buffer itself, so no byte is read twice; the pages
   * past it are not touched until the file is known to be DICOM. */
  size_t head = size > PROBE_LEN ? PROBE_LEN : size;
  size_t got = 0;
  struct stat after;
  if (!pread_all (fd, buf, 0, head, &got, err, path))
    return false;
  if (got == head && size > PROBE_LEN && !prefix_is_dicom (file, buf, head, err))
    {
      lb_dicom_file_release_storage (file);   /* a large file that is not DICOM is not kept */
      return false;
    }
  if (got == head && !pread_all (fd, buf, head, size, &got, err, path))
    return false;
  if (got != size || fstat (fd, &after) != 0 || (uint64_t) after.st_size != size)
    return size_changed (err, path, size, got != size ? got : (size_t) after.st_size);
  return true;
}

bool
lb_dicom_file_read_path (LbDicomFile *file, const char *path, LbDicomReadFlags flags,
                         LbDicomError **error)
{
  if (file == NULL || path == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                               "no file object or path");
  if (file->read_done || file->map != NULL)
    return lb_dicom_file_read (file, NULL, 0, flags, error);

  /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever, before fstat
   * could tell what it is. Regular files ignore the flag. */
  LbDicomError *err = NULL;
  struct stat st;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 || fstat (fd, &st) != 0)
    io_error (&err, path);
  else if (!S_ISREG (st.st_mode))
    lb_dicom_error_set (&err, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                        "%s: %s, not a regular file", path, file_kind (st.st_mode));
  else if ((uint64_t) st.st_size > SIZE_MAX / 2)
    lb_dicom_error_set (&err, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1, "%s: too large", path);
  else if ((flags & LB_DICOM_READ_STOP_BEFORE_PIXELS) && st.st_size > 0)
    {
      bool ok = read_prefix (file, fd, (size_t) st.st_size, flags, &err, path);
      close (fd);
      return ok ? true : lb_dicom_file_fail (file, err, error);
    }
  else if ((flags & LB_DICOM_READ_FRAMES_ON_DEMAND)
           && lb_dicom_frames_on_demand_open (file, fd, &st, path, &err))
    fd = -1;   /* the file object keeps it, to read frames */
  else if (err == NULL)
    read_whole (file, fd, (size_t) st.st_size, &err, path);
  if (fd >= 0)
    close (fd);
  if (err != NULL)
    {
      file->read_done = true;
      file->error = err;
      if (error != NULL && *error == NULL)
        *error = lb_dicom_error_copy (err);
      return false;
    }
  return lb_dicom_file_read (file, file->map, file->map_len, flags, error);
}

void
lb_dicom_file_release_storage (LbDicomFile *file)
{
  lb_arena_clear (&file->arena);
  lb_dicom_frames_on_demand_close (file);
  free (file->inflated);
  file->inflated = NULL;
  /* Always owned memory (read_whole, read_prefix or on-demand reads): malloc'd, or an anonymous
   * mapping. */
  if (file->map != NULL)
    {
      if (file->map_is_malloc)
        free (file->map);
      else
        munmap (file->map, file->map_len);
    }
  file->map = NULL;
}
