/* cli.h: the commands of lightbox-cli (../shared/guide/CLI.md), one file each. */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

#include "lb-dicom.h"
#include "lb-dicom-pixel.h"

/* Exit codes of CLI.md. */
enum {
  LB_CLI_EXIT_OK = 0,      /* all inputs handled */
  LB_CLI_EXIT_USAGE = 1,   /* usage error */
  LB_CLI_EXIT_FAILED = 2,  /* at least one input could not be read */
};

/* Each command gets argv with argv[0] = the command name and returns an exit code. `scan` is
 * in lightbox-cli and lightbox-cli-commands, `remote` in lightbox-cli-remote, the others in
 * lightbox-cli-commands (cli-program.h). */
int lb_cli_scan (int argc, char **argv);
int lb_cli_dump (int argc, char **argv);
int lb_cli_info (int argc, char **argv);
int lb_cli_export (int argc, char **argv);
int lb_cli_presets (int argc, char **argv);
int lb_cli_phantom (int argc, char **argv);
int lb_cli_anonymize (int argc, char **argv);
int lb_cli_measure (int argc, char **argv);
int lb_cli_histogram (int argc, char **argv);
int lb_cli_reformat (int argc, char **argv);   /* cli-reformat.c */
#ifdef LB_HAVE_REMOTE
int lb_cli_remote (int argc, char **argv);   /* cli-remote.c */
#endif

/* Prints "lightbox-cli: PATH: REASON" to stderr (REASON translated, safe for a terminal). */
void lb_cli_print_error (const char *path, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* The translated reason for a parser error: what and where ("truncated value of (0028,0010)
 * at byte 812"). g_free() it. */
char *lb_cli_error_reason (const LbDicomError *error);
/* Prints the error line of a failed read: "lightbox-cli: PATH: REASON". */
void lb_cli_print_dicom_error (const char *path, const LbDicomError *error);
/* "(gggg,eeee)"; g_free() it. */
char *lb_cli_format_tag (uint32_t tag);
/* The option context of a command: summary, entries (gettext domain set; the arguments are
 * named by the G_OPTION_REMAINING entry), and the program name "lightbox-cli COMMAND" for
 * --help and GLib messages. */
GOptionContext *lb_cli_command_context (const char *command, const char *summary,
                                        const GOptionEntry *entries);
/* The same, with `data` passed to the entries' G_OPTION_ARG_CALLBACK functions (the options
 * struct of the command). */
GOptionContext *lb_cli_command_context_with_data (const char *command, const char *summary,
                                                  const GOptionEntry *entries, gpointer data);
/* Parses a command's options with GOptionContext; on a usage error prints it and returns false. */
gboolean lb_cli_parse_options (GOptionContext *context, int *argc, char ***argv);
/* Whether `path` is a regular file that starts like a PS3.10 file: a 128-byte preamble, then
 * "DICM". Opened without blocking, so a FIFO is never waited on. */
gboolean lb_cli_is_part10_file (const char *path);
/* cli-window.c (in the module only): */
/* Parses the value of --window, "C,W" (or "C/W"), finite with W > 0; on failure sets the
 * G_OPTION_ERROR that names the expected form. Shared so every command takes the same. */
gboolean lb_cli_parse_window (const char *value, double *center, double *width, GError **error);
/* The preset called `name` (see `lightbox-cli presets`), its window in *center, *width; NULL
 * with "unknown preset" printed when there is none. */
const LbDicomPreset *lb_cli_lookup_preset (const char *name, double *center, double *width);
/* "C,W FUNCTION" of a typed window, with " preset NAME" when it came from `preset`: the
 * window text the PNG outputs carry. */
char *lb_cli_typed_window_text (double center, double width, LbDicomVoiFunction function,
                                const LbDicomPreset *preset);
