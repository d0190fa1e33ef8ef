/* codec-jpeg-lossless.c: JPEG lossless, process 14 (T.81 Annex H, SOF3 with Huffman coding),
 * for transfer syntaxes 1.2.840.10008.1.2.4.57 and .70 (selection value 1).
 *
 * Each row is decoded in two passes: the entropy decoder turns Huffman codes into differences
 * (one tight loop, no prediction), then a loop specialised per predictor adds them to the
 * prediction (one sample depends on the previous one, so that loop cannot be vectorised
 * anyway, but it stays free of bit-reader state). Rows are kept as unshifted 16-bit values in two
 * row buffers per component and written to dst, shifted left by the point transform, as they
 * complete; interleaved and non-interleaved scans share that path. */
#include "codec-jpeg-common.h"
#include "dicom-error.h"

#include <stdlib.h>
#include <string.h>

/* Lossless differences are a Huffman code followed by SSSS extra bits. Where both fit in
 * FAST_BITS, one lookup gives the difference and the total length: (diff << 8) | length, 0 when
 * the slow path must decode. */
#define FAST_BITS 12

typedef struct {
  const LbJpegHuffman *h;
  int32_t              fast[1 << FAST_BITS];
} DiffTable;

typedef struct {
  uint16_t *prev, *cur;   /* width samples each */
  int32_t  *diff;
  bool      done;         /* decoded by an earlier scan */
} Plane;

static void
build_fast (DiffTable *t, const LbJpegHuffman *h)
{
  t->h = h;
  for (uint32_t peek = 0; peek < (1u << FAST_BITS); peek++)
    {
      uint16_t e = h->lookup[peek >> (FAST_BITS - LB_JPEG_LOOKAHEAD)];
      int len = e >> 8, s = e & 0xFF;
      int32_t v = 0;
      if (len == 0 || s > 16)
        ;
      else if (s == 16)
        v = 32768 << 8 | len;
      else if (len + s <= FAST_BITS)
        {
          uint32_t extra = (peek >> (FAST_BITS - len - s)) & ((1u << s) - 1);
          v = (int32_t) ((uint32_t) lb_jpeg_extend (extra, s) << 8) | (len + s);
        }
      t->fast[peek] = v;
    }
}

/* Decodes one difference; needs 32 bits available. false for an invalid code. */
static inline bool
decode_diff (LbJpegBits *b, const DiffTable *t, int32_t *out)
{
  int32_t e = t->fast[lb_jpeg_bits_peek (b, FAST_BITS)];
  if (e != 0)
    {
      lb_jpeg_bits_skip (b, e & 0xFF);
      *out = e >> 8;
      return true;
    }
  int s = lb_jpeg_huff_decode (b, t->h);
  if ((unsigned) s > 16)
    return false;
  /* SSSS 16 means 32768 and carries no extra bits (H.1.2.2, Table H.2). */
  *out = s == 16 ? 32768 : lb_jpeg_extend (lb_jpeg_bits_get (b, s), s);
  return true;
}

/* Decodes n differences for a single-component scan. */
static bool
decode_diffs_1 (LbJpegBits *b, const DiffTable *t, int32_t *diff, uint32_t n)
{
  for (uint32_t i = 0; i < n; i++)
    {
      lb_jpeg_bits_fill (b);
      if (!decode_diff (b, t, &diff[i]))
        return false;
    }
  return true;
}

/* Predictor 1 (selection value 1, the common DICOM case) in a single-component scan, and any
 * first line: decoding and reconstruction fused, ra being the prediction of cur[0]. */
static bool
decode_ra (LbJpegBits *b, const DiffTable *t, uint16_t *cur, uint32_t n, uint32_t ra)
{
  for (uint32_t i = 0; i < n; i++)
    {
      int32_t diff;
      lb_jpeg_bits_fill (b);
      if (!decode_diff (b, t, &diff))
        return false;
      cur[i] = (uint16_t) (ra += (uint32_t) diff);
      ra = cur[i];
    }
  return true;
}

/* Decodes n MCUs (one sample of each scan component) of an interleaved scan. */
static bool
decode_diffs_n (LbJpegBits *b, const DiffTable *t, int ns, int32_t **diff, uint32_t x0,
                uint32_t n)
{
  for (uint32_t i = x0; i < x0 + n; i++)
    for (int c = 0; c < ns; c++)
      {
        lb_jpeg_bits_fill (b);
        if (!decode_diff (b, &t[c], &diff[c][i]))
          return false;
      }
  return true;
}

/* Reconstructs cur[x0, x1) from the differences (H.1.2.1). `restart` says the segment starts a
 * scan or restart interval (first sample predicted by `init`); `first_line` says it lies on the
 * first line of one (every sample predicted by Ra). Arithmetic is modulo 2^16 (H.2.1). */
static void
reconstruct (uint16_t *cur, const uint16_t *prev, const int32_t *diff, uint32_t x0, uint32_t x1,
             int predictor, bool restart, bool first_line, int32_t init)
{
  uint32_t x = x0;
  if (x >= x1)
    return;
  if (restart)
    {
      cur[x] = (uint16_t) (init + diff[x]);
      x++;
    }
  else if (x == 0)
    {
      cur[0] = (uint16_t) (prev[0] + diff[0]);
      x++;
    }
  if (x >= x1)
    return;
  if (first_line)
    predictor = 1;

  int32_t ra = cur[x - 1];
  switch (predictor)
    {
    case 1:
      for (; x < x1; x++)
        cur[x] = (uint16_t) (ra = (uint16_t) (ra + diff[x]));
      break;
    case 2:
      for (; x < x1; x++)
        cur[x] = (uint16_t) (prev[x] + diff[x]);
      break;
    case 3:
      for (; x < x1; x++)
        cur[x] = (uint16_t) (prev[x - 1] + diff[x]);
      break;
    case 4:
      for (; x < x1; x++)
        cur[x] = (uint16_t) (ra = (uint16_t) (ra + prev[x] - prev[x - 1] + diff[x]));
      break;
    case 5:
      for (; x < x1; x++)
        cur[x] = (uint16_t) (ra = (uint16_t) (ra + ((prev[x] - prev[x - 1]) >> 1) + diff[x]));
      break;
    case 6:
      for (; x < x1; x++)
        cur[x] = (uint16_t) (ra = (uint16_t) (prev[x] + ((ra - prev[x - 1]) >> 1) + diff[x]));
      break;
    default: /* 7 */
      for (; x < x1; x++)
        cur[x] = (uint16_t) (ra = (uint16_t) (((ra + prev[x]) >> 1) + diff[x]));
      break;
    }
}

/* Writes one reconstructed row of component c into dst (interleaved, point transform undone). */
static void
write_row (uint8_t *dst, const uint16_t *cur, uint32_t width, int c, int spp, int bytes, int pt)
{
  if (bytes == 1)
    {
      uint8_t *o = dst + c;
      for (uint32_t x = 0; x < width; x++, o += spp)
        *o = (uint8_t) (cur[x] << pt);
    }
  else if (spp == 1 && pt == 0)
    {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      memcpy (dst, cur, width * sizeof (uint16_t));
      return;
#endif
      for (uint32_t x = 0; x < width; x++)
        {
          dst[2 * x] = (uint8_t) cur[x];
          dst[2 * x + 1] = (uint8_t) (cur[x] >> 8);
        }
    }
  else
    {
      uint8_t *o = dst + 2 * c;
      for (uint32_t x = 0; x < width; x++, o += 2 * spp)
        {
          uint16_t v = (uint16_t) (cur[x] << pt);
          o[0] = (uint8_t) v;
          o[1] = (uint8_t) (v >> 8);
        }
    }
}

/* Decodes the scan whose header the parser just read. */
static bool
decode_scan (LbJpegDecoder *d, Plane *planes, DiffTable *tabs, uint32_t height, uint8_t *dst,
             int bytes, LbDicomError **error)
{
  const int ns = d->scan_ncomp;
  const int predictor = d->ss, pt = d->al;
  const uint32_t width = d->width;
  int32_t *diffs[4];

  if (predictor < 1 || predictor > 7)
    return lb_jpeg_fail (error, d->pos, "lossless predictor must be 1 to 7");
  if (pt >= d->precision)
    return lb_jpeg_fail (error, d->pos, "point transform not below the precision");
  for (int c = 0; c < ns; c++)
    {
      int k = d->scan_comp[c];
      if (planes[k].done)
        return lb_jpeg_fail (error, d->pos, "component coded in two scans");
      if (!d->dc[d->comp[k].td].present)
        return lb_jpeg_fail (error, d->pos, "scan uses an undefined Huffman table");
      build_fast (&tabs[c], &d->dc[d->comp[k].td]);
      diffs[c] = planes[k].diff;
      /* The row above the first is never read, but keep it defined. */
      memset (planes[k].prev, 0, width * sizeof (uint16_t));
    }

  const int32_t init = 1 << (d->precision - pt - 1);
  const uint32_t ri = d->restart_interval;
  const size_t row_stride = (size_t) width * (size_t) d->ncomp * (size_t) bytes;
  uint32_t left = ri;        /* MCUs left in this restart interval */
  unsigned next_rst = 0;
  LbJpegBits b;
  lb_jpeg_bits_init (&b, d->src, d->len, d->pos);

  bool restart = true;       /* the next sample starts the scan or a restart interval */
  for (uint32_t y = 0; y < height; y++)
    {
      /* A row is split where restart intervals end; after a restart the rest of the row is
       * a first line. */
      uint32_t x = 0;
      bool first_line = restart;
      while (x < width)
        {
          uint32_t n = width - x;
          if (ri != 0 && n > left)
            n = left;
          bool ok;
          if (ns == 1 && (predictor == 1 || first_line))
            {
              /* Each segment starts a row or a restart interval. */
              Plane *p = &planes[d->scan_comp[0]];
              ok = decode_ra (&b, &tabs[0], p->cur + x, n,
                              restart ? (uint32_t) init : p->prev[0]);
            }
          else
            {
              ok = ns == 1 ? decode_diffs_1 (&b, &tabs[0], diffs[0] + x, n)
                           : decode_diffs_n (&b, tabs, ns, diffs, x, n);
              for (int c = 0; ok && c < ns; c++)
                {
                  Plane *p = &planes[d->scan_comp[c]];
                  reconstruct (p->cur, p->prev, p->diff, x, x + n, predictor, restart,
                               first_line, init);
                }
            }
          if (!ok)
            return lb_jpeg_fail (error, b.pos, "invalid Huffman code");
          x += n;
          if (ri != 0 && (left -= n) == 0 && (y + 1 < height || x < width))
            {
              if (!lb_jpeg_bits_restart (&b, next_rst++, error))
                return false;
              left = ri;
              restart = first_line = true;
            }
          else
            restart = false;
        }
      if (lb_jpeg_bits_overrun (&b))
        return lb_jpeg_fail (error, b.pos, "entropy-coded data is truncated");
      for (int c = 0; c < ns; c++)
        {
          Plane *p = &planes[d->scan_comp[c]];
          write_row (dst + y * row_stride, p->cur, width, d->scan_comp[c], d->ncomp, bytes, pt);
          uint16_t *t = p->prev;
          p->prev = p->cur;
          p->cur = t;
        }
    }
  for (int c = 0; c < ns; c++)
    planes[d->scan_comp[c]].done = true;
  d->pos = lb_jpeg_bits_finish (&b);
  return true;
}

bool
lb_dicom_codec_jpeg_lossless_decode (const uint8_t *src, size_t src_len,
                                     const LbDicomFrameInfo *info, uint8_t *dst, size_t dst_len,
                                     LbDicomError **error)
{
  LbJpegDecoder *d = malloc (sizeof *d);
  DiffTable *tabs = malloc (4 * sizeof *tabs);
  Plane planes[4] = { 0 };
  bool ok = false, eoi = false;

  if (d == NULL || tabs == NULL)
    {
      free (d);
      free (tabs);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "JPEG lossless: out of memory");
    }
  if (!lb_jpeg_begin (d, src, src_len, error)
      || !lb_jpeg_next_scan (d, 1u << 3, &eoi, error))
    goto out;
  if (eoi)
    {
      lb_jpeg_fail (error, d->pos, "no scan");
      goto out;
    }
  if (!lb_jpeg_check_frame (d, info, error))
    goto out;
  const int bytes = info->bits_allocated / 8;
  const uint32_t height = info->rows;
  if ((size_t) d->width * height * (size_t) d->ncomp * (size_t) bytes != dst_len)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                          "JPEG lossless: output buffer is %zu bytes, the frame needs %zu", dst_len,
                          (size_t) d->width * height * (size_t) d->ncomp * (size_t) bytes);
      goto out;
    }
  if (d->precision < 2 || d->precision > 16)
    {
      lb_jpeg_fail (error, d->pos, "lossless precision must be 2 to 16");
      goto out;
    }
  for (int c = 0; c < d->ncomp; c++)
    if (d->comp[c].h != 1 || d->comp[c].v != 1)
      {
        lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_NO_TAG, -1,
                            "JPEG lossless: subsampled components are not supported");
        goto out;
      }
  for (int c = 0; c < d->ncomp; c++)
    {
      planes[c].prev = malloc (d->width * sizeof (uint16_t));
      planes[c].cur = malloc (d->width * sizeof (uint16_t));
      planes[c].diff = malloc (d->width * sizeof (int32_t));
      if (!planes[c].prev || !planes[c].cur || !planes[c].diff)
        {
          lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                              "JPEG lossless: out of memory");
          goto out;
        }
    }

  for (;;)
    {
      if (!decode_scan (d, planes, tabs, height, dst, bytes, error))
        goto out;
      if (!lb_jpeg_next_scan (d, 1u << 3, &eoi, error))
        goto out;
      if (eoi)
        break;
    }
  for (int c = 0; c < d->ncomp; c++)
    if (!planes[c].done)
      {
        lb_jpeg_fail (error, d->pos, "a component has no scan");
        goto out;
      }
  ok = true;

out:
  for (int c = 0; c < 4; c++)
    {
      free (planes[c].prev);
      free (planes[c].cur);
      free (planes[c].diff);
    }
  free (tabs);
  free (d);
  return ok;
}
