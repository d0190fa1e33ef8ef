/* cli-scan-zip.c: `lightbox-cli scan x.zip` reads the zip in place: every member is a file of
 * the scan, named x.zip!/member/path, and only the header of each is decompressed (the prefix
 * up to Pixel Data, grown 64 KiB, 256 KiB, ... up to 64 MiB) is kept in memory; the rest is
 * decompressed through a small buffer only to check it. So a member declared at 4 GB or a zip
 * bomb costs no more memory than a header, and damage is a message, not a crash. */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "cli-scan.h"
#include "lb-dicom-prefix.h"
#include "lb-study-zip.h"

#define FIRST_PREFIX  (64 * 1024)
#define HEADER_LIMIT  (64 * 1024 * 1024)

/* Reads at most `want` bytes of the member into *buf from *have on; FALSE when it is damaged.
 * *ended tells whether the member ended before `want`. */
static gboolean
fill (LbZip *zip, guint8 **buf, gsize *have, gsize want, gboolean *ended, char **error)
{
  *buf = g_realloc (*buf, want);
  while (*have < want)
    {
      ssize_t got = lb_zip_read (zip, *buf + *have, want - *have, error);
      if (got < 0)
        return FALSE;
      if (got == 0)
        {
          *ended = TRUE;
          break;
        }
      *have += (gsize) got;
    }
  return TRUE;
}

/* Reads the rest of the member, a piece at a time, so that its CRC is checked and a truncated
 * archive is seen: libarchive's skip over the rest of a member does neither. */
static gboolean
drain (LbZip *zip, char **error)
{
  guint8 scratch[64 * 1024];
  ssize_t got;
  while ((got = lb_zip_read (zip, scratch, sizeof scratch, error)) > 0)
    ;
  return got == 0;
}

static void
scan_member (Scan *scan, LbZip *zip, const char *path)
{
  scan->n_files++;
  guint8 *buf = NULL;
  gsize have = 0, want = FIRST_PREFIX;
  gboolean ended = FALSE;
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;
  char *damage = NULL;
  for (;;)
    {
      if (!fill (zip, &buf, &have, want, &ended, &damage))
        break;
      lb_dicom_error_free (error);
      error = NULL;
      bool pixels = false;
      gboolean ok = lb_dicom_file_read_prefix (file, buf, have, &pixels, &error);
      gboolean not_dicom = error != NULL && error->code == LB_DICOM_ERROR_NOT_DICOM;
      if (ended || (ok && pixels) || not_dicom)
        {
          /* A member whose header reads but whose rest is damaged counts as unreadable, as a
           * damaged file does. */
          if (ended || drain (zip, &damage))
            lb_scan_take_read (scan, path, file, ok, error, FALSE, TRUE);
          break;
        }
      if (want >= HEADER_LIMIT)
        {
          damage = g_strdup_printf (_("no Pixel Data within the first %d MiB; not read further"),
                                    HEADER_LIMIT / (1024 * 1024));
          break;
        }
      want *= 4;
    }
  if (damage != NULL)
    {
      lb_cli_print_error (path, "%s", damage);
      scan->n_failed++;
      scan->failed = TRUE;
      free (damage);
    }
  lb_dicom_error_free (error);
  lb_dicom_file_free (file);
  g_free (buf);
}

void
lb_scan_zip (Scan *scan, const char *path)
{
  char *error = NULL;
  LbZip *zip = lb_zip_open (path, &error);
  if (zip == NULL)
    {
      lb_cli_print_error (path, "%s", error);
      scan->failed = TRUE;
      free (error);
      return;
    }
  for (;;)
    {
      const char *name = NULL;
      gint64 declared = -1;
      LbZipNext next = lb_zip_next (zip, &name, &declared, &error);
      if (next == LB_ZIP_END)
        break;
      if (next == LB_ZIP_DAMAGED)
        {
          lb_cli_print_error (path, "%s", error);
          scan->failed = TRUE;
          free (error);
          break;
        }
      g_autofree char *member = g_strconcat (path, "!/", name, NULL);
      if (g_hash_table_contains (scan->visited_paths, member))
        continue;
      g_hash_table_add (scan->visited_paths, g_string_chunk_insert (scan->strings, member));
      scan_member (scan, zip, member);
    }
  lb_zip_close (zip);
}
