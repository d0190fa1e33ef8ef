/* codec-jpeg-common.c: marker parsing, Huffman tables and the bit reader shared by the in-house
 * JPEG decoders (codec-jpeg-lossless.c, codec-jpeg-ext12.c). Written from ITU-T T.81:
 * markers B.1-B.2, Huffman code construction Annex C and F.2.2.3, byte stuffing B.1.1.5. */
#include "codec-jpeg-common.h"
#include "dicom-error.h"

#include <string.h>

/* Marker codes (T.81 Table B.1). */
enum {
  M_SOF0 = 0xC0, M_SOF15 = 0xCF, M_DHT = 0xC4, M_JPG = 0xC8, M_DAC = 0xCC,
  M_RST0 = 0xD0, M_RST7 = 0xD7, M_SOI = 0xD8, M_EOI = 0xD9, M_SOS = 0xDA,
  M_DQT = 0xDB, M_DNL = 0xDC, M_DRI = 0xDD, M_TEM = 0x01,
};

bool
lb_jpeg_fail (LbDicomError **error, size_t at, const char *what)
{
  return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_NO_TAG, -1,
                             "JPEG: %s at byte %zu", what, at);
}

bool
lb_jpeg_huffman_build (LbJpegHuffman *h, const uint8_t counts[16], const uint8_t *values,
                       int nvalues)
{
  int total = 0;
  for (int l = 0; l < 16; l++)
    total += counts[l];
  if (total > 256 || total > nvalues)
    return false;

  memset (h, 0, sizeof *h);
  memcpy (h->values, values, (size_t) total);

  /* Canonical codes (C.2): codes of one length are consecutive; each new length doubles. */
  int32_t code = 0;
  int k = 0;
  for (int l = 1; l <= 16; l++)
    {
      int n = counts[l - 1];
      h->valoffset[l] = k - code;
      if (n == 0)
        h->maxcode[l] = -1;
      else
        {
          /* A length that runs out of codes is not a prefix code; the all-ones code of 16 bits
           * is reserved too (C.2), hence the strict test at l = 16 is left to the decoder. */
          if (code + n > (1 << l))
            return false;
          if (l <= LB_JPEG_LOOKAHEAD)
            for (int i = 0; i < n; i++)
              {
                int shift = LB_JPEG_LOOKAHEAD - l;
                uint32_t first = (uint32_t) (code + i) << shift;
                uint16_t e = (uint16_t) (l << 8 | values[k + i]);
                for (uint32_t j = 0; j < (1u << shift); j++)
                  h->lookup[first + j] = e;
              }
          h->maxcode[l] = code + n - 1;
        }
      k += n;
      code = (code + n) << 1;
    }
  h->maxcode[17] = INT32_MAX;
  h->present = true;
  return true;
}

bool
lb_jpeg_begin (LbJpegDecoder *d, const uint8_t *src, size_t len, LbDicomError **error)
{
  memset (d, 0, sizeof *d);
  d->src = src;
  d->len = len;
  d->sof = -1;
  if (len < 2 || src[0] != 0xFF || src[1] != M_SOI)
    return lb_jpeg_fail (error, 0, "no SOI marker");
  d->pos = 2;
  return true;
}

static inline unsigned
be16 (const uint8_t *p)
{
  return (unsigned) p[0] << 8 | p[1];
}

static bool
parse_sof (LbJpegDecoder *d, int n, const uint8_t *p, size_t len, size_t at,
           LbDicomError **error)
{
  if (d->sof >= 0)
    return lb_jpeg_fail (error, at, "second frame header (hierarchical JPEG is not supported)");
  if (len < 6)
    return lb_jpeg_fail (error, at, "short frame header");
  d->sof = n;
  d->precision = p[0];
  d->height = be16 (p + 1);
  d->width = be16 (p + 3);
  d->ncomp = p[5];
  if (d->ncomp < 1 || d->ncomp > 4)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_NO_TAG, -1,
                               "JPEG: %d components at byte %zu", d->ncomp, at);
  if (len < 6 + 3 * (size_t) d->ncomp)
    return lb_jpeg_fail (error, at, "short frame header");
  if (d->width == 0)
    return lb_jpeg_fail (error, at, "zero width in frame header");
  d->hmax = d->vmax = 1;
  for (int i = 0; i < d->ncomp; i++)
    {
      LbJpegComponent *c = &d->comp[i];
      c->id = p[6 + 3 * i];
      c->h = p[7 + 3 * i] >> 4;
      c->v = p[7 + 3 * i] & 15;
      c->tq = p[8 + 3 * i];
      if (c->h < 1 || c->h > 4 || c->v < 1 || c->v > 4 || c->tq > 3)
        return lb_jpeg_fail (error, at, "bad component in frame header");
      for (int j = 0; j < i; j++)
        if (d->comp[j].id == c->id)
          return lb_jpeg_fail (error, at, "duplicate component id in frame header");
      if (c->h > d->hmax)
        d->hmax = c->h;
      if (c->v > d->vmax)
        d->vmax = c->v;
    }
  return true;
}

static bool
parse_dht (LbJpegDecoder *d, const uint8_t *p, size_t len, size_t at, LbDicomError **error)
{
  while (len > 0)
    {
      if (len < 17)
        return lb_jpeg_fail (error, at, "short Huffman table");
      int tc = p[0] >> 4, th = p[0] & 15;
      if (tc > 1 || th > 3)
        return lb_jpeg_fail (error, at, "bad Huffman table class or id");
      int total = 0;
      for (int i = 0; i < 16; i++)
        total += p[1 + i];
      if ((size_t) total > len - 17)
        return lb_jpeg_fail (error, at, "short Huffman table");
      LbJpegHuffman *h = tc == 0 ? &d->dc[th] : &d->ac[th];
      if (!lb_jpeg_huffman_build (h, p + 1, p + 17, total))
        return lb_jpeg_fail (error, at, "invalid Huffman table");
      p += 17 + total;
      len -= 17 + (size_t) total;
    }
  return true;
}

static bool
parse_dqt (LbJpegDecoder *d, const uint8_t *p, size_t len, size_t at, LbDicomError **error)
{
  while (len > 0)
    {
      int pq = p[0] >> 4, tq = p[0] & 15;
      size_t need = 1 + (pq ? 128 : 64);
      if (pq > 1 || tq > 3)
        return lb_jpeg_fail (error, at, "bad quantisation table precision or id");
      if (len < need)
        return lb_jpeg_fail (error, at, "short quantisation table");
      for (int i = 0; i < 64; i++)
        d->qt[tq][i] = pq ? (uint16_t) be16 (p + 1 + 2 * i) : p[1 + i];
      d->qt_present[tq] = true;
      p += need;
      len -= need;
    }
  return true;
}

static bool
parse_sos (LbJpegDecoder *d, const uint8_t *p, size_t len, size_t at, LbDicomError **error)
{
  if (d->sof < 0)
    return lb_jpeg_fail (error, at, "scan before frame header");
  if (len < 1)
    return lb_jpeg_fail (error, at, "short scan header");
  int ns = p[0];
  if (ns < 1 || ns > 4 || len < 4 + 2 * (size_t) ns)
    return lb_jpeg_fail (error, at, "bad scan header");
  d->scan_ncomp = ns;
  for (int i = 0; i < ns; i++)
    {
      int id = p[1 + 2 * i], k;
      for (k = 0; k < d->ncomp; k++)
        if (d->comp[k].id == id)
          break;
      if (k == d->ncomp)
        return lb_jpeg_fail (error, at, "scan names an unknown component");
      for (int j = 0; j < i; j++)
        if (d->scan_comp[j] == k)
          return lb_jpeg_fail (error, at, "scan names a component twice");
      d->scan_comp[i] = k;
      d->comp[k].td = p[2 + 2 * i] >> 4;
      d->comp[k].ta = p[2 + 2 * i] & 15;
      if (d->comp[k].td > 3 || d->comp[k].ta > 3)
        return lb_jpeg_fail (error, at, "bad Huffman table selector in scan header");
    }
  d->ss = p[1 + 2 * ns];
  d->se = p[2 + 2 * ns];
  d->ah = p[3 + 2 * ns] >> 4;
  d->al = p[3 + 2 * ns] & 15;
  return true;
}

bool
lb_jpeg_next_scan (LbJpegDecoder *d, uint32_t sof_mask, bool *eoi, LbDicomError **error)
{
  *eoi = false;
  for (;;)
    {
      /* Markers may be preceded by any number of 0xFF fill bytes (B.1.1.2); some encoders also
       * leave stray bytes between segments, which are skipped up to the next 0xFF. */
      while (d->pos < d->len && d->src[d->pos] != 0xFF)
        d->pos++;
      while (d->pos < d->len && d->src[d->pos] == 0xFF)
        d->pos++;
      if (d->pos >= d->len)
        {
          if (d->sof >= 0 && d->scan_ncomp > 0)
            {
              /* A missing EOI after the last scan is common and harmless. */
              *eoi = true;
              return true;
            }
          return lb_jpeg_fail (error, d->len, "data ends before the first scan");
        }
      int m = d->src[d->pos++];
      size_t at = d->pos - 2;
      if (m == M_EOI)
        {
          *eoi = true;
          return true;
        }
      if (m == M_SOI || m == M_TEM || (m >= M_RST0 && m <= M_RST7) || m == 0)
        continue;                      /* no payload; stray restart markers are harmless */
      if (d->len - d->pos < 2)
        return lb_jpeg_fail (error, at, "truncated marker segment");
      size_t seg = be16 (d->src + d->pos);
      if (seg < 2 || seg > d->len - d->pos)
        return lb_jpeg_fail (error, at, "truncated marker segment");
      const uint8_t *p = d->src + d->pos + 2;
      size_t plen = seg - 2;
      d->pos += seg;

      if (m >= M_SOF0 && m <= M_SOF15 && m != M_DHT && m != M_JPG && m != M_DAC)
        {
          int n = m - M_SOF0;
          if (!(sof_mask & (1u << n)))
            return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_NO_TAG, -1,
                                       "JPEG: process SOF%d is not supported by this decoder "
                                       "(at byte %zu)", n, at);
          if (!parse_sof (d, n, p, plen, at, error))
            return false;
        }
      else if (m == M_DHT)
        {
          if (!parse_dht (d, p, plen, at, error))
            return false;
        }
      else if (m == M_DAC)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_NO_TAG, -1,
                                   "JPEG: arithmetic coding is not supported (at byte %zu)", at);
      else if (m == M_DQT)
        {
          if (!parse_dqt (d, p, plen, at, error))
            return false;
        }
      else if (m == M_DRI)
        {
          if (plen < 2)
            return lb_jpeg_fail (error, at, "short restart interval segment");
          d->restart_interval = be16 (p);
        }
      else if (m == M_DNL)
        {
          if (plen < 2)
            return lb_jpeg_fail (error, at, "short DNL segment");
          /* Only meaningful when the frame header left the height at 0; the decoder took the
           * height from the dataset then, so DNL is just checked. */
          if (d->height == 0)
            d->height = be16 (p);
          d->seen_dnl = true;
        }
      else if (m == M_SOS)
        {
          if (!parse_sos (d, p, plen, at, error))
            return false;
          return true;
        }
      /* APPn, COM, JPGn and anything else: skipped. */
    }
}

bool
lb_jpeg_check_frame (const LbJpegDecoder *d, const LbDicomFrameInfo *info, LbDicomError **error)
{
  if (d->width != info->columns || (d->height != 0 && d->height != info->rows)
      || d->ncomp != info->samples_per_pixel)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_NO_TAG, -1,
                               "JPEG: frame header says %ux%u with %d components but the dataset "
                               "says %ux%u with %u samples per pixel at byte %zu", d->width,
                               d->height, d->ncomp, info->columns, info->rows,
                               info->samples_per_pixel, d->pos);
  if (info->bits_allocated != 8 && info->bits_allocated != 16)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_NO_TAG, -1,
                               "JPEG: BitsAllocated %u is not supported", info->bits_allocated);
  if (d->precision > info->bits_allocated)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_CODEC, LB_DICOM_NO_TAG, -1,
                               "JPEG: precision %d does not fit BitsAllocated %u at byte %zu",
                               d->precision, info->bits_allocated, d->pos);
  return true;
}

/* ---- bit reader ---- */

void
lb_jpeg_bits_init (LbJpegBits *b, const uint8_t *src, size_t len, size_t pos)
{
  b->src = src;
  b->len = len;
  b->pos = pos;
  b->bits = 0;
  b->nbits = 0;
  b->pad = 0;
}

void
lb_jpeg_bits_refill_slow (LbJpegBits *b)
{
  while (b->nbits <= 56)
    {
      unsigned byte = 0;
      if (b->pad == 0 && b->pos < b->len)
        {
          /* 0xFF 0x00 is a stuffed data byte; 0xFF then anything else starts a marker (or
           * fill bytes before one), which ends the segment: leave it for the parser. */
          byte = b->src[b->pos];
          if (byte != 0xFF)
            {
              b->pos++;
              goto have_byte;
            }
          if (b->len - b->pos >= 2 && b->src[b->pos + 1] == 0x00)
            {
              b->pos += 2;
              goto have_byte;
            }
        }
      /* Past the end: zero bits, counted. The cap keeps the count from overflowing in a
       * decoder that goes on reading; anything above 64 already means overrun. */
      byte = 0;
      if (b->pad < 4096)
        b->pad += 8;
    have_byte:
      b->bits |= (uint64_t) byte << (56 - b->nbits);
      b->nbits += 8;
    }
}

/* The position of the next marker at or after pos (skipping stuffed bytes), or len. */
static size_t
find_marker (const uint8_t *src, size_t len, size_t pos)
{
  while (pos < len)
    {
      if (src[pos] == 0xFF && len - pos >= 2 && src[pos + 1] != 0x00 && src[pos + 1] != 0xFF)
        return pos;
      pos++;
    }
  return len;
}

bool
lb_jpeg_bits_restart (LbJpegBits *b, unsigned expected, LbDicomError **error)
{
  if (lb_jpeg_bits_overrun (b))
    return lb_jpeg_fail (error, b->pos, "entropy-coded data ends inside a restart interval");
  size_t m = find_marker (b->src, b->len, b->pos);
  if (m >= b->len)
    return lb_jpeg_fail (error, b->pos, "data ends where a restart marker was expected");
  if (b->src[m + 1] != 0xD0 + (expected & 7))
    return lb_jpeg_fail (error, m, "wrong or missing restart marker");
  lb_jpeg_bits_init (b, b->src, b->len, m + 2);
  return true;
}

size_t
lb_jpeg_bits_finish (LbJpegBits *b)
{
  return find_marker (b->src, b->len, b->pos);
}
