/* test-limits.c: hostile inputs must fail cleanly, quickly and without allocating gigabytes.
 *
 * Each case runs in a child (g_test_trap_subprocess) whose address space is capped at 512 MiB
 * with setrlimit (RLIMIT_AS): a parser that trusts a declared size and allocates it dies or
 * reports NO_MEMORY there instead of passing. The trap's timeout is the hang guard. Under
 * AddressSanitizer the shadow memory alone exceeds any such cap, so there the cap is left off
 * and ASan's allocator limit (max_allocation_size_mb, see __asan_default_options below)
 * catches single huge allocations instead. */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <zlib.h>

#include "dicom-codec.h"
#include "lb-dicom.h"

#if defined(__SANITIZE_ADDRESS__)
#define LB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LB_ASAN 1
#endif
#endif

#ifdef LB_ASAN
const char *__asan_default_options (void);

/* Makes a single allocation above 512 MiB return NULL (or fail the child) under ASan, the
 * closest thing to the RLIMIT_AS cap of the plain build. */
const char *
__asan_default_options (void)
{
  return "max_allocation_size_mb=512:allocator_may_return_null=1";
}
#endif

#define MEMORY_CAP ((rlim_t) 512 << 20)
#define HANG_GUARD_USEC (5 * G_USEC_PER_SEC)

static void
cap_memory (void)
{
#ifndef LB_ASAN
  struct rlimit rl = { MEMORY_CAP, MEMORY_CAP };
  g_assert_cmpint (setrlimit (RLIMIT_AS, &rl), ==, 0);
#endif
}

/* Runs the current test's body in a capped child, failing on a crash, an assertion or a hang. */
static void
run_in_child (guint64 timeout_usec)
{
  g_test_trap_subprocess (NULL, timeout_usec, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- Byte fixtures (explicit VR little endian unless said otherwise) --------------------- */

static void
put16 (GByteArray *b, guint16 v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };
  g_byte_array_append (b, x, 2);
}

static void
put32 (GByteArray *b, guint32 v)
{
  put16 (b, v & 0xffff);
  put16 (b, v >> 16);
}

static void
tag (GByteArray *b, guint16 g, guint16 e)
{
  put16 (b, g);
  put16 (b, e);
}

/* An explicit VR header; long-form VRs get the reserved bytes and a 32-bit length. */
static void
ehdr (GByteArray *b, guint16 g, guint16 e, const char *vr, guint32 len)
{
  static const char *const long_vrs[] = { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV",
                                          "UC", "UN", "UR", "UT", "UV" };
  tag (b, g, e);
  g_byte_array_append (b, (const guint8 *) vr, 2);
  for (gsize i = 0; i < G_N_ELEMENTS (long_vrs); i++)
    if (strcmp (vr, long_vrs[i]) == 0)
      {
        put16 (b, 0);
        put32 (b, len);
        return;
      }
  put16 (b, (guint16) len);
}

static void
us (GByteArray *b, guint16 g, guint16 e, guint16 v)
{
  ehdr (b, g, e, "US", 2);
  put16 (b, v);
}

static void
str (GByteArray *b, guint16 g, guint16 e, const char *vr, const char *s)
{
  gsize n = strlen (s);
  ehdr (b, g, e, vr, (guint32) (n + (n & 1)));
  g_byte_array_append (b, (const guint8 *) s, (guint) n);
  if (n & 1)
    g_byte_array_append (b, (const guint8 *) (strcmp (vr, "UI") == 0 ? "\0" : " "), 1);
}

/* Preamble, DICM and a file meta group naming `ts`. */
static GByteArray *
new_file (const char *ts)
{
  GByteArray *b = g_byte_array_new ();
  guint8 zero[128] = { 0 };
  g_byte_array_append (b, zero, sizeof zero);
  g_byte_array_append (b, (const guint8 *) "DICM", 4);
  str (b, 0x0002, 0x0010, "UI", ts);
  return b;
}

static LbDicomErrorCode
parse (const GByteArray *b, const LbDicomLimits *limits, LbDicomReadFlags flags,
       LbDicomFile **out)
{
  LbDicomFile *file = lb_dicom_file_new (limits);
  LbDicomError *error = NULL;
  LbDicomErrorCode code = LB_DICOM_ERROR_NONE;
  if (!lb_dicom_file_read (file, b->data, b->len, flags, &error))
    {
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      code = error->code;
      g_test_message ("%s: %s", lb_dicom_error_code_name (code), error->message);
      lb_dicom_error_free (error);
    }
  if (out != NULL)
    *out = file;
  else
    lb_dicom_file_free (file);
  return code;
}

static void
assert_clean_failure (LbDicomErrorCode code)
{
  if (code != LB_DICOM_ERROR_LIMIT && code != LB_DICOM_ERROR_TRUNCATED
      && code != LB_DICOM_ERROR_MALFORMED)
    g_error ("expected a limit, truncated or malformed error, got %s",
             code == LB_DICOM_ERROR_NONE ? "success" : lb_dicom_error_code_name (code));
}

/* ---- Huge declared image ------------------------------------------------------------------ */

/* About 260 bytes declaring 65535 x 65535 x 3 samples x 32 bits (48 GiB a frame) and 1000
 * frames, with `pixel_len` bytes of Pixel Data declared (and 8 present). */
static GByteArray *
huge_image (guint32 pixel_len)
{
  GByteArray *b = new_file ("1.2.840.10008.1.2.1");
  us (b, 0x0028, 0x0002, 3);
  str (b, 0x0028, 0x0004, "CS", "RGB");
  str (b, 0x0028, 0x0008, "IS", "1000");
  us (b, 0x0028, 0x0010, 65535);
  us (b, 0x0028, 0x0011, 65535);
  us (b, 0x0028, 0x0100, 32);
  us (b, 0x0028, 0x0101, 32);
  us (b, 0x0028, 0x0102, 31);
  ehdr (b, 0x7fe0, 0x0010, "OB", pixel_len);
  g_byte_array_append (b, (const guint8 *) "\1\2\3\4\5\6\7\10", 8);
  return b;
}

static void
test_huge_image (void)
{
  if (!g_test_subprocess ())
    {
      run_in_child (HANG_GUARD_USEC);
      return;
    }
  cap_memory ();

  /* The pixel data is short but honestly declared: the read succeeds and the frame checks
   * must refuse the size before allocating anything. */
  g_autoptr (GByteArray) b = huge_image (8);
  g_assert_cmpuint (b->len, <, 300);
  LbDicomFile *file = NULL;
  g_assert_cmpint (parse (b, NULL, LB_DICOM_READ_DEFAULT, &file), ==, LB_DICOM_ERROR_NONE);
  LbDicomFrameInfo info;
  LbDicomError *error = NULL;
  g_assert_false (lb_dicom_file_get_frame_info (file, &info, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_LIMIT);
  lb_dicom_error_free (error);
  error = NULL;
  LbDicomFrame *frame = NULL;
  g_assert_false (lb_dicom_file_decode_frame (file, 999, &frame, &error));
  g_assert_null (frame);
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_LIMIT);
  lb_dicom_error_free (error);
  lb_dicom_file_free (file);

  /* Even with the frame limit lifted, 48 GiB a frame against 8 bytes of data must come out as
   * truncated (or a limit), never as an attempt to allocate the frame. */
  LbDicomLimits limits;
  lb_dicom_limits_init_default (&limits);
  limits.max_frame_bytes = UINT64_MAX;
  g_assert_cmpint (parse (b, &limits, LB_DICOM_READ_DEFAULT, &file), ==, LB_DICOM_ERROR_NONE);
  error = NULL;
  g_assert_false (lb_dicom_file_decode_frame (file, 0, &frame, &error));
  g_assert_null (frame);
  g_test_message ("unlimited frame: %s", error->message);
  g_assert_true (error->code == LB_DICOM_ERROR_TRUNCATED || error->code == LB_DICOM_ERROR_LIMIT
                 || error->code == LB_DICOM_ERROR_NO_PIXELS);
  lb_dicom_error_free (error);
  lb_dicom_file_free (file);

  /* Declared 4 GiB - 16 of pixel data with 8 present. */
  g_autoptr (GByteArray) c = huge_image (0xfffffff0u);
  assert_clean_failure (parse (c, NULL, LB_DICOM_READ_DEFAULT, NULL));
  /* Header-only mode stops before the pixel data and must not care about its length. */
  g_assert_cmpint (parse (c, NULL, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL), ==,
                   LB_DICOM_ERROR_NONE);
}

/* ---- 4 GiB value length ------------------------------------------------------------------- */

static void
test_value_length (void)
{
  if (!g_test_subprocess ())
    {
      run_in_child (HANG_GUARD_USEC);
      return;
    }
  cap_memory ();
  static const char *const vrs[] = { "UT", "OB", "OW", "UN", "UC", "SQ" };
  static const guint32 lengths[] = { 0xfffffff0u, 0xfffffffeu, 0x80000000u, 0x40000001u };
  LbDicomLimits unlimited;
  lb_dicom_limits_init_default (&unlimited);
  unlimited.max_value_length = UINT64_MAX;
  for (gsize v = 0; v < G_N_ELEMENTS (vrs); v++)
    for (gsize l = 0; l < G_N_ELEMENTS (lengths); l++)
      {
        g_autoptr (GByteArray) b = new_file ("1.2.840.10008.1.2.1");
        str (b, 0x0008, 0x0060, "CS", "CT");
        ehdr (b, 0x0009, 0x1010, vrs[v], lengths[l]);
        g_byte_array_append (b, (const guint8 *) "value...", 8);
        assert_clean_failure (parse (b, NULL, LB_DICOM_READ_DEFAULT, NULL));
        /* With no value limit the length is still checked against the data (TRUNCATED). */
        assert_clean_failure (parse (b, &unlimited, LB_DICOM_READ_DEFAULT, NULL));
      }
  /* The same in implicit VR, where every length is 32-bit. */
  g_autoptr (GByteArray) b = new_file ("1.2.840.10008.1.2");
  tag (b, 0x0010, 0x0010);
  put32 (b, 0xfffffff0u);
  g_byte_array_append (b, (const guint8 *) "Doe^John", 8);
  assert_clean_failure (parse (b, NULL, LB_DICOM_READ_DEFAULT, NULL));
  assert_clean_failure (parse (b, &unlimited, LB_DICOM_READ_DEFAULT, NULL));
}

/* ---- Nesting ------------------------------------------------------------------------------ */

/* `levels` sequences, each with one undefined-length item holding the next; closed properly
 * when `closed`, else the data simply ends (the walk must fail, not recurse forever). */
static GByteArray *
nested (guint32 levels, gboolean closed)
{
  GByteArray *b = new_file ("1.2.840.10008.1.2.1");
  for (guint32 i = 0; i < levels; i++)
    {
      ehdr (b, 0x0040, 0xa730, "SQ", 0xffffffffu);    /* Content Sequence */
      tag (b, 0xfffe, 0xe000);
      put32 (b, 0xffffffffu);
    }
  str (b, 0x0040, 0xa040, "CS", "TEXT");
  if (closed)
    for (guint32 i = 0; i < levels; i++)
      {
        tag (b, 0xfffe, 0xe00d);
        put32 (b, 0);
        tag (b, 0xfffe, 0xe0dd);
        put32 (b, 0);
      }
  return b;
}

static guint32
max_depth_of (const LbDicomDataset *ds)
{
  guint32 depth = lb_dicom_dataset_get_depth (ds);
  for (gsize i = 0; i < lb_dicom_dataset_count (ds); i++)
    {
      const LbDicomElement *el = lb_dicom_dataset_get (ds, i);
      for (gsize k = 0; k < lb_dicom_element_get_item_count (el); k++)
        {
          /* Not inside MAX (): the macro would evaluate the recursion twice per level. */
          guint32 d = max_depth_of (lb_dicom_element_get_item (el, k));
          depth = MAX (depth, d);
        }
    }
  return depth;
}

static void
test_nesting (void)
{
  if (!g_test_subprocess ())
    {
      run_in_child (30 * G_USEC_PER_SEC);
      return;
    }
  cap_memory ();
  LbDicomLimits limits;
  lb_dicom_limits_init_default (&limits);

  /* A million levels (20 MB): refused at the default depth, open or closed. */
  g_autoptr (GByteArray) deep = nested (1000000, FALSE);
  LbDicomFile *file = NULL;
  g_assert_cmpint (parse (deep, NULL, LB_DICOM_READ_DEFAULT, &file), ==, LB_DICOM_ERROR_LIMIT);
  /* What was read before the error stays readable and respects the limit. */
  g_assert_cmpuint (max_depth_of (lb_dicom_file_get_dataset (file)), <=, limits.max_depth);
  lb_dicom_file_free (file);
  g_autoptr (GByteArray) deep_closed = nested (1000000, TRUE);
  g_assert_cmpint (parse (deep_closed, NULL, LB_DICOM_READ_DEFAULT, NULL), ==,
                   LB_DICOM_ERROR_LIMIT);

  /* A caller who asks for no limit still gets a bounded C stack. */
  LbDicomLimits unlimited = limits;
  unlimited.max_depth = UINT32_MAX;
  g_assert_cmpint (parse (deep, &unlimited, LB_DICOM_READ_DEFAULT, NULL), ==,
                   LB_DICOM_ERROR_LIMIT);

  /* The bound is exact: max_depth levels parse, one more is refused. */
  LbDicomLimits five = limits;
  five.max_depth = 5;
  g_autoptr (GByteArray) ok = nested (5, TRUE);
  g_assert_cmpint (parse (ok, &five, LB_DICOM_READ_DEFAULT, &file), ==, LB_DICOM_ERROR_NONE);
  g_assert_cmpuint (max_depth_of (lb_dicom_file_get_dataset (file)), ==, 5);
  lb_dicom_file_free (file);
  g_autoptr (GByteArray) six = nested (6, TRUE);
  g_assert_cmpint (parse (six, &five, LB_DICOM_READ_DEFAULT, NULL), ==, LB_DICOM_ERROR_LIMIT);
}

/* ---- Element count ------------------------------------------------------------------------ */

static void
test_many_elements (void)
{
  if (!g_test_subprocess ())
    {
      run_in_child (120 * G_USEC_PER_SEC);
      return;
    }
  cap_memory ();
  /* Ten million empty private elements, 8 bytes each (80 MB): the default element limit
   * (2^22) must stop the walk before the element table outgrows the 512 MiB cap. */
  const guint32 n = 10000000;
  GByteArray *b = new_file ("1.2.840.10008.1.2.1");
  gsize start = b->len;
  g_byte_array_set_size (b, start + (gsize) n * 8);
  guint8 *p = b->data + start;
  for (guint32 i = 0; i < n; i++, p += 8)
    {
      guint16 e = (guint16) (0x1000 + (i & 0xefff));
      const guint8 h[8] = { 0x09, 0x00, e & 0xff, e >> 8, 'L', 'O', 0, 0 };
      memcpy (p, h, 8);
    }
  g_assert_cmpint (parse (b, NULL, LB_DICOM_READ_DEFAULT, NULL), ==, LB_DICOM_ERROR_LIMIT);
  /* A small limit stops it at once. */
  LbDicomLimits limits;
  lb_dicom_limits_init_default (&limits);
  limits.max_elements = 1000;
  LbDicomFile *file = NULL;
  g_assert_cmpint (parse (b, &limits, LB_DICOM_READ_DEFAULT, &file), ==, LB_DICOM_ERROR_LIMIT);
  g_assert_cmpuint (lb_dicom_dataset_count (lb_dicom_file_get_dataset (file)), <=, 1000);
  lb_dicom_file_free (file);
  g_byte_array_unref (b);
}

/* ---- Deflate bombs ------------------------------------------------------------------------ */

/* A Deflated Explicit VR Little Endian file whose dataset is `inflated` bytes of a repeated
 * empty element, raw-deflated. */
static GByteArray *
deflate_bomb (gsize inflated)
{
  GByteArray *b = new_file ("1.2.840.10008.1.2.1.99");
  z_stream z;
  memset (&z, 0, sizeof z);
  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  /* (0009,1010) LO, length 0: eight bytes that parse as a valid element, so the parser has no
   * early reason to stop reading. */
  static guint8 chunk[1 << 16];
  for (gsize i = 0; i < sizeof chunk; i += 8)
    memcpy (chunk + i, "\x09\x00\x10\x10LO\x00\x00", 8);
  guint8 out[1 << 14];
  gsize left = inflated;
  int flush = Z_NO_FLUSH;
  do
    {
      gsize n = MIN (left, sizeof chunk);
      left -= n;
      flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
      z.next_in = chunk;
      z.avail_in = (uInt) n;
      do
        {
          z.next_out = out;
          z.avail_out = sizeof out;
          g_assert_cmpint (deflate (&z, flush), !=, Z_STREAM_ERROR);
          g_byte_array_append (b, out, (guint) (sizeof out - z.avail_out));
        }
      while (z.avail_out == 0);
    }
  while (flush != Z_FINISH);
  deflateEnd (&z);
  return b;
}

static void
test_deflate_bomb (void)
{
  if (!g_test_subprocess ())
    {
      run_in_child (120 * G_USEC_PER_SEC);
      return;
    }
  cap_memory ();
  /* 64 MiB inflated from about 64 KiB, against a 16 MiB value limit. */
  g_autoptr (GByteArray) small = deflate_bomb ((gsize) 64 << 20);
  g_test_message ("64 MiB bomb: %u bytes", small->len);
  LbDicomLimits limits;
  lb_dicom_limits_init_default (&limits);
  limits.max_value_length = 16 << 20;
  g_assert_cmpint (parse (small, &limits, LB_DICOM_READ_DEFAULT, NULL), ==, LB_DICOM_ERROR_LIMIT);
  /* With the default limits the element limit or the inflate cap must still hold it. */
  assert_clean_failure (parse (small, NULL, LB_DICOM_READ_DEFAULT, NULL));

  /* 4 GiB inflated from about 4 MiB: the default limits must refuse it inside the 512 MiB
   * cap (an inflated buffer grown to the 1 GiB value limit would not fit). */
  g_autoptr (GByteArray) big = deflate_bomb ((gsize) 4 << 30);
  g_test_message ("4 GiB bomb: %u bytes", big->len);
  assert_clean_failure (parse (big, NULL, LB_DICOM_READ_DEFAULT, NULL));
}

/* ---- Decode time of corrupt compressed frames -------------------------------------------- */

typedef bool (*DecodeFunc) (const uint8_t *src, size_t src_len, const LbDicomFrameInfo *info,
                            uint8_t *dst, size_t dst_len, LbDicomError **error);

/* A plausible start of each codec's stream, so that garbage reaches the entropy decoder. */
static GByteArray *
stream_start (guint codec, guint16 width, guint16 height)
{
  GByteArray *b = g_byte_array_new ();
  switch (codec)
    {
    case 0: /* RLE: two segments (16-bit), the second half-way into the noise */
      {
        guint8 h[64] = { 2, 0, 0, 0, 64, 0, 0, 0, 64, 0, 2, 0 };
        g_byte_array_append (b, h, 64);
        break;
      }
    case 2: /* JPEG baseline, 8-bit, 1 component, then SOS */
    case 3: /* JPEG lossless */
    case 4: /* JPEG extended 12-bit */
      {
        guint8 sof = codec == 2 ? 0xc0 : codec == 3 ? 0xc3 : 0xc1;
        guint8 p = codec == 2 ? 8 : codec == 3 ? 16 : 12;
        const guint8 soi_sof[] = {
          0xff, 0xd8, 0xff, sof, 0, 11, p, height >> 8, height & 0xff, width >> 8, width & 0xff,
          1, 1, 0x11, 0,
        };
        g_byte_array_append (b, soi_sof, sizeof soi_sof);
        /* DC and AC tables 0: codes of lengths 1..8, symbols 0..7 (DC) and 0x01..0x08 (AC
         * run 0), enough for the decoders to accept them and eat noise. */
        for (guint tc = 0; tc < 2; tc++)
          {
            const guint8 dht[] = { 0xff, 0xc4, 0, 2 + 1 + 16 + 8, (guint8) (tc << 4) };
            g_byte_array_append (b, dht, sizeof dht);
            for (guint i = 0; i < 16; i++)
              g_byte_array_append (b, (const guint8 *) (i < 8 ? "\1" : "\0"), 1);
            for (guint8 i = 0; i < 8; i++)
              {
                guint8 sym = tc == 0 ? i : (guint8) (i + 1);
                g_byte_array_append (b, &sym, 1);
              }
          }
        if (codec != 3)
          {
            const guint8 dqt[] = { 0xff, 0xdb, 0, 2 + 1 + 64, 0 };
            g_byte_array_append (b, dqt, sizeof dqt);
            for (guint i = 0; i < 64; i++)
              g_byte_array_append (b, (const guint8 *) "\1", 1);
          }
        const guint8 sos[] = {
          0xff, 0xda, 0, 8, 1, 1, 0x00, codec == 3 ? 1 : 0, codec == 3 ? 0 : 63, 0,
        };
        g_byte_array_append (b, sos, sizeof sos);
        break;
      }
    case 5: /* JPEG-LS: SOI, SOF55, SOS */
      {
        const guint8 h[] = {
          0xff, 0xd8, 0xff, 0xf7, 0, 11, 16, height >> 8, height & 0xff, width >> 8,
          width & 0xff, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0, 0,
        };
        g_byte_array_append (b, h, sizeof h);
        break;
      }
    case 6: /* J2K: SOC, SIZ (one 16-bit component), COD, QCD, SOT, SOD */
      {
        const guint8 h[] = {
          0xff, 0x4f, 0xff, 0x51, 0, 41, 0, 0, 0, 0, width >> 8, width & 0xff, 0, 0,
          height >> 8, height & 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, width >> 8, width & 0xff,
          0, 0, height >> 8, height & 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 15, 1, 1,
          0xff, 0x52, 0, 12, 0, 0, 0, 1, 0, 5, 4, 4, 0, 1,
          0xff, 0x5c, 0, 4, 0x40, 0,
          0xff, 0x90, 0, 10, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0x93,
        };
        g_byte_array_append (b, h, sizeof h);
        break;
      }
    default: /* deflate: no header */
      break;
    }
  return b;
}

static void
test_decode_time (void)
{
  static const DecodeFunc decoders[] = {
    lb_dicom_codec_rle_decode, lb_dicom_codec_deflate_decode, lb_dicom_codec_jpeg8_decode,
    lb_dicom_codec_jpeg_lossless_decode, lb_dicom_codec_jpeg_ext12_decode,
    lb_dicom_codec_jpegls_decode, lb_dicom_codec_j2k_decode,
  };
  static const char *const names[] = {
    "RLE", "deflate", "JPEG 8-bit", "JPEG lossless", "JPEG 12-bit", "JPEG-LS", "JPEG 2000",
  };
  if (!g_test_subprocess ())
    {
      run_in_child (60 * G_USEC_PER_SEC);
      return;
    }
  cap_memory ();
  GRand *rand = g_rand_new_with_seed (1234);
  for (guint codec = 0; codec < G_N_ELEMENTS (decoders); codec++)
    for (guint size = 0; size < 2; size++)
      {
        /* 512 x 512 as the dataset says, and a stream declaring that size (size 0) or
         * 65535 x 65535 (size 1), followed by 256 KiB of noise. */
        guint16 dim = size == 0 ? 512 : 65535;
        LbDicomFrameInfo info = {
          .rows = 512, .columns = 512, .frames = 1, .samples_per_pixel = 1,
          .bits_allocated = codec == 2 ? 8 : 16, .bits_stored = codec == 2 ? 8 : 16,
          .high_bit = codec == 2 ? 7 : 15, .photometric = LB_DICOM_PHOTOMETRIC_MONOCHROME2,
        };
        gsize dst_len = (gsize) 512 * 512 * (info.bits_allocated / 8);
        g_autoptr (GByteArray) src = stream_start (codec, dim, dim);
        gsize start = src->len;
        g_byte_array_set_size (src, start + (256 << 10));
        for (gsize i = start; i < src->len; i += 4)
          {
            guint32 r = g_rand_int (rand);
            memcpy (src->data + i, &r, 4);
          }
        if (codec >= 2 && codec <= 5)
          {
            /* No markers inside the noise, then EOI: the entropy decoder has to get through
             * all of it instead of stopping at the first stray 0xFF xx. */
            for (gsize i = start; i < src->len; i++)
              if (src->data[i] == 0xff)
                src->data[i] = 0xfe;
            src->data[src->len - 2] = 0xff;
            src->data[src->len - 1] = 0xd9;
          }
        guint8 *dst = g_malloc (dst_len);
        LbDicomError *error = NULL;
        gint64 t0 = g_get_monotonic_time ();
        bool ok = decoders[codec] (src->data, src->len, &info, dst, dst_len, &error);
        gint64 us = g_get_monotonic_time () - t0;
        g_test_message ("%s, stream %ux%u: %s in %.3f s", names[codec], dim, dim,
                        ok ? "decoded" : error->message, us / 1e6);
        /* A generous bound: only a hang guard, not a performance test. */
        g_assert_cmpint (us, <, HANG_GUARD_USEC);
        if (size == 1 && codec != 1)
          g_assert_false (ok);   /* a stream larger than the dataset's frame is refused */
        g_assert_true (ok == (error == NULL));
        lb_dicom_error_free (error);
        g_free (dst);
      }
  g_rand_free (rand);
}

/* Every saved codec crasher (tests/crashers/codec-*, in fuzz-codec.c's layout) decodes or fails
 * within the hang guard: the fuzzer's timeouts stay fixed. */
static void
test_codec_crashers_time (void)
{
  static const DecodeFunc decoders[] = {
    lb_dicom_codec_rle_decode, lb_dicom_codec_deflate_decode, lb_dicom_codec_jpeg8_decode,
    lb_dicom_codec_jpeg_lossless_decode, lb_dicom_codec_jpeg_ext12_decode,
    lb_dicom_codec_jpegls_decode, lb_dicom_codec_j2k_decode,
  };
  static const guint16 bits[] = { 8, 16, 1, 32 };
  static const LbDicomPhotometric photometrics[] = {
    LB_DICOM_PHOTOMETRIC_MONOCHROME2, LB_DICOM_PHOTOMETRIC_MONOCHROME1,
    LB_DICOM_PHOTOMETRIC_RGB, LB_DICOM_PHOTOMETRIC_YBR_FULL,
    LB_DICOM_PHOTOMETRIC_YBR_FULL_422, LB_DICOM_PHOTOMETRIC_YBR_PARTIAL_420,
    LB_DICOM_PHOTOMETRIC_YBR_ICT, LB_DICOM_PHOTOMETRIC_YBR_RCT,
  };
  if (!g_test_subprocess ())
    {
      run_in_child (120 * G_USEC_PER_SEC);
      return;
    }
  cap_memory ();
  g_autofree char *dir = g_build_filename (LB_TEST_DATA, "..", "crashers", NULL);
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      g_test_skip ("no tests/crashers");
      return;
    }
  const char *name;
  guint n = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_prefix (name, "codec-"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree guint8 *data = NULL;
      gsize len = 0;
      g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
      if (len < 5)
        continue;
      /* The same decoding of the header as fuzz-codec.c. */
      LbDicomFrameInfo info = {
        .rows = data[1] + 1u, .columns = data[2] + 1u, .frames = 1,
        .bits_allocated = bits[data[3] & 3], .samples_per_pixel = (data[3] & 4) ? 3 : 1,
        .pixel_representation = (data[3] >> 3) & 1, .planar_configuration = (data[3] >> 4) & 1,
        .photometric = photometrics[data[3] >> 5],
      };
      info.bits_stored = (guint16) (data[4] % info.bits_allocated + 1);
      info.high_bit = (guint16) (info.bits_stored - 1);
      gsize npix = (gsize) info.rows * info.columns;
      gsize dst_len = info.bits_allocated == 1 ? (npix * info.samples_per_pixel + 7) / 8
                      : npix * info.samples_per_pixel * (info.bits_allocated / 8u);
      guint8 *dst = g_malloc (dst_len);
      LbDicomError *error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      bool ok = decoders[data[0] % G_N_ELEMENTS (decoders)] (data + 5, len - 5, &info, dst,
                                                            dst_len, &error);
      gint64 us = g_get_monotonic_time () - t0;
      g_test_message ("%s: %s in %.3f s", name, ok ? "decoded" : error->message, us / 1e6);
      g_assert_cmpint (us, <, HANG_GUARD_USEC);
      lb_dicom_error_free (error);
      g_free (dst);
      n++;
    }
  g_dir_close (d);
  g_test_message ("%u codec crashers", n);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/limits/huge-image", test_huge_image);
  g_test_add_func ("/limits/value-length", test_value_length);
  g_test_add_func ("/limits/nesting", test_nesting);
  g_test_add_func ("/limits/many-elements", test_many_elements);
  g_test_add_func ("/limits/deflate-bomb", test_deflate_bomb);
  g_test_add_func ("/limits/decode-time", test_decode_time);
  g_test_add_func ("/limits/codec-crashers-time", test_codec_crashers_time);
  return g_test_run ();
}
