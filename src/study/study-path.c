/* study-path.c: DICOMDIR Referenced File IDs to paths (lb-study-path.h). */
#include "lb-study-path.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static char *
join (const char *dir, const char *name, size_t name_len)
{
  size_t dir_len = strlen (dir);
  char *path = malloc (dir_len + name_len + 2);
  if (path == NULL)
    return NULL;
  memcpy (path, dir, dir_len);
  path[dir_len] = '/';
  memcpy (path + dir_len + 1, name, name_len);
  path[dir_len + 1 + name_len] = '\0';
  return path;
}

/* `dir`/`name` as written when it exists, else the one entry of `dir` equal to it without
 * regard to case (the first in readdir order when several are). */
static char *
find_component (const char *dir, const char *name, size_t name_len)
{
  char *path = join (dir, name, name_len);
  struct stat st;
  if (path == NULL || lstat (path, &st) == 0)
    return path;
  free (path);
  DIR *d = opendir (dir);
  if (d == NULL)
    return NULL;
  char *found = NULL;
  struct dirent *entry;
  while (found == NULL && (entry = readdir (d)) != NULL)
    if (strlen (entry->d_name) == name_len && strncasecmp (entry->d_name, name, name_len) == 0)
      found = join (dir, entry->d_name, name_len);
  closedir (d);
  return found;
}

char *
lb_study_resolve_file_id (const char *base_dir, const char *file_id)
{
  char *path = strdup (base_dir);
  const char *p = file_id;
  while (path != NULL && *p != '\0')
    {
      const char *slash = strchr (p, '/');
      size_t len = slash != NULL ? (size_t) (slash - p) : strlen (p);
      char *next = len > 0 ? find_component (path, p, len) : strdup (path);
      free (path);
      path = next;
      p += len + (slash != NULL ? 1 : 0);
    }
  struct stat st;
  if (path != NULL && (stat (path, &st) != 0 || !S_ISREG (st.st_mode)))
    {
      free (path);
      path = NULL;
    }
  return path;
}
