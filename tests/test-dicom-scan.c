/* test-dicom-scan.c: the scan reader (lb-dicom-scan.h) against the full parser. For every file
 * of tests/samples, pydicom's test files, tests/crashers and the corpus (skipped when absent),
 * the scanner and lb_dicom_file_read_path() (header only) must agree on success, the error
 * message, the transfer syntax, DICOMDIR or not, and every value of the tags the scanner keeps;
 * the fast walk must be what read the typical files; a prefix cut before Pixel Data asks for
 * more bytes; the scanner's records of earlier headers change nothing. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lb-dicom.h"
#include "lb-dicom-dir.h"
#include "lb-dicom-scan.h"
#include "dicom-builder.h"

/* The study model's tags (src/study/study-model.c) and a few more of other VRs. */
static const uint32_t tags[] = {
  LB_DICOM_TAG (0x0008, 0x0016), LB_DICOM_TAG (0x0008, 0x0018), LB_DICOM_TAG (0x0008, 0x0020),
  LB_DICOM_TAG (0x0008, 0x0021), LB_DICOM_TAG (0x0008, 0x0060), LB_DICOM_TAG (0x0008, 0x1030),
  LB_DICOM_TAG (0x0008, 0x103e), LB_DICOM_TAG (0x0010, 0x0010), LB_DICOM_TAG (0x0010, 0x0020),
  LB_DICOM_TAG (0x0020, 0x000d), LB_DICOM_TAG (0x0020, 0x000e), LB_DICOM_TAG (0x0020, 0x0011),
  LB_DICOM_TAG (0x0020, 0x0013), LB_DICOM_TAG (0x0020, 0x0032), LB_DICOM_TAG (0x0020, 0x0037),
  LB_DICOM_TAG (0x0028, 0x0008), LB_DICOM_TAG (0x0028, 0x0010), LB_DICOM_TAG (0x0028, 0x0011),
  LB_DICOM_TAG (0x0028, 0x0100), LB_DICOM_TAG (0x0028, 0x0030), LB_DICOM_TAG (0x0002, 0x0002),
};

#define PYDICOM_FILES "/usr/lib/python3/dist-packages/pydicom/data/test_files"

typedef struct {
  guint files, fast;
} Tally;

static void
assert_same_values (const char *path, const LbDicomFile *a, const LbDicomFile *b)
{
  g_assert_cmpstr (lb_dicom_file_get_transfer_syntax (a), ==,
                   lb_dicom_file_get_transfer_syntax (b));
  g_assert_cmpint (lb_dicom_dir_is_dicomdir (a), ==, lb_dicom_dir_is_dicomdir (b));
  g_assert_cmpstr (lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (a)), ==,
                   lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (b)));
  for (size_t t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      const LbDicomElement *x = lb_dicom_file_lookup (a, tags[t]);
      const LbDicomElement *y = lb_dicom_file_lookup (b, tags[t]);
      if ((x == NULL) != (y == NULL))
        g_error ("%s: (%08X) found by one reader only", path, tags[t]);
      if (x == NULL)
        continue;
      uint32_t vm = lb_dicom_element_get_vm (x);
      g_assert_cmpuint (vm, ==, lb_dicom_element_get_vm (y));
      for (uint32_t i = 0; i < vm && i < 16; i++)
        {
          g_autofree char *sx = lb_dicom_element_get_string (x, i);
          g_autofree char *sy = lb_dicom_element_get_string (y, i);
          g_assert_cmpstr (sx, ==, sy);
          double dx = 0, dy = 0;
          g_assert_cmpint (lb_dicom_element_get_double (x, i, &dx), ==,
                           lb_dicom_element_get_double (y, i, &dy));
          g_assert_true (memcmp (&dx, &dy, sizeof dx) == 0);
        }
    }
}

static void
compare_file (LbDicomScanner *scanner, const char *path, Tally *tally)
{
  LbDicomFile *full = lb_dicom_file_new (NULL);
  LbDicomError *full_error = NULL, *scan_error = NULL;
  gboolean full_ok = lb_dicom_file_read_path (full, path, LB_DICOM_READ_STOP_BEFORE_PIXELS,
                                              &full_error);
  uint64_t fast_before, fast_after, n_full;
  lb_dicom_scanner_counts (scanner, &fast_before, &n_full);
  const LbDicomFile *scanned = lb_dicom_scanner_read_path (scanner, path, &scan_error);
  lb_dicom_scanner_counts (scanner, &fast_after, &n_full);
  tally->files++;
  tally->fast += (guint) (fast_after - fast_before);

  if (full_ok != (scanned != NULL))
    g_error ("%s: the full read %s, the scanner %s", path, full_ok ? "succeeds" : "fails",
             scanned != NULL ? "succeeds" : "fails");
  if (!full_ok)
    g_assert_cmpstr (full_error->message, ==, scan_error->message);
  else
    assert_same_values (path, full, scanned);
  lb_dicom_error_free (full_error);
  lb_dicom_error_free (scan_error);
  lb_dicom_file_free (full);
}

static void
compare_tree (LbDicomScanner *scanner, const char *dir, Tally *tally)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        compare_tree (scanner, path, tally);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        compare_file (scanner, path, tally);
    }
  g_dir_close (d);
}

static Tally
compare_dir (const char *dir)
{
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  Tally tally = { 0 };
  compare_tree (scanner, dir, &tally);
  lb_dicom_scanner_free (scanner);
  g_test_message ("%s: %u files, %u read by the fast walk", dir, tally.files, tally.fast);
  return tally;
}

static void
test_samples (void)
{
  Tally t = compare_dir (LB_SAMPLES);
  g_assert_cmpuint (t.files, >, 20);
  g_assert_cmpuint (t.fast, >, 0);
  g_assert_cmpuint (t.fast, <, t.files);   /* the other syntaxes went to the full parser */
}

static void
test_pydicom_files (void)
{
  const char *dir = PYDICOM_FILES;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("pydicom's test files are not installed");
      return;
    }
  compare_dir (dir);
}

static void
test_crashers (void)
{
  g_autofree char *dir = g_build_filename (LB_TEST_DATA, "..", "crashers", NULL);
  compare_dir (dir);
  g_autofree char *fuzz = g_build_filename (LB_TEST_DATA, "..", "fuzz", "corpus", NULL);
  compare_dir (fuzz);
}

static void
test_corpus (void)
{
  const char *root = g_getenv ("LB_CORPUS");
  if (root == NULL)
    root = LB_CORPUS;
  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus (../shared/corpus)");
      return;
    }
  Tally t = compare_dir (root);
  g_assert_cmpuint (t.fast, >, 0);
}

/* What two walks of the same bytes gave: the same result and, when read, the same values. */
static void
assert_same_walk (const char *what, LbDicomScanResult ra, const LbDicomFile *a,
                  LbDicomScanResult rb, const LbDicomFile *b)
{
  if (ra != rb)
    g_error ("%s: the walk with records gives %d, a fresh one %d", what, ra, rb);
  if (ra == LB_DICOM_SCAN_OK)
    assert_same_values (what, a, b);
}

static void
collect_files (const char *dir, GPtrArray *paths)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        collect_files (path, paths);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, path);
      else
        g_free (path);
    }
  g_dir_close (d);
}

/* A scanner's runs stop at its tags and at (0008,0005) below Pixel Data (the scanner's stops):
 * with no tags, the charset among them or not, tags past Pixel Data, an item's tag, the same
 * tag twice, each sample the fast walk reads keeps exactly the elements the parser has. */
static void
test_stops (void)
{
  static const uint32_t sets[][4] = {
    { 0 },
    { LB_DICOM_TAG (0x0008, 0x0005) },
    { LB_DICOM_TAG (0x0008, 0x0005), LB_DICOM_TAG (0x0008, 0x0016) },
    { LB_DICOM_TAG (0x0008, 0x0004), LB_DICOM_TAG (0x0008, 0x0006), LB_DICOM_TAG (0x0028, 0x0010) },
    { LB_DICOM_TAG (0x7fe0, 0x0010), LB_DICOM_TAG (0x7fe0, 0x0008), LB_DICOM_TAG (0x0008, 0x0016) },
    { LB_DICOM_TAG (0x0010, 0x0010), LB_DICOM_TAG (0x0010, 0x0010), LB_DICOM_TAG (0xfffe, 0xe000),
      LB_DICOM_TAG (0x0002, 0x0002) },
  };
  static const size_t counts[] = { 0, 1, 2, 3, 3, 4 };
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  collect_files (LB_SAMPLES, paths);
  guint read = 0;
  for (size_t k = 0; k < G_N_ELEMENTS (sets); k++)
    {
      LbDicomScanner *scanner = lb_dicom_scanner_new (sets[k], counts[k]);
      for (guint f = 0; f < paths->len; f++)
        {
          g_autofree char *bytes = NULL;
          gsize len = 0;
          if (!g_file_get_contents (paths->pdata[f], &bytes, &len, NULL)
              || lb_dicom_scanner_walk (scanner, (const uint8_t *) bytes, len, TRUE)
                 != LB_DICOM_SCAN_OK)
            continue;
          read++;
          LbDicomFile *parsed = lb_dicom_file_new (NULL);
          g_assert_true (lb_dicom_file_read (parsed, (const uint8_t *) bytes, len,
                                             LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL));
          const LbDicomFile *walked = lb_dicom_scanner_file (scanner);
          g_assert_cmpstr (lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (walked)), ==,
                           lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (parsed)));
          for (size_t t = 0; t < counts[k]; t++)
            {
              const LbDicomElement *x = lb_dicom_file_lookup (walked, sets[k][t]);
              const LbDicomElement *y = lb_dicom_file_lookup (parsed, sets[k][t]);
              /* No item, nothing from Pixel Data on: the walk stops there. */
              if (LB_DICOM_TAG_GROUP (sets[k][t]) == 0xfffe
                  || sets[k][t] >= LB_DICOM_TAG_PIXEL_DATA)
                y = NULL;
              if ((x == NULL) != (y == NULL))
                g_error ("%s: (%08X) found by one reader only", (char *) paths->pdata[f],
                         sets[k][t]);
              if (x == NULL)
                continue;
              size_t nx = 0, ny = 0;
              const uint8_t *bx = lb_dicom_element_get_bytes (x, &nx);
              const uint8_t *by = lb_dicom_element_get_bytes (y, &ny);
              g_assert_cmpuint (nx, ==, ny);
              g_assert_true (nx == 0 || memcmp (bx, by, nx) == 0);
            }
          lb_dicom_file_free (parsed);
        }
      lb_dicom_scanner_free (scanner);
    }
  g_assert_cmpuint (read, >, 20);
  g_ptr_array_unref (paths);
}

/* The scanner's records of plain runs (MemoRun in dicom-header-scan-private.h) change nothing:
 * each sample (and pydicom's test file, when installed) the fast walk reads, walked once for
 * the records, then with one to three bytes of its header changed (tags, VRs, lengths,
 * private creators, values) or cut short, gives what a scanner without records gives, and the
 * full parser's values. */
static void
test_records (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  collect_files (LB_SAMPLES, paths);
  collect_files (PYDICOM_FILES, paths);   /* when installed */
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  GRand *rand = g_rand_new_with_seed (7);
  guint files = 0, mutants_read = 0;
  for (guint f = 0; f < paths->len; f++)
    {
      const char *path = paths->pdata[f];
      g_autofree char *bytes = NULL;
      gsize len = 0;
      if (!g_file_get_contents (path, &bytes, &len, NULL)
          || lb_dicom_scanner_walk (scanner, (const uint8_t *) bytes, len, TRUE)
             != LB_DICOM_SCAN_OK)
        continue;
      files++;
      LbDicomFile *full = lb_dicom_file_new (NULL);
      const LbDicomElement *pixels = NULL;
      if (lb_dicom_file_read (full, (const uint8_t *) bytes, len, LB_DICOM_READ_DEFAULT, NULL))
        pixels = lb_dicom_file_lookup (full, LB_DICOM_TAG_PIXEL_DATA);
      size_t header = pixels != NULL ? (size_t) lb_dicom_element_get_offset (pixels) + 12 : len;
      lb_dicom_file_free (full);
      g_autofree uint8_t *mutant = g_memdup2 (bytes, len);
      for (int m = 0; m < 400; m++)
        {
          memcpy (mutant, bytes, len);
          size_t mutant_len = len;
          int changes = g_rand_int_range (rand, 1, 4);
          for (int k = 0; k < changes; k++)
            mutant[g_rand_int_range (rand, 132, (gint32) header)] = (uint8_t) g_rand_int (rand);
          if (m % 8 == 7)
            mutant_len = (size_t) g_rand_int_range (rand, 140, (gint32) header);
          gboolean whole = m % 16 != 15;
          /* The records of the file itself first, as in a series. */
          (void) lb_dicom_scanner_walk (scanner, (const uint8_t *) bytes, len, TRUE);
          /* A copy of exactly the bytes given: a read past them is caught by memcheck. */
          g_autofree uint8_t *exact = g_memdup2 (mutant, mutant_len);
          LbDicomScanResult r = lb_dicom_scanner_walk (scanner, exact, mutant_len, whole);
          LbDicomScanner *fresh = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
          LbDicomScanResult r_fresh = lb_dicom_scanner_walk (fresh, exact, mutant_len, whole);
          g_autofree char *what = g_strdup_printf ("%s, mutant %d", path, m);
          assert_same_walk (what, r, lb_dicom_scanner_file (scanner), r_fresh,
                            lb_dicom_scanner_file (fresh));
          if (r == LB_DICOM_SCAN_OK && whole)
            {
              LbDicomFile *parsed = lb_dicom_file_new (NULL);
              if (!lb_dicom_file_read (parsed, exact, mutant_len,
                                       LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
                g_error ("%s: the walk reads what the parser refuses", what);
              assert_same_values (what, lb_dicom_scanner_file (scanner), parsed);
              lb_dicom_file_free (parsed);
              mutants_read++;
            }
          lb_dicom_scanner_free (fresh);
        }
    }
  g_test_message ("%u files, %u changed copies read by the fast walk", files, mutants_read);
  g_assert_cmpuint (files, >, 5);
  g_assert_cmpuint (mutants_read, >, 100);
  g_rand_free (rand);
  lb_dicom_scanner_free (scanner);
  g_ptr_array_unref (paths);
}

/* A private UN whose creator's dictionary makes it a sequence is for the full parser, also
 * when an earlier header recorded the same element bytes under another creator of the same
 * length: the creator is asked about again. */
static GBytes *
file_with_private_un (const char *creator)
{
  static const guint8 empty_item[8] = { 0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0 };
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  str (&ds, 0x0071, 0x0010, "LO", creator);
  element (&ds, 0x0071, 0x1018, "UN", empty_item, sizeof empty_item);
  str (&ds, 0x0071, 0x1020, "LO", "PLAIN");
  /* The run's record reaches 16 bytes past the start of its last element: it is replayed. */
  str (&ds, 0x0071, 0x1030, "LO", "A VALUE OF MORE THAN 16 BYTES");
  return make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
}

static void
test_records_ask_the_creator (void)
{
  /* (0071,xx18) of AGFA-AG_HPState is SQ in the private dictionary; of this one, nothing. */
  g_autoptr (GBytes) plain = file_with_private_un ("OTHER_CREATOR_X");
  g_autoptr (GBytes) sequence = file_with_private_un ("AGFA-AG_HPState");
  g_assert_cmpuint (g_bytes_get_size (plain), ==, g_bytes_get_size (sequence));
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  gsize len = 0;
  const uint8_t *bytes = g_bytes_get_data (plain, &len);
  g_assert_cmpint (lb_dicom_scanner_walk (scanner, bytes, len, TRUE), ==, LB_DICOM_SCAN_OK);
  bytes = g_bytes_get_data (sequence, &len);
  g_assert_cmpint (lb_dicom_scanner_walk (scanner, bytes, len, TRUE), ==,
                   LB_DICOM_SCAN_FALLBACK);
  bytes = g_bytes_get_data (plain, &len);
  g_assert_cmpint (lb_dicom_scanner_walk (scanner, bytes, len, TRUE), ==, LB_DICOM_SCAN_OK);
  lb_dicom_scanner_free (scanner);
}

/* A value of another length moves the elements after it: past the bytes the buffer has, they
 * are not taken from the record. */
static GBytes *
file_with_accession (const char *accession)
{
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  str (&ds, 0x0008, 0x0050, "SH", accession);
  str (&ds, 0x0008, 0x0070, "LO", "MAKER");
  str (&ds, 0x0008, 0x0080, "LO", "HOSPITAL");
  str (&ds, 0x0008, 0x0090, "PN", "DOCTOR");
  str (&ds, 0x0008, 0x1010, "SH", "STATION");
  return make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
}

static void
test_records_other_lengths (void)
{
  g_autoptr (GBytes) shorter = file_with_accession ("AB");
  g_autoptr (GBytes) longer = file_with_accession ("ABCDEFGHIJ");
  gsize short_len = 0, long_len = 0;
  const uint8_t *short_bytes = g_bytes_get_data (shorter, &short_len);
  const uint8_t *long_bytes = g_bytes_get_data (longer, &long_len);
  g_assert_cmpuint (long_len, ==, short_len + 8);
  for (gsize cut = 0; cut <= 8; cut++)
    for (int whole = 0; whole < 2; whole++)
      {
        LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
        LbDicomScanner *fresh = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
        g_assert_cmpint (lb_dicom_scanner_walk (scanner, short_bytes, short_len, TRUE), ==,
                         LB_DICOM_SCAN_OK);
        g_autofree uint8_t *exact = g_memdup2 (long_bytes, long_len - cut);
        LbDicomScanResult r = lb_dicom_scanner_walk (scanner, exact, long_len - cut, whole);
        LbDicomScanResult r_fresh = lb_dicom_scanner_walk (fresh, exact, long_len - cut, whole);
        g_autofree char *what = g_strdup_printf ("cut %zu, whole %d", cut, whole);
        assert_same_walk (what, r, lb_dicom_scanner_file (scanner), r_fresh,
                          lb_dicom_scanner_file (fresh));
        if (cut == 0 && whole)
          g_assert_cmpint (r, ==, LB_DICOM_SCAN_OK);
        lb_dicom_scanner_free (fresh);
        lb_dicom_scanner_free (scanner);
      }
}

/* An element whose record asks for more than its bytes (here a private creator) is looked at
 * whatever bytes come: a header with (0008,0010) where the last had (0009,0010), one bit
 * apart, out of order now, is for the full parser. */
static GBytes *
file_with_creator_at (guint16 group)
{
  static const guint8 four[4] = { 1, 2, 3, 4 };
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  str (&ds, 0x0008, 0x0050, "SH", "ACCESSION");
  str (&ds, group, 0x0010, "LO", "CREATOR1");
  element (&ds, 0x0009, 0x1001, "UN", four, sizeof four);
  str (&ds, 0x0010, 0x0020, "LO", "PATIENT");
  return make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
}

/* A scanner that read `in_order` (so it holds its records) refuses `out_of_order` as a fresh
 * scanner does: the full parser reads it. */
static void
assert_records_refuse (GBytes *in_order,
                       GBytes *out_of_order)
{
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  LbDicomScanner *fresh = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  gsize len = 0;
  const uint8_t *bytes = g_bytes_get_data (in_order, &len);
  g_assert_cmpint (lb_dicom_scanner_walk (scanner, bytes, len, TRUE), ==, LB_DICOM_SCAN_OK);
  bytes = g_bytes_get_data (out_of_order, &len);
  g_assert_cmpint (lb_dicom_scanner_walk (fresh, bytes, len, TRUE), ==, LB_DICOM_SCAN_FALLBACK);
  g_assert_cmpint (lb_dicom_scanner_walk (scanner, bytes, len, TRUE), ==, LB_DICOM_SCAN_FALLBACK);
  lb_dicom_scanner_free (fresh);
  lb_dicom_scanner_free (scanner);
}

static void
test_records_look_at_any_bytes (void)
{
  g_autoptr (GBytes) in_order = file_with_creator_at (0x0009);
  g_autoptr (GBytes) out_of_order = file_with_creator_at (0x0008);
  assert_records_refuse (in_order, out_of_order);
}

/* Past a wanted tag a header lacks ((0008,0021) here), the replay leaves the next stop behind:
 * an element of that tag out of order after it is not taken for the wanted one. */
static GBytes *
file_with_late (guint16 element)
{
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  str (&ds, 0x0008, 0x0020, "DA", "20200101");
  str (&ds, 0x0008, 0x0023, "DA", "20200101");
  str (&ds, 0x0008, 0x0030, "TM", "120000");
  str (&ds, 0x0008, element, "SH", "LATE");
  str (&ds, 0x0010, 0x0020, "LO", "PATIENT");
  return make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
}

static void
test_records_stop_after_replay (void)
{
  g_autoptr (GBytes) in_order = file_with_late (0x0050);
  g_autoptr (GBytes) out_of_order = file_with_late (0x0021);
  assert_records_refuse (in_order, out_of_order);
}

/* The scanner's records of the last header's top-level sequences (SeqMemo in
 * dicom-header-scan-private.h) change nothing either: a header whose sequences have the same
 * bytes as the last one's, or other bytes, another length, an undefined length, a cut inside
 * one, reads as a fresh scanner reads it. */
static GBytes *
file_with_sequences (const char *code, gboolean undefined, guint32 extra_length,
                     gboolean bad_item, gsize cut)
{
  Builder items = builder (TRUE, FALSE);
  for (int i = 0; i < 2; i++)
    {
      Builder it = builder (TRUE, FALSE);
      str (&it, 0x0008, 0x0100, "SH", code);
      str (&it, 0x0008, 0x0104, "LO", i == 0 ? "FIRST CODE" : "SECOND CODE");
      if (bad_item && i == 1)   /* an item delimiter where the second item starts */
        header (&items, 0xfffe, 0xe00d, NULL, undefined ? 0xffffffffu : it.b->len);
      else
        item (&items, undefined ? 0xffffffffu : it.b->len);
      g_byte_array_append (items.b, it.b->data, it.b->len);
      if (undefined)
        item_end (&items);
      g_byte_array_unref (it.b);
    }
  if (undefined)
    seq_end (&items);
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  header (&ds, 0x0008, 0x1032, "SQ", undefined ? 0xffffffffu : items.b->len + extra_length);
  g_byte_array_append (ds.b, items.b->data, items.b->len);
  str (&ds, 0x0010, 0x0010, "PN", "ONE^PATIENT");   /* 20 bytes */
  header (&ds, 0x0012, 0x0064, "SQ", items.b->len);   /* the same again, a second rank */
  g_byte_array_append (ds.b, items.b->data, items.b->len);
  str (&ds, 0x0020, 0x000d, "UI", "1.2.3.4");
  g_byte_array_unref (items.b);
  GBytes *file = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  if (cut == 0)
    return file;
  GBytes *part = g_bytes_new_from_bytes (file, 0, g_bytes_get_size (file) - cut);
  g_bytes_unref (file);
  return part;
}

static void
assert_as_fresh (LbDicomScanner *scanner, GBytes *file, gboolean whole,
                 LbDicomScanResult expected, const char *what)
{
  gsize len = 0;
  const uint8_t *bytes = g_bytes_get_data (file, &len);
  LbDicomScanner *fresh = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  LbDicomScanResult r_fresh = lb_dicom_scanner_walk (fresh, bytes, len, whole);
  LbDicomScanResult r = lb_dicom_scanner_walk (scanner, bytes, len, whole);
  assert_same_walk (what, r, lb_dicom_scanner_file (scanner), r_fresh,
                    lb_dicom_scanner_file (fresh));
  g_assert_cmpint (r, ==, expected);
  lb_dicom_scanner_free (fresh);
}

/* A private UN found plain with the main dataset's creators is plain again with the same
 * creators (KnownCreators in dicom-header-scan-private.h), and asked again with others: here
 * the same creators so far but one more, the creator of its block, noted in an earlier run.
 * `block_creator`: (0071,0011) is there (AGFA-AG_HPState, whose (0071,xx18) is SQ); the SQ
 * (0071,1000) ends the run before the UN. */
static GBytes *
file_with_creators (gboolean block_creator)
{
  static const guint8 empty_item[8] = { 0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0 };
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  str (&ds, 0x0071, 0x0010, "LO", "OTHER_CREATOR_X");
  if (block_creator)
    str (&ds, 0x0071, 0x0011, "LO", "AGFA-AG_HPState");
  header (&ds, 0x0071, 0x1000, "SQ", 0);
  element (&ds, 0x0071, 0x1118, "UN", empty_item, sizeof empty_item);
  str (&ds, 0x0071, 0x1120, "LO", "PLAIN");
  str (&ds, 0x0071, 0x1130, "LO", "A VALUE OF MORE THAN 16 BYTES");   /* replayed (above) */
  return make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
}

static void
test_records_same_creators (void)
{
  g_autoptr (GBytes) with = file_with_creators (TRUE);
  g_autoptr (GBytes) without = file_with_creators (FALSE);
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  /* First the header without: a run whose record has no element is never recorded again. */
  assert_as_fresh (scanner, without, TRUE, LB_DICOM_SCAN_OK, "without it, first");
  for (int round = 0; round < 3; round++)
    {
      assert_as_fresh (scanner, with, TRUE, LB_DICOM_SCAN_FALLBACK, "with its block's creator");
      assert_as_fresh (scanner, without, TRUE, LB_DICOM_SCAN_OK, "without it");
      assert_as_fresh (scanner, without, TRUE, LB_DICOM_SCAN_OK, "without it, again");
    }
  lb_dicom_scanner_free (scanner);
}

/* A file whose meta group names `sop_class` (and whose dataset starts with `vr` for
 * (0008,0016)). */
static GBytes *
file_with_class (const char *sop_class, const char *vr)
{
  Builder meta = builder (TRUE, FALSE);
  element (&meta, 0x0002, 0x0001, "OB", "\0\1", 2);
  str (&meta, 0x0002, 0x0002, "UI", sop_class);
  str (&meta, 0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, vr, sop_class);
  str (&ds, 0x0010, 0x0010, "PN", "A^PATIENT");
  Builder m = builder (TRUE, FALSE);
  guint8 zero[128] = { 0 };
  g_byte_array_append (m.b, zero, 128);
  g_byte_array_append (m.b, (const guint8 *) "DICM", 4);
  header (&m, 0x0002, 0x0000, "UL", 4);
  put32 (&m, meta.b->len);
  g_byte_array_append (m.b, meta.b->data, meta.b->len);
  g_byte_array_append (m.b, ds.b->data, ds.b->len);
  g_byte_array_unref (meta.b);
  g_byte_array_unref (ds.b);
  return g_byte_array_free_to_bytes (m.b);
}

/* The scanner remembers the last Media Storage SOP Class that names no DICOMDIR: one of the
 * same length that does (or has a value of another charset) is for the full parser still; and
 * the dataset's first VR is read from the scanner's table as the parser reads it. */
static void
test_meta_class (void)
{
  g_autoptr (GBytes) other = file_with_class ("1.2.840.10008.1.3.11", "UI");
  g_autoptr (GBytes) dicomdir = file_with_class ("1.2.840.10008.1.3.10", "UI");
  g_autoptr (GBytes) spaced = file_with_class ("1.2.840.10008.1.3.10 \\X", "UI");
  g_autoptr (GBytes) lower = file_with_class ("1.2.840.10008.1.3.11", "ui");
  g_autoptr (GBytes) not_vr = file_with_class ("1.2.840.10008.1.3.11", "QQ");
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  for (int round = 0; round < 2; round++)
    {
      assert_as_fresh (scanner, other, TRUE, LB_DICOM_SCAN_OK, "another class");
      assert_as_fresh (scanner, other, TRUE, LB_DICOM_SCAN_OK, "another class, again");
      assert_as_fresh (scanner, dicomdir, TRUE, LB_DICOM_SCAN_FALLBACK, "a DICOMDIR's class");
      assert_as_fresh (scanner, other, TRUE, LB_DICOM_SCAN_OK, "another class, after");
      assert_as_fresh (scanner, spaced, TRUE, LB_DICOM_SCAN_FALLBACK, "two values");
      assert_as_fresh (scanner, lower, TRUE, LB_DICOM_SCAN_FALLBACK, "a VR in lower case");
      assert_as_fresh (scanner, not_vr, TRUE, LB_DICOM_SCAN_FALLBACK, "no VR");
    }
  lb_dicom_scanner_free (scanner);
}

/* A file with (0008,0005) of these bytes (NULL: none). */
static GBytes *
file_with_charset (const char *charset)
{
  Builder ds = builder (TRUE, FALSE);
  if (charset != NULL)
    element (&ds, 0x0008, 0x0005, "CS", charset, (guint32) strlen (charset));
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  str (&ds, 0x0010, 0x0010, "PN", "A^PATIENT");
  return make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
}

/* The scanner keeps the last Specific Character Set's bytes and its trimmed copy: a value of
 * the same length and other bytes, padded otherwise, or none, reads as a fresh scanner reads
 * it (and a walk's fields of the file are forgotten before the next). */
static void
test_charset_kept (void)
{
  static const char *const charsets[] = {
    "ISO_IR 100", "ISO_IR 100", "ISO_IR 101", NULL, "ISO_IR 100", " ISO_IR 100 ", "ISO_IR 192",
    "\\ISO 2022 IR 149", "ISO_IR 101", NULL, NULL, "ISO_IR 100",
  };
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  for (size_t i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr (GBytes) file = file_with_charset (charsets[i]);
      g_autofree char *what = g_strdup_printf ("charset %zu", i);
      assert_as_fresh (scanner, file, TRUE, LB_DICOM_SCAN_OK, what);
      const char *kept = lb_dicom_dataset_get_charset (
        lb_dicom_file_get_dataset (lb_dicom_scanner_file (scanner)));
      g_autofree char *want = charsets[i] != NULL ? g_strstrip (g_strdup (charsets[i])) : NULL;
      g_assert_cmpstr (kept, ==, want);
    }
  lb_dicom_scanner_free (scanner);
}

/* A file the full parser read into the scanner's file (big endian: the parser's storage and
 * flags) is forgotten as a whole before the next walk, which reads as a fresh scanner. */
static void
test_walk_after_parser (void)
{
  Builder be = builder (TRUE, TRUE);
  element (&be, 0x0008, 0x0005, "CS", "ISO_IR 192", 10);
  str (&be, 0x0008, 0x0016, "UI", "1.2.3");
  us (&be, 0x0028, 0x0010, 512);
  g_autoptr (GBytes) big = make_file ("1.2.840.10008.1.2.2", &be, TRUE);
  Builder le = builder (TRUE, FALSE);
  str (&le, 0x0008, 0x0016, "UI", "1.2.3");
  us (&le, 0x0028, 0x0010, 512);
  g_autoptr (GBytes) little = make_file ("1.2.840.10008.1.2.1", &le, TRUE);
  g_autofree char *dir = g_dir_make_tmp ("lb-scan-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.dcm", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (big, NULL),
                                      (gssize) g_bytes_get_size (big), NULL));
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  for (int round = 0; round < 2; round++)
    {
      const LbDicomFile *f = lb_dicom_scanner_read_path (scanner, path, NULL);
      g_assert_nonnull (f);
      g_assert_cmpstr (lb_dicom_file_get_transfer_syntax (f), ==, "1.2.840.10008.1.2.2");
      assert_as_fresh (scanner, little, TRUE, LB_DICOM_SCAN_OK, "a walk after the parser");
      int64_t rows = 0;
      g_assert_true (lb_dicom_element_get_int (
        lb_dicom_file_lookup (lb_dicom_scanner_file (scanner), LB_DICOM_TAG (0x0028, 0x0010)),
        0, &rows));
      g_assert_cmpint (rows, ==, 512);
      const LbDicomFile *walked = lb_dicom_scanner_file (scanner);
      g_assert_false (lb_dicom_file_is_big_endian (walked));
      g_assert_null (lb_dicom_file_get_error (walked));
      LbDicomScanner *fresh = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
      gsize len = 0;
      const uint8_t *bytes = g_bytes_get_data (little, &len);
      g_assert_cmpint (lb_dicom_scanner_walk (fresh, bytes, len, TRUE), ==, LB_DICOM_SCAN_OK);
      g_assert_cmpuint (lb_dicom_file_get_held_bytes (walked), ==,
                        lb_dicom_file_get_held_bytes (lb_dicom_scanner_file (fresh)));
      lb_dicom_scanner_free (fresh);
    }
  lb_dicom_scanner_free (scanner);
  g_unlink (path);
  g_rmdir (dir);
}

/* A header whose run stopped at a sequence, then one with a plain element there: a run whose
 * record is replayed whole and ended where the last walk stopped (MemoRun.closed) hands the
 * next element to the general path, which reads it whatever it is. The shortcut changes no
 * output, so the test counts that it was taken (lb_dicom_scanner_ended_runs) as well as
 * comparing each header with a fresh walk. */
static GBytes *
file_with_code (gboolean sequence)
{
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0016, "UI", "1.2.3");
  str (&ds, 0x0008, 0x0050, "SH", "ACCESSION");
  if (sequence)
    header (&ds, 0x0008, 0x1032, "SQ", 0);
  else
    str (&ds, 0x0008, 0x1032, "LO", "NOT A SEQUENCE");
  str (&ds, 0x0008, 0x1040, "LO", "DEPARTMENT");
  str (&ds, 0x0010, 0x0010, "PN", "A^PATIENT");
  str (&ds, 0x0010, 0x0020, "LO", "ID");
  str (&ds, 0x0020, 0x000d, "UI", "1.2.3.4");
  str (&ds, 0x0020, 0x4000, "LT", "A VALUE OF MORE THAN 16 BYTES");
  return make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
}

static void
test_records_closed_runs (void)
{
  g_autoptr (GBytes) sequence = file_with_code (TRUE);
  g_autoptr (GBytes) plain = file_with_code (FALSE);
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  GBytes *order[] = { sequence, sequence, plain, plain, sequence, plain, plain, sequence };
  for (size_t i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *what = g_strdup_printf ("header %zu", i);
      uint64_t before = lb_dicom_scanner_ended_runs (scanner);
      assert_as_fresh (scanner, order[i], TRUE, LB_DICOM_SCAN_OK, what);
      uint64_t ended = lb_dicom_scanner_ended_runs (scanner) - before;
      /* From the second header on, the run up to (0008,1032) is the last one's: replayed whole
       * and left to the general path there, whichever element that is now. */
      if (i == 0)
        g_assert_cmpuint (ended, ==, 0);
      else
        g_assert_cmpuint (ended, >=, 1);
    }
  lb_dicom_scanner_free (scanner);
}

static void
test_records_sequences (void)
{
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  g_autoptr (GBytes) first = file_with_sequences ("111", FALSE, 0, FALSE, 0);
  g_autoptr (GBytes) other = file_with_sequences ("112", FALSE, 0, FALSE, 0);
  g_autoptr (GBytes) bad = file_with_sequences ("111", FALSE, 0, TRUE, 0);
  g_autoptr (GBytes) longer = file_with_sequences ("111", FALSE, 20, FALSE, 0);
  g_autoptr (GBytes) undefined = file_with_sequences ("111", TRUE, 0, FALSE, 0);
  g_autoptr (GBytes) cut = file_with_sequences ("111", FALSE, 0, FALSE, 60);
  g_autoptr (GBytes) cut_undefined = file_with_sequences ("111", TRUE, 0, FALSE, 60);
  assert_as_fresh (scanner, first, TRUE, LB_DICOM_SCAN_OK, "first");
  assert_as_fresh (scanner, first, TRUE, LB_DICOM_SCAN_OK, "same sequences");
  g_autofree char *study = lb_dicom_element_get_string (
    lb_dicom_file_lookup (lb_dicom_scanner_file (scanner), LB_DICOM_TAG (0x0020, 0x000d)), 0);
  g_assert_cmpstr (study, ==, "1.2.3.4");
  assert_as_fresh (scanner, other, TRUE, LB_DICOM_SCAN_OK, "other codes");
  assert_as_fresh (scanner, first, TRUE, LB_DICOM_SCAN_OK, "first again");
  /* As many bytes, but no item where the second one starts. */
  assert_as_fresh (scanner, bad, TRUE, LB_DICOM_SCAN_FALLBACK, "an item delimiter for an item");
  /* The same items under a length that covers the patient's name too: it is read as an
   * item. */
  assert_as_fresh (scanner, longer, TRUE, LB_DICOM_SCAN_FALLBACK, "longer sequence");
  assert_as_fresh (scanner, first, TRUE, LB_DICOM_SCAN_OK, "first, third time");
  assert_as_fresh (scanner, undefined, TRUE, LB_DICOM_SCAN_OK, "undefined lengths");
  assert_as_fresh (scanner, undefined, TRUE, LB_DICOM_SCAN_OK, "undefined lengths again");
  /* Cut inside the second sequence (its value runs past the bytes at hand). */
  assert_as_fresh (scanner, cut_undefined, FALSE, LB_DICOM_SCAN_MORE, "cut, undefined");
  assert_as_fresh (scanner, first, TRUE, LB_DICOM_SCAN_OK, "first, fourth time");
  assert_as_fresh (scanner, cut, FALSE, LB_DICOM_SCAN_MORE, "cut");
  assert_as_fresh (scanner, cut, TRUE, LB_DICOM_SCAN_FALLBACK, "cut, whole");
  lb_dicom_scanner_free (scanner);
}

/* A prefix that ends before Pixel Data asks for more; the whole header reads. */
static void
test_prefix_asks_for_more (void)
{
  g_autofree char *path = g_build_filename (LB_SAMPLES, "generated", NULL);
  GDir *d = g_dir_open (path, 0, NULL);
  g_assert_nonnull (d);
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, G_N_ELEMENTS (tags));
  const char *name;
  gboolean seen = FALSE;
  while (!seen && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;
      if (!g_file_get_contents (file, &bytes, &len, NULL)
          || lb_dicom_scanner_walk (scanner, (const uint8_t *) bytes, len, TRUE)
             != LB_DICOM_SCAN_OK)
        continue;
      const LbDicomElement *pixels = NULL;
      LbDicomFile *full = lb_dicom_file_new (NULL);
      if (lb_dicom_file_read (full, (const uint8_t *) bytes, len, LB_DICOM_READ_DEFAULT, NULL))
        pixels = lb_dicom_file_lookup (full, LB_DICOM_TAG_PIXEL_DATA);
      if (pixels != NULL)
        {
          size_t at = (size_t) lb_dicom_element_get_offset (pixels);
          g_assert_cmpint (lb_dicom_scanner_walk (scanner, (const uint8_t *) bytes, at - 1, FALSE),
                           ==, LB_DICOM_SCAN_MORE);
          g_assert_cmpint (lb_dicom_scanner_walk (scanner, (const uint8_t *) bytes, at - 1, TRUE),
                           ==, LB_DICOM_SCAN_FALLBACK);
          g_assert_cmpint (lb_dicom_scanner_walk (scanner, (const uint8_t *) bytes, at + 8, FALSE),
                           ==, LB_DICOM_SCAN_OK);
          seen = TRUE;
        }
      lb_dicom_file_free (full);
    }
  g_dir_close (d);
  lb_dicom_scanner_free (scanner);
  g_assert_true (seen);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom-scan/samples", test_samples);
  g_test_add_func ("/dicom-scan/pydicom-files", test_pydicom_files);
  g_test_add_func ("/dicom-scan/crashers", test_crashers);
  g_test_add_func ("/dicom-scan/corpus", test_corpus);
  g_test_add_func ("/dicom-scan/prefix", test_prefix_asks_for_more);
  g_test_add_func ("/dicom-scan/stops", test_stops);
  g_test_add_func ("/dicom-scan/meta-class", test_meta_class);
  g_test_add_func ("/dicom-scan/charset-kept", test_charset_kept);
  g_test_add_func ("/dicom-scan/walk-after-parser", test_walk_after_parser);
  g_test_add_func ("/dicom-scan/records", test_records);
  g_test_add_func ("/dicom-scan/records-ask-the-creator", test_records_ask_the_creator);
  g_test_add_func ("/dicom-scan/records-same-creators", test_records_same_creators);
  g_test_add_func ("/dicom-scan/records-other-lengths", test_records_other_lengths);
  g_test_add_func ("/dicom-scan/records-look-at-any-bytes", test_records_look_at_any_bytes);
  g_test_add_func ("/dicom-scan/records-stop-after-replay", test_records_stop_after_replay);
  g_test_add_func ("/dicom-scan/records-sequences", test_records_sequences);
  g_test_add_func ("/dicom-scan/records-closed-runs", test_records_closed_runs);
  return g_test_run ();
}
