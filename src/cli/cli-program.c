/* cli-program.c: running lightbox-cli's other programs (cli-program.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli-program.h"

static char **main_argv;

void
lb_cli_program_set_argv (int argc, char **argv)
{
  /* Kept to the end of the process, as main()'s own list is. */
  main_argv = g_memdup2 (argv, ((gsize) argc + 1) * sizeof *argv);
}

char *
lb_cli_program_find (const char *name, const char *installed_dir)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      char *beside = g_build_filename (dir, name, NULL);
      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        return beside;
      g_free (beside);
    }
  return g_build_filename (installed_dir, name, NULL);
}

int
lb_cli_program_exec (const char *program)
{
  g_autofree char *path = lb_cli_program_find (program, LB_CLI_PROGRAM_DIR);

  /* What this process printed so far (nothing, by the callers' design) goes first. */
  fflush (stdout);
  fflush (stderr);
  /* argv[0] stays "lightbox-cli": the programs' messages and --help name it. */
  execv (path, main_argv);
  return errno;
}

int
lb_cli_program_failed (const char *program, int error)
{
  g_autofree char *path = lb_cli_program_find (program, LB_CLI_PROGRAM_DIR);

  /* CLI.md has no exit code of its own for a broken installation: the command could not
   * handle its inputs. */
  lb_cli_print_error (path, _("cannot run lightbox-cli's program for this command: %s"),
                      g_strerror (error));
  return LB_CLI_EXIT_FAILED;
}

int
lb_cli_program_run (const char *program)
{
  int error = lb_cli_program_exec (program);
  return lb_cli_program_failed (program, error);
}
