/* test-study-doubles.c: the study model's reader of decimal strings (study-recent.h) gives the
 * bits lb_dicom_element_get_doubles() gives, for plain decimals it reads itself and for
 * everything it hands on (exponents, commas, too many digits, padding, too few values), and
 * the orientation and the position's first two values it remembers follow the value's bytes. */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "dicom-builder.h"
#include "lb-dicom.h"
#include "study-recent.h"

#define TAG_IPP LB_DICOM_TAG (0x0020, 0x0032)

/* A file whose (0020,0032) DS holds `value` as it is (no padding added). The parsed file points
 * into `*bytes`, which the caller keeps until the file is freed. */
static LbDicomFile *
file_with (const char *value,
           GBytes    **bytes_out)
{
  Builder ds = builder (TRUE, FALSE);
  element (&ds, 0x0020, 0x0032, "DS", value, (guint32) strlen (value));
  *bytes_out = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  LbDicomFile *file = read_bytes (*bytes_out);
  g_assert_nonnull (file);
  return file;
}

/* Both readers on `value` for 1 to 4 values; the same answer and bits. */
static void
assert_same (const char *value)
{
  g_autoptr (GBytes) bytes = NULL;
  LbDicomFile *file = file_with (value, &bytes);
  const LbDicomElement *el = lb_dicom_file_lookup (file, TAG_IPP);
  g_assert_nonnull (el);
  for (uint32_t n = 1; n <= 4; n++)
    {
      double a[4] = { 0 }, b[4] = { 0 };
      bool ra = lb_study_doubles (el, a, n);
      bool rb = lb_dicom_element_get_doubles (el, b, n);
      if (ra != rb || (ra && memcmp (a, b, n * sizeof a[0]) != 0))
        g_error ("\"%s\", %u values: %d %.17g against %d %.17g", value, n, ra, a[0], rb, b[0]);
    }
  lb_dicom_file_free (file);
}

static void
test_plain (void)
{
  const char *values[] = {
    "-253.100006\\263.299988\\-300.0", "0.000000\\-1.000000\\0.000000\\1.000000", "1", "-0",
    "-0.0", "+5", "5.", ".5", "-.5", "0.1", "0.2\\0.3\\0.7", "123456789012345", "999999999999999",
    "1000000000000000", "0.000000000000001", "0.0000000000000001", "00012.5000",
    " 12.5 \\ -7 ", "1.0\\2.0", "1.0\\2.0\\", "\\1", "1,5\\2", "1e3\\2", "1E-3", "inf", "nan",
    "0x10", ".", "-", "", " ", "1 2", "1.2.3", "12345678901234567890", "3.14159265358979",
    "-1.7976931348623157", "0.30000000000000004", "1.5\0", "\0001.5", "1.5\t",
    "123456789.123456", "7.000000000000001", "99.99999999999999",
    /* the one-pass reader's own bounds: 19 and 20 digits, leading zeros, 63 and 64 bytes */
    "0000000000000000001", "00000000000000000001", "0000000000000000000000000001.5",
    "000000000000001.25", "0.000000000000000", "1..5", "1.5.", "+", "+.", "-.", "1.5 x",
    "1.5\\2.5\\", "\\\\", " \\ ", "1 \\ 2 \\ 3 \\ 4 \\ 5",
    "                                                          1.25",
    "                                                           1.25",
    "                                                            1.25",
    "1.25                                                          \\1",
    "1.25                                                           \\1",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (values); i++)
    assert_same (values[i]);
}

/* Random plain decimals: every length of mantissa and fraction the fast path reads, and
 * beyond. */
static void
test_random (void)
{
  GRand *rand = g_rand_new_with_seed (15);
  for (int i = 0; i < 20000; i++)
    {
      GString *s = g_string_new (NULL);
      for (int v = 0; v < 3; v++)
        {
          if (v > 0)
            g_string_append_c (s, '\\');
          if (g_rand_boolean (rand))
            g_string_append_c (s, '-');
          int digits = g_rand_int_range (rand, 1, 19);
          int point = g_rand_int_range (rand, 0, digits + 1);
          for (int d = 0; d < digits; d++)
            {
              if (d == point)
                g_string_append_c (s, '.');
              g_string_append_c (s, (char) ('0' + g_rand_int_range (rand, 0, 10)));
            }
        }
      assert_same (s->str);
      g_string_free (s, TRUE);
    }
  g_rand_free (rand);
}

static void
test_orientation (void)
{
  LbStudyRecent *recent = lb_study_recent_new ();
  const char *values[] = { "1\\0\\0\\0\\1\\0", "1\\0\\0\\0\\1\\0", "0\\1\\0\\0\\0\\-1",
                           "0\\1\\0", "1e0\\0\\0\\0\\1\\0", "0\\1\\0" };
  for (size_t i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr (GBytes) bytes = NULL;
      LbDicomFile *file = file_with (values[i], &bytes);
      const LbDicomElement *el = lb_dicom_file_lookup (file, TAG_IPP);
      double a[6] = { 0 }, b[6] = { 0 };
      bool ra = lb_study_recent_orientation (recent, el, a);
      bool rb = lb_dicom_element_get_doubles (el, b, 6);
      g_assert_cmpint (ra, ==, rb);
      if (ra)
        g_assert_true (memcmp (a, b, sizeof a) == 0);
      lb_dicom_file_free (file);
    }
  lb_study_recent_free (recent);
}

/* The position reader that reuses the last file's first two values gives, file after file,
 * what the parser gives for three values: the same x and y with other z (plain or not), x and y
 * read by strtod, a last answer that failed, too few values, other bytes for x or y. */
static void
test_position (void)
{
  LbStudyRecent *recent = lb_study_recent_new ();
  const char *values[] = {
    "-253.1\\263.3\\-300.0", "-253.1\\263.3\\-299.5", "-253.1\\263.3\\-2.99e2",
    "-253.1\\263.3\\-299", "-253.1\\263.3\\", "-253.1\\263.3\\-298", "-253.1\\263.3",
    "-253.1\\263.3\\x", "-253.1\\263.3\\5", "1e1\\2,5\\3", "1e1\\2,5\\4", "1e1\\2,5\\4e0",
    "1e1\\2,5\\ 7 \\8", "1e1\\2,6\\7", "-253.1\\263.30\\1", "-253.1 \\263.3\\1",
    "x\\1\\2", "x\\1\\3", "1\\2\\3\\4", "1\\2\\3\\4", "\\\\", "\\\\1", "0\\0\\0",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr (GBytes) bytes = NULL;
      LbDicomFile *file = file_with (values[i], &bytes);
      const LbDicomElement *el = lb_dicom_file_lookup (file, TAG_IPP);
      double a[3] = { 0 }, b[3] = { 0 };
      bool ra = lb_study_recent_position (recent, el, a);
      bool rb = lb_dicom_element_get_doubles (el, b, 3);
      if (ra != rb || (ra && memcmp (a, b, sizeof a) != 0))
        g_error ("\"%s\": %d %g %g %g against %d %g %g %g", values[i], ra, a[0], a[1], a[2], rb,
                 b[0], b[1], b[2]);
      lb_dicom_file_free (file);
    }
  double a[3];
  g_assert_false (lb_study_recent_position (recent, NULL, a));
  lb_study_recent_free (recent);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/study-doubles/plain", test_plain);
  g_test_add_func ("/study-doubles/random", test_random);
  g_test_add_func ("/study-doubles/orientation", test_orientation);
  g_test_add_func ("/study-doubles/position", test_position);
  return g_test_run ();
}
