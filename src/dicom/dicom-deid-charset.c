/* dicom-deid-charset.c: UTF-8 text (a name the user types) encoded in a dataset's Specific
 * Character Set, the reverse of dicom-charset.c for the sets Lightbox can write
 * (lb-dicom-deid.h). iconv is glibc's, so the parser stays libc-only. */
#define _GNU_SOURCE   /* strndup */
#include "dicom-deid-internal.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

static bool
is_ascii (const char *s)
{
  for (; *s; s++)
    if ((unsigned char) *s >= 0x80 || (unsigned char) *s < 0x20)
      return false;
  return true;
}

/* Converts with iconv into a malloc'd buffer after `prefix`; NULL when not representable. */
static uint8_t *
convert (const char *to, const char *prefix, const char *utf8, size_t *len)
{
  iconv_t cd = iconv_open (to, "UTF-8");
  if (cd == (iconv_t) -1)
    return NULL;
  size_t in_left = strlen (utf8), plen = strlen (prefix), cap = plen + in_left * 4 + 16;
  uint8_t *out = malloc (cap);
  if (out == NULL)
    {
      iconv_close (cd);
      return NULL;
    }
  memcpy (out, prefix, plen);
  char *in = (char *) utf8, *o = (char *) out + plen;
  size_t out_left = cap - plen;
  bool ok = iconv (cd, &in, &in_left, &o, &out_left) != (size_t) -1
            && iconv (cd, NULL, NULL, &o, &out_left) != (size_t) -1;   /* back to ASCII */
  iconv_close (cd);
  if (!ok)
    {
      free (out);
      return NULL;
    }
  *len = cap - out_left;
  return out;
}

/* The i-th backslash-separated term of a (0008,0005) value, trimmed, in buf. */
static const char *
charset_term (const char *charset, int index, char buf[32])
{
  const char *p = charset;
  for (int i = 0; i < index && p != NULL; i++)
    p = (p = strchr (p, '\\')) ? p + 1 : NULL;
  if (p == NULL)
    return NULL;
  size_t n = strcspn (p, "\\");
  while (n > 0 && p[n - 1] == ' ')
    n--;
  while (n > 0 && *p == ' ')
    p++, n--;
  if (n >= 32)
    n = 31;
  memcpy (buf, p, n);
  buf[n] = '\0';
  return buf;
}

/* Encodes component by component: PS3.5 6.1.2.5.3 returns to the initial character set before
 * each '^', '=' and '\\', so each component that needs the code extension designates it again
 * (as in PS3.5 Annex I's Korean example "Hong^Gildong=ESC$)C...^ESC$)C..."). */
static uint8_t *
convert_components (const char *to, const char *escape, const char *utf8, size_t *len)
{
  size_t cap = strlen (utf8) * 8 + 16, o = 0;
  uint8_t *out = malloc (cap);
  if (out == NULL)
    return NULL;
  const char *p = utf8;
  while (true)
    {
      size_t n = strcspn (p, "^=\\");
      char *part = strndup (p, n);
      size_t part_len = 0;
      uint8_t *bytes = part == NULL ? NULL
                     : is_ascii (part) ? (uint8_t *) strdup (part)
                     : convert (to, escape, part, &part_len);
      if (bytes != NULL && is_ascii (part))
        part_len = n;
      free (part);
      if (bytes == NULL || o + part_len + 1 > cap)
        {
          free (bytes);
          free (out);
          return NULL;
        }
      memcpy (out + o, bytes, part_len);
      o += part_len;
      free (bytes);
      if (p[n] == '\0')
        break;
      out[o++] = (uint8_t) p[n];
      p += n + 1;
    }
  *len = o;
  return out;
}

uint8_t *
lb_deid_encode_text (const char *charset, const char *utf8, size_t *len)
{
  if (is_ascii (utf8))
    {
      *len = strlen (utf8);
      uint8_t *copy = malloc (*len + 1);
      if (copy != NULL)
        memcpy (copy, utf8, *len + 1);
      return copy;
    }
  if (charset == NULL)
    return NULL;
  /* Non-ASCII text goes into the code extension the file declares: its second term for
   * ISO 2022 sets ("\ISO 2022 IR 149"), else its only one. */
  static const struct { const char *term; const char *iconv_name; const char *escape; } sets[] = {
    { "ISO_IR 192", "UTF-8", "" },
    { "ISO 2022 IR 149", "EUC-KR", "\x1b$)C" },   /* KS X 1001 in G1, as PS3.5 K.1 shows */
    { "ISO 2022 IR 87", "ISO-2022-JP", "" },      /* iconv writes ESC $ B ... ESC ( B */
    { "ISO_IR 100", "ISO-8859-1", "" }, { "ISO_IR 101", "ISO-8859-2", "" },
    { "ISO_IR 109", "ISO-8859-3", "" }, { "ISO_IR 110", "ISO-8859-4", "" },
    { "ISO_IR 144", "ISO-8859-5", "" }, { "ISO_IR 127", "ISO-8859-6", "" },
    { "ISO_IR 126", "ISO-8859-7", "" }, { "ISO_IR 138", "ISO-8859-8", "" },
    { "ISO_IR 148", "ISO-8859-9", "" }, { "ISO_IR 166", "TIS-620", "" },
    { "ISO 2022 IR 100", "ISO-8859-1", "" },
  };
  char buf[32];
  for (int index = 0; index < 4; index++)
    {
      const char *term = charset_term (charset, index, buf);
      if (term == NULL)
        break;
      for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
        if (strcmp (term, sets[i].term) == 0)
          {
            uint8_t *out = convert_components (sets[i].iconv_name, sets[i].escape, utf8, len);
            if (out != NULL)
              return out;
          }
    }
  return NULL;
}
