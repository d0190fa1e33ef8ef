/* cli-scan.c: `lightbox-cli scan [--json] DIR|FILE|DICOMDIR|ZIP...`
 *
 * Finds DICOM files by content (the parser decides: DICM magic, or a plausible dataset start
 * without preamble), follows a DICOMDIR when a folder has one (cli-scan-dicomdir.c), reads a
 * zip named on the command line in place (cli-scan-zip.c), reads headers only and lists
 * patients, studies and series with their slices in anatomical order.
 *
 * Speed (../shared/guide/PERFORMANCE.md: 600 headers in 30 ms): one process, readdir() with
 * d_type (no stat per file), the parser's header-only read (one pread of the header, no
 * mapping: munmap alone took half of a 600-file scan) stopping before Pixel Data, a handful of
 * lookups per file, strings interned in one GStringChunk, and sorting only of the small
 * per-series instance lists. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli-json.h"
#include "cli-scan.h"
#include "lb-dicom-dir.h"
#include "lb-study-zip.h"

typedef struct {
  const char *path;
  gint64 instance;
  gboolean has_instance;
  gboolean has_position;
  double ipp[3];
  double iop[6];
  gboolean has_iop;
  gint64 frames;
  double position;       /* along the series' slice normal */
} Instance;

typedef struct {
  const char *uid;
  const char *modality;
  const char *description;
  gint64 number;
  gboolean has_number;
  GPtrArray *instances;  /* of Instance, owned */
} Series;

typedef struct {
  const char *uid;
  const char *date;
  const char *description;
  GPtrArray *series;     /* of Series, owned */
  GHashTable *series_by_uid;
} Study;

typedef struct {
  const char *name;
  const char *id;
  GPtrArray *studies;    /* of Study, borrowed from Scan.studies_by_uid */
} Patient;

static void
series_free (gpointer data)
{
  Series *series = data;
  g_ptr_array_unref (series->instances);
  g_free (series);
}

static void
study_free (gpointer data)
{
  Study *study = data;
  g_ptr_array_unref (study->series);
  g_hash_table_unref (study->series_by_uid);
  g_free (study);
}

static void
patient_free (gpointer data)
{
  Patient *patient = data;
  g_ptr_array_unref (patient->studies);
  g_free (patient);
}

/* A trimmed string value of the main dataset, interned; "" when absent. */
static const char *
intern_value (Scan *scan, const LbDicomFile *file, uint32_t tag)
{
  char *value = lb_dicom_file_get_string (file, tag);
  if (value == NULL)
    return "";
  const char *interned = g_string_chunk_insert_const (scan->strings, g_strstrip (value));
  free (value);
  return interned;
}

static gboolean
get_doubles (const LbDicomFile *file, uint32_t tag, double *out, guint n)
{
  const LbDicomElement *el = lb_dicom_file_lookup (file, tag);
  if (el == NULL || lb_dicom_element_get_vm (el) < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!lb_dicom_element_get_double (el, i, &out[i]) || !isfinite (out[i]))
      return FALSE;
  return TRUE;
}

static void
add_instance (Scan *scan, const char *path, const LbDicomFile *file)
{
  const char *study_uid = intern_value (scan, file, LB_DICOM_TAG (0x0020, 0x000d));
  const char *series_uid = intern_value (scan, file, LB_DICOM_TAG (0x0020, 0x000e));

  Study *study = g_hash_table_lookup (scan->studies_by_uid, study_uid);
  if (study == NULL)
    {
      const char *name = intern_value (scan, file, LB_DICOM_TAG (0x0010, 0x0010));
      const char *id = intern_value (scan, file, LB_DICOM_TAG (0x0010, 0x0020));
      g_autofree char *key = g_strconcat (id, "\x1f", name, NULL);
      Patient *patient = g_hash_table_lookup (scan->patients_by_key, key);
      if (patient == NULL)
        {
          patient = g_new0 (Patient, 1);
          patient->name = name;
          patient->id = id;
          patient->studies = g_ptr_array_new ();
          g_hash_table_insert (scan->patients_by_key,
                               g_string_chunk_insert (scan->strings, key), patient);
          g_ptr_array_add (scan->patients, patient);
        }
      study = g_new0 (Study, 1);
      study->uid = study_uid;
      study->date = intern_value (scan, file, LB_DICOM_TAG (0x0008, 0x0020));
      study->description = intern_value (scan, file, LB_DICOM_TAG (0x0008, 0x1030));
      study->series = g_ptr_array_new_with_free_func (series_free);
      study->series_by_uid = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (scan->studies_by_uid, (gpointer) study_uid, study);
      g_ptr_array_add (patient->studies, study);
    }

  Series *series = g_hash_table_lookup (study->series_by_uid, series_uid);
  if (series == NULL)
    {
      series = g_new0 (Series, 1);
      series->uid = series_uid;
      series->modality = intern_value (scan, file, LB_DICOM_TAG (0x0008, 0x0060));
      series->description = intern_value (scan, file, LB_DICOM_TAG (0x0008, 0x103e));
      series->has_number = lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0020, 0x0011),
                                                  &series->number);
      series->instances = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (study->series_by_uid, (gpointer) series_uid, series);
      g_ptr_array_add (study->series, series);
    }

  Instance *inst = g_new0 (Instance, 1);
  inst->path = g_string_chunk_insert (scan->strings, path);
  inst->has_instance = lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0020, 0x0013),
                                              &inst->instance);
  if (!lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0008), &inst->frames)
      || inst->frames < 1)
    inst->frames = 1;
  inst->has_position = get_doubles (file, LB_DICOM_TAG (0x0020, 0x0032), inst->ipp, 3);
  inst->has_iop = get_doubles (file, LB_DICOM_TAG (0x0020, 0x0037), inst->iop, 6);
  g_ptr_array_add (series->instances, inst);
}

void
lb_scan_take_read (Scan *scan, const char *path, const LbDicomFile *file, gboolean ok,
                   const LbDicomError *error, gboolean named, gboolean in_archive)
{
  if (!ok)
    {
      /* Inside a folder, a file that is not DICOM is expected (READMEs, thumbnails): count
       * it. A file named on the command line, or a damaged DICOM file, is an error. */
      if (!named && error != NULL && error->code == LB_DICOM_ERROR_NOT_DICOM)
        scan->n_not_dicom++;
      else
        {
          if (error != NULL && error->code == LB_DICOM_ERROR_NOT_DICOM)
            scan->n_not_dicom++;
          else
            scan->n_failed++;
          lb_cli_print_dicom_error (path, error);
          scan->failed = TRUE;
        }
    }
  else
    {
      scan->n_dicom++;
      if (lb_dicom_dir_is_dicomdir (file))
        {
          scan->n_dicomdir++;
          /* Inside a zip the referenced files are members, read in turn like the others. */
          if (!in_archive)
            lb_scan_follow_dicomdir (scan, path, file);
        }
      else
        add_instance (scan, path, file);
    }
}

void
lb_scan_file (Scan *scan, const char *path, gboolean named)
{
  if (g_hash_table_contains (scan->visited_paths, path))
    return;
  g_hash_table_add (scan->visited_paths, g_string_chunk_insert (scan->strings, path));
  scan->n_files++;

  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;
  gboolean ok = lb_dicom_file_read_path (file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, &error);
  lb_scan_take_read (scan, path, file, ok, error, named, FALSE);
  lb_dicom_error_free (error);
  lb_dicom_file_free (file);
}

static void
scan_dir (Scan *scan, const char *path)
{
  struct stat st;
  if (stat (path, &st) == 0)
    {
      g_autofree char *id = g_strdup_printf ("%ju:%ju", (uintmax_t) st.st_dev,
                                             (uintmax_t) st.st_ino);
      if (g_hash_table_contains (scan->visited_dirs, id))
        return;
      g_hash_table_add (scan->visited_dirs, g_steal_pointer (&id));
    }

  DIR *dir = opendir (path);
  if (dir == NULL)
    {
      lb_cli_print_error (path, "%s", g_strerror (errno));
      scan->failed = TRUE;
      return;
    }
  /* Collect first: a DICOMDIR is followed before the walk reaches the files it names. */
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  char *dicomdir = NULL;
  size_t path_len = strlen (path);
  gboolean slash = path_len > 0 && path[path_len - 1] == '/';
  struct dirent *entry;
  while ((entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;
      if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
        continue;
      char *child = g_strconcat (path, slash ? "" : "/", name, NULL);
      unsigned char type = entry->d_type;
      if (type == DT_UNKNOWN || type == DT_LNK)
        {
          struct stat cst;
          type = stat (child, &cst) != 0 ? DT_UNKNOWN
                 : S_ISDIR (cst.st_mode) ? DT_DIR : S_ISREG (cst.st_mode) ? DT_REG : DT_UNKNOWN;
        }
      if (type == DT_DIR)
        g_ptr_array_add (dirs, child);
      else if (type == DT_REG && g_ascii_strcasecmp (name, "DICOMDIR") == 0 && dicomdir == NULL)
        dicomdir = child;
      else if (type == DT_REG)
        g_ptr_array_add (files, child);
      else
        g_free (child);
    }
  closedir (dir);

  if (dicomdir != NULL)
    lb_scan_file (scan, dicomdir, FALSE);
  for (guint i = 0; i < files->len; i++)
    lb_scan_file (scan, files->pdata[i], FALSE);
  for (guint i = 0; i < dirs->len; i++)
    scan_dir (scan, dirs->pdata[i]);
  g_free (dicomdir);
  g_ptr_array_unref (files);
  g_ptr_array_unref (dirs);
}

void
lb_scan_path (Scan *scan, const char *path, gboolean named)
{
  struct stat st;
  if (stat (path, &st) != 0)
    {
      lb_cli_print_error (path, "%s", g_strerror (errno));
      scan->failed = TRUE;
      return;
    }
  if (S_ISDIR (st.st_mode))
    scan_dir (scan, path);
  else if (named && S_ISREG (st.st_mode) && lb_zip_is_zip (path))
    lb_scan_zip (scan, path);
  else
    lb_scan_file (scan, path, named);
}

/* ---- Ordering ------------------------------------------------------------------------ */

/* Projects each Image Position (Patient) on the normal of the series' first Image Orientation
 * (row x column direction cosines): that is the slice's place along the stack, whatever the
 * patient orientation, where sorting by z alone fails for sagittal or oblique series. */
static void
compute_positions (Series *series)
{
  const double *iop = NULL;
  for (guint i = 0; i < series->instances->len && iop == NULL; i++)
    {
      Instance *inst = series->instances->pdata[i];
      if (inst->has_iop)
        iop = inst->iop;
    }
  double n[3] = { 0, 0, 1 };
  if (iop != NULL)
    {
      n[0] = iop[1] * iop[5] - iop[2] * iop[4];
      n[1] = iop[2] * iop[3] - iop[0] * iop[5];
      n[2] = iop[0] * iop[4] - iop[1] * iop[3];
    }
  for (guint i = 0; i < series->instances->len; i++)
    {
      Instance *inst = series->instances->pdata[i];
      inst->position = inst->ipp[0] * n[0] + inst->ipp[1] * n[1] + inst->ipp[2] * n[2];
    }
}

static int
compare_instances (gconstpointer a, gconstpointer b)
{
  const Instance *x = *(Instance *const *) a, *y = *(Instance *const *) b;
  if (x->has_position != y->has_position)
    return x->has_position ? -1 : 1;
  if (x->has_position && x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if (x->has_instance != y->has_instance)
    return x->has_instance ? -1 : 1;
  if (x->instance != y->instance)
    return x->instance < y->instance ? -1 : 1;
  return strcmp (x->path, y->path);
}

static int
compare_series (gconstpointer a, gconstpointer b)
{
  const Series *x = *(Series *const *) a, *y = *(Series *const *) b;
  if (x->has_number != y->has_number)
    return x->has_number ? -1 : 1;
  if (x->number != y->number)
    return x->number < y->number ? -1 : 1;
  return strcmp (x->uid, y->uid);
}

static int
compare_studies (gconstpointer a, gconstpointer b)
{
  const Study *x = *(Study *const *) a, *y = *(Study *const *) b;
  int c = strcmp (x->date, y->date);
  return c != 0 ? c : strcmp (x->uid, y->uid);
}

static int
compare_patients (gconstpointer a, gconstpointer b)
{
  const Patient *x = *(Patient *const *) a, *y = *(Patient *const *) b;
  int c = strcmp (x->name, y->name);
  return c != 0 ? c : strcmp (x->id, y->id);
}

static void
sort_all (Scan *scan)
{
  g_ptr_array_sort (scan->patients, compare_patients);
  for (guint p = 0; p < scan->patients->len; p++)
    {
      Patient *patient = scan->patients->pdata[p];
      g_ptr_array_sort (patient->studies, compare_studies);
      for (guint s = 0; s < patient->studies->len; s++)
        {
          Study *study = patient->studies->pdata[s];
          g_ptr_array_sort (study->series, compare_series);
          for (guint r = 0; r < study->series->len; r++)
            {
              Series *series = study->series->pdata[r];
              compute_positions (series);
              g_ptr_array_sort (series->instances, compare_instances);
            }
        }
    }
}

static gint64
series_frames (const Series *series)
{
  gint64 frames = 0;
  for (guint i = 0; i < series->instances->len; i++)
    frames += ((Instance *) series->instances->pdata[i])->frames;
  return frames;
}

/* ---- Output -------------------------------------------------------------------------- */

/* Values from files are escaped before they reach a terminal. */
static const char *
shown (GPtrArray *tmp, const char *value, const char *missing)
{
  if (value == NULL || value[0] == '\0')
    return missing;
  char *safe = lb_dicom_escape_text (value);
  g_ptr_array_add (tmp, safe);
  return safe;
}

static void
print_text (GString *out, Scan *scan)
{
  GPtrArray *tmp = g_ptr_array_new_with_free_func (free);
  g_string_append_printf (out, _("%u files: %u DICOM (%u DICOMDIR), %u not DICOM, %u unreadable\n"),
                          scan->n_files, scan->n_dicom, scan->n_dicomdir, scan->n_not_dicom,
                          scan->n_failed);
  lb_scan_print_missing_text (out, scan);
  for (guint p = 0; p < scan->patients->len; p++)
    {
      Patient *patient = scan->patients->pdata[p];
      g_string_append_printf (out, _("Patient %s (ID %s)\n"),
                              shown (tmp, patient->name, _("(no name)")),
                              shown (tmp, patient->id, _("none")));
      for (guint s = 0; s < patient->studies->len; s++)
        {
          Study *study = patient->studies->pdata[s];
          g_string_append_printf (out, _("  Study %s %s [%s]\n"),
                                  shown (tmp, study->date, _("(no date)")),
                                  shown (tmp, study->description, "-"),
                                  shown (tmp, study->uid, _("no UID")));
          for (guint r = 0; r < study->series->len; r++)
            {
              Series *series = study->series->pdata[r];
              guint n = series->instances->len;
              g_autofree char *number = series->has_number
                ? g_strdup_printf ("%" G_GINT64_FORMAT, series->number) : g_strdup ("-");
              g_string_append_printf (out, _("    Series %s %s %s: %u instances, %"
                                             G_GINT64_FORMAT " frames [%s]\n"),
                                      number, shown (tmp, series->modality, "-"),
                                      shown (tmp, series->description, "-"), n,
                                      series_frames (series),
                                      shown (tmp, series->uid, _("no UID")));
              for (guint i = 0; i < n; i++)
                {
                  Instance *inst = series->instances->pdata[i];
                  g_string_append (out, "      ");
                  if (inst->has_instance)
                    g_string_append_printf (out, "#%-5" G_GINT64_FORMAT, inst->instance);
                  else
                    g_string_append (out, "#-    ");
                  if (inst->has_position)
                    g_string_append_printf (out, " %10.3f mm ", inst->position);
                  else
                    g_string_append (out, "            - ");
                  g_string_append_printf (out, "%s\n", shown (tmp, inst->path, ""));
                }
            }
        }
    }
  g_ptr_array_unref (tmp);
}

static void
print_json (GString *out, Scan *scan)
{
  LbJson json;
  lb_json_init (&json, out, TRUE);
  lb_json_begin_object (&json);
  lb_json_member_int (&json, "files", scan->n_files);
  lb_json_member_int (&json, "dicom", scan->n_dicom);
  lb_json_member_int (&json, "dicomdir", scan->n_dicomdir);
  lb_json_member_int (&json, "not_dicom", scan->n_not_dicom);
  lb_json_member_int (&json, "unreadable", scan->n_failed);
  lb_scan_print_missing_json (&json, scan);
  lb_json_key (&json, "patients");
  lb_json_begin_array (&json);
  for (guint p = 0; p < scan->patients->len; p++)
    {
      Patient *patient = scan->patients->pdata[p];
      lb_json_begin_object (&json);
      lb_json_member_string (&json, "name", patient->name);
      lb_json_member_string (&json, "id", patient->id);
      lb_json_key (&json, "studies");
      lb_json_begin_array (&json);
      for (guint s = 0; s < patient->studies->len; s++)
        {
          Study *study = patient->studies->pdata[s];
          lb_json_begin_object (&json);
          lb_json_member_string (&json, "uid", study->uid);
          lb_json_member_string (&json, "date", study->date);
          lb_json_member_string (&json, "description", study->description);
          lb_json_key (&json, "series");
          lb_json_begin_array (&json);
          for (guint r = 0; r < study->series->len; r++)
            {
              Series *series = study->series->pdata[r];
              lb_json_begin_object (&json);
              lb_json_member_string (&json, "uid", series->uid);
              lb_json_key (&json, "number");
              if (series->has_number)
                lb_json_int (&json, series->number);
              else
                lb_json_null (&json);
              lb_json_member_string (&json, "modality", series->modality);
              lb_json_member_string (&json, "description", series->description);
              lb_json_member_int (&json, "instances", series->instances->len);
              lb_json_member_int (&json, "frames", series_frames (series));
              lb_json_key (&json, "slices");
              lb_json_begin_array (&json);
              for (guint i = 0; i < series->instances->len; i++)
                {
                  Instance *inst = series->instances->pdata[i];
                  /* One line per slice keeps 600-slice series readable. */
                  lb_json_raw (&json, "");
                  LbJson line;
                  lb_json_init (&line, out, FALSE);
                  lb_json_begin_object (&line);
                  lb_json_member_string (&line, "path", inst->path);
                  lb_json_key (&line, "instance");
                  if (inst->has_instance)
                    lb_json_int (&line, inst->instance);
                  else
                    lb_json_null (&line);
                  lb_json_key (&line, "position");
                  if (inst->has_position)
                    lb_json_double (&line, inst->position);
                  else
                    lb_json_null (&line);
                  lb_json_member_int (&line, "frames", inst->frames);
                  lb_json_end_object (&line);
                }
              lb_json_end_array (&json);
              lb_json_end_object (&json);
            }
          lb_json_end_array (&json);
          lb_json_end_object (&json);
        }
      lb_json_end_array (&json);
      lb_json_end_object (&json);
    }
  lb_json_end_array (&json);
  lb_json_end_object (&json);
  g_string_append_c (out, '\n');
}

int
lb_cli_scan (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto (GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("DIR|FILE|DICOMDIR|ZIP...") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("scan",
                            _("List patients, studies and series found in folders, DICOMDIRs and zips."), entries);
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  if (paths == NULL || paths[0] == NULL)
    {
      fprintf (stderr, "lightbox-cli: scan: %s\n", _("no folder or file given"));
      return LB_CLI_EXIT_USAGE;
    }

  Scan scan = { 0 };
  scan.strings = g_string_chunk_new (64 * 1024);
  scan.visited_paths = g_hash_table_new (g_str_hash, g_str_equal);
  scan.visited_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.patients_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  scan.studies_by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, study_free);
  scan.patients = g_ptr_array_new_with_free_func (patient_free);
  scan.missing = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths[i] != NULL; i++)
    lb_scan_path (&scan, paths[i], TRUE);
  sort_all (&scan);

  GString *out = g_string_sized_new (64 * 1024);
  if (json)
    print_json (out, &scan);
  else
    print_text (out, &scan);
  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);

  int status = scan.failed ? LB_CLI_EXIT_FAILED : LB_CLI_EXIT_OK;
  g_ptr_array_unref (scan.patients);
  g_ptr_array_unref (scan.missing);
  g_hash_table_unref (scan.studies_by_uid);
  g_hash_table_unref (scan.patients_by_key);
  g_hash_table_unref (scan.visited_dirs);
  g_hash_table_unref (scan.visited_paths);
  g_string_chunk_free (scan.strings);
  return status;
}
