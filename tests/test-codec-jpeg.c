/* test-codec-jpeg.c: the in-house JPEG decoders (lossless process 14, DCT sequential 8/12-bit).
 *
 * 1. Corpus files, and corpus files re-encoded at test time with dcmcjpeg (every lossless
 *    predictor, a point transform, 12-bit extended, 4:2:2 and 4:1:1 subsampling), against
 *    dcmdjpeg +cn run at test time. A small pydicom helper pulls out the compressed frames and the
 *    reference pixels, so this does not depend on our parser. Lossless must be bit-exact, lossy
 *    within one level (the maximum difference is reported).
 * 2. Lossless streams from a small encoder below, for what no tool here writes: restart intervals
 *    (also ending mid-row), non-interleaved scans, precisions 2 to 16, point transforms, SSSS 16.
 * 3. DCT streams written by libjpeg-turbo (8-bit) with restart intervals and 4:2:0 / 4:2:2 / 4:4:4
 *    sampling at odd sizes, against libjpeg-turbo's own islow decoding.
 * 4. Damage: every truncation of small streams must fail; byte flips must fail or decode, never
 *    crash or hang (run under ASan/valgrind to make that mean something); a frame header that
 *    disagrees with the dataset fails with "at byte N".
 * 5. Colour: which streams are converted from YCbCr. Fixtures in tests/data (RGB streams with
 *    ids 0,1,2, with 4:2:0 ids 1,2,3 as GDCM writes them, with a JFIF or an Adobe transform-1
 *    segment; a YCbCr stream with ids 'R','G','B' labelled YBR_FULL; YBR_FULL in lossless JPEG)
 *    decoded through the file API must give exactly the RGB that DCMTK 3.6.7 gives (its .ppm
 *    beside each; for YBR that is libjpeg's rounding, not dcmimage's).
 * `-m perf` also times the 2140x1760 CR in JPEG lossless SV1 against dcmdjpeg. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <jpeglib.h>

#include "dicom-codec.h"
#include "lb-test-files.h"
#include "ppm-reference.h"

/* argv: IN OUTDIR [dcmcjpeg options...]. With options, IN is first made native (if it is not)
 * and re-encoded with dcmcjpeg. Writes OUTDIR/frame-N, OUTDIR/ref (dcmdjpeg +cn output,
 * interleaved) and OUTDIR/info "rows cols frames spp bits_allocated transfer_syntax". */
static const char helper_py[] =
  "import sys, os, subprocess, numpy as np, pydicom\n"
  "from pydicom.encaps import generate_pixel_data_frame\n"
  "src, out, opts = sys.argv[1], sys.argv[2], sys.argv[3:]\n"
  "def run(*a): subprocess.run(a, check=True, capture_output=True)\n"
  "if opts:\n"
  "    ts = str(pydicom.dcmread(src, stop_before_pixels=True).file_meta.TransferSyntaxUID)\n"
  "    if ts.startswith('1.2.840.10008.1.2.4.8'):\n"
  "        run('dcmdjpls', src, out + '/native.dcm'); src = out + '/native.dcm'\n"
  "    elif ts.startswith('1.2.840.10008.1.2.4.'):\n"
  "        run('dcmdjpeg', src, out + '/native.dcm'); src = out + '/native.dcm'\n"
  "    run('dcmcjpeg', *opts, src, out + '/enc.dcm'); src = out + '/enc.dcm'\n"
  "ds = pydicom.dcmread(src)\n"
  "nf = int(getattr(ds, 'NumberOfFrames', 1) or 1)\n"
  "for i, f in enumerate(generate_pixel_data_frame(ds.PixelData, nf)):\n"
  "    open('%s/frame-%d' % (out, i), 'wb').write(f)\n"
  "run('dcmdjpeg', '+cn', src, out + '/ref.dcm')\n"
  "r = pydicom.dcmread(out + '/ref.dcm'); raw = r.PixelData\n"
  "rows, cols = int(ds.Rows), int(ds.Columns)\n"
  "spp, ba = int(ds.SamplesPerPixel), int(ds.BitsAllocated)\n"
  "if spp > 1 and int(r.get('PlanarConfiguration', 0) or 0) == 1:\n"
  "    dt = np.uint8 if ba == 8 else '<u2'\n"
  "    a = np.frombuffer(raw, dt)[:nf * rows * cols * spp].reshape(nf, spp, rows * cols)\n"
  "    raw = a.transpose(0, 2, 1).tobytes()\n"
  "open(out + '/ref', 'wb').write(raw)\n"
  "print(rows, cols, nf, spp, ba, ds.file_meta.TransferSyntaxUID, file=open(out + '/info', 'w'))\n";

typedef bool (*DecodeFunc) (const uint8_t *, size_t, const LbDicomFrameInfo *, uint8_t *, size_t,
                            LbDicomError **);

static DecodeFunc
decoder_for (const char *ts)
{
  if (g_str_equal (ts, "1.2.840.10008.1.2.4.57") || g_str_equal (ts, "1.2.840.10008.1.2.4.70"))
    return lb_dicom_codec_jpeg_lossless_decode;
  return lb_dicom_codec_jpeg_ext12_decode;
}

/* The largest difference between two sample buffers. */
static int
max_diff (const uint8_t *a, const uint8_t *b, size_t len, int bytes)
{
  int m = 0;
  for (size_t i = 0; i < len; i += bytes)
    {
      int x = bytes == 1 ? a[i] : a[i] | a[i + 1] << 8;
      int y = bytes == 1 ? b[i] : b[i] | b[i + 1] << 8;
      m = MAX (m, ABS (x - y));
    }
  return m;
}

static bool
have_tools (void)
{
  static int have = -1;
  if (have < 0)
    {
      g_autofree char *a = g_find_program_in_path ("dcmdjpeg");
      g_autofree char *b = g_find_program_in_path ("dcmcjpeg");
      const char *argv[] = { "/usr/bin/python3", "-c", "import pydicom, numpy", NULL };
      int status = 1;
      have = a && b && g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                     NULL, NULL, NULL, &status, NULL) && status == 0;
    }
  return have;
}

typedef struct {
  const char *file;     /* corpus path: the copy in tests/samples, else the corpus's */
  const char *opts;     /* dcmcjpeg options (space-separated) or NULL */
} Case;

static void
test_reference (gconstpointer data)
{
  const Case *c = data;
  if (!have_tools ())
    {
      g_test_skip ("needs dcmdjpeg, dcmcjpeg and pydicom");
      return;
    }
  g_autofree char *path = lb_test_file (c->file);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("not in tests/samples, and no corpus");
      return;
    }
  g_autofree char *dir = g_dir_make_tmp ("lb-jpeg-XXXXXX", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, "/usr/bin/python3");
  g_ptr_array_add (argv, "-c");
  g_ptr_array_add (argv, (char *) helper_py);
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, dir);
  g_auto (GStrv) opts = g_strsplit (c->opts ? c->opts : "", " ", -1);
  for (char **o = opts; *o; o++)
    if (**o)
      g_ptr_array_add (argv, *o);
  g_ptr_array_add (argv, NULL);
  g_autofree char *err = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, NULL));
  if (status != 0)
    g_error ("helper failed: %s", err);

  g_autofree char *info_path = g_build_filename (dir, "info", NULL);
  g_autofree char *info_text = NULL;
  g_assert_true (g_file_get_contents (info_path, &info_text, NULL, NULL));
  unsigned rows, cols, nf, spp, ba;
  char ts[65];
  g_assert_cmpint (sscanf (info_text, "%u %u %u %u %u %64s", &rows, &cols, &nf, &spp, &ba, ts),
                   ==, 6);
  LbDicomFrameInfo info = { .rows = rows, .columns = cols, .frames = nf,
                            .samples_per_pixel = (uint16_t) spp, .bits_allocated = (uint16_t) ba };
  const size_t len = (size_t) rows * cols * spp * (ba / 8);
  g_autofree char *ref_path = g_build_filename (dir, "ref", NULL);
  g_autofree uint8_t *ref = NULL;
  size_t ref_len = 0;
  g_assert_true (g_file_get_contents (ref_path, (char **) &ref, &ref_len, NULL));
  g_assert_cmpuint (ref_len, >=, len * nf);

  const bool lossless = decoder_for (ts) == lb_dicom_codec_jpeg_lossless_decode;
  int worst = 0;
  for (unsigned f = 0; f < nf; f++)
    {
      g_autofree char *name = g_strdup_printf ("%s/frame-%u", dir, f);
      g_autofree uint8_t *src = NULL;
      size_t src_len = 0;
      g_assert_true (g_file_get_contents (name, (char **) &src, &src_len, NULL));
      g_autofree uint8_t *dst = g_malloc (len);
      LbDicomError *e = NULL;
      if (!decoder_for (ts) (src, src_len, &info, dst, len, &e))
        g_error ("%s frame %u: %s", c->file, f, e->message);
      worst = MAX (worst, max_diff (dst, ref + f * len, len, ba / 8));
      g_remove (name);
    }
  g_test_message ("%s %s: %s, max difference from dcmdjpeg %d", c->file, c->opts ? c->opts : "",
                  lossless ? "lossless" : "lossy", worst);
  g_assert_cmpint (worst, <=, lossless ? 0 : 1);

  const char *names[] = { "info", "ref", "ref.dcm", "enc.dcm", "native.dcm" };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (dir, names[i], NULL);
      g_remove (p);
    }
  g_rmdir (dir);
}

/* ---- a small lossless encoder (T.81 H.1), for streams no tool here writes ---- */

typedef struct {
  GByteArray *out;
  uint32_t    acc;
  int         n;
} BitWriter;

static void
put_bits (BitWriter *w, uint32_t v, int n)
{
  for (int i = n - 1; i >= 0; i--)
    {
      w->acc = w->acc << 1 | ((v >> i) & 1);
      if (++w->n == 8)
        {
          uint8_t b = (uint8_t) w->acc;
          g_byte_array_append (w->out, &b, 1);
          if (b == 0xFF)
            g_byte_array_append (w->out, (const uint8_t[]) { 0 }, 1);
          w->acc = 0;
          w->n = 0;
        }
    }
}

static void
flush_bits (BitWriter *w)
{
  while (w->n != 0)
    put_bits (w, 1, 1);   /* fill with 1-bits (F.1.2.3) */
}

static void
put_marker (GByteArray *out, int m, const uint8_t *payload, size_t len)
{
  uint8_t h[4] = { 0xFF, (uint8_t) m, (uint8_t) ((len + 2) >> 8), (uint8_t) (len + 2) };
  g_byte_array_append (out, h, m == 0xD8 || m == 0xD9 || (m >= 0xD0 && m <= 0xD7) ? 2 : 4);
  if (payload)
    g_byte_array_append (out, payload, (guint) len);
}

typedef struct {
  int      w, h, ncomp, precision, pt, predictor, restart;
  bool     interleaved;
} LlParams;

/* Huffman code for SSSS 0..16: 17 codes of 5 bits (code = SSSS). */
static int
ll_prediction (const uint16_t *img, int w, int ncomp, int c, int x, int y, int p, bool restart,
               bool first_line, int init)
{
  #define S(xx, yy) ((int) img[((size_t) (yy) * w + (xx)) * ncomp + c])
  if (restart)
    return init;
  if (first_line)
    return S (x - 1, y);
  if (x == 0)
    return S (x, y - 1);
  int ra = S (x - 1, y), rb = S (x, y - 1), rc = S (x - 1, y - 1);
  #undef S
  switch (p)
    {
    case 1: return ra;
    case 2: return rb;
    case 3: return rc;
    case 4: return ra + rb - rc;
    case 5: return ra + ((rb - rc) >> 1);
    case 6: return rb + ((ra - rc) >> 1);
    default: return (ra + rb) >> 1;
    }
}

/* Encodes img (values already reduced by the point transform) as SOF3. */
static GByteArray *
ll_encode (const uint16_t *img, const LlParams *p)
{
  GByteArray *out = g_byte_array_new ();
  put_marker (out, 0xD8, NULL, 0);
  uint8_t sof[6 + 12] = { (uint8_t) p->precision, (uint8_t) (p->h >> 8), (uint8_t) p->h,
                          (uint8_t) (p->w >> 8), (uint8_t) p->w, (uint8_t) p->ncomp };
  for (int c = 0; c < p->ncomp; c++)
    {
      sof[6 + 3 * c] = (uint8_t) (c + 1);
      sof[7 + 3 * c] = 0x11;
    }
  put_marker (out, 0xC3, sof, 6 + 3 * (size_t) p->ncomp);
  uint8_t dht[1 + 16 + 17] = { 0 };
  dht[5] = 17;                      /* 17 codes of length 5 */
  for (int i = 0; i < 17; i++)
    dht[17 + i] = (uint8_t) i;
  put_marker (out, 0xC4, dht, sizeof dht);
  if (p->restart)
    put_marker (out, 0xDD, (const uint8_t[]) { (uint8_t) (p->restart >> 8), (uint8_t) p->restart },
                2);

  const int init = 1 << (p->precision - p->pt - 1);
  const int nscans = p->interleaved ? 1 : p->ncomp;
  for (int s = 0; s < nscans; s++)
    {
      int ns = p->interleaved ? p->ncomp : 1;
      uint8_t sos[1 + 8 + 3] = { (uint8_t) ns };
      for (int i = 0; i < ns; i++)
        sos[1 + 2 * i] = (uint8_t) ((p->interleaved ? i : s) + 1);
      sos[1 + 2 * ns] = (uint8_t) p->predictor;
      sos[3 + 2 * ns] = (uint8_t) p->pt;
      put_marker (out, 0xDA, sos, 4 + 2 * (size_t) ns);
      BitWriter w = { out, 0, 0 };
      int mcu = 0, rst = 0;
      bool restart = true, first_line = true;
      for (int y = 0; y < p->h; y++)
        {
          first_line = restart || y == 0;
          for (int x = 0; x < p->w; x++)
            {
              if (p->restart && mcu == p->restart)
                {
                  flush_bits (&w);
                  put_marker (out, 0xD0 + (rst++ & 7), NULL, 0);
                  mcu = 0;
                  restart = first_line = true;
                }
              for (int i = 0; i < ns; i++)
                {
                  int c = p->interleaved ? i : s;
                  int pred = ll_prediction (img, p->w, p->ncomp, c, x, y, p->predictor, restart,
                                            first_line, init);
                  int diff = (img[((size_t) y * p->w + x) * p->ncomp + c] - pred) & 0xFFFF;
                  if (diff >= 0x8000)
                    diff -= 0x10000;
                  if (diff == -0x8000)
                    diff = 0x8000;
                  int ssss = 0;
                  for (int a = ABS (diff); a; a >>= 1)
                    ssss++;
                  put_bits (&w, (uint32_t) ssss, 5);
                  if (ssss > 0 && ssss < 16)
                    put_bits (&w, (uint32_t) (diff < 0 ? diff + (1 << ssss) - 1 : diff), ssss);
                }
              restart = false;
              mcu++;
            }
        }
      flush_bits (&w);
    }
  put_marker (out, 0xD9, NULL, 0);
  return out;
}

static void
test_lossless_synthetic (void)
{
  static const int sizes[][2] = { { 37, 23 }, { 1, 5 }, { 64, 3 } };
  static const int precisions[] = { 2, 8, 12, 16 };
  unsigned count = 0;
  for (size_t si = 0; si < G_N_ELEMENTS (sizes); si++)
    for (size_t pi = 0; pi < G_N_ELEMENTS (precisions); pi++)
      for (int predictor = 1; predictor <= 7; predictor++)
        for (int variant = 0; variant < 6; variant++)
          {
            LlParams p = { .w = sizes[si][0], .h = sizes[si][1], .precision = precisions[pi],
                           .predictor = predictor };
            p.ncomp = variant % 3 == 2 ? 3 : 1;
            p.interleaved = variant == 2;
            p.pt = variant == 1 ? 1 : 0;
            p.restart = (int[]) { 0, p.w, 0, 7, 1, 3 * p.w }[variant];
            if (p.pt >= p.precision)
              continue;
            const int bits = p.precision - p.pt;
            const size_t n = (size_t) p.w * p.h * p.ncomp;
            g_autofree uint16_t *img = g_new (uint16_t, n);
            /* Smooth ramps, noise and, every so often, a jump across the whole range, which
             * needs SSSS 16 at 16 bits. */
            for (size_t i = 0; i < n; i++)
              {
                uint32_t v = (uint32_t) (i * 37 + g_test_rand_int_range (0, 9));
                if (g_test_rand_int_range (0, 11) == 0)
                  v = g_test_rand_bit () ? 0 : 0xFFFF;
                img[i] = (uint16_t) (v & ((1u << bits) - 1));
              }
            g_autoptr (GByteArray) js = ll_encode (img, &p);
            const int bytes = p.precision > 8 ? 2 : 1;
            LbDicomFrameInfo info = { .rows = (uint32_t) p.h, .columns = (uint32_t) p.w,
                                      .samples_per_pixel = (uint16_t) p.ncomp,
                                      .bits_allocated = (uint16_t) (8 * bytes) };
            g_autofree uint8_t *dst = g_malloc (n * bytes);
            LbDicomError *e = NULL;
            if (!lb_dicom_codec_jpeg_lossless_decode (js->data, js->len, &info, dst, n * bytes,
                                                      &e))
              g_error ("%dx%d P%d pred %d variant %d: %s", p.w, p.h, p.precision, predictor,
                       variant, e->message);
            for (size_t i = 0; i < n; i++)
              {
                unsigned got = bytes == 1 ? dst[i] : (unsigned) (dst[2 * i] | dst[2 * i + 1] << 8);
                if (got != (unsigned) img[i] << p.pt)
                  g_error ("%dx%d P%d pred %d variant %d: sample %zu is %u, not %u", p.w, p.h,
                           p.precision, predictor, variant, i, got, (unsigned) img[i] << p.pt);
              }
            count++;
          }
  g_test_message ("%u synthetic lossless streams decode exactly", count);
}

/* ---- DCT streams from libjpeg-turbo ---- */

static GByteArray *
dct_encode (const uint8_t *img, int w, int h, int ncomp, int hs, int vs, int restart, int quality)
{
  struct jpeg_compress_struct ci;
  struct jpeg_error_mgr jerr;
  unsigned char *mem = NULL;
  unsigned long mem_len = 0;
  ci.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&ci);
  jpeg_mem_dest (&ci, &mem, &mem_len);
  ci.image_width = (JDIMENSION) w;
  ci.image_height = (JDIMENSION) h;
  ci.input_components = ncomp;
  ci.in_color_space = ncomp == 3 ? JCS_YCbCr : JCS_GRAYSCALE;
  jpeg_set_defaults (&ci);
  jpeg_set_quality (&ci, quality, TRUE);
  ci.restart_interval = (unsigned) restart;
  if (ncomp == 3)
    {
      ci.comp_info[0].h_samp_factor = hs;
      ci.comp_info[0].v_samp_factor = vs;
    }
  jpeg_start_compress (&ci, TRUE);
  while (ci.next_scanline < ci.image_height)
    {
      JSAMPROW row = (JSAMPROW) img + (size_t) ci.next_scanline * w * ncomp;
      jpeg_write_scanlines (&ci, &row, 1);
    }
  jpeg_finish_compress (&ci);
  jpeg_destroy_compress (&ci);
  GByteArray *out = g_byte_array_new ();
  g_byte_array_append (out, mem, (guint) mem_len);
  free (mem);
  return out;
}

static void
dct_reference (const GByteArray *js, uint8_t *out, int w, int ncomp)
{
  struct jpeg_decompress_struct di;
  struct jpeg_error_mgr jerr;
  di.err = jpeg_std_error (&jerr);
  jpeg_create_decompress (&di);
  jpeg_mem_src (&di, js->data, js->len);
  jpeg_read_header (&di, TRUE);
  di.dct_method = JDCT_ISLOW;
  di.out_color_space = ncomp == 3 ? JCS_YCbCr : JCS_GRAYSCALE;
  jpeg_start_decompress (&di);
  while (di.output_scanline < di.output_height)
    {
      JSAMPROW row = out + (size_t) di.output_scanline * w * ncomp;
      jpeg_read_scanlines (&di, &row, 1);
    }
  jpeg_finish_decompress (&di);
  jpeg_destroy_decompress (&di);
}

static uint8_t *
make_image (int w, int h, int ncomp)
{
  uint8_t *img = g_malloc ((size_t) w * h * ncomp);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < ncomp; c++)
        {
          double v = 128 + 100 * sin (x * 0.11 * (c + 1)) * cos (y * 0.07 + c)
                     + g_test_rand_int_range (-20, 21) + ((x / 9 + y / 5) % 2) * 30;
          img[((size_t) y * w + x) * ncomp + c] = (uint8_t) CLAMP (v, 0, 255);
        }
  return img;
}

static void
test_dct_synthetic (void)
{
  static const struct { int ncomp, hs, vs; } layouts[] = {
    { 1, 1, 1 }, { 3, 1, 1 }, { 3, 2, 1 }, { 3, 2, 2 },
  };
  static const int sizes[][2] = { { 77, 45 }, { 16, 16 }, { 3, 130 } };
  static const int restarts[] = { 0, 1, 5 };
  for (size_t li = 0; li < G_N_ELEMENTS (layouts); li++)
    for (size_t si = 0; si < G_N_ELEMENTS (sizes); si++)
      for (size_t ri = 0; ri < G_N_ELEMENTS (restarts); ri++)
        {
          const int w = sizes[si][0], h = sizes[si][1], nc = layouts[li].ncomp;
          g_autofree uint8_t *img = make_image (w, h, nc);
          g_autoptr (GByteArray) js = dct_encode (img, w, h, nc, layouts[li].hs, layouts[li].vs,
                                                  restarts[ri], ri == 2 ? 50 : 95);
          const size_t n = (size_t) w * h * nc;
          g_autofree uint8_t *ref = g_malloc (n);
          g_autofree uint8_t *dst = g_malloc (n);
          dct_reference (js, ref, w, nc);
          LbDicomFrameInfo info = { .rows = (uint32_t) h, .columns = (uint32_t) w,
                                    .samples_per_pixel = (uint16_t) nc, .bits_allocated = 8 };
          LbDicomError *e = NULL;
          if (!lb_dicom_codec_jpeg_ext12_decode (js->data, js->len, &info, dst, n, &e))
            g_error ("%dx%d %d comp %dx%d restart %d: %s", w, h, nc, layouts[li].hs,
                     layouts[li].vs, restarts[ri], e->message);
          int d = max_diff (dst, ref, n, 1);
          if (d > 1)
            g_error ("%dx%d %d comp %dx%d restart %d: differs from libjpeg by %d", w, h, nc,
                     layouts[li].hs, layouts[li].vs, restarts[ri], d);
        }
}

/* ---- damage ---- */

static void
damage_one (const GByteArray *js, const LbDicomFrameInfo *info, DecodeFunc decode)
{
  const size_t len = (size_t) info->rows * info->columns * info->samples_per_pixel
                     * (info->bits_allocated / 8);
  g_autofree uint8_t *dst = g_malloc (len);
  g_autofree uint8_t *buf = g_malloc (js->len);
  LbDicomError *e = NULL;

  g_assert_true (decode (js->data, js->len, info, dst, len, &e));
  /* Every cut that loses at least one byte of entropy-coded data must fail; cuts are spread
   * over the stream (every one for small streams). */
  size_t step = MAX (1, js->len / 400);
  for (size_t cut = 0; cut + 3 <= js->len; cut += step)
    {
      memcpy (buf, js->data, cut);     /* a buffer of exactly cut bytes, for ASan */
      uint8_t *exact = g_memdup2 (buf, cut ? cut : 1);
      if (decode (exact, cut, info, dst, len, &e))
        g_error ("stream cut to %zu of %u bytes decoded", cut, js->len);
      g_assert_nonnull (e);
      g_clear_pointer (&e, lb_dicom_error_free);
      g_free (exact);
    }
  /* Flipped bytes: an error or an image, never a crash. */
  for (int i = 0; i < 300; i++)
    {
      memcpy (buf, js->data, js->len);
      for (int k = 0; k < 1 + i % 4; k++)
        buf[g_test_rand_int_range (0, (gint32) js->len)] ^= (uint8_t) g_test_rand_int_range (1,
                                                                                            256);
      if (!decode (buf, js->len, info, dst, len, &e))
        g_clear_pointer (&e, lb_dicom_error_free);
    }
  /* A frame header that disagrees with the dataset. */
  LbDicomFrameInfo wrong = *info;
  wrong.rows++;
  g_autofree uint8_t *big = g_malloc (len + (size_t) info->columns * info->samples_per_pixel * 2);
  g_assert_false (decode (js->data, js->len, &wrong, big,
                          len + (size_t) info->columns * info->samples_per_pixel
                          * (info->bits_allocated / 8), &e));
  g_assert_cmpint (e->code, ==, LB_DICOM_ERROR_CODEC);
  g_assert_nonnull (strstr (e->message, "at byte"));
  g_clear_pointer (&e, lb_dicom_error_free);
}

static void
test_damage (void)
{
  LlParams p = { .w = 33, .h = 20, .ncomp = 3, .precision = 12, .predictor = 4, .restart = 10,
                 .interleaved = true };
  g_autofree uint16_t *img = g_new (uint16_t, 33 * 20 * 3);
  for (int i = 0; i < 33 * 20 * 3; i++)
    img[i] = (uint16_t) ((i * 31 + g_test_rand_int_range (0, 100)) & 0xFFF);
  g_autoptr (GByteArray) ll = ll_encode (img, &p);
  LbDicomFrameInfo lli = { .rows = 20, .columns = 33, .samples_per_pixel = 3,
                           .bits_allocated = 16 };
  damage_one (ll, &lli, lb_dicom_codec_jpeg_lossless_decode);

  g_autofree uint8_t *rgb = make_image (45, 37, 3);
  g_autoptr (GByteArray) dct = dct_encode (rgb, 45, 37, 3, 2, 2, 3, 90);
  LbDicomFrameInfo dcti = { .rows = 37, .columns = 45, .samples_per_pixel = 3,
                            .bits_allocated = 8 };
  damage_one (dct, &dcti, lb_dicom_codec_jpeg_ext12_decode);

  /* The wrong decoder for the process: unsupported or an error, not garbage. */
  LbDicomError *e = NULL;
  g_autofree uint8_t *dst = g_malloc (45 * 37 * 3);
  g_assert_false (lb_dicom_codec_jpeg_lossless_decode (dct->data, dct->len, &dcti, dst,
                                                       45 * 37 * 3, &e));
  g_assert_cmpint (e->code, ==, LB_DICOM_ERROR_UNSUPPORTED);
  lb_dicom_error_free (e);
}

/* ---- speed ---- */

/* The best of 5 runs (after a warm-up) of a tool: wall and CPU (user + system) seconds. CPU
 * time is what to compare on a loaded machine. */
static void
spawn_seconds (const char *const *argv, double *wall, double *cpu)
{
  *wall = *cpu = G_MAXDOUBLE;
  for (int i = 0; i < 6; i++)
    {
      int status = 0;
      struct rusage r0, r1;
      getrusage (RUSAGE_CHILDREN, &r0);
      gint64 t0 = g_get_monotonic_time ();
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                   G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                                   | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                                   NULL));
      gint64 t1 = g_get_monotonic_time ();
      getrusage (RUSAGE_CHILDREN, &r1);
      g_assert_cmpint (status, ==, 0);
      double c = (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec + r1.ru_stime.tv_sec - r0.ru_stime.tv_sec)
                 + (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec + r1.ru_stime.tv_usec
                    - r0.ru_stime.tv_usec) / 1e6;
      if (i > 0)
        {
          *wall = MIN (*wall, (t1 - t0) / 1e6);
          *cpu = MIN (*cpu, c);
        }
    }
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_speed (void)
{
  if (!have_tools ())
    {
      g_test_skip ("needs dcmdjpeg, dcmcjpeg and pydicom");
      return;
    }
  g_autofree char *path = lb_test_file ("pylibjpeg-data/JPEGLSLossless/RG2_JLSL.dcm");
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no corpus");
      return;
    }
  g_autofree char *dir = g_dir_make_tmp ("lb-jpeg-XXXXXX", NULL);
  const char *argv[] = { "/usr/bin/python3", "-c", helper_py, path, dir, "+e1", NULL };
  int status = 1;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  g_autofree char *frame = g_build_filename (dir, "frame-0", NULL);
  g_autofree char *ref_path = g_build_filename (dir, "ref", NULL);
  g_autofree char *enc = g_build_filename (dir, "enc.dcm", NULL);
  g_autofree char *out = g_build_filename (dir, "out.dcm", NULL);
  g_autofree uint8_t *src = NULL, *ref = NULL;
  size_t src_len = 0, ref_len = 0;
  g_assert_true (g_file_get_contents (frame, (char **) &src, &src_len, NULL));
  g_assert_true (g_file_get_contents (ref_path, (char **) &ref, &ref_len, NULL));
  LbDicomFrameInfo info = { .rows = 2140, .columns = 1760, .samples_per_pixel = 1,
                            .bits_allocated = 16 };
  const size_t len = 2140 * 1760 * 2;
  const double mpx = 2140 * 1760 / 1e6;
  g_assert_cmpuint (ref_len, ==, len);
  g_autofree uint8_t *dst = g_malloc (len);
  double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;
  for (int i = 0; i < 15; i++)
    {
      LbDicomError *e = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = thread_cpu_seconds ();
      g_assert_true (lb_dicom_codec_jpeg_lossless_decode (src, src_len, &info, dst, len, &e));
      best_cpu = MIN (best_cpu, thread_cpu_seconds () - c0);
      best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
    }
  g_assert_cmpint (memcmp (dst, ref, len), ==, 0);

  const char *dj[] = { "dcmdjpeg", enc, out, NULL };
  const char *cv[] = { "dcmconv", enc, out, NULL };
  double dj_wall, dj_cpu, cv_wall, cv_cpu;
  spawn_seconds (dj, &dj_wall, &dj_cpu);
  spawn_seconds (cv, &cv_wall, &cv_cpu);
  /* The tools' decode rate: pixels over (decompress - copy), as in PERFORMANCE.md. */
  g_test_message ("2140x1760 JPEG lossless SV1, wall: lightbox %.1f ms in-process = %.0f Mpx/s; "
                  "dcmdjpeg %.1f ms - dcmconv %.1f ms = %.0f Mpx/s", best * 1e3, mpx / best,
                  dj_wall * 1e3, cv_wall * 1e3, mpx / MAX (dj_wall - cv_wall, 1e-6));
  g_test_message ("2140x1760 JPEG lossless SV1, CPU: lightbox %.1f ms = %.0f Mpx/s; "
                  "dcmdjpeg %.1f ms - dcmconv %.1f ms = %.0f Mpx/s", best_cpu * 1e3,
                  mpx / best_cpu, dj_cpu * 1e3, cv_cpu * 1e3, mpx / MAX (dj_cpu - cv_cpu, 1e-6));
  const char *names[] = { "frame-0", "ref", "ref.dcm", "enc.dcm", "native.dcm", "out.dcm", "info" };
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (dir, names[i], NULL);
      g_remove (p);
    }
  g_rmdir (dir);
}

/* The Photometric Interpretation decides, not the JPEG markers or component ids (the rule is
 * written down in codec-jpeg8.c). */
static void
test_colour_rule (gconstpointer name)
{
  ppm_reference_check (name, 0);
}

static const Case cases[] = {
  /* lossless, as found */
  { "pydicom-data/JPEG-LL.dcm", NULL },
  { "pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm", NULL },
  { "pydicom-data/bad_sequence.dcm", NULL },
  { "pylibjpeg-data/JPEGLossless/JPEGLossless_1s_1f_i_16_16_bad.dcm", NULL },
  { "pylibjpeg-data/JPEGLossless/JPEGLossless_1s_1f_u_16_12.dcm", NULL },
  { "pylibjpeg-data/JPEGLosslessSV1/JPEGLosslessP14SV1_1s_1f_u_16_16.dcm", NULL },
  { "pylibjpeg-data/JPEGLosslessSV1/JPEGLosslessP14SV1_3s_2f_u_08_08.dcm", NULL },
  { "generated/emri_small_jpeg_lossless_sv6.dcm", NULL },
  /* lossless, every predictor and a point transform, signed 16-bit and RGB (ct.0 is signed
   * 16-bit, -1000..1457, and in tests/samples: these run in a clone of the project alone) */
  { "dicompyler-core/ct.0.dcm", "+el +sv 1" },
  { "dicompyler-core/ct.0.dcm", "+el +sv 2" },
  { "dicompyler-core/ct.0.dcm", "+el +sv 3" },
  { "dicompyler-core/ct.0.dcm", "+el +sv 4" },
  { "dicompyler-core/ct.0.dcm", "+el +sv 5" },
  { "dicompyler-core/ct.0.dcm", "+el +sv 6" },
  { "dicompyler-core/ct.0.dcm", "+el +sv 7" },
  { "imgproc/MRI-Image-104.dcm", "+el +sv 1" },
  { "derived/dicomdir/IMAGES/MR000001", "+el +sv 7 +pt 2" },
  { "pydicom-data/color-px.dcm", "+el +sv 5" },
  /* DCT, as found */
  { "derived/CT_12bit_jpeg_ext.dcm", NULL },
  { "generated/emri_small_jpeg_ext12.dcm", NULL },
  { "pylibjpeg-data/JPEGExtended/RG2_JPLY.dcm", NULL },
  { "pylibjpeg-data/JPEGExtended/RG2_JPLY_fixed.dcm", NULL },
  { "pylibjpeg-data/JPEGExtended/JPEGExtended_3s_1f_u_08_08.dcm", NULL },
  { "derived/US_rgb_jpeg_baseline_ybr422.dcm", NULL },
  { "pylibjpeg-data/JPEGBaseline/JPEGBaseline_1s_1f_u_08_08.dcm", NULL },
  /* DCT, re-encoded: 12-bit, 8-bit subsampled colour */
  { "derived/dicomdir/IMAGES/MR000001", "+ee +q 75" },
  { "imgproc/ID_0000_AGE_0060_CONTRAST_1_CT.dcm", "+ee +q 95" },
  { "pydicom-data/emri_small.dcm", "+ee +q 95" },
  { "pydicom-data/color-px.dcm", "+ee +s2" },
  { "pydicom-data/color-px.dcm", "+eb +n1" },
  { "pydicom-data/color-px.dcm", "+eb +s4 +q 60" },
};

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/codec-jpeg/reference/%zu-%s%s%s", i,
                                               strrchr (cases[i].file, '/') + 1,
                                               cases[i].opts ? " " : "",
                                               cases[i].opts ? cases[i].opts : "");
      g_strdelimit (name + strlen ("/codec-jpeg/reference/"), "/ ", '_');
      g_test_add_data_func (name, &cases[i], test_reference);
    }
  static const char *const colour[] = {
    "jpeg-rgb-ids012", "jpeg-rgb-420-ids123", "jpeg-rgb-gdcm-420", "jpeg-rgb-jfif",
    "jpeg-rgb-adobe1", "jpeg-ybr-ids-rgb", "jpeg-ll-ybr-full",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (colour); i++)
    {
      g_autofree char *name = g_strdup_printf ("/codec-jpeg/colour/%s", colour[i]);
      g_test_add_data_func (name, colour[i], test_colour_rule);
    }
  g_test_add_func ("/codec-jpeg/lossless-synthetic", test_lossless_synthetic);
  g_test_add_func ("/codec-jpeg/dct-synthetic", test_dct_synthetic);
  g_test_add_func ("/codec-jpeg/damage", test_damage);
  if (g_test_perf ())
    g_test_add_func ("/codec-jpeg/speed", test_speed);
  return g_test_run ();
}
