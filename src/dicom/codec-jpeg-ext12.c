/* codec-jpeg-ext12.c: JPEG DCT sequential Huffman (SOF0/SOF1), 8 and 12 bits. Being written. */
#include "codec-jpeg-common.h"
#include "dicom-error.h"

bool
lb_dicom_codec_jpeg_ext12_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                                  uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_NO_TAG, -1,
                             "JPEG extended: not implemented yet");
}
