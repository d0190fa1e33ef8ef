/* fuzz-codec.c: libFuzzer target for each codec on its own, without the parser in front.
 *
 * Input layout (make-codec-seeds.py writes seeds in it):
 *   byte 0   codec: 0 RLE, 1 deflate frame, 2 JPEG 8-bit (libjpeg, SOF dispatch), 3 JPEG lossless,
 *            4 JPEG extended 12-bit, 5 JPEG-LS, 6 JPEG 2000 / HTJ2K (value modulo 7)
 *   byte 1   rows - 1       (1..256)
 *   byte 2   columns - 1    (1..256)
 *   byte 3   bits 0-1: BitsAllocated 8, 16, 1, 32; bit 2: 3 samples per pixel;
 *            bit 3: signed; bit 4: planar configuration 1; bits 5-7: photometric
 *            (MONOCHROME2, MONOCHROME1, RGB, YBR_FULL, YBR_FULL_422, YBR_PARTIAL_420, YBR_ICT,
 *            YBR_RCT)
 *   byte 4   BitsStored - 1 (modulo BitsAllocated)
 *   rest     the compressed stream of one frame
 * Rows and columns stay at most 256 so that one execution is cheap; the decoders must still
 * refuse streams whose own header declares a different (e.g. 65535 x 65535) size. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dicom-codec.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef bool (*DecodeFunc) (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                            uint8_t *dst, size_t dst_len, LbDicomError **error);

static const DecodeFunc decoders[] = {
  lb_dicom_codec_rle_decode,
  lb_dicom_codec_deflate_decode,
  lb_dicom_codec_jpeg8_decode,
  lb_dicom_codec_jpeg_lossless_decode,
  lb_dicom_codec_jpeg_ext12_decode,
  lb_dicom_codec_jpegls_decode,
  lb_dicom_codec_j2k_decode,
};

static const LbDicomPhotometric photometrics[] = {
  LB_DICOM_PHOTOMETRIC_MONOCHROME2, LB_DICOM_PHOTOMETRIC_MONOCHROME1,
  LB_DICOM_PHOTOMETRIC_RGB, LB_DICOM_PHOTOMETRIC_YBR_FULL,
  LB_DICOM_PHOTOMETRIC_YBR_FULL_422, LB_DICOM_PHOTOMETRIC_YBR_PARTIAL_420,
  LB_DICOM_PHOTOMETRIC_YBR_ICT, LB_DICOM_PHOTOMETRIC_YBR_RCT,
};

static const uint16_t bits_allocated[] = { 8, 16, 1, 32 };

#define HEADER 5

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < HEADER)
    return 0;
  DecodeFunc decode = decoders[data[0] % (sizeof decoders / sizeof decoders[0])];

  LbDicomFrameInfo info;
  memset (&info, 0, sizeof info);
  info.rows = (uint32_t) data[1] + 1;
  info.columns = (uint32_t) data[2] + 1;
  info.frames = 1;
  info.bits_allocated = bits_allocated[data[3] & 3];
  info.samples_per_pixel = (data[3] & 4) ? 3 : 1;
  info.pixel_representation = (data[3] >> 3) & 1;
  info.planar_configuration = (data[3] >> 4) & 1;
  info.photometric = photometrics[data[3] >> 5];
  info.bits_stored = (uint16_t) (data[4] % info.bits_allocated + 1);
  info.high_bit = (uint16_t) (info.bits_stored - 1);

  /* The size dicom-pixel.c gives the codec: packed bits for 1-bit, else whole containers. */
  size_t npix = (size_t) info.rows * info.columns;
  size_t dst_len = info.bits_allocated == 1
                   ? (npix * info.samples_per_pixel + 7) / 8
                   : npix * info.samples_per_pixel * (info.bits_allocated / 8u);

  /* Exact-size copies of the stream and of dst, so ASan sees a byte read or written past
   * either end (libFuzzer's own buffer would hide an over-read into the header we skip). */
  size_t src_len = size - HEADER;
  uint8_t *src = malloc (src_len > 0 ? src_len : 1);
  uint8_t *dst = malloc (dst_len);
  if (src == NULL || dst == NULL)
    {
      free (src);
      free (dst);
      return 0;
    }
  memcpy (src, data + HEADER, src_len);

  LbDicomError *error = NULL;
  bool ok = decode (src, src_len, &info, dst, dst_len, &error);
  /* The contract: false sets an error, true sets none. */
  if (ok == (error != NULL))
    abort ();
  if (error != NULL && error->message == NULL)
    abort ();
  lb_dicom_error_free (error);
  free (src);
  free (dst);
  return 0;
}
