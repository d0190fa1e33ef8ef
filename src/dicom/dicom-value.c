/* dicom-value.c: VR helpers and VR-aware value access: strings through the Specific Character
 * Set, numbers in the dataset's byte order, and the one-line formatting dump and the GUI show. */
#define _GNU_SOURCE   /* strerror_r (GNU), strtod_l, newlocale, uselocale */
#include "dicom-private.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
lb_dicom_limits_init_default (LbDicomLimits *limits)
{
  if (limits == NULL)
    return;
  limits->max_depth = 32;
  limits->max_elements = 1u << 22;
  limits->max_value_length = (uint64_t) 1 << 30;
  limits->max_frame_bytes = (uint64_t) 1 << 30;
}

/* ---- VRs ---------------------------------------------------------------------------------- */

static const char vr_names[LB_DICOM_VR_COUNT][3] = {
  "", "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF",
  "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
  "UR", "US", "UT", "UV",
};

const char *
lb_dicom_vr_name (LbDicomVR vr)
{
  return (unsigned) vr < LB_DICOM_VR_COUNT ? vr_names[vr] : "";
}

LbDicomVR
lb_dicom_vr_from_chars (char c0, char c1)
{
  if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z')
    return LB_DICOM_VR_NONE;
  /* Called for every explicit-VR element: a switch, not a search. */
#define K(a, b) (((a) << 8) | (b))
  switch (K (c0, c1))
    {
    case K ('A', 'E'): return LB_DICOM_VR_AE;
    case K ('A', 'S'): return LB_DICOM_VR_AS;
    case K ('A', 'T'): return LB_DICOM_VR_AT;
    case K ('C', 'S'): return LB_DICOM_VR_CS;
    case K ('D', 'A'): return LB_DICOM_VR_DA;
    case K ('D', 'S'): return LB_DICOM_VR_DS;
    case K ('D', 'T'): return LB_DICOM_VR_DT;
    case K ('F', 'D'): return LB_DICOM_VR_FD;
    case K ('F', 'L'): return LB_DICOM_VR_FL;
    case K ('I', 'S'): return LB_DICOM_VR_IS;
    case K ('L', 'O'): return LB_DICOM_VR_LO;
    case K ('L', 'T'): return LB_DICOM_VR_LT;
    case K ('O', 'B'): return LB_DICOM_VR_OB;
    case K ('O', 'D'): return LB_DICOM_VR_OD;
    case K ('O', 'F'): return LB_DICOM_VR_OF;
    case K ('O', 'L'): return LB_DICOM_VR_OL;
    case K ('O', 'V'): return LB_DICOM_VR_OV;
    case K ('O', 'W'): return LB_DICOM_VR_OW;
    case K ('P', 'N'): return LB_DICOM_VR_PN;
    case K ('S', 'H'): return LB_DICOM_VR_SH;
    case K ('S', 'L'): return LB_DICOM_VR_SL;
    case K ('S', 'Q'): return LB_DICOM_VR_SQ;
    case K ('S', 'S'): return LB_DICOM_VR_SS;
    case K ('S', 'T'): return LB_DICOM_VR_ST;
    case K ('S', 'V'): return LB_DICOM_VR_SV;
    case K ('T', 'M'): return LB_DICOM_VR_TM;
    case K ('U', 'C'): return LB_DICOM_VR_UC;
    case K ('U', 'I'): return LB_DICOM_VR_UI;
    case K ('U', 'L'): return LB_DICOM_VR_UL;
    case K ('U', 'N'): return LB_DICOM_VR_UN;
    case K ('U', 'R'): return LB_DICOM_VR_UR;
    case K ('U', 'S'): return LB_DICOM_VR_US;
    case K ('U', 'T'): return LB_DICOM_VR_UT;
    case K ('U', 'V'): return LB_DICOM_VR_UV;
    default: return LB_DICOM_VR_NONE;
    }
#undef K
}

bool
lb_dicom_vr_is_string (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_AE: case LB_DICOM_VR_AS: case LB_DICOM_VR_CS: case LB_DICOM_VR_DA:
    case LB_DICOM_VR_DS: case LB_DICOM_VR_DT: case LB_DICOM_VR_IS: case LB_DICOM_VR_LO:
    case LB_DICOM_VR_LT: case LB_DICOM_VR_PN: case LB_DICOM_VR_SH: case LB_DICOM_VR_ST:
    case LB_DICOM_VR_TM: case LB_DICOM_VR_UC: case LB_DICOM_VR_UI: case LB_DICOM_VR_UR:
    case LB_DICOM_VR_UT:
      return true;
    default:
      return false;
    }
}

bool
lb_dicom_vr_has_long_length (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_OB: case LB_DICOM_VR_OD: case LB_DICOM_VR_OF: case LB_DICOM_VR_OL:
    case LB_DICOM_VR_OV: case LB_DICOM_VR_OW: case LB_DICOM_VR_SQ: case LB_DICOM_VR_SV:
    case LB_DICOM_VR_UC: case LB_DICOM_VR_UN: case LB_DICOM_VR_UR: case LB_DICOM_VR_UT:
    case LB_DICOM_VR_UV:
      return true;
    default:
      return false;
    }
}

/* Single-valued text VRs: a backslash is text, and leading spaces are significant. */
static bool
vr_is_single_text (LbDicomVR vr)
{
  return vr == LB_DICOM_VR_LT || vr == LB_DICOM_VR_ST || vr == LB_DICOM_VR_UT
         || vr == LB_DICOM_VR_UR;
}

/* Bytes of one binary value, 0 for VRs without fixed-size values. */
static size_t
vr_value_size (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_OB: case LB_DICOM_VR_UN: return 1;
    case LB_DICOM_VR_US: case LB_DICOM_VR_SS: case LB_DICOM_VR_OW: return 2;
    case LB_DICOM_VR_UL: case LB_DICOM_VR_SL: case LB_DICOM_VR_FL: case LB_DICOM_VR_AT:
    case LB_DICOM_VR_OL: case LB_DICOM_VR_OF: return 4;
    case LB_DICOM_VR_FD: case LB_DICOM_VR_SV: case LB_DICOM_VR_UV: case LB_DICOM_VR_OD:
    case LB_DICOM_VR_OV: return 8;
    default: return 0;
    }
}

static bool
vr_is_binary_number (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_US: case LB_DICOM_VR_SS: case LB_DICOM_VR_UL: case LB_DICOM_VR_SL:
    case LB_DICOM_VR_SV: case LB_DICOM_VR_UV: case LB_DICOM_VR_FL: case LB_DICOM_VR_FD:
    case LB_DICOM_VR_AT:
      return true;
    default:
      return false;
    }
}

/* ---- A small string builder --------------------------------------------------------------- */

typedef struct {
  char *s;
  size_t len, cap;
  bool failed;
} Buf;

static void
buf_append (Buf *b, const char *s, size_t n)
{
  if (b->failed)
    return;
  if (b->cap - b->len <= n)
    {
      size_t cap = b->cap != 0 ? b->cap : 64;
      while (cap - b->len <= n)
        {
          if (cap > SIZE_MAX / 2)
            {
              b->failed = true;
              return;
            }
          cap *= 2;
        }
      char *ns = realloc (b->s, cap);
      if (ns == NULL)
        {
          b->failed = true;
          return;
        }
      b->s = ns;
      b->cap = cap;
    }
  memcpy (b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void
buf_puts (Buf *b, const char *s)
{
  buf_append (b, s, strlen (s));
}

static char *
buf_steal (Buf *b)
{
  if (b->failed)
    {
      free (b->s);
      return NULL;
    }
  if (b->s == NULL)
    return strdup ("");
  return b->s;
}

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

/* The index-th binary value as raw bits. */
static bool
binary_value (const LbDicomElement *el, uint32_t index, size_t size, uint64_t *bits)
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

static double
bits_to_float (uint64_t bits, size_t size)
{
  if (size == 4)
    {
      uint32_t u = (uint32_t) bits;
      float f;
      memcpy (&f, &u, 4);
      return f;
    }
  double d;
  memcpy (&d, &bits, 8);
  return d;
}

/* ---- Numbers ------------------------------------------------------------------------------- */

typedef enum { NUM_NONE, NUM_SIGNED, NUM_UNSIGNED, NUM_FLOAT } NumKind;

/* One value of any numeric element, in the widest type of its kind. */
static NumKind
get_number (const LbDicomElement *el, uint32_t index, int64_t *i, uint64_t *u, double *d)
{
  if (el == NULL || el->value == NULL)
    return NUM_NONE;
  LbDicomVR vr = el->vr;
  char s[64];
  uint64_t bits;
  switch (vr)
    {
    case LB_DICOM_VR_IS:
      if (!raw_string_value (el, index, s, sizeof s) || !parse_int (s, i))
        return NUM_NONE;
      return NUM_SIGNED;
    case LB_DICOM_VR_DS:
      if (!raw_string_value (el, index, s, sizeof s))
        return NUM_NONE;
      /* Some writers use a decimal comma; DCMTK and pydicom reject it, we read it. */
      for (char *c = s; *c != '\0'; c++)
        if (*c == ',')
          *c = '.';
      if (!parse_double (s, d))
        return NUM_NONE;
      return NUM_FLOAT;
    case LB_DICOM_VR_AT:
      if (!binary_at (el, index, u))
        return NUM_NONE;
      return NUM_UNSIGNED;
    case LB_DICOM_VR_SS:
      if (!binary_value (el, index, 2, &bits))
        return NUM_NONE;
      *i = (int16_t) bits;
      return NUM_SIGNED;
    case LB_DICOM_VR_SL:
      if (!binary_value (el, index, 4, &bits))
        return NUM_NONE;
      *i = (int32_t) bits;
      return NUM_SIGNED;
    case LB_DICOM_VR_SV:
      if (!binary_value (el, index, 8, &bits))
        return NUM_NONE;
      *i = (int64_t) bits;
      return NUM_SIGNED;
    case LB_DICOM_VR_FL: case LB_DICOM_VR_OF: case LB_DICOM_VR_FD: case LB_DICOM_VR_OD:
      if (!binary_value (el, index, vr_value_size (vr), &bits))
        return NUM_NONE;
      *d = bits_to_float (bits, vr_value_size (vr));
      return NUM_FLOAT;
    case LB_DICOM_VR_US: case LB_DICOM_VR_UL: case LB_DICOM_VR_UV: case LB_DICOM_VR_OB:
    case LB_DICOM_VR_OW: case LB_DICOM_VR_OL: case LB_DICOM_VR_OV:
      if (!binary_value (el, index, vr_value_size (vr), u))
        return NUM_NONE;
      return NUM_UNSIGNED;
    default:
      return NUM_NONE;
    }
}

bool
lb_dicom_element_get_int (const LbDicomElement *el, uint32_t index, int64_t *out)
{
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  switch (get_number (el, index, &i, &u, &d))
    {
    case NUM_SIGNED: *out = i; return true;
    case NUM_UNSIGNED:
      if (u > INT64_MAX)
        return false;
      *out = (int64_t) u;
      return true;
    case NUM_FLOAT:
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
  switch (get_number (el, index, &i, &u, &d))
    {
    case NUM_SIGNED:
      if (i < 0)
        return false;
      *out = (uint64_t) i;
      return true;
    case NUM_UNSIGNED: *out = u; return true;
    case NUM_FLOAT:
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
  switch (get_number (el, index, &i, &u, &d))
    {
    case NUM_SIGNED: *out = (double) i; return true;
    case NUM_UNSIGNED: *out = (double) u; return true;
    case NUM_FLOAT: *out = d; return true;
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
      if (vr_is_single_text (vr))
        return 1;
      uint32_t n = 1;
      for (size_t k = 0; k < el->value_len; k++)
        n += el->value[k] == '\\';
      return n;
    }
  if (vr_is_binary_number (vr))
    return (uint32_t) (el->value_len / vr_value_size (vr));
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

static char *format_numbers (const LbDicomElement *el, size_t max_chars, int64_t only);

char *
lb_dicom_element_get_string (const LbDicomElement *el, uint32_t index)
{
  if (el == NULL || el->value == NULL || el->value_len == 0)
    return NULL;
  LbDicomVR vr = el->vr;
  if (!lb_dicom_vr_is_string (vr))
    return vr_is_binary_number (vr) && index < lb_dicom_element_get_vm (el)
             ? format_numbers (el, 0, index) : NULL;

  /* Convert first, split after: in ISO 2022 IR 87 a 0x5C byte can be half a kanji. */
  char *text = to_utf8 (el);
  if (text == NULL)
    return NULL;
  char *start = text;
  if (!vr_is_single_text (vr))
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
  char *end = vr_is_single_text (vr) ? NULL : strchr (start, '\\');
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
    return vr_is_binary_number (vr) ? format_numbers (el, 0, -1) : NULL;
  if (el->value == NULL || el->value_len == 0)
    return strdup ("");
  char *text = to_utf8 (el);
  if (text == NULL)
    return NULL;
  size_t len = strlen (text);
  if (vr_is_single_text (vr))
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

/* ---- Escaping and formatting --------------------------------------------------------------- */

/* Decodes one UTF-8 character; returns its length, 0 for an invalid sequence. */
static size_t
utf8_next (const unsigned char *s, uint32_t *cp)
{
  unsigned char c = s[0];
  if (c < 0x80)
    {
      *cp = c;
      return 1;
    }
  size_t n;
  uint32_t v, min;
  if ((c & 0xe0) == 0xc0)
    n = 2, v = c & 0x1f, min = 0x80;
  else if ((c & 0xf0) == 0xe0)
    n = 3, v = c & 0x0f, min = 0x800;
  else if ((c & 0xf8) == 0xf0)
    n = 4, v = c & 0x07, min = 0x10000;
  else
    return 0;
  for (size_t k = 1; k < n; k++)
    {
      if ((s[k] & 0xc0) != 0x80)   /* also stops at the terminating NUL */
        return 0;
      v = (v << 6) | (s[k] & 0x3f);
    }
  if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
    return 0;
  *cp = v;
  return n;
}

static void
escape_into (Buf *b, const char *utf8)
{
  const unsigned char *s = (const unsigned char *) utf8;
  while (*s != '\0')
    {
      uint32_t cp;
      size_t n = utf8_next (s, &cp);
      if (n == 0)
        {
          buf_puts (b, "\xef\xbf\xbd");
          s++;
          continue;
        }
      if (cp == '\n')
        buf_puts (b, "\\n");
      else if (cp == '\t')
        buf_puts (b, "\\t");
      else if (cp == '\r')
        buf_puts (b, "\\r");
      else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
        {
          char tmp[8];
          snprintf (tmp, sizeof tmp, "\\x%02X", (unsigned) cp);
          buf_puts (b, tmp);
        }
      else
        buf_append (b, (const char *) s, n);
      s += n;
    }
}

char *
lb_dicom_escape_text (const char *utf8)
{
  Buf b = { 0 };
  if (utf8 != NULL)
    escape_into (&b, utf8);
  return buf_steal (&b);
}

/* Prints a float or double with the fewest digits that read back the same, in the C locale. */
static void
append_real (Buf *b, double d, bool single)
{
  char tmp[40];
  locale_t c = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  locale_t old = c != (locale_t) 0 ? uselocale (c) : (locale_t) 0;
  for (int prec = single ? 6 : 15; prec <= 17; prec++)
    {
      snprintf (tmp, sizeof tmp, "%.*g", prec, d);
      if (single ? (float) strtod (tmp, NULL) == (float) d : strtod (tmp, NULL) == d)
        break;
      if (isnan (d))
        break;
    }
  if (old != (locale_t) 0)
    uselocale (old);
  if (c != (locale_t) 0)
    freelocale (c);
  buf_puts (b, tmp);
}

static bool
full (const Buf *b, size_t max_chars)
{
  return max_chars > 0 && b->len > max_chars;
}

/* Binary numbers joined by '\': all of them, or only value `only` when only >= 0. */
static char *
format_numbers (const LbDicomElement *el, size_t max_chars, int64_t only)
{
  Buf b = { 0 };
  uint32_t vm = lb_dicom_element_get_vm (el);
  for (uint32_t i = 0; i < vm && !full (&b, max_chars); i++)
    {
      if (only >= 0 && i != (uint64_t) only)
        continue;
      if (b.len > 0)
        buf_puts (&b, "\\");
      int64_t si = 0;
      uint64_t u = 0;
      double d = 0;
      char tmp[32];
      NumKind k = get_number (el, i, &si, &u, &d);
      if (el->vr == LB_DICOM_VR_AT && k == NUM_UNSIGNED)
        snprintf (tmp, sizeof tmp, "(%04X,%04X)", (unsigned) (u >> 16), (unsigned) (u & 0xffff));
      else if (k == NUM_SIGNED)
        snprintf (tmp, sizeof tmp, "%lld", (long long) si);
      else if (k == NUM_UNSIGNED)
        snprintf (tmp, sizeof tmp, "%llu", (unsigned long long) u);
      else if (k == NUM_FLOAT)
        {
          append_real (&b, d, el->vr == LB_DICOM_VR_FL || el->vr == LB_DICOM_VR_OF);
          continue;
        }
      else
        tmp[0] = '\0';
      buf_puts (&b, tmp);
    }
  return buf_steal (&b);
}

/* Cuts a UTF-8 string after max_chars characters and appends "...". */
static char *
cut (char *s, size_t max_chars)
{
  if (s == NULL || max_chars == 0)
    return s;
  size_t chars = 0, i = 0;
  while (s[i] != '\0')
    {
      if (chars == max_chars)
        {
          char *n = realloc (s, i + 4);
          if (n == NULL)
            {
              free (s);
              return NULL;
            }
          memcpy (n + i, "...", 4);
          return n;
        }
      i++;
      while ((s[i] & 0xc0) == 0x80)
        i++;
      chars++;
    }
  return s;
}

char *
lb_dicom_element_format_value (const LbDicomElement *el, size_t max_chars)
{
  if (el == NULL)
    return strdup ("");
  char tmp[48];
  if (el->flags & LB_ELEMENT_SEQUENCE)
    {
      snprintf (tmp, sizeof tmp, el->count == 1 ? "(%u item)" : "(%u items)", el->count);
      return strdup (tmp);
    }
  if (el->flags & LB_ELEMENT_ENCAPSULATED)
    {
      snprintf (tmp, sizeof tmp, el->count == 1 ? "(%u fragment)" : "(%u fragments)",
                el->count);
      return strdup (tmp);
    }
  if (el->value == NULL || el->value_len == 0)
    return strdup ("");

  LbDicomVR vr = el->vr;
  if (lb_dicom_vr_is_string (vr))
    {
      char *text = lb_dicom_element_get_text (el);
      if (text == NULL)
        return NULL;
      char *esc = lb_dicom_escape_text (text);
      free (text);
      return cut (esc, max_chars);
    }
  if (vr_is_binary_number (vr) || vr == LB_DICOM_VR_OF || vr == LB_DICOM_VR_OD)
    {
      if (vr == LB_DICOM_VR_OF || vr == LB_DICOM_VR_OD)
        {
          /* vm is 1 for these; format every value as FL/FD would. */
          Buf b = { 0 };
          size_t size = vr_value_size (vr);
          for (size_t i = 0; i < el->value_len / size && !full (&b, max_chars); i++)
            {
              uint64_t bits;
              if (i > 0)
                buf_puts (&b, "\\");
              if (binary_value (el, (uint32_t) i, size, &bits))
                append_real (&b, bits_to_float (bits, size), size == 4);
            }
          return cut (buf_steal (&b), max_chars);
        }
      return cut (format_numbers (el, max_chars, -1), max_chars);
    }

  /* Other binary (OB OW OL OV UN and anything unknown): hex words joined by '\'. */
  size_t size = vr_value_size (vr);
  if (size == 0)
    size = 1;
  if (size > el->value_len)
    size = 1;
  Buf b = { 0 };
  for (size_t i = 0; i < el->value_len / size && !full (&b, max_chars); i++)
    {
      uint64_t bits = 0;
      if (i > 0)
        buf_puts (&b, "\\");
      binary_value (el, (uint32_t) i, size, &bits);
      snprintf (tmp, sizeof tmp, "%0*llx", (int) size * 2, (unsigned long long) bits);
      buf_puts (&b, tmp);
    }
  return cut (buf_steal (&b), max_chars);
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
