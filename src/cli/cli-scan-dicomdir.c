/* cli-scan-dicomdir.c: `lightbox-cli scan` follows a DICOMDIR: every file its records
 * reference is read (found relative to the DICOMDIR, case-insensitively as on a CD), and a
 * referenced file that is not there is listed as missing, with the patient, study and series
 * its records place it in. The records' tree comes from lb-dicom-dir.h (offsets, or the record
 * order where the offsets are absent or wrong). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-scan.h"
#include "lb-dicom-dir.h"
#include "lb-study-path.h"

/* A trimmed string of an ancestor record, interned; "" when there is none. */
static const char *
record_value (Scan *scan, const LbDicomDir *dir, size_t index, LbDicomDirLevel level,
              uint32_t tag)
{
  long at = lb_dicom_dir_ancestor (dir, index, level);
  const LbDicomElement *el = at >= 0 ? lb_dicom_dataset_lookup (dir->records[at].item, tag)
                                     : NULL;
  char *value = el != NULL ? lb_dicom_element_get_string (el, 0) : NULL;
  if (value == NULL)
    return "";
  const char *interned = g_string_chunk_insert_const (scan->strings, g_strstrip (value));
  free (value);
  return interned;
}

static void
add_missing (Scan *scan, const char *dicomdir, const char *dir_path, const LbDicomDir *dir,
             size_t index)
{
  g_autofree char *path = g_build_filename (dir_path, dir->records[index].file_id, NULL);
  ScanMissing *missing = g_new0 (ScanMissing, 1);
  missing->path = g_string_chunk_insert (scan->strings, path);
  missing->dicomdir = g_string_chunk_insert_const (scan->strings, dicomdir);
  missing->patient_id = record_value (scan, dir, index, LB_DICOM_DIR_PATIENT,
                                      LB_DICOM_TAG (0x0010, 0x0020));
  missing->patient_name = record_value (scan, dir, index, LB_DICOM_DIR_PATIENT,
                                        LB_DICOM_TAG (0x0010, 0x0010));
  missing->study_uid = record_value (scan, dir, index, LB_DICOM_DIR_STUDY,
                                     LB_DICOM_TAG (0x0020, 0x000d));
  missing->series_uid = record_value (scan, dir, index, LB_DICOM_DIR_SERIES,
                                      LB_DICOM_TAG (0x0020, 0x000e));
  missing->modality = record_value (scan, dir, index, LB_DICOM_DIR_SERIES,
                                    LB_DICOM_TAG (0x0008, 0x0060));
  g_ptr_array_add (scan->missing, missing);
  lb_cli_print_error (path, "%s", _("referenced by the DICOMDIR but missing"));
  scan->failed = TRUE;
}

void
lb_scan_follow_dicomdir (Scan *scan, const char *path, const LbDicomFile *file)
{
  LbDicomDir dir;
  if (!lb_dicom_dir_read (file, &dir))
    return;
  g_autofree char *dir_path = g_path_get_dirname (path);
  /* Its files are kept as read (lb_scan_file()): the walk of its folder must skip them. */
  scan->walk_may_repeat = TRUE;
  for (size_t i = 0; i < dir.n_records; i++)
    {
      if (dir.records[i].file_id == NULL)
        continue;
      char *target = lb_study_resolve_file_id (dir_path, dir.records[i].file_id);
      if (target != NULL)
        lb_scan_file (scan, target, FALSE);
      else
        add_missing (scan, path, dir_path, &dir, i);
      free (target);
    }
  lb_dicom_dir_clear (&dir);
}

void
lb_scan_print_missing_text (GString *out, Scan *scan)
{
  for (guint i = 0; i < scan->missing->len; i++)
    {
      ScanMissing *missing = scan->missing->pdata[i];
      g_autofree char *path = lb_dicom_escape_text (missing->path);
      g_autofree char *series = lb_dicom_escape_text (missing->series_uid);
      g_string_append_printf (out, _("Missing %s (series %s)\n"), path,
                              series[0] != '\0' ? series : "-");
    }
}

void
lb_scan_print_missing_json (LbJson *json, Scan *scan)
{
  lb_json_key (json, "missing");
  lb_json_begin_array (json);
  for (guint i = 0; i < scan->missing->len; i++)
    {
      ScanMissing *missing = scan->missing->pdata[i];
      lb_json_begin_object (json);
      lb_json_member_string (json, "path", missing->path);
      lb_json_member_string (json, "dicomdir", missing->dicomdir);
      lb_json_member_string (json, "patient_id", missing->patient_id);
      lb_json_member_string (json, "patient_name", missing->patient_name);
      lb_json_member_string (json, "study_uid", missing->study_uid);
      lb_json_member_string (json, "series_uid", missing->series_uid);
      lb_json_member_string (json, "modality", missing->modality);
      lb_json_end_object (json);
    }
  lb_json_end_array (json);
}
