/* codec-jpegls.c: JPEG-LS lossless and near-lossless through the CharLS 2.4 C API, loaded at
 * the first JPEG-LS frame (codec-jpegls-charls.h).
 *
 * CharLS writes samples of 2..8 bits as bytes and 9..16 bits as little-endian 16-bit words.
 * Interleave mode "none" comes out planar, "line" and "sample" come out pixel-interleaved.
 * When that already is our layout (the common case: one sample, >8 bits, 16-bit container)
 * CharLS decodes straight into dst; otherwise into a scratch buffer that is then rearranged. */
#include "codec-jpegls-charls.h"
#include "dicom-codec.h"
#include "dicom-error.h"

#include <stdlib.h>
#include <string.h>

static bool
fail (const LbCharls *charls, LbDicomError **error, LbDicomErrorCode code, const char *what,
      charls_jpegls_errc ec)
{
  return lb_dicom_error_set (error, code, LB_DICOM_TAG_PIXEL_DATA, -1, "JPEG-LS: %s: %s", what,
                             charls->get_error_message (ec));
}

/* Moves CharLS's output (planar or interleaved, 1 or 2 bytes per sample) into dst
 * (interleaved, out_bytes per sample). */
static void
rearrange (const uint8_t *in, size_t in_bytes, bool planar, size_t pixels, size_t spp,
           uint8_t *dst, size_t out_bytes)
{
  for (size_t c = 0; c < spp; c++)
    for (size_t i = 0; i < pixels; i++)
      {
        size_t from = planar ? c * pixels + i : i * spp + c;
        size_t to = (i * spp + c) * out_bytes;
        uint16_t v = in_bytes == 1 ? in[from] : (uint16_t) (in[2 * from] | in[2 * from + 1] << 8);
        dst[to] = (uint8_t) v;
        if (out_bytes == 2)
          dst[to + 1] = (uint8_t) (v >> 8);
        else if (out_bytes == 4)
          {
            dst[to + 1] = (uint8_t) (v >> 8);
            dst[to + 2] = 0;
            dst[to + 3] = 0;
          }
      }
}

/* CharLS 2.4.1 (Debian 12) can loop forever on a stream that stops in the middle of the scan
 * data (fixed upstream in CharLS PR #334, after 2.4.4). A complete stream ends with EOI,
 * followed by at most a few pad bytes (0x00 for even length, 0xFF from some encoders), so
 * anything else is refused up front. FF D9 cannot occur inside JPEG-LS scan data: an FF there
 * is always followed by a byte below 0x80. */
static bool
ends_with_eoi (const uint8_t *src, size_t len)
{
  for (size_t i = len >= 8 ? len - 8 : 0; i + 1 < len; i++)
    if (src[i] == 0xff && src[i + 1] == 0xd9)
      return true;
  return false;
}

bool
lb_dicom_codec_jpegls_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                              uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  size_t out_bytes = info->bits_allocated / 8u;
  size_t spp = info->samples_per_pixel;
  size_t pixels = (size_t) info->rows * info->columns;
  uint8_t *scratch = NULL;
  bool ok = false;
  charls_jpegls_errc ec;
  charls_frame_info fi;
  charls_interleave_mode ilv = CHARLS_INTERLEAVE_MODE_NONE;

  if ((out_bytes != 1 && out_bytes != 2 && out_bytes != 4) || spp == 0 || pixels == 0
      || dst_len != pixels * spp * out_bytes)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA,
                               -1, "JPEG-LS: cannot decode %u-bit, %zu-sample frame into %zu "
                               "bytes", info->bits_allocated, spp, dst_len);

  if (!ends_with_eoi (src, src_len))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "JPEG-LS: stream of %zu bytes does not end with an EOI marker "
                               "(truncated)", src_len);

  const LbCharls *charls = lb_dicom_charls_get (error);
  if (charls == NULL)
    return false;

  charls_jpegls_decoder *dec = charls->jpegls_decoder_create ();
  if (dec == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "JPEG-LS: out of memory");

  ec = charls->jpegls_decoder_set_source_buffer (dec, src, src_len);
  if (ec == CHARLS_JPEGLS_ERRC_SUCCESS)
    ec = charls->jpegls_decoder_read_header (dec);
  if (ec == CHARLS_JPEGLS_ERRC_SUCCESS)
    ec = charls->jpegls_decoder_get_frame_info (dec, &fi);
  if (ec == CHARLS_JPEGLS_ERRC_SUCCESS)
    ec = charls->jpegls_decoder_get_interleave_mode (dec, &ilv);
  if (ec != CHARLS_JPEGLS_ERRC_SUCCESS)
    {
      fail (charls, error, LB_DICOM_ERROR_CODEC, "reading the header", ec);
      goto out;
    }

  if (fi.width != info->columns || fi.height != info->rows)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG-LS: stream is %ux%u, dataset says %ux%u", fi.width, fi.height,
                          info->columns, info->rows);
      goto out;
    }
  if ((size_t) fi.component_count != spp)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG-LS: stream has %d components, dataset %zu samples per pixel",
                          fi.component_count, spp);
      goto out;
    }
  /* The stream's precision may differ from BitsStored; it only has to fit the container. */
  if (fi.bits_per_sample < 2 || fi.bits_per_sample > 16
      || (size_t) fi.bits_per_sample > out_bytes * 8)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG-LS: %d-bit samples do not fit BitsAllocated %u",
                          fi.bits_per_sample, info->bits_allocated);
      goto out;
    }

  size_t in_bytes = fi.bits_per_sample > 8 ? 2 : 1;
  bool planar = ilv == CHARLS_INTERLEAVE_MODE_NONE && spp > 1;
  size_t need = 0;
  ec = charls->jpegls_decoder_get_destination_size (dec, 0, &need);
  if (ec != CHARLS_JPEGLS_ERRC_SUCCESS || need != pixels * spp * in_bytes)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG-LS: unexpected decoded size %zu", need);
      goto out;
    }

  if (in_bytes == out_bytes && !planar)
    {
      ec = charls->jpegls_decoder_decode_to_buffer (dec, dst, dst_len, 0);
      if (ec != CHARLS_JPEGLS_ERRC_SUCCESS)
        {
          fail (charls, error, LB_DICOM_ERROR_CODEC, "decoding", ec);
          goto out;
        }
      ok = true;
      goto out;
    }

  scratch = malloc (need);
  if (scratch == NULL)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG-LS: out of memory for %zu bytes", need);
      goto out;
    }
  ec = charls->jpegls_decoder_decode_to_buffer (dec, scratch, need, 0);
  if (ec != CHARLS_JPEGLS_ERRC_SUCCESS)
    {
      fail (charls, error, LB_DICOM_ERROR_CODEC, "decoding", ec);
      goto out;
    }
  rearrange (scratch, in_bytes, planar, pixels, spp, dst, out_bytes);
  ok = true;

out:
  free (scratch);
  charls->jpegls_decoder_destroy (dec);
  return ok;
}
