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
  uint8_t *scratch = malloc (row_bytes);
  if (buf == NULL || prev == NULL || scratch == NULL)
    {
      free (buf);
      free (prev);
      free (scratch);
      return NULL;
    }
  for (uint32_t y = 0; y < l->height; y++)
    filter_row_up (l, rows (ctx, y, scratch), prev, buf + (size_t) y * line);
  free (prev);
  free (scratch);
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
  const LbPngIdatLayout *layout;
  LbPngRowFunc rows;
  void *ctx;
  uint32_t y0, y1;
  bool last;
  uint8_t *out;
  size_t out_len;
  uLong adler;
  bool ok;
} Block;

/* Feeds `len` bytes (or none, to flush) to the stream, growing the block's output. */
static bool
deflate_into (Block *b, z_stream *z, const uint8_t *in, size_t len, int flush, size_t *cap)
{
  z->next_in = (Bytef *) in;
  z->avail_in = (uInt) len;
  for (;;)
    {
      if (*cap - b->out_len < 64 * 1024)
        {
          size_t grown = *cap * 2;
          uint8_t *p = realloc (b->out, grown);
          if (p == NULL)
            return false;
          b->out = p;
          *cap = grown;
        }
      z->next_out = b->out + b->out_len;
      z->avail_out = (uInt) (*cap - b->out_len);
      int r = deflate (z, flush);
      b->out_len = *cap - z->avail_out;
      if (r == Z_STREAM_END)
        return true;
      if (r != Z_OK && r != Z_BUF_ERROR)
        return false;
      /* Done when the input is taken and deflate left output space unused (all flushed). */
      if (z->avail_in == 0 && z->avail_out > 0 && flush != Z_FINISH)
        return true;
    }
}

static void *
compress_block (void *data)
{
  Block *b = data;
  const LbPngIdatLayout *l = b->layout;
  size_t row_bytes = (size_t) l->width * l->channels;
  z_stream z = { 0 };
  b->ok = false;
  b->adler = adler32 (0, NULL, 0);
  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK)
    return NULL;
  /* A first guess at a third of the raw size (the CR compresses to a fifth); grown as needed. */
  size_t cap = ((size_t) (b->y1 - b->y0) * (row_bytes + 1)) / 3 + 128 * 1024;
  uint8_t *prev = calloc (row_bytes, 1), *scratch = malloc (row_bytes);
  uint8_t *line = malloc (row_bytes + 1);
  b->out = malloc (cap);
  bool ok = prev != NULL && scratch != NULL && line != NULL && b->out != NULL;
  /* The UP filter of the first row needs the row above, which belongs to the block before. */
  if (ok && b->y0 > 0)
    filter_row_up (l, b->rows (b->ctx, b->y0 - 1, scratch), prev, line);
  for (uint32_t y = b->y0; ok && y < b->y1; y++)
    {
      filter_row_up (l, b->rows (b->ctx, y, scratch), prev, line);
      b->adler = adler32 (b->adler, line, (uInt) (row_bytes + 1));
      ok = deflate_into (b, &z, line, row_bytes + 1, Z_NO_FLUSH, &cap);
    }
  b->ok = ok && deflate_into (b, &z, NULL, 0, b->last ? Z_FINISH : Z_SYNC_FLUSH, &cap);
  deflateEnd (&z);
  free (prev);
  free (scratch);
  free (line);
  return NULL;
}

static bool
compress_zlib_blocks (const LbPngIdatLayout *l, LbPngRowFunc rows, void *ctx, uint8_t **out,
                      size_t *out_len)
{
  unsigned n = l->threads != 0 ? l->threads : cores_available ();
  if (n > MAX_THREADS)
    n = MAX_THREADS;
  size_t line = (size_t) l->width * l->channels + 1;
  if (line * l->height < MIN_BYTES_TO_SPLIT || n > l->height)
    n = 1;
  Block blocks[MAX_THREADS] = { 0 };
  pthread_t tid[MAX_THREADS];
  bool started[MAX_THREADS] = { false };
  for (unsigned k = 0; k < n; k++)
    blocks[k] = (Block) { .layout = l, .rows = rows, .ctx = ctx,
                          .y0 = (uint32_t) ((uint64_t) l->height * k / n),
                          .y1 = (uint32_t) ((uint64_t) l->height * (k + 1) / n),
                          .last = k == n - 1 };
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
          z_off_t len = (z_off_t) (blocks[k].y1 - blocks[k].y0) * (z_off_t) line;
          adler = k == 0 ? blocks[k].adler : adler32_combine (adler, blocks[k].adler, len);
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
  if (layout->bit_depth != 16)
    return compress_zlib_blocks (layout, rows, ctx, out, out_len);
  /* libdeflate takes the whole input at once. */
  size_t len = 0;
  uint8_t *filtered = filter_all (layout, rows, ctx, &len);
  if (filtered == NULL)
    return false;
  bool ok = compress_libdeflate (filtered, len, out, out_len);
  free (filtered);
  return ok;
}
