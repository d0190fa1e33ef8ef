/* cli-phantom.c: `lightbox-cli phantom [--force] OUTDIR`: writes the teaching phantom. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lb-phantom.h"

/* The reason of a failed write of `path` without the path, which the error line already
 * shows: "cannot write out/CT01.dcm: No space left on device" -> "No space left on device". */
static char *
write_reason (const char *path, const LbDicomError *error)
{
  const char *at = error != NULL && error->code == LB_DICOM_ERROR_IO
                   ? strstr (error->message, path) : NULL;
  size_t len = strlen (path);
  if (at != NULL && strncmp (at + len, ": ", 2) == 0)
    return g_strdup (at + len + 2);
  return lb_cli_error_reason (error);
}

/* What happened to one file. */
typedef enum { WROTE, UNCHANGED, REFUSED, FAILED } Outcome;

static Outcome
write_slice (const char *outdir, unsigned index, gboolean force)
{
  char name[16];
  lb_phantom_file_name (index, name);
  g_autofree char *path = g_build_filename (outdir, name, NULL);
  LbDicomError *error = NULL;
  g_autofree uint8_t *data = NULL;
  size_t len = 0;

  LbDicomBuilder *builder = lb_phantom_build_slice (index, &error);
  if (builder != NULL)
    data = lb_dicom_builder_encode (builder, NULL, &len, &error);
  lb_dicom_builder_free (builder);
  if (data == NULL)
    {
      g_autofree char *reason = lb_cli_error_reason (error);
      lb_cli_print_error (path, "%s", reason);
      lb_dicom_error_free (error);
      return FAILED;
    }

  /* An existing file is never replaced by accident: identical bytes need no write, and a
   * different file (perhaps a real image that happens to be called CT01.dcm) needs --force. */
  g_autofree char *old = NULL;
  gsize old_len = 0;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_file_get_contents (path, &old, &old_len, NULL) && old_len == len
          && memcmp (old, data, len) == 0)
        return UNCHANGED;
      if (!force)
        {
          lb_cli_print_error (path, _("file exists and differs from the phantom; use --force "
                                      "to replace it"));
          return REFUSED;
        }
    }

  LbDicomWriteFlags flags = force ? LB_DICOM_WRITE_DEFAULT : LB_DICOM_WRITE_NO_REPLACE;
  if (!lb_dicom_write_bytes (path, data, len, flags, &error))
    {
      g_autofree char *reason = write_reason (path, error);
      lb_cli_print_error (path, "%s", reason);
      lb_dicom_error_free (error);
      return FAILED;
    }
  return WROTE;
}

int
lb_cli_phantom (int argc, char **argv)
{
  gboolean force = FALSE;
  g_auto (GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace existing files of the same name even when they differ"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args, NULL, N_("OUTDIR") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = lb_cli_command_context ("phantom",
    _("Writes the built-in teaching phantom: a CT series of 24 slices (CT01.dcm ... CT24.dcm)\n"
      "through head, neck, chest and abdomen, with a water vial (0 HU) at column 232, row 24.\n"
      "Stored values are HU (signed 16-bit, slope 1, intercept 0); every run writes the same\n"
      "bytes. OUTDIR is created if missing."), entries);
  g_option_context_set_description (context,
    _("Existing files: each file is written atomically (temporary file, then rename). A file\n"
      "of the same name that is byte-identical is left as it is; one that differs is not\n"
      "replaced (exit status 2) unless --force is given.\n\n"
      "Exit status: 0 all files written or already identical, 1 usage error,\n"
      "2 OUTDIR could not be created or a file could not be written."));
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  if (args == NULL || args[0] == NULL || args[1] != NULL)
    {
      fprintf (stderr, _("lightbox-cli phantom: expected exactly one OUTDIR (see --help)\n"));
      return LB_CLI_EXIT_USAGE;
    }

  const char *outdir = args[0];
  if (g_mkdir_with_parents (outdir, 0777) != 0)
    {
      int e = errno;
      lb_cli_print_error (outdir, _("cannot create the folder: %s"), g_strerror (e));
      return LB_CLI_EXIT_FAILED;
    }

  unsigned counts[4] = { 0 };
  for (unsigned i = 0; i < LB_PHANTOM_SLICES; i++)
    counts[write_slice (outdir, i, force)]++;
  g_autofree char *safe = lb_dicom_escape_text (outdir);
  printf (_("%s: %u written, %u already identical\n"), safe != NULL ? safe : outdir,
          counts[WROTE], counts[UNCHANGED]);
  return counts[REFUSED] + counts[FAILED] > 0 ? LB_CLI_EXIT_FAILED : LB_CLI_EXIT_OK;
}
