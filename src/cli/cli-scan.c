/* cli-scan.c: `lightbox-cli scan [--json] DIR|FILE|DICOMDIR|ZIP...`
 *
 * Finds DICOM files by content (the parser decides: DICM magic, or a plausible dataset start
 * without preamble), follows a DICOMDIR when a folder has one (cli-scan-dicomdir.c), reads a
 * zip named on the command line in place (cli-scan-zip.c), reads headers only and files them
 * in the study model of src/study (lb-study.h: patients, studies, series split by modality and
 * SOP class, stacks by orientation and size, duplicates of a SOP Instance UID set aside), then
 * lists it with the slices in anatomical order.
 *
 * Speed (../shared/guide/PERFORMANCE.md: 600 headers in 30 ms): one process, readdir() with
 * d_type (no stat per file), the parser's header-only read (one pread of the header, no
 * mapping: munmap alone took half of a 600-file scan) stopping before Pixel Data, a handful of
 * lookups per file, strings interned in one GStringChunk, and sorting only of the small
 * per-series instance lists. */
#define _GNU_SOURCE   /* sched_getaffinity() */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli-json.h"
#include "cli-number.h"
#include "cli-program.h"
#include "cli-scan.h"
#include "lb-dicom-dir.h"
#include "lb-study-zip.h"

static void
add_instance (Scan *scan, const char *path, const LbDicomFile *file)
{
  LbStudyAdd added = lb_study_model_add (scan->model, path, file);
  if (added == LB_STUDY_NO_MEMORY)
    {
      lb_cli_print_error (path, "%s", g_strerror (ENOMEM));
      scan->n_failed++;
      scan->failed = TRUE;
    }
  else if (added == LB_STUDY_DUPLICATE)
    scan->n_duplicates++;
}

/* lb_scan_take_read() with what the reader already knows: whether the file is a DICOMDIR. */
static void
take_read (Scan *scan, const char *path, const LbDicomFile *file, gboolean ok,
           const LbDicomError *error, gboolean named, gboolean in_archive, gboolean dicomdir)
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
      if (dicomdir)
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
lb_scan_take_read (Scan *scan, const char *path, const LbDicomFile *file, gboolean ok,
                   const LbDicomError *error, gboolean named, gboolean in_archive)
{
  take_read (scan, path, file, ok, error, named, in_archive,
             ok && lb_dicom_dir_is_dicomdir (file));
}

/* The first bytes of a file, read by the reading thread (cli-scan-ahead.c). */
typedef struct {
  const guint8 *bytes;
  gsize len;
  gboolean whole;
} Prefix;

/* The file at `path`, whose name starts at path + name_at, in the folder open as dir_fd
 * (AT_FDCWD and 0: any path); walked: found by the walk of its folder; prefix: its first bytes
 * when read already, or NULL.
 *
 * A path the walk finds was read already only when the same file was reached another way
 * first: named on the command line, or named by a DICOMDIR, whose File IDs stay below its own
 * folder (lb_study_resolve_file_id()) and which is followed before its folder's files are
 * walked. So while one path was named and no DICOMDIR followed (walk_may_repeat unset), the
 * walk's paths are neither looked up nor kept: most scans hash no path at all. */
static void
scan_file_at (Scan *scan, int dir_fd, const char *path, size_t name_at, gboolean named,
              gboolean walked, const Prefix *prefix)
{
  /* One hash of the path, not two: add says whether it was new (a path seen before keeps
   * its copy in the chunk, unused; that is rare: a DICOMDIR naming a file of a folder read). */
  if ((!walked || scan->walk_may_repeat)
      && !g_hash_table_add (scan->visited_paths, g_string_chunk_insert (scan->strings, path)))
    return;
  scan->n_files++;

  LbDicomError *error = NULL;
  const char *slash = strrchr (path, '/');
  const char *base = slash != NULL && slash[1] != '\0' ? slash + 1 : path;
  if (!named && g_ascii_strcasecmp (base, "DICOMDIR") != 0)
    {
      /* A folder's regular files: the scan reader, which keeps only the model's tags. A
       * DICOMDIR is read below, in a file of its own: following it reads other files with the
       * scanner (one named otherwise is found by the scanner and read again). */
      const LbDicomFile *file =
        prefix != NULL ? lb_dicom_scanner_read_prefix (scan->scanner, prefix->bytes, prefix->len,
                                                       prefix->whole, dir_fd, path + name_at,
                                                       path, &error)
                       : lb_dicom_scanner_read_at (scan->scanner, dir_fd, path + name_at, path,
                                                   &error);
      if (file == NULL || !lb_dicom_scanner_is_dicomdir (scan->scanner))
        {
          take_read (scan, path, file, file != NULL, error, named, FALSE, FALSE);
          lb_dicom_error_free (error);
          return;
        }
    }
  /* A path named on the command line may be anything (a FIFO, a device): the full read says
   * what it is. */
  LbDicomFile *file = lb_dicom_file_new (NULL);
  gboolean ok = lb_dicom_file_read_path (file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, &error);
  lb_scan_take_read (scan, path, file, ok, error, named, FALSE);
  lb_dicom_error_free (error);
  lb_dicom_file_free (file);
}

void
lb_scan_file (Scan *scan, const char *path, gboolean named)
{
  scan_file_at (scan, AT_FDCWD, path, 0, named, FALSE, NULL);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Reads of the first files of a folder that took longer than this, together, mean a cold
 * page cache (warm, a header read takes 5-20 us; cold, 150-250 us on the bench VM). */
#define COLD_PROBES 4
#define COLD_PROBE_US 400

/* Whether the process may run on two CPUs or more (not when pinned to one). */
static gboolean
two_cpus (void)
{
  cpu_set_t set;
  return sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 1;
}

/* Whether a thread starts after the probes: `variable`=0 never, =1 always (bench/scan.sh and
 * the tests), else when the probes were slow (a cold page cache) on two CPUs or more. */
static gboolean
want_thread (const char *variable, gint64 probes_us)
{
  const char *force = g_getenv (variable);
  if (force != NULL && (force[0] == '0' || force[0] == '1'))
    return force[0] == '1';
  return probes_us > COLD_PROBE_US && two_cpus ();
}

/* The files of one folder (open as dir_fd; their names start at name_at), in order. When the
 * first reads were slow (a cold page cache) and there is another CPU: a read-ahead worker
 * that keeps several reads in flight, and a reading thread that does the system calls beside
 * the walk. Warm, both only add hand-overs on a busy machine (bench/README.md). */
static void
scan_files (Scan *scan, int dir_fd, GPtrArray *files, size_t name_at)
{
  ScanAhead *ahead = NULL;
  ScanReader *reader = NULL;
  gint64 start = g_get_monotonic_time ();
  for (guint i = 0; i < files->len; i++)
    {
      if (i == COLD_PROBES && files->len > 2 * COLD_PROBES)
        {
          gint64 probes_us = g_get_monotonic_time () - start;
          if (want_thread ("LB_SCAN_READ_AHEAD", probes_us))
            ahead = lb_scan_ahead_start (files, i, lb_dicom_scanner_prefix (scan->scanner));
          if (want_thread ("LB_SCAN_READER", probes_us))
            reader = lb_scan_reader_start (files, i, dir_fd, name_at,
                                           lb_dicom_scanner_prefix (scan->scanner));
        }
      Prefix prefix;
      gboolean have = reader != NULL
                      && lb_scan_reader_take (reader, i, lb_dicom_scanner_prefix (scan->scanner),
                                              &prefix.bytes, &prefix.len, &prefix.whole);
      scan_file_at (scan, dir_fd, files->pdata[i], name_at, FALSE, TRUE,
                    have ? &prefix : NULL);
    }
  lb_scan_reader_stop (reader);
  lb_scan_ahead_stop (ahead);
}

#ifdef LB_CLI_SCAN_PROGRAM
/* lightbox-cli has no reader of zips (libarchive is lightbox-cli-commands'): a scan that names
 * one runs in that program as a whole, before anything is read or printed here (lb_cli_scan()).
 * Only when that program cannot be run does this one go on, without the zips: the error was
 * said once, and each zip counts as an input not read. */
static gboolean
names_a_zip (char **paths)
{
  for (guint i = 0; paths[i] != NULL; i++)
    {
      struct stat st;
      if (stat (paths[i], &st) == 0 && S_ISREG (st.st_mode) && lb_zip_is_zip (paths[i]))
        return TRUE;
    }
  return FALSE;
}

void
lb_scan_zip (Scan *scan, const char *path)
{
  scan->failed = TRUE;
}
#endif

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
      /* path "/" name, by hand: g_strconcat() took 430 instructions a file. */
      size_t dir_len = path_len + (slash ? 0 : 1), name_len = strlen (name);
      char *child = g_malloc (dir_len + name_len + 1);
      memcpy (child, path, path_len);
      child[dir_len - 1] = '/';
      memcpy (child + dir_len, name, name_len + 1);
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

  /* In name order, so that of two files with one SOP Instance UID the same one is kept and the
   * other reported as its duplicate, whatever order readdir() gives. */
  g_ptr_array_sort (files, compare_paths);
  g_ptr_array_sort (dirs, compare_paths);
  if (dicomdir != NULL)
    lb_scan_file (scan, dicomdir, FALSE);
  scan_files (scan, dirfd (dir), files, path_len + (slash ? 0 : 1));
  closedir (dir);
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
  else if (named && scan->may_name_zips && S_ISREG (st.st_mode) && lb_zip_is_zip (path))
    lb_scan_zip (scan, path);
  else
    lb_scan_file (scan, path, named);
}

/* ---- Output -------------------------------------------------------------------------- */

/* Whether lb_dicom_escape_text() would give the value back as it is: printable ASCII. */
static gboolean
plain_text (const char *value)
{
  for (const unsigned char *p = (const unsigned char *) value; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

/* Values from files are escaped before they reach a terminal. */
static const char *
shown (GPtrArray *tmp, const char *value, const char *missing)
{
  if (value == NULL || value[0] == '\0')
    return missing;
  if (plain_text (value))
    return value;   /* its own escape: no copy (a 60,000-file listing has 120,000 paths) */
  char *safe = lb_dicom_escape_text (value);
  g_ptr_array_add (tmp, safe);
  return safe;
}

/* shown (tmp, value, "") appended. */
static void
append_shown (GString *out, GPtrArray *tmp, const char *value)
{
  g_string_append (out, shown (tmp, value, ""));
}

static const char *
plane_label (LbStudyPlane plane)
{
  switch (plane)
    {
    case LB_STUDY_PLANE_AXIAL: return _("axial");
    case LB_STUDY_PLANE_CORONAL: return _("coronal");
    case LB_STUDY_PLANE_SAGITTAL: return _("sagittal");
    case LB_STUDY_PLANE_OBLIQUE: return _("oblique");
    case LB_STUDY_PLANE_NONE: default: return _("no orientation");
    }
}

/* The listing is written as it grows, and the escaped copies of the values freed: held whole,
 * a 60,000-file listing was a quarter of the scan's peak memory. */
#define SPILL_BYTES (64 * 1024)

static void
spill (GString *out, GPtrArray *tmp)
{
  if (out->len >= SPILL_BYTES)
    {
      fwrite (out->str, 1, out->len, stdout);
      g_string_truncate (out, 0);
    }
  if (tmp != NULL && tmp->len >= 256)
    g_ptr_array_set_size (tmp, 0);
}

static void
print_duplicates_text (GString *out, GPtrArray *tmp, const LbStudyModel *model)
{
  /* The translation looked up once and cut at its two %s (a copy of a series is thousands
   * of lines); printf for each line if it has any other conversion. */
  const char *format = _("Duplicate %s: same SOP Instance UID as %s\n");
  const char *first = strstr (format, "%s");
  const char *second = first != NULL ? strstr (first + 2, "%s") : NULL;
  gboolean cut = second != NULL && strchr (second + 2, '%') == NULL
                 && memchr (format, '%', (size_t) (first - format)) == NULL
                 && memchr (first + 2, '%', (size_t) (second - first - 2)) == NULL;
  for (size_t i = 0; i < model->n_duplicates; i++)
    {
      const LbStudyDuplicate *dup = &model->duplicates[i];
      if (cut)
        {
          g_string_append_len (out, format, first - format);
          g_string_append (out, shown (tmp, dup->path, ""));
          g_string_append_len (out, first + 2, second - first - 2);
          g_string_append (out, shown (tmp, dup->kept_path, ""));
          g_string_append (out, second + 2);
        }
      else
        g_string_append_printf (out, _("Duplicate %s: same SOP Instance UID as %s\n"),
                                shown (tmp, dup->path, ""), shown (tmp, dup->kept_path, ""));
      spill (out, tmp);
    }
}

static void
print_stack_text (GString *out, GPtrArray *tmp, const LbStudySeries *series, size_t k)
{
  const LbStudyStack *stack = series->stacks[k];
  /* One stack is the usual case: its line would only repeat the series'. */
  if (series->n_stacks > 1)
    g_string_append_printf (out, _("      Stack %zu: %u×%u %s, %zu instances\n"), k + 1,
                            stack->columns, stack->rows,
                            plane_label (lb_study_stack_plane (stack)), stack->n_instances);
  /* One line per file: formatted on the stack, the path appended as it is when escaping
   * would not change it (g_string_append_printf() and lb_dicom_escape_text() allocate). */
  for (size_t i = 0; i < stack->n_instances; i++)
    {
      const LbStudyInstance *inst = stack->instances[i];
      char line[96];
      int n = 0;
      /* The numbers by hand where that prints what printf does (cli-number.c). */
      if (inst->has_instance)
        {
          memcpy (line, "      #", 7);
          n = 7 + (int) lb_cli_format_int_left (line + 7, inst->instance, 5);
        }
      else
        n = snprintf (line, sizeof line, "      #-    ");
      size_t fixed = inst->has_position ? lb_cli_format_fixed3 (line + n + 1, inst->position) : 0;
      if (fixed > 0)
        {
          line[n] = ' ';
          memcpy (line + n + 1 + fixed, " mm ", 4);
          n += (int) fixed + 5;
        }
      else if (n > 0 && (size_t) n < sizeof line && inst->has_position)
        n += snprintf (line + n, sizeof line - (size_t) n, " %10.3f mm ", inst->position);
      else if (n > 0 && (size_t) n < sizeof line)
        n += snprintf (line + n, sizeof line - (size_t) n, "            - ");
      if (n > 0 && (size_t) n < sizeof line)
        g_string_append_len (out, line, n);
      else
        {
          g_string_append (out, "      ");
          if (inst->has_instance)
            g_string_append_printf (out, "#%-5" G_GINT64_FORMAT, inst->instance);
          else
            g_string_append (out, "#-    ");
          if (inst->has_position)
            g_string_append_printf (out, " %10.3f mm ", inst->position);
          else
            g_string_append (out, "            - ");
        }
      append_shown (out, tmp, inst->path);
      g_string_append_c (out, '\n');
      spill (out, tmp);
    }
}

static void
print_text (GString *out, Scan *scan)
{
  GPtrArray *tmp = g_ptr_array_new_with_free_func (free);
  const LbStudyModel *model = scan->model;
  g_string_append_printf (out, _("%u files: %u DICOM (%u DICOMDIR), %u not DICOM, %u unreadable\n"),
                          scan->n_files, scan->n_dicom, scan->n_dicomdir, scan->n_not_dicom,
                          scan->n_failed);
  lb_scan_print_missing_text (out, scan);
  print_duplicates_text (out, tmp, model);
  for (size_t p = 0; p < model->n_patients; p++)
    {
      const LbStudyPatient *patient = model->patients[p];
      g_string_append_printf (out, _("Patient %s (ID %s)\n"),
                              shown (tmp, patient->name, _("(no name)")),
                              shown (tmp, patient->id, _("none")));
      for (size_t s = 0; s < patient->n_studies; s++)
        {
          const LbStudyStudy *study = patient->studies[s];
          g_string_append_printf (out, _("  Study %s %s [%s]\n"),
                                  shown (tmp, study->date, _("(no date)")),
                                  shown (tmp, study->description, "-"),
                                  shown (tmp, study->uid, _("no UID")));
          for (size_t r = 0; r < study->n_series; r++)
            {
              const LbStudySeries *series = study->series[r];
              g_autofree char *number = series->has_number
                ? g_strdup_printf ("%" G_GINT64_FORMAT, series->number) : g_strdup ("-");
              g_string_append_printf (out, _("    Series %s %s %s: %u instances, %"
                                             G_GINT64_FORMAT " frames [%s]\n"),
                                      number, shown (tmp, series->modality, "-"),
                                      shown (tmp, series->description, "-"),
                                      (guint) lb_study_series_instances (series),
                                      lb_study_series_frames (series),
                                      shown (tmp, series->uid, _("no UID")));
              for (size_t k = 0; k < series->n_stacks; k++)
                print_stack_text (out, tmp, series, k);
            }
        }
    }
  g_ptr_array_unref (tmp);
}

static void
print_duplicates_json (LbJson *json, const LbStudyModel *model)
{
  lb_json_key (json, "duplicates");
  lb_json_begin_array (json);
  for (size_t i = 0; i < model->n_duplicates; i++)
    {
      const LbStudyDuplicate *dup = &model->duplicates[i];
      lb_json_begin_object (json);
      lb_json_member_string (json, "path", dup->path);
      lb_json_member_string (json, "kept", dup->kept_path);
      lb_json_member_string (json, "sop_instance_uid", dup->sop_instance_uid);
      lb_json_end_object (json);
      spill (json->out, NULL);
    }
  lb_json_end_array (json);
}

/* "slices" lists the series' images stack after stack; "stacks" says where each stack starts
 * in it, so a 600-slice series is not printed twice. */
static void
print_series_json (GString *out, LbJson *json, const LbStudySeries *series)
{
  lb_json_begin_object (json);
  lb_json_member_string (json, "uid", series->uid);
  lb_json_key (json, "number");
  if (series->has_number)
    lb_json_int (json, series->number);
  else
    lb_json_null (json);
  lb_json_member_string (json, "modality", series->modality);
  lb_json_member_string (json, "description", series->description);
  lb_json_member_string (json, "sop_class_uid", series->sop_class_uid);
  lb_json_member_int (json, "instances", lb_study_series_instances (series));
  lb_json_member_int (json, "frames", lb_study_series_frames (series));
  lb_json_key (json, "stacks");
  lb_json_begin_array (json);
  size_t start = 0;
  for (size_t k = 0; k < series->n_stacks; k++)
    {
      const LbStudyStack *stack = series->stacks[k];
      lb_json_raw (json, "");
      LbJson line;
      lb_json_init (&line, out, FALSE);
      lb_json_begin_object (&line);
      lb_json_member_int (&line, "rows", stack->rows);
      lb_json_member_int (&line, "columns", stack->columns);
      lb_json_member_string (&line, "plane", lb_study_plane_name (lb_study_stack_plane (stack)));
      lb_json_member_int (&line, "first", start);
      lb_json_member_int (&line, "instances", stack->n_instances);
      lb_json_member_int (&line, "frames", lb_study_stack_frames (stack));
      lb_json_end_object (&line);
      start += stack->n_instances;
    }
  lb_json_end_array (json);
  lb_json_key (json, "slices");
  lb_json_begin_array (json);
  for (size_t k = 0; k < series->n_stacks; k++)
    for (size_t i = 0; i < series->stacks[k]->n_instances; i++)
      {
        const LbStudyInstance *inst = series->stacks[k]->instances[i];
        /* One line per slice keeps 600-slice series readable. */
        lb_json_raw (json, "");
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
        lb_json_member_int (&line, "stack", k);
        lb_json_end_object (&line);
        spill (out, NULL);
      }
  lb_json_end_array (json);
  lb_json_end_object (json);
}

static void
print_json (GString *out, Scan *scan)
{
  const LbStudyModel *model = scan->model;
  LbJson json;
  lb_json_init (&json, out, TRUE);
  lb_json_begin_object (&json);
  lb_json_member_int (&json, "files", scan->n_files);
  lb_json_member_int (&json, "dicom", scan->n_dicom);
  lb_json_member_int (&json, "dicomdir", scan->n_dicomdir);
  lb_json_member_int (&json, "not_dicom", scan->n_not_dicom);
  lb_json_member_int (&json, "unreadable", scan->n_failed);
  lb_scan_print_missing_json (&json, scan);
  print_duplicates_json (&json, model);
  lb_json_key (&json, "patients");
  lb_json_begin_array (&json);
  for (size_t p = 0; p < model->n_patients; p++)
    {
      const LbStudyPatient *patient = model->patients[p];
      lb_json_begin_object (&json);
      lb_json_member_string (&json, "name", patient->name);
      lb_json_member_string (&json, "id", patient->id);
      lb_json_key (&json, "studies");
      lb_json_begin_array (&json);
      for (size_t s = 0; s < patient->n_studies; s++)
        {
          const LbStudyStudy *study = patient->studies[s];
          lb_json_begin_object (&json);
          lb_json_member_string (&json, "uid", study->uid);
          lb_json_member_string (&json, "date", study->date);
          lb_json_member_string (&json, "description", study->description);
          lb_json_key (&json, "series");
          lb_json_begin_array (&json);
          for (size_t r = 0; r < study->n_series; r++)
            print_series_json (out, &json, study->series[r]);
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
#ifdef LB_CLI_SCAN_PROGRAM
  /* Each named path is asked once whether it is a zip: here, not again while scanning. */
  scan.may_name_zips = names_a_zip (paths);
  if (scan.may_name_zips)
    lb_cli_program_run (LB_CLI_PROGRAM_COMMANDS);   /* returns only when it cannot run */
#else
  scan.may_name_zips = TRUE;
#endif

  scan.strings = g_string_chunk_new (64 * 1024);
  scan.visited_paths = g_hash_table_new (g_str_hash, g_str_equal);
  scan.walk_may_repeat = paths[1] != NULL;
  scan.visited_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.model = lb_study_model_new ();
  size_t n_tags;
  const uint32_t *tags = lb_study_model_header_tags (&n_tags);
  scan.scanner = lb_dicom_scanner_new (tags, n_tags);
  if (scan.model == NULL || scan.scanner == NULL)
    g_error ("out of memory");
  scan.missing = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; paths[i] != NULL; i++)
    lb_scan_path (&scan, paths[i], TRUE);
  lb_study_model_sort (scan.model);

  GString *out = g_string_sized_new (64 * 1024);
  if (json)
    print_json (out, &scan);
  else
    print_text (out, &scan);
  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);

  int status = scan.failed ? LB_CLI_EXIT_FAILED : LB_CLI_EXIT_OK;
  lb_study_model_free (scan.model);
  lb_dicom_scanner_free (scan.scanner);
  g_ptr_array_unref (scan.missing);
  g_hash_table_unref (scan.visited_dirs);
  g_hash_table_unref (scan.visited_paths);
  g_string_chunk_free (scan.strings);
  return status;
}
