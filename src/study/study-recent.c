/* study-recent.c: the last file's keys and orientation, and plain decimals (study-recent.h). */
#include "study-recent.h"

#include <stdlib.h>
#include <string.h>

/* The tags whose values make the patient, study and series keys (study-model.c). */
static const uint32_t key_tags[] = {
  LB_DICOM_TAG (0x0010, 0x0010), LB_DICOM_TAG (0x0010, 0x0020), LB_DICOM_TAG (0x0020, 0x000d),
  LB_DICOM_TAG (0x0020, 0x000e), LB_DICOM_TAG (0x0008, 0x0060), LB_DICOM_TAG (0x0008, 0x0016),
};

typedef struct {
  uint8_t *bytes;
  size_t   len, cap;
} Bytes;

struct _LbStudyRecent {
  Bytes  last, next;          /* the key bytes of the remembered file and of the latest one */
  void  *series;              /* where the remembered file went; NULL: none yet */
  Bytes  iop;                 /* the last orientation's value bytes */
  bool   has_iop_answer, iop_ok;
  double iop_values[6];
};

LbStudyRecent *
lb_study_recent_new (void)
{
  return calloc (1, sizeof (LbStudyRecent));
}

void
lb_study_recent_free (LbStudyRecent *recent)
{
  if (recent == NULL)
    return;
  free (recent->last.bytes);
  free (recent->next.bytes);
  free (recent->iop.bytes);
  free (recent);
}

static bool
append (Bytes *b, const void *data, size_t n)
{
  if (b->cap - b->len < n)
    {
      size_t cap = b->cap == 0 ? 512 : b->cap;
      while (cap - b->len < n)
        cap *= 2;
      uint8_t *grown = realloc (b->bytes, cap);
      if (grown == NULL)
        return false;
      b->bytes = grown;
      b->cap = cap;
    }
  if (n > 0)
    memcpy (b->bytes + b->len, data, n);
  b->len += n;
  return true;
}

/* An element as the model's value_of() sees it: absent, or its VR and bytes. */
static bool
append_element (Bytes *b, const LbDicomElement *el)
{
  size_t len = 0;
  const uint8_t *bytes = el != NULL ? lb_dicom_element_get_bytes (el, &len) : NULL;
  uint8_t head[1 + sizeof (uint32_t) + sizeof (size_t)];
  head[0] = el == NULL ? 0 : bytes == NULL ? 1 : 2;
  uint32_t vr = el != NULL ? (uint32_t) lb_dicom_element_get_vr (el) : 0;
  memcpy (head + 1, &vr, sizeof vr);
  memcpy (head + 1 + sizeof vr, &len, sizeof len);
  return append (b, head, sizeof head) && append (b, bytes, bytes != NULL ? len : 0);
}

void *
lb_study_recent_series (LbStudyRecent *recent, const LbDicomFile *file)
{
  Bytes *b = &recent->next;
  b->len = 0;
  const char *charset = lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (file));
  bool ok = append (b, charset != NULL ? "C" : "-", 1)
            && append (b, charset, charset != NULL ? strlen (charset) + 1 : 0);
  for (size_t i = 0; ok && i < sizeof key_tags / sizeof key_tags[0]; i++)
    ok = append_element (b, lb_dicom_file_lookup (file, key_tags[i]));
  if (!ok)
    {
      b->len = 0;   /* out of memory: remember nothing */
      recent->series = NULL;
      return NULL;
    }
  if (recent->series != NULL && b->len == recent->last.len
      && memcmp (b->bytes, recent->last.bytes, b->len) == 0)
    return recent->series;
  return NULL;
}

void
lb_study_recent_remember (LbStudyRecent *recent, void *series)
{
  if (recent->next.len == 0)
    return;
  Bytes swap = recent->last;
  recent->last = recent->next;
  recent->next = swap;
  recent->series = series;
}

bool
lb_study_recent_orientation (LbStudyRecent *recent, const LbDicomElement *el, double *out)
{
  size_t len = 0;
  const uint8_t *bytes = el != NULL ? lb_dicom_element_get_bytes (el, &len) : NULL;
  if (bytes == NULL || lb_dicom_element_get_vr (el) != LB_DICOM_VR_DS)
    return lb_study_doubles (el, out, 6);
  if (recent->has_iop_answer && recent->iop.len == len
      && memcmp (recent->iop.bytes, bytes, len) == 0)
    {
      memcpy (out, recent->iop_values, sizeof recent->iop_values);
      return recent->iop_ok;
    }
  bool ok = lb_study_doubles (el, out, 6);
  recent->iop.len = 0;
  recent->has_iop_answer = append (&recent->iop, bytes, len);
  recent->iop_ok = ok;
  memcpy (recent->iop_values, out, sizeof recent->iop_values);
  return ok;
}

/* Powers of ten a double holds exactly. */
static const double exact_tens[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

/* One value of b[0..n): spaces, a sign, digits with at most one point, spaces; false when it
 * is anything else (for strtod to read). raw_string_value() refuses 64 bytes or more. */
static bool
plain_decimal (const uint8_t *b, size_t n, double *out)
{
  if (n >= 64)
    return false;
  size_t i = 0;
  while (i < n && b[i] == ' ')
    i++;
  bool negative = false;
  if (i < n && (b[i] == '-' || b[i] == '+'))
    negative = b[i++] == '-';
  uint64_t m = 0;
  unsigned digits = 0, fraction = 0;
  bool point = false;
  for (; i < n && b[i] != ' '; i++)
    {
      if (b[i] == '.' && !point)
        point = true;
      else if (b[i] >= '0' && b[i] <= '9')
        {
          if (m == 0 && b[i] == '0' && !point)
            {
              digits++;   /* a leading zero counts as read, adds nothing */
              continue;
            }
          digits++;
          m = m * 10 + (uint64_t) (b[i] - '0');
          fraction += point;
          if (m >= 1000000000000000ull)   /* 10^15: no longer surely exact */
            return false;
        }
      else
        return false;
    }
  while (i < n && b[i] == ' ')
    i++;
  if (i != n || digits == 0 || fraction >= sizeof exact_tens / sizeof exact_tens[0])
    return false;
  double d = (double) m / exact_tens[fraction];
  *out = negative ? -d : d;
  return true;
}

bool
lb_study_doubles (const LbDicomElement *el, double *out, uint32_t n)
{
  size_t len = 0;
  const uint8_t *bytes = el != NULL ? lb_dicom_element_get_bytes (el, &len) : NULL;
  if (bytes == NULL || lb_dicom_element_get_vr (el) != LB_DICOM_VR_DS)
    return lb_dicom_element_get_doubles (el, out, n);
  size_t start = 0;
  for (uint32_t i = 0; i < n; i++)
    {
      if (start > len)
        return false;   /* fewer than n values */
      const uint8_t *bs = memchr (bytes + start, '\\', len - start);
      size_t end = bs != NULL ? (size_t) (bs - bytes) : len;
      if (!plain_decimal (bytes + start, end - start, &out[i]))
        return lb_dicom_element_get_doubles (el, out, n);
      start = end + 1;
    }
  return true;
}
