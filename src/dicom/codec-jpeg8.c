/* codec-jpeg8.c: JPEG Baseline and 8-bit Extended through libjpeg-turbo, and the dispatcher
 * for every JPEG syntax.
 *
 * Debian 12's libjpeg-turbo is built for 8-bit samples only and has no lossless process, so
 * the SOF marker decides: 8-bit DCT goes to libjpeg, 12-bit DCT to the in-house extended
 * decoder, lossless SOF3/7/11/15 to the in-house lossless decoder. DICOM labels are not to be
 * trusted here: a .4.51 frame can hold 8- or 12-bit data and .4.70 files with baseline
 * streams exist.
 *
 * Colour: the Photometric Interpretation decides, never the stream. PS3.5 8.2.1 has the
 * dataset describe the compressed data, and JFIF/Adobe markers are optional there, so:
 *   RGB                      the three components are R, G, B as stored: no conversion;
 *   YBR_FULL / YBR_FULL_422  they are Y, Cb, Cr: the pixel module converts (dicom-ybr.c);
 * whatever the JFIF APP0 or Adobe APP14 segments and the component ids (1,2,3 or 'R','G','B')
 * suggest. Left alone, libjpeg would guess from those and convert every RGB stream without an
 * Adobe transform-0 segment or 'R','G','B' ids (ids 0,1,2, GDCM's 1,2,3 4:2:0, JFIF) as if
 * it were YCbCr. The peers agree on the rule, checked on tests/data/jpeg-*.dcm:
 *   DCMTK 3.6.7 (dcmdjpeg/dcmj2pnm, default "+cp"): converts iff the PI is YBR_*, ignoring
 *     markers and ids (EDC_photometricInterpretation in djdijg8);
 *   GDCM 3.0 (gdcmconv --raw): never lets libjpeg convert a stream it guesses YCbCr (sets
 *     JCS_UNKNOWN) and keeps YBR_* as the PI, so the viewer converts by the PI;
 *   pydicom 2.3 (Pillow): RGB PI without an Adobe segment is read unconverted, YBR_* PI is
 *     read as raw YCbCr. It differs in one case: RGB PI with an Adobe segment saying transform
 *     1 is converted (DCMTK and GDCM do not; we follow them). With YBR_FULL and ids 'R','G','B'
 *     Pillow cannot decode at all; DCMTK and GDCM convert by the PI, as we do.
 * The rule shows a mislabelled file as stored: pydicom's SC_rgb_jpeg_lossy_gdcm.dcm
 * (tests/data/jpeg-rgb-gdcm-420.dcm) holds YCbCr that GDCM 2.6.3 labelled RGB, and it shows in
 * false colours here exactly as in DCMTK, GDCM and pydicom.
 *
 * libjpeg reports fatal errors through error_exit, which by default calls exit(); ours
 * longjmps back with the message, so corrupt data is an error, never the end of the process. */
#include "dicom-codec.h"
#include "dicom-error.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

typedef enum {
  SOF_NONE,
  SOF_DCT,
  SOF_LOSSLESS,
} SofKind;

/* Finds the first SOF marker; returns its kind and sample precision. Reads only inside src. */
static SofKind
sniff_sof (const uint8_t *src, size_t len, unsigned *precision)
{
  size_t i = 0;

  if (len < 4 || src[0] != 0xff || src[1] != 0xd8)
    return SOF_NONE;
  i = 2;
  while (i + 4 <= len)
    {
      if (src[i] != 0xff)
        return SOF_NONE;
      uint8_t m = src[i + 1];
      if (m == 0xff)
        {
          i++;                        /* fill byte */
          continue;
        }
      if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
        {
          i += 2;                     /* markers without a length */
          continue;
        }
      size_t seg = (size_t) src[i + 2] << 8 | src[i + 3];
      if (seg < 2)
        return SOF_NONE;
      if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc)
        {
          if (i + 5 > len)
            return SOF_NONE;
          *precision = src[i + 4];
          return (m & 3) == 3 ? SOF_LOSSLESS : SOF_DCT;
        }
      if (m == 0xda || m == 0xd9)
        return SOF_NONE;              /* scan or end before any frame header */
      i += 2 + seg;
    }
  return SOF_NONE;
}

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool truncated;
} ErrorMgr;

static void
on_error_exit (j_common_ptr cinfo)
{
  ErrorMgr *err = (ErrorMgr *) cinfo->err;
  err->pub.format_message (cinfo, err->message);
  longjmp (err->jump, 1);
}

static void
on_emit_message (j_common_ptr cinfo, int level)
{
  ErrorMgr *err = (ErrorMgr *) cinfo->err;
  /* Warnings about recoverable corruption are fine, but a stream that ends early would be
   * filled up with grey by libjpeg: that is garbage we must not show as the image. */
  if (level < 0 && (err->pub.msg_code == JWRN_JPEG_EOF || err->pub.msg_code == JWRN_HIT_MARKER))
    err->truncated = true;
}

static void
on_output_message (j_common_ptr cinfo)
{
  /* never print */
}

static bool
decode_libjpeg (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  struct jpeg_decompress_struct cinfo;
  ErrorMgr err;
  /* volatile: these change between setjmp and a possible longjmp */
  uint8_t *volatile row_buf = NULL;
  const char *volatile problem = NULL;
  char detail[128] = "";

  size_t bytes = info->bits_allocated / 8u;
  size_t spp = info->samples_per_pixel;
  size_t row_samples = (size_t) info->columns * spp;

  if ((bytes != 1 && bytes != 2) || (spp != 1 && spp != 3)
      || dst_len != row_samples * info->rows * bytes || dst_len == 0)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA,
                               -1, "JPEG: cannot decode %u-bit, %zu-sample frame into %zu bytes",
                               info->bits_allocated, spp, dst_len);

  memset (&err, 0, sizeof err);
  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = on_error_exit;
  err.pub.emit_message = on_emit_message;
  err.pub.output_message = on_output_message;

  if (setjmp (err.jump))
    {
      jpeg_destroy_decompress (&cinfo);
      free (row_buf);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                                 "JPEG: %s", err.message);
    }

  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, src, (unsigned long) src_len);
  jpeg_read_header (&cinfo, TRUE);

  if (cinfo.image_width != info->columns || cinfo.image_height != info->rows)
    {
      snprintf (detail, sizeof detail, "stream is %ux%u, dataset says %ux%u", cinfo.image_width,
                cinfo.image_height, info->columns, info->rows);
      problem = detail;
    }
  else if ((size_t) cinfo.num_components != spp)
    {
      snprintf (detail, sizeof detail, "stream has %d components, dataset %zu samples per pixel",
                cinfo.num_components, spp);
      problem = detail;
    }
  if (problem != NULL)
    {
      jpeg_destroy_decompress (&cinfo);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                                 "JPEG: %s", problem);
    }

  if (spp == 1)
    cinfo.out_color_space = JCS_GRAYSCALE;
  else
    {
      /* Three components: libjpeg's guess is overruled, the components come out as stored
       * and the Photometric Interpretation alone says what they are (see the top). */
      cinfo.jpeg_color_space = JCS_UNKNOWN;
      cinfo.out_color_space = JCS_UNKNOWN;
    }

  jpeg_start_decompress (&cinfo);
  if (cinfo.output_width != info->columns || cinfo.output_height != info->rows
      || (size_t) cinfo.output_components != spp)
    ERREXIT (&cinfo, JERR_NOT_COMPILED);      /* cannot happen without scaling; be safe */

  if (bytes == 2)
    {
      row_buf = malloc (row_samples);
      if (row_buf == NULL)
        ERREXIT1 (&cinfo, JERR_OUT_OF_MEMORY, 0);
    }

  while (cinfo.output_scanline < cinfo.output_height)
    {
      JDIMENSION y = cinfo.output_scanline;
      if (bytes == 1)
        {
          /* Several rows per call: libjpeg hands out up to rec_outbuf_height at once. */
          JSAMPROW rows[16];
          JDIMENSION n = cinfo.output_height - y;
          if (n > 16)
            n = 16;
          for (JDIMENSION k = 0; k < n; k++)
            rows[k] = dst + (size_t) (y + k) * row_samples;
          if (jpeg_read_scanlines (&cinfo, rows, n) == 0)
            ERREXIT (&cinfo, JERR_INPUT_EOF);
        }
      else
        {
          JSAMPROW row = row_buf;
          if (jpeg_read_scanlines (&cinfo, &row, 1) != 1)
            ERREXIT (&cinfo, JERR_INPUT_EOF);
          uint8_t *out = dst + (size_t) y * row_samples * 2;
          for (size_t k = 0; k < row_samples; k++)
            {
              out[2 * k] = row_buf[k];
              out[2 * k + 1] = 0;
            }
        }
      if (err.truncated)
        break;
    }

  /* Only data missing before the last scanline counts: a stream that merely lacks its EOI
   * marker warns in jpeg_finish_decompress, but every pixel is there. */
  bool truncated = err.truncated;
  if (!truncated)
    jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  free (row_buf);
  if (truncated)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "JPEG: compressed data ends before the image is complete");
  return true;
}

bool
lb_dicom_codec_jpeg8_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                             uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  unsigned precision = 0;

  switch (sniff_sof (src, src_len, &precision))
    {
    case SOF_LOSSLESS:
      return lb_dicom_codec_jpeg_lossless_decode (src, src_len, info, dst, dst_len, error);
    case SOF_DCT:
      if (precision == 8)
        return decode_libjpeg (src, src_len, info, dst, dst_len, error);
      if (precision == 12)
        return lb_dicom_codec_jpeg_ext12_decode (src, src_len, info, dst, dst_len, error);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                                 "JPEG: %u-bit DCT precision (only 8 and 12 exist)", precision);
    case SOF_NONE:
    default:
      return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                                 "JPEG: no start-of-image and frame header found in %zu bytes",
                                 src_len);
    }
}
