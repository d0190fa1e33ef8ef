/* dicom-value-format.c: the one-line formatting of a value that dump and the GUI show:
 * escaped text, numbers that read back the same, hex words, cut to a length. */
#define _GNU_SOURCE   /* newlocale, uselocale */
#include "dicom-value-internal.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

char *
lb_dicom_element_format_numbers (const LbDicomElement *el, size_t max_chars, int64_t only)
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
      LbDicomNumKind k = lb_dicom_element_number (el, i, &si, &u, &d);
      if (el->vr == LB_DICOM_VR_AT && k == LB_DICOM_NUM_UNSIGNED)
        snprintf (tmp, sizeof tmp, "(%04X,%04X)", (unsigned) (u >> 16), (unsigned) (u & 0xffff));
      else if (k == LB_DICOM_NUM_SIGNED)
        snprintf (tmp, sizeof tmp, "%lld", (long long) si);
      else if (k == LB_DICOM_NUM_UNSIGNED)
        snprintf (tmp, sizeof tmp, "%llu", (unsigned long long) u);
      else if (k == LB_DICOM_NUM_FLOAT)
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
  if (lb_dicom_vr_is_binary_number (vr) || vr == LB_DICOM_VR_OF || vr == LB_DICOM_VR_OD)
    {
      if (vr == LB_DICOM_VR_OF || vr == LB_DICOM_VR_OD)
        {
          /* vm is 1 for these; format every value as FL/FD would. */
          Buf b = { 0 };
          size_t size = lb_dicom_vr_value_size (vr);
          for (size_t i = 0; i < el->value_len / size && !full (&b, max_chars); i++)
            {
              uint64_t bits;
              if (i > 0)
                buf_puts (&b, "\\");
              if (lb_dicom_element_binary_value (el, (uint32_t) i, size, &bits))
                append_real (&b, lb_dicom_bits_to_float (bits, size), size == 4);
            }
          return cut (buf_steal (&b), max_chars);
        }
      return cut (lb_dicom_element_format_numbers (el, max_chars, -1), max_chars);
    }

  /* Other binary (OB OW OL OV UN and anything unknown): hex words joined by '\'. */
  size_t size = lb_dicom_vr_value_size (vr);
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
      lb_dicom_element_binary_value (el, (uint32_t) i, size, &bits);
      snprintf (tmp, sizeof tmp, "%0*llx", (int) size * 2, (unsigned long long) bits);
      buf_puts (&b, tmp);
    }
  return cut (buf_steal (&b), max_chars);
}
