/* cli-dump.c: `lightbox-cli dump [--json] [--meta] [--inline-max BYTES] FILE...`
 *
 * Text: one line per element (tag, VR, keyword, VM, length, byte offset, value), items and
 * fragments indented under their sequence. JSON: the DICOM JSON Model of PS3.18 Annex F.
 * A file that fails part-way still prints what was read, then its error line. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-json.h"

/* Longest value shown in the text form; longer ones end in "...". */
#define TEXT_VALUE_MAX 64
/* Width of the keyword column at depth 0. */
#define KEYWORD_WIDTH 36

typedef struct {
  const char *path;
  const LbDicomFile *file;
  const uint8_t *base;       /* the bytes the dataset was parsed from */
  size_t base_len;
  gboolean offsets_in_file;  /* false for deflated files: offsets are in the inflated stream */
  gint64 inline_max;
} DumpContext;

/* ---- Text ---------------------------------------------------------------------------- */

static void
append_indent (GString *out, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void text_dataset (GString *out, const LbDicomDataset *ds, guint depth);

static void
text_element (GString *out, const LbDicomElement *el, guint depth)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  uint32_t length = lb_dicom_element_get_length (el);
  const char *keyword = lb_dicom_element_get_keyword (el);
  const char *vr = lb_dicom_vr_name (lb_dicom_element_get_vr (el));
  g_autofree char *name = NULL;

  if (keyword == NULL)
    {
      /* A private element: its creator in brackets, then the private dictionary's name
       * ("[GEMS_ACQU_01] Horiz. Frame of ref."), as dcmdump and pydicom name it. */
      const char *creator = lb_dicom_element_get_private_creator (el);
      const char *private_name = lb_dicom_element_get_name (el);
      if (creator == NULL)
        name = g_strdup ("?");
      else if (private_name == NULL)
        name = g_strdup_printf ("[%s]", creator);
      else
        name = g_strdup_printf ("[%s] %s", creator, private_name);
      g_autofree char *safe = lb_dicom_escape_text (name);
      g_free (name);
      name = g_steal_pointer (&safe);
    }

  append_indent (out, depth);
  int width = MAX (1, KEYWORD_WIDTH - 2 * (int) depth);
  g_string_append_printf (out, "(%04X,%04X) %-2s %-*s %3" PRIu32 " ",
                          LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag),
                          vr[0] != '\0' ? vr : "--", width, keyword != NULL ? keyword : name,
                          lb_dicom_element_get_vm (el));
  if (length == LB_DICOM_UNDEFINED_LENGTH)
    g_string_append (out, "   undef");
  else
    g_string_append_printf (out, "%8" PRIu32, length);
  g_string_append_printf (out, " @%-8" PRIu64 " ", lb_dicom_element_get_offset (el));

  if (lb_dicom_element_is_encapsulated (el))
    {
      size_t n = lb_dicom_element_get_fragment_count (el);
      g_string_append_printf (out, ngettext ("(%zu fragment)\n", "(%zu fragments)\n", n), n);
      for (size_t i = 0; i < n; i++)
        {
          size_t len = 0;
          uint64_t offset = 0;
          if (lb_dicom_element_get_fragment (el, i, &len, &offset) == NULL && len > 0)
            continue;
          append_indent (out, depth + 1);
          if (i == 0)
            g_string_append_printf (out, _("Basic Offset Table, %zu bytes @%" PRIu64 "\n"),
                                    len, offset);
          else
            g_string_append_printf (out, _("Fragment #%zu, %zu bytes @%" PRIu64 "\n"),
                                    i, len, offset);
        }
      return;
    }

  g_autofree char *value = lb_dicom_element_format_value (el, TEXT_VALUE_MAX);
  g_string_append (out, value != NULL ? value : "");
  g_string_append_c (out, '\n');

  if (lb_dicom_element_is_sequence (el))
    {
      size_t n = lb_dicom_element_get_item_count (el);
      for (size_t i = 0; i < n; i++)
        {
          const LbDicomDataset *item = lb_dicom_element_get_item (el, i);
          if (item == NULL)
            continue;
          append_indent (out, depth + 1);
          g_string_append_printf (out, _("Item #%zu @%" PRIu64 "\n"), i + 1,
                                  lb_dicom_dataset_get_offset (item));
          text_dataset (out, item, depth + 2);
        }
    }
}

static void
text_dataset (GString *out, const LbDicomDataset *ds, guint depth)
{
  size_t n = ds != NULL ? lb_dicom_dataset_count (ds) : 0;
  for (size_t i = 0; i < n; i++)
    {
      const LbDicomElement *el = lb_dicom_dataset_get (ds, i);
      if (el != NULL)
        text_element (out, el, depth);
    }
}

static void
text_file (GString *out, const char *path, const LbDicomFile *file, gboolean meta)
{
  g_autofree char *safe_path = lb_dicom_escape_text (path);
  g_string_append_printf (out, "# %s\n", safe_path != NULL ? safe_path : path);
  const char *ts = lb_dicom_file_get_transfer_syntax (file);
  if (ts != NULL)
    {
      const char *ts_name = lb_dicom_transfer_syntax_name (ts);
      g_autofree char *safe_ts = lb_dicom_escape_text (ts);
      g_string_append_printf (out, _("# Transfer syntax: %s (%s)\n"),
                              ts_name != NULL ? ts_name : _("unknown"), safe_ts);
    }
  if (lb_dicom_file_is_deflated (file))
    g_string_append (out, _("# Offsets after the file meta group count bytes of the inflated "
                            "dataset.\n"));
  if (meta)
    text_dataset (out, lb_dicom_file_get_meta (file), 0);
  text_dataset (out, lb_dicom_file_get_dataset (file), 0);
}

/* ---- JSON (PS3.18 Annex F) ----------------------------------------------------------- */

static void json_dataset (DumpContext *ctx, LbJson *json, const LbDicomDataset *ds);

/* Binary values: InlineBinary up to --inline-max bytes, else a BulkDataURI pointing at the
 * bytes in the file. Deflated files have no such bytes in the file, so they stay inline. */
static void
json_binary (DumpContext *ctx, LbJson *json, const uint8_t *bytes, size_t len)
{
  if (len == 0 || bytes == NULL)
    return;
  gboolean in_buffer = ctx->base != NULL && bytes >= ctx->base
                       && (size_t) (bytes - ctx->base) <= ctx->base_len
                       && len <= ctx->base_len - (size_t) (bytes - ctx->base);
  if ((gint64) len > ctx->inline_max && ctx->offsets_in_file && in_buffer)
    {
      g_autofree char *uri = g_strdup_printf ("%s?offset=%zu&length=%zu", ctx->path,
                                              (size_t) (bytes - ctx->base), len);
      lb_json_member_string (json, "BulkDataURI", uri);
      return;
    }
  g_autofree char *b64 = g_base64_encode (bytes, len);
  lb_json_member_string (json, "InlineBinary", b64);
}

/* Encapsulated Pixel Data: the value is everything between the element header and the
 * sequence delimiter, item headers included (as pydicom and DICOMweb see it). */
static void
json_encapsulated (DumpContext *ctx, LbJson *json, const LbDicomElement *el)
{
  size_t n = lb_dicom_element_get_fragment_count (el);
  size_t first_len = 0, last_len = 0;
  uint64_t offset = 0;
  if (n == 0)
    return;
  const uint8_t *first = lb_dicom_element_get_fragment (el, 0, &first_len, &offset);
  const uint8_t *last = lb_dicom_element_get_fragment (el, n - 1, &last_len, &offset);
  if (first == NULL || last == NULL || ctx->base == NULL || first < ctx->base + 8
      || last + last_len > ctx->base + ctx->base_len || last < first)
    return;
  const uint8_t *start = first - 8;   /* the item header of the Basic Offset Table */
  json_binary (ctx, json, start, (size_t) (last + last_len - start));
}

static void
json_person_name (LbJson *json, const char *value)
{
  lb_json_begin_object (json);
  static const char *const groups[] = { "Alphabetic", "Ideographic", "Phonetic" };
  const char *p = value;
  for (int g = 0; g < 3 && p != NULL; g++)
    {
      const char *eq = strchr (p, '=');
      gsize len = eq != NULL ? (gsize) (eq - p) : strlen (p);
      if (len > 0)
        {
          lb_json_key (json, groups[g]);
          lb_json_string_len (json, p, (gssize) len);
        }
      p = eq != NULL ? eq + 1 : NULL;
    }
  lb_json_end_object (json);
}

/* One value of a numeric string (DS, IS) as a JSON number; a value that is not a number stays
 * a string, so nothing in the file is lost. Parsed as dicom-value.c does: C locale, the whole
 * value, finite; IS leniently ("12.0" is 12, like pydicom). */
static void
json_numeric_string (LbJson *json, const char *s, gboolean integer)
{
  char *end = NULL;
  if (s == NULL || s[0] == '\0')
    {
      lb_json_null (json);
      return;
    }
  if (integer)
    {
      errno = 0;
      gint64 i = g_ascii_strtoll (s, &end, 10);
      if (end != s && *end == '\0' && errno == 0)
        {
          lb_json_int (json, i);
          return;
        }
    }
  double d = g_ascii_strtod (s, &end);
  if (end != s && *end == '\0' && isfinite (d))
    {
      if (integer && d == floor (d) && d > -9.2e18 && d < 9.2e18)
        lb_json_int (json, (gint64) d);
      else
        lb_json_double (json, d);
    }
  else
    lb_json_string (json, s);
}

/* The values of a string element, from one conversion of the whole value. Asking the parser
 * for value i converts and scans the value from its start each time, which is quadratic: the
 * thousands of numbers of an RT structure set's Contour Data, or a damaged length that makes
 * a megabyte of pixels a string, would take minutes. */
static char **
split_values (const LbDicomElement *el, LbDicomVR vr)
{
  g_autofree char *all = lb_dicom_element_get_text (el);
  if (all == NULL)
    return g_new0 (char *, 1);
  if (vr == LB_DICOM_VR_LT || vr == LB_DICOM_VR_ST || vr == LB_DICOM_VR_UT
      || vr == LB_DICOM_VR_UR)
    {
      char **one = g_new0 (char *, 2);
      one[0] = g_steal_pointer (&all);
      return one;
    }
  return g_strsplit (all, "\\", -1);
}

static void
json_string_values (LbJson *json, const LbDicomElement *el, LbDicomVR vr)
{
  g_auto (GStrv) parts = split_values (el, vr);

  lb_json_key (json, "Value");
  lb_json_begin_array (json);
  for (size_t i = 0; parts[i] != NULL; i++)
    {
      const char *s = parts[i];
      if (vr == LB_DICOM_VR_DS || vr == LB_DICOM_VR_IS)
        json_numeric_string (json, s, vr == LB_DICOM_VR_IS);
      else if (s[0] == '\0')
        lb_json_null (json);   /* PS3.18 F.2.5: an empty value is null */
      else if (vr == LB_DICOM_VR_PN)
        json_person_name (json, s);
      else
        lb_json_string (json, s);
    }
  lb_json_end_array (json);
}

static void
json_values (LbJson *json, const LbDicomElement *el, LbDicomVR vr, uint32_t vm)
{
  if (lb_dicom_vr_is_string (vr))
    {
      json_string_values (json, el, vr);
      return;
    }
  lb_json_key (json, "Value");
  lb_json_begin_array (json);
  for (uint32_t i = 0; i < vm; i++)
    {
      int64_t sv;
      uint64_t uv;
      double dv;
      switch (vr)
        {
        case LB_DICOM_VR_SS: case LB_DICOM_VR_SL: case LB_DICOM_VR_SV:
          if (lb_dicom_element_get_int (el, i, &sv))
            lb_json_int (json, sv);
          else
            lb_json_null (json);
          break;
        case LB_DICOM_VR_FL: case LB_DICOM_VR_FD:
          if (lb_dicom_element_get_double (el, i, &dv))
            lb_json_double (json, dv);
          else
            lb_json_null (json);
          break;
        case LB_DICOM_VR_AT:
          if (lb_dicom_element_get_uint (el, i, &uv))
            {
              char hex[16];
              g_snprintf (hex, sizeof hex, "%08X", (unsigned) uv);
              lb_json_string (json, hex);
            }
          else
            lb_json_null (json);
          break;
        default:   /* US, UL, UV */
          if (lb_dicom_element_get_uint (el, i, &uv))
            lb_json_uint (json, uv);
          else
            lb_json_null (json);
          break;
        }
    }
  lb_json_end_array (json);
}

static gboolean
vr_is_binary (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_OB: case LB_DICOM_VR_OD: case LB_DICOM_VR_OF: case LB_DICOM_VR_OL:
    case LB_DICOM_VR_OV: case LB_DICOM_VR_OW: case LB_DICOM_VR_UN: case LB_DICOM_VR_NONE:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
json_element (DumpContext *ctx, LbJson *json, const LbDicomElement *el)
{
  char key[16];
  LbDicomVR vr = lb_dicom_element_get_vr (el);
  gboolean sequence = lb_dicom_element_is_sequence (el);

  g_snprintf (key, sizeof key, "%08X", lb_dicom_element_get_tag (el));
  lb_json_key (json, key);
  lb_json_begin_object (json);
  /* A UN element that parsed as a sequence holds items, which only SQ can say in JSON. */
  lb_json_member_string (json, "vr", sequence ? "SQ" : (vr == LB_DICOM_VR_NONE ? "UN"
                                                        : lb_dicom_vr_name (vr)));
  if (sequence)
    {
      lb_json_key (json, "Value");
      lb_json_begin_array (json);
      size_t n = lb_dicom_element_get_item_count (el);
      for (size_t i = 0; i < n; i++)
        json_dataset (ctx, json, lb_dicom_element_get_item (el, i));
      lb_json_end_array (json);
    }
  else if (lb_dicom_element_is_encapsulated (el))
    json_encapsulated (ctx, json, el);
  else if (vr_is_binary (vr))
    {
      size_t len = 0;
      const uint8_t *bytes = lb_dicom_element_get_bytes (el, &len);
      json_binary (ctx, json, bytes, len);
    }
  else
    {
      uint32_t vm = lb_dicom_element_get_vm (el);
      gboolean empty = vm == 0;
      if (vm == 1 && lb_dicom_vr_is_string (vr))
        {
          /* A value of padding only is empty: PS3.18 then has no "Value". */
          g_autofree char *s = lb_dicom_element_get_string (el, 0);
          empty = s == NULL || s[0] == '\0';
        }
      if (!empty)
        json_values (json, el, vr, vm);
    }
  lb_json_end_object (json);
}

static void
json_dataset (DumpContext *ctx, LbJson *json, const LbDicomDataset *ds)
{
  lb_json_begin_object (json);
  size_t n = ds != NULL ? lb_dicom_dataset_count (ds) : 0;
  for (size_t i = 0; i < n; i++)
    {
      const LbDicomElement *el = lb_dicom_dataset_get (ds, i);
      if (el != NULL)
        json_element (ctx, json, el);
    }
  lb_json_end_object (json);
}

static void
json_file (LbJson *json, const char *path, const LbDicomFile *file, gboolean meta,
           gint64 inline_max)
{
  DumpContext ctx = { .path = path, .file = file, .inline_max = inline_max };
  ctx.base = lb_dicom_file_get_bytes (file, &ctx.base_len);
  ctx.offsets_in_file = !lb_dicom_file_is_deflated (file);

  const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
  lb_json_begin_object (json);
  /* The meta group goes first, as in the file; both datasets share one JSON object. */
  const LbDicomDataset *parts[2] = { meta ? lb_dicom_file_get_meta (file) : NULL, ds };
  for (int p = 0; p < 2; p++)
    {
      size_t n = parts[p] != NULL ? lb_dicom_dataset_count (parts[p]) : 0;
      for (size_t i = 0; i < n; i++)
        {
          const LbDicomElement *el = lb_dicom_dataset_get (parts[p], i);
          if (el != NULL)
            json_element (&ctx, json, el);
        }
    }
  lb_json_end_object (json);
}

/* ---- Command ------------------------------------------------------------------------- */

static gboolean
nothing_read (const LbDicomFile *file)
{
  const LbDicomDataset *meta = lb_dicom_file_get_meta (file);
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
  return (meta == NULL || lb_dicom_dataset_count (meta) == 0)
         && (ds == NULL || lb_dicom_dataset_count (ds) == 0);
}

int
lb_cli_dump (int argc, char **argv)
{
  gboolean json = FALSE, meta = FALSE;
  gint64 inline_max = 1024;
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("DICOM JSON Model (PS3.18 Annex F)"), NULL },
    { "meta", 0, 0, G_OPTION_ARG_NONE, &meta, N_("Include the file meta group (0002)"), NULL },
    { "inline-max", 0, 0, G_OPTION_ARG_INT64, &inline_max,
      N_("Largest binary value written inline in JSON (default 1024)"), N_("BYTES") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE...") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("dump", _("Print every element, nested sequences included."),
                            entries);
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "lightbox-cli: dump: %s\n", _("no input file given"));
      return LB_CLI_EXIT_USAGE;
    }
  if (inline_max < 0)
    {
      fprintf (stderr, "lightbox-cli: dump: %s\n", _("--inline-max must not be negative"));
      return LB_CLI_EXIT_USAGE;
    }

  int status = LB_CLI_EXIT_OK;
  guint n_files = g_strv_length (files);
  gboolean array = json && n_files > 1;
  GString *out = g_string_sized_new (64 * 1024);
  LbJson writer;
  lb_json_init (&writer, out, TRUE);

  if (array)
    lb_json_begin_array (&writer);
  for (guint f = 0; f < n_files; f++)
    {
      LbDicomFile *file = lb_dicom_file_new (NULL);
      LbDicomError *error = NULL;
      gboolean ok = lb_dicom_file_read_path (file, files[f], LB_DICOM_READ_DEFAULT, &error);
      gboolean empty = !ok && nothing_read (file);

      if (json)
        {
          /* Every argument has its place in the array; an input of which nothing could be
           * read is null there. */
          if (!empty)
            {
              json_file (&writer, files[f], file, meta, inline_max);
              if (!array)
                g_string_append_c (out, '\n');
            }
          else if (array)
            lb_json_null (&writer);
        }
      else if (!empty)
        text_file (out, files[f], file, meta);

      /* Print what was read before the error line, so the two appear in that order. */
      fwrite (out->str, 1, out->len, stdout);
      g_string_truncate (out, 0);
      if (!ok)
        {
          fflush (stdout);
          lb_cli_print_dicom_error (files[f], error != NULL ? error
                                                            : lb_dicom_file_get_error (file));
          status = LB_CLI_EXIT_FAILED;
        }
      lb_dicom_error_free (error);
      lb_dicom_file_free (file);
    }
  if (array)
    {
      lb_json_end_array (&writer);
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  g_string_free (out, TRUE);
  return status;
}
