/* cli-remote.c: `lightbox-cli remote search|retrieve|upload URL ...` (CLI.md): a DICOMweb
 * server through src/remote, the library the viewer uses. Credentials come from
 * LIGHTBOX_REMOTE_USER / LIGHTBOX_REMOTE_PASSWORD or the URL's user-info and are never printed:
 * error lines name the URL without its user-info. */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-json.h"
#include "cli.h"
#include "lb-remote.h"

/* One asynchronous operation run to completion in a main loop; SIGINT/SIGTERM cancel it so a
 * retrieve removes its temporary file before the process ends. */
typedef struct {
  GMainLoop *loop;
  GCancellable *cancellable;
  GAsyncResult *result;
  gboolean progress_shown;
} Run;

static void
run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

static gboolean
run_cancel (gpointer user_data)
{
  Run *run = user_data;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
run_init (Run *run)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  run->result = NULL;
  run->progress_shown = FALSE;
}

static void
run_wait (Run *run)
{
  guint sigint = g_unix_signal_add (SIGINT, run_cancel, run);
  guint sigterm = g_unix_signal_add (SIGTERM, run_cancel, run);
  g_main_loop_run (run->loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (run->progress_shown)
    fputc ('\n', stderr);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->result);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->loop, g_main_loop_unref);
}

static void
show_progress (guint n, guint64 bytes, const char *path, gpointer user_data)
{
  Run *run = user_data;
  if (!isatty (STDERR_FILENO))
    return;
  fputc ('\r', stderr);
  /* TRANSLATORS: progress of a retrieve or upload: instances and megabytes */
  fprintf (stderr, _("%u instances, %.1f MB"), n, (double) bytes / 1e6);
  run->progress_shown = TRUE;
}

/* The client for URL with the environment's credentials; prints the error line on failure. */
static LbRemoteClient *
client_for (const char *url)
{
  g_autoptr (GError) error = NULL;
  LbRemoteClient *client = lb_remote_client_new (url, g_getenv ("LIGHTBOX_REMOTE_USER"),
                                                 g_getenv ("LIGHTBOX_REMOTE_PASSWORD"), &error);
  if (client == NULL)
    {
      /* The URL as typed may hold a password: name only its scheme and host part. */
      g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
      lb_cli_print_error (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "URL",
                          "%s", error->message);
    }
  return client;
}

/* ---- search ---------------------------------------------------------------------------------- */

static void
print_records_json (GPtrArray *records)
{
  g_autoptr (GString) out = g_string_new (NULL);
  LbJson j;
  lb_json_init (&j, out, TRUE);
  lb_json_begin_array (&j);
  for (guint i = 0; i < records->len; i++)
    {
      const LbRemoteRecord *r = records->pdata[i];
      lb_json_begin_object (&j);
      lb_json_member_string (&j, "level", r->level == LB_REMOTE_LEVEL_STUDY ? "study" : "series");
      lb_json_member_string (&j, "study_uid", r->study_uid);
      if (r->level == LB_REMOTE_LEVEL_SERIES)
        {
          lb_json_member_string (&j, "series_uid", r->series_uid);
          lb_json_member_string (&j, "modality", r->modalities);
          lb_json_member_string (&j, "series_description", r->series_description);
          if (r->series_number >= 0)
            lb_json_member_int (&j, "series_number", r->series_number);
        }
      else
        {
          lb_json_member_string (&j, "patient_name", r->patient_name);
          lb_json_member_string (&j, "patient_id", r->patient_id);
          lb_json_member_string (&j, "study_date", r->study_date);
          lb_json_member_string (&j, "study_description", r->study_description);
          lb_json_member_string (&j, "accession", r->accession);
          lb_json_member_string (&j, "modalities", r->modalities);
          if (r->n_series >= 0)
            lb_json_member_int (&j, "series", r->n_series);
        }
      if (r->n_instances >= 0)
        lb_json_member_int (&j, "instances", r->n_instances);
      lb_json_end_object (&j);
    }
  lb_json_end_array (&j);
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
}

static void
print_records_text (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      const LbRemoteRecord *r = records->pdata[i];
      /* Values come from the server: escaped so they cannot drive the terminal. */
      g_autofree char *name = lb_dicom_escape_text (r->patient_name);
      g_autofree char *study_desc = lb_dicom_escape_text (r->study_description);
      g_autofree char *series_desc = lb_dicom_escape_text (r->series_description);
      if (r->level == LB_REMOTE_LEVEL_STUDY)
        printf ("%s  %s  %s  %s  %s  %s  %d/%d\n", r->study_uid, r->study_date, name,
                r->patient_id, r->modalities, study_desc, r->n_series, r->n_instances);
      else
        printf ("%s  %s  #%d  %s  %d\n", r->series_uid, r->modalities, r->series_number,
                series_desc, r->n_instances);
    }
}

static int
remote_search (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto (LbRemoteQuery) query = { 0 };
  g_auto (GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "patient", 0, 0, G_OPTION_ARG_STRING, &query.patient_name,
      N_("Patient name (* and ? are wildcards)"), N_("NAME") },
    { "patient-id", 0, 0, G_OPTION_ARG_STRING, &query.patient_id, N_("Patient ID"), N_("ID") },
    { "modality", 0, 0, G_OPTION_ARG_STRING, &query.modality, N_("Modality (CT, MR...)"), N_("M") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &query.date_range, N_("Study date or range"),
      N_("FROM-TO") },
    { "accession", 0, 0, G_OPTION_ARG_STRING, &query.accession, N_("Accession number"), N_("A") },
    { "study", 0, 0, G_OPTION_ARG_STRING, &query.study_uid, N_("List the series of this study"),
      N_("UID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, N_("URL") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("remote search",
                            _("Search the studies of a DICOMweb server (QIDO-RS), or with "
                              "--study the series of one study."), entries);
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  if (args == NULL || g_strv_length (args) != 1)
    {
      fprintf (stderr, _("lightbox-cli: remote search takes one URL\n"));
      return LB_CLI_EXIT_USAGE;
    }
  g_autoptr (LbRemoteClient) client = client_for (args[0]);
  if (client == NULL)
    return LB_CLI_EXIT_FAILED;

  Run run;
  run_init (&run);
  lb_remote_client_search_async (client, &query, run.cancellable, run_done, &run);
  run_wait (&run);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = lb_remote_client_search_finish (client, run.result, &error);
  run_clear (&run);
  if (records == NULL)
    {
      lb_cli_print_error (lb_remote_client_get_display_url (client), "%s", error->message);
      return LB_CLI_EXIT_FAILED;
    }
  if (json)
    print_records_json (records);
  else
    print_records_text (records);
  return LB_CLI_EXIT_OK;
}

/* ---- retrieve -------------------------------------------------------------------------------- */

static int
remote_retrieve (int argc, char **argv)
{
  g_autofree char *out_dir = NULL;
  gboolean force = FALSE;
  g_auto (GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, N_("Folder for the instances"),
      N_("OUTDIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace instances already in OUTDIR"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL,
      N_("URL STUDY_UID [SERIES_UID]") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("remote retrieve",
                            _("Retrieve a study or series from a DICOMweb server (WADO-RS), one "
                              "file per instance named from its SOP Instance UID."), entries);
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  guint n_args = args != NULL ? g_strv_length (args) : 0;
  if (n_args < 2 || n_args > 3 || out_dir == NULL)
    {
      fprintf (stderr, _("lightbox-cli: remote retrieve takes URL STUDY_UID [SERIES_UID] -o OUTDIR\n"));
      return LB_CLI_EXIT_USAGE;
    }
  if (g_mkdir_with_parents (out_dir, 0755) != 0 || !g_file_test (out_dir, G_FILE_TEST_IS_DIR))
    {
      lb_cli_print_error (out_dir, "%s", g_strerror (errno));
      return LB_CLI_EXIT_FAILED;
    }
  g_autoptr (LbRemoteClient) client = client_for (args[0]);
  if (client == NULL)
    return LB_CLI_EXIT_FAILED;

  Run run;
  run_init (&run);
  lb_remote_client_retrieve_async (client, args[1], n_args == 3 ? args[2] : NULL, out_dir,
                                   force ? LB_REMOTE_RETRIEVE_OVERWRITE : LB_REMOTE_RETRIEVE_DEFAULT,
                                   show_progress, &run, NULL, run.cancellable, run_done, &run);
  run_wait (&run);
  g_autoptr (GError) error = NULL;
  guint n = 0;
  gboolean ok = lb_remote_client_retrieve_finish (client, run.result, &n, &error);
  run_clear (&run);
  if (!ok)
    {
      /* A retrieve that stops says how many instances it wrote (the broken-off case always,
       * so a script can tell "nothing" from "some"). */
      if (n > 0 || g_error_matches (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_INTERRUPTED))
        /* TRANSLATORS: %s is the reason; %u how many instances were written before it */
        lb_cli_print_error (lb_remote_client_get_display_url (client),
                            ngettext ("%s (%u instance arrived)", "%s (%u instances arrived)", n),
                            error->message, n);
      else
        lb_cli_print_error (lb_remote_client_get_display_url (client), "%s", error->message);
      return LB_CLI_EXIT_FAILED;
    }
  g_autofree char *safe_dir = lb_dicom_escape_text (out_dir);
  printf (ngettext ("%u instance written to %s\n", "%u instances written to %s\n", n), n, safe_dir);
  return LB_CLI_EXIT_OK;
}

/* ---- upload ---------------------------------------------------------------------------------- */

/* Adds the Part 10 files under dir, in name order (other files are skipped silently, as scan
 * does: a study folder holds thumbnails and notes too). */
static void
collect_dir (const char *dir, GPtrArray *files)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_dir (path, files);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && lb_cli_is_part10_file (path))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static int
remote_upload (int argc, char **argv)
{
  g_auto (GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("URL FILE|DIR...") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("remote upload",
                            _("Store DICOM files on a DICOMweb server (STOW-RS)."), entries);
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  if (args == NULL || g_strv_length (args) < 2)
    {
      fprintf (stderr, _("lightbox-cli: remote upload takes URL FILE|DIR...\n"));
      return LB_CLI_EXIT_USAGE;
    }
  int status = LB_CLI_EXIT_OK;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  for (char **arg = args + 1; *arg != NULL; arg++)
    {
      if (g_file_test (*arg, G_FILE_TEST_IS_DIR))
        collect_dir (*arg, files);
      else if (!g_file_test (*arg, G_FILE_TEST_IS_REGULAR))
        {
          lb_cli_print_error (*arg, _("not a regular file"));
          status = LB_CLI_EXIT_FAILED;
        }
      else if (!lb_cli_is_part10_file (*arg))
        {
          lb_cli_print_error (*arg, _("not a DICOM Part 10 file"));
          status = LB_CLI_EXIT_FAILED;
        }
      else
        g_ptr_array_add (files, g_strdup (*arg));
    }
  if (files->len == 0)
    return status;
  g_ptr_array_add (files, NULL);

  g_autoptr (LbRemoteClient) client = client_for (args[0]);
  if (client == NULL)
    return LB_CLI_EXIT_FAILED;
  Run run;
  run_init (&run);
  lb_remote_client_upload_async (client, (const char *const *) files->pdata, show_progress, &run,
                                 NULL, run.cancellable, run_done, &run);
  run_wait (&run);
  g_autoptr (GError) error = NULL;
  guint n = 0;
  gboolean ok = lb_remote_client_upload_finish (client, run.result, &n, &error);
  run_clear (&run);
  if (!ok)
    {
      lb_cli_print_error (lb_remote_client_get_display_url (client),
                          ngettext ("%s (%u file stored before)", "%s (%u files stored before)", n),
                          error->message, n);
      return LB_CLI_EXIT_FAILED;
    }
  printf (ngettext ("%u file stored\n", "%u files stored\n", n), n);
  return status;
}

int
lb_cli_remote (int argc, char **argv)
{
  static const struct {
    const char *name;
    int (*run) (int argc, char **argv);
  } subcommands[] = {
    { "search", remote_search },
    { "retrieve", remote_retrieve },
    { "upload", remote_upload },
  };
  if (argc >= 2)
    for (size_t i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (strcmp (argv[1], subcommands[i].name) == 0)
        return subcommands[i].run (argc - 1, argv + 1);
  FILE *out = argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    ? stdout : stderr;
  fprintf (out, _("Usage: lightbox-cli remote search|retrieve|upload URL ...\n"
                  "Run \"lightbox-cli remote COMMAND --help\" for the options of a command.\n"));
  return out == stdout ? LB_CLI_EXIT_OK : LB_CLI_EXIT_USAGE;
}
