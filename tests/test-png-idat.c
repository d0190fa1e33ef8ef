/* test-png-idat.c: the IDAT data of large PNGs (issue 15 §1): libpng's reader must see exactly
 * the pixels given, 8-bit images are compressed in one block of rows per core (joined by sync
 * flushes, one zlib stream), and 16-bit images come out smaller than libpng's own level-1
 * Z_RLE encoding with the same UP filter (what lb-png.c wrote before). */
#define _GNU_SOURCE
#include <glib.h>
#include <math.h>
#include <png.h>
#include <sched.h>
#include <string.h>
#include <zlib.h>

#include "lb-png.h"

/* A CR-like image: a smooth 12-bit field with a little noise, the kind the export sees. */
static void *
make_image (uint32_t w, uint32_t h, unsigned channels, unsigned bit_depth)
{
  size_t n = (size_t) w * h * channels;
  GRand *rand = g_rand_new_with_seed (15);
  void *pixels = g_malloc (n * (bit_depth / 8));
  for (size_t i = 0; i < n; i++)
    {
      size_t x = (i / channels) % w, y = (i / channels) / w;
      double v = 2048 + 1500 * sin (x / 97.0) * cos (y / 131.0) + g_rand_int_range (rand, -6, 7);
      if (bit_depth == 16)
        ((uint16_t *) pixels)[i] = (uint16_t) v;
      else
        ((uint8_t *) pixels)[i] = (uint8_t) ((int) v >> 4);
    }
  g_rand_free (rand);
  return pixels;
}

static LbPngImage
image_of (void *pixels, uint32_t w, uint32_t h, unsigned channels, unsigned bit_depth)
{
  return (LbPngImage) { .width = w, .height = h, .channels = (uint8_t) channels,
                        .bit_depth = (uint8_t) bit_depth, .pixels = pixels,
                        .stride = (size_t) w * channels * (bit_depth / 8) };
}

static uint32_t
be32 (const uint8_t *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

/* The concatenated data of the IDAT chunks of an in-memory PNG. */
static GByteArray *
idat_of (const uint8_t *png, size_t len)
{
  GByteArray *z = g_byte_array_new ();
  for (size_t at = 8; at + 12 <= len;)
    {
      uint32_t n = be32 (png + at);
      if (memcmp (png + at + 4, "IDAT", 4) == 0)
        g_byte_array_append (z, png + at + 8, n);
      at += 12 + (size_t) n;
    }
  return z;
}

/* Decodes with libpng's simplified reader and compares with the pixels given. */
static void
assert_decodes_to (const uint8_t *png, size_t len, const LbPngImage *img)
{
  png_image r = { .version = PNG_IMAGE_VERSION };
  g_assert_true (png_image_begin_read_from_memory (&r, png, len));
  g_assert_cmpuint (r.width, ==, img->width);
  g_assert_cmpuint (r.height, ==, img->height);
  r.format = (img->channels == 3 ? PNG_FORMAT_FLAG_COLOR : 0)
             | (img->bit_depth == 16 ? PNG_FORMAT_FLAG_LINEAR : 0);
  size_t size = PNG_IMAGE_SIZE (r);
  g_assert_cmpuint (size, ==, img->stride * img->height);
  uint8_t *out = g_malloc (size);
  /* 16-bit "linear" reading returns the samples unchanged for a file without gAMA/sRGB. */
  g_assert_true (png_image_finish_read (&r, NULL, out, 0, NULL));
  g_assert_true (memcmp (out, img->pixels, size) == 0);
  g_free (out);
}

static void
test_pixels_round_trip (void)
{
  static const struct { uint32_t w, h; unsigned channels, bits; } cases[] = {
    { 1536, 1024, 1, 8 },   /* large enough to be split over the cores */
    { 700, 600, 3, 8 },
    { 1024, 1024, 1, 16 },
    { 1, 1, 1, 8 },
    { 3, 2, 1, 16 },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      void *pixels = make_image (cases[i].w, cases[i].h, cases[i].channels, cases[i].bits);
      LbPngImage img = image_of (pixels, cases[i].w, cases[i].h, cases[i].channels,
                                 cases[i].bits);
      uint8_t *png = NULL;
      size_t len = 0;
      g_assert_true (lb_png_encode (&img, &png, &len, NULL));
      assert_decodes_to (png, len, &img);
      free (png);
      g_free (pixels);
    }
}

static unsigned
cores (void)
{
  cpu_set_t set;
  return sched_getaffinity (0, sizeof set, &set) == 0 ? (unsigned) CPU_COUNT (&set) : 1;
}

/* Inflates a zlib stream one deflate block at a time (Z_BLOCK) and counts the byte-aligned
 * empty stored blocks a sync flush leaves between the per-core parts. */
static unsigned
count_sync_flushes (const GByteArray *z, size_t expect_out)
{
  z_stream s = { 0 };
  g_assert_cmpint (inflateInit (&s), ==, Z_OK);
  uint8_t *out = g_malloc (expect_out);
  s.next_in = z->data;
  s.avail_in = z->len;
  s.next_out = out;
  s.avail_out = expect_out;
  unsigned flushes = 0;
  size_t out_before = 0;
  int r = Z_OK;
  while (r == Z_OK)
    {
      r = inflate (&s, Z_BLOCK);
      /* At a block boundary with no bits pending (data_type & 7 == 0) after a block that
       * produced nothing: the empty stored block of Z_SYNC_FLUSH. */
      if (r == Z_OK && (s.data_type & 128) && (s.data_type & 7) == 0
          && s.total_out == out_before && s.total_out > 0)
        flushes++;
      out_before = s.total_out;
    }
  g_assert_cmpint (r, ==, Z_STREAM_END);
  g_assert_cmpuint (s.total_out, ==, expect_out);
  inflateEnd (&s);
  g_free (out);
  return flushes;
}

static void
test_8bit_split_over_cores (void)
{
  if (cores () < 2)
    {
      g_test_skip ("one core: nothing to split over");
      return;
    }
  uint32_t w = 2048, h = 1024;
  void *pixels = make_image (w, h, 1, 8);
  LbPngImage img = image_of (pixels, w, h, 1, 8);
  uint8_t *png = NULL;
  size_t len = 0;
  g_assert_true (lb_png_encode (&img, &png, &len, NULL));
  GByteArray *z = idat_of (png, len);
  /* One boundary per extra core (at most 4 parts); the stream still inflates to every row. */
  unsigned parts = cores () < 4 ? cores () : 4;
  g_assert_cmpuint (count_sync_flushes (z, (size_t) (w + 1) * h), ==, parts - 1);
  g_byte_array_unref (z);
  free (png);
  g_free (pixels);
}

/* What lb-png.c wrote before: libpng at level 1, Z_RLE, UP filter, no interlace. */
static size_t
libpng_rle_size (const LbPngImage *img)
{
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  g_assert_cmpint (setjmp (png_jmpbuf (png)), ==, 0);
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream (&buf, &len);
  png_init_io (png, fp);
  png_set_IHDR (png, info, img->width, img->height, img->bit_depth, PNG_COLOR_TYPE_GRAY,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level (png, 1);
  png_set_compression_strategy (png, Z_RLE);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_write_info (png, info);
  png_set_swap (png);
  for (uint32_t y = 0; y < img->height; y++)
    png_write_row (png, (png_const_bytep) img->pixels + (size_t) y * img->stride);
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  fclose (fp);
  free (buf);
  return len;
}

static void
test_16bit_smaller_than_libpng_rle (void)
{
  uint32_t w = 1024, h = 1024;
  void *pixels = make_image (w, h, 1, 16);
  LbPngImage img = image_of (pixels, w, h, 1, 16);
  uint8_t *png = NULL;
  size_t len = 0;
  g_assert_true (lb_png_encode (&img, &png, &len, NULL));
  size_t before = libpng_rle_size (&img);
  g_test_message ("16-bit %ux%u: %zu bytes, libpng level 1 + Z_RLE: %zu", w, h, len, before);
  g_assert_cmpuint (len, <, before);
  free (png);
  g_free (pixels);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png-idat/pixels-round-trip", test_pixels_round_trip);
  g_test_add_func ("/png-idat/8bit-split-over-cores", test_8bit_split_over_cores);
  g_test_add_func ("/png-idat/16bit-smaller-than-libpng-rle", test_16bit_smaller_than_libpng_rle);
  return g_test_run ();
}
