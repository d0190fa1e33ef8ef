/* codec-jpeg-common.h: what the in-house JPEG decoders share (ITU-T T.81): the marker parser,
 * Huffman tables with a lookahead table, and the entropy-coded-segment bit reader.
 * Internal to src/dicom; libc only. */
#pragma once

#include "dicom-codec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Codes of up to this many bits are decoded with one table lookup; longer ones (rare in
 * practice, they carry the least frequent symbols) walk the canonical code lengths. */
#define LB_JPEG_LOOKAHEAD 9

typedef struct {
  bool     present;
  /* lookup[peek]: bits 0-7 the symbol, bits 8-15 the code length; 0 when the code is
   * longer than LB_JPEG_LOOKAHEAD bits (or peek starts no code at all). */
  uint16_t lookup[1 << LB_JPEG_LOOKAHEAD];
  /* For the slow path, per code length l (1..16): the largest code of that length
   * (-1 if none) and the index into values of its first code minus that code. */
  int32_t  maxcode[18];
  int32_t  valoffset[17];
  uint8_t  values[256];
} LbJpegHuffman;

typedef struct {
  uint8_t  id;
  uint8_t  h, v;          /* sampling factors, 1..4 */
  uint8_t  tq;            /* quantisation table selector */
  uint8_t  td, ta;        /* DC / AC (lossless: the only) Huffman table of the current scan */
} LbJpegComponent;

/* The bit reader. Bits are kept left-aligned in a 64-bit word. When the data runs into a
 * marker or the end of src, zero bits are fed instead and counted in `pad`; consuming any of
 * them means the segment was truncated (lb_jpeg_bits_overrun). */
typedef struct {
  const uint8_t *src;
  size_t         len;
  size_t         pos;
  uint64_t       bits;
  int            nbits;
  int            pad;     /* zero bits fed past the end of the segment, capped */
} LbJpegBits;

typedef struct {
  const uint8_t  *src;
  size_t          len;
  size_t          pos;               /* the parser's position in src */

  /* Frame header. */
  int             sof;               /* n of SOFn; -1 before the frame header */
  int             precision;
  uint32_t        height, width;
  int             ncomp;
  LbJpegComponent comp[4];
  int             hmax, vmax;

  /* Tables. Quantisation values are kept in zigzag order, as transmitted. */
  uint16_t        qt[4][64];
  bool            qt_present[4];
  LbJpegHuffman   dc[4], ac[4];      /* lossless uses dc[] only */
  uint32_t        restart_interval;
  bool            seen_dnl;

  /* Current scan. */
  int             scan_ncomp;
  int             scan_comp[4];      /* indexes into comp[] */
  int             ss, se, ah, al;
} LbJpegDecoder;

/* Starts parsing src: checks SOI. */
bool lb_jpeg_begin (LbJpegDecoder *d, const uint8_t *src, size_t len, LbDicomError **error);

/* Reads marker segments up to and including the next SOS, storing tables and the frame
 * header; returns with d->pos at the first byte of entropy-coded data. *eoi is set (and true
 * returned) when EOI comes first. sof_mask names the SOFn the caller decodes (bit n); any
 * other SOF is LB_DICOM_ERROR_UNSUPPORTED. */
bool lb_jpeg_next_scan (LbJpegDecoder *d, uint32_t sof_mask, bool *eoi, LbDicomError **error);

/* Checks the frame header against the dataset's Image Pixel module. */
bool lb_jpeg_check_frame (const LbJpegDecoder *d, const LbDicomFrameInfo *info,
                          LbDicomError **error);

/* Builds a table from BITS (16 counts) and HUFFVAL; false when the counts are impossible. */
bool lb_jpeg_huffman_build (LbJpegHuffman *h, const uint8_t counts[16], const uint8_t *values,
                            int nvalues);

/* Sets an LB_DICOM_ERROR_CODEC error "<what> at byte N". Returns false. */
bool lb_jpeg_fail (LbDicomError **error, size_t at, const char *what);

/* Bit reader. */
void lb_jpeg_bits_init (LbJpegBits *b, const uint8_t *src, size_t len, size_t pos);
void lb_jpeg_bits_refill_slow (LbJpegBits *b);
/* After a restart interval: drops the fill bits, expects RSTn (n = expected & 7) and resets
 * the reader after it. */
bool lb_jpeg_bits_restart (LbJpegBits *b, unsigned expected, LbDicomError **error);
/* At the end of a scan: drops fill bits and returns the position of the next marker, so the
 * parser can go on from there. */
size_t lb_jpeg_bits_finish (LbJpegBits *b);

static inline bool
lb_jpeg_bits_overrun (const LbJpegBits *b)
{
  return b->nbits < b->pad;
}

/* Makes at least 32 bits available (zero bits past the end). */
static inline void
lb_jpeg_bits_fill (LbJpegBits *b)
{
  if (b->nbits >= 32)
    return;
  /* Fast path: as many whole bytes as fit, from 8 that hold no 0xFF (so no stuffing and no
   * marker). The byte-wise test for 0xFF is the classic "has a zero byte" trick on ~w. */
  if (b->len - b->pos >= 8 && b->pad == 0)
    {
      const uint8_t *p = b->src + b->pos;
      uint64_t w = (uint64_t) p[0] << 56 | (uint64_t) p[1] << 48 | (uint64_t) p[2] << 40
                   | (uint64_t) p[3] << 32 | (uint64_t) p[4] << 24 | (uint64_t) p[5] << 16
                   | (uint64_t) p[6] << 8 | p[7];
      uint64_t inv = ~w;
      if (((inv - 0x0101010101010101u) & ~inv & 0x8080808080808080u) == 0)
        {
          int k = (64 - b->nbits) >> 3;          /* whole bytes that fit: 4 to 8 */
          if (k < 8)
            w &= ~(uint64_t) 0 << (64 - 8 * k);
          b->bits |= w >> b->nbits;
          b->nbits += 8 * k;
          b->pos += (size_t) k;
          return;
        }
    }
  lb_jpeg_bits_refill_slow (b);
}

static inline uint32_t
lb_jpeg_bits_peek (const LbJpegBits *b, int n)
{
  return (uint32_t) (b->bits >> (64 - n));
}

static inline void
lb_jpeg_bits_skip (LbJpegBits *b, int n)
{
  b->bits <<= n;
  b->nbits -= n;
}

/* Takes n (0..16) bits; needs n bits available. */
static inline uint32_t
lb_jpeg_bits_get (LbJpegBits *b, int n)
{
  if (n == 0)
    return 0;
  uint32_t v = (uint32_t) (b->bits >> (64 - n));
  b->bits <<= n;
  b->nbits -= n;
  return v;
}

/* Decodes one Huffman symbol; needs 16 bits available. -1 for a code not in the table. */
static inline int
lb_jpeg_huff_decode (LbJpegBits *b, const LbJpegHuffman *h)
{
  uint16_t e = h->lookup[lb_jpeg_bits_peek (b, LB_JPEG_LOOKAHEAD)];
  if (e != 0)
    {
      lb_jpeg_bits_skip (b, e >> 8);
      return e & 0xFF;
    }
  uint32_t code = lb_jpeg_bits_peek (b, 16);
  for (int l = LB_JPEG_LOOKAHEAD + 1; l <= 16; l++)
    {
      int32_t c = (int32_t) (code >> (16 - l));
      if (c <= h->maxcode[l])
        {
          lb_jpeg_bits_skip (b, l);
          return h->values[(h->valoffset[l] + c) & 0xFF];
        }
    }
  return -1;
}

/* The signed value of an n-bit magnitude category (T.81 F.2.2.1, EXTEND). */
static inline int32_t
lb_jpeg_extend (uint32_t v, int n)
{
  return n == 0 ? 0 : (v < (1u << (n - 1)) ? (int32_t) v - (int32_t) ((1u << n) - 1) : (int32_t) v);
}
