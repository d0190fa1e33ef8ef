/* dicom-pixel.c: the Image Pixel module, frame extraction (native and encapsulated), unpacking
 * stored values (BitsAllocated/BitsStored/HighBit, sign extension), and colour: YBR to RGB
 * (dicom-ybr.c) and palette lookup happen here, once, after the codec. */
#include "dicom-codec.h"
#include "dicom-error.h"
#include "dicom-pixel-internal.h"
#include "dicom-private.h"   /* frames read on demand */
#include "dicom-ybr.h"

#include <math.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <strings.h>

#define TAG_FLOAT_PIXEL_DATA         LB_DICOM_TAG (0x7fe0, 0x0008)
#define TAG_DOUBLE_PIXEL_DATA        LB_DICOM_TAG (0x7fe0, 0x0009)
#define TAG_EXTENDED_OFFSET_TABLE    LB_DICOM_TAG (0x7fe0, 0x0001)
#define TAG_EXTENDED_OFFSET_LENGTHS  LB_DICOM_TAG (0x7fe0, 0x0002)

/* ---- Photometric interpretation --------------------------------------------------------- */

static const char *const photometric_names[] = {
  [LB_DICOM_PHOTOMETRIC_UNKNOWN] = "UNKNOWN",
  [LB_DICOM_PHOTOMETRIC_MONOCHROME1] = "MONOCHROME1",
  [LB_DICOM_PHOTOMETRIC_MONOCHROME2] = "MONOCHROME2",
  [LB_DICOM_PHOTOMETRIC_RGB] = "RGB",
  [LB_DICOM_PHOTOMETRIC_YBR_FULL] = "YBR_FULL",
  [LB_DICOM_PHOTOMETRIC_YBR_FULL_422] = "YBR_FULL_422",
  [LB_DICOM_PHOTOMETRIC_YBR_PARTIAL_420] = "YBR_PARTIAL_420",
  [LB_DICOM_PHOTOMETRIC_YBR_RCT] = "YBR_RCT",
  [LB_DICOM_PHOTOMETRIC_YBR_ICT] = "YBR_ICT",
  [LB_DICOM_PHOTOMETRIC_PALETTE_COLOR] = "PALETTE COLOR",
};

LbDicomPhotometric
lb_dicom_photometric_from_string (const char *value)
{
  if (value == NULL)
    return LB_DICOM_PHOTOMETRIC_UNKNOWN;
  while (*value == ' ')
    value++;
  size_t n = strlen (value);
  while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\0'))
    n--;
  for (size_t i = 1; i < sizeof photometric_names / sizeof photometric_names[0]; i++)
    if (strlen (photometric_names[i]) == n && strncasecmp (photometric_names[i], value, n) == 0)
      return (LbDicomPhotometric) i;
  return LB_DICOM_PHOTOMETRIC_UNKNOWN;
}

const char *
lb_dicom_photometric_name (LbDicomPhotometric p)
{
  if ((size_t) p >= sizeof photometric_names / sizeof photometric_names[0])
    return "UNKNOWN";
  return photometric_names[p];
}

bool
lb_dicom_photometric_is_grey (LbDicomPhotometric p)
{
  return p == LB_DICOM_PHOTOMETRIC_MONOCHROME1 || p == LB_DICOM_PHOTOMETRIC_MONOCHROME2;
}

size_t
lb_dicom_sample_type_size (LbDicomSampleType type)
{
  switch (type)
    {
    case LB_DICOM_SAMPLE_U8: case LB_DICOM_SAMPLE_S8: return 1;
    case LB_DICOM_SAMPLE_U16: case LB_DICOM_SAMPLE_S16: return 2;
    case LB_DICOM_SAMPLE_U32: case LB_DICOM_SAMPLE_S32: case LB_DICOM_SAMPLE_F32: return 4;
    case LB_DICOM_SAMPLE_F64: return 8;
    default: return 1;
    }
}

/* ---- Frame info ------------------------------------------------------------------------- */

static const LbDicomElement *
pixel_element (const LbDicomFile *file)
{
  const LbDicomElement *el = lb_dicom_file_lookup (file, LB_DICOM_TAG_PIXEL_DATA);
  if (el == NULL)
    el = lb_dicom_file_lookup (file, TAG_FLOAT_PIXEL_DATA);
  if (el == NULL)
    el = lb_dicom_file_lookup (file, TAG_DOUBLE_PIXEL_DATA);
  return el;
}

static bool
get_u16 (const LbDicomFile *file, uint16_t element, int64_t fallback, int64_t *out)
{
  const LbDicomElement *el = lb_dicom_file_lookup (file, LB_DICOM_TAG (0x0028, element));
  if (el == NULL || lb_dicom_element_get_vm (el) == 0)
    {
      *out = fallback;
      return fallback >= 0;
    }
  return lb_dicom_element_get_int (el, 0, out);
}

/* Bytes of one decoded sample container (what codecs write and we unpack from). */
static size_t
container_bytes (const LbDicomFrameInfo *info)
{
  return info->bits_allocated <= 8 ? 1 : info->bits_allocated / 8u;
}

bool
lb_dicom_file_get_frame_info (const LbDicomFile *file, LbDicomFrameInfo *info,
                              LbDicomError **error)
{
  memset (info, 0, sizeof *info);
  const LbDicomElement *pixels = pixel_element (file);
  if (pixels == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_PIXELS, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "no Pixel Data (7FE0,0010)");
  info->is_float = lb_dicom_element_get_tag (pixels) != LB_DICOM_TAG_PIXEL_DATA;

  int64_t rows, cols, spp, ba, bs, hb, pr, pc, frames = 1;
  if (!get_u16 (file, 0x0010, -1, &rows) || !get_u16 (file, 0x0011, -1, &cols))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0010),
                               -1, "missing or invalid Rows (0028,0010) or Columns (0028,0011)");
  if (!get_u16 (file, 0x0002, 1, &spp) || !get_u16 (file, 0x0100, -1, &ba))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0100),
                               -1, "missing or invalid Bits Allocated (0028,0100)");
  if (!get_u16 (file, 0x0101, ba, &bs) || !get_u16 (file, 0x0102, bs - 1, &hb)
      || !get_u16 (file, 0x0103, 0, &pr) || !get_u16 (file, 0x0006, 0, &pc))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0101),
                               -1, "invalid Bits Stored, High Bit, Pixel Representation or "
                               "Planar Configuration");
  const LbDicomElement *nf = lb_dicom_file_lookup (file, LB_DICOM_TAG (0x0028, 0x0008));
  if (nf != NULL && lb_dicom_element_get_vm (nf) > 0
      && (!lb_dicom_element_get_int (nf, 0, &frames) || frames < 1 || frames > UINT32_MAX))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0008),
                               -1, "invalid Number of Frames (0028,0008)");

  if (rows < 1 || rows > 65535 || cols < 1 || cols > 65535)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0010),
                               -1, "invalid image size %lld x %lld", (long long) cols,
                               (long long) rows);
  if (spp != 1 && spp != 3)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG (0x0028, 0x0002),
                               -1, "unsupported Samples per Pixel %lld", (long long) spp);
  bool ba_ok = info->is_float ? (ba == 32 || ba == 64)
                              : (ba == 1 || ba == 8 || ba == 16 || ba == 32);
  if (!ba_ok)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG (0x0028, 0x0100),
                               -1, "unsupported Bits Allocated %lld", (long long) ba);
  if (info->is_float)
    {
      bs = ba;
      hb = ba - 1;
    }
  if (bs < 1 || bs > ba || hb < bs - 1 || hb >= ba)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0101),
                               -1, "Bits Stored %lld / High Bit %lld do not fit Bits Allocated "
                               "%lld", (long long) bs, (long long) hb, (long long) ba);
  if (pr != 0 && pr != 1)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0103),
                               -1, "invalid Pixel Representation %lld", (long long) pr);
  if (ba == 1 && spp != 1)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG (0x0028, 0x0100),
                               -1, "1-bit colour is not supported");

  info->rows = (uint32_t) rows;
  info->columns = (uint32_t) cols;
  info->frames = (uint32_t) frames;
  info->samples_per_pixel = (uint16_t) spp;
  info->bits_allocated = (uint16_t) ba;
  info->bits_stored = (uint16_t) bs;
  info->high_bit = (uint16_t) hb;
  info->pixel_representation = (uint16_t) pr;
  info->planar_configuration = pc == 1 && spp == 3 ? 1 : 0;

  char *pi = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0028, 0x0004));
  info->photometric = lb_dicom_photometric_from_string (pi);
  free (pi);
  if (info->photometric == LB_DICOM_PHOTOMETRIC_UNKNOWN)
    info->photometric = spp == 3 ? LB_DICOM_PHOTOMETRIC_RGB : LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  bool colour_pi = !lb_dicom_photometric_is_grey (info->photometric)
                   && info->photometric != LB_DICOM_PHOTOMETRIC_PALETTE_COLOR;
  if ((spp == 3) != colour_pi)
    {
      /* Trust the sample count over a contradicting name: it decides the byte layout. */
      info->photometric = spp == 3 ? LB_DICOM_PHOTOMETRIC_RGB : LB_DICOM_PHOTOMETRIC_MONOCHROME2;
    }

  /* The decoded frame: rows * columns * samples * bytes, every product checked. */
  uint64_t n, out_bytes = container_bytes (info);
  uint64_t limit = lb_dicom_file_get_limits (file)->max_frame_bytes;
  if (info->photometric == LB_DICOM_PHOTOMETRIC_PALETTE_COLOR)
    out_bytes = 2 * 3;
  if (__builtin_mul_overflow ((uint64_t) rows, (uint64_t) cols, &n)
      || __builtin_mul_overflow (n, (uint64_t) spp, &n)
      || __builtin_mul_overflow (n, out_bytes, &n)
      || n > limit)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_TAG (0x0028, 0x0010), -1,
                               "a %lld x %lld frame exceeds the frame size limit of %llu bytes",
                               (long long) cols, (long long) rows,
                               (unsigned long long) limit);
  return true;
}

/* ---- Unpacking -------------------------------------------------------------------------- */

/* Reads sample `i` of a frame whose raw samples are `cb`-byte containers in the given byte
 * order, as the raw unsigned bit pattern. */
static inline uint64_t
raw_sample (const uint8_t *src, size_t i, size_t cb, bool big_endian)
{
  const uint8_t *p = src + i * cb;
  switch (cb)
    {
    case 1: return p[0];
    case 2: return big_endian ? (uint64_t) p[0] << 8 | p[1] : (uint64_t) p[1] << 8 | p[0];
    case 4:
      return big_endian
             ? (uint64_t) p[0] << 24 | (uint64_t) p[1] << 16 | (uint64_t) p[2] << 8 | p[3]
             : (uint64_t) p[3] << 24 | (uint64_t) p[2] << 16 | (uint64_t) p[1] << 8 | p[0];
    default:
      {
        uint64_t v = 0;
        for (size_t k = 0; k < 8; k++)
          v |= (uint64_t) p[big_endian ? k : 7 - k] << (8 * (7 - k));
        return v;
      }
    }
}

void *
lb_dicom_pixel_alloc (size_t size)
{
#ifdef MADV_HUGEPAGE
  /* Frame buffers of several MiB: ask for transparent huge pages. Each first touch of a 4 KiB
   * page is a page fault, and on virtual machines those dominate decoding a 4096^2 frame
   * (hundreds of ms for 32 MiB); 2 MiB pages cut their number by 512. */
  const size_t huge = 2u << 20;
  if (size >= 2 * huge)
    {
      void *p = aligned_alloc (huge, (size + huge - 1) / huge * huge);
      if (p != NULL)
        madvise (p, (size + huge - 1) / huge * huge, MADV_HUGEPAGE);
      return p;
    }
#endif
  return malloc (size);
}

static LbDicomFrame *
frame_new (const LbDicomFrameInfo *info, uint32_t index, LbDicomSampleType type, uint16_t samples,
           LbDicomError **error)
{
  LbDicomFrame *f = calloc (1, sizeof *f);
  size_t n = (size_t) info->rows * info->columns * samples;
  if (f != NULL)
    f->data = lb_dicom_pixel_alloc (n * lb_dicom_sample_type_size (type) + 1);
  if (f == NULL || f->data == NULL)
    {
      free (f);
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "out of memory for a %u x %u frame", info->columns, info->rows);
      return NULL;
    }
  f->index = index;
  f->width = info->columns;
  f->height = info->rows;
  f->samples = samples;
  f->bits = info->bits_stored;
  f->is_signed = info->pixel_representation == 1 && !info->is_float;
  f->type = type;
  f->photometric = samples == 3 ? LB_DICOM_PHOTOMETRIC_RGB : info->photometric;
  f->data_len = n * lb_dicom_sample_type_size (type);
  return f;
}

static LbDicomSampleType
stored_type (const LbDicomFrameInfo *info)
{
  bool s = info->pixel_representation == 1;
  if (info->is_float)
    return info->bits_allocated == 64 ? LB_DICOM_SAMPLE_F64 : LB_DICOM_SAMPLE_F32;
  switch (info->bits_allocated)
    {
    case 1: case 8: return s ? LB_DICOM_SAMPLE_S8 : LB_DICOM_SAMPLE_U8;
    case 16: return s ? LB_DICOM_SAMPLE_S16 : LB_DICOM_SAMPLE_U16;
    default: return s ? LB_DICOM_SAMPLE_S32 : LB_DICOM_SAMPLE_U32;
    }
}

/* Unpacks `n` samples (interleaved or planar per `planar`) from raw containers into the frame's
 * typed buffer, masking to BitsStored at HighBit and sign-extending. */
static void
unpack_samples (LbDicomFrame *f, const LbDicomFrameInfo *info, const uint8_t *src,
                bool big_endian, bool planar)
{
  size_t cb = container_bytes (info);
  size_t npix = (size_t) f->width * f->height;
  size_t n = npix * f->samples;
  unsigned shift = info->high_bit + 1u - info->bits_stored;
  uint64_t mask = info->bits_stored >= 64 ? ~0ull : (1ull << info->bits_stored) - 1;
  uint64_t sign = 1ull << (info->bits_stored - 1);
  bool s = f->is_signed;

  for (size_t i = 0; i < n; i++)
    {
      /* Planar data holds all of sample 0, then 1, then 2; output is always interleaved. */
      size_t j = planar ? (i % f->samples) * npix + i / f->samples : i;
      uint64_t raw = raw_sample (src, j, cb, big_endian);
      switch (f->type)
        {
        case LB_DICOM_SAMPLE_F32:
          {
            uint32_t u = (uint32_t) raw;
            float v;
            memcpy (&v, &u, 4);
            ((float *) f->data)[i] = v;
            continue;
          }
        case LB_DICOM_SAMPLE_F64:
          {
            double v;
            memcpy (&v, &raw, 8);
            ((double *) f->data)[i] = v;
            continue;
          }
        default:
          break;
        }
      uint64_t u = (raw >> shift) & mask;
      int64_t v = s && (u & sign) ? (int64_t) (u | ~mask) : (int64_t) u;
      switch (f->type)
        {
        case LB_DICOM_SAMPLE_U8: ((uint8_t *) f->data)[i] = (uint8_t) v; break;
        case LB_DICOM_SAMPLE_S8: ((int8_t *) f->data)[i] = (int8_t) v; break;
        case LB_DICOM_SAMPLE_U16: ((uint16_t *) f->data)[i] = (uint16_t) v; break;
        case LB_DICOM_SAMPLE_S16: ((int16_t *) f->data)[i] = (int16_t) v; break;
        case LB_DICOM_SAMPLE_U32: ((uint32_t *) f->data)[i] = (uint32_t) v; break;
        case LB_DICOM_SAMPLE_S32: ((int32_t *) f->data)[i] = (int32_t) v; break;
        default: break;
        }
    }
}

/* Fast paths for the common little-endian cases (CT, MR, CR, 8-bit RGB): one pass that copies
 * and masks (or sign-extends), instead of the general per-sample switch. Fresh memory is
 * touched once, which matters: first-touch page faults cost more than the copy itself. */
static bool
unpack_fast (LbDicomFrame *f, const LbDicomFrameInfo *info, const uint8_t *src, bool big_endian,
             bool planar)
{
  size_t n = (size_t) f->width * f->height * f->samples;
  if ((planar && f->samples > 1) || info->high_bit + 1 != info->bits_stored)
    return false;
  if (info->bits_allocated == 8 && info->bits_stored == 8)
    {
      memcpy (f->data, src, n);
      return true;
    }
  if (big_endian || info->bits_allocated != 16)
    return false;
  uint16_t mask = (uint16_t) ((1u << info->bits_stored) - 1);
  if (f->type == LB_DICOM_SAMPLE_U16)
    {
      uint16_t *d = f->data;
      for (size_t i = 0; i < n; i++)
        {
          uint16_t v;
          memcpy (&v, src + 2 * i, 2);   /* src need not be aligned */
          d[i] = v & mask;
        }
      return true;
    }
  if (f->type == LB_DICOM_SAMPLE_S16)
    {
      int16_t *d = f->data;
      int k = 16 - info->bits_stored;
      for (size_t i = 0; i < n; i++)
        {
          uint16_t v;
          memcpy (&v, src + 2 * i, 2);
          d[i] = (int16_t) ((int16_t) (uint16_t) (v << k) >> k);
        }
      return true;
    }
  return false;
}

static void
unpack_bits (LbDicomFrame *f, const uint8_t *src, uint64_t bit_offset)
{
  size_t n = (size_t) f->width * f->height;
  uint8_t *d = f->data;
  for (size_t i = 0; i < n; i++)
    {
      uint64_t b = bit_offset + i;
      d[i] = (src[b >> 3] >> (b & 7)) & 1;
    }
}

/* ---- Colour ----------------------------------------------------------------------------- */

/* Native YBR_FULL_422: each pair of pixels is Y1 Y2 Cb Cr; expand to Y Cb Cr per pixel. */
static bool
expand_422 (const LbDicomFrameInfo *info, const uint8_t *src, size_t src_len, uint8_t *dst)
{
  size_t cols = info->columns, rows = info->rows;
  size_t row_in = ((cols + 1) / 2) * 4;
  if (info->bits_allocated != 8 || src_len < row_in * rows)
    return false;
  for (size_t y = 0; y < rows; y++)
    {
      const uint8_t *s = src + y * row_in;
      uint8_t *d = dst + y * cols * 3;
      for (size_t x = 0; x < cols; x++)
        {
          const uint8_t *q = s + (x / 2) * 4;
          d[3 * x] = q[x & 1];
          d[3 * x + 1] = q[2];
          d[3 * x + 2] = q[3];
        }
    }
  return true;
}

static LbDicomFrame *
apply_palette (LbDicomFrame *idx, const LbDicomFrameInfo *info, LbDicomLut *pal[3],
               LbDicomError **error)
{
  bool wide = pal[0]->bits > 8 || pal[1]->bits > 8 || pal[2]->bits > 8;
  LbDicomFrameInfo ci = *info;
  ci.samples_per_pixel = 3;
  ci.pixel_representation = 0;
  ci.bits_stored = wide ? 16 : 8;
  LbDicomFrame *f = frame_new (&ci, idx->index, wide ? LB_DICOM_SAMPLE_U16 : LB_DICOM_SAMPLE_U8,
                               3, error);
  if (f == NULL)
    return NULL;
  size_t npix = (size_t) f->width * f->height;
  for (size_t p = 0; p < npix; p++)
    {
      double v = lb_dicom_frame_get_sample (idx, p);
      for (int k = 0; k < 3; k++)
        {
          uint16_t e = lb_dicom_lut_lookup (pal[k], v);
          if (wide)
            ((uint16_t *) f->data)[3 * p + k] = pal[k]->bits > 8 ? e : (uint16_t) (e * 257);
          else
            ((uint8_t *) f->data)[3 * p + k] = (uint8_t) e;
        }
    }
  return f;
}

static void
frame_min_max (LbDicomFrame *f)
{
  size_t n = (size_t) f->width * f->height * f->samples;
  double lo = INFINITY, hi = -INFINITY;
  switch (f->type)
    {
#define MM(ctype)                                                                              \
      {                                                                                        \
        const ctype *d = f->data;                                                              \
        ctype a = n ? d[0] : 0, b = a;                                                         \
        for (size_t i = 0; i < n; i++)                                                         \
          {                                                                                    \
            a = d[i] < a ? d[i] : a;                                                           \
            b = d[i] > b ? d[i] : b;                                                           \
          }                                                                                    \
        lo = a;                                                                                \
        hi = b;                                                                                \
        break;                                                                                 \
      }
    case LB_DICOM_SAMPLE_U8: MM (uint8_t)
    case LB_DICOM_SAMPLE_S8: MM (int8_t)
    case LB_DICOM_SAMPLE_U16: MM (uint16_t)
    case LB_DICOM_SAMPLE_S16: MM (int16_t)
    case LB_DICOM_SAMPLE_U32: MM (uint32_t)
    case LB_DICOM_SAMPLE_S32: MM (int32_t)
#undef MM
    default:
      for (size_t i = 0; i < n; i++)
        {
          double v = lb_dicom_frame_get_sample (f, i);
          if (isfinite (v))
            {
              lo = fmin (lo, v);
              hi = fmax (hi, v);
            }
        }
      break;
    }
  if (lo > hi)
    lo = hi = 0;
  f->min = lo;
  f->max = hi;
}

double
lb_dicom_frame_get_sample (const LbDicomFrame *frame, size_t i)
{
  switch (frame->type)
    {
    case LB_DICOM_SAMPLE_U8: return ((const uint8_t *) frame->data)[i];
    case LB_DICOM_SAMPLE_S8: return ((const int8_t *) frame->data)[i];
    case LB_DICOM_SAMPLE_U16: return ((const uint16_t *) frame->data)[i];
    case LB_DICOM_SAMPLE_S16: return ((const int16_t *) frame->data)[i];
    case LB_DICOM_SAMPLE_U32: return ((const uint32_t *) frame->data)[i];
    case LB_DICOM_SAMPLE_S32: return ((const int32_t *) frame->data)[i];
    case LB_DICOM_SAMPLE_F32: return ((const float *) frame->data)[i];
    case LB_DICOM_SAMPLE_F64: return ((const double *) frame->data)[i];
    default: return 0;
    }
}

void
lb_dicom_frame_free (LbDicomFrame *frame)
{
  if (frame == NULL)
    return;
  free (frame->data);
  free (frame);
}

/* ---- Decoding --------------------------------------------------------------------------- */

/* Turns raw frame bytes (native layout, or codec output) into the finished frame. */
static LbDicomFrame *
finish_frame (const LbDicomFile *file, const LbDicomFrameInfo *info, uint32_t index,
              const uint8_t *src, size_t src_len, uint64_t bit_offset, bool big_endian,
              bool planar, bool subsampled_422, LbDicomYbrArithmetic ybr, LbDicomError **error)
{
  uint16_t spp = info->samples_per_pixel;
  LbDicomFrame *f = frame_new (info, index, stored_type (info), spp, error);
  if (f == NULL)
    return NULL;
  uint8_t *expanded = NULL;

  if (info->bits_allocated == 1)
    unpack_bits (f, src, bit_offset);
  else
    {
      if (subsampled_422)
        {
          expanded = malloc ((size_t) info->rows * info->columns * 3);
          if (expanded == NULL || !expand_422 (info, src, src_len, expanded))
            {
              free (expanded);
              lb_dicom_frame_free (f);
              lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG_PIXEL_DATA, -1,
                                  "cannot expand YBR_FULL_422 pixel data");
              return NULL;
            }
          src = expanded;
          planar = false;
        }
      if (!unpack_fast (f, info, src, big_endian, planar))
        unpack_samples (f, info, src, big_endian, planar);
      free (expanded);
    }

  switch (info->photometric)
    {
    case LB_DICOM_PHOTOMETRIC_YBR_FULL:
    case LB_DICOM_PHOTOMETRIC_YBR_FULL_422:
    case LB_DICOM_PHOTOMETRIC_YBR_PARTIAL_420:
      lb_dicom_ybr_to_rgb (f, info->photometric, ybr);
      break;
    case LB_DICOM_PHOTOMETRIC_PALETTE_COLOR:
      {
        LbDicomLut *pal[3] = { NULL, NULL, NULL };
        LbDicomFrame *rgb = NULL;
        if (lb_dicom_palette_read (file, pal, error))
          rgb = apply_palette (f, info, pal, error);
        for (int k = 0; k < 3; k++)
          lb_dicom_lut_free (pal[k]);
        lb_dicom_frame_free (f);
        if (rgb == NULL)
          return NULL;
        f = rgb;
        break;
      }
    default:
      break;
    }
  frame_min_max (f);
  return f;
}

bool
lb_dicom_file_decode_frame (LbDicomFile *file, uint32_t index, LbDicomFrame **out,
                            LbDicomError **error)
{
  LbDicomFrameInfo info;
  *out = NULL;
  if (!lb_dicom_file_get_frame_info (file, &info, error))
    return false;
  if (index >= info.frames)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT,
                               LB_DICOM_TAG (0x0028, 0x0008),
                               -1, "frame %u requested, the file has %u", index + 1, info.frames);
  const LbDicomElement *el = pixel_element (file);
  const char *ts = lb_dicom_file_get_transfer_syntax (file);
  uint64_t npix = (uint64_t) info.rows * info.columns;

  if (lb_dicom_element_is_encapsulated (el))
    {
      const LbDicomCodec *codec = lb_dicom_codec_find (ts);
      if (codec == NULL || codec->decode == NULL)
        {
          const char *name = ts != NULL ? lb_dicom_transfer_syntax_name (ts) : NULL;
          return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG_PIXEL_DATA,
                                     -1, "unsupported transfer syntax %s (%s)",
                                     name != NULL ? name : "unknown", ts != NULL ? ts : "none");
        }
      uint8_t *src = NULL;
      size_t src_len = 0;
      bool owned = false;
      if (!lb_dicom_encapsulated_frame (file, el, index, info.frames, &src, &src_len, &owned,
                                        error))
        return false;
      size_t dst_len = info.bits_allocated == 1
                       ? (size_t) ((npix * info.samples_per_pixel + 7) / 8)
                       : (size_t) npix * info.samples_per_pixel * container_bytes (&info);
      uint8_t *dst = lb_dicom_pixel_alloc (dst_len + 1);
      if (dst == NULL)
        {
          if (owned)
            free (src);
          return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA,
                                     -1, "out of memory");
        }
      LbDicomError *codec_error = NULL;
      bool ok = codec->decode (src, src_len, &info, dst, dst_len, &codec_error);
      if (owned)
        free (src);
      if (!ok)
        {
          free (dst);
          if (codec_error != NULL)
            {
              lb_dicom_error_set (error, codec_error->code, codec_error->tag, codec_error->offset,
                                  "frame %u: %s", index + 1, codec_error->message);
              lb_dicom_error_free (codec_error);
              return false;
            }
          return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_TAG_PIXEL_DATA, -1,
                                     "frame %u: %s could not decode it", index + 1, codec->name);
        }
      /* Codecs write interleaved, little-endian, full-resolution samples. */
      *out = finish_frame (file, &info, index, dst, dst_len, 0, false, false, false, codec->ybr,
                           error);
      free (dst);
      return *out != NULL;
    }

  size_t len = 0;
  const uint8_t *bytes = lb_dicom_element_get_bytes (el, &len);
  bool subsampled = info.photometric == LB_DICOM_PHOTOMETRIC_YBR_FULL_422
                    && info.samples_per_pixel == 3 && info.bits_allocated == 8;
  /* Bits of one frame; 1-bit frames follow each other without padding to a byte. */
  uint64_t frame_bits;
  if (subsampled)
    frame_bits = (uint64_t) info.rows * ((info.columns + 1) / 2) * 4 * 8;
  else
    frame_bits = npix * info.samples_per_pixel * info.bits_allocated;
  uint64_t start_bit = frame_bits * index, end_bit = start_bit + frame_bits;
  if (bytes == NULL || (end_bit + 7) / 8 > len)
    {
      if (bytes == NULL || len == 0)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_PIXELS, LB_DICOM_TAG_PIXEL_DATA,
                                   (int64_t) lb_dicom_element_get_offset (el),
                                   "Pixel Data (7FE0,0010) is empty");
      return lb_dicom_error_set (error, LB_DICOM_ERROR_TRUNCATED, lb_dicom_element_get_tag (el),
                                 (int64_t) lb_dicom_element_get_offset (el),
                                 "pixel data holds %zu bytes, frame %u needs %llu", len,
                                 index + 1, (unsigned long long) ((end_bit + 7) / 8));
    }
  /* Files opened with LB_DICOM_READ_FRAMES_ON_DEMAND read this frame's bytes now: straight
   * into the frame when it stores them as they are (dicom-pixel-in-place.c). */
  const uint8_t *frame_from = bytes + start_bit / 8, *frame_to = bytes + (end_bit + 7) / 8;
  if (lb_dicom_file_reads_frames_on_demand (file)
      && lb_dicom_frame_fits_in_place (&info, lb_dicom_element_is_big_endian (el)))
    {
      *out = frame_new (&info, index, stored_type (&info), info.samples_per_pixel, error);
      if (*out != NULL && lb_dicom_frames_on_demand_read_into (file, frame_from, frame_to,
                                                               (*out)->data, error))
        {
          if (!lb_dicom_frame_unpack_in_place (*out, &info))
            frame_min_max (*out);
          return true;
        }
      lb_dicom_frame_free (*out);
      *out = NULL;
      return false;
    }
  if (!lb_dicom_frames_on_demand_load (file, frame_from, frame_to, error))
    return false;
  const uint8_t *src = bytes + (info.bits_allocated == 1 ? 0 : start_bit / 8);
  uint64_t bit_offset = info.bits_allocated == 1 ? start_bit : 0;
  bool big_endian = lb_dicom_element_is_big_endian (el);
  uint8_t *swapped = NULL;
  /* OW in big endian swaps each 16-bit word, so 8- and 1-bit samples move too (as pydicom and
   * DCMTK read them). OB is a byte stream and stays as it is. */
  if (big_endian && info.bits_allocated <= 8 && lb_dicom_element_get_vr (el) == LB_DICOM_VR_OW)
    {
      size_t first = info.bits_allocated == 1 ? 0 : (size_t) (start_bit / 8);
      size_t nbytes = (size_t) ((end_bit + 7) / 8) - first;
      swapped = malloc (nbytes + 2);
      if (swapped == NULL)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                                   "out of memory");
      for (size_t i = 0; i < nbytes; i++)
        {
          size_t j = (first + i) ^ 1;
          swapped[i] = j < len ? bytes[j] : 0;
        }
      src = swapped;
    }
  *out = finish_frame (file, &info, index, src, (size_t) (frame_bits / 8), bit_offset, big_endian,
                       info.planar_configuration == 1, subsampled, LB_DICOM_YBR_LIKE_DCMIMAGE,
                       error);
  free (swapped);
  lb_dicom_frames_on_demand_drop (file, frame_from, frame_to);
  return *out != NULL;
}
