/* test-dicom-value.c: VR helpers, strings, numbers in both byte orders, VM, formatting,
 * escaping, keywords; values checked against pydicom on corpus files. */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "lb-dicom.h"
#include "lb-test-files.h"

/* One explicit VR element (LE or BE) in a dataset with no meta: parsed and returned with its
 * file, which the caller frees. */
typedef struct {
  LbDicomFile *file;
  const LbDicomElement *el;
  GByteArray *bytes;
} One;

static void
put16 (GByteArray *b, gboolean be, guint16 v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };
  if (be)
    x[0] = v >> 8, x[1] = v & 0xff;
  g_byte_array_append (b, x, 2);
}

static One
one (const char *vr, const void *value, guint32 len, gboolean be, const char *charset)
{
  GByteArray *b = g_byte_array_new ();
  if (charset != NULL)
    {
      guint32 n = (guint32) strlen (charset);
      put16 (b, be, 0x0008), put16 (b, be, 0x0005);
      g_byte_array_append (b, (const guint8 *) "CS", 2);
      put16 (b, be, (guint16) (n + (n & 1)));
      g_byte_array_append (b, (const guint8 *) charset, n);
      if (n & 1)
        g_byte_array_append (b, (const guint8 *) " ", 1);
    }
  put16 (b, be, 0x0009);
  put16 (b, be, 0x1000);
  g_byte_array_append (b, (const guint8 *) vr, 2);
  if (strchr ("OB OD OF OL OV OW SQ SV UC UN UR UT UV", vr[0]) != NULL
      && strstr ("OB OD OF OL OV OW SQ SV UC UN UR UT UV", vr) != NULL)
    {
      put16 (b, be, 0);
      put16 (b, be, be ? (guint16) (len >> 16) : (guint16) (len & 0xffff));
      put16 (b, be, be ? (guint16) (len & 0xffff) : (guint16) (len >> 16));
    }
  else
    put16 (b, be, (guint16) len);
  g_byte_array_append (b, value, len);
  One o = { lb_dicom_file_new (NULL), NULL, b };
  LbDicomError *err = NULL;
  if (!lb_dicom_file_read (o.file, b->data, b->len, 0, &err))
    g_error ("fixture did not parse: %s", err->message);
  o.el = lb_dicom_file_lookup (o.file, LB_DICOM_TAG (0x0009, 0x1000));
  g_assert_nonnull (o.el);
  return o;
}

static void
one_free (One *o)
{
  lb_dicom_file_free (o->file);
  g_byte_array_unref (o->bytes);
}

static One
one_str (const char *vr, const char *s)
{
  return one (vr, s, (guint32) strlen (s), FALSE, NULL);
}

static void
test_vr_helpers (void)
{
  for (int v = LB_DICOM_VR_AE; v < LB_DICOM_VR_COUNT; v++)
    {
      const char *n = lb_dicom_vr_name (v);
      g_assert_cmpuint (strlen (n), ==, 2);
      g_assert_cmpint (lb_dicom_vr_from_chars (n[0], n[1]), ==, v);
    }
  g_assert_cmpstr (lb_dicom_vr_name (LB_DICOM_VR_NONE), ==, "");
  g_assert_cmpstr (lb_dicom_vr_name (LB_DICOM_VR_COUNT + 5), ==, "");
  g_assert_cmpint (lb_dicom_vr_from_chars ('X', 'X'), ==, LB_DICOM_VR_NONE);
  g_assert_cmpint (lb_dicom_vr_from_chars ('\0', 'S'), ==, LB_DICOM_VR_NONE);
  /* PS3.5 Table 7.1-1: the 32-bit length VRs. */
  const char *lng = "OB OD OF OL OV OW SQ SV UC UN UR UT UV";
  const char *str = "AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT";
  for (int v = LB_DICOM_VR_AE; v < LB_DICOM_VR_COUNT; v++)
    {
      const char *n = lb_dicom_vr_name (v);
      g_assert_cmpint (lb_dicom_vr_has_long_length (v), ==, strstr (lng, n) != NULL);
      g_assert_cmpint (lb_dicom_vr_is_string (v), ==, strstr (str, n) != NULL);
    }
  LbDicomLimits l;
  lb_dicom_limits_init_default (&l);
  g_assert_cmpuint (l.max_depth, ==, 32);
  g_assert_cmpuint (l.max_elements, ==, 1u << 22);
  g_assert_cmpuint (l.max_value_length, ==, G_GUINT64_CONSTANT (1) << 30);
}

static void
test_strings (void)
{
  One o = one_str ("CS", " ORIGINAL\\PRIMARY \\\\AXIAL  ");
  g_assert_cmpuint (lb_dicom_element_get_vm (o.el), ==, 4);
  g_autofree char *s0 = lb_dicom_element_get_string (o.el, 0);
  g_autofree char *s1 = lb_dicom_element_get_string (o.el, 1);
  g_autofree char *s2 = lb_dicom_element_get_string (o.el, 2);
  g_autofree char *s3 = lb_dicom_element_get_string (o.el, 3);
  g_assert_cmpstr (s0, ==, "ORIGINAL");
  g_assert_cmpstr (s1, ==, "PRIMARY");
  g_assert_cmpstr (s2, ==, "");
  g_assert_cmpstr (s3, ==, "AXIAL");
  g_assert_null (lb_dicom_element_get_string (o.el, 4));
  g_autofree char *t = lb_dicom_element_get_text (o.el);
  g_assert_cmpstr (t, ==, "ORIGINAL\\PRIMARY\\\\AXIAL");
  one_free (&o);

  /* LT keeps leading spaces and backslashes; trailing padding goes. */
  o = one_str ("LT", "  a\\b  ");
  g_assert_cmpuint (lb_dicom_element_get_vm (o.el), ==, 1);
  g_autofree char *lt = lb_dicom_element_get_string (o.el, 0);
  g_assert_cmpstr (lt, ==, "  a\\b");
  g_assert_null (lb_dicom_element_get_string (o.el, 1));
  one_free (&o);

  /* UI padded with NUL; an empty value has VM 0 and no string. */
  o = one ("UI", "1.2.3\0", 6, FALSE, NULL);
  g_autofree char *ui = lb_dicom_element_get_string (o.el, 0);
  g_assert_cmpstr (ui, ==, "1.2.3");
  one_free (&o);
  o = one ("LO", "", 0, FALSE, NULL);
  g_assert_cmpuint (lb_dicom_element_get_vm (o.el), ==, 0);
  g_assert_null (lb_dicom_element_get_string (o.el, 0));
  g_autofree char *empty = lb_dicom_element_get_text (o.el);
  g_assert_cmpstr (empty, ==, "");
  g_autofree char *fe = lb_dicom_element_format_value (o.el, 0);
  g_assert_cmpstr (fe, ==, "");
  one_free (&o);

  /* Latin-1 through the dataset's character set. */
  o = one ("PN", "M\xfcller^J\xf6rg", 12, FALSE, "ISO_IR 100");
  g_autofree char *pn = lb_dicom_element_get_string (o.el, 0);
  g_assert_cmpstr (pn, ==, "M\xc3\xbcller^J\xc3\xb6rg");
  one_free (&o);

  /* Not a string VR: no bytes are interpreted as text. */
  guint8 ob[] = { 1, 2 };
  o = one ("OB", ob, 2, FALSE, NULL);
  g_assert_null (lb_dicom_element_get_string (o.el, 0));
  g_assert_null (lb_dicom_element_get_text (o.el));
  one_free (&o);
}

static void
test_numbers_both_orders (void)
{
  for (int be = 0; be <= 1; be++)
    {
      guint8 us[4] = { 0x12, 0x34, 0xff, 0xfe };
      One o = one ("US", us, 4, be, NULL);
      uint64_t u = 0;
      int64_t i = 0;
      double d = 0;
      g_assert_cmpuint (lb_dicom_element_get_vm (o.el), ==, 2);
      g_assert_true (lb_dicom_element_get_uint (o.el, 0, &u));
      g_assert_cmphex (u, ==, be ? 0x1234 : 0x3412);
      g_assert_true (lb_dicom_element_get_int (o.el, 1, &i));
      g_assert_cmpint (i, ==, be ? 0xfffe : 0xfeff);
      g_assert_false (lb_dicom_element_get_int (o.el, 2, &i));
      one_free (&o);

      o = one ("SS", us, 4, be, NULL);
      g_assert_true (lb_dicom_element_get_int (o.el, 1, &i));
      g_assert_cmpint (i, ==, be ? -2 : -257);
      g_assert_false (lb_dicom_element_get_uint (o.el, 1, &u));
      g_assert_true (lb_dicom_element_get_double (o.el, 1, &d));
      g_assert_cmpfloat (d, ==, be ? -2.0 : -257.0);
      one_free (&o);

      guint8 sl[4] = { 0xff, 0xff, 0xff, 0xfd };
      if (!be)
        sl[0] = 0xfd, sl[3] = 0xff;
      o = one ("SL", sl, 4, be, NULL);
      g_assert_true (lb_dicom_element_get_int (o.el, 0, &i));
      g_assert_cmpint (i, ==, -3);
      one_free (&o);

      guint8 fd[8];
      double pi = 3.141592653589793;
      guint64 bits;
      memcpy (&bits, &pi, 8);
      for (int k = 0; k < 8; k++)
        fd[k] = (guint8) (bits >> (be ? 56 - 8 * k : 8 * k));
      o = one ("FD", fd, 8, be, NULL);
      g_assert_true (lb_dicom_element_get_double (o.el, 0, &d));
      g_assert_cmpfloat (d, ==, pi);
      g_assert_false (lb_dicom_element_get_int (o.el, 0, &i));
      g_autofree char *f = lb_dicom_element_format_value (o.el, 0);
      g_assert_cmpstr (f, ==, "3.141592653589793");
      one_free (&o);

      float fl = 0.1f;
      guint32 fb;
      memcpy (&fb, &fl, 4);
      guint8 flb[4];
      for (int k = 0; k < 4; k++)
        flb[k] = (guint8) (fb >> (be ? 24 - 8 * k : 8 * k));
      o = one ("FL", flb, 4, be, NULL);
      g_assert_true (lb_dicom_element_get_double (o.el, 0, &d));
      g_assert_cmpfloat (d, ==, (double) 0.1f);
      g_autofree char *ff = lb_dicom_element_format_value (o.el, 0);
      g_assert_cmpstr (ff, ==, "0.1");
      one_free (&o);

      guint8 at[4] = { 0x00, 0x28, 0x00, 0x10 };
      if (!be)
        at[0] = 0x28, at[1] = 0x00, at[2] = 0x10, at[3] = 0x00;
      o = one ("AT", at, 4, be, NULL);
      g_assert_true (lb_dicom_element_get_uint (o.el, 0, &u));
      g_assert_cmphex (u, ==, 0x00280010);
      g_autofree char *fa = lb_dicom_element_format_value (o.el, 0);
      g_assert_cmpstr (fa, ==, "(0028,0010)");
      one_free (&o);

      guint8 uv[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
      o = one ("UV", uv, 8, be, NULL);
      g_assert_true (lb_dicom_element_get_uint (o.el, 0, &u));
      g_assert_cmphex (u, ==, G_MAXUINT64);
      g_assert_false (lb_dicom_element_get_int (o.el, 0, &i));   /* does not fit */
      g_autofree char *fu = lb_dicom_element_format_value (o.el, 0);
      g_assert_cmpstr (fu, ==, "18446744073709551615");
      one_free (&o);
      o = one ("SV", uv, 8, be, NULL);
      g_assert_true (lb_dicom_element_get_int (o.el, 0, &i));
      g_assert_cmpint (i, ==, -1);
      one_free (&o);

      guint8 ow[4] = { 0x01, 0x02, 0x03, 0x04 };
      o = one ("OW", ow, 4, be, NULL);
      g_assert_cmpuint (lb_dicom_element_get_vm (o.el), ==, 1);
      g_assert_true (lb_dicom_element_get_uint (o.el, 1, &u));
      g_assert_cmphex (u, ==, be ? 0x0304 : 0x0403);
      g_autofree char *fo = lb_dicom_element_format_value (o.el, 0);
      g_assert_cmpstr (fo, ==, be ? "0102\\0304" : "0201\\0403");
      one_free (&o);
    }
}

static void
test_decimal_strings (void)
{
  /* Lenient DS/IS: padding, signs, exponents, "12.0" as an integer, a decimal comma. */
  One o = one_str ("DS", " -1.5\\+2E2\\3,25 \\abc\\12.0");
  double d = 0;
  int64_t i = 0;
  g_assert_cmpuint (lb_dicom_element_get_vm (o.el), ==, 5);
  g_assert_true (lb_dicom_element_get_double (o.el, 0, &d));
  g_assert_cmpfloat (d, ==, -1.5);
  g_assert_true (lb_dicom_element_get_double (o.el, 1, &d));
  g_assert_cmpfloat (d, ==, 200.0);
  g_assert_true (lb_dicom_element_get_double (o.el, 2, &d));
  g_assert_cmpfloat (d, ==, 3.25);
  g_assert_false (lb_dicom_element_get_double (o.el, 3, &d));
  g_assert_false (lb_dicom_element_get_int (o.el, 0, &i));
  g_assert_true (lb_dicom_element_get_int (o.el, 4, &i));
  g_assert_cmpint (i, ==, 12);
  g_assert_false (lb_dicom_element_get_double (o.el, 5, &d));
  one_free (&o);

  o = one_str ("IS", "  -42 \\7");
  g_assert_true (lb_dicom_element_get_int (o.el, 0, &i));
  g_assert_cmpint (i, ==, -42);
  g_assert_true (lb_dicom_element_get_double (o.el, 1, &d));
  g_assert_cmpfloat (d, ==, 7.0);
  one_free (&o);

  /* Independent of the user's locale (a decimal comma locale, if installed). */
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
    {
      o = one_str ("DS", "0.5 ");
      g_assert_true (lb_dicom_element_get_double (o.el, 0, &d));
      g_assert_cmpfloat (d, ==, 0.5);
      one_free (&o);
      guint8 fd[8];
      double v = 0.25;
      memcpy (fd, &v, 8);
      o = one ("FD", fd, 8, FALSE, NULL);
      g_autofree char *f = lb_dicom_element_format_value (o.el, 0);
      g_assert_cmpstr (f, ==, "0.25");
      one_free (&o);
    }
  setlocale (LC_NUMERIC, saved);
}

static void
test_format_and_escape (void)
{
  One o = one_str ("LT", "line1\nline2\ttab\x01");
  g_autofree char *f = lb_dicom_element_format_value (o.el, 0);
  g_assert_cmpstr (f, ==, "line1\\nline2\\ttab\\x01");
  g_autofree char *cut = lb_dicom_element_format_value (o.el, 5);
  g_assert_cmpstr (cut, ==, "line1...");
  one_free (&o);

  guint8 ob[5] = { 0x00, 0x01, 0xab, 0xff, 0x10 };
  o = one ("OB", ob, 5, FALSE, NULL);
  g_autofree char *h = lb_dicom_element_format_value (o.el, 0);
  g_assert_cmpstr (h, ==, "00\\01\\ab\\ff\\10");
  g_autofree char *hc = lb_dicom_element_format_value (o.el, 4);
  g_assert_cmpstr (hc, ==, "00\\0...");
  one_free (&o);

  /* A big binary value with a limit: formatting stops early. */
  guint8 *big = g_malloc0 (1 << 20);
  o = one ("OB", big, 1 << 20, FALSE, NULL);
  g_autofree char *bf = lb_dicom_element_format_value (o.el, 64);
  g_assert_cmpuint (strlen (bf), ==, 67);
  one_free (&o);
  g_free (big);

  g_autofree char *e1 = lb_dicom_escape_text ("ok \xc3\xa9 \x7f \xff\xfe end");
  g_assert_cmpstr (e1, ==, "ok \xc3\xa9 \\x7F \xef\xbf\xbd\xef\xbf\xbd end");
  g_autofree char *e2 = lb_dicom_escape_text ("\xed\xa0\x80");   /* a UTF-16 surrogate */
  g_assert_cmpstr (e2, ==, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  g_autofree char *e3 = lb_dicom_escape_text ("\xe2\x82");   /* cut short */
  g_assert_cmpstr (e3, ==, "\xef\xbf\xbd\xef\xbf\xbd");
  g_autofree char *e4 = lb_dicom_escape_text (NULL);
  g_assert_cmpstr (e4, ==, "");

  /* Cutting counts characters, not bytes. */
  o = one ("UT", "\xc3\xa9\xc3\xa9\xc3\xa9", 6, FALSE, "ISO_IR 192");
  g_autofree char *u = lb_dicom_element_format_value (o.el, 2);
  g_assert_cmpstr (u, ==, "\xc3\xa9\xc3\xa9...");
  one_free (&o);
}

/* A file by its corpus path: the copy in tests/samples, else the corpus's; NULL if neither. */
static LbDicomFile *
read_corpus (const char *rel)
{
  g_autofree char *p = lb_test_file (rel);
  if (!g_file_test (p, G_FILE_TEST_EXISTS))
    return NULL;
  LbDicomFile *f = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read_path (f, p, 0, NULL));
  return f;
}

static void
test_keywords_and_sequences (void)
{
  /* 693_J2KR: 693_UNCR's header with its pixels in JPEG 2000, small enough for tests/samples. */
  LbDicomFile *f = read_corpus ("pydicom-data/693_J2KR.dcm");
  if (f == NULL)
    {
      g_test_skip ("not in tests/samples, and no corpus");
      return;
    }
  const LbDicomElement *rows = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0028, 0x0010));
  g_assert_cmpstr (lb_dicom_element_get_keyword (rows), ==, "Rows");
  g_assert_cmpstr (lb_dicom_element_get_name (rows), ==, "Rows");
  const LbDicomElement *sq = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0008, 0x9215));
  g_assert_cmpstr (lb_dicom_element_get_keyword (sq), ==, "DerivationCodeSequence");
  g_autofree char *fs = lb_dicom_element_format_value (sq, 0);
  g_assert_cmpstr (fs, ==, "(1 item)");
  const LbDicomElement *type = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0008, 0x0008));
  g_autofree char *ft = lb_dicom_element_format_value (type, 0);
  g_assert_cmpstr (ft, ==, "ORIGINAL\\PRIMARY\\AXIAL");   /* as dcmdump shows it */
  g_assert_cmpuint (lb_dicom_element_get_vm (type), ==, 3);
  const LbDicomElement *meta = lb_dicom_file_lookup (f, LB_DICOM_TAG (0x0002, 0x0001));
  g_autofree char *fm = lb_dicom_element_format_value (meta, 0);
  g_assert_cmpstr (fm, ==, "00\\01");
  lb_dicom_file_free (f);
}

/* Every numeric and string value of some files against pydicom's, value by value (the last
 * three are in tests/samples; the first two only in the corpus). */
static void
test_values_vs_pydicom (void)
{
  const char *rels[] = { "pydicom-data/693_UNCR.dcm", "derived/CT_signed14_expb.dcm",
                         "derived/dicomdir/IMAGES/PT000001", "pydicom-data/693_J2KR.dcm",
                         "pydicom-data/emri_small_big_endian.dcm" };
  for (guint r = 0; r < G_N_ELEMENTS (rels); r++)
    {
      LbDicomFile *f = read_corpus (rels[r]);
      if (f == NULL)
        continue;
      g_autofree char *p = lb_test_file (rels[r]);
      const char *script =
        "import sys, warnings, pydicom\n"
        "warnings.simplefilter('ignore')\n"
        "ds = pydicom.dcmread(sys.argv[1])\n"
        "for el in ds:\n"
        "    if el.VR in ('SQ', 'OB', 'OW', 'UN', 'OF', 'OD', 'OL', 'OV') or el.tag >> 16 & 1:\n"
        "        continue\n"
        "    v = el.value\n"
        "    vals = list(v) if isinstance(v, pydicom.multival.MultiValue) else [v]\n"
        "    if v is None or v == '' or (isinstance(v, bytes) and not v): vals = []\n"
        "    for i, x in enumerate(vals):\n"
        "        print('%08x\\t%d\\t%s\\t%r' % (el.tag, i, el.VR, float(x) if el.VR in "
        "('DS','FL','FD') else (int(x) if el.VR in ('IS','US','SS','UL','SL','AT') else "
        "str(x))))\n";
      const char *argv[] = { "/usr/bin/python3", "-c", script, p, NULL };
      g_autofree char *out = NULL;
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         NULL, NULL))
        {
          lb_dicom_file_free (f);
          g_test_skip ("no python3");
          return;
        }
      g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
      guint n = 0;
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          g_auto (GStrv) c = g_strsplit (lines[i], "\t", 4);
          guint32 tag = (guint32) g_ascii_strtoull (c[0], NULL, 16);
          guint32 idx = (guint32) g_ascii_strtoull (c[1], NULL, 10);
          const char *vr = c[2], *want = c[3];
          const LbDicomElement *el = lb_dicom_file_lookup (f, tag);
          g_assert_nonnull (el);
          if (strcmp (vr, "DS") == 0 || strcmp (vr, "FL") == 0 || strcmp (vr, "FD") == 0)
            {
              double d = 0;
              g_assert_true (lb_dicom_element_get_double (el, idx, &d));
              g_assert_cmpfloat (d, ==, g_ascii_strtod (want, NULL));
            }
          else if (strcmp (vr, "IS") == 0 || strcmp (vr, "US") == 0 || strcmp (vr, "SS") == 0
                   || strcmp (vr, "UL") == 0 || strcmp (vr, "SL") == 0
                   || strcmp (vr, "AT") == 0)
            {
              int64_t v = 0;
              g_assert_true (lb_dicom_element_get_int (el, idx, &v));
              g_assert_cmpint (v, ==, g_ascii_strtoll (want, NULL, 10));
            }
          else
            {
              g_autofree char *s = lb_dicom_element_get_string (el, idx);
              /* pydicom's repr: quotes around the string, escapes for non-ASCII. */
              g_autofree char *q = g_strdup_printf ("'%s'", s != NULL ? s : "");
              g_autofree char *q2 = g_strdup_printf ("\"%s\"", s != NULL ? s : "");
              if (strcmp (q, want) != 0 && strcmp (q2, want) != 0)
                g_error ("%s (%08x)[%u]: ours %s, pydicom %s", rels[r], tag, idx, q, want);
            }
          n++;
        }
      g_test_message ("%s: %u values equal pydicom's", rels[r], n);
      g_assert_cmpuint (n, >, 20);
      lb_dicom_file_free (f);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom-value/vr-helpers", test_vr_helpers);
  g_test_add_func ("/dicom-value/strings", test_strings);
  g_test_add_func ("/dicom-value/numbers", test_numbers_both_orders);
  g_test_add_func ("/dicom-value/decimal-strings", test_decimal_strings);
  g_test_add_func ("/dicom-value/format-escape", test_format_and_escape);
  g_test_add_func ("/dicom-value/keywords-sequences", test_keywords_and_sequences);
  g_test_add_func ("/dicom-value/vs-pydicom", test_values_vs_pydicom);
  return g_test_run ();
}
