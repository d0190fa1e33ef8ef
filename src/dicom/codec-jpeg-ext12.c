/* codec-jpeg-ext12.c: JPEG DCT-based sequential with Huffman coding (T.81 processes 1, 2 and 4:
 * SOF0 and SOF1), 8- and 12-bit precision, 1 to 4 components with any sampling factors, for
 * transfer syntaxes .4.50/.4.51 where libjpeg-turbo cannot help (12 bits).
 *
 * Components are decoded into padded planes of whole MCUs, then upsampled to full resolution
 * and interleaved into dst. Colour stays as coded (YCbCr is converted by the pixel module).
 * The inverse DCT is the separable float transform of A.3.3 with the even/odd split; it is within
 * one level of libjpeg's integer islow (which DCMTK uses). Upsampling follows what IJG libjpeg
 * (and so DCMTK) does by default: the triangle filter for 2:1 horizontal and 2:1 both ways, sample
 * replication otherwise, so the output matches what the reference tools show. */
#include "codec-jpeg-common.h"
#include "dicom-error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint16_t *plane;           /* pw x ph samples, padded to whole MCUs */
  uint32_t  pw, ph;
  uint32_t  cw, ch;          /* the component's real size: ceil (X * h / hmax) ... */
  int32_t   dc_pred;
  bool      coded;
} Comp;

typedef struct {
  LbJpegDecoder  jd;
  Comp           comp[4];
  uint8_t        zigzag[64];   /* natural (row-major) index of the k-th coefficient */
  float          cosine[8][8]; /* cosine[x][u] = C(u)/2 cos ((2x + 1) u pi / 16) */
  uint32_t       mcux, mcuy;
} Ext;

static void
init_tables (Ext *e)
{
  /* Zigzag order (A.3.6): walk the anti-diagonals, alternating direction. */
  int k = 0;
  for (int s = 0; s < 15; s++)
    for (int i = 0; i <= s; i++)
      {
        int row = (s & 1) ? i : s - i;
        int col = s - row;
        if (row < 8 && col < 8)
          e->zigzag[k++] = (uint8_t) (row * 8 + col);
      }
  for (int x = 0; x < 8; x++)
    for (int u = 0; u < 8; u++)
      e->cosine[x][u] = (float) ((u == 0 ? M_SQRT1_2 : 1.0) / 2.0
                                 * cos ((2 * x + 1) * u * M_PI / 16.0));
}

/* One 8-point inverse DCT; in and out may be strided. x and 7 - x share the cosines up to the
 * sign of the odd terms. */
static inline void
idct8 (const float *in, int is, float *out, int os, const float (*c)[8])
{
  float i0 = in[0], i1 = in[is], i2 = in[2 * is], i3 = in[3 * is];
  float i4 = in[4 * is], i5 = in[5 * is], i6 = in[6 * is], i7 = in[7 * is];
  for (int x = 0; x < 4; x++)
    {
      float ev = c[x][0] * i0 + c[x][2] * i2 + c[x][4] * i4 + c[x][6] * i6;
      float od = c[x][1] * i1 + c[x][3] * i3 + c[x][5] * i5 + c[x][7] * i7;
      out[x * os] = ev + od;
      out[(7 - x) * os] = ev - od;
    }
}

/* Inverse DCT of a dequantised block (natural order) into 8x8 samples at out (stride). */
static void
idct_block (const Ext *e, float *coef, uint16_t *out, size_t stride, float offset, float maxval)
{
  float tmp[64];
  for (int v = 0; v < 8; v++)
    {
      const float *r = coef + 8 * v;
      if (r[1] == 0 && r[2] == 0 && r[3] == 0 && r[4] == 0 && r[5] == 0 && r[6] == 0 && r[7] == 0)
        {
          float dc = r[0] * e->cosine[0][0];
          for (int x = 0; x < 8; x++)
            tmp[8 * v + x] = dc;
        }
      else
        idct8 (r, 1, tmp + 8 * v, 1, e->cosine);
    }
  for (int x = 0; x < 8; x++)
    {
      float col[8];
      idct8 (tmp + x, 8, col, 1, e->cosine);
      for (int y = 0; y < 8; y++)
        {
          /* Level shift (A.3.1), round, clamp; truncation is floor once v >= 0. */
          float v = col[y] + offset;
          if (v < 0)
            v = 0;
          else if (v > maxval)
            v = maxval;
          out[y * stride + x] = (uint16_t) v;
        }
    }
}

/* Decodes one block's coefficients (F.2.2) and writes its samples. */
static bool
decode_block (Ext *e, LbJpegBits *b, int ci, const LbJpegHuffman *dc, const LbJpegHuffman *ac,
              const uint16_t *q, uint16_t *out, size_t stride, float offset, float maxval)
{
  Comp *c = &e->comp[ci];
  float coef[64];

  lb_jpeg_bits_fill (b);
  int s = lb_jpeg_huff_decode (b, dc);
  if (s < 0 || s > 15)
    return false;
  /* Unsigned, so corrupt data cannot overflow a signed int; the value is garbage then anyway. */
  uint32_t diff = (uint32_t) lb_jpeg_extend (lb_jpeg_bits_get (b, s), s);
  c->dc_pred = (int32_t) ((uint32_t) c->dc_pred + diff);

  int k = 1;
  bool ac_seen = false;
  memset (coef, 0, sizeof coef);
  coef[0] = (float) c->dc_pred * q[0];
  while (k < 64)
    {
      lb_jpeg_bits_fill (b);
      int rs = lb_jpeg_huff_decode (b, ac);
      if (rs < 0)
        return false;
      int r = rs >> 4;
      s = rs & 15;
      if (s == 0)
        {
          if (r != 15)
            break;        /* EOB */
          k += 16;        /* ZRL */
          continue;
        }
      k += r;
      if (k > 63)
        return false;
      coef[e->zigzag[k]] = (float) lb_jpeg_extend (lb_jpeg_bits_get (b, s), s) * q[k];
      ac_seen = true;
      k++;
    }

  if (!ac_seen)
    {
      /* Flat block: the transform of the DC term alone is DC / 8. */
      float v = coef[0] / 8 + offset;
      uint16_t p = (uint16_t) (v < 0 ? 0 : v > maxval ? maxval : v);
      for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
          out[y * stride + x] = p;
      return true;
    }
  idct_block (e, coef, out, stride, offset, maxval);
  return true;
}

static bool
decode_scan (Ext *e, LbDicomError **error)
{
  LbJpegDecoder *d = &e->jd;
  const int ns = d->scan_ncomp;
  const float offset = (float) (1 << (d->precision - 1)) + 0.5f;
  const float maxval = (float) ((1 << d->precision) - 1);
  const LbJpegHuffman *dc[4], *ac[4];
  const uint16_t *q[4];

  for (int i = 0; i < ns; i++)
    {
      int k = d->scan_comp[i];
      const LbJpegComponent *jc = &d->comp[k];
      if (e->comp[k].coded)
        return lb_jpeg_fail (error, d->pos, "component coded in two scans (progressive?)");
      if (!d->dc[jc->td].present || !d->ac[jc->ta].present)
        return lb_jpeg_fail (error, d->pos, "scan uses an undefined Huffman table");
      if (!d->qt_present[jc->tq])
        return lb_jpeg_fail (error, d->pos, "component uses an undefined quantisation table");
      dc[i] = &d->dc[jc->td];
      ac[i] = &d->ac[jc->ta];
      q[i] = d->qt[jc->tq];
      e->comp[k].dc_pred = 0;
    }

  /* A single-component scan is not interleaved: its MCU is one block and it covers only the
   * component's own blocks (A.2.2); otherwise MCUs of h x v blocks per component (A.2.3). */
  uint32_t units_x, units_y;
  if (ns == 1)
    {
      const Comp *c = &e->comp[d->scan_comp[0]];
      units_x = (c->cw + 7) / 8;
      units_y = (c->ch + 7) / 8;
    }
  else
    {
      units_x = e->mcux;
      units_y = e->mcuy;
    }

  const uint32_t ri = d->restart_interval;
  uint32_t left = ri;
  unsigned next_rst = 0;
  LbJpegBits b;
  lb_jpeg_bits_init (&b, d->src, d->len, d->pos);

  for (uint32_t my = 0; my < units_y; my++)
    {
      for (uint32_t mx = 0; mx < units_x; mx++)
        {
          if (ri != 0 && left == 0)
            {
              if (!lb_jpeg_bits_restart (&b, next_rst++, error))
                return false;
              left = ri;
              for (int i = 0; i < ns; i++)
                e->comp[d->scan_comp[i]].dc_pred = 0;
            }
          for (int i = 0; i < ns; i++)
            {
              int k = d->scan_comp[i];
              Comp *c = &e->comp[k];
              int h = ns == 1 ? 1 : d->comp[k].h, v = ns == 1 ? 1 : d->comp[k].v;
              for (int by = 0; by < v; by++)
                for (int bx = 0; bx < h; bx++)
                  {
                    size_t x0 = ((size_t) mx * h + bx) * 8, y0 = ((size_t) my * v + by) * 8;
                    uint16_t *out = c->plane + y0 * c->pw + x0;
                    if (!decode_block (e, &b, k, dc[i], ac[i], q[i], out, c->pw, offset, maxval))
                      return lb_jpeg_fail (error, b.pos, "invalid Huffman code");
                  }
            }
          left--;
        }
      if (lb_jpeg_bits_overrun (&b))
        return lb_jpeg_fail (error, b.pos, "entropy-coded data is truncated");
    }
  for (int i = 0; i < ns; i++)
    e->comp[d->scan_comp[i]].coded = true;
  d->pos = lb_jpeg_bits_finish (&b);
  return true;
}

static inline void
put_sample (uint8_t *dst, size_t index, int bytes, unsigned v)
{
  if (bytes == 1)
    dst[index] = (uint8_t) v;
  else
    {
      dst[2 * index] = (uint8_t) v;
      dst[2 * index + 1] = (uint8_t) (v >> 8);
    }
}

/* Writes component ci, upsampled, into dst. fancy_h: 2:1 horizontal triangle filter; fancy_v
 * additionally 2:1 vertical. */
static void
output_component (const Ext *e, int ci, uint8_t *dst, int bytes, uint32_t width, uint32_t height)
{
  const LbJpegDecoder *d = &e->jd;
  const Comp *c = &e->comp[ci];
  const int spp = d->ncomp;
  const int rh = d->hmax / d->comp[ci].h, rv = d->vmax / d->comp[ci].v;
  const bool exact = d->hmax % d->comp[ci].h == 0 && d->vmax % d->comp[ci].v == 0;
  const bool fancy = exact && rh == 2 && (rv == 1 || rv == 2) && c->cw > 2;

  if (fancy)
    {
      const uint32_t n = c->cw;
      int32_t *colsum = malloc ((size_t) n * sizeof (int32_t));
      if (colsum != NULL)
        {
          for (uint32_t y = 0; y < height; y++)
            {
              const uint16_t *row = c->plane + (size_t) (y / rv) * c->pw;
              int wsum;                      /* weight of colsum: 4 for h2v1, 16 for h2v2 */
              if (rv == 1)
                {
                  for (uint32_t i = 0; i < n; i++)
                    colsum[i] = row[i];
                  wsum = 4;
                }
              else
                {
                  /* The nearer neighbouring input row, replicated at the image edges. */
                  uint32_t cy = y / 2, ny;
                  if (y & 1)
                    ny = cy + 1 < c->ch ? cy + 1 : cy;
                  else
                    ny = cy > 0 ? cy - 1 : cy;
                  const uint16_t *other = c->plane + (size_t) ny * c->pw;
                  for (uint32_t i = 0; i < n; i++)
                    colsum[i] = 3 * row[i] + other[i];
                  wsum = 16;
                }
              /* Outputs 2i and 2i+1 weigh input i by 3 and its left or right neighbour by 1;
               * the rounding biases alternate, as in libjpeg, to avoid a drift. */
              const int32_t bias0 = wsum == 4 ? 1 : 8, bias1 = wsum == 4 ? 2 : 7;
              const int shift = wsum == 4 ? 2 : 4;
              size_t base = (size_t) y * width;
              for (uint32_t x = 0; x < width; x++)
                {
                  uint32_t i = x / 2;
                  int32_t v;
                  if (i >= n)
                    i = n - 1;
                  if (x == 0)
                    v = (colsum[0] * 4 + bias0) >> shift;
                  else if ((x & 1) == 0)
                    v = (3 * colsum[i] + colsum[i - 1] + bias0) >> shift;
                  else if (i + 1 < n)
                    v = (3 * colsum[i] + colsum[i + 1] + bias1) >> shift;
                  else
                    v = (colsum[i] * 4 + bias1) >> shift;
                  put_sample (dst, (base + x) * spp + ci, bytes, (unsigned) v);
                }
            }
          free (colsum);
          return;
        }
    }

  for (uint32_t y = 0; y < height; y++)
    {
      /* Sample replication; the general ratio (possibly not an integer) by proportion. */
      size_t sy = exact ? y / rv : (size_t) y * d->comp[ci].v / d->vmax;
      const uint16_t *row = c->plane + sy * c->pw;
      size_t base = (size_t) y * width;
      if (rh == 1 && exact)
        for (uint32_t x = 0; x < width; x++)
          put_sample (dst, (base + x) * spp + ci, bytes, row[x]);
      else
        for (uint32_t x = 0; x < width; x++)
          {
            size_t sx = exact ? x / rh : (size_t) x * d->comp[ci].h / d->hmax;
            put_sample (dst, (base + x) * spp + ci, bytes, row[sx]);
          }
    }
}

bool
lb_dicom_codec_jpeg_ext12_decode (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                                  uint8_t *dst, size_t dst_len, LbDicomError **error)
{
  Ext *e = calloc (1, sizeof *e);
  LbJpegDecoder *d;
  bool ok = false, eoi = false;
  const uint32_t sofs = 1u << 0 | 1u << 1;

  if (e == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "JPEG: out of memory");
  d = &e->jd;
  if (!lb_jpeg_begin (d, src, src_len, error) || !lb_jpeg_next_scan (d, sofs, &eoi, error))
    goto out;
  if (eoi)
    {
      lb_jpeg_fail (error, d->pos, "no scan");
      goto out;
    }
  if (!lb_jpeg_check_frame (d, info, error))
    goto out;
  if (d->precision != 8 && d->precision != 12)
    {
      lb_jpeg_fail (error, d->pos, "DCT precision must be 8 or 12");
      goto out;
    }
  const int bytes = info->bits_allocated / 8;
  const uint32_t width = d->width, height = info->rows;
  if ((size_t) width * height * (size_t) d->ncomp * (size_t) bytes != dst_len)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                          "JPEG: output buffer is %zu bytes, the frame needs %zu", dst_len,
                          (size_t) width * height * (size_t) d->ncomp * (size_t) bytes);
      goto out;
    }

  init_tables (e);
  e->mcux = (width + 8 * d->hmax - 1) / (8 * d->hmax);
  e->mcuy = (height + 8 * d->vmax - 1) / (8 * d->vmax);
  for (int i = 0; i < d->ncomp; i++)
    {
      Comp *c = &e->comp[i];
      c->pw = e->mcux * d->comp[i].h * 8;
      c->ph = e->mcuy * d->comp[i].v * 8;
      c->cw = (uint32_t) (((uint64_t) width * d->comp[i].h + d->hmax - 1) / d->hmax);
      c->ch = (uint32_t) (((uint64_t) height * d->comp[i].v + d->vmax - 1) / d->vmax);
      c->plane = calloc ((size_t) c->pw * c->ph, sizeof (uint16_t));
      if (c->plane == NULL)
        {
          lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                              "JPEG: out of memory");
          goto out;
        }
    }

  /* Ss, Se, Ah and Al are not checked: sequential scans use the whole block, and some DICOM
   * encoders wrote Se = 0 (libjpeg decodes those as if Se were 63, and so do we). */
  for (;;)
    {
      if (!decode_scan (e, error))
        goto out;
      if (!lb_jpeg_next_scan (d, sofs, &eoi, error))
        goto out;
      if (eoi)
        break;
    }
  for (int i = 0; i < d->ncomp; i++)
    if (!e->comp[i].coded)
      {
        lb_jpeg_fail (error, d->pos, "a component has no scan");
        goto out;
      }
  for (int i = 0; i < d->ncomp; i++)
    output_component (e, i, dst, bytes, width, height);
  ok = true;

out:
  for (int i = 0; i < 4; i++)
    free (e->comp[i].plane);
  free (e);
  return ok;
}
