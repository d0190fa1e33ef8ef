/* cli-measure.c: `lightbox-cli measure [--json] [--frame N] (--line X1,Y1,X2,Y2 | --rect X,Y,W,H |
 * --ellipse CX,CY,RX,RY | --angle X1,Y1,X2,Y2,X3,Y3)... FILE` (CLI.md): the numbers of the
 * viewer's measurement tools, from the same functions (lb-dicom-measure.h). Shapes are printed
 * in the order given. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli-frame.h"
#include "cli-json.h"
#include "lb-dicom-measure.h"

typedef enum { SHAPE_LINE, SHAPE_RECT, SHAPE_ELLIPSE, SHAPE_ANGLE } ShapeKind;

static const char *const shape_names[] = { "line", "rect", "ellipse", "angle" };
static const int shape_arity[] = { 4, 4, 4, 6 };

typedef struct {
  ShapeKind kind;
  double v[6];
  char *text;                      /* as typed, for the text output */
} Shape;

typedef struct {
  gboolean json;
  int frame;
  GArray *shapes;                  /* of Shape */
} Options;

/* The calibration notes of lb_dicom_calibration_note, marked here for translation (the
 * parser has no gettext); the text output looks them up with _(). */
static const char *const calibration_notes[] G_GNUC_UNUSED = {
  N_("at the detector, not calibrated at the patient: magnification not corrected"),
  N_("Imager Pixel Spacing divided by the Estimated Radiographic Magnification Factor: "
     "an estimate at the patient, not a calibration"),
  N_("projection radiograph without Imager Pixel Spacing: calibration at the patient unknown"),
  N_("spacing on the scanned film, not at the patient"),
};

#define NOTE_CLIPPED N_("part of the shape lies outside the image: only the pixels inside count")
#define NOTE_EMPTY   N_("no pixel centre lies inside the shape")
#define NOTE_COLOUR  N_("colour image: pixel count and area only, no statistics of RGB values")
#define NOTE_NO_ANGLE N_("two points coincide: the angle is undefined")
#define NOTE_PADDING N_("%llu pixels of Pixel Padding left out")

static gboolean
on_shape (const char *name, const char *value, gpointer data, GError **error)
{
  Options *o = data;
  Shape shape = { 0 };
  for (int k = 0; k < 4; k++)
    if (strcmp (name + 2, shape_names[k]) == 0)
      shape.kind = (ShapeKind) k;
  int want = shape_arity[shape.kind];
  g_auto (GStrv) parts = g_strsplit (value, ",", -1);
  gboolean ok = g_strv_length (parts) == (guint) want;
  for (int k = 0; ok && k < want; k++)
    {
      char *end = NULL;
      g_strstrip (parts[k]);
      shape.v[k] = g_ascii_strtod (parts[k], &end);
      ok = end != parts[k] && *end == '\0' && isfinite (shape.v[k]);
    }
  if (!ok)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs %d numbers separated by commas, got \"%s\""), name, want, value);
      return FALSE;
    }
  shape.text = g_strdup (value);
  g_array_append_val (o->shapes, shape);
  return TRUE;
}

/* Notes about one result, in English (JSON) or translated (text), joined by "; ". */
static char *
join_notes (GPtrArray *notes, gboolean translate)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < notes->len; i++)
    {
      const char *n = g_ptr_array_index (notes, i);
      g_string_append (s, i ? "; " : "");
      g_string_append (s, translate ? _(n) : n);
    }
  return g_string_free (s, FALSE);
}

typedef struct {
  LbCliFrame f;
  LbDicomSpacing spacing;
  char unit[64];
  double pad_low, pad_high;
} Context;

static void
print_notes (GPtrArray *notes, LbJson *j, uint64_t padding)
{
  g_autofree char *padded = NULL;
  if (padding > 0)
    padded = g_strdup_printf (j != NULL ? NOTE_PADDING : _(NOTE_PADDING),
                              (unsigned long long) padding);
  if (notes->len == 0 && padded == NULL)
    return;
  g_autofree char *text = join_notes (notes, j == NULL);
  g_autofree char *all = padded == NULL ? g_strdup (text)
                         : g_strconcat (text, notes->len ? "; " : "", padded, NULL);
  if (j != NULL)
    lb_json_member_string (j, "note", all);
  else
    printf ("  %s %s\n", _("note:"), all);
}

static void
measure_one (const Context *c, const Shape *s, LbJson *j)
{
  const LbDicomSpacing *sp = &c->spacing;
  const char *source = lb_dicom_spacing_source_name (sp->source);
  g_autoptr (GPtrArray) notes = g_ptr_array_new ();
  const char *calibration = lb_dicom_calibration_note (sp->calibration);
  gboolean uses_spacing = sp->source != LB_DICOM_SPACING_NONE;
  uint64_t padding = 0;

  if (j != NULL)
    {
      lb_json_begin_object (j);
      lb_json_member_string (j, "shape", shape_names[s->kind]);
    }
  else
    printf ("%s %s:", shape_names[s->kind], s->text);

  if (s->kind == SHAPE_LINE)
    {
      double px, mm;
      lb_dicom_measure_line (sp, s->v[0], s->v[1], s->v[2], s->v[3], &px, &mm);
      if (j != NULL)
        {
          lb_json_member_double (j, "length_px", px);
          lb_json_member_double (j, "length_mm", mm);
        }
      else if (uses_spacing)
        /* TRANSLATORS: a length in pixels, then in mm, then the spacing element used */
        printf (_(" %.2f px = %.2f mm (%s)\n"), px, mm, source);
      else
        printf (_(" %.2f px (no pixel spacing: no mm)\n"), px);
    }
  else if (s->kind == SHAPE_ANGLE)
    {
      double deg = lb_dicom_measure_angle (sp, s->v[0], s->v[1], s->v[2], s->v[3], s->v[4],
                                           s->v[5]);
      if (isnan (deg))
        g_ptr_array_add (notes, (gpointer) NOTE_NO_ANGLE);
      if (j != NULL)
        lb_json_member_double (j, "degrees", deg);
      else if (isnan (deg))
        printf (" -\n");
      else
        printf (_(" %.2f degrees\n"), deg);
    }
  else
    {
      LbDicomRoi roi = { s->kind == SHAPE_RECT ? LB_DICOM_ROI_RECT : LB_DICOM_ROI_ELLIPSE,
                         s->v[0], s->v[1], s->v[2], s->v[3] };
      LbDicomRoiStats st;
      lb_dicom_roi_stats (c->f.frame, &c->f.display, sp, &roi, c->pad_low, c->pad_high, &st);
      padding = st.padding;
      if (st.clipped)
        g_ptr_array_add (notes, (gpointer) NOTE_CLIPPED);
      if (st.pixels == 0)
        g_ptr_array_add (notes, (gpointer) NOTE_EMPTY);
      else if (c->f.frame->samples != 1)
        g_ptr_array_add (notes, (gpointer) NOTE_COLOUR);
      if (j != NULL)
        {
          lb_json_key (j, "pixels");
          lb_json_uint (j, st.pixels);
          lb_json_member_double (j, "area_mm2", st.area_mm2);
          lb_json_member_double (j, "area_px", st.area_px);
          lb_json_member_double (j, "mean", st.mean);
          lb_json_member_double (j, "sd", st.sd);
          lb_json_member_double (j, "min", st.min);
          lb_json_member_double (j, "max", st.max);
          lb_json_member_double (j, "stored_mean", st.stored_mean);
          lb_json_member_double (j, "stored_min", st.stored_min);
          lb_json_member_double (j, "stored_max", st.stored_max);
          lb_json_member_string (j, "unit", c->unit);
          lb_json_key (j, "clipped");
          lb_json_bool (j, st.clipped);
        }
      else
        {
          if (uses_spacing)
            /* TRANSLATORS: pixel count, then the area in square millimetres */
            printf (_(" %llu pixels, %.2f mm²"), (unsigned long long) st.pixels, st.area_mm2);
          else
            printf (_(" %llu pixels, %.2f px² (no pixel spacing)"),
                    (unsigned long long) st.pixels, st.area_px);
          /* " HU" after the mean, nothing when the unit is unknown */
          g_autofree char *unit = c->unit[0] ? g_strconcat (" ", c->unit, NULL) : g_strdup ("");
          if (st.has_values)
            /* TRANSLATORS: ROI statistics; %s after the mean is " HU", " BQML"... or empty */
            printf (_(", mean %.2f%s, SD %.2f, min %g, max %g; stored mean %.2f, min %g, "
                      "max %g"), st.mean, unit, st.sd, st.min, st.max, st.stored_mean,
                    st.stored_min, st.stored_max);
          printf ("\n");
        }
    }

  if (j != NULL)
    {
      lb_json_member_string (j, "spacing_source", source);
      if (s->kind != SHAPE_ANGLE && uses_spacing)
        lb_json_member_string (j, "calibration", lb_dicom_calibration_name (sp->calibration));
    }
  /* A uniform magnification changes lengths and areas, never angles. */
  if (s->kind != SHAPE_ANGLE && uses_spacing && calibration != NULL)
    g_ptr_array_insert (notes, 0, (gpointer) calibration);
  print_notes (notes, j, padding);
  if (j != NULL)
    lb_json_end_object (j);
}

static int
measure_file (const Options *o, const char *path)
{
  Context c = { 0 };
  if (!lb_cli_frame_load (path, o->frame, &c.f))
    return LB_CLI_EXIT_FAILED;
  lb_dicom_file_get_spacing (c.f.file, c.f.index, &c.spacing);
  lb_dicom_file_get_modality_unit (c.f.file, c.f.index, c.unit, sizeof c.unit);
  if (!lb_dicom_file_get_padding (c.f.file, &c.pad_low, &c.pad_high))
    c.pad_low = c.pad_high = NAN;

  if (o->json)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      LbJson j;
      lb_json_init (&j, out, TRUE);
      lb_json_begin_array (&j);
      for (guint i = 0; i < o->shapes->len; i++)
        measure_one (&c, &g_array_index (o->shapes, Shape, i), &j);
      lb_json_end_array (&j);
      g_string_append_c (out, '\n');
      fputs (out->str, stdout);
    }
  else
    {
      const LbDicomSpacing *sp = &c.spacing;
      if (sp->source != LB_DICOM_SPACING_NONE)
        /* TRANSLATORS: file, frame number, spacing element, row and column spacing in mm */
        printf (_("%s, frame %u: %s %g x %g mm\n"), path, c.f.index + 1,
                lb_dicom_spacing_source_name (sp->source), sp->row_mm, sp->column_mm);
      else
        printf (_("%s, frame %u: no pixel spacing, lengths in pixels\n"), path, c.f.index + 1);
      for (guint i = 0; i < o->shapes->len; i++)
        measure_one (&c, &g_array_index (o->shapes, Shape, i), NULL);
    }
  lb_cli_frame_clear (&c.f);
  return LB_CLI_EXIT_OK;
}

static void
shape_clear (gpointer data)
{
  g_free (((Shape *) data)->text);
}

int
lb_cli_measure (int argc, char **argv)
{
  Options o = { .frame = 1, .shapes = g_array_new (FALSE, TRUE, sizeof (Shape)) };
  g_array_set_clear_func (o.shapes, shape_clear);
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON, one object per shape"), NULL },
    { "frame", 0, 0, G_OPTION_ARG_INT, &o.frame, N_("Measure on frame N (1-based, default 1)"),
      N_("N") },
    { "line", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_shape,
      N_("Length of a line, in pixels and mm"), N_("X1,Y1,X2,Y2") },
    { "rect", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_shape,
      N_("Statistics of a rectangle: corner and size"), N_("X,Y,W,H") },
    { "ellipse", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_shape,
      N_("Statistics of an ellipse: centre and semi-axes"), N_("CX,CY,RX,RY") },
    { "angle", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_shape,
      N_("Angle at the middle point, in degrees"), N_("X1,Y1,X2,Y2,X3,Y3") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = lb_cli_command_context_with_data ("measure",
    _("Measure lengths, angles and regions in image pixels (x = column, y = row, pixel "
      "centres at integer + 0.5). A pixel belongs to a region when its centre lies inside."),
    entries, &o);
  g_option_context_set_description (context,
    _("Repeat shapes as needed. Regions give the modality values (HU for CT) and the stored "
      "values; colour images give pixel count and area only."));

  int status = LB_CLI_EXIT_OK;
  if (!lb_cli_parse_options (context, &argc, &argv))
    status = LB_CLI_EXIT_USAGE;
  else if (files == NULL || files[0] == NULL || files[1] != NULL || o.shapes->len == 0)
    {
      fprintf (stderr, "lightbox-cli: %s\n",
               _("measure needs one FILE and at least one --line, --rect, --ellipse or --angle"));
      status = LB_CLI_EXIT_USAGE;
    }
  else if (o.frame < 1)
    {
      fprintf (stderr, "lightbox-cli: %s\n", _("--frame needs N >= 1"));
      status = LB_CLI_EXIT_USAGE;
    }
  else
    status = measure_file (&o, files[0]);
  g_array_unref (o.shapes);
  return status;
}
