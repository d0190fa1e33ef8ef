/* test-dicom-parse.c: transfer syntaxes, sequences, fragments, private creators, limits,
 * header-only mode, truncation, and every corpus file against pydicom. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <zlib.h>

#include "lb-dicom.h"
#include "lb-test-files.h"

#include "dicom-builder.h"

/* A small dataset in the builder's encoding: patient name, a sequence of two items with a
 * nested sequence, rows, columns, pixel data. */
static void
basic_dataset (Builder *b, gboolean undefined)
{
  str (b, 0x0008, 0x0005, "CS", "ISO_IR 100");
  str (b, 0x0008, 0x0060, "CS", "CT");
  str (b, 0x0010, 0x0010, "PN", "Doe^John");
  if (undefined)
    {
      header (b, 0x0008, 0x1140, "SQ", LB_DICOM_UNDEFINED_LENGTH);
      item (b, LB_DICOM_UNDEFINED_LENGTH);
      str (b, 0x0008, 0x1150, "UI", "1.2.3");
      header (b, 0x0040, 0xa730, "SQ", LB_DICOM_UNDEFINED_LENGTH);
      item (b, LB_DICOM_UNDEFINED_LENGTH);
      str (b, 0x0040, 0xa040, "CS", "TEXT");
      item_end (b);
      seq_end (b);
      item_end (b);
      item (b, LB_DICOM_UNDEFINED_LENGTH);
      item_end (b);
      seq_end (b);
    }
  else
    {
      /* The same with defined lengths: item 1 = UI(8+6) + SQ(8|12 + item 8 + CS 8+4). */
      gboolean ex = b->explicit_vr;
      guint32 cs = 8 + 4, inner_item = 8 + cs, inner_sq = (ex ? 12 : 8) + inner_item;
      guint32 ui = 8 + 6, item1 = ui + inner_sq;
      header (b, 0x0008, 0x1140, "SQ", 8 + item1 + 8);
      item (b, item1);
      str (b, 0x0008, 0x1150, "UI", "1.2.3");
      header (b, 0x0040, 0xa730, "SQ", inner_item);
      item (b, cs);
      str (b, 0x0040, 0xa040, "CS", "TEXT");
      item (b, 0);
    }
  us (b, 0x0028, 0x0010, 4);
  us (b, 0x0028, 0x0011, 2);
  guint16 px[8] = { 1, 2, 3, 4, 5, 6, 7, 0xfffe };
  header (b, 0x7fe0, 0x0010, "OW", sizeof px);
  for (guint i = 0; i < 8; i++)
    put16 (b, px[i]);
}

static LbDicomFile *
parse_bytes (GBytes *bytes, LbDicomReadFlags flags, LbDicomError **error)
{
  LbDicomFile *f = lb_dicom_file_new (NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  lb_dicom_file_read (f, data, len, flags, error);
  return f;
}

static void
check_basic (LbDicomFile *f, gboolean be)
{
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (f);
  g_assert_cmpuint (lb_dicom_dataset_count (ds), ==, 7);
  g_autofree char *name = lb_dicom_file_get_string (f, LB_DICOM_TAG (0x0010, 0x0010));
  g_assert_cmpstr (name, ==, "Doe^John");
  int64_t rows = 0, cols = 0;
  g_assert_true (lb_dicom_file_get_int (f, LB_DICOM_TAG (0x0028, 0x0010), &rows));
  g_assert_true (lb_dicom_file_get_int (f, LB_DICOM_TAG (0x0028, 0x0011), &cols));
  g_assert_cmpint (rows, ==, 4);
  g_assert_cmpint (cols, ==, 2);
  g_assert_cmpstr (lb_dicom_dataset_get_charset (ds), ==, "ISO_IR 100");

  const LbDicomElement *sq = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0008, 0x1140));
  g_assert_true (lb_dicom_element_is_sequence (sq));
  g_assert_cmpint (lb_dicom_element_get_vr (sq), ==, LB_DICOM_VR_SQ);
  g_assert_cmpuint (lb_dicom_element_get_item_count (sq), ==, 2);
  g_assert_cmpuint (lb_dicom_element_get_vm (sq), ==, 2);
  const LbDicomDataset *it = lb_dicom_element_get_item (sq, 0);
  g_assert_cmpuint (lb_dicom_dataset_get_depth (it), ==, 1);
  g_assert_cmpstr (lb_dicom_dataset_get_charset (it), ==, "ISO_IR 100");
  g_assert_cmpuint (lb_dicom_dataset_count (it), ==, 2);
  g_assert_cmpuint (lb_dicom_dataset_count (lb_dicom_element_get_item (sq, 1)), ==, 0);
  g_assert_null (lb_dicom_element_get_item (sq, 2));
  const LbDicomElement *uid = lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x0008, 0x1150));
  g_autofree char *uids = lb_dicom_element_get_string (uid, 0);
  g_assert_cmpstr (uids, ==, "1.2.3");
  g_assert_true (lb_dicom_element_get_parent (uid) == it);
  const LbDicomElement *inner = lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x0040, 0xa730));
  g_assert_cmpuint (lb_dicom_element_get_item_count (inner), ==, 1);
  const LbDicomDataset *it2 = lb_dicom_element_get_item (inner, 0);
  g_assert_cmpuint (lb_dicom_dataset_get_depth (it2), ==, 2);
  g_autofree char *text = lb_dicom_element_get_string (
    lb_dicom_dataset_lookup (it2, LB_DICOM_TAG (0x0040, 0xa040)), 0);
  g_assert_cmpstr (text, ==, "TEXT");

  const LbDicomElement *px = lb_dicom_file_lookup (f, LB_DICOM_TAG_PIXEL_DATA);
  size_t len;
  const uint8_t *bytes = lb_dicom_element_get_bytes (px, &len);
  g_assert_cmpuint (len, ==, 16);
  g_assert_cmpint (lb_dicom_element_is_big_endian (px), ==, be);
  g_assert_cmphex (bytes[14], ==, be ? 0xff : 0xfe);
  uint64_t last = 0;
  g_assert_true (lb_dicom_element_get_uint (px, 7, &last));
  g_assert_cmphex (last, ==, 0xfffe);
}

typedef struct {
  const char *ts;
  gboolean explicit_vr, be, undefined;
} SyntaxCase;

static void
test_syntax (gconstpointer data)
{
  const SyntaxCase *sc = data;
  Builder b = builder (sc->explicit_vr, sc->be);
  basic_dataset (&b, sc->undefined);
  g_autoptr (GBytes) file = make_file (sc->ts, &b, TRUE);
  LbDicomError *err = NULL;
  LbDicomFile *f = parse_bytes (file, 0, &err);
  g_assert_null (err);
  g_assert_null (lb_dicom_file_get_error (f));
  g_assert_cmpstr (lb_dicom_file_get_transfer_syntax (f), ==, sc->ts);
  g_assert_true (lb_dicom_file_has_preamble (f));
  g_assert_cmpint (lb_dicom_file_is_explicit_vr (f), ==, sc->explicit_vr);
  g_assert_cmpint (lb_dicom_file_is_big_endian (f), ==, sc->be);
  g_assert_cmpuint (lb_dicom_dataset_count (lb_dicom_file_get_meta (f)), ==, 3);
  check_basic (f, sc->be);
  /* The offset of the first dataset element is right after the meta group. */
  const LbDicomElement *first = lb_dicom_dataset_get (lb_dicom_file_get_dataset (f), 0);
  g_assert_cmpuint (lb_dicom_element_get_offset (first), ==,
                    lb_dicom_dataset_get_offset (lb_dicom_file_get_dataset (f)));
  lb_dicom_file_free (f);
}

static GBytes *
deflate_raw (const guint8 *data, gsize len)
{
  z_stream z = { 0 };
  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  gsize cap = deflateBound (&z, len) + 16;
  guint8 *out = g_malloc (cap);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) len;
  z.next_out = out;
  z.avail_out = (uInt) cap;
  g_assert_cmpint (deflate (&z, Z_FINISH), ==, Z_STREAM_END);
  gsize n = cap - z.avail_out;
  deflateEnd (&z);
  return g_bytes_new_take (out, n);
}

static void
test_deflated_fixture (void)
{
  Builder b = builder (TRUE, FALSE);
  basic_dataset (&b, TRUE);
  g_autoptr (GBytes) raw = g_byte_array_free_to_bytes (b.b);
  g_autoptr (GBytes) z = deflate_raw (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  Builder zb = builder (TRUE, FALSE);
  g_byte_array_append (zb.b, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  g_autoptr (GBytes) file = make_file ("1.2.840.10008.1.2.1.99", &zb, TRUE);
  LbDicomError *err = NULL;
  LbDicomFile *f = parse_bytes (file, 0, &err);
  g_assert_null (err);
  g_assert_true (lb_dicom_file_is_deflated (f));
  check_basic (f, FALSE);
  size_t len;
  lb_dicom_file_get_bytes (f, &len);
  g_assert_cmpuint (len, ==, g_bytes_get_size (raw));
  lb_dicom_file_free (f);
}

static void
test_deflate_bomb (void)
{
  /* 64 MiB of zeros deflate to about 64 KiB; with a 16 MiB value limit it must fail cleanly. */
  gsize n = 64u << 20;
  guint8 *zeros = g_malloc0 (n);
  g_autoptr (GBytes) z = deflate_raw (zeros, n);
  g_free (zeros);
  Builder zb = builder (TRUE, FALSE);
  g_byte_array_append (zb.b, g_bytes_get_data (z, NULL), g_bytes_get_size (z));
  g_autoptr (GBytes) file = make_file ("1.2.840.10008.1.2.1.99", &zb, TRUE);
  LbDicomLimits lim;
  lb_dicom_limits_init_default (&lim);
  lim.max_value_length = 16u << 20;
  LbDicomFile *f = lb_dicom_file_new (&lim);
  LbDicomError *err = NULL;
  g_assert_false (lb_dicom_file_read (f, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                      0, &err));
  g_assert_nonnull (err);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_LIMIT);
  g_test_message ("bomb: %s", err->message);
  g_clear_pointer (&err, lb_dicom_error_free);
  lb_dicom_file_free (f);

  /* Garbage after the meta of a deflated file: an error, not a crash. */
  Builder gb = builder (TRUE, FALSE);
  g_byte_array_append (gb.b, (const guint8 *) "\xff\xff\xff\xff garbage", 12);
  g_autoptr (GBytes) bad = make_file ("1.2.840.10008.1.2.1.99", &gb, TRUE);
  f = parse_bytes (bad, 0, &err);
  g_assert_nonnull (err);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_MALFORMED);
  lb_dicom_error_free (err);
  lb_dicom_file_free (f);
}

static void
test_no_preamble_no_meta (void)
{
  for (int mode = 0; mode < 3; mode++)
    {
      Builder b = builder (mode != 0, mode == 2);
      basic_dataset (&b, mode == 0);
      LbDicomFile *f = lb_dicom_file_new (NULL);
      LbDicomError *err = NULL;
      g_assert_true (lb_dicom_file_read (f, b.b->data, b.b->len, 0, &err));
      g_assert_false (lb_dicom_file_has_preamble (f));
      g_assert_cmpuint (lb_dicom_dataset_count (lb_dicom_file_get_meta (f)), ==, 0);
      g_assert_cmpstr (lb_dicom_file_get_transfer_syntax (f), ==,
                       mode == 0 ? "1.2.840.10008.1.2" : mode == 1 ? "1.2.840.10008.1.2.1"
                                                                   : "1.2.840.10008.1.2.2");
      check_basic (f, mode == 2);
      lb_dicom_file_free (f);
      g_byte_array_unref (b.b);
    }

  /* Meta without the preamble. */
  Builder b = builder (TRUE, FALSE);
  basic_dataset (&b, FALSE);
  g_autoptr (GBytes) file = make_file ("1.2.840.10008.1.2.1", &b, FALSE);
  LbDicomFile *f = parse_bytes (file, 0, NULL);
  g_assert_null (lb_dicom_file_get_error (f));
  g_assert_false (lb_dicom_file_has_preamble (f));
  check_basic (f, FALSE);
  lb_dicom_file_free (f);
}

static void
test_not_dicom (void)
{
  const char *inputs[] = { "", "hello world, this is text", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR" };
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      LbDicomFile *f = lb_dicom_file_new (NULL);
      LbDicomError *err = NULL;
      g_assert_false (lb_dicom_file_read (f, (const guint8 *) inputs[i], strlen (inputs[i]) + 1,
                                          0, &err));
      g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_NOT_DICOM);
      /* A failed read stays failed. */
      LbDicomError *again = NULL;
      g_assert_false (lb_dicom_file_read (f, (const guint8 *) "x", 1, 0, &again));
      g_assert_cmpint (again->code, ==, LB_DICOM_ERROR_NOT_DICOM);
      g_assert_cmpint (lb_dicom_file_get_error (f)->code, ==, LB_DICOM_ERROR_NOT_DICOM);
      lb_dicom_error_free (err);
      lb_dicom_error_free (again);
      lb_dicom_file_free (f);
    }
}

static void
test_truncated_keeps_elements (void)
{
  Builder b = builder (TRUE, FALSE);
  basic_dataset (&b, FALSE);
  g_autoptr (GBytes) file = make_file ("1.2.840.10008.1.2.1", &b, TRUE);
  gsize len;
  const guint8 *data = g_bytes_get_data (file, &len);
  /* Cut inside the value of (0028,0010): its header is at len - 16 - 12 - 10 - 10. */
  gsize rows_at = len - 16 - 12 - 10 - 10;
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *err = NULL;
  g_assert_false (lb_dicom_file_read (f, data, rows_at + 9, 0, &err));
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_TRUNCATED);
  g_assert_cmphex (err->tag, ==, 0x00280010);
  g_assert_cmpint (err->offset, ==, (gint64) rows_at);
  g_autofree char *msg = g_strdup_printf ("truncated value of (0028,0010) at byte %zu", rows_at);
  g_assert_cmpstr (err->message, ==, msg);
  /* Elements before the failure stay readable, sequences included. */
  g_assert_cmpuint (lb_dicom_dataset_count (lb_dicom_file_get_dataset (f)), ==, 4);
  g_autofree char *name = lb_dicom_file_get_string (f, LB_DICOM_TAG (0x0010, 0x0010));
  g_assert_cmpstr (name, ==, "Doe^John");
  lb_dicom_error_free (err);
  lb_dicom_file_free (f);

  /* Every prefix either parses or fails with an error; never crashes (ASan/valgrind runs). */
  for (gsize n = 0; n <= len; n++)
    {
      LbDicomFile *g = lb_dicom_file_new (NULL);
      LbDicomError *e = NULL;
      bool ok = lb_dicom_file_read (g, data, n, 0, &e);
      g_assert_true (ok == (e == NULL));
      lb_dicom_error_free (e);
      lb_dicom_file_free (g);
    }
}

static void
test_undefined_truncations (void)
{
  Builder b = builder (FALSE, FALSE);
  basic_dataset (&b, TRUE);
  for (gsize n = 0; n <= b.b->len; n++)
    {
      LbDicomFile *g = lb_dicom_file_new (NULL);
      LbDicomError *e = NULL;
      bool ok = lb_dicom_file_read (g, b.b->data, n, 0, &e);
      g_assert_true (ok == (e == NULL));
      lb_dicom_error_free (e);
      lb_dicom_file_free (g);
    }
  g_byte_array_unref (b.b);
}

static void
test_header_only (void)
{
  Builder b = builder (TRUE, FALSE);
  basic_dataset (&b, FALSE);
  g_autoptr (GBytes) file = make_file ("1.2.840.10008.1.2.1", &b, TRUE);
  gsize len;
  const guint8 *data = g_bytes_get_data (file, &len);
  /* Give it only the bytes up to and including the pixel data tag: it must not need more. */
  gsize tag_at = len - 16 - 12;
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *err = NULL;
  g_assert_true (lb_dicom_file_read (f, data, tag_at + 4, LB_DICOM_READ_STOP_BEFORE_PIXELS, &err));
  g_assert_null (err);
  g_assert_cmpuint (lb_dicom_dataset_count (lb_dicom_file_get_dataset (f)), ==, 6);
  g_assert_null (lb_dicom_file_lookup (f, LB_DICOM_TAG_PIXEL_DATA));
  lb_dicom_file_free (f);
}

static void
test_wrong_meta_syntax (void)
{
  /* The meta says explicit VR, the dataset is implicit (and the reverse): the bytes win, as in
   * pydicom and DCMTK; the UID stays what the meta says. */
  for (int explicit_data = 0; explicit_data <= 1; explicit_data++)
    {
      Builder b = builder (explicit_data, FALSE);
      basic_dataset (&b, FALSE);
      const char *ts = explicit_data ? "1.2.840.10008.1.2" : "1.2.840.10008.1.2.1";
      g_autoptr (GBytes) file = make_file (ts, &b, TRUE);
      LbDicomFile *f = parse_bytes (file, 0, NULL);
      g_assert_null (lb_dicom_file_get_error (f));
      g_assert_cmpint (lb_dicom_file_is_explicit_vr (f), ==, explicit_data);
      g_assert_cmpstr (lb_dicom_file_get_transfer_syntax (f), ==, ts);
      check_basic (f, FALSE);
      lb_dicom_file_free (f);
    }
}

static void
test_fragments (void)
{
  Builder b = builder (TRUE, FALSE);
  us (&b, 0x0028, 0x0010, 1);
  header (&b, 0x7fe0, 0x0010, "OB", LB_DICOM_UNDEFINED_LENGTH);
  item (&b, 4);
  put32 (&b, 0);
  item (&b, 6);
  g_byte_array_append (b.b, (const guint8 *) "abcdef", 6);
  item (&b, 0);
  seq_end (&b);
  g_autoptr (GBytes) file = make_file ("1.2.840.10008.1.2.4.50", &b, TRUE);
  LbDicomFile *f = parse_bytes (file, 0, NULL);
  g_assert_null (lb_dicom_file_get_error (f));
  const LbDicomElement *px = lb_dicom_file_lookup (f, LB_DICOM_TAG_PIXEL_DATA);
  g_assert_true (lb_dicom_element_is_encapsulated (px));
  g_assert_false (lb_dicom_element_is_sequence (px));
  g_assert_cmphex (lb_dicom_element_get_length (px), ==, LB_DICOM_UNDEFINED_LENGTH);
  g_assert_cmpuint (lb_dicom_element_get_fragment_count (px), ==, 3);
  size_t len;
  uint64_t off;
  const uint8_t *frag = lb_dicom_element_get_fragment (px, 1, &len, &off);
  g_assert_cmpuint (len, ==, 6);
  g_assert_cmpmem (frag, 6, "abcdef", 6);
  gsize flen;
  const guint8 *fdata = g_bytes_get_data (file, &flen);
  g_assert_cmpmem (fdata + off, 6, "abcdef", 6);
  g_assert_null (lb_dicom_element_get_fragment (px, 3, &len, &off));
  g_assert_null (lb_dicom_element_get_bytes (px, &len));
  g_assert_cmpuint (len, ==, 0);
  lb_dicom_file_free (f);
}

static void
test_private_creators (void)
{
  Builder b = builder (FALSE, FALSE);
  str (&b, 0x0009, 0x0010, "LO", "ACME 1.0 ");
  str (&b, 0x0009, 0x0011, "LO", "OTHER");
  str (&b, 0x0009, 0x1001, "LO", "value in block 10");
  str (&b, 0x0009, 0x1101, "LO", "value in block 11");
  str (&b, 0x0009, 0x1201, "LO", "no creator");
  str (&b, 0x0010, 0x0010, "PN", "X");
  LbDicomFile *f = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read (f, b.b->data, b.b->len, 0, NULL));
  const LbDicomElement *c = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0009, 0x0010));
  g_assert_cmpint (lb_dicom_element_get_vr (c), ==, LB_DICOM_VR_LO);
  g_assert_cmpstr (lb_dicom_element_get_keyword (c), ==, "PrivateCreator");
  g_assert_cmpstr (lb_dicom_element_get_name (c), ==, "Private Creator");
  const LbDicomElement *v1 = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0009, 0x1001));
  const LbDicomElement *v2 = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0009, 0x1101));
  const LbDicomElement *v3 = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0009, 0x1201));
  g_assert_cmpstr (lb_dicom_element_get_private_creator (v1), ==, "ACME 1.0");
  g_assert_cmpstr (lb_dicom_element_get_private_creator (v2), ==, "OTHER");
  g_assert_null (lb_dicom_element_get_private_creator (v3));
  g_assert_null (lb_dicom_element_get_keyword (v1));
  g_assert_cmpint (lb_dicom_element_get_vr (v1), ==, LB_DICOM_VR_UN);   /* implicit: unknown */
  g_assert_null (lb_dicom_element_get_private_creator (
    lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0010, 0x0010))));
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
}

static void
test_un_sequence_fixture (void)
{
  /* Explicit VR BE file with a UN of undefined length: its content is implicit VR LE. */
  Builder b = builder (TRUE, TRUE);
  str (&b, 0x0008, 0x0060, "CS", "CT");
  header (&b, 0x0009, 0x1010, "UN", LB_DICOM_UNDEFINED_LENGTH);
  Builder in = builder (FALSE, FALSE);
  item (&in, LB_DICOM_UNDEFINED_LENGTH);
  us (&in, 0x0028, 0x0010, 7);
  item_end (&in);
  seq_end (&in);
  g_byte_array_append (b.b, in.b->data, in.b->len);
  g_byte_array_unref (in.b);
  us (&b, 0x0028, 0x0011, 9);
  g_autoptr (GBytes) file = make_file ("1.2.840.10008.1.2.2", &b, TRUE);
  LbDicomFile *f = parse_bytes (file, 0, NULL);
  g_assert_null (lb_dicom_file_get_error (f));
  const LbDicomElement *un = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0009, 0x1010));
  g_assert_cmpint (lb_dicom_element_get_vr (un), ==, LB_DICOM_VR_UN);
  g_assert_true (lb_dicom_element_is_sequence (un));
  const LbDicomDataset *it = lb_dicom_element_get_item (un, 0);
  int64_t v = 0;
  g_assert_true (lb_dicom_element_get_int (lb_dicom_dataset_lookup (it, 0x00280010), 0, &v));
  g_assert_cmpint (v, ==, 7);
  g_assert_true (lb_dicom_file_get_int (f, 0x00280011, &v));
  g_assert_cmpint (v, ==, 9);
  lb_dicom_file_free (f);
}

static LbDicomError *
parse_with_limits (const guint8 *data, gsize len, const LbDicomLimits *lim)
{
  LbDicomFile *f = lb_dicom_file_new (lim);
  LbDicomError *err = NULL;
  lb_dicom_file_read (f, data, len, 0, &err);
  lb_dicom_file_free (f);
  return err;
}

static void
test_limits (void)
{
  /* 40 nested undefined-length sequences. */
  Builder b = builder (FALSE, FALSE);
  for (int i = 0; i < 40; i++)
    {
      header (&b, 0x0008, 0x1140, "SQ", LB_DICOM_UNDEFINED_LENGTH);
      item (&b, LB_DICOM_UNDEFINED_LENGTH);
    }
  for (int i = 0; i < 40; i++)
    {
      item_end (&b);
      seq_end (&b);
    }
  LbDicomLimits lim;
  lb_dicom_limits_init_default (&lim);
  LbDicomError *err = parse_with_limits (b.b->data, b.b->len, &lim);
  g_assert_nonnull (err);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_LIMIT);
  g_test_message ("depth: %s", err->message);
  lb_dicom_error_free (err);
  lim.max_depth = 40;
  err = parse_with_limits (b.b->data, b.b->len, &lim);
  g_assert_null (err);
  g_byte_array_unref (b.b);

  /* Element count: 1000 elements against a limit of 999, then 1000. */
  b = builder (TRUE, FALSE);
  for (int i = 0; i < 1000; i++)
    us (&b, 0x0009, (guint16) (0x1000 + i), 1);
  lb_dicom_limits_init_default (&lim);
  lim.max_elements = 999;
  err = parse_with_limits (b.b->data, b.b->len, &lim);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_LIMIT);
  lb_dicom_error_free (err);
  lim.max_elements = 1000;
  g_assert_null (parse_with_limits (b.b->data, b.b->len, &lim));
  g_byte_array_unref (b.b);

  /* Value length above the limit, and a length beyond the end (never an allocation). */
  b = builder (TRUE, FALSE);
  header (&b, 0x0008, 0x0016, "UT", 100);
  g_byte_array_append (b.b, (const guint8 *) "0123456789", 10);
  lb_dicom_limits_init_default (&lim);
  lim.max_value_length = 64;
  err = parse_with_limits (b.b->data, b.b->len, &lim);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_LIMIT);
  lb_dicom_error_free (err);
  err = parse_with_limits (b.b->data, b.b->len, NULL);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_TRUNCATED);
  lb_dicom_error_free (err);
  g_byte_array_unref (b.b);

  /* A huge undefined-length loop of empty items stays linear and bounded by max_elements. */
  b = builder (FALSE, FALSE);
  header (&b, 0x0008, 0x1140, "SQ", LB_DICOM_UNDEFINED_LENGTH);
  for (int i = 0; i < 100000; i++)
    item (&b, 0);
  seq_end (&b);
  lb_dicom_limits_init_default (&lim);
  g_assert_null (parse_with_limits (b.b->data, b.b->len, &lim));
  lim.max_elements = 5000;
  err = parse_with_limits (b.b->data, b.b->len, &lim);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_LIMIT);
  lb_dicom_error_free (err);
  g_byte_array_unref (b.b);
}

static void
test_malformed (void)
{
  /* Delimiters in the wrong place, items at top level, a non-item inside a sequence. */
  Builder cases[4];
  cases[0] = builder (FALSE, FALSE);
  seq_end (&cases[0]);
  cases[1] = builder (FALSE, FALSE);
  us (&cases[1], 0x0028, 0x0010, 1);
  item (&cases[1], 0);
  cases[2] = builder (FALSE, FALSE);
  header (&cases[2], 0x0008, 0x1140, "SQ", LB_DICOM_UNDEFINED_LENGTH);
  us (&cases[2], 0x0028, 0x0010, 1);
  cases[3] = builder (TRUE, FALSE);
  us (&cases[3], 0x0028, 0x0010, 1);
  header (&cases[3], 0x0010, 0x0010, "PN", LB_DICOM_UNDEFINED_LENGTH & 0xffff);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LbDicomError *err = parse_with_limits (cases[i].b->data, cases[i].b->len, NULL);
      g_assert_nonnull (err);
      g_test_message ("case %u: %s", i, err->message);
      g_assert_true (err->code == LB_DICOM_ERROR_MALFORMED
                     || err->code == LB_DICOM_ERROR_TRUNCATED
                     || err->code == LB_DICOM_ERROR_NOT_DICOM);
      lb_dicom_error_free (err);
      g_byte_array_unref (cases[i].b);
    }

  /* Missing item delimiter before the sequence delimiter is tolerated (DCMTK, pydicom). */
  Builder b = builder (FALSE, FALSE);
  header (&b, 0x0008, 0x1140, "SQ", LB_DICOM_UNDEFINED_LENGTH);
  item (&b, LB_DICOM_UNDEFINED_LENGTH);
  us (&b, 0x0028, 0x0010, 1);
  seq_end (&b);
  us (&b, 0x0028, 0x0011, 1);
  g_assert_null (parse_with_limits (b.b->data, b.b->len, NULL));
  /* Zero padding after the dataset is tolerated too. */
  g_byte_array_append (b.b, (const guint8 *) "\0\0\0\0\0\0", 6);
  g_assert_null (parse_with_limits (b.b->data, b.b->len, NULL));
  g_byte_array_unref (b.b);
}

/* ---- Corpus ------------------------------------------------------------------------------- */

static const char *
corpus_dir (void)
{
  const char *env = g_getenv ("LB_CORPUS");
  return env != NULL && *env != '\0' ? env : LB_CORPUS;
}

/* A particular file: its copy in tests/samples, else the corpus's. */
static char *
corpus_path (const char *rel)
{
  return lb_test_file (rel);
}

static void
collect (const char *dir, const char *rel, GPtrArray *out)
{
  g_autofree char *full = g_build_filename (dir, rel, NULL);
  GDir *d = g_dir_open (full, 0, NULL);
  if (d == NULL)
    return;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *r = *rel != '\0' ? g_build_filename (rel, name, NULL) : g_strdup (name);
      g_autofree char *p = g_build_filename (dir, r, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        {
          if (strcmp (name, "reference") != 0)
            collect (dir, r, out);
        }
      else if (!g_str_has_suffix (name, ".tsv") && !g_str_has_suffix (name, ".md"))
        g_ptr_array_add (out, g_steal_pointer (&r));
    }
  g_dir_close (d);
}

static size_t
count_recursive (const LbDicomDataset *ds)
{
  size_t n = lb_dicom_dataset_count (ds);
  for (size_t i = 0; i < lb_dicom_dataset_count (ds); i++)
    {
      const LbDicomElement *el = lb_dicom_dataset_get (ds, i);
      for (size_t k = 0; k < lb_dicom_element_get_item_count (el); k++)
        n += count_recursive (lb_dicom_element_get_item (el, k));
    }
  return n;
}

/* pydicom's view of each file: top-level tags, and the element count over all nesting levels
 * (sequence items included, the same way we count). */
static const char pydicom_script[] =
  "import sys, warnings, pydicom\n"
  "warnings.simplefilter('ignore')\n"
  "def walk(ds):\n"
  "    n = 0\n"
  "    for el in ds:\n"
  "        n += 1\n"
  "        if el.VR == 'SQ' and el.value is not None:\n"
  "            for it in el.value: n += walk(it)\n"
  "    return n\n"
  "for p in sys.argv[1:]:\n"
  "    try:\n"
  "        ds = pydicom.dcmread(p, force=True)\n"
  "        tags = ','.join('%08x' % int(t) for t in ds.keys())\n"
  "        try: deep = walk(ds)\n"
  "        except Exception: deep = -1\n"
  "        print('%s\\t%d\\t%d\\t%s' % (p, len(ds), deep, tags))\n"
  "    except Exception as e:\n"
  "        print('%s\\tERR\\t-1\\t%s' % (p, str(e).replace('\\n', ' ')))\n";

static void
test_corpus (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  collect (corpus_dir (), "", files);
  if (files->len == 0)
    {
      g_test_skip ("no DICOM corpus (-Dcorpus=PATH); tests/samples files are checked by the others");
      return;
    }
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup (pydicom_script));
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_build_filename (corpus_dir (), files->pdata[i], NULL));
  g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error))
    {
      g_test_skip ("python3 with pydicom not available");
      return;
    }
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint checked = 0, deep_checked = 0;
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", 4);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      const char *path = f[0];
      g_assert_cmpstr (f[1], !=, "ERR");   /* pydicom (force=True) reads every corpus file */

      LbDicomFile *file = lb_dicom_file_new (NULL);
      LbDicomError *err = NULL;
      bool ok = lb_dicom_file_read_path (file, path, 0, &err);
      const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
      GString *tags = g_string_new (NULL);
      for (size_t k = 0; k < lb_dicom_dataset_count (ds); k++)
        g_string_append_printf (tags, "%s%08x", k > 0 ? "," : "",
                                lb_dicom_element_get_tag (lb_dicom_dataset_get (ds, k)));
      if (!ok)
        {
          /* The one file the corpus marks truncated: pydicom silently drops the unterminated
           * pixel data; we fail cleanly and keep everything before it. */
          g_assert_true (g_str_has_suffix (path, "emri_small_jpeg_2k_lossless_too_short.dcm"));
          g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_TRUNCATED);
          g_assert_cmphex (err->tag, ==, LB_DICOM_TAG_PIXEL_DATA);
          g_string_append (tags, "");
          g_autofree char *expect = g_strconcat (f[3], ",7fe00010", NULL);
          g_assert_cmpstr (tags->str, ==, expect);
          g_test_message ("%s: %s (expected)", path, err->message);
        }
      else
        {
          g_assert_cmpstr (tags->str, ==, f[3]);
          g_assert_cmpuint (lb_dicom_dataset_count (ds), ==, g_ascii_strtoull (f[1], NULL, 10));
          gint64 deep = g_ascii_strtoll (f[2], NULL, 10);
          if (deep >= 0)
            {
              g_assert_cmpuint (count_recursive (ds), ==, (guint64) deep);
              deep_checked++;
            }
        }
      /* Header-only gives the same elements up to the pixel data. */
      LbDicomFile *h = lb_dicom_file_new (NULL);
      lb_dicom_file_read_path (h, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL);
      const LbDicomDataset *hds = lb_dicom_file_get_dataset (h);
      for (size_t k = 0; k < lb_dicom_dataset_count (hds); k++)
        g_assert_cmphex (lb_dicom_element_get_tag (lb_dicom_dataset_get (hds, k)), ==,
                         lb_dicom_element_get_tag (lb_dicom_dataset_get (ds, k)));
      g_assert_null (lb_dicom_file_lookup (h, LB_DICOM_TAG_PIXEL_DATA));
      lb_dicom_file_free (h);
      g_string_free (tags, TRUE);
      lb_dicom_error_free (err);
      lb_dicom_file_free (file);
      checked++;
    }
  g_test_message ("%u corpus files match pydicom (%u also over all nesting levels)", checked,
                  deep_checked);
  g_assert_cmpuint (checked, ==, files->len);
}

static LbDicomFile *
read_corpus (const char *rel, LbDicomReadFlags flags)
{
  g_autofree char *p = corpus_path (rel);
  if (!g_file_test (p, G_FILE_TEST_EXISTS))
    return NULL;
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *err = NULL;
  if (!lb_dicom_file_read_path (f, p, flags, &err))
    g_error ("%s: %s", rel, err->message);
  return f;
}

/* Our value of a tag against pydicom's str() of it. */
static void
assert_pydicom_value (const char *rel, const char *keyword, const char *ours)
{
  g_autofree char *p = corpus_path (rel);
  g_autofree char *code = g_strdup_printf (
    "import pydicom; ds = pydicom.dcmread(%s, force=True); v = ds.%s; "
    "print('\\\\'.join(str(x) for x in v) if isinstance(v, pydicom.multival.MultiValue) "
    "else str(v), end='')", "__import__('sys').argv[1]", keyword);
  const char *argv[] = { "/usr/bin/python3", "-c", code, p, NULL };
  g_autofree char *out = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL,
                     NULL))
    return;
  g_assert_cmpstr (ours, ==, out);
}

static void
test_corpus_syntaxes (void)
{
  struct { const char *rel, *ts; gboolean be, deflated, explicit_vr, preamble; } cases[] = {
    { "derived/CT_signed14_expb.dcm", "1.2.840.10008.1.2.2", TRUE, FALSE, TRUE, TRUE },
    /* Deflated Image Frame Compression: only the frames are deflated, the dataset is not. */
    { "pydicom-data/liver_deflate.dcm", "1.2.840.10008.1.2.8.1", FALSE, FALSE, TRUE, TRUE },
    { "derived/CT_12bit_deflated.dcm", "1.2.840.10008.1.2.1.99", FALSE, TRUE, TRUE, TRUE },
    { "pydicom-data/OT-PAL-8-face.dcm", "1.2.840.10008.1.2", FALSE, FALSE, FALSE, FALSE },
    /* The same in tests/samples, so these run without the corpus too. */
    { "pydicom-data/emri_small_big_endian.dcm", "1.2.840.10008.1.2.2", TRUE, FALSE, TRUE, TRUE },
    { "generated/emri_small_deflated.dcm", "1.2.840.10008.1.2.1.99", FALSE, TRUE, TRUE, TRUE },
  };
  guint checked = 0;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LbDicomFile *f = read_corpus (cases[i].rel, 0);
      if (f == NULL)
        {
          g_test_message ("%s: not in tests/samples, and no corpus", cases[i].rel);
          continue;
        }
      checked++;
      g_assert_cmpstr (lb_dicom_file_get_transfer_syntax (f), ==, cases[i].ts);
      g_assert_cmpint (lb_dicom_file_is_big_endian (f), ==, cases[i].be);
      g_assert_cmpint (lb_dicom_file_is_deflated (f), ==, cases[i].deflated);
      g_assert_cmpint (lb_dicom_file_is_explicit_vr (f), ==, cases[i].explicit_vr);
      g_assert_cmpint (lb_dicom_file_has_preamble (f), ==, cases[i].preamble);
      int64_t rows = 0, cols = 0;
      g_assert_true (lb_dicom_file_get_int (f, LB_DICOM_TAG (0x0028, 0x0010), &rows));
      g_assert_true (lb_dicom_file_get_int (f, LB_DICOM_TAG (0x0028, 0x0011), &cols));
      g_autofree char *r = g_strdup_printf ("%" G_GINT64_FORMAT, rows);
      g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, cols);
      assert_pydicom_value (cases[i].rel, "Rows", r);
      assert_pydicom_value (cases[i].rel, "Columns", c);
      g_autofree char *uid = lb_dicom_file_get_string (f, LB_DICOM_TAG (0x0008, 0x0018));
      assert_pydicom_value (cases[i].rel, "SOPInstanceUID", uid);
      lb_dicom_file_free (f);
    }
  g_test_message ("%u of %u files checked", checked, (guint) G_N_ELEMENTS (cases));
  if (checked == 0)
    g_test_skip ("no file: not in tests/samples, and no corpus");

  /* Big endian numbers: pixel representation and a signed value through the byte order. */
  LbDicomFile *be = read_corpus ("derived/CT_signed14_expb.dcm", 0);
  if (be != NULL)
    {
      double slope = 0;
      g_assert_true (lb_dicom_file_get_double (be, LB_DICOM_TAG (0x0028, 0x1053), &slope));
      g_autofree char *s = g_strdup_printf ("%g", slope);
      assert_pydicom_value ("derived/CT_signed14_expb.dcm", "RescaleSlope", s);
      int64_t bits = 0;
      g_assert_true (lb_dicom_file_get_int (be, LB_DICOM_TAG (0x0028, 0x0101), &bits));
      g_assert_cmpint (bits, ==, 14);
      lb_dicom_file_free (be);
    }
}

static void
test_corpus_sequences (void)
{
  /* rtss: deep sequences. Check the deepest nesting and a value inside it against pydicom. */
  LbDicomFile *f = read_corpus ("dicompyler-core/rtss.dcm", 0);
  if (f == NULL)
    {
      g_test_skip ("not in tests/samples, and no corpus");
      return;
    }
  const LbDicomElement *roi = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x3006, 0x0039));
  g_assert_true (lb_dicom_element_is_sequence (roi));
  size_t n = lb_dicom_element_get_item_count (roi);
  g_autofree char *expect_n = g_strdup_printf ("%zu", n);
  g_autofree char *p = corpus_path ("dicompyler-core/rtss.dcm");
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import sys, pydicom; ds = pydicom.dcmread(sys.argv[1]); c = ds.ROIContourSequence; "
    "print(len(c), c[0].ContourSequence[0].ContourData[0], c[0].ContourSequence[0]"
    ".ContourImageSequence[0].ReferencedSOPInstanceUID, end='')", p, NULL };
  g_autofree char *out = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL,
                     NULL))
    {
      lb_dicom_file_free (f);
      return;
    }
  const LbDicomDataset *it = lb_dicom_element_get_item (roi, 0);
  const LbDicomElement *cs = lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x3006, 0x0040));
  const LbDicomDataset *c0 = lb_dicom_element_get_item (cs, 0);
  g_assert_cmpuint (lb_dicom_dataset_get_depth (c0), ==, 2);
  g_autofree char *x = lb_dicom_element_get_string (
    lb_dicom_dataset_lookup (c0, LB_DICOM_TAG (0x3006, 0x0050)), 0);
  const LbDicomElement *cis = lb_dicom_dataset_lookup (c0, LB_DICOM_TAG (0x3006, 0x0016));
  const LbDicomDataset *ci0 = lb_dicom_element_get_item (cis, 0);
  g_assert_cmpuint (lb_dicom_dataset_get_depth (ci0), ==, 3);
  g_autofree char *uid = lb_dicom_element_get_string (
    lb_dicom_dataset_lookup (ci0, LB_DICOM_TAG (0x0008, 0x1155)), 0);
  double xd = 0;
  g_assert_true (lb_dicom_element_get_double (
    lb_dicom_dataset_lookup (c0, LB_DICOM_TAG (0x3006, 0x0050)), 0, &xd));
  g_autofree char *ours = g_strdup_printf ("%zu %s %s", n, x, uid);
  g_auto (GStrv) theirs = g_strsplit (out, " ", 3);
  g_assert_cmpstr (expect_n, ==, theirs[0]);
  g_assert_cmpfloat_with_epsilon (xd, g_ascii_strtod (theirs[1], NULL), 1e-9);
  g_assert_cmpstr (uid, ==, theirs[2]);
  lb_dicom_file_free (f);
}

static void
test_corpus_un (void)
{
  /* explicit_VR-UN.dcm: every element written as UN. Public tags get their dictionary VR
   * back (as pydicom does); so do private ones of a creator the private dictionary knows
   * (tests/test-dicom-private.c); those of CTP, which it does not know, stay UN. */
  LbDicomFile *f = read_corpus ("pydicom-data/explicit_VR-UN.dcm", 0);
  if (f == NULL)
    {
      g_test_skip ("not in tests/samples, and no corpus");
      return;
    }
  const LbDicomElement *pn = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0010, 0x0010));
  g_assert_cmpint (lb_dicom_element_get_vr (pn), ==, LB_DICOM_VR_PN);
  g_autofree char *name = lb_dicom_element_get_string (pn, 0);
  assert_pydicom_value ("pydicom-data/explicit_VR-UN.dcm", "PatientName", name);
  g_autofree char *type = lb_dicom_element_get_text (
    lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0008, 0x0008)));
  assert_pydicom_value ("pydicom-data/explicit_VR-UN.dcm", "ImageType", type);
  g_assert_cmpstr (lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (f)), ==,
                   "ISO_IR 100");
  const LbDicomElement *priv = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0013, 0x1010));
  g_assert_cmpint (lb_dicom_element_get_vr (priv), ==, LB_DICOM_VR_UN);
  lb_dicom_file_free (f);

  /* bad_sequence.dcm: (0018,9346) is a defined-length UN holding an implicit VR sequence. */
  f = read_corpus ("pydicom-data/bad_sequence.dcm", 0);
  if (f != NULL)
    {
      g_assert_null (lb_dicom_file_get_error (f));
      const LbDicomElement *sq = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0018, 0x9346));
      g_assert_true (lb_dicom_element_is_sequence (sq));
      g_assert_cmpuint (lb_dicom_element_get_item_count (sq), ==, 1);
      const LbDicomDataset *it = lb_dicom_element_get_item (sq, 0);
      g_autofree char *code = lb_dicom_element_get_string (
        lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x0008, 0x0100)), 0);
      g_assert_cmpstr (code, ==, "113691");
      lb_dicom_file_free (f);
    }

  /* pydicom's UN_sequence.dcm (Debian python3-pydicom): a private UN of undefined length
   * holding three levels of implicit VR LE sequences, in a JPEG Lossless file. */
  const char *un = "/usr/lib/python3/dist-packages/pydicom/data/test_files/UN_sequence.dcm";
  if (!g_file_test (un, G_FILE_TEST_EXISTS))
    return;
  f = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read_path (f, un, 0, NULL));
  const LbDicomElement *el = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x4453, 0x100c));
  g_assert_cmpint (lb_dicom_element_get_vr (el), ==, LB_DICOM_VR_UN);
  g_assert_true (lb_dicom_element_is_sequence (el));
  const LbDicomDataset *i0 = lb_dicom_element_get_item (el, 0);
  const LbDicomElement *rss = lb_dicom_dataset_lookup (i0, LB_DICOM_TAG (0x0008, 0x1115));
  g_assert_cmpint (lb_dicom_element_get_vr (rss), ==, LB_DICOM_VR_SQ);
  const LbDicomDataset *i1 = lb_dicom_element_get_item (rss, 0);
  const LbDicomElement *rsop = lb_dicom_dataset_lookup (i1, LB_DICOM_TAG (0x0008, 0x1199));
  const LbDicomDataset *i2 = lb_dicom_element_get_item (rsop, 0);
  g_assert_cmpuint (lb_dicom_dataset_get_depth (i2), ==, 3);
  g_autofree char *uid = lb_dicom_element_get_string (
    lb_dicom_dataset_lookup (i2, LB_DICOM_TAG (0x0008, 0x1155)), 0);
  g_assert_cmpstr (uid, ==, "1.2.840.113619.2.327.3.185221411.476.1398588726.278.80");
  lb_dicom_file_free (f);
}

static void
test_read_path_errors (void)
{
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *err = NULL;
  g_assert_false (lb_dicom_file_read_path (f, "/nonexistent/file.dcm", 0, &err));
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_IO);
  lb_dicom_error_free (err);
  lb_dicom_file_free (f);

  /* FIFOs and devices are refused at once (CLI.md): test-dicom-read.c. */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  static const SyntaxCase syntaxes[] = {
    { "1.2.840.10008.1.2", FALSE, FALSE, TRUE },
    { "1.2.840.10008.1.2", FALSE, FALSE, FALSE },
    { "1.2.840.10008.1.2.1", TRUE, FALSE, TRUE },
    { "1.2.840.10008.1.2.1", TRUE, FALSE, FALSE },
    { "1.2.840.10008.1.2.2", TRUE, TRUE, TRUE },
    { "1.2.840.10008.1.2.2", TRUE, TRUE, FALSE },
  };
  const char *names[] = { "implicit-le-undefined", "implicit-le-defined",
                          "explicit-le-undefined", "explicit-le-defined",
                          "explicit-be-undefined", "explicit-be-defined" };
  for (guint i = 0; i < G_N_ELEMENTS (syntaxes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dicom-parse/syntax/%s", names[i]);
      g_test_add_data_func (path, &syntaxes[i], test_syntax);
    }
  g_test_add_func ("/dicom-parse/syntax/deflated", test_deflated_fixture);
  g_test_add_func ("/dicom-parse/no-preamble-no-meta", test_no_preamble_no_meta);
  g_test_add_func ("/dicom-parse/not-dicom", test_not_dicom);
  g_test_add_func ("/dicom-parse/truncated", test_truncated_keeps_elements);
  g_test_add_func ("/dicom-parse/truncated-undefined", test_undefined_truncations);
  g_test_add_func ("/dicom-parse/header-only", test_header_only);
  g_test_add_func ("/dicom-parse/fragments", test_fragments);
  g_test_add_func ("/dicom-parse/wrong-meta-syntax", test_wrong_meta_syntax);
  g_test_add_func ("/dicom-parse/private-creators", test_private_creators);
  g_test_add_func ("/dicom-parse/un-sequence", test_un_sequence_fixture);
  g_test_add_func ("/dicom-parse/limits", test_limits);
  g_test_add_func ("/dicom-parse/deflate-bomb", test_deflate_bomb);
  g_test_add_func ("/dicom-parse/malformed", test_malformed);
  g_test_add_func ("/dicom-parse/read-path", test_read_path_errors);
  g_test_add_func ("/dicom-parse/corpus/syntaxes", test_corpus_syntaxes);
  g_test_add_func ("/dicom-parse/corpus/sequences", test_corpus_sequences);
  g_test_add_func ("/dicom-parse/corpus/un", test_corpus_un);
  g_test_add_func ("/dicom-parse/corpus/all-vs-pydicom", test_corpus);
  return g_test_run ();
}
