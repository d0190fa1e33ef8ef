/* cli-info.c: `lightbox-cli info [--json] FILE...`: the summary a teacher reads first.
 *
 * Each line is built once as a row (key, translated label, text, JSON value), then printed as
 * aligned "Label: value" text or as one JSON object per file. Values are those stored in the
 * file; enhanced multi-frame objects keep many of them in the functional group sequences, which
 * are searched when the top level has no such element. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-json.h"
#include "lb-dicom-measure.h"
#include "lb-dicom-pixel.h"
#include "lb-dicom-summary.h"


typedef struct {
  const char *key;    /* JSON member name, English */
  char *label;        /* translated */
  char *text;         /* UTF-8, escaped */
  char *json;         /* an encoded JSON value */
} Row;

typedef struct {
  GArray *rows;       /* of Row */
} Report;

static void
row_clear (gpointer data)
{
  Row *row = data;
  g_free (row->label);
  g_free (row->text);
  g_free (row->json);
}

static void
add_row (Report *report, const char *key, const char *label, char *text, char *json)
{
  Row row = { key, g_strdup (label), text, json };
  g_array_append_val (report->rows, row);
}

static char *
json_string_value (const char *s)
{
  if (s == NULL)
    return g_strdup ("null");
  GString *out = g_string_new (NULL);
  lb_json_append_escaped (out, s, -1);
  return g_string_free (out, FALSE);
}

/* Numbers for people: ten significant digits, so 2245.5978910000003 reads 2245.597891. The
 * JSON form keeps every digit. */
static void
append_text_double (GString *text, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (text, g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

/* An element of the main dataset, or frame 1's in an enhanced object's functional groups. */
static const LbDicomElement *
lookup (const LbDicomFile *file, uint32_t tag)
{
  return lb_dicom_summary_lookup (file, tag);
}

/* The element's whole value as display text, NULL when absent or empty. */
static char *
element_text (const LbDicomElement *el)
{
  if (el == NULL || lb_dicom_element_get_vm (el) == 0)
    return NULL;
  g_autofree char *raw = lb_dicom_vr_is_string (lb_dicom_element_get_vr (el))
                         ? lb_dicom_element_get_text (el)
                         : lb_dicom_element_format_value (el, 0);
  if (raw == NULL)
    return NULL;
  g_strstrip (raw);
  if (raw[0] == '\0')
    return NULL;
  return lb_dicom_escape_text (raw);
}

/* Adds a row for one element: numbers (DS, IS, binary numbers) as JSON numbers, a
 * multi-valued number as an array, anything else as a string; absent as null. */
static void
add_element (Report *report, const char *key, const char *label, const LbDicomElement *el,
             const char *unit)
{
  g_autofree char *text = element_text (el);
  if (text == NULL)
    {
      add_row (report, key, label, g_strdup (_("not present")), g_strdup ("null"));
      return;
    }
  LbDicomVR vr = lb_dicom_element_get_vr (el);
  gboolean numeric = vr == LB_DICOM_VR_DS || vr == LB_DICOM_VR_IS || vr == LB_DICOM_VR_US
                     || vr == LB_DICOM_VR_SS || vr == LB_DICOM_VR_UL || vr == LB_DICOM_VR_SL
                     || vr == LB_DICOM_VR_FL || vr == LB_DICOM_VR_FD;
  uint32_t vm = lb_dicom_element_get_vm (el);
  char *json = NULL;
  if (numeric)
    {
      GString *out = g_string_new (vm > 1 ? "[" : "");
      for (uint32_t i = 0; i < vm; i++)
        {
          double d;
          if (i > 0)
            g_string_append (out, ", ");
          if (lb_dicom_element_get_double (el, i, &d))
            lb_json_append_double (out, d);
          else
            g_string_append (out, "null");
        }
      if (vm > 1)
        g_string_append_c (out, ']');
      json = g_string_free (out, FALSE);
    }
  else
    json = json_string_value (text);

  char *shown = unit != NULL ? g_strdup_printf ("%s %s", text, unit) : g_strdup (text);
  add_row (report, key, label, shown, json);
}

static void
add_tag (Report *report, const LbDicomFile *file, const char *key, const char *label,
         uint32_t tag, const char *unit)
{
  add_element (report, key, label, lookup (file, tag), unit);
}

/* A name with its UID: "CT Image Storage (1.2.840.10008.5.1.4.1.1.2)". */
static void
add_uid (Report *report, const char *key, const char *label, const char *uid)
{
  if (uid == NULL || uid[0] == '\0')
    {
      add_row (report, key, label, g_strdup (_("not present")), g_strdup ("null"));
      return;
    }
  const char *name = lb_dicom_uid_name (uid);
  g_autofree char *safe = lb_dicom_escape_text (uid);
  char *text = name != NULL ? g_strdup_printf ("%s (%s)", name, safe)
                            : g_strdup_printf (_("unknown UID %s"), safe);
  GString *json = g_string_new ("{\"uid\": ");
  lb_json_append_escaped (json, uid, -1);
  g_string_append (json, ", \"name\": ");
  if (name != NULL)
    lb_json_append_escaped (json, name, -1);
  else
    g_string_append (json, "null");
  g_string_append_c (json, '}');
  add_row (report, key, label, text, g_string_free (json, FALSE));
}

static void
add_windows (Report *report, const LbDicomImageInfo *info)
{
  if (info == NULL || info->n_windows == 0)
    {
      add_row (report, "windows", _("Stored windows"), g_strdup (_("not present")),
               g_strdup ("[]"));
      return;
    }
  GString *text = g_string_new (NULL);
  GString *json = g_string_new ("[");
  for (size_t i = 0; i < info->n_windows; i++)
    {
      const LbDicomWindow *w = &info->windows[i];
      if (i > 0)
        {
          g_string_append (text, "; ");
          g_string_append (json, ", ");
        }
      g_string_append (text, _("centre "));
      append_text_double (text, w->center);
      g_string_append (text, _(", width "));
      append_text_double (text, w->width);
      g_string_append (json, "{\"center\": ");
      lb_json_append_double (json, w->center);
      g_string_append (json, ", \"width\": ");
      lb_json_append_double (json, w->width);
      g_string_append (json, ", \"explanation\": ");
      if (w->explanation != NULL)
        {
          g_autofree char *safe = lb_dicom_escape_text (w->explanation);
          g_string_append_printf (text, " (%s)", safe);
          lb_json_append_escaped (json, w->explanation, -1);
        }
      else
        g_string_append (json, "null");
      g_string_append_c (json, '}');
    }
  g_string_append_c (json, ']');
  add_row (report, "windows", _("Stored windows"), g_string_free (text, FALSE),
           g_string_free (json, FALSE));
}

static void
add_range (Report *report, const char *key, const char *label, gboolean ok, double lo, double hi,
           const char *why)
{
  if (!ok)
    {
      add_row (report, key, label, g_strdup_printf (_("not computed (%s)"), why),
               g_strdup ("null"));
      return;
    }
  GString *text = g_string_new (NULL);
  GString *json = g_string_new ("[");
  append_text_double (text, lo);
  g_string_append (text, " .. ");
  append_text_double (text, hi);
  lb_json_append_double (json, lo);
  g_string_append (json, ", ");
  lb_json_append_double (json, hi);
  g_string_append_c (json, ']');
  add_row (report, key, label, g_string_free (text, FALSE), g_string_free (json, FALSE));
}

/* Numbers in the window line: six significant digits (12106.6, 57297), enough to compare. */
static char *
format_hint_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

/* Whether the window frame 1 opens with (the file's first, as the viewer shows it) hides the
 * image: lb_dicom_window_hint, the fact the viewer's hint and pipeline view state. */
static void
add_window_hint (Report *report, const LbDicomFrame *frame, const LbDicomDisplay *display)
{
  const char *label = _("Window on frame 1");
  LbDicomWindowHint hint;
  gboolean hidden = lb_dicom_window_hint (frame, display, &hint);

  if (display->voi_source == LB_DICOM_VOI_SOURCE_NONE)
    {
      add_row (report, "window_hides", label,
               g_strdup (_("no window (minimum to maximum)")), g_strdup ("null"));
      return;
    }
  g_autofree char *low = format_hint_number (hint.low);
  g_autofree char *high = format_hint_number (hint.high);
  g_autofree char *min = format_hint_number (hint.min);
  g_autofree char *max = format_hint_number (hint.max);
  char *text;
  if (!hidden)
    text = g_strdup (_("shows the image"));
  else if (hint.side == LB_DICOM_HIDDEN_BELOW)
    text = g_strdup_printf (hint.black
                              ? _("leaves %u %% of the pixels black: its range %s .. %s lies "
                                  "above most values (max %s)")
                              : _("leaves %u %% of the pixels white: its range %s .. %s lies "
                                  "above most values (max %s)"),
                            hint.percent, low, high, max);
  else
    text = g_strdup_printf (hint.black
                              ? _("leaves %u %% of the pixels black: its range %s .. %s lies "
                                  "below most values (min %s)")
                              : _("leaves %u %% of the pixels white: its range %s .. %s lies "
                                  "below most values (min %s)"),
                            hint.percent, low, high, min);

  GString *json = g_string_new (NULL);
  g_string_append_printf (json, "{\"hidden\": %s, \"side\": %s, \"colour\": %s, "
                          "\"percent\": %u, \"pixels\": %" PRIu64 ", \"count\": %" PRIu64
                          ", \"low\": ",
                          hidden ? "true" : "false",
                          !hidden ? "null" : hint.side == LB_DICOM_HIDDEN_BELOW ? "\"below\""
                                                                               : "\"above\"",
                          !hidden ? "null" : hint.black ? "\"black\"" : "\"white\"",
                          hint.percent, hint.hidden, hint.count);
  lb_json_append_double (json, hint.low);
  g_string_append (json, ", \"high\": ");
  lb_json_append_double (json, hint.high);
  g_string_append (json, ", \"min\": ");
  lb_json_append_double (json, hint.min);
  g_string_append (json, ", \"max\": ");
  lb_json_append_double (json, hint.max);
  g_string_append_c (json, '}');
  add_row (report, "window_hides", label, text, g_string_free (json, FALSE));
}

/* Stored and modality value range of frame 1. Rescale is monotonic, so the ends of the stored
 * range map to the ends of the modality range; a Modality LUT need not be, so then every
 * sample is mapped. */
static void
add_frame_ranges (Report *report, LbDicomFile *file, const LbDicomImageInfo *info)
{
  LbDicomFrame *frame = NULL;
  LbDicomError *error = NULL;
  g_autofree char *why = NULL;
  gboolean ok = info != NULL && lb_dicom_file_decode_frame (file, 0, &frame, &error);
  double lo = NAN, hi = NAN, mlo = NAN, mhi = NAN;
  LbDicomDisplay display = { 0 };

  if (!ok)
    why = error != NULL ? lb_cli_error_reason (error) : g_strdup (_("no image"));
  else
    {
      lo = frame->min;
      hi = frame->max;
      if (frame->samples == 1)
        {
          lb_dicom_display_init (&display, info, frame);
          if (display.modality_lut == NULL)
            {
              double a = lb_dicom_stored_to_modality (&display, lo);
              double b = lb_dicom_stored_to_modality (&display, hi);
              mlo = MIN (a, b);
              mhi = MAX (a, b);
            }
          else
            {
              size_t n = (size_t) frame->width * frame->height;
              mlo = INFINITY;
              mhi = -INFINITY;
              for (size_t i = 0; i < n; i++)
                {
                  double m = lb_dicom_stored_to_modality (&display,
                                                          lb_dicom_frame_get_sample (frame, i));
                  mlo = MIN (mlo, m);
                  mhi = MAX (mhi, m);
                }
            }
        }
    }
  add_range (report, "stored_range", _("Frame 1 stored values"), ok, lo, hi, why);
  if (ok && frame->samples != 1)
    add_range (report, "modality_range", _("Frame 1 modality values"), FALSE, 0, 0,
               _("colour image"));
  else
    add_range (report, "modality_range", _("Frame 1 modality values"), ok, mlo, mhi, why);
  if (ok && frame->samples == 1)
    add_window_hint (report, frame, &display);
  else
    add_range (report, "window_hides", _("Window on frame 1"), FALSE, 0, 0,
               ok ? _("colour image") : why);
  lb_dicom_frame_free (frame);
  lb_dicom_error_free (error);
}

/* The per-modality fields of lb-dicom-summary.h, the same the viewer's Summary panel shows. */
static void
add_modality_fields (Report *report, const LbDicomFile *file, const char *modality)
{
  size_t n;
  const LbDicomSummaryField *fields = lb_dicom_summary_fields (modality, &n);
  for (size_t i = 0; i < n; i++)
    {
      const LbDicomSummaryField *f = &fields[i];
      if (f->kind == LB_DICOM_SUMMARY_VALUE)
        {
          add_element (report, f->key, _(f->label), lb_dicom_summary_find (file, f), f->unit);
          continue;
        }
      g_autofree char *text = lb_dicom_summary_value_text (file, f);
      if (text == NULL)
        add_row (report, f->key, _(f->label), g_strdup (_("not present")), g_strdup ("null"));
      else if (f->kind == LB_DICOM_SUMMARY_ITEM_COUNT)
        add_row (report, f->key, _(f->label), g_strdup (text), g_strdup (text));
      else
        add_row (report, f->key, _(f->label), g_strdup (text), json_string_value (text));
    }
}

static void
build_report (Report *report, LbDicomFile *file)
{
  g_autofree char *modality = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0008, 0x0060));
  g_autofree char *sop_class = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0008, 0x0016));
  if (sop_class == NULL)
    sop_class = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0002, 0x0002));

  add_tag (report, file, "patient_name", _("Patient name"), LB_DICOM_TAG (0x0010, 0x0010), NULL);
  add_tag (report, file, "patient_id", _("Patient ID"), LB_DICOM_TAG (0x0010, 0x0020), NULL);
  add_tag (report, file, "study_date", _("Study date"), LB_DICOM_TAG (0x0008, 0x0020), NULL);
  add_tag (report, file, "study_description", _("Study description"),
           LB_DICOM_TAG (0x0008, 0x1030), NULL);
  add_tag (report, file, "modality", _("Modality"), LB_DICOM_TAG (0x0008, 0x0060), NULL);
  add_uid (report, "sop_class", _("SOP class"), sop_class);
  add_uid (report, "transfer_syntax", _("Transfer syntax"),
           lb_dicom_file_get_transfer_syntax (file));

  /* Rows x columns x frames: one line, the way a teacher says it. */
  int64_t rows = 0, cols = 0, frames = 1;
  gboolean has_rows = lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0010), &rows);
  gboolean has_cols = lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0011), &cols);
  lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0008), &frames);
  if (has_rows && has_cols)
    add_row (report, "size", _("Rows x columns x frames"),
             g_strdup_printf ("%" PRId64 " x %" PRId64 " x %" PRId64, rows, cols, frames),
             g_strdup_printf ("{\"rows\": %" PRId64 ", \"columns\": %" PRId64
                              ", \"frames\": %" PRId64 "}", rows, cols, frames));
  else
    add_row (report, "size", _("Rows x columns x frames"), g_strdup (_("not present")),
             g_strdup ("null"));

  add_tag (report, file, "samples_per_pixel", _("Samples per pixel"),
           LB_DICOM_TAG (0x0028, 0x0002), NULL);
  add_tag (report, file, "bits_allocated", _("Bits allocated"), LB_DICOM_TAG (0x0028, 0x0100),
           NULL);
  add_tag (report, file, "bits_stored", _("Bits stored"), LB_DICOM_TAG (0x0028, 0x0101), NULL);
  add_tag (report, file, "high_bit", _("High bit"), LB_DICOM_TAG (0x0028, 0x0102), NULL);
  int64_t pixrep;
  if (lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0103), &pixrep))
    add_row (report, "pixel_representation", _("Pixel representation"),
             g_strdup_printf ("%" PRId64 " (%s)", pixrep,
                              pixrep == 0 ? _("unsigned") : pixrep == 1 ? _("signed")
                                                                         : _("invalid")),
             g_strdup_printf ("%" PRId64, pixrep));
  else
    add_row (report, "pixel_representation", _("Pixel representation"),
             g_strdup (_("not present")), g_strdup ("null"));
  add_tag (report, file, "photometric", _("Photometric interpretation"),
           LB_DICOM_TAG (0x0028, 0x0004), NULL);
  add_tag (report, file, "pixel_spacing", _("Pixel spacing"), LB_DICOM_TAG (0x0028, 0x0030),
           "mm");

  LbDicomImageInfo *info = lb_dicom_file_get_image_info (file, 0, NULL);
  if (info != NULL && (info->has_rescale || info->modality_lut != NULL))
    {
      GString *text = g_string_new (NULL);
      if (info->modality_lut != NULL)
        g_string_append_printf (text, _("Modality LUT Sequence, %u entries"),
                                (unsigned) info->modality_lut->count);
      else
        {
          g_string_append (text, _("slope "));
          append_text_double (text, info->rescale_slope);
          g_string_append (text, _(", intercept "));
          append_text_double (text, info->rescale_intercept);
        }
      if (info->rescale_type != NULL)
        {
          g_autofree char *safe = lb_dicom_escape_text (info->rescale_type);
          g_string_append_printf (text, " (%s)", safe);
        }
      GString *json = g_string_new ("{\"slope\": ");
      lb_json_append_double (json, info->rescale_slope);
      g_string_append (json, ", \"intercept\": ");
      lb_json_append_double (json, info->rescale_intercept);
      g_string_append (json, ", \"type\": ");
      if (info->rescale_type != NULL)
        lb_json_append_escaped (json, info->rescale_type, -1);
      else
        g_string_append (json, "null");
      g_string_append_printf (json, ", \"modality_lut\": %s}",
                              info->modality_lut != NULL ? "true" : "false");
      add_row (report, "rescale", _("Rescale"), g_string_free (text, FALSE),
               g_string_free (json, FALSE));
    }
  else
    add_row (report, "rescale", _("Rescale"), g_strdup (_("not present")), g_strdup ("null"));
  add_windows (report, info);
  add_frame_ranges (report, file, info);
  lb_dicom_image_info_free (info);

  add_modality_fields (report, file, modality);
}

static void
print_text (GString *out, const char *path, const Report *report)
{
  glong width = 0;
  for (guint i = 0; i < report->rows->len; i++)
    width = MAX (width, g_utf8_strlen (g_array_index (report->rows, Row, i).label, -1));
  g_autofree char *safe_path = lb_dicom_escape_text (path);
  g_string_append_printf (out, "# %s\n", safe_path);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const Row *row = &g_array_index (report->rows, Row, i);
      g_string_append_printf (out, "%s:", row->label);
      /* Pad by characters, not bytes, so translated labels line up too. */
      for (glong pad = g_utf8_strlen (row->label, -1); pad <= width; pad++)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s\n", row->text);
    }
}

static void
print_json (LbJson *json, const char *path, const Report *report)
{
  lb_json_begin_object (json);
  lb_json_member_string (json, "path", path);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const Row *row = &g_array_index (report->rows, Row, i);
      lb_json_key (json, row->key);
      lb_json_raw (json, row->json);
    }
  lb_json_end_object (json);
}

int
lb_cli_info (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE...") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("info", _("Print the summary a teacher reads first."), entries);
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "lightbox-cli: info: %s\n", _("no input file given"));
      return LB_CLI_EXIT_USAGE;
    }

  int status = LB_CLI_EXIT_OK;
  guint n_files = g_strv_length (files);
  gboolean array = json && n_files > 1;
  GString *out = g_string_new (NULL);
  LbJson writer;
  lb_json_init (&writer, out, TRUE);
  if (array)
    lb_json_begin_array (&writer);
  for (guint f = 0; f < n_files; f++)
    {
      LbDicomFile *file = lb_dicom_file_new (NULL);
      LbDicomError *error = NULL;
      if (!lb_dicom_file_read_path (file, files[f], LB_DICOM_READ_DEFAULT, &error))
        {
          /* A summary of part of a file would mislead: report the error only. */
          if (array)
            lb_json_null (&writer);
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
          fflush (stdout);
          lb_cli_print_dicom_error (files[f], error);
          status = LB_CLI_EXIT_FAILED;
        }
      else
        {
          Report report = { g_array_new (FALSE, FALSE, sizeof (Row)) };
          g_array_set_clear_func (report.rows, row_clear);
          build_report (&report, file);
          if (json)
            {
              print_json (&writer, files[f], &report);
              if (!array)
                g_string_append_c (out, '\n');
            }
          else
            {
              if (f > 0)
                g_string_append_c (out, '\n');
              print_text (out, files[f], &report);
            }
          g_array_unref (report.rows);
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
