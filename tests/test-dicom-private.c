/* test-dicom-private.c: private elements typed and named through their creator, VRs the
 * dictionary leaves open ("US or SS", "US or OW") resolved as pydicom does, and the odd
 * inputs of issue 10: a DICOMDIR whose last record is longer than its sequence, a file of
 * zeros. */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "dicom-builder.h"
#include "lb-dicom.h"

static LbDicomFile *
parse (Builder *b, gboolean expect_ok)
{
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *err = NULL;
  gboolean ok = lb_dicom_file_read (f, b->b->data, b->b->len, 0, &err);
  if (expect_ok && !ok)
    g_error ("read failed: %s", err->message);
  lb_dicom_error_free (err);
  return f;
}

static const LbDicomElement *
at (LbDicomFile *f, guint16 g, guint16 e)
{
  const LbDicomElement *el = lb_dicom_file_lookup (f, LB_DICOM_TAG (g, e));
  g_assert_nonnull (el);
  return el;
}

static void
sl (Builder *b, guint16 g, guint16 e, const char *vr, gint32 v)
{
  header (b, g, e, vr, 4);
  put32 (b, (guint32) v);
}

/* GE's (0019,xx0F) "Horiz. Frame of ref." is DS, (0019,xx02) "Detector Channel" SL, in any
 * block the creator reserved. */
static void
ge_elements (Builder *b, const char *un_vr)
{
  str (b, 0x0008, 0x0060, "CS", "CT");
  str (b, 0x0019, 0x0010, "LO", "GEMS_ACQU_01 ");
  str (b, 0x0019, 0x0011, "LO", "UNKNOWN CREATOR");
  sl (b, 0x0019, 0x1002, un_vr, -7);
  str (b, 0x0019, 0x100f, un_vr, "123.5");
  str (b, 0x0019, 0x110f, un_vr, "not GE's");
}

static void
check_ge (LbDicomFile *f)
{
  const LbDicomElement *channel = at (f, 0x0019, 0x1002);
  const LbDicomElement *frame = at (f, 0x0019, 0x100f);
  const LbDicomElement *other = at (f, 0x0019, 0x110f);
  int64_t v = 0;
  double d = 0;

  g_assert_cmpint (lb_dicom_element_get_vr (channel), ==, LB_DICOM_VR_SL);
  g_assert_true (lb_dicom_element_get_int (channel, 0, &v));
  g_assert_cmpint (v, ==, -7);
  g_assert_cmpint (lb_dicom_element_get_vr (frame), ==, LB_DICOM_VR_DS);
  g_assert_true (lb_dicom_element_get_double (frame, 0, &d));
  g_assert_cmpfloat (d, ==, 123.5);
  g_assert_cmpstr (lb_dicom_element_get_name (frame), ==, "Horiz. Frame of ref.");
  g_assert_cmpstr (lb_dicom_element_get_private_creator (frame), ==, "GEMS_ACQU_01");
  g_assert_null (lb_dicom_element_get_keyword (frame));
  /* The same element number in a block of a creator the dictionary does not know. */
  g_assert_cmpint (lb_dicom_element_get_vr (other), ==, LB_DICOM_VR_UN);
  g_assert_null (lb_dicom_element_get_name (other));
  g_assert_cmpstr (lb_dicom_element_get_private_creator (other), ==, "UNKNOWN CREATOR");
}

/* Implicit VR: the VR comes from the private dictionary through the creator. */
static void
test_implicit_private_vr (void)
{
  Builder b = builder (FALSE, FALSE);
  ge_elements (&b, "UN");   /* no VR is written in implicit VR */
  LbDicomFile *f = parse (&b, TRUE);
  check_ge (f);
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
}

/* Explicit VR with the private elements written as UN (and the creator too): pydicom, with its
 * default replace_un_with_known_vr, reads them with the dictionary VR; so do we. */
static void
test_explicit_un_private_vr (void)
{
  Builder b = builder (TRUE, FALSE);
  str (&b, 0x0008, 0x0060, "CS", "CT");
  str (&b, 0x0019, 0x0010, "UN", "GEMS_ACQU_01");
  str (&b, 0x0019, 0x0011, "UN", "UNKNOWN CREATOR");
  sl (&b, 0x0019, 0x1002, "UN", -7);
  str (&b, 0x0019, 0x100f, "UN", "123.5");
  str (&b, 0x0019, 0x110f, "UN", "not GE's");
  LbDicomFile *f = parse (&b, TRUE);
  g_assert_cmpint (lb_dicom_element_get_vr (at (f, 0x0019, 0x0010)), ==, LB_DICOM_VR_LO);
  g_assert_cmpint (lb_dicom_element_get_vr (at (f, 0x0019, 0x0011)), ==, LB_DICOM_VR_LO);
  check_ge (f);
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
}

/* A value whose length does not fit the dictionary's VR (GE's SL in 3 bytes) stays UN, and a
 * private creator is LO in implicit VR too, in an item as at the top. */
static void
test_private_odd_cases (void)
{
  Builder b = builder (FALSE, FALSE);
  str (&b, 0x0008, 0x0060, "CS", "CT");
  header (&b, 0x0008, 0x1140, NULL, LB_DICOM_UNDEFINED_LENGTH);
  item (&b, LB_DICOM_UNDEFINED_LENGTH);
  str (&b, 0x0019, 0x0010, "LO", "GEMS_ACQU_01");
  header (&b, 0x0019, 0x1002, NULL, 3);
  g_byte_array_append (b.b, (const guint8 *) "abc", 3);
  str (&b, 0x0019, 0x100f, "DS", "1.5");
  item_end (&b);
  seq_end (&b);
  str (&b, 0x0019, 0x0010, "LO", "GEMS_ACQU_01");
  LbDicomFile *f = parse (&b, TRUE);
  const LbDicomDataset *it = lb_dicom_element_get_item (at (f, 0x0008, 0x1140), 0);
  const LbDicomElement *creator = lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x0019, 0x0010));
  g_assert_cmpint (lb_dicom_element_get_vr (creator), ==, LB_DICOM_VR_LO);
  g_assert_cmpint (lb_dicom_element_get_vr (at (f, 0x0019, 0x0010)), ==, LB_DICOM_VR_LO);
  const LbDicomElement *bad = lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x0019, 0x1002));
  g_assert_cmpint (lb_dicom_element_get_vr (bad), ==, LB_DICOM_VR_UN);
  g_assert_cmpstr (lb_dicom_element_get_name (bad), ==, "Detector Channel");
  const LbDicomElement *ds = lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x0019, 0x100f));
  g_assert_cmpint (lb_dicom_element_get_vr (ds), ==, LB_DICOM_VR_DS);
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
}

/* Private elements out of order, their creators after them and a creator repeated: each
 * element still finds its creator (the first one, as DCMTK's lookup does), and finding it
 * does not scan the dataset (a million elements would take minutes). */
static void
test_unsorted_creators (void)
{
  Builder b = builder (TRUE, FALSE);
  const guint n = 20000;
  str (&b, 0x0008, 0x0060, "CS", "CT");
  for (guint i = 0; i < n; i++)
    {
      guint block = 0x10 + i % 0xf0;
      char value[16];
      g_snprintf (value, sizeof value, "v%u", i);
      str (&b, 0x0029, (guint16) ((block << 8) | (0xff - i / 0xf0 % 0x100)), "LO", value);
    }
  for (guint block = 0x10; block <= 0xff; block++)
    {
      char creator[32];
      g_snprintf (creator, sizeof creator, "CREATOR %02X", block);
      str (&b, 0x0029, (guint16) block, "LO", creator);
    }
  str (&b, 0x0029, 0x0010, "LO", "SECOND CREATOR OF BLOCK 10");
  LbDicomFile *f = parse (&b, TRUE);
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (f);
  g_assert_cmpuint (lb_dicom_dataset_count (ds), ==, 1 + n + 0xf0 + 1);
  for (guint i = 0; i < n; i++)
    {
      const LbDicomElement *el = lb_dicom_dataset_get (ds, 1 + i);
      char expected[32];
      g_snprintf (expected, sizeof expected, "CREATOR %02X",
                  LB_DICOM_TAG_ELEMENT (lb_dicom_element_get_tag (el)) >> 8);
      g_assert_cmpstr (lb_dicom_element_get_private_creator (el), ==, expected);
    }
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
}

/* "US or SS": US with Pixel Representation 0, SS with 1, looked up in the enclosing datasets
 * when the item has none (pydicom, DCMTK). Before, a negative smallest value read as 65531. */
static void
test_us_or_ss (void)
{
  for (guint16 rep = 0; rep <= 1; rep++)
    {
      Builder b = builder (FALSE, FALSE);
      str (&b, 0x0008, 0x0060, "CS", "CT");
      header (&b, 0x0008, 0x1140, NULL, LB_DICOM_UNDEFINED_LENGTH);
      item (&b, LB_DICOM_UNDEFINED_LENGTH);
      us (&b, 0x0028, 0x0120, 0xfffb);   /* Pixel Padding Value, in an item without PR */
      item_end (&b);
      seq_end (&b);
      us (&b, 0x0028, 0x0103, rep);
      us (&b, 0x0028, 0x0106, 0xfffb);   /* Smallest Image Pixel Value: -5 or 65531 */
      header (&b, 0x0028, 0x0107, NULL, 4);   /* Largest, VM 2 */
      put16 (&b, 0x8000);
      put16 (&b, 7);
      LbDicomFile *f = parse (&b, TRUE);
      LbDicomVR want = rep ? LB_DICOM_VR_SS : LB_DICOM_VR_US;
      const LbDicomElement *smallest = at (f, 0x0028, 0x0106);
      const LbDicomElement *largest = at (f, 0x0028, 0x0107);
      const LbDicomElement *padding = lb_dicom_dataset_lookup (
        lb_dicom_element_get_item (at (f, 0x0008, 0x1140), 0), LB_DICOM_TAG (0x0028, 0x0120));
      int64_t v = 0;
      g_assert_cmpint (lb_dicom_element_get_vr (smallest), ==, want);
      g_assert_cmpint (lb_dicom_element_get_vr (largest), ==, want);
      g_assert_cmpint (lb_dicom_element_get_vr (padding), ==, want);
      g_assert_true (lb_dicom_element_get_int (smallest, 0, &v));
      g_assert_cmpint (v, ==, rep ? -5 : 65531);
      g_assert_true (lb_dicom_element_get_int (largest, 0, &v));
      g_assert_cmpint (v, ==, rep ? -32768 : 32768);
      g_autofree char *text = lb_dicom_element_format_value (smallest, 0);
      g_assert_cmpstr (text, ==, rep ? "-5" : "65531");
      lb_dicom_file_free (f);
      g_byte_array_unref (b.b);
    }

  /* No Pixel Representation anywhere: US. Explicit VR: the file's VR stands. */
  Builder b = builder (TRUE, FALSE);
  us (&b, 0x0028, 0x0103, 1);
  us (&b, 0x0028, 0x0106, 0xfffb);
  LbDicomFile *f = parse (&b, TRUE);
  g_assert_cmpint (lb_dicom_element_get_vr (at (f, 0x0028, 0x0106)), ==, LB_DICOM_VR_US);
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
  b = builder (FALSE, FALSE);
  str (&b, 0x0008, 0x0060, "CS", "CT");
  us (&b, 0x0028, 0x0106, 0xfffb);
  f = parse (&b, TRUE);
  g_assert_cmpint (lb_dicom_element_get_vr (at (f, 0x0028, 0x0106)), ==, LB_DICOM_VR_US);
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
}

/* "US or OW" LUT Data (0028,3006): US when the LUT Descriptor says one entry, else OW, as
 * pydicom reads it; either way the 16-bit values read the same. */
static void
test_lut_data (void)
{
  for (guint16 entries = 1; entries <= 2; entries++)
    {
      Builder b = builder (FALSE, FALSE);
      str (&b, 0x0008, 0x0060, "CS", "CT");
      header (&b, 0x0028, 0x3010, NULL, LB_DICOM_UNDEFINED_LENGTH);
      item (&b, LB_DICOM_UNDEFINED_LENGTH);
      header (&b, 0x0028, 0x3002, NULL, 6);
      put16 (&b, entries);
      put16 (&b, 0);
      put16 (&b, 16);
      header (&b, 0x0028, 0x3006, NULL, 2u * entries);
      for (guint i = 0; i < entries; i++)
        put16 (&b, (guint16) (1000 + i));
      item_end (&b);
      seq_end (&b);
      LbDicomFile *f = parse (&b, TRUE);
      const LbDicomDataset *it = lb_dicom_element_get_item (at (f, 0x0028, 0x3010), 0);
      const LbDicomElement *data = lb_dicom_dataset_lookup (it, LB_DICOM_TAG (0x0028, 0x3006));
      uint64_t v = 0;
      g_assert_cmpint (lb_dicom_element_get_vr (data), ==,
                       entries == 1 ? LB_DICOM_VR_US : LB_DICOM_VR_OW);
      g_assert_true (lb_dicom_element_get_uint (data, entries - 1, &v));
      g_assert_cmpuint (v, ==, 1000 + entries - 1);
      lb_dicom_file_free (f);
      g_byte_array_unref (b.b);
    }
}

/* pydicom's DICOMDIR-nooffset: records lost their offset elements but the last item kept its
 * old length, which runs past the end of its (defined-length) sequence. pydicom and dcmdump
 * read the item up to the sequence's end; so do we. */
static void
test_item_longer_than_sequence (void)
{
  Builder b = builder (TRUE, FALSE);
  str (&b, 0x0004, 0x1130, "CS", "SET");
  header (&b, 0x0004, 0x1220, "SQ", 8 + 14 + 10);
  item (&b, 14 + 10 + 24);                   /* claims 24 bytes more than there are */
  str (&b, 0x0004, 0x1430, "CS", "IMAGE");
  us (&b, 0x0004, 0x1410, 0xffff);
  str (&b, 0x0010, 0x0010, "PN", "After^Sequence");
  LbDicomFile *f = parse (&b, TRUE);
  const LbDicomElement *sq = at (f, 0x0004, 0x1220);
  g_assert_cmpuint (lb_dicom_element_get_item_count (sq), ==, 1);
  const LbDicomDataset *it = lb_dicom_element_get_item (sq, 0);
  g_assert_cmpuint (lb_dicom_dataset_count (it), ==, 2);
  g_autofree char *name = lb_dicom_file_get_string (f, LB_DICOM_TAG (0x0010, 0x0010));
  g_assert_cmpstr (name, ==, "After^Sequence");
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);

  /* An item running past the end of the file is still a truncation. */
  b = builder (TRUE, FALSE);
  str (&b, 0x0004, 0x1130, "CS", "SET");
  header (&b, 0x0004, 0x1220, "SQ", LB_DICOM_UNDEFINED_LENGTH);
  item (&b, 14 + 10 + 24);
  str (&b, 0x0004, 0x1430, "CS", "IMAGE");
  us (&b, 0x0004, 0x1410, 0xffff);
  f = parse (&b, FALSE);
  g_assert_cmpint (lb_dicom_file_get_error (f)->code, ==, LB_DICOM_ERROR_TRUNCATED);
  lb_dicom_file_free (f);
  g_byte_array_unref (b.b);
}

/* The preamble of a file cut at byte 70 (all zeros) is not a dataset of (0000,0000). */
static void
test_zeros_are_not_dicom (void)
{
  static const gsize lengths[] = { 8, 70, 128, 132, 4096 };
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree guint8 *zeros = g_malloc0 (lengths[i]);
      LbDicomFile *f = lb_dicom_file_new (NULL);
      LbDicomError *err = NULL;
      g_assert_false (lb_dicom_file_read (f, zeros, lengths[i], 0, &err));
      g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_NOT_DICOM);
      g_assert_cmpuint (lb_dicom_dataset_count (lb_dicom_file_get_dataset (f)), ==, 0);
      lb_dicom_error_free (err);
      lb_dicom_file_free (f);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom-private/implicit-vr", test_implicit_private_vr);
  g_test_add_func ("/dicom-private/explicit-un", test_explicit_un_private_vr);
  g_test_add_func ("/dicom-private/odd-cases", test_private_odd_cases);
  g_test_add_func ("/dicom-private/unsorted-creators", test_unsorted_creators);
  g_test_add_func ("/dicom-ambiguous/us-or-ss", test_us_or_ss);
  g_test_add_func ("/dicom-ambiguous/lut-data", test_lut_data);
  g_test_add_func ("/dicom-odd/item-longer-than-sequence", test_item_longer_than_sequence);
  g_test_add_func ("/dicom-odd/zeros", test_zeros_are_not_dicom);
  return g_test_run ();
}
