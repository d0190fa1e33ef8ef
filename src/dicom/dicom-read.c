/* dicom-read.c: reading a file from a path: a mapping for full reads, a growing prefix read for
 * header-only reads (mapping costs more than reading 16 KiB, and a header scan touches only the
 * first pages), read() for pipes and other non-regular files. */
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

static bool
read_fd (LbDicomFile *file, int fd, size_t cap, LbDicomError **error, const char *path)
{
  size_t size = 0, alloc = 64 * 1024;
  uint8_t *buf = malloc (alloc);
  if (buf == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory");
  for (;;)
    {
      if (size == alloc)
        {
          if (alloc >= cap)
            {
              free (buf);
              return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1,
                                         "%s: larger than %zu bytes", path, cap);
            }
          size_t n = alloc > cap / 2 ? cap : alloc * 2;
          uint8_t *b = realloc (buf, n);
          if (b == NULL)
            {
              free (buf);
              return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                         "out of memory");
            }
          buf = b;
          alloc = n;
        }
      ssize_t r = read (fd, buf + size, alloc - size);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          free (buf);
          return io_error (error, path);
        }
      if (r == 0)
        break;
      size += (size_t) r;
    }
  file->map = buf;
  file->map_len = size;
  file->map_is_malloc = true;
  return true;
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
      if ((ok && stopped) || have >= size)
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

bool
lb_dicom_file_read_path (LbDicomFile *file, const char *path, LbDicomReadFlags flags,
                         LbDicomError **error)
{
  if (file == NULL || path == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                               "no file object or path");
  if (file->read_done || file->map != NULL)
    return lb_dicom_file_read (file, NULL, 0, flags, error);

  LbDicomError *err = NULL;
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    io_error (&err, path);
  else
    {
      struct stat st;
      if ((flags & LB_DICOM_READ_STOP_BEFORE_PIXELS) && fstat (fd, &st) == 0
          && S_ISREG (st.st_mode) && st.st_size > 0 && (uint64_t) st.st_size <= SIZE_MAX / 2)
        {
          bool ok = read_prefix (file, fd, (size_t) st.st_size, flags, &err, path);
          close (fd);
          return ok ? true : lb_dicom_file_fail (file, err, error);
        }
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0
          && (uint64_t) st.st_size <= SIZE_MAX)
        {
          void *m = mmap (NULL, (size_t) st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
          if (m != MAP_FAILED)
            {
              file->map = m;
              file->map_len = (size_t) st.st_size;
            }
        }
      if (file->map == NULL)
        {
          /* Pipes, devices, empty files and failed maps: read what is there, bounded. */
          uint64_t cap64 = file->limits.max_value_length * 2 + ((uint64_t) 64 << 20);
          size_t cap = cap64 > SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t) cap64;
          read_fd (file, fd, cap, &err, path);
        }
      close (fd);
    }
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
  free (file->inflated);
  file->inflated = NULL;
  if (file->map != NULL)
    {
      if (file->map_is_malloc)
        free (file->map);
      else
        munmap (file->map, file->map_len);
    }
  file->map = NULL;
}
