/* scan-floor.c: the system calls of a header scan and nothing else, the floor that
 * bench/scan.sh compares `lightbox-cli scan` with: list the folders with readdir(), and for
 * each regular file openat() relative to its folder's descriptor (as the scan does), one
 * pread() of PREFIX bytes (default 5440, what the scan reader reads for the ct600 headers),
 * close(). Prints the number of files and bytes read.
 * With -r, a second thread runs ahead of the reads asking the kernel for the same prefixes
 * (open, readahead(), close): what a read-ahead worker gains when the cache is cold.
 * Usage: scan-floor [-r] [-p PREFIX] DIR... */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t prefix = 5440;
static char **paths;              /* full paths, for the read-ahead thread */
static char **names;              /* the same files' names in their folder */
static int *dir_fds;              /* and their folder's descriptor, kept open */
static size_t n_paths, cap_paths;

static void
list (const char *path)
{
  DIR *dir = opendir (path);
  if (dir == NULL)
    return;
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct dirent *e;
  char child[4096];
  while ((e = readdir (dir)) != NULL)
    {
      if (e->d_name[0] == '.')
        continue;
      snprintf (child, sizeof child, "%s/%s", path, e->d_name);
      if (e->d_type == DT_DIR)
        list (child);
      else if (e->d_type == DT_REG)
        {
          if (n_paths == cap_paths)
            {
              cap_paths = cap_paths ? cap_paths * 2 : 1024;
              paths = realloc (paths, cap_paths * sizeof *paths);
              names = realloc (names, cap_paths * sizeof *names);
              dir_fds = realloc (dir_fds, cap_paths * sizeof *dir_fds);
              if (paths == NULL || names == NULL || dir_fds == NULL)
                exit (1);
            }
          names[n_paths] = strdup (e->d_name);
          dir_fds[n_paths] = fd;
          paths[n_paths++] = strdup (child);
        }
    }
  closedir (dir);
}

static void *
read_ahead (void *data)
{
  (void) data;
  for (size_t i = 0; i < n_paths; i++)
    {
      int fd = open (paths[i], O_RDONLY | O_CLOEXEC);
      if (fd >= 0)
        {
          readahead (fd, 0, prefix);
          close (fd);
        }
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  int i = 1, ahead = 0;
  for (; i < argc && argv[i][0] == '-'; i++)
    if (strcmp (argv[i], "-r") == 0)
      ahead = 1;
    else if (strcmp (argv[i], "-p") == 0 && i + 1 < argc)
      prefix = strtoul (argv[++i], NULL, 10);
  unsigned char *buf = malloc (prefix);
  if (buf == NULL)
    return 1;
  for (; i < argc; i++)
    list (argv[i]);
  pthread_t thread;
  if (ahead)
    pthread_create (&thread, NULL, read_ahead, NULL);
  unsigned long long n_bytes = 0;
  for (size_t k = 0; k < n_paths; k++)
    {
      int fd = openat (dir_fds[k], names[k], O_RDONLY | O_CLOEXEC);
      if (fd < 0)
        continue;
      ssize_t r = pread (fd, buf, prefix, 0);
      if (r > 0)
        n_bytes += (unsigned long long) r;
      close (fd);
    }
  if (ahead)
    pthread_join (thread, NULL);
  printf ("%zu files, %llu bytes\n", n_paths, n_bytes);
  return 0;
}
