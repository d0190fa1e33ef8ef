/* test-study-header.c: the study model's readers of a file's header give what the parser's
 * generic calls give: lb_dicom_dataset_lookup_tags() the elements lb_dicom_dataset_lookup()
 * finds, tag by tag (every sample and pydicom test file; datasets with a repeated tag or one
 * out of order, which the parser marks unsorted), and lb_study_int() the answer of
 * lb_dicom_element_get_int() (IS strings of every shape: spaces, signs, leading zeros, NULs,
 * empty, overflow, decimals; US in both byte orders); and a model's copy holds the same
 * instances and duplicates. */
#include <glib.h>
#include <string.h>

#include "dicom-builder.h"
#include "lb-dicom.h"
#include "lb-study.h"
#include "study-recent.h"

/* Both look-ups of `tags` (ascending) in ds give the same elements. */
static void
assert_lookup_tags (const LbDicomDataset *ds, const uint32_t *tags, size_t n, const char *what)
{
  const LbDicomElement **out = g_new (const LbDicomElement *, n + 1);
  lb_dicom_dataset_lookup_tags (ds, tags, n, out);
  for (size_t i = 0; i < n; i++)
    if (out[i] != lb_dicom_dataset_lookup (ds, tags[i]))
      g_error ("%s: (%04x,%04x) %p against %p", what, LB_DICOM_TAG_GROUP (tags[i]),
               tags[i] & 0xffff, (void *) out[i], (void *) lb_dicom_dataset_lookup (ds, tags[i]));
  g_free (out);
}

static int
compare_tags (gconstpointer a, gconstpointer b)
{
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
  return x < y ? -1 : x > y;
}

/* The model's tags, and every tag of the dataset with its neighbours, deduplicated. */
static void
check_dataset (const LbDicomDataset *ds, const char *what)
{
  size_t n_model;
  const uint32_t *model_tags = lb_study_model_header_tags (&n_model);
  assert_lookup_tags (ds, model_tags, n_model, what);
  GArray *tags = g_array_new (FALSE, FALSE, sizeof (uint32_t));
  for (size_t i = 0; i < lb_dicom_dataset_count (ds); i++)
    {
      uint32_t t = lb_dicom_element_get_tag (lb_dicom_dataset_get (ds, i));
      uint32_t around[] = { t - 1, t, t + 1 };
      g_array_append_vals (tags, around, 3);
    }
  g_array_sort (tags, compare_tags);
  guint kept = 0;
  for (guint i = 0; i < tags->len; i++)
    if (kept == 0 || g_array_index (tags, uint32_t, i) != g_array_index (tags, uint32_t, kept - 1))
      g_array_index (tags, uint32_t, kept++) = g_array_index (tags, uint32_t, i);
  assert_lookup_tags (ds, (const uint32_t *) tags->data, kept, what);
  g_array_free (tags, TRUE);
}

static guint
check_folder (const char *dir)
{
  guint files = 0;
  GDir *d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return 0;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          files += check_folder (path);
          continue;
        }
      LbDicomFile *file = lb_dicom_file_new (NULL);
      if (lb_dicom_file_read_path (file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
        {
          check_dataset (lb_dicom_file_get_dataset (file), path);
          files++;
        }
      lb_dicom_file_free (file);
    }
  g_dir_close (d);
  return files;
}

static void
test_lookup_tags_files (void)
{
  guint files = check_folder (LB_SAMPLES);
  g_assert_cmpuint (files, >, 20);
  files += check_folder ("/usr/lib/python3/dist-packages/pydicom/data/test_files");
  g_test_message ("%u files", files);
}

/* A file of the given elements (group 0020, in the order given), parsed. */
static LbDicomFile *
file_of (const guint16 *elements, const char *const *values, size_t n, GBytes **bytes_out)
{
  Builder ds = builder (TRUE, FALSE);
  for (size_t i = 0; i < n; i++)
    str (&ds, 0x0020, elements[i], "IS", values[i]);
  *bytes_out = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  LbDicomFile *file = read_bytes (*bytes_out);
  g_assert_nonnull (file);
  return file;
}

static void
test_lookup_tags_repeated (void)
{
  const char *values[] = { "1", "2", "3", "4" };
  const guint16 repeated[] = { 0x0011, 0x0013, 0x0013, 0x0015 };
  const guint16 out_of_order[] = { 0x0011, 0x0015, 0x0013, 0x0017 };
  const guint16 repeated_last[] = { 0x0011, 0x0013, 0x0015, 0x0015 };
  const guint16 *cases[] = { repeated, out_of_order, repeated_last };
  uint32_t tags[] = { LB_DICOM_TAG (0x0020, 0x0011), LB_DICOM_TAG (0x0020, 0x0013),
                      LB_DICOM_TAG (0x0020, 0x0015) };
  for (size_t c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GBytes) bytes = NULL;
      LbDicomFile *file = file_of (cases[c], values, 4, &bytes);
      for (size_t n = 1; n <= G_N_ELEMENTS (tags); n++)
        assert_lookup_tags (lb_dicom_file_get_dataset (file), tags, n, "built");
      check_dataset (lb_dicom_file_get_dataset (file), "built");
      lb_dicom_file_free (file);
    }
}

/* lb_study_int() and lb_dicom_element_get_int() on an IS element of exactly these bytes. */
static void
assert_same_int (const char *value, size_t len)
{
  Builder ds = builder (TRUE, FALSE);
  element (&ds, 0x0020, 0x0013, "IS", value, (guint32) len);
  g_autoptr (GBytes) bytes = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  LbDicomFile *file = read_bytes (bytes);
  g_assert_nonnull (file);
  const LbDicomElement *el = lb_dicom_file_lookup (file, LB_DICOM_TAG (0x0020, 0x0013));
  int64_t a = 7, b = 7;
  bool ra = lb_study_int (el, &a), rb = lb_dicom_element_get_int (el, 0, &b);
  if (ra != rb || a != b)
    g_error ("\"%.*s\": %d %" G_GINT64_FORMAT " against %d %" G_GINT64_FORMAT,
             (int) len, value, ra, a, rb, b);
  lb_dicom_file_free (file);
}

static void
test_int_strings (void)
{
  const char *values[] = {
    "", " ", "1", "-1", "+1", "-0", "0", "007", " 42 ", "42 ", " 42", "1\\2", " 3 \\x",
    "\\5", "4\\", "12345678901234567", "123456789012345678", "1234567890123456789",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "000000000000000000012", "12.0", "12.5", "1e2", "1E2", "0x10",
    "- 5", "--5", "+-5", "5-", "1 2", "\t5", "5\t", "1,0", "inf", "nan", ".5", "5.",
    "99999999999999999999999999999999999999999999999999999999999999999",
    "                                                              7",
    "                                                               7",
    "1                                                               ",
  };
  for (size_t i = 0; i < G_N_ELEMENTS (values); i++)
    assert_same_int (values[i], strlen (values[i]));
  /* NULs: padding, inside, in front. */
  assert_same_int ("5\0", 2);
  assert_same_int ("\0" "5", 2);
  assert_same_int ("5\0" "6", 3);
  assert_same_int ("\0\0", 2);

  GRand *rand = g_rand_new_with_seed (16);
  const char alphabet[] = "0123456789 -+.\\e0123456789";
  for (int i = 0; i < 20000; i++)
    {
      char s[24];
      size_t len = (size_t) g_rand_int_range (rand, 0, sizeof s);
      for (size_t j = 0; j < len; j++)
        s[j] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      assert_same_int (s, len);
    }
  g_rand_free (rand);
}

static void
test_int_us (void)
{
  for (int be = 0; be <= 1; be++)
    {
      const guint16 values[] = { 0, 1, 255, 256, 512, 4096, 32768, 65535 };
      for (size_t i = 0; i < G_N_ELEMENTS (values); i++)
        {
          Builder ds = builder (TRUE, be);
          us (&ds, 0x0028, 0x0010, values[i]);
          g_autoptr (GBytes) bytes = make_file (be ? "1.2.840.10008.1.2.2" : "1.2.840.10008.1.2.1",
                                                &ds, TRUE);
          LbDicomFile *file = lb_dicom_file_new (NULL);
          gsize size;
          const guint8 *data = g_bytes_get_data (bytes, &size);
          g_assert_true (lb_dicom_file_read (file, data, size, 0, NULL));
          const LbDicomElement *el = lb_dicom_file_lookup (file, LB_DICOM_TAG (0x0028, 0x0010));
          int64_t a = -1, b = -2;
          g_assert_true (lb_study_int (el, &a));
          g_assert_true (lb_dicom_element_get_int (el, 0, &b));
          g_assert_cmpint (a, ==, b);
          g_assert_cmpint (a, ==, values[i]);
          lb_dicom_file_free (file);
        }
    }
  /* A US of one byte is no number. */
  Builder ds = builder (TRUE, FALSE);
  element (&ds, 0x0028, 0x0010, "US", "\x01", 1);
  g_autoptr (GBytes) bytes = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  LbDicomFile *file = read_bytes (bytes);
  if (file != NULL)
    {
      const LbDicomElement *el = lb_dicom_file_lookup (file, LB_DICOM_TAG (0x0028, 0x0010));
      int64_t a = 0, b = 0;
      g_assert_cmpint (lb_study_int (el, &a), ==, lb_dicom_element_get_int (el, 0, &b));
    }
  lb_dicom_file_free (file);
}

static void
add_folder (LbStudyModel *model, const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        add_folder (model, path);
      else
        lb_study_model_add_path (model, path, NULL);
    }
  g_dir_close (d);
}

/* The instances (each one allocation with its path and UID) and the duplicates of a model, and
 * of its copy, are the same values in other memory; both are freed (ASan: once each). The
 * samples are added twice over, so every file is also a duplicate. */
static void
test_copy (void)
{
  LbStudyModel *model = lb_study_model_new ();
  add_folder (model, LB_SAMPLES);
  add_folder (model, LB_SAMPLES);
  lb_study_model_sort (model);
  LbStudyModel *copy = lb_study_model_copy (model);
  g_assert_nonnull (copy);
  g_assert_cmpuint (model->n_duplicates, >, 20);
  g_assert_cmpuint (copy->n_duplicates, ==, model->n_duplicates);
  for (size_t i = 0; i < model->n_duplicates; i++)
    {
      g_assert_cmpstr (copy->duplicates[i].path, ==, model->duplicates[i].path);
      g_assert_cmpstr (copy->duplicates[i].kept_path, ==, model->duplicates[i].kept_path);
      g_assert_cmpstr (copy->duplicates[i].sop_instance_uid, ==,
                       model->duplicates[i].sop_instance_uid);
    }
  size_t instances = 0;
  g_assert_cmpuint (copy->n_patients, ==, model->n_patients);
  for (size_t p = 0; p < model->n_patients; p++)
    for (size_t s = 0; s < model->patients[p]->n_studies; s++)
      for (size_t r = 0; r < model->patients[p]->studies[s]->n_series; r++)
        {
          const LbStudySeries *a = model->patients[p]->studies[s]->series[r];
          const LbStudySeries *b = copy->patients[p]->studies[s]->series[r];
          g_assert_cmpuint (b->n_stacks, ==, a->n_stacks);
          for (size_t k = 0; k < a->n_stacks; k++)
            for (size_t i = 0; i < a->stacks[k]->n_instances; i++)
              {
                const LbStudyInstance *x = a->stacks[k]->instances[i];
                const LbStudyInstance *y = b->stacks[k]->instances[i];
                g_assert_true (x != y && x->path != y->path);
                g_assert_cmpstr (y->path, ==, x->path);
                g_assert_cmpstr (y->sop_instance_uid, ==, x->sop_instance_uid);
                g_assert_true (y->has_instance == x->has_instance && y->instance == x->instance
                               && y->frames == x->frames && y->has_position == x->has_position
                               && memcmp (y->ipp, x->ipp, sizeof x->ipp) == 0
                               && y->position == x->position);
                instances++;
              }
        }
  g_assert_cmpuint (instances, >, 20);
  lb_study_model_free (model);
  lb_study_model_free (copy);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/study-header/lookup-tags-files", test_lookup_tags_files);
  g_test_add_func ("/study-header/lookup-tags-repeated", test_lookup_tags_repeated);
  g_test_add_func ("/study-header/int-strings", test_int_strings);
  g_test_add_func ("/study-header/int-us", test_int_us);
  g_test_add_func ("/study-header/copy", test_copy);
  return g_test_run ();
}
