/* codec-rle.c: RLE Lossless (PS3.5 Annex G).
 *
 * A frame is a 64-byte header (segment count, then 15 little-endian offsets) and one PackBits
 * segment per byte plane: for each sample, most significant byte first. Segments are decoded
 * straight into the interleaved output with a stride, so no plane buffers are needed.
 * For BitsAllocated 1 each sample plane is one segment of packed bits (ceil (pixels / 8) bytes),
 * which is also what the output holds. */
#include "dicom-codec.h"
#include "dicom-error.h"

#include <string.h>

#define RLE_HEADER_LEN 64

static inline uint32_t
read_le32 (const uint8_t *p)
{
  return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* Decodes one PackBits segment into out[0], out[stride], ... out[(count - 1) * stride].
 * Encoders pad segments to an even length and some let the last run overshoot; both are
 * harmless, so decoding stops once `count` bytes are out. Returns the number of bytes written. */
static size_t
unpack_segment (const uint8_t *seg, size_t seg_len, uint8_t *out, size_t stride, size_t count)
{
  size_t in = 0, n = 0;

  while (n < count && in < seg_len)
    {
      int h = (int8_t) seg[in++];
      if (h >= 0)
        {
          size_t run = (size_t) h + 1;
          if (run > seg_len - in)
            run = seg_len - in;       /* truncated literal: take what is there */
          if (run > count - n)
            run = count - n;
          if (stride == 1)
            memcpy (out + n, seg + in, run);
          else
            for (size_t k = 0; k < run; k++)
              out[(n + k) * stride] = seg[in + k];
          in += (size_t) h + 1;
          n += run;
        }
      else if (h != -128)
        {
          if (in >= seg_len)
            break;
          size_t run = (size_t) (1 - h);
          uint8_t v = seg[in++];
          if (run > count - n)
            run = count - n;
          if (stride == 1)
            memset (out + n, v, run);
          else
            for (size_t k = 0; k < run; k++)
              out[(n + k) * stride] = v;
          n += run;
        }
      /* -128 is a no-op by definition */
    }
  return n;
}

bool
lb_dicom_codec_rle_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                           uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  size_t pixels = (size_t) info->rows * info->columns;
  size_t samples = info->samples_per_pixel;
  size_t bytes, count, expected;

  if (info->bits_allocated == 1)
    {
      /* One segment per sample plane, each ceil (pixels / 8) bytes of packed bits. */
      if (samples != 1)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG_PIXEL_DATA, -1,
                                   "RLE: 1-bit data with %zu samples per pixel", samples);
      bytes = 1;
      count = (pixels + 7) / 8;
      expected = count;
    }
  else if (info->bits_allocated == 8 || info->bits_allocated == 16 || info->bits_allocated == 32
           || info->bits_allocated == 64)
    {
      bytes = info->bits_allocated / 8u;
      count = pixels;
      expected = pixels * samples * bytes;
    }
  else
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "RLE: unsupported BitsAllocated %u", info->bits_allocated);

  if (samples == 0 || pixels == 0 || dst_len != expected)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA,
                               -1, "RLE: output buffer of %zu bytes, frame needs %zu", dst_len,
                               expected);

  size_t nseg = samples * bytes;
  if (src_len < RLE_HEADER_LEN)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "RLE: frame of %zu bytes is shorter than the 64-byte header",
                               src_len);
  uint32_t declared = read_le32 (src);
  if (declared != nseg)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "RLE: header declares %u segments, %zu samples of %zu bytes "
                               "need %zu", declared, samples, bytes, nseg);
  if (nseg > 15)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "RLE: %zu segments exceed the 15 the header can hold", nseg);

  uint32_t offsets[16];
  for (size_t s = 0; s < nseg; s++)
    {
      offsets[s] = read_le32 (src + 4 + 4 * s);
      if (offsets[s] < RLE_HEADER_LEN || offsets[s] >= src_len
          || (s > 0 && offsets[s] < offsets[s - 1]))
        return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                                   "RLE: segment %zu offset %u is outside the %zu-byte frame "
                                   "or out of order", s + 1, offsets[s], src_len);
    }
  offsets[nseg] = (uint32_t) (src_len > UINT32_MAX ? UINT32_MAX : src_len);

  size_t stride = samples * bytes;
  for (size_t s = 0; s < nseg; s++)
    {
      size_t sample = s / bytes;
      size_t byte = bytes - 1 - s % bytes;     /* segments go most significant byte first */
      size_t got = unpack_segment (src + offsets[s], offsets[s + 1] - offsets[s],
                                   dst + sample * bytes + byte, stride, count);
      if (got != count)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                                   "RLE: segment %zu decodes to %zu bytes, expected %zu", s + 1,
                                   got, count);
    }
  return true;
}
