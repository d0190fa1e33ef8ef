/* lb-png-idat.c: UP-filtered rows, compressed into one zlib stream (see lb-png-idat.h for the
 * choice of compressor per bit depth and bench/README.md for the measurements behind it). */
#define _GNU_SOURCE
#include "lb-png-idat.h"

#include <libdeflate.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Below this much filtered data a second thread costs more than it saves (a 512² CT slice is
 * 256 KiB and compresses in under a millisecond). */
#define MIN_BYTES_TO_SPLIT (1u << 20)
#define MAX_THREADS 4

static unsigned
cores_available (void)
{
  cpu_set_t set;
  if (sched_getaffinity (0, sizeof set, &set) != 0)
    return 1;
  int n = CPU_COUNT (&set);
  return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned) n;
}

/* Writes the filter byte and the UP-filtered row (PNG byte order: 16-bit samples big-endian).
 * `prev` holds the previous row in PNG byte order (zeros above the first row) and receives
 * this one. */
static void
filter_row_up (const LbPngIdatLayout *l, const void *row, uint8_t *prev, uint8_t *dst)
{
  size_t n = (size_t) l->width * l->channels;
  dst[0] = 2;   /* PNG filter type UP */
  dst++;
  if (l->bit_depth == 8)
    {
      const uint8_t *src = row;
      for (size_t i = 0; i < n; i++)
        {
          dst[i] = (uint8_t) (src[i] - prev[i]);
          prev[i] = src[i];
        }
      return;
    }
  const uint16_t *src = row;
  for (size_t i = 0; i < n; i++)
    {
      uint8_t hi = (uint8_t) (src[i] >> 8), lo = (uint8_t) src[i];
      dst[2 * i] = (uint8_t) (hi - prev[2 * i]);
      dst[2 * i + 1] = (uint8_t) (lo - prev[2 * i + 1]);
      prev[2 * i] = hi;
      prev[2 * i + 1] = lo;
    }
}

/* All rows, filtered, in one buffer (what the compressors take). */
static uint8_t *
filter_all (const LbPngIdatLayout *l, LbPngRowFunc rows, void *ctx, size_t *len)
{
  size_t row_bytes = (size_t) l->width * l->channels * (l->bit_depth / 8);
  size_t line = row_bytes + 1;
  uint8_t *buf = malloc (line * l->height);
  uint8_t *prev = calloc (row_bytes, 1);
  if (buf == NULL || prev == NULL)
    {
      free (buf);
      free (prev);
      return NULL;
    }
  for (uint32_t y = 0; y < l->height; y++)
    filter_row_up (l, rows (ctx, y), prev, buf + (size_t) y * line);
  free (prev);
  *len = line * l->height;
  return buf;
}

static bool
compress_libdeflate (const uint8_t *in, size_t len, uint8_t **out, size_t *out_len)
{
  struct libdeflate_compressor *c = libdeflate_alloc_compressor (1);
  if (c == NULL)
    return false;
  size_t cap = libdeflate_zlib_compress_bound (c, len);
  uint8_t *buf = malloc (cap);
  size_t n = buf != NULL ? libdeflate_zlib_compress (c, in, len, buf, cap) : 0;
  libdeflate_free_compressor (c);
  if (n == 0)
    {
      free (buf);
      return false;
    }
  *out = buf;
  *out_len = n;
  return true;
}

/* One block of rows for one thread: a raw deflate stream that ends byte-aligned with a sync
 * flush, or, for the last block, with the final block. */
typedef struct {
  const uint8_t *in;
  size_t in_len;
  bool last;
  uint8_t *out;
  size_t out_len;
  uLong adler;
  bool ok;
} Block;

static void *
compress_block (void *data)
{
  Block *b = data;
  z_stream z = { 0 };
  b->ok = false;
  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK)
    return NULL;
  /* deflateBound covers the final block; the sync flush adds an empty stored block (5 bytes). */
  size_t cap = deflateBound (&z, b->in_len) + 16;
  b->out = malloc (cap);
  if (b->out != NULL)
    {
      z.next_in = (Bytef *) b->in;
      z.avail_in = b->in_len;
      z.next_out = b->out;
      z.avail_out = cap;
      int r = deflate (&z, b->last ? Z_FINISH : Z_SYNC_FLUSH);
      b->ok = b->last ? r == Z_STREAM_END : r == Z_OK && z.avail_in == 0 && z.avail_out > 0;
      b->out_len = z.total_out;
    }
  deflateEnd (&z);
  b->adler = adler32 (1, b->in, b->in_len);
  return NULL;
}

static bool
compress_zlib_blocks (const LbPngIdatLayout *l, const uint8_t *in, size_t len, uint8_t **out,
                      size_t *out_len)
{
  unsigned n = l->threads != 0 ? l->threads : cores_available ();
  if (n > MAX_THREADS)
    n = MAX_THREADS;
  if (len < MIN_BYTES_TO_SPLIT || n > l->height)
    n = 1;
  size_t line = len / l->height;
  Block blocks[MAX_THREADS] = { 0 };
  pthread_t tid[MAX_THREADS];
  bool started[MAX_THREADS] = { false };
  for (unsigned k = 0; k < n; k++)
    {
      /* Whole rows per block, so each starts at a filter byte (not needed by deflate, but the
       * blocks then match the rows a reader sees). */
      size_t y0 = (size_t) l->height * k / n, y1 = (size_t) l->height * (k + 1) / n;
      blocks[k] = (Block) { .in = in + y0 * line, .in_len = (y1 - y0) * line, .last = k == n - 1 };
    }
  for (unsigned k = 1; k < n; k++)
    started[k] = pthread_create (&tid[k], NULL, compress_block, &blocks[k]) == 0;
  compress_block (&blocks[0]);
  for (unsigned k = 1; k < n; k++)
    if (started[k])
      pthread_join (tid[k], NULL);
    else
      compress_block (&blocks[k]);   /* no thread to be had: do it here */

  bool ok = true;
  size_t total = 2 + 4;
  for (unsigned k = 0; k < n; k++)
    {
      ok = ok && blocks[k].ok;
      total += blocks[k].out_len;
    }
  uint8_t *buf = ok ? malloc (total) : NULL;
  if (buf != NULL)
    {
      /* zlib header: deflate with a 32 KiB window, "fastest" level, no dictionary (as zlib
       * writes it at level 1). */
      size_t at = 0;
      buf[at++] = 0x78;
      buf[at++] = 0x01;
      uLong adler = 1;
      for (unsigned k = 0; k < n; k++)
        {
          memcpy (buf + at, blocks[k].out, blocks[k].out_len);
          at += blocks[k].out_len;
          adler = k == 0 ? blocks[k].adler
                         : adler32_combine (adler, blocks[k].adler, (z_off_t) blocks[k].in_len);
        }
      buf[at++] = (uint8_t) (adler >> 24);
      buf[at++] = (uint8_t) (adler >> 16);
      buf[at++] = (uint8_t) (adler >> 8);
      buf[at++] = (uint8_t) adler;
      *out = buf;
      *out_len = at;
    }
  for (unsigned k = 0; k < n; k++)
    free (blocks[k].out);
  return buf != NULL;
}

bool
lb_png_idat_build (const LbPngIdatLayout *layout, LbPngRowFunc rows, void *ctx, uint8_t **out,
                   size_t *out_len)
{
  size_t len = 0;
  uint8_t *filtered = filter_all (layout, rows, ctx, &len);
  if (filtered == NULL)
    return false;
  bool ok = layout->bit_depth == 16 ? compress_libdeflate (filtered, len, out, out_len)
                                    : compress_zlib_blocks (layout, filtered, len, out, out_len);
  free (filtered);
  return ok;
}
