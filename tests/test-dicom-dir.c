/* test-dicom-dir.c: the record tree of a DICOMDIR (dicom-dir.c), on pydicom's dicomdirtests:
 * linked by the offsets where they are right (also when the records are stored out of order,
 * or when the zero offsets are left out), and the same tree either way. The fallback to the
 * record order, for offsets that are wrong or all absent, is tested by test-scan-archive.py
 * on DICOMDIRs it writes with pydicom. The writer (dicom-dir-write.c): a DICOMDIR written over
 * made-up instances reads back linked by its offsets, with the tree and File IDs it placed. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom.h"
#include "lb-dicom-dir.h"
#include "lb-dicom-dir-write.h"
#include "lb-dicom-write.h"

#define PYDICOM_DIRS "/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests"

typedef struct {
  LbDicomFile *file;
  LbDicomDir dir;
} Read;

static gboolean
read_dicomdir (const char *name, Read *r)
{
  g_autofree char *path = g_build_filename (PYDICOM_DIRS, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  r->file = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read_path (r->file, path, LB_DICOM_READ_DEFAULT, NULL));
  g_assert_true (lb_dicom_dir_is_dicomdir (r->file));
  g_assert_true (lb_dicom_dir_read (r->file, &r->dir));
  return TRUE;
}

static void
read_clear (Read *r)
{
  lb_dicom_dir_clear (&r->dir);
  lb_dicom_file_free (r->file);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* "PATIENT-id/STUDY-uid/SERIES-uid/file-id" for every record with a file, sorted: the tree
 * as a set of paths, whatever order the records are stored in. */
static char *
tree_text (const Read *r)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  for (size_t i = 0; i < r->dir.n_records; i++)
    {
      if (r->dir.records[i].file_id == NULL)
        continue;
      GString *line = g_string_new (r->dir.records[i].file_id);
      for (long p = r->dir.records[i].parent; p >= 0; p = r->dir.records[p].parent)
        {
          const LbDicomDataset *item = r->dir.records[p].item;
          uint32_t tag = r->dir.records[p].level == LB_DICOM_DIR_PATIENT
                         ? LB_DICOM_TAG (0x0010, 0x0020)
                         : r->dir.records[p].level == LB_DICOM_DIR_STUDY
                           ? LB_DICOM_TAG (0x0020, 0x000d) : LB_DICOM_TAG (0x0020, 0x000e);
          const LbDicomElement *el = lb_dicom_dataset_lookup (item, tag);
          char *value = el != NULL ? lb_dicom_element_get_string (el, 0) : NULL;
          g_string_prepend (line, "/");
          g_string_prepend (line, value != NULL ? g_strstrip (value) : "?");
          free (value);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
test_offsets_and_order (void)
{
  Read ref, reordered, nooffset;
  if (!read_dicomdir ("DICOMDIR", &ref))
    {
      g_test_skip ("pydicom's dicomdirtests are not installed");
      return;
    }
  g_assert_true (read_dicomdir ("DICOMDIR-reordered", &reordered));
  g_assert_true (read_dicomdir ("DICOMDIR-nooffset", &nooffset));
  g_assert_true (ref.dir.linked_by_offsets);
  g_assert_true (reordered.dir.linked_by_offsets);
  /* Its absent offsets are the zero ones: the end of a chain, or no children. */
  g_assert_true (nooffset.dir.linked_by_offsets);

  g_autofree char *want = tree_text (&ref);
  g_autofree char *got_reordered = tree_text (&reordered);
  g_autofree char *got_nooffset = tree_text (&nooffset);
  g_assert_cmpuint (strlen (want), >, 100);
  g_assert_cmpstr (got_reordered, ==, want);
  g_assert_cmpstr (got_nooffset, ==, want);
  /* Every image sits under a series, a study and a patient. */
  for (size_t i = 0; i < ref.dir.n_records; i++)
    if (ref.dir.records[i].level == LB_DICOM_DIR_INSTANCE)
      g_assert_cmpint (lb_dicom_dir_ancestor (&ref.dir, i, LB_DICOM_DIR_PATIENT), >=, 0);
  read_clear (&ref);
  read_clear (&reordered);
  read_clear (&nooffset);
}

/* The reordered DICOMDIR with its record order taken as the tree would put images in the
 * wrong series: the offsets must win when they are right. */
static void
test_reordered_records_need_offsets (void)
{
  Read reordered;
  if (!read_dicomdir ("DICOMDIR-reordered", &reordered))
    {
      g_test_skip ("pydicom's dicomdirtests are not installed");
      return;
    }
  size_t first_patient = 0;
  while (first_patient < reordered.dir.n_records
         && reordered.dir.records[first_patient].level != LB_DICOM_DIR_PATIENT)
    first_patient++;
  /* Records before the first PATIENT have a parent only through the offsets. */
  for (size_t i = 0; i < first_patient; i++)
    g_assert_cmpint (reordered.dir.records[i].parent, >=, 0);
  read_clear (&reordered);
}

/* A parsed instance of patient `patient`, study `study`, series `series`, number `number`. */
static LbDicomFile *
made_up (const char *patient, const char *study, const char *series, int number,
         uint8_t **bytes)
{
  LbDicomBuilder *b = lb_dicom_builder_new ();
  g_autofree char *study_uid = g_strdup_printf ("1.2.3.%s", study);
  g_autofree char *series_uid = g_strdup_printf ("1.2.3.%s.%s", study, series);
  g_autofree char *sop = g_strdup_printf ("1.2.3.%s.%s.%d", study, series, number);
  LbDicomWriteOptions options = { "1.2.840.10008.5.1.4.1.1.7", sop, NULL, NULL };
  LbDicomFile *file = lb_dicom_file_new (NULL);
  size_t len = 0;

  g_assert_true (lb_dicom_builder_set_string (b, LB_DICOM_TAG (0x0010, 0x0020), LB_DICOM_VR_LO,
                                              patient, NULL));
  g_assert_true (lb_dicom_builder_set_string (b, LB_DICOM_TAG (0x0020, 0x000d), LB_DICOM_VR_UI,
                                              study_uid, NULL));
  g_assert_true (lb_dicom_builder_set_string (b, LB_DICOM_TAG (0x0020, 0x000e), LB_DICOM_VR_UI,
                                              series_uid, NULL));
  g_assert_true (lb_dicom_builder_set_string (b, LB_DICOM_TAG (0x0008, 0x0018), LB_DICOM_VR_UI,
                                              sop, NULL));
  g_assert_true (lb_dicom_builder_set_is (b, LB_DICOM_TAG (0x0020, 0x0013), number, NULL));
  *bytes = lb_dicom_builder_encode (b, &options, &len, NULL);
  g_assert_nonnull (*bytes);
  g_assert_true (lb_dicom_file_read (file, *bytes, len, LB_DICOM_READ_DEFAULT, NULL));
  lb_dicom_builder_free (b);
  return file;
}

static void
test_writer_round_trip (void)
{
  /* Two patients; the first with two studies, one of them with two series. Added out of
   * order: a record joins the parent it belongs to, wherever it comes in the run. */
  static const struct { const char *patient, *study, *series; int number; } instances[] = {
    { "P1", "1", "1", 1 }, { "P2", "3", "1", 1 }, { "P1", "1", "2", 1 }, { "P1", "1", "1", 2 },
    { "P1", "2", "1", 1 },
  };
  static const char *const expected_ids[] = {
    "PAT00001/STU00001/SER00001/IMG00001", "PAT00002/STU00001/SER00001/IMG00001",
    "PAT00001/STU00001/SER00002/IMG00001", "PAT00001/STU00001/SER00001/IMG00002",
    "PAT00001/STU00002/SER00001/IMG00001",
  };
  LbDicomDirWriter *writer = lb_dicom_dir_writer_new ();
  LbDicomFile *back = lb_dicom_file_new (NULL);
  LbDicomDir dir;
  uint8_t *encoded;
  size_t len = 0;

  for (size_t i = 0; i < G_N_ELEMENTS (instances); i++)
    {
      uint8_t *bytes = NULL;
      LbDicomFile *file = made_up (instances[i].patient, instances[i].study,
                                   instances[i].series, instances[i].number, &bytes);
      char placed[LB_DICOM_DIR_FILE_ID_SIZE];
      g_assert_true (lb_dicom_dir_writer_place (writer, file, placed, NULL));
      g_assert_cmpstr (placed, ==, expected_ids[i]);
      g_assert_cmpstr (lb_dicom_dir_writer_add (writer, file, NULL), ==, expected_ids[i]);
      lb_dicom_file_free (file);
      free (bytes);
    }
  g_assert_cmpuint (lb_dicom_dir_writer_count (writer), ==, 5);
  encoded = lb_dicom_dir_writer_encode (writer, "1.2.3.99", NULL, &len, NULL);
  g_assert_nonnull (encoded);
  g_assert_true (lb_dicom_file_read (back, encoded, len, LB_DICOM_READ_DEFAULT, NULL));
  g_assert_true (lb_dicom_dir_is_dicomdir (back));
  g_assert_true (lb_dicom_dir_read (back, &dir));
  g_assert_true (dir.linked_by_offsets);
  /* 2 patients, 3 studies, 4 series, 5 images, depth first. */
  g_assert_cmpuint (dir.n_records, ==, 14);
  static const LbDicomDirLevel levels[] = {
    LB_DICOM_DIR_PATIENT, LB_DICOM_DIR_STUDY, LB_DICOM_DIR_SERIES, LB_DICOM_DIR_INSTANCE,
    LB_DICOM_DIR_INSTANCE, LB_DICOM_DIR_SERIES, LB_DICOM_DIR_INSTANCE, LB_DICOM_DIR_STUDY,
    LB_DICOM_DIR_SERIES, LB_DICOM_DIR_INSTANCE, LB_DICOM_DIR_PATIENT, LB_DICOM_DIR_STUDY,
    LB_DICOM_DIR_SERIES, LB_DICOM_DIR_INSTANCE,
  };
  static const long parents[] = { -1, 0, 1, 2, 2, 1, 5, 0, 7, 8, -1, 10, 11, 12 };
  for (size_t i = 0; i < dir.n_records; i++)
    {
      g_assert_cmpint (dir.records[i].level, ==, levels[i]);
      g_assert_cmpint (dir.records[i].parent, ==, parents[i]);
    }
  g_assert_cmpstr (dir.records[4].file_id, ==, "PAT00001/STU00001/SER00001/IMG00002");
  g_assert_cmpstr (dir.records[13].file_id, ==, "PAT00002/STU00001/SER00001/IMG00001");
  lb_dicom_dir_clear (&dir);
  lb_dicom_file_free (back);
  free (encoded);
  lb_dicom_dir_writer_free (writer);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom-dir/offsets-and-order", test_offsets_and_order);
  g_test_add_func ("/dicom-dir/writer-round-trip", test_writer_round_trip);
  g_test_add_func ("/dicom-dir/reordered-records-need-offsets", test_reordered_records_need_offsets);
  return g_test_run ();
}
