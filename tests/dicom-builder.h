/* dicom-builder.h: DICOM bytes built by hand for the parser's unit tests: element headers in
 * either VR encoding and byte order, string and US values, items, delimiters, and a Part 10
 * file around a dataset. Each test program includes it once. */
#pragma once

#include <glib.h>
#include <string.h>

#include "lb-dicom.h"

/* ---- Byte fixtures ------------------------------------------------------------------------ */

typedef struct {
  GByteArray *b;
  gboolean be;
  gboolean explicit_vr;
} Builder;

G_GNUC_UNUSED static void
put16 (Builder *b, guint16 v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };
  if (b->be)
    x[0] = v >> 8, x[1] = v & 0xff;
  g_byte_array_append (b->b, x, 2);
}

G_GNUC_UNUSED static void
put32 (Builder *b, guint32 v)
{
  if (b->be)
    put16 (b, v >> 16), put16 (b, v & 0xffff);
  else
    put16 (b, v & 0xffff), put16 (b, v >> 16);
}

G_GNUC_UNUSED static gboolean
long_vr (const char *vr)
{
  static const char *const l[] = { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
                                   "UR", "UT", "UV" };
  for (guint i = 0; i < G_N_ELEMENTS (l); i++)
    if (strcmp (vr, l[i]) == 0)
      return TRUE;
  return FALSE;
}

G_GNUC_UNUSED static void
header (Builder *b, guint16 g, guint16 e, const char *vr, guint32 len)
{
  put16 (b, g);
  put16 (b, e);
  if (!b->explicit_vr || g == 0xfffe)
    {
      put32 (b, len);
      return;
    }
  g_byte_array_append (b->b, (const guint8 *) vr, 2);
  if (long_vr (vr))
    {
      put16 (b, 0);
      put32 (b, len);
    }
  else
    put16 (b, (guint16) len);
}

G_GNUC_UNUSED static void
element (Builder *b, guint16 g, guint16 e, const char *vr, const void *val, guint32 len)
{
  header (b, g, e, vr, len);
  g_byte_array_append (b->b, val, len);
}

/* A string value padded to even length (NUL for UI, space otherwise). */
G_GNUC_UNUSED static void
str (Builder *b, guint16 g, guint16 e, const char *vr, const char *s)
{
  guint32 n = (guint32) strlen (s);
  header (b, g, e, vr, n + (n & 1));
  g_byte_array_append (b->b, (const guint8 *) s, n);
  if (n & 1)
    g_byte_array_append (b->b, (const guint8 *) (strcmp (vr, "UI") == 0 ? "\0" : " "), 1);
}

G_GNUC_UNUSED static void
us (Builder *b, guint16 g, guint16 e, guint16 v)
{
  header (b, g, e, "US", 2);
  put16 (b, v);
}

G_GNUC_UNUSED static void
item (Builder *b, guint32 len)
{
  header (b, 0xfffe, 0xe000, NULL, len);
}

G_GNUC_UNUSED static void
item_end (Builder *b)
{
  header (b, 0xfffe, 0xe00d, NULL, 0);
}

G_GNUC_UNUSED static void
seq_end (Builder *b)
{
  header (b, 0xfffe, 0xe0dd, NULL, 0);
}

G_GNUC_UNUSED static Builder
builder (gboolean explicit_vr, gboolean be)
{
  return (Builder) { g_byte_array_new (), be, explicit_vr };
}

/* Preamble, DICM and a file meta group naming `ts`, then `ds`. Frees ds. */
G_GNUC_UNUSED static GBytes *
make_file (const char *ts, Builder *ds, gboolean preamble)
{
  Builder m = builder (TRUE, FALSE);
  guint8 zero[128] = { 0 };
  Builder meta = builder (TRUE, FALSE);
  element (&meta, 0x0002, 0x0001, "OB", "\0\1", 2);
  str (&meta, 0x0002, 0x0010, "UI", ts);
  if (preamble)
    g_byte_array_append (m.b, zero, 128);
  g_byte_array_append (m.b, (const guint8 *) "DICM", 4);
  header (&m, 0x0002, 0x0000, "UL", 4);
  put32 (&m, meta.b->len);
  g_byte_array_append (m.b, meta.b->data, meta.b->len);
  g_byte_array_append (m.b, ds->b->data, ds->b->len);
  g_byte_array_unref (meta.b);
  g_byte_array_unref (ds->b);
  return g_byte_array_free_to_bytes (m.b);
}

/* The parser's read of all of `bytes` into a new file (whose values point into them: keep them
 * to its end); NULL when the parser refuses them. */
G_GNUC_UNUSED static LbDicomFile *
read_bytes (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  LbDicomFile *file = lb_dicom_file_new (NULL);
  if (!lb_dicom_file_read (file, data, len, 0, NULL))
    {
      lb_dicom_file_free (file);
      return NULL;
    }
  return file;
}
