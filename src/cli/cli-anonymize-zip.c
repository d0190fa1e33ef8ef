/* cli-anonymize-zip.c: the members of a .zip argument of `lightbox-cli anonymize`, read in place
 * (lb-study-zip.h), each parsed from memory (cli-anonymize-inputs.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli-anonymize-inputs.h"
#include "cli.h"
#include "lb-dicom-dir.h"
#include "lb-study-zip.h"

/* A member is read whole, as anonymize needs its pixels; more than this is refused (a zip bomb
 * stops here, not at the end of memory). */
#define MEMBER_LIMIT ((gsize) 2 << 30)

/* The whole member into a new buffer; NULL (message printed) when damaged or too large. */
static guint8 *
read_member (LbZip *zip, const char *label, gsize *len)
{
  gsize cap = 1 << 20, have = 0;
  guint8 *buf = g_malloc (cap);
  char *error = NULL;

  for (;;)
    {
      if (have == cap)
        {
          if (cap >= MEMBER_LIMIT)
            {
              lb_cli_print_error (label, _("larger than 2 GiB once decompressed; passed over"));
              g_free (buf);
              return NULL;
            }
          cap *= 2;
          buf = g_realloc (buf, cap);
        }
      ssize_t got = lb_zip_read (zip, buf + have, cap - have, &error);
      if (got < 0)
        {
          lb_cli_print_error (label, _("damaged in the archive: %s"), error);
          free (error);
          g_free (buf);
          return NULL;
        }
      if (got == 0)
        break;
      have += (gsize) got;
    }
  *len = have;
  return buf;
}

gboolean
lb_anon_zip_each (const char *path, LbAnonZipFunc func, gpointer data)
{
  char *error = NULL;
  LbZip *zip = lb_zip_open (path, &error);
  gboolean ok = TRUE;

  if (zip == NULL)
    {
      lb_cli_print_error (path, "%s", error);
      free (error);
      return FALSE;
    }
  for (;;)
    {
      const char *name;
      int64_t declared;
      LbZipNext next = lb_zip_next (zip, &name, &declared, &error);
      if (next == LB_ZIP_END)
        break;
      if (next == LB_ZIP_DAMAGED)
        {
          lb_cli_print_error (path, _("damaged archive: %s"), error);
          free (error);
          ok = FALSE;
          break;
        }
      /* Named as scan names it: x.zip!/member/path */
      g_autofree char *label = g_strconcat (path, "!/", name, NULL);
      gsize len = 0;
      g_autofree guint8 *bytes = read_member (zip, label, &len);
      if (bytes == NULL)
        {
          ok = FALSE;
          continue;
        }
      LbDicomFile *file = lb_dicom_file_new (NULL);
      /* A README or a viewer beside the images is no failure; only DICOM is anonymized. */
      if (len > 132 && memcmp (bytes + 128, "DICM", 4) == 0)
        {
          LbDicomError *derr = NULL;
          if (!lb_dicom_file_read (file, bytes, len, LB_DICOM_READ_DEFAULT, &derr))
            {
              lb_cli_print_dicom_error (label, derr);
              ok = FALSE;
            }
          else if (lb_dicom_dir_is_dicomdir (file))
            /* Its records' offsets would not survive a copy; the files it lists are members
             * too, and are anonymized as such. */
            lb_cli_print_error (label, _("a DICOMDIR in a zip is passed over (no new DICOMDIR "
                                         "is written); unpack the zip and give the DICOMDIR "
                                         "for a file-set"));
          else if (!func (label, file, data))
            ok = FALSE;
          lb_dicom_error_free (derr);
        }
      lb_dicom_file_free (file);
    }
  lb_zip_close (zip);
  return ok;
}
