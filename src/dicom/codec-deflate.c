/* codec-deflate.c: Deflated Image Frame Compression (1.2.840.10008.1.2.8.1).
 *
 * Each frame is a raw deflate stream (RFC 1951) of the frame's native bytes, so inflating
 * must give exactly dst_len bytes: packed bits for BitsAllocated 1 (SEG), little-endian
 * samples otherwise. Streams with a zlib wrapper are accepted as well, since writers
 * confuse the two. */
#include "dicom-codec.h"
#include "dicom-error.h"

#include <limits.h>
#include <zlib.h>

/* Inflates src into dst; returns a zlib status, or Z_BUF_ERROR when the stream holds more
 * or fewer than dst_len bytes. */
static int
inflate_frame (const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len, int window_bits,
               size_t *produced, const char **msg)
{
  z_stream z = { 0 };
  int ret = inflateInit2 (&z, window_bits);
  if (ret != Z_OK)
    return ret;

  z.next_in = (Bytef *) src;
  z.next_out = dst;
  size_t in_left = src_len, out_left = dst_len;
  do
    {
      /* zlib counts in uInt; feed very large buffers in slices */
      if (z.avail_in == 0 && in_left > 0)
        {
          z.avail_in = in_left > UINT_MAX ? UINT_MAX : (uInt) in_left;
          in_left -= z.avail_in;
        }
      if (z.avail_out == 0 && out_left > 0)
        {
          z.avail_out = out_left > UINT_MAX ? UINT_MAX : (uInt) out_left;
          out_left -= z.avail_out;
        }
      ret = inflate (&z, Z_NO_FLUSH);
    }
  while (ret == Z_OK && (z.avail_in > 0 || in_left > 0) && (z.avail_out > 0 || out_left > 0));

  *produced = (size_t) (z.next_out - dst);
  *msg = z.msg;
  inflateEnd (&z);
  if (ret == Z_STREAM_END)
    return *produced == dst_len ? Z_OK : Z_BUF_ERROR;
  if (ret == Z_OK)
    {
      /* Output full but stream not finished: it holds more than one frame's bytes. */
      if (*produced == dst_len)
        *msg = "stream holds more data than the frame";
      else
        *msg = "stream ends early";
      return Z_BUF_ERROR;
    }
  return ret;
}

bool
lb_dicom_codec_deflate_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                               uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  size_t produced = 0;
  const char *msg = NULL;

  if (dst_len == 0)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA,
                               -1, "deflate: empty output buffer");

  int ret = inflate_frame (src, src_len, dst, dst_len, -MAX_WBITS, &produced, &msg);
  /* A zlib header (CMF 0x78, FCHECK) as the first two bytes: retry with the wrapper. */
  if (ret != Z_OK && src_len >= 2 && (src[0] & 0x0f) == 8 && ((src[0] << 8) | src[1]) % 31 == 0)
    {
      size_t p2 = 0;
      const char *m2 = NULL;
      if (inflate_frame (src, src_len, dst, dst_len, MAX_WBITS, &p2, &m2) == Z_OK)
        return true;
    }
  if (ret == Z_OK)
    return true;
  if (ret == Z_MEM_ERROR)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "deflate: out of memory");
  if (ret == Z_BUF_ERROR && produced != dst_len)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "deflate: frame inflates to %zu bytes, expected %zu%s%s",
                               produced, dst_len, msg != NULL ? ": " : "", msg ? msg : "");
  return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                             "deflate: %s (%zu of %zu bytes inflated)",
                             msg != NULL ? msg : "invalid stream", produced, dst_len);
}
