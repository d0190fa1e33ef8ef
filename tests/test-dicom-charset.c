/* test-dicom-charset.c: Specific Character Set -> UTF-8 against pydicom and PS3.5 examples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pydicom test files (chrH31 / chrH32 Japanese, chrI2 / chrKoreanMulti Korean, chrX1 UTF-8,
 * chrX2 GB18030, chrSQEncoding* with a different charset per sequence item, ...) are read by
 * pydicom at run time; for every text element the helper prints the raw bytes, the charset in
 * effect and pydicom's decoding, and lb_dicom_charset_to_utf8 must give the same string.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "lb-dicom.h"

/* One line per text element: file, charset, VR, raw hex, expected UTF-8 hex. PN values are
 * decoded per component group as pydicom's PersonName does, without dropping trailing empty
 * groups, since the function under test converts bytes and does not edit them. */
static const char reference_script[] =
  "import os, warnings\n"
  "warnings.simplefilter('ignore')\n"
  "import pydicom\n"
  "from pydicom.charset import convert_encodings, decode_bytes\n"
  "from pydicom.valuerep import PN_DELIMS, TEXT_VR_DELIMS\n"
  "d = os.path.join(os.path.dirname(pydicom.__file__), 'data', 'charset_files')\n"
  "TEXT = {'SH', 'LO', 'ST', 'LT', 'UT', 'UC', 'PN'}\n"
  "def walk(name, ds, charset):\n"
  "    if 0x00080005 in ds:\n"
  "        v = ds[0x00080005].value\n"
  "        charset = (v if isinstance(v, str) else '\\\\'.join(v)).rstrip(' \\0')\n"
  "    encs = convert_encodings(charset.split('\\\\'))\n"
  "    for tag in list(ds.keys()):\n"
  "        rawel = ds.get_item(tag)\n"
  "        vr = rawel.VR or pydicom.datadict.dictionary_VR(tag)\n"
  "        if vr == 'SQ':\n"
  "            for item in ds[tag].value:\n"
  "                walk(name, item, charset)\n"
  "            continue\n"
  "        if vr not in TEXT or not isinstance(rawel.value, bytes):\n"
  "            continue\n"
  "        raw = rawel.value.rstrip(b' \\0')\n"
  "        if vr == 'PN':\n"
  "            exp = '\\\\'.join('='.join(decode_bytes(g, encs, PN_DELIMS)\n"
  "                                       for g in v.split(b'='))\n"
  "                             for v in raw.split(b'\\\\'))\n"
  "            if tag == 0x00100010 and ds[tag].VM == 1:\n"
  "                assert str(ds[tag].value) == exp.rstrip('='), (name, exp)\n"
  "        elif vr in ('ST', 'LT', 'UT'):\n"
  "            exp = decode_bytes(raw, encs, TEXT_VR_DELIMS)\n"
  "        else:\n"
  "            exp = '\\\\'.join(decode_bytes(v, encs, TEXT_VR_DELIMS)\n"
  "                             for v in raw.split(b'\\\\'))\n"
  "        print('%s\\t%s\\t%s\\t%s\\t%s' % (name, charset, vr, raw.hex(),\n"
  "                                     exp.encode('utf-8').hex()))\n"
  "for f in sorted(os.listdir(d)):\n"
  "    if f.endswith('.dcm'):\n"
  "        walk(f, pydicom.dcmread(os.path.join(d, f)), '')\n";

static GBytes *
unhex (const char *hex)
{
  size_t n = strlen (hex) / 2;
  guint8 *b = g_malloc (n + 1);

  g_assert_cmpuint (strlen (hex) % 2, ==, 0);
  for (size_t i = 0; i < n; i++)
    b[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4
                     | g_ascii_xdigit_value (hex[2 * i + 1]));
  b[n] = 0;
  return g_bytes_new_take (b, n);
}

static void
test_pydicom_files (void)
{
  const char *python = g_getenv ("LB_PYTHON3");
  const char *argv[] = { python != NULL ? python : "/usr/bin/python3", "-c", reference_script,
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_pn = 0, n_nonascii = 0;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pydicom reference failed (is python3-pydicom installed?): %s\n%s",
             error->message, err);

  lines = g_strsplit (out, "\n", -1);
  for (char **l = lines; *l != NULL && **l != '\0'; l++)
    {
      g_auto (GStrv) f = g_strsplit (*l, "\t", -1);
      g_autoptr (GBytes) raw = NULL;
      g_autoptr (GBytes) expected = NULL;
      g_autofree char *expected_str = NULL;
      g_autofree char *got = NULL;
      const guint8 *p;
      gsize len;
      bool is_pn;

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      raw = unhex (f[3]);
      expected = unhex (f[4]);
      is_pn = strcmp (f[2], "PN") == 0;
      p = g_bytes_get_data (raw, &len);
      expected_str = g_strndup (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

      got = lb_dicom_charset_to_utf8 (f[1][0] != '\0' ? f[1] : NULL, p, len, is_pn);
      g_assert_nonnull (got);
      if (g_strcmp0 (got, expected_str) != 0)
        g_test_message ("%s (%s) %s %s", f[0], f[1], f[2], f[3]);
      g_assert_cmpstr (got, ==, expected_str);
      g_hash_table_add (files, g_strdup (f[0]));
      n_pn += is_pn && len > 0;
      for (gsize i = 0; i < len; i++)
        if (p[i] >= 0x80 || p[i] == 0x1b)
          {
            n_nonascii++;
            break;
          }
    }
  /* All 17 files, and real non-ASCII or escaped content, or the comparison proves little. */
  g_assert_cmpuint (g_hash_table_size (files), ==, 17);
  g_assert_cmpuint (n_pn, >=, 30);
  g_assert_cmpuint (n_nonascii, >=, 25);
}

typedef struct {
  const char *charset;
  const char *bytes;
  bool is_pn;
  const char *utf8;
} Vector;

/* Expected strings are PS3.5 Annexes H, I, J and K, or code charts of the ISO 8859 parts and
 * JIS X 0201/0208/0212, cross-checked with Python's codecs. */
static const Vector vectors[] = {
  /* PS3.5 I.2: Korean, KS X 1001 designated to G1 by ESC $ ) C before each Hangul/Hanja run. */
  { "\\ISO 2022 IR 149",
    "Hong^Gildong=\033$)C\xfb\xf3^\033$)C\xd1\xce\xd4\xd7=\033$)C\xc8\xab^\033$)C\xb1\xe6\xb5\xbf",
    true, "Hong^Gildong=洪^吉洞=홍^길동" },
  /* The same without escape sequences, as Korean systems often write it: the only declared
   * G1 set is used (pydicom would give Latin-1 here). */
  { "\\ISO 2022 IR 149", "\xc8\xab^\xb1\xe6\xb5\xbf", true, "홍^길동" },
  /* PS3.5 H.3.1: JIS X 0208 in G0 (ESC $ B), back to ASCII (ESC ( B) before delimiters. */
  { "\\ISO 2022 IR 87",
    "Yamada^Tarou=\033$B;3ED\033(B^\033$BB@O:\033(B=\033$B$d$^$@\033(B^\033$B$?$m$&\033(B",
    true, "Yamada^Tarou=山田^太郎=やまだ^たろう" },
  /* PS3.5 H.3.2: half-width katakana from value 1 (ISO IR 13), kanji via ESC $ B, ESC ( J. */
  { "ISO 2022 IR 13\\ISO 2022 IR 87",
    "\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\033$B;3ED\033(J^\033$BB@O:\033(J=\033$B$d$^$@\033(J^"
    "\033$B$?$m$&\033(J",
    true, "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう" },
  { "ISO_IR 13", "\xd4\xcf\xc0\xde", false, "ﾔﾏﾀﾞ" },
  /* A Shift-JIS kanji whose trail byte is '\\' is one character, not a delimiter. */
  { "ISO_IR 13", "\x95\x5c", false, "表" },
  /* Inside JIS X 0208 the byte '=' is half of a kanji (0x3D3D), not a PN delimiter. */
  { "\\ISO 2022 IR 87", "\033$B==\033(B", true, "十" },
  /* JIS X 0212 (ESC $ ( D): 0x3021 is U+4E02. */
  { "\\ISO 2022 IR 159", "\033$(D0!\033(B", false, "丂" },
  /* PS3.5 K.2: GB 2312 in G1 (ESC $ ) A). */
  { "\\ISO 2022 IR 58", "Zhang^XiaoDong=\033$)A\xd5\xc5^\033$)A\xd0\xa1\xb6\xab=", true,
    "Zhang^XiaoDong=张^小东=" },
  /* PS3.5 J and K.1: UTF-8 and GB18030 stand alone. */
  { "ISO_IR 192", "Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f\xe6\x9d\xb1=", true,
    "Wang^XiaoDong=王^小東=" },
  { "GB18030", "Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=", true, "Wang^XiaoDong=王^小东=" },
  { "GB18030", "\x81\x30\x81\x30", false, "\xc2\x80" },
  { "GBK", "\xcd\xf5", false, "王" },
  /* GBK trail bytes may be '\\' (0x5C): one character. 0x815C is U+4E57. */
  { "GBK", "\x81\x5c", false, "乗" },
  /* Single-byte sets of PS3.3 Table C.12-2. */
  { "ISO_IR 100", "Buc^J\xe9r\xf4me", true, "Buc^Jérôme" },
  { "ISO_IR 101", "\xa9koda", false, "Škoda" },
  { "ISO_IR 109", "\xa1", false, "Ħ" },
  { "ISO_IR 110", "\xa1", false, "Ą" },
  { "ISO_IR 144", "\xbf\xe0\xd8\xd2\xd5\xe2", false, "Привет" },
  { "ISO_IR 127", "\xc7", false, "ا" },
  { "ISO_IR 126", "\xe1", false, "α" },
  { "ISO_IR 138", "\xe0", false, "א" },
  { "ISO_IR 148", "\xdd\xfd", false, "İı" },
  { "ISO_IR 166", "\xa1", false, "ก" },
  /* Default repertoire, unknown and misspelt names: Latin-1 as pydicom. */
  { NULL, "J\xe9r\xf4me", false, "Jérôme" },
  { "", "\xe9", false, "é" },
  { "ISO_IR 6", "\xe9", false, "é" },
  { "NOT A CHARSET", "\xe9", false, "é" },
  { "ISO IR 144", "\xbf", false, "П" },
  { "iso-ir 144", "\xbf", false, "П" },
  { "ISO_IR 100 ", "\xe9", false, "é" },
  /* Code extensions between single-byte sets; delimiters return to value 1's G1. */
  { "ISO 2022 IR 100\\ISO 2022 IR 144", "\033-L\xbf^\xbf", true, "П^¿" },
  { "ISO 2022 IR 100\\ISO 2022 IR 144", "\033-L\xbf^\xbf", false, "П^П" },
  { "ISO 2022 IR 100\\ISO 2022 IR 144", "\033-L\xbf\\\xbf", false, "П\\¿" },
  { "ISO 2022 IR 100\\ISO 2022 IR 144", "\033-L\xbf\r\n\xbf", false, "П\r\n¿" },
  { "ISO 2022 IR 100\\ISO 2022 IR 126", "\033-F\xe1\033-A\xe1", false, "αá" },
  /* Broken input: U+FFFD, never a crash. */
  { "ISO_IR 192", "a\xff\xc3(\xe2\x82", false,
    "a\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd" },
  { "ISO_IR 192", "\xed\xa0\x80", false, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
  { "\\ISO 2022 IR 149", "abc\033$", false, "abc\xef\xbf\xbd" },
  { "\\ISO 2022 IR 149", "abc\033", false, "abc\xef\xbf\xbd" },
  { "\\ISO 2022 IR 149", "a\033(Zb", false, "a\xef\xbf\xbd" "b" },
  { "\\ISO 2022 IR 149", "\033$)C\xc8", false, "\xef\xbf\xbd" },
  { "\\ISO 2022 IR 87", "\033$B;", false, "\xef\xbf\xbd" },
  { "ISO_IR 13", "\x80\xfd", false, "\xef\xbf\xbd\xef\xbf\xbd" },
  { "ISO_IR 126", "\xae", false, "\xef\xbf\xbd" },
  { "GB18030", "\xcd", false, "\xef\xbf\xbd" },
};

static void
test_vectors (void)
{
  for (size_t i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      const Vector *v = &vectors[i];
      g_autofree char *got = lb_dicom_charset_to_utf8 (v->charset, (const uint8_t *) v->bytes,
                                                        strlen (v->bytes), v->is_pn);
      g_test_message ("vector %zu: %s", i, v->charset != NULL ? v->charset : "(null)");
      g_assert_cmpstr (got, ==, v->utf8);
    }
}

static void
test_nul_and_empty (void)
{
  static const uint8_t with_nul[] = { 'a', 0, 'b' };
  static const uint8_t korean_nul[] = { 0x1b, '$', ')', 'C', 0xc8, 0xab, 0 };
  g_autofree char *a = lb_dicom_charset_to_utf8 ("ISO_IR 100", with_nul, 3, false);
  g_autofree char *b = lb_dicom_charset_to_utf8 ("\\ISO 2022 IR 149", korean_nul, 7, true);
  g_autofree char *c = lb_dicom_charset_to_utf8 ("GB18030", with_nul, 3, false);
  g_autofree char *d = lb_dicom_charset_to_utf8 ("ISO_IR 192", with_nul, 3, false);
  g_autofree char *e = lb_dicom_charset_to_utf8 ("ISO_IR 100", NULL, 0, false);
  g_autofree char *f = lb_dicom_charset_to_utf8 ("ISO_IR 100", with_nul, 0, false);

  g_assert_cmpstr (a, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (b, ==, "홍\xef\xbf\xbd");
  g_assert_cmpstr (c, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (d, ==, "a\xef\xbf\xbd" "b");
  g_assert_cmpstr (e, ==, "");
  g_assert_cmpstr (f, ==, "");
}

/* Random bytes, weighted towards escape sequences, delimiters and lead bytes, under every
 * charset: never a crash (run under ASan), and the output is always valid UTF-8. */
static void
test_random_bytes (void)
{
  static const char *const charsets[] = {
    NULL, "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144", "ISO_IR 127",
    "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 166", "ISO_IR 13", "ISO_IR 192",
    "GB18030", "GBK", "\\ISO 2022 IR 149", "\\ISO 2022 IR 87", "ISO 2022 IR 13\\ISO 2022 IR 87",
    "\\ISO 2022 IR 87\\ISO 2022 IR 159", "\\ISO 2022 IR 58", "ISO 2022 IR 100\\ISO 2022 IR 144",
    "\\ISO 2022 IR 149\\ISO 2022 IR 87\\ISO 2022 IR 58", "garbage\\",
  };
  static const char *const pieces[] = {
    "\033$)C", "\033$B", "\033(B", "\033(J", "\033)I", "\033$(D", "\033$)A", "\033-L",
    "\033-A", "\033$", "\033", "^", "=", "\\", "\r", "\n",
  };
  GRand *rand = g_rand_new_with_seed (20240501);
  uint8_t buf[96];

  for (size_t c = 0; c < G_N_ELEMENTS (charsets); c++)
    for (int round = 0; round < 3000; round++)
      {
        size_t len = (size_t) g_rand_int_range (rand, 0, 64);
        size_t n = 0;
        char *got;

        while (n < len)
          {
            if (g_rand_int_range (rand, 0, 5) == 0)
              {
                const char *p = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
                size_t pl = strlen (p);
                memcpy (buf + n, p, pl);
                n += pl;
              }
            else
              buf[n++] = (uint8_t) g_rand_int_range (rand, 0, 256);
          }
        got = lb_dicom_charset_to_utf8 (charsets[c], buf, n, round & 1);
        g_assert_nonnull (got);
        g_assert_true (g_utf8_validate (got, -1, NULL));
        free (got);
      }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom/charset/pydicom-files", test_pydicom_files);
  g_test_add_func ("/dicom/charset/vectors", test_vectors);
  g_test_add_func ("/dicom/charset/nul-and-empty", test_nul_and_empty);
  g_test_add_func ("/dicom/charset/random-bytes", test_random_bytes);
  return g_test_run ();
}
