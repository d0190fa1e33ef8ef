/* dicom-codec.h: the codec interface. A codec turns the compressed bytes of one frame
 * (its fragments concatenated) into native stored values. The pixel module picks the codec
 * by transfer syntax UID (lb_dicom_codec_find) and does everything after it: masking to
 * BitsStored, sign extension, colour conversion (YBR_* to RGB happens there, only there).
 *
 * Output contract of decode():
 *   dst holds rows * columns * samples_per_pixel samples, pixel-interleaved (R G B R G B ...,
 *   i.e. planar configuration 0, whatever the dataset says), each sample in a container of
 *   bits_allocated / 8 bytes (1 for 8, 2 for 16, 4 for 32), little-endian, as the raw bit pattern
 *   (signed values in two's complement; no masking needed). dst_len is exactly that size.
 *   Colour stays in the colour space the compressed stream holds, which the dataset's
 *   Photometric Interpretation names (YBR_FULL_422 JPEG: output Y Cb Cr, full resolution,
 *   not converted to RGB; RGB: the components as stored, whatever JPEG markers say). YBR_ICT/YBR_RCT from JPEG 2000: output what OpenJPEG
 *   returns after its own inverse component transform (i.e. RGB).
 *   On failure: set *error (code LB_DICOM_ERROR_CODEC with a message naming what was wrong,
 *   or LB_DICOM_ERROR_UNSUPPORTED), return false. Never read outside src, never write outside dst.
 */
#pragma once

#include "lb-dicom-pixel.h"

/* Whose rounding turns this codec's YBR output into RGB (dicom-ybr.c): DCMTK lets libjpeg
 * convert JPEG colour and converts everything else in dcmimage, and the two round differently. */
typedef enum {
  LB_DICOM_YBR_LIKE_DCMIMAGE = 0,
  LB_DICOM_YBR_LIKE_LIBJPEG,
} LbDicomYbrArithmetic;

typedef struct {
  const char *uid;   /* "1.2.840.10008.1.2.4.80" */
  const char *name;  /* "JPEG-LS Lossless" */
  bool (*decode) (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                  uint8_t *dst, size_t dst_len, LbDicomError **error);
  LbDicomYbrArithmetic ybr;
} LbDicomCodec;

/* The codec for a transfer syntax UID; NULL for native (uncompressed) syntaxes and for
 * syntaxes nobody decodes. */
const LbDicomCodec *lb_dicom_codec_find (const char *transfer_syntax_uid);
/* true for encapsulated syntaxes (everything but 1.2.840.10008.1.2, .1.2.1, .1.2.2, .1.2.1.99). */
bool lb_dicom_transfer_syntax_is_encapsulated (const char *uid);

/* The decode functions, one file each. */
bool lb_dicom_codec_rle_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                                uint8_t *dst, size_t dst_len, LbDicomError **error);
bool lb_dicom_codec_deflate_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                                    uint8_t *dst, size_t dst_len, LbDicomError **error);
bool lb_dicom_codec_jpeg8_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                                  uint8_t *dst, size_t dst_len, LbDicomError **error);
bool lb_dicom_codec_jpeg_lossless_decode (const uint8_t *src, size_t src_len,
                                          const LbDicomFrameInfo *info, uint8_t *dst,
                                          size_t dst_len, LbDicomError **error);
bool lb_dicom_codec_jpeg_ext12_decode (const uint8_t *src, size_t src_len,
                                       const LbDicomFrameInfo *info, uint8_t *dst,
                                       size_t dst_len, LbDicomError **error);
bool lb_dicom_codec_jpegls_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                                   uint8_t *dst, size_t dst_len, LbDicomError **error);
bool lb_dicom_codec_j2k_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                                uint8_t *dst, size_t dst_len, LbDicomError **error);
