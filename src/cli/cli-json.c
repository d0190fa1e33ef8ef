/* cli-json.c: the JSON writer of cli-json.h. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-json.h"

void
lb_json_init (LbJson *json, GString *out, gboolean pretty)
{
  memset (json, 0, sizeof *json);
  json->out = out;
  json->pretty = pretty;
}

static void
newline_indent (LbJson *json)
{
  if (!json->pretty)
    return;
  g_string_append_c (json->out, '\n');
  for (guint i = 0; i < json->depth; i++)
    g_string_append (json->out, "  ");
}

/* Writes what must come before a value or a key: a comma after a previous sibling, and the
 * line break of pretty output. Values after a key stay on the key's line. */
static void
before_value (LbJson *json)
{
  if (json->after_key)
    {
      json->after_key = FALSE;
      return;
    }
  if (json->depth == 0)
    return;
  guint d = MIN (json->depth, LB_JSON_MAX_DEPTH - 1);
  if (json->has_items[d])
    g_string_append_c (json->out, ',');
  json->has_items[d] = TRUE;
  newline_indent (json);
}

static void
begin (LbJson *json, char c)
{
  before_value (json);
  g_string_append_c (json->out, c);
  json->depth++;
  json->has_items[MIN (json->depth, LB_JSON_MAX_DEPTH - 1)] = FALSE;
}

static void
end (LbJson *json, char c)
{
  gboolean had = json->has_items[MIN (json->depth, LB_JSON_MAX_DEPTH - 1)];
  if (json->depth > 0)
    json->depth--;
  if (had)
    newline_indent (json);
  g_string_append_c (json->out, c);
}

void
lb_json_begin_object (LbJson *json)
{
  begin (json, '{');
}

void
lb_json_end_object (LbJson *json)
{
  end (json, '}');
}

void
lb_json_begin_array (LbJson *json)
{
  begin (json, '[');
}

void
lb_json_end_array (LbJson *json)
{
  end (json, ']');
}

void
lb_json_key (LbJson *json, const char *key)
{
  before_value (json);
  lb_json_append_escaped (json->out, key, -1);
  g_string_append (json->out, json->pretty ? ": " : ":");
  json->after_key = TRUE;
}

void
lb_json_append_escaped (GString *out, const char *utf8, gssize len)
{
  static const char hex[] = "0123456789abcdef";
  const char *p = utf8;
  const char *stop = len < 0 ? utf8 + strlen (utf8) : utf8 + len;

  g_string_append_c (out, '"');
  while (p < stop)
    {
      unsigned char c = (unsigned char) *p;
      if (c >= 0x80)
        {
          /* Copy valid multi-byte sequences; anything else becomes U+FFFD so the output stays
           * valid UTF-8 (JSON parsers reject invalid UTF-8). */
          gunichar u = g_utf8_get_char_validated (p, stop - p);
          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              g_string_append (out, "\xef\xbf\xbd");
              p++;
              continue;
            }
          const char *next = g_utf8_next_char (p);
          g_string_append_len (out, p, next - p);
          p = next;
          continue;
        }
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[c >> 4]);
              g_string_append_c (out, hex[c & 15]);
            }
          else
            g_string_append_c (out, (char) c);
        }
      p++;
    }
  g_string_append_c (out, '"');
}

void
lb_json_append_double (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* %.17g always round-trips but prints 0.1 as 0.10000000000000001; try shorter forms first
   * so DS values like "0.5" come out as written. g_ascii_formatd ignores the locale. */
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

void
lb_json_string_len (LbJson *json, const char *utf8, gssize len)
{
  before_value (json);
  if (utf8 == NULL)
    g_string_append (json->out, "null");
  else
    lb_json_append_escaped (json->out, utf8, len);
}

void
lb_json_string (LbJson *json, const char *utf8)
{
  lb_json_string_len (json, utf8, -1);
}

void
lb_json_int (LbJson *json, int64_t value)
{
  before_value (json);
  g_string_append_printf (json->out, "%" PRId64, value);
}

void
lb_json_uint (LbJson *json, uint64_t value)
{
  before_value (json);
  g_string_append_printf (json->out, "%" PRIu64, value);
}

void
lb_json_double (LbJson *json, double value)
{
  before_value (json);
  lb_json_append_double (json->out, value);
}

void
lb_json_bool (LbJson *json, gboolean value)
{
  before_value (json);
  g_string_append (json->out, value ? "true" : "false");
}

void
lb_json_null (LbJson *json)
{
  before_value (json);
  g_string_append (json->out, "null");
}

void
lb_json_raw (LbJson *json, const char *fragment)
{
  before_value (json);
  g_string_append (json->out, fragment);
}

void
lb_json_member_string (LbJson *json, const char *key, const char *utf8)
{
  lb_json_key (json, key);
  lb_json_string (json, utf8);
}

void
lb_json_member_int (LbJson *json, const char *key, int64_t value)
{
  lb_json_key (json, key);
  lb_json_int (json, value);
}

void
lb_json_member_double (LbJson *json, const char *key, double value)
{
  lb_json_key (json, key);
  lb_json_double (json, value);
}
