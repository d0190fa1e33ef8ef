/* dicom-inflate.c: the dataset of a Deflated Explicit VR Little Endian file (PS3.5 A.5),
 * inflated into memory the file owns, with a cap against deflate bombs. Moved out of
 * dicom-parse.c. */
#include "dicom-private.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The most a Deflated Explicit VR Little Endian dataset may inflate to. */
#define MAX_INFLATED_BYTES ((uint64_t) 256 << 20)

bool
lb_dicom_inflate_dataset (LbDicomFile *f, LbDicomError **error, const uint8_t *src, size_t n,
                          uint64_t at)
{
  /* zlib cannot expand more than about 1032:1; anything claiming more is a bomb. */
  uint64_t cap = f->limits.max_value_length, bound;
  if (!__builtin_mul_overflow ((uint64_t) n, (uint64_t) 1100, &bound)
      && !__builtin_add_overflow (bound, (uint64_t) 1 << 20, &bound) && bound < cap)
    cap = bound;
  /* The deflated syntax carries headers and, rarely, a modest image: no real one inflates to
   * anything near 256 MiB. Without this cap a 6 MB bomb could make us allocate 1 GiB (the
   * ratio bound above) before a single element is read. */
  if (cap > MAX_INFLATED_BYTES)
    cap = MAX_INFLATED_BYTES;
  if (cap > SIZE_MAX / 2)
    cap = SIZE_MAX / 2;

  size_t size = n < cap / 4 ? n * 4 : (size_t) cap;
  if (size < 4096)
    size = cap < 4096 ? (size_t) cap : 4096;
  uint8_t *out = malloc (size > 0 ? size : 1);
  if (out == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory");
  z_stream z;
  memset (&z, 0, sizeof z);
  if (inflateInit2 (&z, -15) != Z_OK)
    {
      free (out);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                 "cannot start inflate");
    }
  size_t done = 0;
  const uint8_t *in = src;
  size_t in_left = n;
  bool ok = true;
  for (;;)
    {
      if (done == size)
        {
          if (size >= cap)
            {
              ok = lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG,
                                       (int64_t) at, "deflated dataset inflates to more than "
                                       "%llu bytes", (unsigned long long) cap);
              break;
            }
          size_t nsize = size > cap / 2 ? (size_t) cap : size * 2;
          uint8_t *o = realloc (out, nsize);
          if (o == NULL)
            {
              ok = lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                       "out of memory");
              break;
            }
          out = o;
          size = nsize;
        }
      /* zlib counts in uInt: feed at most 1 GiB per call. */
      uInt in_chunk = in_left > (1u << 30) ? (1u << 30) : (uInt) in_left;
      size_t out_room = size - done;
      uInt out_chunk = out_room > (1u << 30) ? (1u << 30) : (uInt) out_room;
      z.next_in = (Bytef *) in;
      z.avail_in = in_chunk;
      z.next_out = out + done;
      z.avail_out = out_chunk;
      int r = inflate (&z, Z_NO_FLUSH);
      in += in_chunk - z.avail_in;
      in_left -= in_chunk - z.avail_in;
      done += out_chunk - z.avail_out;
      if (r == Z_STREAM_END)
        break;
      if (r == Z_OK)
        continue;
      if (r == Z_BUF_ERROR && z.avail_out == 0)
        continue;
      if (r == Z_BUF_ERROR && in_left == 0)
        {
          /* The stream stops without its final block: keep what inflated, like pydicom;
           * a dataset cut short is reported by the dataset walk. */
          break;
        }
      ok = lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_NO_TAG, (int64_t) at,
                               "invalid deflated data after byte %llu: %s",
                               (unsigned long long) at, z.msg != NULL ? z.msg : "error");
      break;
    }
  inflateEnd (&z);
  if (!ok)
    {
      free (out);
      return false;
    }
  f->inflated = out;
  f->bytes = out;
  f->bytes_len = done;
  return true;
}
