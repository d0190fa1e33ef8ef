/* test-dicom-deid.c: de-identification in the parsing library (lb-dicom-deid.h): the generated
 * profile table against its source, wildcard rows, nested sequences, private elements, UIDs
 * mapped consistently across files, the writer's implicit and deflated syntaxes, and text
 * encoded in the file's character set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "dicom-deid-internal.h"
#include "lb-dicom-deid.h"
#include "lb-dicom-write.h"
#include "lb-dicom.h"

#define TAG(g, e) LB_DICOM_TAG (g, e)
#define INNOLITICS_GIT "/work/.mirror/innolitics+dicom-standard/repo"
#define INNOLITICS_COMMIT "7f4749d09ed3ef2fa70637d376d423a4b13523cd"

/* ---- The table ------------------------------------------------------------------------- */

/* Every row of the source JSON, when the innolitics repository is at hand, has its rule with
 * the same actions: a mistake in tools/gen-deid-profile.py shows up here. */
static void
test_table_matches_source (void)
{
  if (!g_file_test (INNOLITICS_GIT, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the innolitics/dicom-standard repository is not on this machine");
      return;
    }
  const char *script =
    "import json, subprocess, sys\n"
    "rows = json.loads(subprocess.run(['git', '-C', sys.argv[1], 'show', sys.argv[2] + "
    "':standard/confidentiality_profile_attributes.json'], capture_output=True, check=True).stdout)\n"
    "for r in rows:\n"
    "    t = r['tag'].replace('(', '').replace(')', '').replace(',', '')\n"
    "    if len(t) == 8: print(t.replace('X', '0').replace('x', '0'), r['basicProfile'])\n";
  char *argv[] = { "/usr/bin/python3", "-c", (char *) script, INNOLITICS_GIT,
                   INNOLITICS_COMMIT, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint checked = 0;
  for (char **line = lines; *line != NULL && **line != '\0'; line++)
    {
      uint32_t tag = (uint32_t) strtoul (*line, NULL, 16);
      const char *action = *line + 9;
      const LbDeidRule *rule = lb_deid_rule_lookup (tag);
      g_assert_nonnull (rule);
      unsigned bits = 0;
      for (const char *c = action; *c; c++)
        bits |= *c == 'D' ? LB_DEID_D : *c == 'Z' ? LB_DEID_Z : *c == 'X' ? LB_DEID_X
              : *c == 'K' ? LB_DEID_K : *c == 'C' ? LB_DEID_C : *c == 'U' ? LB_DEID_U : 0;
      g_assert_cmpuint (rule->actions, ==, bits);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 620);   /* 621 rows, one of them the private-attributes row */
  g_assert_cmpuint (lb_deid_rule_count (), ==, 620);
}

static void
test_wildcards (void)
{
  /* (60xx,3000) Overlay Data, (60xx,4000) Overlay Comments, (50xx,xxxx) Curve Data: X. */
  g_assert_cmpuint (lb_deid_rule_lookup (TAG (0x6000, 0x3000))->actions, ==, LB_DEID_X);
  g_assert_cmpuint (lb_deid_rule_lookup (TAG (0x601e, 0x4000))->actions, ==, LB_DEID_X);
  g_assert_cmpuint (lb_deid_rule_lookup (TAG (0x5010, 0x2000))->actions, ==, LB_DEID_X);
  g_assert_null (lb_deid_rule_lookup (TAG (0x6000, 0x0010)));   /* Overlay Rows: no row */
  g_assert_null (lb_deid_rule_lookup (TAG (0x0028, 0x0010)));   /* Rows */
  const LbDeidRule *sex = lb_deid_rule_lookup (TAG (0x0010, 0x0040));
  g_assert_cmpuint (sex->actions, ==, LB_DEID_Z);
  g_assert_true (sex->keep_with & LB_DEID_OPT_PATIENT_CHARS);
}

/* ---- A small study: two files referring to each other -------------------------------------- */

static uint8_t *
make_file (const char *instance, const char *referenced, const char *syntax, size_t *len)
{
  LbDicomBuilder *b = lb_dicom_builder_new ();
  g_assert_true (lb_dicom_builder_set_string (b, TAG (0x0008, 0x0005), LB_DICOM_VR_CS,
                                              "\\ISO 2022 IR 149", NULL));
  lb_dicom_builder_set_string (b, TAG (0x0008, 0x0016), LB_DICOM_VR_UI, "1.2.840.10008.5.1.4.1.1.2", NULL);
  lb_dicom_builder_set_string (b, TAG (0x0008, 0x0018), LB_DICOM_VR_UI, instance, NULL);
  lb_dicom_builder_set_string (b, TAG (0x0008, 0x0020), LB_DICOM_VR_DA, "20240102", NULL);
  lb_dicom_builder_set_string (b, TAG (0x0008, 0x0060), LB_DICOM_VR_CS, "US", NULL);
  lb_dicom_builder_set_string (b, TAG (0x0008, 0x0080), LB_DICOM_VR_LO, "Seoul Hospital", NULL);
  /* 김희중 in ISO 2022 IR 149, as in pydicom's chrKoreanMulti.dcm */
  static const char korean[] = "\x1b$)C\xb1\xe8\xc8\xf1\xc1\xdf";
  lb_dicom_builder_set_bytes (b, TAG (0x0010, 0x0010), LB_DICOM_VR_PN, korean, sizeof korean - 1, NULL);
  lb_dicom_builder_set_string (b, TAG (0x0010, 0x0020), LB_DICOM_VR_LO, "P-123", NULL);
  lb_dicom_builder_set_string (b, TAG (0x0010, 0x1010), LB_DICOM_VR_AS, "045Y", NULL);
  lb_dicom_builder_set_string (b, TAG (0x0020, 0x000d), LB_DICOM_VR_UI, "1.2.3.4.100", NULL);
  lb_dicom_builder_set_string (b, TAG (0x0009, 0x0010), LB_DICOM_VR_LO, "ACME", NULL);
  lb_dicom_builder_set_string (b, TAG (0x0009, 0x1001), LB_DICOM_VR_LO, "secret", NULL);
  /* Source Image Sequence (X/Z/U*) > item > Referenced SOP Instance UID (U), and a Patient's
   * Name two items deep inside an item of a sequence outside the profile. */
  LbDicomBuilder *item = lb_dicom_builder_add_item (b, TAG (0x0008, 0x2112), NULL);
  lb_dicom_builder_set_string (item, TAG (0x0008, 0x1150), LB_DICOM_VR_UI, "1.2.840.10008.5.1.4.1.1.2", NULL);
  lb_dicom_builder_set_string (item, TAG (0x0008, 0x1155), LB_DICOM_VR_UI, referenced, NULL);
  LbDicomBuilder *outer = lb_dicom_builder_add_item (b, TAG (0x0040, 0x0260), NULL);
  LbDicomBuilder *inner = lb_dicom_builder_add_item (outer, TAG (0x0040, 0x0008), NULL);
  lb_dicom_builder_set_string (inner, TAG (0x0010, 0x0010), LB_DICOM_VR_PN, "Hidden^Name", NULL);
  lb_dicom_builder_set_string (inner, TAG (0x0011, 0x0010), LB_DICOM_VR_LO, "ACME", NULL);
  uint16_t pixels[4] = { 1, 2, 3, 4 };
  lb_dicom_builder_set_u16 (b, TAG (0x0028, 0x0010), 2, NULL);
  lb_dicom_builder_set_u16 (b, TAG (0x0028, 0x0011), 2, NULL);
  lb_dicom_builder_set_u16 (b, TAG (0x0028, 0x0100), 16, NULL);
  lb_dicom_builder_set_bytes (b, LB_DICOM_TAG_PIXEL_DATA, LB_DICOM_VR_OW, pixels, sizeof pixels, NULL);
  LbDicomWriteOptions options = { .transfer_syntax_uid = syntax };
  LbDicomError *error = NULL;
  uint8_t *bytes = lb_dicom_builder_encode (b, &options, len, &error);
  g_assert_null (error);
  lb_dicom_builder_free (b);
  return bytes;
}

static LbDicomFile *
parse (const uint8_t *bytes, size_t len)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;
  g_assert_true (lb_dicom_file_read (file, bytes, len, LB_DICOM_READ_DEFAULT, &error));
  g_assert_null (error);
  return file;
}

static char *
get (const LbDicomDataset *ds, uint32_t tag)
{
  const LbDicomElement *el = lb_dicom_dataset_lookup (ds, tag);
  return el != NULL ? lb_dicom_element_get_text (el) : NULL;
}

typedef struct {
  uint8_t *bytes[2];
  size_t len[2];
  LbDicomFile *out[2];
  guint removed, emptied, replaced;
} Study;

static void
count_change (const LbDeidChange *change, void *user_data)
{
  Study *s = user_data;
  if (change->kind == LB_DEID_CHANGE_REMOVED)
    s->removed++;
  else if (change->kind == LB_DEID_CHANGE_EMPTIED)
    s->emptied++;
  else
    s->replaced++;
}

static void
study_deidentify (Study *s, const char *syntax, const LbDeidOptions *options)
{
  LbDeidContext *ctx = lb_deid_context_new (options);
  const char *instances[2] = { "1.2.3.4.1", "1.2.3.4.2" };
  for (int i = 0; i < 2; i++)
    {
      size_t len;
      /* Each file refers to the other. */
      uint8_t *in = make_file (instances[i], instances[1 - i], syntax, &len);
      LbDicomFile *file = parse (in, len);
      LbDeidResult result;
      LbDicomError *error = NULL;
      g_assert_true (lb_deid_file (ctx, file, count_change, s, &result, &error));
      g_assert_null (error);
      g_assert_cmpstr (result.transfer_syntax, ==, syntax);
      LbDicomWriteOptions wo = { .transfer_syntax_uid = result.transfer_syntax };
      s->bytes[i] = lb_dicom_builder_encode (result.builder, &wo, &s->len[i], &error);
      g_assert_null (error);
      s->out[i] = parse (s->bytes[i], s->len[i]);
      g_assert_cmpstr (lb_dicom_file_get_transfer_syntax (s->out[i]), ==, syntax);
      lb_deid_result_clear (&result);
      lb_dicom_file_free (file);
      free (in);
    }
  lb_deid_context_free (ctx);
}

static void
study_free (Study *s)
{
  for (int i = 0; i < 2; i++)
    {
      lb_dicom_file_free (s->out[i]);
      free (s->bytes[i]);
    }
}

static void
check_study (const char *syntax)
{
  Study s = { 0 };
  study_deidentify (&s, syntax, NULL);
  const LbDicomDataset *a = lb_dicom_file_get_dataset (s.out[0]);
  const LbDicomDataset *b = lb_dicom_file_get_dataset (s.out[1]);

  /* Removed, emptied, replaced, private gone, also two items deep. */
  g_autofree char *institution = get (a, TAG (0x0008, 0x0080));   /* X/Z/D: a dummy */
  g_assert_cmpstr (institution, ==, "ANONYMIZED");
  g_assert_null (lb_dicom_dataset_lookup (a, TAG (0x0010, 0x1010)));
  g_assert_null (lb_dicom_dataset_lookup (a, TAG (0x0009, 0x0010)));
  g_assert_null (lb_dicom_dataset_lookup (a, TAG (0x0009, 0x1001)));
  g_assert_cmpuint (lb_dicom_element_get_length (lb_dicom_dataset_lookup (a, TAG (0x0010, 0x0010))), ==, 0);
  g_assert_cmpuint (lb_dicom_element_get_length (lb_dicom_dataset_lookup (a, TAG (0x0008, 0x0020))), ==, 0);
  g_autofree char *pid = get (a, TAG (0x0010, 0x0020));
  g_assert_cmpstr (pid, ==, "ANON0001");
  const LbDicomElement *outer = lb_dicom_dataset_lookup (a, TAG (0x0040, 0x0260));
  const LbDicomElement *inner = lb_dicom_dataset_lookup (lb_dicom_element_get_item (outer, 0),
                                                         TAG (0x0040, 0x0008));
  const LbDicomDataset *deep = lb_dicom_element_get_item (inner, 0);
  g_assert_cmpuint (lb_dicom_element_get_length (lb_dicom_dataset_lookup (deep, TAG (0x0010, 0x0010))), ==, 0);
  g_assert_null (lb_dicom_dataset_lookup (deep, TAG (0x0011, 0x0010)));

  /* UIDs: the study is one study, each file's reference is the other's new SOP Instance UID,
   * the SOP class (1.2.840.10008.*) is kept, nothing is the old UID. */
  g_autofree char *study_a = get (a, TAG (0x0020, 0x000d));
  g_autofree char *study_b = get (b, TAG (0x0020, 0x000d));
  g_autofree char *inst_a = get (a, TAG (0x0008, 0x0018));
  g_autofree char *inst_b = get (b, TAG (0x0008, 0x0018));
  const LbDicomElement *src_a = lb_dicom_dataset_lookup (a, TAG (0x0008, 0x2112));
  const LbDicomElement *src_b = lb_dicom_dataset_lookup (b, TAG (0x0008, 0x2112));
  g_autofree char *ref_a = get (lb_dicom_element_get_item (src_a, 0), TAG (0x0008, 0x1155));
  g_autofree char *ref_b = get (lb_dicom_element_get_item (src_b, 0), TAG (0x0008, 0x1155));
  g_autofree char *class_a = get (lb_dicom_element_get_item (src_a, 0), TAG (0x0008, 0x1150));
  g_assert_cmpstr (study_a, ==, study_b);
  g_assert_cmpstr (study_a, !=, "1.2.3.4.100");
  g_assert_true (g_str_has_prefix (study_a, "2.25."));
  g_assert_cmpstr (ref_a, ==, inst_b);
  g_assert_cmpstr (ref_b, ==, inst_a);
  g_assert_cmpstr (inst_a, !=, inst_b);
  g_assert_cmpstr (class_a, ==, "1.2.840.10008.5.1.4.1.1.2");
  g_autofree char *removed = get (a, TAG (0x0012, 0x0062));
  g_assert_cmpstr (removed, ==, "YES");
  g_autofree char *meta_instance = lb_dicom_element_get_text (
    lb_dicom_file_lookup (s.out[0], TAG (0x0002, 0x0003)));
  g_assert_cmpstr (meta_instance, ==, inst_a);

  /* Pixels byte for byte; the Korean charset stays. */
  size_t n = 0;
  const uint8_t *px = lb_dicom_element_get_bytes (lb_dicom_dataset_lookup (a, LB_DICOM_TAG_PIXEL_DATA), &n);
  static const uint8_t expected[8] = { 1, 0, 2, 0, 3, 0, 4, 0 };
  g_assert_cmpmem (px, n, expected, sizeof expected);
  g_assert_cmpstr (lb_dicom_dataset_get_charset (a), ==, "\\ISO 2022 IR 149");
  g_assert_cmpuint (s.removed, ==, 2 * 4);    /* age, private creator, private value, deep creator */
  g_assert_cmpuint (s.emptied, ==, 2 * 3);    /* name, study date, deep name */
  g_assert_cmpuint (s.replaced, ==, 2 * 5);   /* instance, ID, institution, study, reference */
  study_free (&s);
}

static void
test_study_explicit (void)
{
  check_study (LB_DICOM_UID_EXPLICIT_VR_LE);
}

static void
test_study_implicit (void)
{
  check_study (LB_DICOM_UID_IMPLICIT_VR_LE);
}

static void
test_study_deflated (void)
{
  check_study (LB_DICOM_UID_DEFLATED_EXPLICIT_VR_LE);
}

static void
test_options (void)
{
  uint32_t keep[] = { TAG (0x0008, 0x0080) };
  LbDeidOptions options = { .retain = LB_DEID_RETAIN_DATES | LB_DEID_RETAIN_PATIENT_CHARACTERISTICS,
                            .keep_tags = keep, .n_keep_tags = 1, .patient_name = "홍^길동" };
  Study s = { 0 };
  study_deidentify (&s, LB_DICOM_UID_EXPLICIT_VR_LE, &options);
  const LbDicomDataset *a = lb_dicom_file_get_dataset (s.out[0]);
  g_autofree char *date = get (a, TAG (0x0008, 0x0020));
  g_autofree char *age = get (a, TAG (0x0010, 0x1010));
  g_autofree char *institution = get (a, TAG (0x0008, 0x0080));
  g_autofree char *name = get (a, TAG (0x0010, 0x0010));
  g_assert_cmpstr (date, ==, "20240102");
  g_assert_cmpstr (age, ==, "045Y");
  g_assert_cmpstr (institution, ==, "Seoul Hospital");
  g_assert_cmpstr (name, ==, "홍^길동");   /* written in IR 149, read back through it */
  study_free (&s);
}

/* ---- UIDs and text ---------------------------------------------------------------------- */

static void
test_new_uids (void)
{
  LbDeidContext *ctx = lb_deid_context_new (NULL);
  const char *a = lb_deid_context_map_uid (ctx, "1.2.3");
  const char *b = lb_deid_context_map_uid (ctx, "1.2.4");
  g_assert_true (a == lb_deid_context_map_uid (ctx, "1.2.3"));
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (lb_deid_context_map_uid (ctx, "1.2.840.10008.1.2.1"), ==, "1.2.840.10008.1.2.1");
  for (int i = 0; i < 2000; i++)   /* the map grows; every UID is a valid 2.25 UID */
    {
      g_autofree char *old = g_strdup_printf ("9.%d", i);
      const char *uid = lb_deid_context_map_uid (ctx, old);
      g_assert_true (g_str_has_prefix (uid, "2.25."));
      g_assert_cmpuint (strlen (uid), <=, 64);
      g_assert_cmpuint (strspn (uid + 5, "0123456789"), ==, strlen (uid + 5));
      g_assert_true (uid[5] != '0' || uid[6] == '\0');
    }
  g_assert_true (a == lb_deid_context_map_uid (ctx, "1.2.3") || g_strcmp0 (a, lb_deid_context_map_uid (ctx, "1.2.3")) == 0);
  lb_deid_context_free (ctx);
}

static void
test_encode_text (void)
{
  static const struct { const char *charset; const char *text; } cases[] = {
    { NULL, "Doe^John" },
    { "ISO_IR 192", "山田^太郎" },
    { "ISO_IR 100", "Müller^Jürgen" },
    { "\\ISO 2022 IR 149", "홍^길동=洪^吉洞" },
    { "\\ISO 2022 IR 87", "山田^太郎=やまだ^たろう" },
  };
  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      size_t len = 0;
      uint8_t *bytes = lb_deid_encode_text (cases[i].charset, cases[i].text, &len);
      g_assert_nonnull (bytes);
      char *back = lb_dicom_charset_to_utf8 (cases[i].charset, bytes, len, true);
      g_assert_cmpstr (back, ==, cases[i].text);
      free (back);
      free (bytes);
    }
  size_t len;
  g_assert_null (lb_deid_encode_text (NULL, "홍길동", &len));          /* default repertoire */
  g_assert_null (lb_deid_encode_text ("ISO_IR 100", "홍길동", &len));  /* Latin-1 */
}

static void
test_shift_dates (void)
{
  char out[64];
  g_assert_true (lb_deid_shift_date ("20240301", -1, out, sizeof out));
  g_assert_cmpstr (out, ==, "20240229");                       /* leap year */
  g_assert_true (lb_deid_shift_date ("20230301", -1, out, sizeof out));
  g_assert_cmpstr (out, ==, "20230228");
  g_assert_true (lb_deid_shift_date ("20240102123000.5+0900", -1000, out, sizeof out));
  g_assert_cmpstr (out, ==, "20210407123000.5+0900");          /* DT: time and offset stay */
  g_assert_false (lb_deid_shift_date ("2024", -1, out, sizeof out));
  g_assert_false (lb_deid_shift_date ("20241301", -1, out, sizeof out));

  /* Both files of one patient move by the same days, 365 to 3652 back. */
  LbDeidOptions options = { .retain = LB_DEID_SHIFT_DATES };
  Study s = { 0 };
  study_deidentify (&s, LB_DICOM_UID_EXPLICIT_VR_LE, &options);
  g_autofree char *a = get (lb_dicom_file_get_dataset (s.out[0]), TAG (0x0008, 0x0020));
  g_autofree char *b = get (lb_dicom_file_get_dataset (s.out[1]), TAG (0x0008, 0x0020));
  g_assert_cmpstr (a, ==, b);
  GDate *before = g_date_new_dmy (2, 1, 2024), *after = g_date_new ();
  g_date_set_dmy (after, (GDateDay) atoi (a + 6), (GDateMonth) (((a[4] - '0') * 10) + a[5] - '0'),
                  (GDateYear) (atoi (a) / 10000));
  int days = g_date_days_between (after, before);
  g_assert_cmpint (days, >=, 365);
  g_assert_cmpint (days, <=, 3652);
  g_date_free (before);
  g_date_free (after);
  study_free (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom/deid/table-matches-source", test_table_matches_source);
  g_test_add_func ("/dicom/deid/wildcards", test_wildcards);
  g_test_add_func ("/dicom/deid/study-explicit", test_study_explicit);
  g_test_add_func ("/dicom/deid/study-implicit", test_study_implicit);
  g_test_add_func ("/dicom/deid/study-deflated", test_study_deflated);
  g_test_add_func ("/dicom/deid/options", test_options);
  g_test_add_func ("/dicom/deid/new-uids", test_new_uids);
  g_test_add_func ("/dicom/deid/shift-dates", test_shift_dates);
  g_test_add_func ("/dicom/deid/encode-text", test_encode_text);
  return g_test_run ();
}
