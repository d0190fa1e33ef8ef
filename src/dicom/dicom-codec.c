/* dicom-codec.c: the codec registry, keyed by transfer syntax UID.
 *
 * Every JPEG syntax (.50, .51, .57, .70) goes through lb_dicom_codec_jpeg8_decode, which reads
 * the SOF marker and hands 12-bit and lossless streams to the in-house decoders: files in the
 * wild are often labelled with the wrong JPEG syntax, and the stream itself never lies about
 * its process. The JPEG entries say that their YBR frames become RGB with libjpeg's rounding,
 * as in DCMTK (dicom-ybr.c). */
#include "dicom-codec.h"

#include <string.h>

static const LbDicomCodec codecs[] = {
  { "1.2.840.10008.1.2.5", "RLE Lossless", lb_dicom_codec_rle_decode },
  { "1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", lb_dicom_codec_deflate_decode },
  { "1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", lb_dicom_codec_jpeg8_decode,
    LB_DICOM_YBR_LIKE_LIBJPEG },
  { "1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", lb_dicom_codec_jpeg8_decode,
    LB_DICOM_YBR_LIKE_LIBJPEG },
  { "1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)",
    lb_dicom_codec_jpeg8_decode, LB_DICOM_YBR_LIKE_LIBJPEG },
  { "1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction",
    lb_dicom_codec_jpeg8_decode, LB_DICOM_YBR_LIKE_LIBJPEG },
  { "1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", lb_dicom_codec_jpegls_decode },
  { "1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", lb_dicom_codec_jpegls_decode },
  { "1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", lb_dicom_codec_j2k_decode },
  { "1.2.840.10008.1.2.4.91", "JPEG 2000", lb_dicom_codec_j2k_decode },
  { "1.2.840.10008.1.2.4.201", "HTJ2K Lossless", lb_dicom_codec_j2k_decode },
  { "1.2.840.10008.1.2.4.202", "HTJ2K Lossless RPCL", lb_dicom_codec_j2k_decode },
  { "1.2.840.10008.1.2.4.203", "HTJ2K", lb_dicom_codec_j2k_decode },
};

/* Values of UI elements may carry a trailing NUL or space pad; compare up to it. */
static bool
uid_equal (const char *uid, const char *candidate)
{
  size_t n = strlen (candidate);
  if (strncmp (uid, candidate, n) != 0)
    return false;
  for (const char *p = uid + n; *p != '\0'; p++)
    if (*p != ' ')
      return false;
  return true;
}

const LbDicomCodec *
lb_dicom_codec_find (const char *transfer_syntax_uid)
{
  if (transfer_syntax_uid == NULL)
    return NULL;
  for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++)
    if (uid_equal (transfer_syntax_uid, codecs[i].uid))
      return &codecs[i];
  return NULL;
}

bool
lb_dicom_transfer_syntax_is_encapsulated (const char *uid)
{
  static const char *const native[] = {
    "1.2.840.10008.1.2",      /* implicit VR little endian */
    "1.2.840.10008.1.2.1",    /* explicit VR little endian */
    "1.2.840.10008.1.2.2",    /* explicit VR big endian (retired) */
    "1.2.840.10008.1.2.1.99", /* deflated explicit VR LE: the whole dataset, not frames */
  };

  if (uid == NULL)
    return false;
  for (size_t i = 0; i < sizeof native / sizeof native[0]; i++)
    if (uid_equal (uid, native[i]))
      return false;
  return true;
}
