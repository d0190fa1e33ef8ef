/* codec-j2k.c: JPEG 2000 (.4.90, .4.91) and HTJ2K (.4.201-.4.203) through OpenJPEG 2.5.
 *
 * DICOM says the fragment holds a bare J2K codestream, but some writers put a whole JP2 file
 * there, so the first bytes choose the format. OpenJPEG reads from a memory stream, in strict
 * mode so that a truncated codestream is an error instead of a partly grey image. Its
 * messages are captured (the first error goes into the LbDicomError), never printed.
 *
 * Component precision may differ from BitsStored (pydicom issue 693): the raw values are
 * written as they are, and only the container size limits them. When the codestream used a
 * multiple component transform, OpenJPEG has already inverted it, so YBR_RCT/YBR_ICT come out
 * as RGB. */
#include "dicom-codec.h"
#include "dicom-error.h"

#include <stdio.h>
#include <string.h>

#include <openjpeg.h>

typedef struct {
  const uint8_t *data;
  size_t len;
  size_t pos;
} MemStream;

static OPJ_SIZE_T
mem_read (void *buf, OPJ_SIZE_T n, void *user)
{
  MemStream *m = user;
  if (m->pos >= m->len)
    return (OPJ_SIZE_T) -1;
  if (n > m->len - m->pos)
    n = m->len - m->pos;
  memcpy (buf, m->data + m->pos, n);
  m->pos += n;
  return n;
}

static OPJ_OFF_T
mem_skip (OPJ_OFF_T n, void *user)
{
  MemStream *m = user;
  if (n < 0)
    {
      if ((uint64_t) -n > m->pos)
        return -1;
      m->pos -= (size_t) -n;
      return n;
    }
  if ((uint64_t) n > m->len - m->pos)
    {
      m->pos = m->len;
      return -1;
    }
  m->pos += (size_t) n;
  return n;
}

static OPJ_BOOL
mem_seek (OPJ_OFF_T n, void *user)
{
  MemStream *m = user;
  if (n < 0 || (uint64_t) n > m->len)
    return OPJ_FALSE;
  m->pos = (size_t) n;
  return OPJ_TRUE;
}

typedef struct {
  char message[256];
} Messages;

static void
on_error (const char *msg, void *user)
{
  Messages *m = user;
  if (m->message[0] != '\0')
    return;                           /* the first error is the cause; later ones follow from it */
  snprintf (m->message, sizeof m->message, "%s", msg);
  size_t n = strlen (m->message);
  while (n > 0 && (m->message[n - 1] == '\n' || m->message[n - 1] == ' '))
    m->message[--n] = '\0';
}

static void
on_quiet (const char *msg, void *user)
{
}

static const uint8_t jp2_signature[] = { 0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20 };

/* Writes component values into the interleaved container. Subsampled components (dx, dy > 1)
 * are replicated so the output is always full resolution. */
static void
write_samples (const opj_image_t *img, uint32_t width, uint32_t height, size_t spp, size_t bytes,
               uint8_t *dst)
{
  size_t pixels = (size_t) width * height;

  /* The frequent case, one full-resolution component into 16 bits, gets its own loop. */
  if (spp == 1 && bytes == 2 && img->comps[0].dx == 1 && img->comps[0].dy == 1)
    {
      const int32_t *d = img->comps[0].data;
      for (size_t i = 0; i < pixels; i++)
        {
          dst[2 * i] = (uint8_t) d[i];
          dst[2 * i + 1] = (uint8_t) ((uint32_t) d[i] >> 8);
        }
      return;
    }

  for (size_t c = 0; c < spp; c++)
    {
      const opj_image_comp_t *comp = &img->comps[c];
      for (uint32_t y = 0; y < height; y++)
        {
          const int32_t *row = comp->data + (size_t) (y / comp->dy) * comp->w;
          uint8_t *out = dst + ((size_t) y * width * spp + c) * bytes;
          for (uint32_t x = 0; x < width; x++, out += spp * bytes)
            {
              uint32_t v = (uint32_t) row[x / comp->dx];
              out[0] = (uint8_t) v;
              if (bytes >= 2)
                out[1] = (uint8_t) (v >> 8);
              if (bytes == 4)
                {
                  out[2] = (uint8_t) (v >> 16);
                  out[3] = (uint8_t) (v >> 24);
                }
            }
        }
    }
}

/* BitsAllocated 1: pack the (0/1) values of one component, least significant bit first. */
static void
write_bits (const opj_image_t *img, size_t pixels, uint8_t *dst, size_t dst_len)
{
  const int32_t *d = img->comps[0].data;
  memset (dst, 0, dst_len);
  for (size_t i = 0; i < pixels; i++)
    if (d[i] & 1)
      dst[i >> 3] |= (uint8_t) (1u << (i & 7));
}

bool
lb_dicom_codec_j2k_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                           uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  size_t spp = info->samples_per_pixel;
  size_t pixels = (size_t) info->rows * info->columns;
  size_t bytes = info->bits_allocated / 8u;
  bool one_bit = info->bits_allocated == 1;
  size_t expected = one_bit ? (pixels * spp + 7) / 8 : pixels * spp * bytes;
  OPJ_CODEC_FORMAT format;
  Messages msgs = { "" };
  MemStream mem = { src, src_len, 0 };
  opj_codec_t *codec = NULL;
  opj_stream_t *stream = NULL;
  opj_image_t *img = NULL;
  bool ok = false;
  char problem[200] = "";

  if ((!one_bit && bytes != 1 && bytes != 2 && bytes != 4) || (one_bit && spp != 1)
      || pixels == 0 || spp == 0 || dst_len != expected)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA,
                               -1, "JPEG 2000: cannot decode %u-bit, %zu-sample frame into %zu "
                               "bytes", info->bits_allocated, spp, dst_len);

  if (src_len >= 4 && src[0] == 0xff && src[1] == 0x4f && src[2] == 0xff && src[3] == 0x51)
    format = OPJ_CODEC_J2K;
  else if (src_len >= sizeof jp2_signature
           && memcmp (src, jp2_signature, sizeof jp2_signature) == 0)
    format = OPJ_CODEC_JP2;
  else
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "JPEG 2000: neither a J2K codestream (FF4F FF51) nor a JP2 file");

  codec = opj_create_decompress (format);
  stream = opj_stream_create (src_len < OPJ_J2K_STREAM_CHUNK_SIZE ? src_len
                              : OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE);
  if (codec == NULL || stream == NULL)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG 2000: out of memory");
      goto out;
    }
  opj_set_error_handler (codec, on_error, &msgs);
  opj_set_warning_handler (codec, on_quiet, NULL);
  opj_set_info_handler (codec, on_quiet, NULL);

  opj_stream_set_read_function (stream, mem_read);
  opj_stream_set_skip_function (stream, mem_skip);
  opj_stream_set_seek_function (stream, mem_seek);
  opj_stream_set_user_data (stream, &mem, NULL);
  opj_stream_set_user_data_length (stream, src_len);

  opj_dparameters_t params;
  opj_set_default_decoder_parameters (&params);
  if (!opj_setup_decoder (codec, &params))
    goto fail;
  opj_decoder_set_strict_mode (codec, OPJ_TRUE);
  /* OpenJPEG decodes code-blocks in parallel; worth it from about a megapixel, where the
   * thread start-up is small against the decode. */
  if (pixels * spp >= (1u << 20) && opj_has_thread_support ())
    {
      int cpus = opj_get_num_cpus ();
      opj_codec_set_threads (codec, cpus > 4 ? 4 : cpus);
    }

  if (!opj_read_header (stream, codec, &img) || img == NULL)
    goto fail;

  uint32_t width = img->x1 - img->x0, height = img->y1 - img->y0;
  if (img->x1 < img->x0 || img->y1 < img->y0 || width != info->columns || height != info->rows)
    snprintf (problem, sizeof problem, "stream is %ux%u, dataset says %ux%u", width, height,
              info->columns, info->rows);
  else if (img->numcomps != spp)
    snprintf (problem, sizeof problem, "stream has %u components, dataset %zu samples per pixel",
              img->numcomps, spp);
  if (problem[0] != '\0')
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG 2000: %s", problem);
      goto out;
    }

  if (!opj_decode (codec, stream, img) || !opj_end_decompress (codec, stream))
    goto fail;

  /* Check what was decoded, not only what the header announced. */
  for (size_t c = 0; c < spp && problem[0] == '\0'; c++)
    {
      const opj_image_comp_t *comp = &img->comps[c];
      uint32_t limit = one_bit ? 1 : (uint32_t) bytes * 8;
      if (comp->data == NULL)
        snprintf (problem, sizeof problem, "component %zu was not decoded", c);
      else if (comp->dx == 0 || comp->dy == 0
               || comp->w != (width + comp->dx - 1) / comp->dx
               || comp->h != (height + comp->dy - 1) / comp->dy)
        snprintf (problem, sizeof problem, "component %zu is %ux%u with subsampling %ux%u",
                  c, comp->w, comp->h, comp->dx, comp->dy);
      else if ((img->x0 != 0 || img->y0 != 0) && (comp->dx != 1 || comp->dy != 1))
        snprintf (problem, sizeof problem, "subsampled component %zu with an image offset", c);
      else if (comp->prec == 0 || comp->prec > limit)
        snprintf (problem, sizeof problem, "component %zu has %u-bit precision, BitsAllocated "
                  "is %u", c, comp->prec, info->bits_allocated);
      else if (comp->factor != 0)
        snprintf (problem, sizeof problem, "component %zu decoded at reduced resolution", c);
    }
  if (problem[0] != '\0')
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "JPEG 2000: %s", problem);
      goto out;
    }

  if (one_bit)
    write_bits (img, pixels, dst, dst_len);
  else
    write_samples (img, width, height, spp, bytes, dst);
  ok = true;
  goto out;

fail:
  lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                      "JPEG 2000: %s", msgs.message[0] != '\0' ? msgs.message
                      : "the codestream could not be decoded");
out:
  if (img != NULL)
    opj_image_destroy (img);
  if (stream != NULL)
    opj_stream_destroy (stream);
  if (codec != NULL)
    opj_destroy_codec (codec);
  return ok;
}
