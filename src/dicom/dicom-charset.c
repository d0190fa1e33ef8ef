/* dicom-charset.c: Specific Character Set (0008,0005) -> UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DICOM text is either in one stand-alone encoding (ISO_IR 192 = UTF-8, GB18030, GBK) or in an
 * ISO 2022 code-extension scheme (PS3.5 6.1.2.5, PS3.3 C.12.1.1.2): G0 (bytes 0x21-0x7E) and
 * G1 (bytes 0xA0-0xFF) each hold a character set, escape sequences re-designate them, and
 * delimiters return both to the sets of value 1 of (0008,0005). This file runs that state
 * machine directly on the bytes and hands each run of one set to glibc iconv, so a delimiter
 * byte inside a two-byte character (JIS X 0208 "=" 0x3D, Shift-JIS trail "\\" 0x5C) is never
 * mistaken for one.
 *
 * Behaviour follows pydicom (charset.py), with these documented choices:
 * - Default repertoire: bytes >= 0x80 decode as ISO 8859-1, as pydicom does, rather than
 *   U+FFFD; files that say nothing about their charset are mostly Latin-1 in practice.
 * - Unknown (0008,0005) terms are ignored; an unknown value 1 means the default repertoire.
 *   Common misspellings ("ISO IR 100", "ISO-IR 100", "iso_ir_100") are accepted.
 * - When value 1 designates no G1 set (empty or ISO 2022 IR 6) but a later value does, e.g.
 *   "\ISO 2022 IR 149", high bytes seen before any escape sequence use that later set. Korean
 *   equipment writes EUC-KR without the ESC $ ) C often enough that Latin-1 mojibake would be
 *   the usual result otherwise. pydicom decodes such bytes as Latin-1.
 * - ISO_IR 13: half-width katakana for 0xA1-0xDF; a Shift-JIS double-byte character is also
 *   decoded (as pydicom's shift_jis codec does), since some Japanese systems write them.
 * - Any escape sequence we know is honoured even if (0008,0005) does not list its set; an
 *   unknown or truncated escape sequence becomes one U+FFFD.
 * - Invalid bytes become U+FFFD (one per byte), NUL bytes too, so the C string holds the whole
 *   value. The output is always valid UTF-8.
 *
 * No global state: the iconv descriptors are opened lazily per call and closed before return.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom.h"

typedef enum {
  CS_NONE,          /* no set designated: every byte is invalid */
  CS_ASCII,         /* ISO IR 6, or JIS X 0201 Roman (ISO IR 14), read as ASCII like pydicom */
  CS_8859_1, CS_8859_2, CS_8859_3, CS_8859_4, CS_8859_5, CS_8859_6, CS_8859_7, CS_8859_8,
  CS_8859_9, CS_TIS620,
  CS_JIS_KATAKANA,  /* JIS X 0201 katakana in G1 (ISO IR 13), plus Shift-JIS pairs */
  CS_JIS_X0208,     /* G0, two bytes 0x21-0x7E each (ISO IR 87) */
  CS_JIS_X0212,     /* G0, two bytes (ISO IR 159) */
  CS_KS_X1001,      /* G1, two GR bytes: EUC-KR (ISO IR 149) */
  CS_GB2312,        /* G1, two GR bytes: EUC-CN (ISO IR 58) */
  CS_UTF8,          /* stand-alone encodings: no code extensions */
  CS_GBK,
  CS_GB18030,
  CS_COUNT
} Charset;

static const char *const iconv_names[CS_COUNT] = {
  [CS_8859_1] = "ISO-8859-1", [CS_8859_2] = "ISO-8859-2", [CS_8859_3] = "ISO-8859-3",
  [CS_8859_4] = "ISO-8859-4", [CS_8859_5] = "ISO-8859-5", [CS_8859_6] = "ISO-8859-6",
  [CS_8859_7] = "ISO-8859-7", [CS_8859_8] = "ISO-8859-8", [CS_8859_9] = "ISO-8859-9",
  [CS_TIS620] = "TIS-620",
  [CS_JIS_KATAKANA] = "SHIFT_JIS",
  [CS_JIS_X0208] = "EUC-JP", [CS_JIS_X0212] = "EUC-JP",
  [CS_KS_X1001] = "EUC-KR", [CS_GB2312] = "EUC-CN",
  [CS_GBK] = "GBK", [CS_GB18030] = "GB18030",
};

typedef struct {
  const char *term;   /* normalised: upper case, '_' and '-' as ' ' */
  Charset g0;         /* CS_NONE: the term does not designate G0 */
  Charset g1;
} Term;

/* PS3.3 Tables C.12-2 to C.12-4, plus the stand-alone ones of C.12-5 and CP 1234's aliases. */
static const Term terms[] = {
  { "", CS_ASCII, CS_NONE },
  { "ISO IR 6", CS_ASCII, CS_NONE },
  { "ISO 2022 IR 6", CS_ASCII, CS_NONE },
  { "ISO IR 100", CS_ASCII, CS_8859_1 }, { "ISO 2022 IR 100", CS_ASCII, CS_8859_1 },
  { "ISO IR 101", CS_ASCII, CS_8859_2 }, { "ISO 2022 IR 101", CS_ASCII, CS_8859_2 },
  { "ISO IR 109", CS_ASCII, CS_8859_3 }, { "ISO 2022 IR 109", CS_ASCII, CS_8859_3 },
  { "ISO IR 110", CS_ASCII, CS_8859_4 }, { "ISO 2022 IR 110", CS_ASCII, CS_8859_4 },
  { "ISO IR 144", CS_ASCII, CS_8859_5 }, { "ISO 2022 IR 144", CS_ASCII, CS_8859_5 },
  { "ISO IR 127", CS_ASCII, CS_8859_6 }, { "ISO 2022 IR 127", CS_ASCII, CS_8859_6 },
  { "ISO IR 126", CS_ASCII, CS_8859_7 }, { "ISO 2022 IR 126", CS_ASCII, CS_8859_7 },
  { "ISO IR 138", CS_ASCII, CS_8859_8 }, { "ISO 2022 IR 138", CS_ASCII, CS_8859_8 },
  { "ISO IR 148", CS_ASCII, CS_8859_9 }, { "ISO 2022 IR 148", CS_ASCII, CS_8859_9 },
  { "ISO IR 166", CS_ASCII, CS_TIS620 }, { "ISO 2022 IR 166", CS_ASCII, CS_TIS620 },
  { "ISO IR 13", CS_ASCII, CS_JIS_KATAKANA }, { "ISO 2022 IR 13", CS_ASCII, CS_JIS_KATAKANA },
  { "ISO 2022 IR 87", CS_JIS_X0208, CS_NONE },
  { "ISO 2022 IR 159", CS_JIS_X0212, CS_NONE },
  { "ISO 2022 IR 149", CS_NONE, CS_KS_X1001 },
  { "ISO 2022 IR 58", CS_NONE, CS_GB2312 },
  { "ISO 2022 58", CS_NONE, CS_GB2312 },
  { "ISO IR 192", CS_UTF8, CS_UTF8 },
  { "GB18030", CS_GB18030, CS_GB18030 },
  { "GBK", CS_GBK, CS_GBK },
  { "ISO 2022 GBK", CS_GBK, CS_GBK },
};

static inline bool
is_standalone (Charset cs)
{
  return cs == CS_UTF8 || cs == CS_GBK || cs == CS_GB18030;
}

/* Looks up one (0008,0005) value, [start, end) of the attribute string; NULL if unknown. */
static const Term *
find_term (const char *start, const char *end)
{
  char norm[32];
  size_t n = 0;

  while (start < end && (*start == ' ' || *start == '\0'))
    start++;
  while (end > start && (end[-1] == ' ' || end[-1] == '\0'))
    end--;
  if ((size_t) (end - start) >= sizeof norm)
    return NULL;
  for (; start < end; start++)
    {
      char c = *start;
      if (c == '_' || c == '-')
        c = ' ';
      else if (c >= 'a' && c <= 'z')
        c = (char) (c - 'a' + 'A');
      norm[n++] = c;
    }
  norm[n] = '\0';

  for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
    if (strcmp (norm, terms[i].term) == 0)
      return &terms[i];
  return NULL;
}

typedef struct {
  char *buf;
  size_t len;
  size_t cap;
  bool failed;               /* out of memory */
  iconv_t cd[CS_COUNT];
} Out;

static void
out_reserve (Out *o, size_t extra)
{
  size_t need;

  if (o->failed)
    return;
  if (__builtin_add_overflow (o->len, extra + 1, &need))
    {
      o->failed = true;
      return;
    }
  if (need > o->cap)
    {
      size_t cap = o->cap * 2 > need ? o->cap * 2 : need;
      char *p = realloc (o->buf, cap);
      if (p == NULL)
        {
          o->failed = true;
          return;
        }
      o->buf = p;
      o->cap = cap;
    }
}

static void
out_bytes (Out *o, const void *p, size_t n)
{
  out_reserve (o, n);
  if (o->failed || n == 0)
    return;
  memcpy (o->buf + o->len, p, n);
  o->len += n;
}

static void
out_codepoint (Out *o, uint32_t c)
{
  uint8_t b[4];
  size_t n;

  if (c < 0x80)
    b[0] = (uint8_t) c, n = 1;
  else if (c < 0x800)
    b[0] = (uint8_t) (0xc0 | c >> 6), b[1] = (uint8_t) (0x80 | (c & 0x3f)), n = 2;
  else if (c < 0x10000)
    b[0] = (uint8_t) (0xe0 | c >> 12), b[1] = (uint8_t) (0x80 | ((c >> 6) & 0x3f)),
    b[2] = (uint8_t) (0x80 | (c & 0x3f)), n = 3;
  else
    b[0] = (uint8_t) (0xf0 | c >> 18), b[1] = (uint8_t) (0x80 | ((c >> 12) & 0x3f)),
    b[2] = (uint8_t) (0x80 | ((c >> 6) & 0x3f)), b[3] = (uint8_t) (0x80 | (c & 0x3f)), n = 4;
  out_bytes (o, b, n);
}

#define REPLACEMENT 0xfffdu

static void
out_replacement (Out *o, size_t count)
{
  while (count-- > 0)
    out_codepoint (o, REPLACEMENT);
}

/* Converts `n` bytes in `cs` with iconv; each byte iconv rejects becomes U+FFFD. */
static void
out_iconv (Out *o, Charset cs, const uint8_t *in, size_t n)
{
  iconv_t cd = o->cd[cs];

  if (cd == (iconv_t) 0)
    {
      cd = iconv_open ("UTF-8", iconv_names[cs]);
      o->cd[cs] = cd;
    }
  if (cd == (iconv_t) -1)
    {
      /* No gconv module (a static build without them): nothing can be decoded. */
      out_replacement (o, n);
      return;
    }

  iconv (cd, NULL, NULL, NULL, NULL);
  while (n > 0 && !o->failed)
    {
      char *src = (char *) in;
      size_t src_left = n;
      char *dst;
      size_t dst_left;
      size_t r;

      /* 4 bytes of UTF-8 per input byte is more than any of these charsets produces. */
      out_reserve (o, n * 4 + 4);
      if (o->failed)
        return;
      dst = o->buf + o->len;
      dst_left = o->cap - o->len - 1;
      r = iconv (cd, &src, &src_left, &dst, &dst_left);
      o->len = (size_t) (dst - o->buf);
      in = (const uint8_t *) src;
      n = src_left;
      if (r == (size_t) -1)
        {
          if (errno == E2BIG)
            continue;
          /* EILSEQ or EINVAL (a character cut off at the end): skip one byte. */
          out_replacement (o, 1);
          in++;
          n--;
          iconv (cd, NULL, NULL, NULL, NULL);
        }
    }
}

/* Runs of bytes that iconv may see: NULs are replaced here, since iconv passes them through
 * and they would cut the C string. */
static void
out_iconv_no_nul (Out *o, Charset cs, const uint8_t *in, size_t n)
{
  while (n > 0)
    {
      const uint8_t *nul = memchr (in, 0, n);
      size_t run = nul != NULL ? (size_t) (nul - in) : n;

      if (run > 0)
        out_iconv (o, cs, in, run);
      if (nul == NULL)
        break;
      out_replacement (o, 1);
      in += run + 1;
      n -= run + 1;
    }
}

/* Validating UTF-8 copy: ill-formed bytes (overlongs, surrogates, > U+10FFFF, truncation)
 * become U+FFFD. */
static void
out_utf8 (Out *o, const uint8_t *in, size_t n)
{
  size_t i = 0;

  while (i < n)
    {
      uint8_t b = in[i];
      size_t len;
      uint32_t c, min;

      if (b == 0)
        {
          out_replacement (o, 1);
          i++;
          continue;
        }
      if (b < 0x80)
        {
          out_bytes (o, &in[i], 1);
          i++;
          continue;
        }
      if (b >= 0xc2 && b <= 0xdf)
        len = 2, c = b & 0x1fu, min = 0x80;
      else if (b >= 0xe0 && b <= 0xef)
        len = 3, c = b & 0x0fu, min = 0x800;
      else if (b >= 0xf0 && b <= 0xf4)
        len = 4, c = b & 0x07u, min = 0x10000;
      else
        {
          out_replacement (o, 1);
          i++;
          continue;
        }
      if (len > n - i)
        len = 0;
      for (size_t k = 1; len != 0 && k < len; k++)
        {
          if ((in[i + k] & 0xc0) != 0x80)
            len = 0;
          else
            c = c << 6 | (in[i + k] & 0x3fu);
        }
      if (len == 0 || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        {
          out_replacement (o, 1);
          i++;
          continue;
        }
      out_bytes (o, &in[i], len);
      i += len;
    }
}

static inline bool
is_delimiter (uint8_t b, bool is_pn)
{
  /* PS3.5 6.1.2.5.3: value 1's sets are active again before these. Other control
   * characters are handled with them by the caller. */
  return b == '\\' || (is_pn && (b == '^' || b == '='));
}

/* Reads an escape sequence at in[0] == ESC: ESC, intermediates 0x20-0x2F, a final byte
 * 0x30-0x7E (ISO 2022 / ECMA-35). Returns its length (for a broken one, the length of the
 * prefix read) and sets *known; *g0 and *g1 change only for a known sequence. */
static size_t
read_escape (const uint8_t *in, size_t n, Charset *g0, Charset *g1, bool *known)
{
  static const struct {
    const char *seq;
    bool is_g0;
    Charset cs;
  } codes[] = {
    /* PS3.3 Tables C.12-3 and C.12-4. */
    { "(B", true, CS_ASCII },        { "(J", true, CS_ASCII },
    { "$B", true, CS_JIS_X0208 },    { "$@", true, CS_JIS_X0208 },
    { "$(D", true, CS_JIS_X0212 },
    { ")I", false, CS_JIS_KATAKANA },
    { "-A", false, CS_8859_1 },      { "-B", false, CS_8859_2 },
    { "-C", false, CS_8859_3 },      { "-D", false, CS_8859_4 },
    { "-L", false, CS_8859_5 },      { "-G", false, CS_8859_6 },
    { "-F", false, CS_8859_7 },      { "-H", false, CS_8859_8 },
    { "-M", false, CS_8859_9 },      { "-T", false, CS_TIS620 },
    { "$)C", false, CS_KS_X1001 },   { "$)A", false, CS_GB2312 },
  };
  size_t len = 1;

  *known = false;
  while (len < n && in[len] >= 0x20 && in[len] <= 0x2f)
    len++;
  if (len >= n || in[len] < 0x30 || in[len] > 0x7e)
    return len;   /* truncated or broken: the ESC and the intermediates read so far */
  len++;

  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (strlen (codes[i].seq) == len - 1 && memcmp (codes[i].seq, in + 1, len - 1) == 0)
      {
        if (codes[i].is_g0)
          *g0 = codes[i].cs;
        else
          *g1 = codes[i].cs;
        *known = true;
        return len;
      }
  return len;   /* well-formed but not a set DICOM uses */
}

static void
decode_iso2022 (Out *o, Charset init_g1, const uint8_t *in, size_t n, bool is_pn)
{
  Charset g0 = CS_ASCII;
  Charset g1 = init_g1;
  size_t i = 0;

  while (i < n && !o->failed)
    {
      uint8_t b = in[i];

      if (b == 0x1b)
        {
          bool known;
          i += read_escape (in + i, n - i, &g0, &g1, &known);
          if (!known)
            out_replacement (o, 1);
        }
      else if (b == 0)
        {
          out_replacement (o, 1);
          i++;
        }
      else if (b < 0x20)
        {
          /* CR, LF, TAB, FF and every other control character but ESC. */
          g0 = CS_ASCII;
          g1 = init_g1;
          out_bytes (o, &b, 1);
          i++;
        }
      else if (b < 0x80)
        {
          if (b == 0x20 || b == 0x7f || (g0 != CS_JIS_X0208 && g0 != CS_JIS_X0212))
            {
              if (is_delimiter (b, is_pn))
                {
                  g0 = CS_ASCII;
                  g1 = init_g1;
                }
              out_bytes (o, &b, 1);
              i++;
            }
          else if (i + 1 < n && in[i + 1] > 0x20 && in[i + 1] < 0x7f)
            {
              /* JIS X 0208 / 0212 in G0 is EUC-JP with the high bits cleared (and an SS3
               * prefix for 0212). */
              uint8_t euc[3];
              size_t k = 0;
              if (g0 == CS_JIS_X0212)
                euc[k++] = 0x8f;
              euc[k++] = (uint8_t) (b | 0x80);
              euc[k++] = (uint8_t) (in[i + 1] | 0x80);
              out_iconv (o, g0, euc, k);
              i += 2;
            }
          else
            {
              out_replacement (o, 1);
              i++;
            }
        }
      else if (g1 == CS_JIS_KATAKANA)
        {
          uint8_t t = i + 1 < n ? in[i + 1] : 0;
          if (b >= 0xa1 && b <= 0xdf)
            {
              out_codepoint (o, 0xff61u + (b - 0xa1u));
              i++;
            }
          else if (((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc))
                   && ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfc)))
            {
              out_iconv (o, CS_JIS_KATAKANA, in + i, 2);
              i += 2;
            }
          else
            {
              out_replacement (o, 1);
              i++;
            }
        }
      else
        {
          /* A run of GR bytes, all in G1: single-byte sets map byte by byte, and the
           * two-byte ones (EUC-KR, EUC-CN) are whole in GR, so the run is self-contained. */
          size_t end = i;
          while (end < n && in[end] >= 0x80)
            end++;
          if (g1 == CS_NONE || iconv_names[g1] == NULL)
            out_replacement (o, end - i);
          else
            out_iconv (o, g1, in + i, end - i);
          i = end;
        }
    }
}

char *
lb_dicom_charset_to_utf8 (const char *charset, const uint8_t *bytes, size_t len, bool is_pn)
{
  Out o = { 0 };
  const Term *first = NULL;
  Charset init_g1 = CS_NONE;
  bool any_high = false;

  if (bytes == NULL)
    len = 0;

  /* Value 1 sets the initial state; later values only matter through escape sequences, and
   * for the G1 guess described at the top of the file. */
  if (charset != NULL)
    {
      const char *p = charset;
      for (int index = 0;; index++)
        {
          const char *end = strchr (p, '\\');
          const Term *t = find_term (p, end != NULL ? end : p + strlen (p));

          if (index == 0)
            first = t;
          else if (t != NULL && init_g1 == CS_NONE && !is_standalone (t->g1))
            init_g1 = t->g1;
          if (end == NULL)
            break;
          p = end + 1;
        }
    }
  if (first != NULL && first->g1 != CS_NONE)
    init_g1 = first->g1;
  if (init_g1 == CS_NONE && (first == NULL || first->g0 == CS_ASCII))
    init_g1 = CS_8859_1;   /* default repertoire: Latin-1, as pydicom */

  for (size_t i = 0; i < len && !any_high; i++)
    any_high = bytes[i] >= 0x80 || bytes[i] == 0x1b || bytes[i] == 0;

  out_reserve (&o, len + 1);
  if (!any_high)
    out_bytes (&o, bytes, len);   /* plain ASCII reads the same in every DICOM charset */
  else if (first != NULL && first->g1 == CS_UTF8)
    out_utf8 (&o, bytes, len);
  else if (first != NULL && is_standalone (first->g1))
    out_iconv_no_nul (&o, first->g1, bytes, len);
  else
    decode_iso2022 (&o, init_g1, bytes, len, is_pn);

  for (int i = 0; i < CS_COUNT; i++)
    if (o.cd[i] != (iconv_t) 0 && o.cd[i] != (iconv_t) -1)
      iconv_close (o.cd[i]);

  if (o.failed)
    {
      free (o.buf);
      return NULL;
    }
  o.buf[o.len] = '\0';
  return o.buf;
}
