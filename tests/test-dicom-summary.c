/* test-dicom-summary.c: the per-modality summary table (lb-dicom-summary.h) on its own and on
 * the in-repo samples: every table is well formed, each modality gets its own fields, values
 * are found at the top level, in a sequence's first item and in enhanced objects' functional
 * groups, and absent ones are NULL. The values against pydicom: test-summary.py. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom-summary.h"

#ifndef LB_SAMPLES
#define LB_SAMPLES "tests/samples"
#endif

static LbDicomFile *
read_sample (const char *rel)
{
  g_autofree char *path = g_build_filename (LB_SAMPLES, rel, NULL);
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;

  if (!lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &error))
    g_error ("%s: %s", path, error->message);
  return file;
}

static const LbDicomSummaryField *
field (const char *modality, const char *key)
{
  size_t n;
  const LbDicomSummaryField *f = lb_dicom_summary_fields (modality, &n);

  for (size_t i = 0; i < n; i++)
    if (strcmp (f[i].key, key) == 0)
      return &f[i];
  return NULL;
}

static char *
value (const LbDicomFile *file, const char *modality, const char *key)
{
  const LbDicomSummaryField *f = field (modality, key);

  g_assert_nonnull (f);
  return lb_dicom_summary_value_text (file, f);
}

static void
test_tables (void)
{
  const char *modalities[] = { "CT", "MR", "CR", "DX", "IO", "MG", "US", "PT", "NM", "XA", "RF",
                               "SC", "OT", "ECG", NULL };
  for (gsize m = 0; m < G_N_ELEMENTS (modalities); m++)
    {
      size_t n;
      const LbDicomSummaryField *f = lb_dicom_summary_fields (modalities[m], &n);
      g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_nonnull (f);
      g_assert_cmpuint (n, >=, 4);
      for (size_t i = 0; i < n; i++)
        {
          g_assert_true (f[i].key[0] != '\0' && f[i].label[0] != '\0');
          g_assert_cmpuint (f[i].tag, !=, 0);
          /* One JSON member per key. */
          g_assert_true (g_hash_table_add (keys, (gpointer) f[i].key));
        }
    }
  /* Padded and lower-case values find their table; unknown ones the general one. */
  g_assert_true (field ("CT ", "convolution_kernel") != NULL);
  g_assert_true (field ("mr", "inversion_time") != NULL);
  g_assert_true (field ("CT", "inversion_time") == NULL);
  g_assert_true (field ("ECG", "manufacturer") != NULL);
  g_assert_true (field (NULL, "manufacturer") != NULL);
  g_assert_cmpuint (field ("CT", "kvp")->tag, ==, LB_DICOM_TAG (0x0018, 0x0060));
  g_assert_cmpuint (field ("PT", "total_dose")->sequence, ==, LB_DICOM_TAG (0x0054, 0x0016));
}

/* The summary's text for `key` of `modality`'s table in `file` is `want` (NULL: absent). */
static void
assert_value (const LbDicomFile *file, const char *modality, const char *key, const char *want)
{
  g_autofree char *got = value (file, modality, key);

  g_assert_cmpstr (got, ==, want);
}

static void
test_samples (void)
{
  LbDicomFile *ct = read_sample ("dicompyler-core/ct.0.dcm");
  assert_value (ct, "CT", "kvp", "130");
  assert_value (ct, "CT", "convolution_kernel", "000000");
  assert_value (ct, "CT", "rescale_type", NULL);
  lb_dicom_file_free (ct);

  LbDicomFile *mr = read_sample ("pydicom-data/emri_small.dcm");
  assert_value (mr, "MR", "magnetic_field_strength", "3");
  assert_value (mr, "MR", "echo_time", NULL);
  lb_dicom_file_free (mr);

  /* In the first item of the Radiopharmaceutical Information Sequence. */
  LbDicomFile *pt = read_sample ("derived/dicomdir/IMAGES/PT000001");
  assert_value (pt, "PT", "half_life", "6586.2");
  assert_value (pt, "PT", "units", "BQML");
  lb_dicom_file_free (pt);

  /* The spacing a length uses, worked out by dicom-spacing.c. */
  LbDicomFile *cr = read_sample ("generated/CR_mono1_15bit_160.dcm");
  assert_value (cr, "CR", "spacing_kind", "Pixel Spacing");
  assert_value (cr, "CR", "view_position", "PA");
  lb_dicom_file_free (cr);

  /* A US file without regions has no count; the element is NULL, not "0". */
  LbDicomFile *us = read_sample ("pydicom-data/US1_J2KI.dcm");
  assert_value (us, "US", "ultrasound_regions", NULL);
  g_assert_null (lb_dicom_summary_find (us, field ("US", "ultrasound_regions")));
  lb_dicom_file_free (us);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom/summary/tables", test_tables);
  g_test_add_func ("/dicom/summary/samples", test_samples);
  return g_test_run ();
}
