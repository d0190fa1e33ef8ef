/* test-dicom-pixel.c: frame info and native unpacking on small synthetic files whose stored
 * values are known by construction (PS3.5 8.1.1 and Annex D: BitsStored/HighBit masking, sign
 * extension, planar configuration, 1-bit frames that do not start on a byte, big endian,
 * YBR_FULL_422 subsampling), and the errors for short, odd or oversized pixel data. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "lb-dicom-pixel.h"
#include "ppm-reference.h"
#include "lb-test-files.h"
#include "lb-test-read.h"

/* ---- A tiny explicit VR writer ---------------------------------------------------------- */

typedef struct {
  GByteArray *b;
  bool be;
} W;

static void
put16 (W *w, uint16_t v, bool be)
{
  uint8_t x[2] = { be ? v >> 8 : v & 0xff, be ? v & 0xff : v >> 8 };
  g_byte_array_append (w->b, x, 2);
}

static void
put32 (W *w, uint32_t v, bool be)
{
  put16 (w, be ? v >> 16 : v & 0xffff, be);
  put16 (w, be ? v & 0xffff : v >> 16, be);
}

static void
el (W *w, uint16_t g, uint16_t e, const char *vr, const void *val, uint32_t len)
{
  bool be = g == 2 ? false : w->be;
  put16 (w, g, be);
  put16 (w, e, be);
  g_byte_array_append (w->b, (const uint8_t *) vr, 2);
  if (!strcmp (vr, "OB") || !strcmp (vr, "OW") || !strcmp (vr, "OF") || !strcmp (vr, "OD"))
    {
      put16 (w, 0, be);
      put32 (w, len, be);
    }
  else
    put16 (w, (uint16_t) len, be);
  g_byte_array_append (w->b, val, len);
}

static void
el_us (W *w, uint16_t g, uint16_t e, uint16_t v)
{
  uint8_t x[2] = { w->be ? v >> 8 : v & 0xff, w->be ? v & 0xff : v >> 8 };
  el (w, g, e, "US", x, 2);
}

static void
el_str (W *w, uint16_t g, uint16_t e, const char *vr, const char *s)
{
  size_t n = strlen (s);
  char buf[80];
  memcpy (buf, s, n);
  if (n & 1)
    buf[n++] = !strcmp (vr, "UI") ? '\0' : ' ';
  el (w, g, e, vr, buf, (uint32_t) n);
}

/* A file with the Image Pixel module; pixel bytes are given already in the file's order. */
static GBytes *
make_file (bool be, uint16_t rows, uint16_t cols, uint16_t spp, uint16_t ba, uint16_t bs,
           uint16_t hb, uint16_t pr, const char *pi, uint16_t planar, const char *frames,
           const char *pixel_vr, const void *pixels, uint32_t pixel_len)
{
  W w = { g_byte_array_new (), false };
  uint8_t pre[128] = { 0 };
  g_byte_array_append (w.b, pre, 128);
  g_byte_array_append (w.b, (const uint8_t *) "DICM", 4);
  const char *ts = be ? "1.2.840.10008.1.2.2" : "1.2.840.10008.1.2.1";
  /* Group length first: 8 + (8 + 20 or 20) bytes of (0002,0010) padded. */
  size_t tl = strlen (ts) + (strlen (ts) & 1);
  uint32_t gl = (uint32_t) (8 + tl);
  uint8_t glb[4] = { gl & 0xff, gl >> 8, 0, 0 };
  el (&w, 2, 0, "UL", glb, 4);
  el_str (&w, 2, 0x10, "UI", ts);
  w.be = be;
  el_str (&w, 0x0008, 0x0060, "CS", "OT");
  el_us (&w, 0x0028, 0x0002, spp);
  el_str (&w, 0x0028, 0x0004, "CS", pi);
  if (spp == 3)
    el_us (&w, 0x0028, 0x0006, planar);
  if (frames != NULL)
    el_str (&w, 0x0028, 0x0008, "IS", frames);
  el_us (&w, 0x0028, 0x0010, rows);
  el_us (&w, 0x0028, 0x0011, cols);
  el_us (&w, 0x0028, 0x0100, ba);
  el_us (&w, 0x0028, 0x0101, bs);
  el_us (&w, 0x0028, 0x0102, hb);
  el_us (&w, 0x0028, 0x0103, pr);
  el (&w, 0x7fe0, 0x0010, pixel_vr, pixels, pixel_len);
  return g_byte_array_free_to_bytes (w.b);
}

static LbDicomFile *
parse (GBytes *bytes)
{
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;
  gsize n;
  const uint8_t *d = g_bytes_get_data (bytes, &n);
  g_assert_true (lb_dicom_file_read (f, d, n, LB_DICOM_READ_DEFAULT, &error));
  g_assert_null (error);
  return f;
}

static void
test_signed_12_in_16 (void)
{
  /* BitsStored 12, HighBit 11, signed: 0x0FFF is -1, 0x0800 is -2048, 0xF7FF has junk above
   * bit 11 and is 0x7FF = 2047. */
  uint8_t px[] = { 0xff, 0x0f, 0x00, 0x08, 0xff, 0xf7, 0x05, 0x00 };
  GBytes *b = make_file (false, 2, 2, 1, 16, 12, 11, 1, "MONOCHROME2", 0, NULL, "OW", px, 8);
  LbDicomFile *f = parse (b);
  LbDicomFrameInfo info;
  g_assert_true (lb_dicom_file_get_frame_info (f, &info, NULL));
  g_assert_cmpuint (info.rows, ==, 2);
  g_assert_cmpuint (info.frames, ==, 1);
  g_assert_cmpuint (info.bits_stored, ==, 12);
  LbDicomFrame *fr = decode (f, 0);
  g_assert_cmpint (fr->type, ==, LB_DICOM_SAMPLE_S16);
  const int16_t *v = fr->data;
  g_assert_cmpint (v[0], ==, -1);
  g_assert_cmpint (v[1], ==, -2048);
  g_assert_cmpint (v[2], ==, 2047);
  g_assert_cmpint (v[3], ==, 5);
  g_assert_cmpfloat (fr->min, ==, -2048);
  g_assert_cmpfloat (fr->max, ==, 2047);
  lb_dicom_frame_free (fr);
  lb_dicom_file_free (f);
  g_bytes_unref (b);
}

static void
test_high_bit_not_top (void)
{
  /* BitsStored 8 at HighBit 11 (bits 4..11), unsigned: 0x0AB0 -> 0xAB; 0xF12F -> 0x12. */
  uint8_t px[] = { 0xb0, 0x0a, 0x2f, 0xf1 };
  GBytes *b = make_file (false, 1, 2, 1, 16, 8, 11, 0, "MONOCHROME2", 0, NULL, "OW", px, 4);
  LbDicomFile *f = parse (b);
  LbDicomFrame *fr = decode (f, 0);
  const uint16_t *v = fr->data;
  g_assert_cmpuint (v[0], ==, 0xab);
  g_assert_cmpuint (v[1], ==, 0x12);
  lb_dicom_frame_free (fr);
  lb_dicom_file_free (f);
  g_bytes_unref (b);
}

static void
test_big_endian (void)
{
  /* Big endian 16-bit signed, 2 frames of 1x2: 0x8000 = -32768, 0x0102 = 258, ... */
  uint8_t px[] = { 0x80, 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x07 };
  GBytes *b = make_file (true, 1, 2, 1, 16, 16, 15, 1, "MONOCHROME2", 0, "2", "OW", px, 8);
  LbDicomFile *f = parse (b);
  LbDicomFrame *fr = decode (f, 1);
  const int16_t *v = fr->data;
  g_assert_cmpint (v[0], ==, -2);
  g_assert_cmpint (v[1], ==, 7);
  lb_dicom_frame_free (fr);
  fr = decode (f, 0);
  v = fr->data;
  g_assert_cmpint (v[0], ==, -32768);
  g_assert_cmpint (v[1], ==, 258);
  lb_dicom_frame_free (fr);
  lb_dicom_file_free (f);
  g_bytes_unref (b);
}

static void
test_planar (void)
{
  /* 1x2 RGB, planar configuration 1: R R G G B B. */
  uint8_t px[] = { 10, 11, 20, 21, 30, 31 };
  GBytes *b = make_file (false, 1, 2, 3, 8, 8, 7, 0, "RGB", 1, NULL, "OB", px, 6);
  LbDicomFile *f = parse (b);
  LbDicomFrame *fr = decode (f, 0);
  const uint8_t *v = fr->data;
  uint8_t want[] = { 10, 20, 30, 11, 21, 31 };
  g_assert_cmpmem (v, 6, want, 6);
  g_assert_cmpuint (fr->samples, ==, 3);
  lb_dicom_frame_free (fr);
  lb_dicom_file_free (f);
  g_bytes_unref (b);
}

static void
test_one_bit_unaligned (void)
{
  /* 3 frames of 1x3 = 9 bits, least significant bit first: frame 2 starts at bit 3,
   * frame 3 at bit 6 and runs into the second byte. Bits: 1 0 1 | 0 1 1 | 1 0 0 */
  uint8_t px[] = { 0x75, 0x00 };   /* 0111 0101: bits0..7 = 1 0 1 0 1 1 1 0; bit 8 = 0 */
  GBytes *b = make_file (false, 1, 3, 1, 1, 1, 0, 0, "MONOCHROME2", 0, "3", "OB", px, 2);
  LbDicomFile *f = parse (b);
  uint8_t want[3][3] = { { 1, 0, 1 }, { 0, 1, 1 }, { 1, 0, 0 } };
  for (uint32_t i = 0; i < 3; i++)
    {
      LbDicomFrame *fr = decode (f, i);
      g_assert_cmpint (fr->type, ==, LB_DICOM_SAMPLE_U8);
      g_assert_cmpmem (fr->data, 3, want[i], 3);
      lb_dicom_frame_free (fr);
    }
  lb_dicom_file_free (f);
  g_bytes_unref (b);
}

static void
test_ybr_422 (void)
{
  /* Native YBR_FULL_422, 1x2: Y1 Y2 Cb Cr, both pixels sharing Cb = Cr = 128. Grey in theory;
   * DCMTK (dcm2pnm) shows G one lower, as its constants (0.3441 + 0.7141) * 128 exceed
   * 0.5291 * 255 and it truncates, and Lightbox shows what DCMTK shows. */
  uint8_t px[] = { 50, 200, 128, 128 };
  GBytes *b = make_file (false, 1, 2, 3, 8, 8, 7, 0, "YBR_FULL_422", 0, NULL, "OB", px, 4);
  LbDicomFile *f = parse (b);
  LbDicomFrame *fr = decode (f, 0);
  uint8_t want[] = { 50, 49, 50, 200, 199, 200 };
  g_assert_cmpmem (fr->data, 6, want, 6);
  g_assert_cmpint (fr->photometric, ==, LB_DICOM_PHOTOMETRIC_RGB);
  lb_dicom_frame_free (fr);
  lb_dicom_file_free (f);
  g_bytes_unref (b);

  /* YBR_FULL with colour: Y 100, Cb 128, Cr 228: R = 100 + 1.402 * 100 = 240.2 -> 240,
   * G = 100 - 0.714136 * 100 = 28.59 -> 29, B = 100 (dcm2pnm: 240 29 100). */
  uint8_t px2[] = { 100, 128, 228, 0 };
  b = make_file (false, 1, 1, 3, 8, 8, 7, 0, "YBR_FULL", 0, NULL, "OB", px2, 4);
  f = parse (b);
  fr = decode (f, 0);
  uint8_t want2[] = { 240, 29, 100 };
  g_assert_cmpmem (fr->data, 3, want2, 3);
  lb_dicom_frame_free (fr);
  lb_dicom_file_free (f);
  g_bytes_unref (b);
}

static void
expect_error (GBytes *b, uint32_t index, LbDicomErrorCode code)
{
  LbDicomFile *f = parse (b);
  LbDicomFrame *fr = NULL;
  LbDicomError *error = NULL;
  g_assert_false (lb_dicom_file_decode_frame (f, index, &fr, &error));
  g_assert_null (fr);
  g_assert_nonnull (error);
  g_assert_cmpint (error->code, ==, code);
  g_assert_true (error->message != NULL && error->message[0] != '\0');
  lb_dicom_error_free (error);
  lb_dicom_file_free (f);
  g_bytes_unref (b);
}

/* Native YBR becomes the RGB DCMTK 3.6.7 shows (dcm2pnm), exactly: tests/data holds 8-bit
 * YBR_FULL, YBR_FULL_422 and 16-bit YBR_FULL with random samples and the corners of the cube. */
static void
test_ybr_as_dcmtk (gconstpointer name)
{
  ppm_reference_check (name, 0);
}

static void
test_errors (void)
{
  uint8_t px[16] = { 0 };
  /* 2x2 16-bit needs 8 bytes per frame: 2 frames in 6 bytes is short. */
  expect_error (make_file (false, 2, 2, 1, 16, 16, 15, 0, "MONOCHROME2", 0, "2", "OW", px, 6),
                0, LB_DICOM_ERROR_TRUNCATED);
  expect_error (make_file (false, 2, 2, 1, 16, 16, 15, 0, "MONOCHROME2", 0, "2", "OW", px, 12),
                1, LB_DICOM_ERROR_TRUNCATED);
  /* Frame index past Number of Frames. */
  expect_error (make_file (false, 1, 1, 1, 8, 8, 7, 0, "MONOCHROME2", 0, NULL, "OB", px, 2),
                1, LB_DICOM_ERROR_INVALID_ARGUMENT);
  /* Bits Stored larger than Bits Allocated; Bits Allocated 12; rows 0. */
  expect_error (make_file (false, 1, 1, 1, 8, 9, 8, 0, "MONOCHROME2", 0, NULL, "OB", px, 2),
                0, LB_DICOM_ERROR_MALFORMED);
  expect_error (make_file (false, 1, 1, 1, 12, 12, 11, 0, "MONOCHROME2", 0, NULL, "OW", px, 2),
                0, LB_DICOM_ERROR_UNSUPPORTED);
  expect_error (make_file (false, 0, 1, 1, 8, 8, 7, 0, "MONOCHROME2", 0, NULL, "OB", px, 2),
                0, LB_DICOM_ERROR_MALFORMED);
  /* 65535 x 65535 x 3 x 4 bytes: over the default 1 GiB frame limit, checked before malloc. */
  expect_error (make_file (false, 65535, 65535, 3, 32, 32, 31, 0, "RGB", 0, NULL, "OW", px, 16),
                0, LB_DICOM_ERROR_LIMIT);
}

static void
test_photometric_names (void)
{
  g_assert_cmpint (lb_dicom_photometric_from_string ("PALETTE COLOR "), ==,
                   LB_DICOM_PHOTOMETRIC_PALETTE_COLOR);
  g_assert_cmpint (lb_dicom_photometric_from_string ("MONOCHROME1"), ==,
                   LB_DICOM_PHOTOMETRIC_MONOCHROME1);
  g_assert_cmpint (lb_dicom_photometric_from_string ("nonsense"), ==,
                   LB_DICOM_PHOTOMETRIC_UNKNOWN);
  g_assert_cmpstr (lb_dicom_photometric_name (LB_DICOM_PHOTOMETRIC_YBR_FULL_422), ==,
                   "YBR_FULL_422");
  g_assert_true (lb_dicom_photometric_is_grey (LB_DICOM_PHOTOMETRIC_MONOCHROME1));
  g_assert_false (lb_dicom_photometric_is_grey (LB_DICOM_PHOTOMETRIC_RGB));
}

/* Files with special pipelines: Modality LUT Sequence, VOI LUT Sequence, palette (from
 * tests/samples; the LUT files are pydicom-data's mlut_18 and vlut_04 cut to 64 x 64 pixels). */
static void
test_corpus_luts (void)
{
  g_autofree char *mlut = lb_test_file ("generated/mlut_18_64.dcm");
  g_autofree char *vlut = lb_test_file ("generated/vlut_04_64.dcm");
  g_autofree char *pal = lb_test_file ("pydicom-data/OT-PAL-8-face.dcm");
  LbDicomFile *f = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read_path (f, mlut, LB_DICOM_READ_DEFAULT, NULL));
  LbDicomImageInfo *ii = lb_dicom_file_get_image_info (f, 0, NULL);
  g_assert_nonnull (ii);
  g_assert_nonnull (ii->modality_lut);
  /* LUT Descriptor [4096, -2048, 16] (SS): entries for stored -2048..2047. */
  g_assert_cmpuint (ii->modality_lut->count, ==, 4096);
  g_assert_cmpint (ii->modality_lut->first_mapped, ==, -2048);
  g_assert_cmpuint (ii->modality_lut->data[0], ==, 0);
  g_assert_cmpuint (ii->modality_lut->data[4095], ==, 65535);
  LbDicomDisplay d;
  lb_dicom_display_init (&d, ii, NULL);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, -2048), ==, 0);
  g_assert_cmpfloat (lb_dicom_stored_to_modality (&d, -2047), ==, 16);
  lb_dicom_image_info_free (ii);
  lb_dicom_file_free (f);

  f = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read_path (f, vlut, LB_DICOM_READ_DEFAULT, NULL));
  ii = lb_dicom_file_get_image_info (f, 0, NULL);
  g_assert_nonnull (ii);
  g_assert_cmpuint (ii->n_voi_luts, >=, 1);
  lb_dicom_display_init (&d, ii, NULL);
  g_assert_cmpint (d.voi_source, ==, ii->n_windows > 0 ? LB_DICOM_VOI_SOURCE_WINDOW
                                                        : LB_DICOM_VOI_SOURCE_LUT);
  lb_dicom_image_info_free (ii);
  lb_dicom_file_free (f);

  f = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read_path (f, pal, LB_DICOM_READ_DEFAULT, NULL));
  ii = lb_dicom_file_get_image_info (f, 0, NULL);
  g_assert_nonnull (ii);
  g_assert_nonnull (ii->palette[0]);
  g_assert_cmpuint (ii->palette[0]->count, ==, 200);   /* descriptor [200, 0, 16] */
  LbDicomFrame *fr = decode (f, 0);
  g_assert_cmpuint (fr->samples, ==, 3);
  /* Pixel 0's index looked up in each palette gives the RGB sample. */
  lb_dicom_frame_free (fr);
  lb_dicom_image_info_free (ii);
  lb_dicom_file_free (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pixel/signed-12-in-16", test_signed_12_in_16);
  g_test_add_func ("/pixel/high-bit-not-top", test_high_bit_not_top);
  g_test_add_func ("/pixel/big-endian", test_big_endian);
  g_test_add_func ("/pixel/planar", test_planar);
  g_test_add_func ("/pixel/one-bit-unaligned", test_one_bit_unaligned);
  g_test_add_func ("/pixel/ybr", test_ybr_422);
  g_test_add_data_func ("/pixel/ybr-as-dcmtk/full-8", "ybr-full-8", test_ybr_as_dcmtk);
  g_test_add_data_func ("/pixel/ybr-as-dcmtk/full-422-8", "ybr-full-422-8", test_ybr_as_dcmtk);
  g_test_add_data_func ("/pixel/ybr-as-dcmtk/full-16", "ybr-full-16", test_ybr_as_dcmtk);
  g_test_add_func ("/pixel/errors", test_errors);
  g_test_add_func ("/pixel/photometric-names", test_photometric_names);
  g_test_add_func ("/pixel/corpus-luts", test_corpus_luts);
  return g_test_run ();
}
