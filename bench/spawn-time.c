/* spawn-time: the wall time of one command, from its spawn to its exit, in microseconds on
 * stdout; its own output goes to /dev/null. bench/lib.sh's paired runs use it so that what is
 * timed is the command itself: timing `taskset -c N sh -c CMD` between two `date` calls also
 * counted taskset's and sh's start and the second `date`'s fork, about 2–3 ms a run here, the
 * same for both sides of a pair, which squeezed the ratio of a 5 ms command against a 250 ms one.
 *
 *   spawn-time ARGV...     run ARGV (searched in PATH)
 *   spawn-time -c 'CMD'    run CMD: split into words as the shell would when it has no shell
 *                          syntax beyond quotes, else through `sh -c CMD` (dash runs the
 *                          last command without a fork of its own)
 *
 * The CPU affinity is inherited (run it under taskset). Exit status: 0, or 2 when the command
 * could not be started; a command that fails is named on stderr (its time is still printed). */
#include <glib.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static gint64
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The words of CMD when a shell would only split and unquote it; else `sh -c CMD`. */
static char **
command_argv (const char *cmd)
{
  char **argv = NULL;

  if (strpbrk (cmd, "|&;<>()$`*?[#~=%{}\\\n") == NULL && g_shell_parse_argv (cmd, NULL, &argv, NULL))
    return argv;
  argv = g_new0 (char *, 4);
  argv[0] = g_strdup ("/bin/sh");
  argv[1] = g_strdup ("-c");
  argv[2] = g_strdup (cmd);
  return argv;
}

int
main (int argc, char **argv)
{
  g_auto (GStrv) owned = NULL;
  char **run = argv + 1;
  posix_spawn_file_actions_t actions;
  gint64 start;
  pid_t pid;
  int status;

  if (argc < 2 || (strcmp (argv[1], "-c") == 0 && argc != 3))
    {
      fprintf (stderr, "usage: spawn-time ARGV... | spawn-time -c 'CMD'\n");
      return 2;
    }
  if (strcmp (argv[1], "-c") == 0)
    run = owned = command_argv (argv[2]);
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen (&actions, 2, "/dev/null", O_WRONLY, 0);
  start = now_us ();
  if (posix_spawnp (&pid, run[0], &actions, NULL, run, environ) != 0)
    {
      fprintf (stderr, "spawn-time: could not start %s\n", run[0]);
      return 2;
    }
  while (waitpid (pid, &status, 0) < 0)
    ;
  printf ("%" G_GINT64_FORMAT "\n", now_us () - start);
  /* A bench whose command fails measures nothing: say so where the bench's log shows it. */
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    fprintf (stderr, "spawn-time: %s %s %d\n", run[0],
             WIFEXITED (status) ? "exited with" : "killed by signal",
             WIFEXITED (status) ? WEXITSTATUS (status) : WTERMSIG (status));
  posix_spawn_file_actions_destroy (&actions);
  return 0;
}
