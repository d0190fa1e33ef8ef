/* cli-program.h: the three programs of lightbox-cli.
 *
 * `lightbox-cli` itself holds only what a header scan of folders and DICOMDIRs, the dispatch,
 * --help and --version need: the parser and study code, and GLib linked in (libglib-2.0.a,
 * where it is installed), so that it starts at little more than the C library's own cost
 * (bench/README.md, "Process start"). Every other command runs in one of two programs beside
 * it, which it runs in its own place (execv(), same arguments, same process):
 * lightbox-cli-commands (the codecs, PNG export, libarchive: every other command, and a scan
 * that names a zip) and lightbox-cli-remote (libsoup, json-glib and GIO: `remote`), so that
 * the commands do not load the network libraries. Each program is one process with one GLib:
 * the two others link the shared one, as the libraries they use do.
 *
 * They are found in lightbox-cli's own folder when it runs from the build tree, else in the
 * installed LB_CLI_PROGRAM_DIR. */
#ifndef CLI_PROGRAM_H
#define CLI_PROGRAM_H

#define LB_CLI_PROGRAM_COMMANDS "lightbox-cli-commands"
#define LB_CLI_PROGRAM_REMOTE   "lightbox-cli-remote"

/* The file `name` beside the running program (the build tree: meson puts them all in src/cli),
 * else in installed_dir, where `meson install` put it, which is then the path an error names.
 * g_free() it. */
char *lb_cli_program_find (const char *name, const char *installed_dir);

/* Keeps a copy of main()'s argument list (argv[0] included; the commands' option parsing
 * reorders the list itself) for lb_cli_program_run(). */
void lb_cli_program_set_argv (int argc, char **argv);

/* Runs `program` in this process's place with main()'s arguments. Returns only when it cannot
 * be run: the errno of execv(), having printed nothing. */
int lb_cli_program_exec (const char *program);

/* After lb_cli_program_exec() returned `error`: prints "lightbox-cli: PATH: cannot run ...:
 * REASON" (translated: the messages must be set up) and returns LB_CLI_EXIT_FAILED. */
int lb_cli_program_failed (const char *program, int error);

/* Both: returns only when `program` cannot be run, LB_CLI_EXIT_FAILED, the error printed. */
int lb_cli_program_run (const char *program);

#endif
