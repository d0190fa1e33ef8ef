/* dicom-read-frames.c: native frames read from the file when they are decoded, so that a
 * 184 MB multi-frame ultrasound does not sit in memory while the viewer shows one frame of it
 * (issue 12 §4: resident memory within 1.5x the frame cache bound).
 *
 * The buffer the dataset is parsed from is an anonymous mapping as large as the file; only the
 * header (everything before the pixel value, plus its first bytes for the tag tree's dump) and
 * whatever follows the pixel value are read into it. Untouched pages of an anonymous mapping
 * cost no memory, and the parser records the pixel value's place without reading its bytes, so
 * every element, offset and length is what a whole read gives. A decode reads exactly its
 * frame's bytes with pread into their place and hands the pages back afterwards.
 *
 * A file that changes while open must never give SIGBUS (hence no file mapping) nor pixels of
 * another version: before and after each read the open file's size and mtime must be those of
 * the version parsed, and a short read is an error. (A rename over the path leaves the open
 * file, the version parsed, untouched.)
 *
 * Read whole as before (this returns "not eligible"): encapsulated pixel data (fragments are
 * parsed from the bytes), deflated datasets (offsets are in the inflated stream), big-endian
 * files (OW words are swapped across frame edges), undefined lengths, pixel data cut short by
 * the end of the file (the whole read reports what they hold), and anything the header prefix
 * does not show plainly. */
#define _GNU_SOURCE   /* strerror_r (GNU) */
#include "dicom-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Headers longer than this (or files without (7FE0,0010): a PDF, float pixels) are read whole:
 * the probe would otherwise read much of the file twice. */
#define MAX_HEADER ((size_t) 4 << 20)

/* Bytes at the start of the pixel value kept in memory: the tag tree shows the first ones. */
#define KEEP_OF_VALUE ((size_t) 4096)

struct _LbDicomFramesOnDemand {
  int fd;
  char *path;
  off_t size;
  struct timespec mtime;
  size_t value_start, value_end;     /* the pixel value's bytes, in the buffer */
  size_t keep_end;                   /* bytes before it stay in memory */
};

static bool
io_error (LbDicomError **err, const char *path)
{
  char msg[128];
  const char *m = strerror_r (errno, msg, sizeof msg);
  return lb_dicom_error_set (err, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1, "%s: %s", path, m);
}

/* Reads [from, to) of fd into dst; false when the file ended sooner or failed. */
static bool
pread_to (int fd, uint8_t *dst, size_t from, size_t to)
{
  size_t done = 0;
  while (from + done < to)
    {
      ssize_t r = pread (fd, dst + done, to - from - done, (off_t) (from + done));
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return false;
      done += (size_t) r;
    }
  return true;
}

/* Reads [from, to) of fd into buf + from. */
static bool
pread_exact (int fd, uint8_t *buf, size_t from, size_t to)
{
  return pread_to (fd, buf + from, from, to);
}

static uint32_t
le32 (const uint8_t *p)
{
  return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* Reads the header with a growing prefix and finds where the pixel value lies. */
static bool
find_pixel_value (const LbDicomFile *file, int fd, size_t size, size_t *start, size_t *end)
{
  size_t want = 16 * 1024;
  for (;;)
    {
      if (want > size)
        want = size;
      uint8_t *buf = malloc (want);
      LbDicomFile *probe = lb_dicom_file_new (&file->limits);
      bool stopped = false, ok = false;
      LbDicomError *e = NULL;
      if (buf != NULL && probe != NULL && pread_exact (fd, buf, 0, want))
        ok = lb_dicom_parse_buffer (probe, buf, want, LB_DICOM_READ_STOP_BEFORE_PIXELS, &e,
                                    &stopped);
      bool not_dicom = e != NULL && e->code == LB_DICOM_ERROR_NOT_DICOM;
      lb_dicom_error_free (e);
      bool eligible = false, longer = false;
      if (ok && stopped && !probe->deflated && !probe->big_endian)
        {
          size_t at = (size_t) probe->pixels_at, header = probe->explicit_vr ? 12 : 8;
          const uint8_t *h = buf + at;
          if (at + 12 <= want && le32 (h) == 0x00107fe0u
              && (!probe->explicit_vr || memcmp (h + 4, "OB", 2) == 0
                  || memcmp (h + 4, "OW", 2) == 0))
            {
              uint32_t len = le32 (h + header - 4);
              *start = at + header;
              *end = *start + len;
              eligible = len != 0xffffffffu && len > 0 && *end <= size;
            }
        }
      else if (!stopped && !not_dicom && want < size && want < MAX_HEADER)
        longer = true;   /* the prefix ended inside the header */
      lb_dicom_file_free (probe);
      free (buf);
      if (!longer)
        return eligible;
      want = want > size / 4 ? size : want * 4;
    }
}

static bool
same_version (const LbDicomFramesOnDemand *d)
{
  struct stat st;
  return fstat (d->fd, &st) == 0 && st.st_size == d->size
         && st.st_mtim.tv_sec == d->mtime.tv_sec && st.st_mtim.tv_nsec == d->mtime.tv_nsec;
}

static bool
changed_error (const LbDicomFramesOnDemand *d, LbDicomError **err)
{
  return lb_dicom_error_set (err, LB_DICOM_ERROR_CHANGED, LB_DICOM_TAG_PIXEL_DATA, -1,
                             "%s: the file changed after it was opened; open it again", d->path);
}

bool
lb_dicom_frames_on_demand_open (LbDicomFile *file, int fd, const struct stat *st,
                                const char *path, LbDicomError **err)
{
  size_t size = (size_t) st->st_size, start = 0, end = 0;
  *err = NULL;
  uint64_t cap = file->limits.max_value_length * 2 + ((uint64_t) 64 << 20);
  if (size == 0 || size > cap || !find_pixel_value (file, fd, size, &start, &end))
    return false;
  LbDicomFramesOnDemand *d = calloc (1, sizeof *d);
  char *path_copy = strdup (path);
  /* No huge pages here: pages are handed back a frame at a time. */
  void *buf = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS
                    | MAP_NORESERVE, -1, 0);
  if (d == NULL || path_copy == NULL || buf == MAP_FAILED)
    {
      free (d);
      free (path_copy);
      if (buf != MAP_FAILED)
        munmap (buf, size);
      return false;   /* the whole read will say what is missing */
    }
  *d = (LbDicomFramesOnDemand) {
    .fd = fd, .path = path_copy, .size = st->st_size, .mtime = st->st_mtim,
    .value_start = start, .value_end = end,
    .keep_end = end - start > KEEP_OF_VALUE ? start + KEEP_OF_VALUE : end,
  };
  file->map = buf;
  file->map_len = size;
  file->map_is_malloc = false;
  file->on_demand = d;
  errno = 0;
  if (!same_version (d) || !pread_exact (fd, buf, 0, d->keep_end)
      || !pread_exact (fd, buf, end, size) || !same_version (d))
    {
      if (errno != 0 && same_version (d))
        io_error (err, path);
      else
        lb_dicom_error_set (err, LB_DICOM_ERROR_CHANGED, LB_DICOM_NO_TAG, -1,
                            "%s: the file changed while it was read", path);
      d->fd = -1;   /* the caller closes it */
      return false;
    }
  return true;
}

/* Reads the file's bytes behind [from, to) of its buffer into dst (the buffer's own place, or
 * a frame's), checking before and after that the file is still the version parsed. */
static bool
read_checked (LbDicomFile *file, const uint8_t *from, const uint8_t *to, uint8_t *dst,
              LbDicomError **err)
{
  LbDicomFramesOnDemand *d = file->on_demand;
  const uint8_t *base = file->map;
  size_t a = (size_t) (from - base), b = (size_t) (to - base);
  if (from < base || to < from || b > file->map_len)
    return lb_dicom_error_set (err, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA,
                               -1, "frame bytes outside the file");
  if (!same_version (d))
    return changed_error (d, err);
  errno = 0;
  if (!pread_to (d->fd, dst != NULL ? dst : (uint8_t *) file->map + a, a, b))
    return errno != 0 ? io_error (err, d->path) : changed_error (d, err);
  if (!same_version (d))
    return changed_error (d, err);
  return true;
}

bool
lb_dicom_frames_on_demand_load (LbDicomFile *file, const uint8_t *from, const uint8_t *to,
                                LbDicomError **err)
{
  return file->on_demand == NULL || read_checked (file, from, to, NULL, err);
}

bool
lb_dicom_frames_on_demand_read_into (LbDicomFile *file, const uint8_t *from, const uint8_t *to,
                                     void *dst, LbDicomError **err)
{
  if (!lb_dicom_file_reads_frames_on_demand (file))
    return lb_dicom_error_set (err, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA,
                               -1, "the file was not opened to read frames on demand");
  return read_checked (file, from, to, dst, err);
}

void
lb_dicom_frames_on_demand_drop (LbDicomFile *file, const uint8_t *from, const uint8_t *to)
{
  LbDicomFramesOnDemand *d = file->on_demand;
  if (d == NULL)
    return;
  size_t page = (size_t) sysconf (_SC_PAGESIZE);
  size_t a = (size_t) (from - (const uint8_t *) file->map);
  size_t b = (size_t) (to - (const uint8_t *) file->map);
  /* Only whole pages of the pixel value past the kept bytes: the header stays. The pages of
   * a neighbouring frame given back with these are read again when it is decoded. */
  if (a < d->keep_end)
    a = d->keep_end;
  if (b > d->value_end)
    b = d->value_end;
  a = (a + page - 1) / page * page;
  b = b / page * page;
  if (a < b)
    madvise ((uint8_t *) file->map + a, b - a, MADV_DONTNEED);
}

void
lb_dicom_frames_on_demand_close (LbDicomFile *file)
{
  LbDicomFramesOnDemand *d = file->on_demand;
  if (d == NULL)
    return;
  if (d->fd >= 0)
    close (d->fd);
  free (d->path);
  free (d);
  file->on_demand = NULL;
}

size_t
lb_dicom_file_get_held_bytes (const LbDicomFile *file)
{
  if (file == NULL || file->map == NULL)
    return 0;
  const LbDicomFramesOnDemand *d = file->on_demand;
  return d != NULL ? file->map_len - (d->value_end - d->keep_end) : file->map_len;
}

bool
lb_dicom_file_reads_frames_on_demand (const LbDicomFile *file)
{
  return file != NULL && file->on_demand != NULL && file->on_demand->fd >= 0;
}
