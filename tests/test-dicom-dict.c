/* test-dicom-dict.c: the data dictionary and UID registry against pydicom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference is pydicom itself (Debian's python3-pydicom), queried at run time through its
 * public datadict API, not the generated header: a mistake in tools/gen-dict.py shows up here.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "lb-dicom.h"
#include "dicom-private.h"

/* Prints one line per fact, tab-separated:
 *   D tag vr vm name retired keyword      every DicomDictionary entry
 *   R tag keyword                         a sample tag of a repeating group, per mask_match()
 *   N tag                                 a random even-group tag pydicom does not know
 *   U uid name type                       every UID_dictionary entry
 *   P creator tag vr vm name              a sample tag of every private dictionary entry
 *                                         (random block, random group for ggxxxxee), as
 *                                         get_private_entry() finds it; vr "-" if it does not */
static const char reference_script[] =
  "import random, sys\n"
  "from pydicom import datadict\n"
  "from pydicom._dicom_dict import DicomDictionary, RepeatersDictionary\n"
  "from pydicom._uid_dict import UID_dictionary\n"
  "out = sys.stdout\n"
  "for tag, (vr, vm, name, ret, kw) in DicomDictionary.items():\n"
  "    out.write('D\\t%08x\\t%s\\t%s\\t%s\\t%s\\t%s\\n' % (tag, vr, vm, name, ret, kw))\n"
  "rnd = random.Random(20240501)\n"
  "for pattern in RepeatersDictionary:\n"
  "    for _ in range(16):\n"
  "        s = ''.join(rnd.choice('0123456789abcdef') if c == 'x' else c for c in pattern)\n"
  "        tag = int(s, 16)\n"
  "        if (tag >> 16) & 1 or tag in DicomDictionary:\n"
  "            continue\n"
  "        out.write('R\\t%08x\\t%s\\n' % (tag, datadict.keyword_for_tag(tag)))\n"
  "n = 0\n"
  "while n < 2000:\n"
  "    tag = rnd.randrange(0, 1 << 32) & 0xfffefffe\n"
  "    if tag & 0xffff == 0 or tag in DicomDictionary or datadict.mask_match(tag):\n"
  "        continue\n"
  "    out.write('N\\t%08x\\n' % tag)\n"
  "    n += 1\n"
  "for uid, (name, kind, info, ret, kw) in UID_dictionary.items():\n"
  "    out.write('U\\t%s\\t%s\\t%s\\n' % (uid, name, kind))\n"
  "from pydicom._private_dict import private_dictionaries\n"
  "def private(creator, tag):\n"
  "    try:\n"
  "        vr, vm, name, _ = datadict.get_private_entry(tag, creator)\n"
  "    except KeyError:\n"
  "        vr, vm, name = '-', '', ''\n"
  "    out.write('P\\t%s\\t%08x\\t%s\\t%s\\t%s\\n' % (creator, tag, vr, vm, name))\n"
  "for creator, entries in private_dictionaries.items():\n"
  "    for pattern in entries:\n"
  "        p = pattern.replace('xxxx', '%02x%02x' % (rnd.randrange(0, 128) * 2 + 1,\n"
  "                                                  rnd.randrange(0x10, 0x100)))\n"
  "        p = p[:4] + p[4:6].replace('xx', '%02x' % rnd.randrange(0x10, 0x100)) + p[6:]\n"
  "        if 'x' not in p and int(p[4:], 16) >= 0x1000 and int(p[:4], 16) & 1:\n"
  "            private(creator, int(p, 16))\n"
  "    group = int(next(iter(entries))[:4].replace('x', '1'), 16) | 1\n"
  "    private(creator, (group << 16) | 0x1000 | rnd.randrange(0, 0x100))\n";

static char **reference_lines;

static const char *const vr_names[LB_DICOM_VR_COUNT] = {
  "NONE", "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD",
  "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL",
  "UN", "UR", "US", "UT", "UV",
};

/* The entry of a tag or keyword the dictionary must know, by value. */
static LbDicomDictEntry
entry_of_tag (uint32_t tag)
{
  LbDicomDictEntry e = { 0 };
  if (!lb_dicom_dict_lookup (tag, &e))
    g_error ("(%04X,%04X) not in the dictionary", tag >> 16, tag & 0xffff);
  return e;
}

static LbDicomDictEntry
entry_of_keyword (const char *keyword)
{
  LbDicomDictEntry e = { 0 };
  if (!lb_dicom_dict_lookup_keyword (keyword, &e))
    g_error ("keyword %s not in the dictionary", keyword);
  return e;
}

/* The same row: every field equal (the strings point into the same pool). */
static void
assert_same_entry (const LbDicomDictEntry *a, const LbDicomDictEntry *b)
{
  g_assert_cmphex (a->tag, ==, b->tag);
  g_assert_cmphex (a->mask, ==, b->mask);
  g_assert_true (a->keyword == b->keyword);
  g_assert_true (a->name == b->name);
  g_assert_true (a->vr == b->vr);
  g_assert_true (a->vm == b->vm);
  g_assert_cmpint (a->retired, ==, b->retired);
}

static void
load_reference (void)
{
  const char *python = g_getenv ("LB_PYTHON3");
  const char *argv[] = { python != NULL ? python : "/usr/bin/python3", "-c", reference_script,
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pydicom reference failed (is python3-pydicom installed?): %s\n%s",
             error->message, err);
  reference_lines = g_strsplit (out, "\n", -1);
}

static void
test_every_entry_round_trips (void)
{
  guint n = 0;

  for (char **l = reference_lines; *l != NULL; l++)
    {
      g_auto (GStrv) f = NULL;
      LbDicomDictEntry entry, *e = &entry;
      uint32_t tag;

      if ((*l)[0] != 'D')
        continue;
      f = g_strsplit (*l, "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 7);
      tag = (uint32_t) g_ascii_strtoull (f[1], NULL, 16);

      g_assert_true (lb_dicom_dict_lookup (tag, NULL));
      entry = entry_of_tag (tag);
      g_assert_cmphex (e->tag, ==, tag);
      g_assert_cmphex (e->mask, ==, 0xffffffffu);
      g_assert_cmpstr (e->vr, ==, f[2]);
      g_assert_cmpstr (e->vm, ==, f[3]);
      g_assert_cmpstr (e->name, ==, f[4]);
      g_assert_cmpint (e->retired, ==, strcmp (f[5], "Retired") == 0);
      g_assert_cmpstr (e->keyword, ==, f[6]);

      if (f[6][0] != '\0')
        {
          LbDicomDictEntry by_keyword = entry_of_keyword (f[6]);
          assert_same_entry (&by_keyword, e);
        }

      /* Implicit VR: the first listed VR, except that "OB or OW" is OW (PS3.5 A.1). */
      if (strcmp (f[2], "OB or OW") == 0)
        g_assert_cmpint (lb_dicom_dict_vr (tag), ==, LB_DICOM_VR_OW);
      else
        {
          char first[8];
          g_strlcpy (first, f[2], MIN (sizeof first, strcspn (f[2], " ") + 1));
          g_assert_cmpstr (vr_names[lb_dicom_dict_vr (tag)], ==, first);
        }
      n++;
    }
  /* PS3.6 has several thousand public elements; a short table means a truncated reference. */
  g_assert_cmpuint (n, >, 4000);
}

static void
test_private_dictionary (void)
{
  guint n = 0, found = 0;

  for (char **l = reference_lines; *l != NULL; l++)
    {
      g_auto (GStrv) f = NULL;
      LbDicomPrivateEntry e = { NULL, NULL, LB_DICOM_VR_NONE };
      uint32_t tag;

      if ((*l)[0] != 'P')
        continue;
      f = g_strsplit (*l, "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      tag = (uint32_t) g_ascii_strtoull (f[2], NULL, 16);
      bool known = lb_dicom_private_dict_lookup (f[1], tag, &e);
      /* Keys pydicom can match only for tags outside any private block (gggg,00ee) or of an
       * even (public) group, or never ("ggggeexx"), are left out of the table and of the
       * sample (tools/gen-private-dict.py). */
      if (strcmp (f[3], "-") == 0)
        g_assert_false (known);
      else
        {
          if (!known)
            g_error ("%s (%04X,%04X): pydicom knows it, we do not", f[1], tag >> 16,
                     tag & 0xffff);
          /* GDCM's one "OB_OW" entry is read as opaque OB bytes. */
          g_assert_cmpstr (vr_names[e.vr], ==, strcmp (f[3], "OB_OW") == 0 ? "OB" : f[3]);
          g_assert_cmpstr (e.vm, ==, f[4]);
          g_assert_cmpstr (e.name, ==, f[5]);
          /* The scan reader's filter of private sequences (its keys sorted once) has them all. */
          if (e.vr == LB_DICOM_VR_SQ && !lb_private_dict_may_be_sequence (tag))
            g_error ("%s (%04X,%04X): a sequence the filter misses", f[1], tag >> 16,
                     tag & 0xffff);
          found++;
        }
      n++;
    }
  g_assert_cmpuint (found, >, 8000);
  g_assert_cmpuint (n, >, found);
  /* Neither a creator the dictionary does not have, nor a creator element, nor an even group. */
  g_assert_false (lb_dicom_private_dict_lookup ("NO SUCH CREATOR", 0x0019100f, NULL));
  g_assert_false (lb_dicom_private_dict_lookup ("GEMS_ACQU_01", 0x00190010, NULL));
  g_assert_false (lb_dicom_private_dict_lookup ("GEMS_ACQU_01", 0x0018100f, NULL));
  g_assert_false (lb_dicom_private_dict_lookup (NULL, 0x0019100f, NULL));
  g_assert_true (lb_dicom_private_dict_lookup ("GEMS_ACQU_01", 0x0019110f, NULL));
}

static void
test_repeating_groups (void)
{
  guint n = 0;

  for (char **l = reference_lines; *l != NULL; l++)
    {
      g_auto (GStrv) f = NULL;
      LbDicomDictEntry entry, *e = &entry;
      uint32_t tag;

      if ((*l)[0] != 'R')
        continue;
      f = g_strsplit (*l, "\t", -1);
      tag = (uint32_t) g_ascii_strtoull (f[1], NULL, 16);
      entry = entry_of_tag (tag);
      g_assert_cmpstr (e->keyword, ==, f[2]);
      g_assert_cmphex (tag & e->mask, ==, e->tag);
      LbDicomDictEntry by_keyword = entry_of_keyword (f[2]);
      assert_same_entry (&by_keyword, e);
      n++;
    }
  g_assert_cmpuint (n, >, 500);

  /* Hand-checked against PS3.6 Table 6-1. */
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x6002, 0x3000)).keyword, ==,
                   "OverlayData");
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x60fe, 0x0010)).keyword, ==,
                   "OverlayRows");
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x5010, 0x3000)).keyword, ==,
                   "CurveData");
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x7f02, 0x0010)).keyword, ==,
                   "VariablePixelData");
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x1000, 0x0123)).keyword, ==,
                   "HuffmanTableTriplet");
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x6002, 0x3000)), ==, LB_DICOM_VR_OW);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x6000, 0x0010)), ==, LB_DICOM_VR_US);
  /* Pixel Data is exact, not the 7Fxx repeater. */
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG_PIXEL_DATA).keyword, ==, "PixelData");
  g_assert_cmphex (entry_of_keyword ("OverlayData").tag, ==, 0x60003000u);
  g_assert_cmphex (entry_of_keyword ("OverlayData").mask, ==, 0xff00ffffu);
  /* An odd group is private even where an even-group mask would match. */
  g_assert_false (lb_dicom_dict_lookup (LB_DICOM_TAG (0x6001, 0x3000), NULL));
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x6001, 0x3000)), ==, LB_DICOM_VR_UN);
}

static void
test_unknown_and_special (void)
{
  guint n = 0;

  for (char **l = reference_lines; *l != NULL; l++)
    {
      uint32_t tag;
      if ((*l)[0] != 'N')
        continue;
      tag = (uint32_t) g_ascii_strtoull (*l + 2, NULL, 16);
      g_assert_false (lb_dicom_dict_lookup (tag, NULL));
      g_assert_cmpint (lb_dicom_dict_vr (tag), ==, LB_DICOM_VR_UN);
      n++;
    }
  g_assert_cmpuint (n, ==, 2000);

  /* Group lengths: the listed ones keep their own entry, the rest share a generic UL one. */
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x0002, 0x0000)).keyword, ==,
                   "FileMetaInformationGroupLength");
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x0028, 0x0000)).keyword, ==,
                   "GroupLength");
  g_assert_cmpstr (entry_of_tag (LB_DICOM_TAG (0x0028, 0x0000)).vr, ==, "UL");
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x0028, 0x0000)), ==, LB_DICOM_VR_UL);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x0009, 0x0000)), ==, LB_DICOM_VR_UL);

  /* What the implicit-VR reader needs. */
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x0028, 0x0106)), ==, LB_DICOM_VR_US);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG_PIXEL_DATA), ==, LB_DICOM_VR_OW);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x0010, 0x0010)), ==, LB_DICOM_VR_PN);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x0008, 0x1140)), ==, LB_DICOM_VR_SQ);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0xfffe, 0xe000)), ==, LB_DICOM_VR_NONE);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x0029, 0x0010)), ==, LB_DICOM_VR_LO);
  g_assert_cmpint (lb_dicom_dict_vr (LB_DICOM_TAG (0x0029, 0x1010)), ==, LB_DICOM_VR_UN);
  g_assert_false (lb_dicom_dict_lookup (LB_DICOM_TAG (0x0029, 0x1010), NULL));

  g_assert_cmpstr (entry_of_keyword ("PatientName").name, ==, "Patient's Name");
  g_assert_cmphex (entry_of_keyword ("PatientName").tag, ==, 0x00100010u);
  g_assert_false (lb_dicom_dict_lookup_keyword ("PatientsName", NULL));
  g_assert_false (lb_dicom_dict_lookup_keyword ("", NULL));
  g_assert_false (lb_dicom_dict_lookup_keyword (NULL, NULL));
  g_assert_true (entry_of_tag (LB_DICOM_TAG (0x0018, 0x0061)).retired);
}

static void
test_uids (void)
{
  guint n = 0, n_ts = 0;

  for (char **l = reference_lines; *l != NULL; l++)
    {
      g_auto (GStrv) f = NULL;
      bool is_ts;

      if ((*l)[0] != 'U')
        continue;
      f = g_strsplit (*l, "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 4);
      is_ts = strcmp (f[3], "Transfer Syntax") == 0;
      if (f[2][0] == '\0')
        {
          /* pydicom keeps a few retired UIDs without a name: nothing to show. */
          g_assert_null (lb_dicom_uid_name (f[1]));
          continue;
        }
      g_assert_cmpstr (lb_dicom_uid_name (f[1]), ==, f[2]);
      g_assert_cmpstr (lb_dicom_transfer_syntax_name (f[1]), ==, is_ts ? f[2] : NULL);
      n++;
      n_ts += is_ts;
    }
  g_assert_cmpuint (n, >, 400);
  g_assert_cmpuint (n_ts, >, 40);

  g_assert_cmpstr (lb_dicom_transfer_syntax_name ("1.2.840.10008.1.2"), ==,
                   "Implicit VR Little Endian");
  g_assert_cmpstr (lb_dicom_transfer_syntax_name ("1.2.840.10008.1.2.1"), ==,
                   "Explicit VR Little Endian");
  /* Values straight from a file may keep their space padding. */
  g_assert_cmpstr (lb_dicom_transfer_syntax_name ("1.2.840.10008.1.2.5 "), ==, "RLE Lossless");
  g_assert_cmpstr (lb_dicom_uid_name ("1.2.840.10008.5.1.4.1.1.2"), ==, "CT Image Storage");
  g_assert_null (lb_dicom_transfer_syntax_name ("1.2.840.10008.5.1.4.1.1.2"));
  /* Added to PS3.6 after pydicom's 2022a tables. */
  g_assert_cmpstr (lb_dicom_transfer_syntax_name ("1.2.840.10008.1.2.4.201"), ==,
                   "High-Throughput JPEG 2000 Image Compression (Lossless Only)");
  g_assert_cmpstr (lb_dicom_transfer_syntax_name ("1.2.840.10008.1.2.8.1"), ==,
                   "Deflated Image Frame Compression");
  g_assert_null (lb_dicom_uid_name ("1.2.840.10008.1.2.4"));
  g_assert_null (lb_dicom_uid_name ("1.2.840.10008.1.2.1.999"));
  g_assert_null (lb_dicom_uid_name (""));
  g_assert_null (lb_dicom_uid_name (NULL));
  g_assert_null (lb_dicom_transfer_syntax_name (NULL));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  load_reference ();
  g_test_add_func ("/dicom/dict/every-entry", test_every_entry_round_trips);
  g_test_add_func ("/dicom/dict/repeating-groups", test_repeating_groups);
  g_test_add_func ("/dicom/dict/unknown-and-special", test_unknown_and_special);
  g_test_add_func ("/dicom/dict/uids", test_uids);
  g_test_add_func ("/dicom/dict/private", test_private_dictionary);
  ret = g_test_run ();
  g_strfreev (reference_lines);
  return ret;
}
