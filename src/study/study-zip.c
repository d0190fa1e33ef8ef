/* study-zip.c: the members of a .zip, read in place through libarchive (lb-study-zip.h). */
#define _GNU_SOURCE
#include "lb-study-zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct LbZip {
  struct archive *archive;
};

static char *
message (struct archive *archive, const char *what)
{
  const char *why = archive != NULL ? archive_error_string (archive) : NULL;
  char *text = NULL;
  if (asprintf (&text, "%s: %s", what, why != NULL ? why : "unknown error") < 0)
    text = NULL;
  return text;
}

LbZip *
lb_zip_open (const char *path, char **error)
{
  LbZip *zip = calloc (1, sizeof *zip);
  if (zip == NULL || (zip->archive = archive_read_new ()) == NULL)
    {
      free (zip);
      *error = strdup ("out of memory");
      return NULL;
    }
  /* Zip only: a .zip is what PACS portals and archives hand out, and every other format or
   * filter libarchive knows would be attack surface this viewer does not need. */
  archive_read_support_format_zip (zip->archive);
  if (archive_read_open_filename (zip->archive, path, 64 * 1024) != ARCHIVE_OK)
    {
      *error = message (zip->archive, "not a readable zip");
      lb_zip_close (zip);
      return NULL;
    }
  return zip;
}

void
lb_zip_close (LbZip *zip)
{
  if (zip == NULL)
    return;
  if (zip->archive != NULL)
    archive_read_free (zip->archive);
  free (zip);
}

LbZipNext
lb_zip_next (LbZip *zip, const char **name, int64_t *declared_size, char **error)
{
  for (;;)
    {
      struct archive_entry *entry = NULL;
      int r = archive_read_next_header (zip->archive, &entry);
      if (r == ARCHIVE_EOF)
        return LB_ZIP_END;
      if (r == ARCHIVE_FATAL || entry == NULL)
        {
          *error = message (zip->archive, "damaged zip");
          return LB_ZIP_DAMAGED;
        }
      /* ARCHIVE_WARN and ARCHIVE_FAILED still give a header; reading its data says more. */
      if (archive_entry_filetype (entry) != AE_IFREG || archive_entry_pathname (entry) == NULL)
        continue;
      *name = archive_entry_pathname (entry);
      *declared_size = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : -1;
      return LB_ZIP_MEMBER;
    }
}

ssize_t
lb_zip_read (LbZip *zip, void *buf, size_t len, char **error)
{
  la_ssize_t got = archive_read_data (zip->archive, buf, len);
  if (got < 0)
    {
      *error = message (zip->archive, "damaged member");
      return -1;
    }
  return (ssize_t) got;
}

bool
lb_zip_member_name_is_safe (const char *name)
{
  if (name[0] == '\0' || name[0] == '/')
    return false;
  const char *p = name;
  while (*p != '\0')
    {
      const char *slash = strchr (p, '/');
      size_t len = slash != NULL ? (size_t) (slash - p) : strlen (p);
      if ((len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
        return false;
      if (len == 0 && slash != NULL)
        return false;
      if (memchr (p, '\\', len) != NULL)
        return false;
      p += len + (slash != NULL ? 1 : 0);
    }
  return true;
}
