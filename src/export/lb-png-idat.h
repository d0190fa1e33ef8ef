/* lb-png-idat.h: the compressed data of a PNG's IDAT chunks, built without libpng's row writer
 * (issue 15 §1, bench/README.md): every row gets the UP filter, then the whole image is one zlib
 * stream made by
 *   - libdeflate level 1 for 16-bit images (2.2 times faster than zlib level 1 + Z_RLE and
 *     about 1 % smaller on the 4096² CR);
 *   - zlib level 1 + Z_RLE for 8-bit images (libdeflate is 14 % larger there at the same speed),
 *     split into one block of rows per core as pigz does: each block is a raw deflate stream
 *     ended by a sync flush (the last by a final block), and the Adler-32 checksums combine.
 *     Rows are rendered, filtered and compressed one at a time in each block's thread, so no
 *     whole filtered image is held (peak memory: the frame plus the compressed data).
 * The decoded pixels are those of libpng's writer with the same filter; only the deflate bits
 * differ. Plain C and pthreads, no GLib. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Produces row y of the image (channels x bit_depth / 8 bytes per pixel; 16-bit samples are
 * native-endian uint16_t), either in `scratch` (one row's bytes, owned by the calling thread) or
 * in memory of its own that stays valid. Called from several threads at once for different
 * rows, each thread in row order. */
typedef const void *(*LbPngRowFunc) (void *ctx, uint32_t y, void *scratch);

typedef struct {
  uint32_t width;
  uint32_t height;
  unsigned channels;    /* 1 or 3 */
  unsigned bit_depth;   /* 8 or 16 */
  /* Worker threads for the 8-bit path: 0 = one per core the process may run on (at most 4). */
  unsigned threads;
} LbPngIdatLayout;

/* Builds the zlib stream of the IDAT data into *out (malloc'd, *out_len bytes). False only when
 * memory runs out or the compressor fails. */
bool lb_png_idat_build (const LbPngIdatLayout *layout, LbPngRowFunc rows, void *ctx,
                        uint8_t **out, size_t *out_len);
