/* test-dicom-dir.c: the record tree of a DICOMDIR (dicom-dir.c), on pydicom's dicomdirtests:
 * linked by the offsets where they are right (also when the records are stored out of order,
 * or when the zero offsets are left out), and the same tree either way. The fallback to the
 * record order, for offsets that are wrong or all absent, is tested by test-scan-archive.py
 * on DICOMDIRs it writes with pydicom. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom.h"
#include "lb-dicom-dir.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom-dir/offsets-and-order", test_offsets_and_order);
  g_test_add_func ("/dicom-dir/reordered-records-need-offsets", test_reordered_records_need_offsets);
  return g_test_run ();
}
