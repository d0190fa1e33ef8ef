/* dicom-header-scan-state.c: the scan reader's state (lb-dicom-scan.h): a scanner, its VR
 * tables, what it read last, its counts. The walk: dicom-header-scan.c. */
#include "lb-dicom-scan.h"

#include <stdlib.h>
#include <string.h>

#include "dicom-private.h"
#include "dicom-header-scan-private.h"

static int
compare_tags (const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
  return x < y ? -1 : x > y;
}

LbDicomScanner *
lb_dicom_scanner_new (const uint32_t *tags, size_t n_tags)
{
  if (n_tags > MAX_TAGS)
    return NULL;
  LbDicomScanner *s = calloc (1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->file = lb_dicom_file_new (NULL);
  if (s->file == NULL)
    {
      free (s);
      return NULL;
    }
  if (n_tags > 0)
    memcpy (s->tags, tags, n_tags * sizeof *tags);
  qsort (s->tags, n_tags, sizeof *s->tags, compare_tags);
  s->n_tags = n_tags;
  s->prefix = FIRST_PREFIX;
  for (int a = 0; a < 26; a++)
    for (int b = 0; b < 26; b++)
      {
        LbDicomVR vr = lb_dicom_vr_from_chars ((char) ('A' + a), (char) ('A' + b));
        s->vr_codes[a * 26 + b] = (uint16_t) (vr | (vr != LB_DICOM_VR_NONE
                                                    && lb_dicom_vr_has_long_length (vr)
                                                    ? VR_LONG : 0));
      }
  for (int a = 0; a < 26; a++)
    for (int b = 0; b < 26; b++)
      {
        uint16_t code = s->vr_codes[a * 26 + b];
        LbDicomVR vr = (LbDicomVR) (code & 0xff);
        if (code != 0 && vr != LB_DICOM_VR_SQ)
          s->vr_table[VR_INDEX (('A' + a) | ('A' + b) << 8)] =
            (uint16_t) (code | (vr == LB_DICOM_VR_UN ? VR_UN : 0));
      }
  return s;
}

void
lb_dicom_scanner_free (LbDicomScanner *s)
{
  if (s == NULL)
    return;
  lb_dicom_file_free (s->file);
  free (s->buf);
  free (s->charset);
  free (s);
}

const LbDicomFile *
lb_dicom_scanner_file (const LbDicomScanner *s)
{
  return s->file;
}

size_t
lb_dicom_scanner_prefix (const LbDicomScanner *s)
{
  return s->prefix;
}

void
lb_dicom_scanner_counts (const LbDicomScanner *s, uint64_t *fast, uint64_t *full)
{
  *fast = s->n_fast;
  *full = s->n_full;
}

void
lb_dicom_scanner_clear (LbDicomScanner *s)
{
  LbDicomFile *f = s->file;
  lb_dicom_file_release_storage (f);
  lb_dicom_file_reset (f);
  lb_dicom_error_free (f->error);
  f->error = NULL;
  f->read_done = false;
}
