/* fuzz-replay.c: runs a fuzz target's LLVMFuzzerTestOneInput over saved inputs without libFuzzer,
 * so `meson test` replays every kept crasher and corpus file on every build (under the sanitizer
 * build too). Arguments are files or directories (not recursive). Prints TAP. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int count;

static int
replay_file (const char *path)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      printf ("not ok %d - %s: cannot open\n", ++count, path);
      return 1;
    }
  size_t cap = 1 << 16, len = 0;
  uint8_t *buf = malloc (cap);
  size_t n;
  while (buf != NULL && (n = fread (buf + len, 1, cap - len, f)) > 0)
    {
      len += n;
      if (len == cap)
        {
          cap *= 2;
          uint8_t *grown = realloc (buf, cap);
          if (grown == NULL)
            free (buf);
          buf = grown;
        }
    }
  fclose (f);
  if (buf == NULL)
    {
      printf ("not ok %d - %s: out of memory\n", ++count, path);
      return 1;
    }
  /* An exact-size copy, so ASan catches a read one byte past the end of the input. */
  uint8_t *exact = malloc (len > 0 ? len : 1);
  memcpy (exact, buf, len);
  free (buf);
  LLVMFuzzerTestOneInput (exact, len);
  free (exact);
  printf ("ok %d - %s\n", ++count, path);
  fflush (stdout);
  return 0;
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

int
main (int argc, char **argv)
{
  int failures = 0;
  for (int i = 1; i < argc; i++)
    {
      struct stat st;
      if (stat (argv[i], &st) != 0)
        continue;
      if (!S_ISDIR (st.st_mode))
        {
          failures += replay_file (argv[i]);
          continue;
        }
      DIR *dir = opendir (argv[i]);
      if (dir == NULL)
        continue;
      char **names = NULL;
      size_t n = 0;
      struct dirent *de;
      while ((de = readdir (dir)) != NULL)
        {
          if (de->d_name[0] == '.')
            continue;
          char **grown = realloc (names, (n + 1) * sizeof *names);
          if (grown == NULL)
            break;
          names = grown;
          names[n++] = strdup (de->d_name);
        }
      closedir (dir);
      if (n > 1)   /* qsort (NULL, 0) is undefined */
        qsort (names, n, sizeof *names, compare_names);
      for (size_t k = 0; k < n; k++)
        {
          char path[4096];
          snprintf (path, sizeof path, "%s/%s", argv[i], names[k]);
          if (stat (path, &st) == 0 && S_ISREG (st.st_mode))
            failures += replay_file (path);
          free (names[k]);
        }
      free (names);
    }
  printf ("1..%d\n", count);
  return failures > 0 ? 1 : 0;
}
