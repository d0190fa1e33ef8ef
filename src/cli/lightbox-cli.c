/* lightbox-cli: the command-line companion of the Lightbox viewer (see ../shared/guide/CLI.md).
 * This file only dispatches; each command lives in cli-COMMAND.c. It is the main() of the three
 * programs of cli-program.h, built with LB_CLI_SCAN_PROGRAM (lightbox-cli),
 * LB_CLI_COMMANDS_PROGRAM or LB_CLI_REMOTE_PROGRAM: a command this program does not hold runs in
 * the program that does. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-program.h"
#if defined LB_CLI_COMMANDS_PROGRAM || defined LB_CLI_REMOTE_PROGRAM
#include "lb-dicom-write.h"
#endif

typedef struct {
  const char *name;
  /* The command's function when this program holds it, else NULL: it runs in `program`. */
  int (*run) (int argc, char **argv);
  const char *program;
  const char *summary;
} LbCliCommand;

#ifdef LB_CLI_COMMANDS_PROGRAM
#define IN_COMMANDS(function) function
#else
#define IN_COMMANDS(function) NULL
#endif
#ifdef LB_CLI_REMOTE_PROGRAM
#define IN_REMOTE(function) function
#define SCAN NULL
#else
#define IN_REMOTE(function) NULL
#define SCAN lb_cli_scan
#endif
#define COMMANDS LB_CLI_PROGRAM_COMMANDS

static const LbCliCommand commands[] = {
  { "dump", IN_COMMANDS (lb_cli_dump), COMMANDS, N_("Print every element, nested sequences included") },
  { "info", IN_COMMANDS (lb_cli_info), COMMANDS, N_("Print the summary a teacher reads first") },
  { "scan", SCAN, COMMANDS, N_("List patients, studies and series found in folders") },
  { "export", IN_COMMANDS (lb_cli_export), COMMANDS, N_("Write pixels to PNG") },
  { "presets", IN_COMMANDS (lb_cli_presets), COMMANDS, N_("List the window presets") },
  { "phantom", IN_COMMANDS (lb_cli_phantom), COMMANDS, N_("Write the teaching phantom CT series") },
  { "anonymize", IN_COMMANDS (lb_cli_anonymize), COMMANDS, N_("Write de-identified copies of files, series and studies") },
  { "measure", IN_COMMANDS (lb_cli_measure), COMMANDS, N_("Measure lines, angles and regions (HU for CT)") },
  { "histogram", IN_COMMANDS (lb_cli_histogram), COMMANDS, N_("Histogram of stored, modality or displayed values") },
  { "reformat", IN_COMMANDS (lb_cli_reformat), COMMANDS, N_("Write an axial, sagittal or coronal plane or slab of a series") },
#ifdef LB_HAVE_REMOTE
  { "remote", IN_REMOTE (lb_cli_remote), LB_CLI_PROGRAM_REMOTE, N_("Search, retrieve and upload studies on a DICOMweb server") },
#endif
};

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage: lightbox-cli COMMAND [OPTIONS] ARGS...\n\nCommands:\n"));
  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun \"lightbox-cli COMMAND --help\" for the options of a command.\n"));
}

/* Where the catalogues are: $LIGHTBOX_LOCALEDIR, else the installed ones, else (run from the
 * build tree, nothing installed) the build tree's po/, as the viewer does. */
static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("LIGHTBOX_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  if (!g_file_test (LOCALEDIR "/ko/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS)
      && g_file_test (LB_BUILD_LOCALE_DIR, G_FILE_TEST_IS_DIR))
    return LB_BUILD_LOCALE_DIR;
  return LOCALEDIR;
}

/* Whether gettext would give every message untranslated: the locale of the messages
 * (LC_ALL, else LC_MESSAGES, else LANG, as setlocale() reads them) is C or POSIX, or C.UTF-8 or
 * another C.* without a LANGUAGE list (which gettext follows for any locale but C and POSIX).
 * Then the messages stay in the "C" locale, whose gettext returns them at once: setting up
 * C.UTF-8's and looking for its catalogues took a dozen system calls at every start. */
static gboolean
messages_untranslated (void)
{
  static const char *const variables[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
  const char *name = "C";
  for (size_t i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = getenv (variables[i]);
      if (value != NULL && *value != '\0')
        {
          name = value;
          break;
        }
    }
  if (strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0)
    return TRUE;
  const char *language = getenv ("LANGUAGE");
  return strncmp (name, "C.", 2) == 0 && (language == NULL || *language == '\0');
}

static const LbCliCommand *
find_command (const char *name)
{
  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (name, commands[i].name) == 0)
      return &commands[i];
  return NULL;
}

/* Only what gettext needs: the language of the messages and the character set. The other
 * categories stay "C": numbers print with a '.', as DICOM writes them and as scripts that read
 * this output expect, and loading them cost 0.15 ms of a 4 ms folder scan (C.UTF-8 keeps each
 * category in a file of its own). */
static void
set_up_messages (void)
{
  setlocale (LC_CTYPE, "");
  if (!messages_untranslated ())
    {
      setlocale (LC_MESSAGES, "");
      bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
}

int
main (int argc, char **argv)
{
  lb_cli_program_set_argv (argc, argv);
  const LbCliCommand *command = argc >= 2 ? find_command (argv[1]) : NULL;
  /* A command of another program runs there at once: this program's start is all it costs. */
  if (command != NULL && command->run == NULL)
    {
      int error = lb_cli_program_exec (command->program);
      set_up_messages ();
      return lb_cli_program_failed (command->program, error);
    }

  set_up_messages ();
#if defined LB_CLI_COMMANDS_PROGRAM || defined LB_CLI_REMOTE_PROGRAM
  /* Of the commands that write files (export, phantom, retrieve): the temporary files of their
   * writes are removed on Ctrl+C; SIGXFSZ stays ignored. lightbox-cli's scan writes none. */
  lb_atomic_file_remove_on_signals ();
#endif

  if (command != NULL)
    return command->run (argc - 1, argv + 1);
  if (argc < 2)
    {
      print_usage (stderr);
      return LB_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return LB_CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("lightbox-cli %s\n", PACKAGE_VERSION);
      return LB_CLI_EXIT_OK;
    }
  fprintf (stderr, _("lightbox-cli: unknown command \"%s\"\n"), argv[1]);
  print_usage (stderr);
  return LB_CLI_EXIT_USAGE;
}
