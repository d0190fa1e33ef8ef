/* dicom-header-scan-read.c: the scan reader's file reading (lb-dicom-scan.h): one openat, one
 * pread of a prefix sized from the last header, the walk of dicom-header-scan.c, and the full
 * parser for whatever the walk leaves to it. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "dicom-header-scan-private.h"
#include "lb-dicom-dir.h"

/* Reads buf[have..want) from fd; the bytes read so far, or (size_t) -1 on an error. */
static size_t
read_more (int fd, uint8_t *buf, size_t have, size_t want)
{
  while (have < want)
    {
      ssize_t r = pread (fd, buf + have, want - have, (off_t) have);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        return (size_t) -1;
      if (r == 0)
        break;
      have += (size_t) r;
    }
  return have;
}

static bool
ensure_buffer (LbDicomScanner *s, size_t size)
{
  if (size <= s->buf_cap)
    return true;
  uint8_t *grown = realloc (s->buf, size);
  if (grown == NULL)
    return false;
  s->buf = grown;
  s->buf_cap = size;
  return true;
}

/* One open, one pread of a prefix sized from the last header, more only for a longer header.
 * The name is opened relative to the folder's descriptor: the kernel looks up one name, not
 * the whole path, for every file. */
static LbDicomScanResult
read_fast (LbDicomScanner *s, int dir_fd, const char *name)
{
  int fd = openat (dir_fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return LB_DICOM_SCAN_FALLBACK;
  LbDicomScanResult r = LB_DICOM_SCAN_FALLBACK;
  size_t want = s->prefix, have = 0;
  while (ensure_buffer (s, want))
    {
      have = read_more (fd, s->buf, have, want);
      if (have == (size_t) -1)
        break;
      r = lb_dicom_scanner_walk (s, s->buf, have, have < want);
      if (r != LB_DICOM_SCAN_MORE || want >= MAX_PREFIX)
        break;
      want *= 2;
    }
  close (fd);
  return r;
}

const LbDicomFile *
lb_dicom_scanner_read_path (LbDicomScanner *s, const char *path, LbDicomError **error)
{
  return lb_dicom_scanner_read_at (s, AT_FDCWD, path, path, error);
}

const LbDicomFile *
lb_dicom_scanner_read_at (LbDicomScanner *s, int dir_fd, const char *name, const char *path,
                          LbDicomError **error)
{
  s->last_fast = read_fast (s, dir_fd, name) == LB_DICOM_SCAN_OK;
  if (s->last_fast)
    {
      s->n_fast++;
      return s->file;
    }
  s->n_full++;
  lb_dicom_scanner_clear (s);
  s->n_meta = s->n_kept = 0;
  s->file_parsed = true;
  if (!lb_dicom_file_read_path (s->file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, error))
    return NULL;
  return s->file;
}

const LbDicomFile *
lb_dicom_scanner_read_prefix (LbDicomScanner *s, const uint8_t *buf, size_t len, bool whole,
                              int dir_fd, const char *name, const char *path,
                              LbDicomError **error)
{
  s->last_fast = lb_dicom_scanner_walk (s, buf, len, whole) == LB_DICOM_SCAN_OK;
  if (s->last_fast)
    {
      s->n_fast++;
      return s->file;
    }
  /* A longer header or a file for the full parser: read as if nothing had been read. */
  return lb_dicom_scanner_read_at (s, dir_fd, name, path, error);
}

bool
lb_dicom_scanner_is_dicomdir (const LbDicomScanner *s)
{
  return !s->last_fast && lb_dicom_dir_is_dicomdir (s->file);   /* the fast walk reads none */
}
