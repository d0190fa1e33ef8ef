/* dicom-header-scan-state.c: the scan reader's state (lb-dicom-scan.h): a scanner, its VR
 * tables, what it read last, its counts, and what the walk asks of the meta group it read.
 * The walk: dicom-header-scan.c. */
#include "lb-dicom-scan.h"

#include <stdlib.h>
#include <string.h>

#include "dicom-private.h"
#include "lb-ascii-run.h"
#include "dicom-header-scan-private.h"
#include "lb-dicom-dir.h"

#define TAG_TRANSFER_SYNTAX LB_DICOM_TAG (0x0002, 0x0010)
#define TAG_CHARSET         LB_DICOM_TAG (0x0008, 0x0005)

static int
compare_tags (const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
  return x < y ? -1 : x > y;
}

/* The tags a top-level run stops at: the wanted ones and the Specific Character Set (kept
 * too), those below Pixel Data, where the walk ends. */
static void
set_stops (LbDicomScanner *s)
{
  size_t n = 0;
  bool charset = false;
  for (size_t i = 0; i < s->n_tags && s->tags[i] < LB_DICOM_TAG_PIXEL_DATA; i++)
    {
      if (!charset && s->tags[i] >= TAG_CHARSET)
        {
          if (s->tags[i] != TAG_CHARSET)
            s->stops[n++] = TAG_CHARSET;
          charset = true;
        }
      if (n == 0 || s->stops[n - 1] != s->tags[i])
        s->stops[n++] = s->tags[i];
    }
  if (!charset)
    s->stops[n++] = TAG_CHARSET;
  s->stops[n] = LB_DICOM_TAG_PIXEL_DATA;
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
  /* The records need no zeroes: n_memo says which are written. */
  s->memo = aligned_alloc (16, MEMO_ELEMENTS * sizeof *s->memo);
  if (s->file == NULL || s->memo == NULL)
    {
      lb_dicom_file_free (s->file);
      free (s->memo);
      free (s);
      return NULL;
    }
  if (n_tags > 0)
    memcpy (s->tags, tags, n_tags * sizeof *tags);
  qsort (s->tags, n_tags, sizeof *s->tags, compare_tags);
  s->n_tags = n_tags;
  set_stops (s);
  s->prefix = FIRST_PREFIX;
  s->known.epoch = 1;   /* 0 names no creators (MemoElement.creators) */
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
  for (size_t k = 0; k < SEQ_MEMOS; k++)
    free (s->seq_memo[k].bytes);
  free (s->memo);
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

uint64_t
lb_dicom_scanner_ended_runs (const LbDicomScanner *s)
{
  return s->n_ended_runs;
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

/* lb_dicom_dir_is_dicomdir() of the meta group just read, without a string copy for the
 * usual Media Storage SOP Class of plain ASCII (no space, backslash or control inside): that
 * reads as its bytes in any character set. Any other value is asked of the parser. */
#define DICOMDIR_CLASS "1.2.840.10008.1.3.10"

bool
lb_dicom_scanner_names_dicomdir (LbDicomScanner *s)
{
  for (size_t i = 0; i < s->n_meta; i++)
    {
      const LbDicomElement *el = &s->meta[i];
      if (el->tag != LB_DICOM_TAG (0x0002, 0x0002) || el->value == NULL)
        continue;
      /* A series names one class: the bytes of the last plain one that is no DICOMDIR. */
      if (s->other_class_known && el->value_len == s->other_class_len
          && lb_scan_same_bytes (el->value, s->other_class, el->value_len))
        return false;
      size_t n = el->value_len;
      while (n > 0 && (el->value[n - 1] == ' ' || el->value[n - 1] == '\0'))
        n--;
      if (!lb_ascii_run (el->value, n, 0x21))
        return lb_dicom_dir_is_dicomdir (s->file);
      if (n == strlen (DICOMDIR_CLASS) && memcmp (el->value, DICOMDIR_CLASS, n) == 0)
        return true;
      if (el->value_len <= sizeof s->other_class)
        {
          memcpy (s->other_class, el->value, el->value_len);
          s->other_class_len = el->value_len;
          s->other_class_known = true;
        }
      return false;
    }
  return lb_dicom_dir_is_dicomdir (s->file);
}

/* The transfer syntax named by the meta group, into the file; false when the full parser
 * reads it differently from explicit VR little endian. */
bool
lb_dicom_scanner_explicit_le (LbDicomScanner *s)
{
  const LbDicomElement *ts = NULL;
  for (size_t i = 0; i < s->n_meta && ts == NULL; i++)   /* ascending: one at most */
    if (s->meta[i].tag == TAG_TRANSFER_SYNTAX)
      ts = &s->meta[i];
  if (ts == NULL || ts->value == NULL)
    return false;
  LbDicomFile *f = s->file;
  /* Explicit VR little endian as nearly every file writes it (the UID and its NUL pad): what
   * lb_copy_trimmed() and the comparisons below would give, without them. */
  static const char explicit_le[] = "1.2.840.10008.1.2.1";
  if (ts->value_len == sizeof explicit_le
      && lb_scan_same_bytes (ts->value, (const uint8_t *) explicit_le, sizeof explicit_le))
    {
      memcpy (f->transfer_syntax, explicit_le, sizeof explicit_le);
      return true;
    }
  lb_copy_trimmed (f->transfer_syntax, sizeof f->transfer_syntax, ts->value, ts->value_len);
  const char *uid = f->transfer_syntax;
  return uid[0] != '\0' && strcmp (uid, TS_IMPLICIT_LE) != 0 && strcmp (uid, TS_EXPLICIT_BE) != 0
         && strcmp (uid, TS_DEFLATED) != 0;
}

void
lb_dicom_scanner_set_dataset (LbDicomDataset *ds, LbDicomElement *elements, size_t n)
{
  ds->elements = n > 0 ? elements : NULL;
  ds->count = n;
  ds->sorted = true;
}

/* The kept Specific Character Set, as the full parser keeps it: trimmed, NUL-terminated. */
bool
lb_dicom_scanner_keep_charset (LbDicomScanner *s, const uint8_t *value, size_t len)
{
  /* A series has one: the copy of the same bytes is still there. */
  if (s->charset_known && len == s->charset_len && len <= sizeof s->charset_bytes
      && lb_scan_same_bytes (value, s->charset_bytes, len))
    {
      s->file->dataset.charset = s->charset;
      return true;
    }
  if (len + 1 > s->charset_cap)
    {
      char *grown = realloc (s->charset, len + 1);
      if (grown == NULL)
        return false;
      s->charset = grown;
      s->charset_cap = len + 1;
    }
  lb_copy_trimmed (s->charset, len + 1, value, len);
  s->file->dataset.charset = s->charset;
  s->charset_known = len <= sizeof s->charset_bytes;
  if (s->charset_known)
    {
      memcpy (s->charset_bytes, value, len);
      s->charset_len = len;
    }
  return true;
}

void
lb_dicom_scanner_forget_walk (LbDicomScanner *s)
{
  LbDicomFile *f = s->file;
  memset (&f->meta, 0, sizeof f->meta);
  memset (&f->dataset, 0, sizeof f->dataset);
  f->has_preamble = f->explicit_vr = f->read_done = false;
  f->transfer_syntax[0] = '\0';
  f->bytes = NULL;
  f->bytes_len = 0;
}
