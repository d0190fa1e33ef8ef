/* study-recent.c: the last file's keys and orientation, and plain decimals (study-recent.h). */
#include "study-recent.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint8_t *bytes;
  size_t   len, cap;
} Bytes;

/* A key element as the model's value_of() sees it: absent, or its VR and bytes. */
typedef struct {
  uint8_t  kind;              /* 0: absent; 1: no value; 2: bytes */
  uint32_t vr;
  size_t   len, at;           /* its bytes: values.bytes + at */
} KeyShape;

/* A file's key elements and character set, copied. */
typedef struct {
  KeyShape shapes[LB_STUDY_RECENT_KEYS];
  bool     has_charset;
  Bytes    values;            /* the character set with its NUL, then each key's bytes */
} KeyCopy;

struct _LbStudyRecent {
  KeyCopy last, next;         /* the keys of the remembered file and of the latest one missed */
  bool    has_next;
  void   *series;             /* where the remembered file went; NULL: none yet */
  Bytes   iop;                /* the last orientation's value bytes */
  bool    has_iop_answer, iop_ok;
  double  iop_values[6];
  Bytes   ipp_xy;             /* the last position's first two values and their backslashes */
  bool    has_ipp_xy;
  double  ipp_xy_values[2];
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
  free (recent->last.values.bytes);
  free (recent->next.values.bytes);
  free (recent->iop.bytes);
  free (recent->ipp_xy.bytes);
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

static KeyShape
shape_of (const LbDicomElement *el, const uint8_t **bytes)
{
  KeyShape shape = { 0 };
  *bytes = NULL;
  if (el == NULL)
    return shape;
  *bytes = lb_dicom_element_get_bytes (el, &shape.len);
  shape.kind = *bytes == NULL ? 1 : 2;
  shape.vr = (uint32_t) lb_dicom_element_get_vr (el);
  return shape;
}

/* Whether the keys and character set are byte for byte those of copy: no byte is copied. */
static bool
same_keys (const KeyCopy *copy, const char *charset, const LbDicomElement *const *keys)
{
  if ((charset != NULL) != copy->has_charset
      || (charset != NULL && strcmp ((const char *) copy->values.bytes, charset) != 0))
    return false;
  for (size_t i = 0; i < LB_STUDY_RECENT_KEYS; i++)
    {
      const uint8_t *bytes;
      KeyShape shape = shape_of (keys[i], &bytes);
      const KeyShape *kept = &copy->shapes[i];
      if (shape.kind != kept->kind || shape.vr != kept->vr || shape.len != kept->len
          || (bytes != NULL && memcmp (copy->values.bytes + kept->at, bytes, shape.len) != 0))
        return false;
    }
  return true;
}

static bool
copy_keys (KeyCopy *copy, const char *charset, const LbDicomElement *const *keys)
{
  copy->values.len = 0;
  copy->has_charset = charset != NULL;
  if (charset != NULL && !append (&copy->values, charset, strlen (charset) + 1))
    return false;
  for (size_t i = 0; i < LB_STUDY_RECENT_KEYS; i++)
    {
      const uint8_t *bytes;
      copy->shapes[i] = shape_of (keys[i], &bytes);
      copy->shapes[i].at = copy->values.len;
      if (bytes != NULL && !append (&copy->values, bytes, copy->shapes[i].len))
        return false;
    }
  return true;
}

void *
lb_study_recent_series (LbStudyRecent *recent, const char *charset,
                        const LbDicomElement *const *keys)
{
  recent->has_next = false;
  if (recent->series != NULL && same_keys (&recent->last, charset, keys))
    return recent->series;
  /* Out of memory: nothing to remember. */
  recent->has_next = copy_keys (&recent->next, charset, keys);
  return NULL;
}

void
lb_study_recent_remember (LbStudyRecent *recent, void *series)
{
  if (!recent->has_next)
    return;
  KeyCopy swap = recent->last;
  recent->last = recent->next;
  recent->next = swap;
  recent->has_next = false;
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

/* The value at b + *at, up to the next backslash or len: spaces, a sign, digits with at most
 * one point, spaces. Leaves *at at that backslash or len. false for anything else, for strtod
 * to read: other bytes, no digit, more than 19 digits (m might not fit), a mantissa of 10^15 or
 * more (no longer surely exact), 16 decimals or more, 64 bytes or more (raw_string_value()
 * refuses them). One pass, no memchr: a stack's positions are read in every file. */
static bool
plain_decimal (const uint8_t *b, size_t len, size_t *at, double *out)
{
  size_t i = *at, start = i;
  while (i < len && b[i] == ' ')
    i++;
  bool negative = false;
  if (i < len && (b[i] == '-' || b[i] == '+'))
    negative = b[i++] == '-';
  size_t first = i, point = SIZE_MAX;
  uint64_t m = 0;
  for (; i < len; i++)
    {
      unsigned d = (unsigned) b[i] - '0';
      if (d < 10)
        m = m * 10 + d;
      else if (b[i] == '.' && point == SIZE_MAX)
        point = i;
      else
        break;
    }
  size_t digits = i - first - (point != SIZE_MAX);
  size_t fraction = point != SIZE_MAX ? i - point - 1 : 0;
  while (i < len && b[i] == ' ')
    i++;
  *at = i;
  if ((i < len && b[i] != '\\') || i - start >= 64 || digits == 0 || digits > 19
      || m >= 1000000000000000ull || fraction >= sizeof exact_tens / sizeof exact_tens[0])
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
  size_t at = 0;
  for (uint32_t i = 0; i < n; i++)
    {
      if (at > len)
        return false;   /* fewer than n values */
      if (!plain_decimal (bytes, len, &at, &out[i]))
        return lb_dicom_element_get_doubles (el, out, n);
      at++;   /* past the backslash, or past the end */
    }
  return true;
}

bool
lb_study_recent_position (LbStudyRecent *recent, const LbDicomElement *el, double *out)
{
  size_t len = 0;
  const uint8_t *bytes = el != NULL ? lb_dicom_element_get_bytes (el, &len) : NULL;
  const uint8_t *first = bytes != NULL ? memchr (bytes, '\\', len) : NULL;
  size_t rest = first != NULL ? len - (size_t) (first + 1 - bytes) : 0;
  const uint8_t *second = first != NULL ? memchr (first + 1, '\\', rest) : NULL;
  if (second == NULL || lb_dicom_element_get_vr (el) != LB_DICOM_VR_DS)
    return lb_study_doubles (el, out, 3);
  size_t xy = (size_t) (second + 1 - bytes);
  if (recent->has_ipp_xy && recent->ipp_xy.len == xy
      && memcmp (recent->ipp_xy.bytes, bytes, xy) == 0)
    {
      /* Each value depends on its own bytes only, in either reader: the third one is left. */
      size_t at = xy;
      out[0] = recent->ipp_xy_values[0];
      out[1] = recent->ipp_xy_values[1];
      if (plain_decimal (bytes, len, &at, &out[2]))
        return true;
      return lb_study_doubles (el, out, 3);
    }
  bool ok = lb_study_doubles (el, out, 3);
  recent->ipp_xy.len = 0;
  recent->has_ipp_xy = ok && append (&recent->ipp_xy, bytes, xy);
  memcpy (recent->ipp_xy_values, out, sizeof recent->ipp_xy_values);
  return ok;
}

bool
lb_study_int (const LbDicomElement *el, int64_t *out)
{
  size_t n = 0;
  const uint8_t *b = el != NULL ? lb_dicom_element_get_bytes (el, &n) : NULL;
  LbDicomVR vr = b != NULL ? lb_dicom_element_get_vr (el) : LB_DICOM_VR_UN;
  if (vr == LB_DICOM_VR_US && n >= 2)
    {
      /* Rows and Columns: lb_dicom_element_number()'s first 16-bit value. */
      bool big = lb_dicom_element_is_big_endian (el);
      *out = big ? (int64_t) ((unsigned) b[0] << 8 | b[1])
                 : (int64_t) (b[0] | (unsigned) b[1] << 8);
      return true;
    }
  if (vr != LB_DICOM_VR_IS)
    return lb_dicom_element_get_int (el, 0, out);
  /* As raw_string_value() trims the first value: spaces and NULs at both ends. */
  size_t i = 0;
  while (i < n && (b[i] == ' ' || b[i] == '\0'))
    i++;
  bool negative = false;
  if (i < n && (b[i] == '-' || b[i] == '+'))
    negative = b[i++] == '-';
  uint64_t m = 0;
  unsigned digits = 0;
  for (; i < n && b[i] >= '0' && b[i] <= '9'; i++)
    {
      if (++digits > 18)
        return lb_dicom_element_get_int (el, 0, out);
      m = m * 10 + (uint64_t) (b[i] - '0');
    }
  while (i < n && (b[i] == ' ' || b[i] == '\0'))
    i++;
  /* The first value ends at a backslash or the end; one of 64 bytes or more is no number. */
  if (digits == 0 || i >= 64 || (i < n && b[i] != '\\'))
    return lb_dicom_element_get_int (el, 0, out);
  *out = negative ? -(int64_t) m : (int64_t) m;
  return true;
}
