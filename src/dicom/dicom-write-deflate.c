/* dicom-write-deflate.c: the Deflated Explicit VR Little Endian transfer syntax for the
 * writer (dicom-write.c). */
#include "dicom-write-internal.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "dicom-error.h"

/* Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the file meta is one raw
 * deflate stream (no zlib header). Replaces *out, whose first `head` bytes are kept. */
bool
lb_dicom_write_deflate_body (uint8_t **out, size_t head, size_t *len, LbDicomError **error)
{
  size_t body_len = *len - head;
  if (body_len > UINT32_MAX)   /* zlib counts in 32 bits */
    return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1,
                               "the dataset is too large to deflate");
  uLong bound = compressBound ((uLong) body_len) + 64;
  uint8_t *packed = malloc (head + bound);
  if (packed == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory");
  memcpy (packed, *out, head);
  z_stream z = { 0 };
  bool ok = deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)
            == Z_OK;
  if (ok)
    {
      z.next_in = *out + head;
      z.avail_in = (uInt) body_len;
      z.next_out = packed + head;
      z.avail_out = (uInt) bound;
      ok = deflate (&z, Z_FINISH) == Z_STREAM_END;
      deflateEnd (&z);
    }
  if (!ok)
    {
      free (packed);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1,
                                 "the dataset cannot be deflated");
    }
  size_t packed_len = head + z.total_out;
  if (packed_len & 1)   /* PS3.5 A.5: the deflated stream is padded to an even length */
    packed[packed_len++] = 0;
  free (*out);
  *out = packed;
  *len = packed_len;
  return true;
}
