/* dicom-value.c: VR-aware value access: strings through the Specific Character Set and
 * numbers in the dataset's byte order. The one-line formatting that dump and the GUI show is in
 * dicom-value-format.c, the VR tables in dicom-vr.c. */
#define _GNU_SOURCE   /* strtod_l, newlocale */
#include "dicom-value-internal.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Raw access ---------------------------------------------------------------------------- */

static size_t
trim_trailing (const uint8_t *v, size_t n)
{
  while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\0'))
    n--;
  return n;
}

/* The index-th backslash-separated raw value, trimmed of spaces and NULs. For the numeric
 * string VRs (IS, DS), whose bytes are ASCII whatever the character set. */
static bool
raw_string_value (const LbDicomElement *el, uint32_t index, char *out, size_t size)
{
  const uint8_t *v = el->value;
  size_t n = el->value_len, start = 0;
  if (v == NULL || n == 0)
    return false;
  for (uint32_t i = 0; i < index; i++)
    {
      const uint8_t *bs = memchr (v + start, '\\', n - start);
      if (bs == NULL)
        return false;
      start = (size_t) (bs - v) + 1;
    }
  const uint8_t *bs = memchr (v + start, '\\', n - start);
  size_t end = bs != NULL ? (size_t) (bs - v) : n;
  size_t len = end - start;
  if (len >= size)
    return false;   /* longer than any number: not a number */
  lb_copy_trimmed (out, size, v + start, len);
  return out[0] != '\0';
}

static bool
parse_double (const char *s, double *out)
{
  /* strtod follows LC_NUMERIC, which the app sets from the user's locale; DICOM is always '.'.
   * glibc returns its static C locale here without allocating. */
  locale_t c = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  if (c == (locale_t) 0)
    return false;
  char *end = NULL;
  double d = strtod_l (s, &end, c);
  freelocale (c);
  if (end == s || *end != '\0' || !isfinite (d))
    return false;
  *out = d;
  return true;
}

static bool
parse_int (const char *s, int64_t *out)
{
  char *end = NULL;
  errno = 0;
  long long v = strtoll (s, &end, 10);
  if (end != s && *end == '\0' && errno == 0)
    {
      *out = v;
      return true;
    }
  /* Lenient, like pydicom: "12.0" and "1e2" are integers when they are integral. */
  double d;
  if (!parse_double (s, &d) || d != floor (d) || d < -9.2e18 || d > 9.2e18)
    return false;
  *out = (int64_t) d;
  return true;
}

bool
lb_dicom_element_binary_value (const LbDicomElement *el, uint32_t index, size_t size,
                               uint64_t *bits)
{
  size_t off;
  if (el->value == NULL || size == 0 || __builtin_mul_overflow ((size_t) index, size, &off)
      || off >= el->value_len || size > el->value_len - off)
    return false;
  const uint8_t *p = el->value + off;
  bool be = el->flags & LB_ELEMENT_BIG_ENDIAN;
  switch (size)
    {
    case 1: *bits = p[0]; break;
    case 2: *bits = lb_load_u16 (p, be); break;
    case 4: *bits = lb_load_u32 (p, be); break;
    default: *bits = lb_load_u64 (p, be); break;
    }
  return true;
}

static bool
binary_at (const LbDicomElement *el, uint32_t index, uint64_t *tag)
{
  size_t off;
  if (el->value == NULL || __builtin_mul_overflow ((size_t) index, (size_t) 4, &off)
      || off >= el->value_len || 4 > el->value_len - off)
    return false;
  bool be = el->flags & LB_ELEMENT_BIG_ENDIAN;
  *tag = LB_DICOM_TAG (lb_load_u16 (el->value + off, be), lb_load_u16 (el->value + off + 2, be));
  return true;
}

/* ---- Numbers ------------------------------------------------------------------------------- */

LbDicomNumKind
lb_dicom_element_number (const LbDicomElement *el, uint32_t index, int64_t *i, uint64_t *u,
                         double *d)
{
  if (el == NULL || el->value == NULL)
    return LB_DICOM_NUM_NONE;
  LbDicomVR vr = el->vr;
  char s[64];
  uint64_t bits;
  switch (vr)
    {
    case LB_DICOM_VR_IS:
      if (!raw_string_value (el, index, s, sizeof s) || !parse_int (s, i))
        return LB_DICOM_NUM_NONE;
      return LB_DICOM_NUM_SIGNED;
    case LB_DICOM_VR_DS:
      if (!raw_string_value (el, index, s, sizeof s))
        return LB_DICOM_NUM_NONE;
      /* Some writers use a decimal comma; DCMTK and pydicom reject it, we read it. */
      for (char *c = s; *c != '\0'; c++)
        if (*c == ',')
          *c = '.';
      if (!parse_double (s, d))
        return LB_DICOM_NUM_NONE;
      return LB_DICOM_NUM_FLOAT;
    case LB_DICOM_VR_AT:
      if (!binary_at (el, index, u))
        return LB_DICOM_NUM_NONE;
      return LB_DICOM_NUM_UNSIGNED;
    case LB_DICOM_VR_SS:
      if (!lb_dicom_element_binary_value (el, index, 2, &bits))
        return LB_DICOM_NUM_NONE;
      *i = (int16_t) bits;
      return LB_DICOM_NUM_SIGNED;
    case LB_DICOM_VR_SL:
      if (!lb_dicom_element_binary_value (el, index, 4, &bits))
        return LB_DICOM_NUM_NONE;
      *i = (int32_t) bits;
      return LB_DICOM_NUM_SIGNED;
    case LB_DICOM_VR_SV:
      if (!lb_dicom_element_binary_value (el, index, 8, &bits))
        return LB_DICOM_NUM_NONE;
      *i = (int64_t) bits;
      return LB_DICOM_NUM_SIGNED;
    case LB_DICOM_VR_FL: case LB_DICOM_VR_OF: case LB_DICOM_VR_FD: case LB_DICOM_VR_OD:
      if (!lb_dicom_element_binary_value (el, index, lb_dicom_vr_value_size (vr), &bits))
        return LB_DICOM_NUM_NONE;
      *d = lb_dicom_bits_to_float (bits, lb_dicom_vr_value_size (vr));
      return LB_DICOM_NUM_FLOAT;
    case LB_DICOM_VR_US: case LB_DICOM_VR_UL: case LB_DICOM_VR_UV: case LB_DICOM_VR_OB:
    case LB_DICOM_VR_OW: case LB_DICOM_VR_OL: case LB_DICOM_VR_OV:
      if (!lb_dicom_element_binary_value (el, index, lb_dicom_vr_value_size (vr), u))
        return LB_DICOM_NUM_NONE;
      return LB_DICOM_NUM_UNSIGNED;
    default:
      return LB_DICOM_NUM_NONE;
    }
}

bool
lb_dicom_element_get_int (const LbDicomElement *el, uint32_t index, int64_t *out)
{
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  switch (lb_dicom_element_number (el, index, &i, &u, &d))
    {
    case LB_DICOM_NUM_SIGNED: *out = i; return true;
    case LB_DICOM_NUM_UNSIGNED:
      if (u > INT64_MAX)
        return false;
      *out = (int64_t) u;
      return true;
    case LB_DICOM_NUM_FLOAT:
      /* Only DS counts: an integral decimal string is an integer; FL/FD are not. */
      if (el->vr != LB_DICOM_VR_DS || d != floor (d) || d < -9.2e18 || d > 9.2e18)
        return false;
      *out = (int64_t) d;
      return true;
    default:
      return false;
    }
}

bool
lb_dicom_element_get_uint (const LbDicomElement *el, uint32_t index, uint64_t *out)
{
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  switch (lb_dicom_element_number (el, index, &i, &u, &d))
    {
    case LB_DICOM_NUM_SIGNED:
      if (i < 0)
        return false;
      *out = (uint64_t) i;
      return true;
    case LB_DICOM_NUM_UNSIGNED: *out = u; return true;
    case LB_DICOM_NUM_FLOAT:
      if (el->vr != LB_DICOM_VR_DS || d != floor (d) || d < 0 || d > 1.8e19)
        return false;
      *out = (uint64_t) d;
      return true;
    default:
      return false;
    }
}

bool
lb_dicom_element_get_double (const LbDicomElement *el, uint32_t index, double *out)
{
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  switch (lb_dicom_element_number (el, index, &i, &u, &d))
    {
    case LB_DICOM_NUM_SIGNED: *out = (double) i; return true;
    case LB_DICOM_NUM_UNSIGNED: *out = (double) u; return true;
    case LB_DICOM_NUM_FLOAT: *out = d; return true;
    default: return false;
    }
}

/* Here with the other value readers, not with the image code that uses it most: the study
 * model reads positions with it, and lightbox-cli's scan then links no pixel code. */
bool
lb_dicom_element_get_doubles (const LbDicomElement *el, double *out, uint32_t n)
{
  if (el == NULL || lb_dicom_element_get_vm (el) < n)
    return false;
  for (uint32_t i = 0; i < n; i++)
    if (!lb_dicom_element_get_double (el, i, &out[i]) || !isfinite (out[i]))
      return false;
  return true;
}

uint32_t
lb_dicom_element_get_vm (const LbDicomElement *el)
{
  if (el == NULL)
    return 0;
  if (el->flags & LB_ELEMENT_SEQUENCE)
    return el->count;
  if (el->flags & LB_ELEMENT_ENCAPSULATED)
    return 1;
  if (el->value == NULL || el->value_len == 0)
    return 0;
  LbDicomVR vr = el->vr;
  if (lb_dicom_vr_is_string (vr))
    {
      if (lb_dicom_vr_is_single_text (vr))
        return 1;
      uint32_t n = 1;
      for (size_t k = 0; k < el->value_len; k++)
        n += el->value[k] == '\\';
      return n;
    }
  if (lb_dicom_vr_is_binary_number (vr))
    return (uint32_t) (el->value_len / lb_dicom_vr_value_size (vr));
  return 1;
}

/* ---- Strings ------------------------------------------------------------------------------- */

static char *
to_utf8 (const LbDicomElement *el)
{
  size_t n = trim_trailing (el->value, el->value_len);
  const char *charset = el->parent != NULL ? el->parent->charset : NULL;
  return lb_dicom_charset_to_utf8 (charset, el->value, n, el->vr == LB_DICOM_VR_PN);
}

/* Trims one value in place: trailing spaces always, leading spaces unless significant. */
static void
trim_value (char *s, size_t *len, bool keep_leading)
{
  size_t start = 0, end = *len;
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\0'))
    end--;
  if (!keep_leading)
    while (start < end && s[start] == ' ')
      start++;
  memmove (s, s + start, end - start);
  *len = end - start;
  s[*len] = '\0';
}

char *
lb_dicom_element_get_string (const LbDicomElement *el, uint32_t index)
{
  if (el == NULL || el->value == NULL || el->value_len == 0)
    return NULL;
  LbDicomVR vr = el->vr;
  if (!lb_dicom_vr_is_string (vr))
    return lb_dicom_vr_is_binary_number (vr) && index < lb_dicom_element_get_vm (el)
             ? lb_dicom_element_format_numbers (el, 0, index) : NULL;

  /* Convert first, split after: in ISO 2022 IR 87 a 0x5C byte can be half a kanji. */
  char *text = to_utf8 (el);
  if (text == NULL)
    return NULL;
  char *start = text;
  if (!lb_dicom_vr_is_single_text (vr))
    for (uint32_t i = 0; i < index && start != NULL; i++)
      {
        start = strchr (start, '\\');
        if (start != NULL)
          start++;
      }
  else if (index > 0)
    start = NULL;
  if (start == NULL)
    {
      free (text);
      return NULL;
    }
  char *end = lb_dicom_vr_is_single_text (vr) ? NULL : strchr (start, '\\');
  size_t len = end != NULL ? (size_t) (end - start) : strlen (start);
  memmove (text, start, len);
  text[len] = '\0';
  trim_value (text, &len, vr == LB_DICOM_VR_LT || vr == LB_DICOM_VR_ST || vr == LB_DICOM_VR_UT);
  return text;
}

char *
lb_dicom_element_get_text (const LbDicomElement *el)
{
  if (el == NULL)
    return NULL;
  LbDicomVR vr = el->vr;
  if (!lb_dicom_vr_is_string (vr))
    return lb_dicom_vr_is_binary_number (vr) ? lb_dicom_element_format_numbers (el, 0, -1) : NULL;
  if (el->value == NULL || el->value_len == 0)
    return strdup ("");
  char *text = to_utf8 (el);
  if (text == NULL)
    return NULL;
  size_t len = strlen (text);
  if (lb_dicom_vr_is_single_text (vr))
    {
      trim_value (text, &len, vr != LB_DICOM_VR_UR);
      return text;
    }
  /* Trim every value and join them again. */
  size_t out = 0, pos = 0;
  for (;;)
    {
      char *bs = strchr (text + pos, '\\');
      size_t vlen = bs != NULL ? (size_t) (bs - (text + pos)) : len - pos;
      char save = text[pos + vlen];
      text[pos + vlen] = '\0';
      size_t t = vlen;
      trim_value (text + pos, &t, false);
      memmove (text + out, text + pos, t);
      out += t;
      if (save != '\\')
        break;
      text[out++] = '\\';
      pos += vlen + 1;
    }
  text[out] = '\0';
  return text;
}

/* ---- Convenience --------------------------------------------------------------------------- */

char *
lb_dicom_file_get_string (const LbDicomFile *file, uint32_t tag)
{
  return lb_dicom_element_get_string (lb_dicom_file_lookup (file, tag), 0);
}

bool
lb_dicom_file_get_int (const LbDicomFile *file, uint32_t tag, int64_t *out)
{
  return lb_dicom_element_get_int (lb_dicom_file_lookup (file, tag), 0, out);
}

bool
lb_dicom_file_get_double (const LbDicomFile *file, uint32_t tag, double *out)
{
  return lb_dicom_element_get_double (lb_dicom_file_lookup (file, tag), 0, out);
}
