/* cli-anonymize.c: `lightbox-cli anonymize [--retain dates|device|patient-characteristics]...
 * [--shift-dates] [--keep TAG]... [--patient-name NAME] [--patient-id ID] [--blackout X,Y,W,H]... [--diff]
 * [--force] FILE|DIR|DICOMDIR... -o OUTDIR`: de-identified copies (CLI.md). The profile and the
 * UID map live in the parsing library (lb-dicom-deid.h); this file reads, names and writes. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli-anonymize-fileset.h"
#include "cli-anonymize-inputs.h"
#include "cli.h"
#include "lb-dicom-deid.h"

typedef struct {
  char **keep;
  char **retain;
  char **blackout;
  char *patient_name;
  char *patient_id;
  gboolean diff;
  gboolean force;
  gboolean shift_dates;
  char *out;
  char **paths;
  GArray *keep_tags;      /* uint32_t */
  GArray *rects;          /* LbDeidRect */
  unsigned retain_bits;
} Options;

/* ---- Option values ----------------------------------------------------------------------- */

/* "(0010,0010)", "0010,0010", "00100010" or a keyword "PatientName". */
static gboolean
parse_tag (const char *text, uint32_t *tag)
{
  unsigned g, e;
  char tail;
  if (sscanf (text, "(%4x,%4x%c", &g, &e, &tail) == 3 && tail == ')' && strlen (text) == 11)
    return *tag = LB_DICOM_TAG (g, e), TRUE;
  if (strlen (text) == 9 && sscanf (text, "%4x,%4x%c", &g, &e, &tail) == 2)
    return *tag = LB_DICOM_TAG (g, e), TRUE;
  if (strlen (text) == 8 && strspn (text, "0123456789abcdefABCDEF") == 8)
    return *tag = (uint32_t) strtoul (text, NULL, 16), TRUE;
  LbDicomDictEntry entry;
  if (lb_dicom_dict_lookup_keyword (text, &entry) && entry.mask == 0xffffffffu)
    return *tag = entry.tag, TRUE;
  return FALSE;
}

static gboolean
parse_keep (Options *o)
{
  o->keep_tags = g_array_new (FALSE, FALSE, sizeof (uint32_t));
  for (char **k = o->keep; k != NULL && *k != NULL; k++)
    {
      uint32_t tag;
      if (!parse_tag (*k, &tag))
        {
          fprintf (stderr, _("lightbox-cli: --keep needs a tag such as (0010,1010) or a keyword "
                             "such as PatientAge; got \"%s\"\n"), *k);
          return FALSE;
        }
      if ((LB_DICOM_TAG_GROUP (tag) & 1) != 0)
        {
          fprintf (stderr, _("lightbox-cli: --keep %s: private elements are always removed\n"), *k);
          return FALSE;
        }
      g_array_append_val (o->keep_tags, tag);
    }
  return TRUE;
}

static gboolean
parse_retain (Options *o)
{
  for (char **r = o->retain; r != NULL && *r != NULL; r++)
    {
      g_auto (GStrv) words = g_strsplit (*r, ",", -1);
      for (char **w = words; *w != NULL; w++)
        {
          if (strcmp (*w, "dates") == 0)
            o->retain_bits |= LB_DEID_RETAIN_DATES;
          else if (strcmp (*w, "device") == 0)
            o->retain_bits |= LB_DEID_RETAIN_DEVICE;
          else if (strcmp (*w, "patient-characteristics") == 0)
            o->retain_bits |= LB_DEID_RETAIN_PATIENT_CHARACTERISTICS;
          else
            {
              fprintf (stderr, _("lightbox-cli: --retain takes dates, device or "
                                 "patient-characteristics; got \"%s\"\n"), *w);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
parse_blackout (Options *o)
{
  o->rects = g_array_new (FALSE, FALSE, sizeof (LbDeidRect));
  for (char **b = o->blackout; b != NULL && *b != NULL; b++)
    {
      unsigned x, y, w, h;
      char tail;
      if (sscanf (*b, "%u,%u,%u,%u%c", &x, &y, &w, &h, &tail) != 4 || w == 0 || h == 0
          || x > 65535 || y > 65535 || w > 65536 || h > 65536 || **b == '-')
        {
          fprintf (stderr, _("lightbox-cli: --blackout needs X,Y,WIDTH,HEIGHT in image pixels "
                             "with WIDTH and HEIGHT > 0; got \"%s\"\n"), *b);
          return FALSE;
        }
      LbDeidRect rect = { x, y, w, h };
      g_array_append_val (o->rects, rect);
    }
  return TRUE;
}

/* ---- --diff ------------------------------------------------------------------------------ */

static void
print_change (const LbDeidChange *change, void *user_data)
{
  const LbDicomElement *el = change->element;
  g_autofree char *tag = lb_cli_format_tag (lb_dicom_element_get_tag (el));
  const char *keyword = lb_dicom_element_get_keyword (el);
  char *old_raw = lb_dicom_element_format_value (el, 80);
  g_autofree char *old = g_strdup (old_raw ? old_raw : "");
  free (old_raw);
  if (keyword == NULL)
    keyword = (LB_DICOM_TAG_GROUP (lb_dicom_element_get_tag (el)) & 1) ? _("private") : "?";
  switch (change->kind)
    {
    case LB_DEID_CHANGE_REMOVED:
      /* TRANSLATORS: a --diff line: nesting path, tag, keyword, old value */
      printf (_("  removed  %s%s %s \"%s\"\n"), change->path, tag, keyword, old);
      break;
    case LB_DEID_CHANGE_EMPTIED:
      printf (_("  emptied  %s%s %s \"%s\"\n"), change->path, tag, keyword, old);
      break;
    case LB_DEID_CHANGE_REPLACED:
      {
        g_autofree char *shown = lb_dicom_escape_text (change->new_value);
        printf (_("  replaced %s%s %s \"%s\" -> \"%s\"\n"), change->path, tag, keyword, old,
                shown);
      }
      break;
    }
}

/* ---- One file ---------------------------------------------------------------------------- */

/* Whether `path` may be replaced under --force: a DICOM file that is none of the inputs. */
static gboolean
may_replace (const char *path, GPtrArray *inputs)
{
  for (guint i = 0; i < inputs->len; i++)
    if (lb_dicom_path_is_same_file (path, inputs->pdata[i]))
      return FALSE;
  return lb_cli_is_part10_file (path);
}

static void
warn_burned_in (const char *path, const LbDeidResult *result, gboolean blanked)
{
  if (result->burned_in_annotation && !blanked)
    lb_cli_print_error (path, _("warning: Burned In Annotation is YES: the pixels may show the "
                                "patient's name; look at them, or blank it with --blackout"));
  else if (result->burned_in_unknown && !blanked)
    lb_cli_print_error (path, _("warning: no Burned In Annotation, and text is often burned "
                                "into the pixels of US, SC and XA images; look at them"));
}

/* Writes the copy under its new name: the new SOP Instance UID, never the patient's name. */
static gboolean
write_output (const Options *o, const char *path, const LbDeidResult *result, GPtrArray *inputs,
              GHashTable *written)
{
  /* Two inputs with one SOP Instance UID (the same image in two transfer syntaxes, say) get
   * one new UID too, as references to it must; their files are told apart by a number. */
  g_autofree char *name = g_strconcat (result->sop_instance_uid, ".dcm", NULL);
  for (unsigned copy = 2; g_hash_table_contains (written, name); copy++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u.dcm", result->sop_instance_uid, copy);
    }
  g_hash_table_add (written, g_strdup (name));
  if (!g_str_has_prefix (name + strlen (result->sop_instance_uid), ".dcm"))
    lb_cli_print_error (path, _("warning: another input has the same SOP Instance UID; "
                                "written as %s"), name);
  g_autofree char *out_path = g_build_filename (o->out, name, NULL);
  LbDicomWriteFlags flags = LB_DICOM_WRITE_NO_REPLACE;
  if (o->force && g_file_test (out_path, G_FILE_TEST_EXISTS))
    {
      if (!may_replace (out_path, inputs))
        {
          lb_cli_print_error (out_path, _("exists and is an input or not a DICOM file; not "
                                          "replaced"));
          return FALSE;
        }
      flags = LB_DICOM_WRITE_DEFAULT;
    }
  LbDicomError *error = NULL;
  if (!lb_deid_result_write (result, out_path, flags, &error))
    {
      if (error->code == LB_DICOM_ERROR_IO && g_file_test (out_path, G_FILE_TEST_EXISTS))
        lb_cli_print_error (out_path, _("exists; --force replaces it"));
      else
        lb_cli_print_dicom_error (path, error);   /* the message names out_path (as export) */
      lb_dicom_error_free (error);
      return FALSE;
    }
  if (!o->diff)
    printf ("%s -> %s\n", path, out_path);
  else
    printf (_("  written to %s\n"), out_path);
  return TRUE;
}

/* A DICOMDIR's member: its place in the file-set, under the new DICOMDIR. */
static gboolean
write_member (const Options *o, LbDicomDirWriter *dir, const char *path,
              const LbDeidResult *result, GPtrArray *inputs)
{
  g_autofree char *out_path = NULL;
  if (!lb_anon_fileset_write_member (dir, o->out, path, result, o->force, inputs, &out_path))
    return FALSE;
  if (!o->diff)
    printf ("%s -> %s\n", path, out_path);
  else
    printf (_("  written to %s\n"), out_path);
  return TRUE;
}

/* The run's state, shared by files read from disk and members of a zip. */
typedef struct {
  const Options *o;
  LbDeidContext *ctx;
  GPtrArray *inputs;
  GHashTable *written;
  LbDicomDirWriter *dir;
} Run;

/* De-identifies one parsed file and writes its copy; `path` names it in messages. */
static gboolean
anonymize_file (const char *path, const LbDicomFile *file, gpointer data)
{
  const Run *run = data;
  const Options *o = run->o;
  LbDicomError *error = NULL;
  LbDeidResult result = { 0 };
  gboolean ok;

  if (o->diff)
    printf ("%s\n", path);
  ok = lb_deid_file (run->ctx, file, o->diff ? print_change : NULL, NULL, &result, &error);
  if (!ok)
    {
      if (error->code == LB_DICOM_ERROR_UNSUPPORTED && error->tag == LB_DICOM_TAG_PIXEL_DATA)
        lb_cli_print_error (path, _("--blackout cannot blank compressed or big endian pixel "
                                    "data; file not written"));
      else if (error->code == LB_DICOM_ERROR_INVALID_ARGUMENT)
        lb_cli_print_error (path, _("%s; file not written"), error->message);
      else
        lb_cli_print_dicom_error (path, error);
    }
  else
    {
      warn_burned_in (path, &result, o->rects->len > 0);
      ok = run->dir != NULL ? write_member (o, run->dir, path, &result, run->inputs)
                            : write_output (o, path, &result, run->inputs, run->written);
    }
  lb_deid_result_clear (&result);
  lb_dicom_error_free (error);
  return ok;
}

static gboolean
anonymize_path (const Run *run, const char *path)
{
  LbDicomError *error = NULL;
  LbDicomFile *file = lb_dicom_file_new (NULL);
  gboolean ok = lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &error);

  if (!ok)
    lb_cli_print_dicom_error (path, error);
  else
    ok = anonymize_file (path, file, (gpointer) run);
  lb_dicom_error_free (error);
  lb_dicom_file_free (file);
  return ok;
}

/* ---- The command ------------------------------------------------------------------------- */

static void
options_clear (Options *o)
{
  g_strfreev (o->keep);
  g_strfreev (o->retain);
  g_strfreev (o->blackout);
  g_free (o->patient_name);
  g_free (o->patient_id);
  g_free (o->out);
  g_strfreev (o->paths);
  if (o->keep_tags)
    g_array_unref (o->keep_tags);
  if (o->rects)
    g_array_unref (o->rects);
}

static gboolean
prepare_output (const char *out)
{
  if (g_mkdir_with_parents (out, 0777) != 0 || !g_file_test (out, G_FILE_TEST_IS_DIR))
    {
      lb_cli_print_error (out, _("cannot create the output folder: %s"), g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

int
lb_cli_anonymize (int argc, char **argv)
{
  Options o = { 0 };
  const GOptionEntry entries[] = {
    { "retain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.retain,
      N_("Keep what a PS3.15 option keeps: dates, device or patient-characteristics (age, sex, "
         "size, weight...); repeatable"), N_("OPTION") },
    { "shift-dates", 0, 0, G_OPTION_ARG_NONE, &o.shift_dates,
      N_("Move dates back by a random number of days, the same for all files of a patient "
         "(instead of removing them)"), NULL },
    { "keep", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.keep,
      N_("Keep this public element unchanged, e.g. (0008,103E) or SeriesDescription; "
         "repeatable"), N_("TAG") },
    { "patient-name", 0, 0, G_OPTION_ARG_STRING, &o.patient_name,
      N_("Patient's Name of the copies (default: empty)"), N_("NAME") },
    { "patient-id", 0, 0, G_OPTION_ARG_STRING, &o.patient_id,
      N_("Patient ID of the copies (default: ANON0001... one per original patient)"), N_("ID") },
    { "blackout", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.blackout,
      N_("Blank this rectangle of every frame (burned-in text; native pixel data only); "
         "repeatable"), N_("X,Y,W,H") },
    { "diff", 0, 0, G_OPTION_ARG_NONE, &o.diff,
      N_("List each element removed, emptied or replaced, with old and new value"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o.force,
      N_("Replace existing DICOM files in OUTDIR (never an input)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.out, N_("Output folder"), N_("OUTDIR") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.paths, NULL,
      N_("FILE|DIR|DICOMDIR...") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("anonymize", _("De-identified copies (PS3.15 Basic Application "
                                           "Level Confidentiality Profile); originals are never "
                                           "touched."), entries);
  int status = LB_CLI_EXIT_USAGE;
  if (!lb_cli_parse_options (context, &argc, &argv) || !parse_keep (&o) || !parse_retain (&o)
      || !parse_blackout (&o))
    goto out;
  if (o.shift_dates && (o.retain_bits & LB_DEID_RETAIN_DATES))
    {
      fprintf (stderr, _("lightbox-cli: --shift-dates and --retain dates exclude each other\n"));
      goto out;
    }
  if (o.shift_dates)
    o.retain_bits |= LB_DEID_SHIFT_DATES;
  if (o.out == NULL || o.paths == NULL || o.paths[0] == NULL)
    {
      fprintf (stderr, _("lightbox-cli: anonymize needs FILE|DIR|DICOMDIR... and -o OUTDIR\n"));
      goto out;
    }

  LbAnonInputs inputs;
  lb_anon_inputs_collect (&inputs, o.paths);
  status = inputs.failed ? LB_CLI_EXIT_FAILED : LB_CLI_EXIT_OK;
  if ((inputs.files->len > 0 || inputs.zips->len > 0) && !prepare_output (o.out))
    status = LB_CLI_EXIT_FAILED;
  else if (inputs.files->len > 0 || inputs.zips->len > 0)
    {
      LbDeidOptions options = {
        .retain = o.retain_bits,
        .keep_tags = (const uint32_t *) o.keep_tags->data, .n_keep_tags = o.keep_tags->len,
        .patient_name = o.patient_name, .patient_id = o.patient_id,
        .blackout = (const LbDeidRect *) o.rects->data, .n_blackout = o.rects->len,
      };
      LbDeidContext *ctx = lb_deid_context_new (&options);
      g_autoptr (GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
      /* A DICOMDIR among the inputs makes the output a file-set with a new DICOMDIR. */
      LbDicomDirWriter *dir = inputs.dicomdir ? lb_dicom_dir_writer_new () : NULL;
      Run run = { &o, ctx, inputs.files, written, dir };
      for (guint i = 0; ctx != NULL && i < inputs.files->len; i++)
        if (!anonymize_path (&run, inputs.files->pdata[i]))
          status = LB_CLI_EXIT_FAILED;
      for (guint i = 0; ctx != NULL && i < inputs.zips->len; i++)
        if (!lb_anon_zip_each (inputs.zips->pdata[i], anonymize_file, &run))
          status = LB_CLI_EXIT_FAILED;
      if (ctx == NULL || (inputs.dicomdir && dir == NULL))
        status = LB_CLI_EXIT_FAILED;
      else if (dir != NULL && lb_dicom_dir_writer_count (dir) > 0
               && !lb_anon_fileset_write_dicomdir (dir, o.out, ctx, inputs.dicomdir_uid, o.force,
                                                   inputs.files))
        status = LB_CLI_EXIT_FAILED;
      lb_dicom_dir_writer_free (dir);
      lb_deid_context_free (ctx);
    }
  lb_anon_inputs_clear (&inputs);

out:
  options_clear (&o);
  return status;
}
