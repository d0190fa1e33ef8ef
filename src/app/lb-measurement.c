/* lb-measurement.c: the shape, its numbers (from lb-dicom-measure.h, as the CLI) and its label. */
#include "config.h"

#define G_LOG_DOMAIN "lb-tool"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lb-measurement.h"

struct _LbMeasurement
{
  GObject parent_instance;

  LbMeasurementKind kind;
  char *owner;
  double x[3], y[3];
  guint n_points;

  /* results of the last compute */
  LbDicomSpacing spacing;
  char unit[32];
  double length_px, length_mm, angle;
  LbDicomRoiStats stats;
  char *label;
};

G_DEFINE_FINAL_TYPE (LbMeasurement, lb_measurement, G_TYPE_OBJECT)

static void
lb_measurement_finalize (GObject *object)
{
  LbMeasurement *self = LB_MEASUREMENT (object);

  g_free (self->owner);
  g_free (self->label);
  G_OBJECT_CLASS (lb_measurement_parent_class)->finalize (object);
}

static void
lb_measurement_class_init (LbMeasurementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_measurement_finalize;
}

static void
lb_measurement_init (LbMeasurement *self)
{
  self->length_px = self->length_mm = self->angle = NAN;
}

LbMeasurement *
lb_measurement_new (LbMeasurementKind kind,
                    const char       *owner,
                    double            x,
                    double            y)
{
  LbMeasurement *self = g_object_new (LB_TYPE_MEASUREMENT, NULL);

  self->kind = kind;
  self->owner = g_strdup (owner);
  /* A new shape starts as two points at the press; the drag moves the second. */
  self->x[0] = self->x[1] = x;
  self->y[0] = self->y[1] = y;
  self->n_points = 2;
  self->label = g_strdup ("");
  return self;
}

LbMeasurementKind
lb_measurement_get_kind (LbMeasurement *self)
{
  return self->kind;
}

const char *
lb_measurement_get_owner (LbMeasurement *self)
{
  return self->owner;
}

guint
lb_measurement_get_n_points (LbMeasurement *self)
{
  return self->n_points;
}

void
lb_measurement_get_point (LbMeasurement *self,
                          guint          index,
                          double        *x,
                          double        *y)
{
  g_return_if_fail (index < self->n_points);
  *x = self->x[index];
  *y = self->y[index];
}

void
lb_measurement_set_point (LbMeasurement *self,
                          guint          index,
                          double         x,
                          double         y)
{
  g_return_if_fail (index < self->n_points);
  self->x[index] = x;
  self->y[index] = y;
}

void
lb_measurement_add_point (LbMeasurement *self,
                          double         x,
                          double         y)
{
  g_return_if_fail (self->n_points < 3);
  self->x[self->n_points] = x;
  self->y[self->n_points] = y;
  self->n_points++;
}

gboolean
lb_measurement_is_complete (LbMeasurement *self)
{
  return self->kind != LB_MEASUREMENT_ANGLE || self->n_points == 3;
}

void
lb_measurement_translate (LbMeasurement *self,
                          double         dx,
                          double         dy)
{
  for (guint i = 0; i < self->n_points; i++)
    {
      self->x[i] += dx;
      self->y[i] += dy;
    }
}

void
lb_measurement_get_roi (LbMeasurement *self,
                        LbDicomRoi    *roi)
{
  double x0 = MIN (self->x[0], self->x[1]), x1 = MAX (self->x[0], self->x[1]);
  double y0 = MIN (self->y[0], self->y[1]), y1 = MAX (self->y[0], self->y[1]);

  if (self->kind == LB_MEASUREMENT_ELLIPSE)
    *roi = (LbDicomRoi) { LB_DICOM_ROI_ELLIPSE, (x0 + x1) / 2, (y0 + y1) / 2,
                          (x1 - x0) / 2, (y1 - y0) / 2 };
  else
    *roi = (LbDicomRoi) { LB_DICOM_ROI_RECT, x0, y0, x1 - x0, y1 - y0 };
}

char *
lb_measurement_owner_for (LbDocument *document)
{
  g_autofree char *uri = g_file_get_uri (lb_document_get_file (document));

  return g_strdup_printf ("%s#%u", uri, lb_document_get_frame_index (document));
}

/* ---- Numbers ---------------------------------------------------------------------------- */

static const char *
spacing_label (const LbDicomSpacing *sp)
{
  switch (sp->calibration)
    {
    case LB_DICOM_CALIBRATION_DETECTOR:
      return _("at the detector, magnification not corrected");
    case LB_DICOM_CALIBRATION_ERMF:
      return _("estimated at the patient (ERMF)");
    case LB_DICOM_CALIBRATION_UNKNOWN:
      return _("calibration unknown");
    case LB_DICOM_CALIBRATION_FILM:
      return _("on the film");
    case LB_DICOM_CALIBRATION_PATIENT:
    default:
      break;
    }
  switch (sp->source)
    {
    case LB_DICOM_SPACING_IMAGER:
      return _("Imager Pixel Spacing");
    case LB_DICOM_SPACING_NOMINAL_SCANNED:
      return _("Nominal Scanned Pixel Spacing");
    case LB_DICOM_SPACING_PIXEL:
    case LB_DICOM_SPACING_NONE:
    default:
      return _("Pixel Spacing");
    }
}

static char *
length_label (LbMeasurement *self)
{
  if (isnan (self->length_mm))
    /* TRANSLATORS: a length in pixels: the file gives no pixel spacing */
    return g_strdup_printf (_("%.1f px (no spacing)"), self->length_px);
  return g_strdup_printf ("%.1f mm\n%s", self->length_mm, spacing_label (&self->spacing));
}

static char *
roi_label (LbMeasurement *self)
{
  const LbDicomRoiStats *st = &self->stats;
  g_autofree char *area = NULL;

  if (isnan (st->area_mm2))
    area = g_strdup_printf (_("area %.1f px²"), st->area_px);
  else
    area = g_strdup_printf (_("area %.1f mm²"), st->area_mm2);
  if (!st->has_values)
    return g_strdup_printf (_("%llu pixels, %s"), (unsigned long long) st->pixels, area);
  return g_strdup_printf (_("mean %.1f %s, SD %.1f\nmin %.1f, max %.1f\n%llu pixels, %s"),
                          st->mean, self->unit, st->sd, st->min, st->max,
                          (unsigned long long) st->pixels, area);
}

static char *
make_label (LbMeasurement *self)
{
  switch (self->kind)
    {
    case LB_MEASUREMENT_LINE:
      return length_label (self);
    case LB_MEASUREMENT_ANGLE:
      if (self->n_points < 3)
        return g_strdup ("");
      if (isnan (self->angle))
        return g_strdup (_("angle undefined"));
      return g_strdup_printf ("%.1f°", self->angle);
    case LB_MEASUREMENT_RECT:
    case LB_MEASUREMENT_ELLIPSE:
    default:
      return roi_label (self);
    }
}

void
lb_measurement_compute (LbMeasurement *self,
                        LbDocument    *document)
{
  const LbDicomFile *file = lb_document_get_dicom (document);
  const LbDicomFrame *frame = lb_document_get_frame (document);
  guint index = lb_document_get_frame_index (document);
  LbDicomDisplay display;
  LbDicomRoi roi;
  double pad_low = NAN, pad_high = NAN;

  if (file == NULL || frame == NULL)
    return;
  lb_dicom_file_get_spacing (file, index, &self->spacing);
  lb_dicom_file_get_modality_unit (file, index, self->unit, sizeof self->unit);
  switch (self->kind)
    {
    case LB_MEASUREMENT_LINE:
      lb_dicom_measure_line (&self->spacing, self->x[0], self->y[0], self->x[1], self->y[1],
                             &self->length_px, &self->length_mm);
      break;
    case LB_MEASUREMENT_ANGLE:
      if (self->n_points == 3)
        self->angle = lb_dicom_measure_angle (&self->spacing, self->x[0], self->y[0], self->x[1],
                                              self->y[1], self->x[2], self->y[2]);
      break;
    case LB_MEASUREMENT_RECT:
    case LB_MEASUREMENT_ELLIPSE:
    default:
      /* Only the modality stage counts, so the window shown does not matter: a fresh display. */
      lb_dicom_display_init (&display, lb_document_get_image_info (document), frame);
      if (!lb_dicom_file_get_padding (file, &pad_low, &pad_high))
        pad_low = pad_high = NAN;
      lb_measurement_get_roi (self, &roi);
      lb_dicom_roi_stats (frame, &display, &self->spacing, &roi, pad_low, pad_high,
                          &self->stats);
      break;
    }
  g_free (self->label);
  self->label = make_label (self);
}

const char *
lb_measurement_get_label (LbMeasurement *self)
{
  return self->label;
}

char *
lb_measurement_dup_cli_shape (LbMeasurement *self)
{
  LbDicomRoi roi;

  switch (self->kind)
    {
    case LB_MEASUREMENT_LINE:
      return g_strdup_printf ("--line %.4f,%.4f,%.4f,%.4f", self->x[0], self->y[0], self->x[1],
                              self->y[1]);
    case LB_MEASUREMENT_ANGLE:
      if (self->n_points < 3)
        return g_strdup ("--angle incomplete");
      return g_strdup_printf ("--angle %.4f,%.4f,%.4f,%.4f,%.4f,%.4f", self->x[0], self->y[0],
                              self->x[1], self->y[1], self->x[2], self->y[2]);
    case LB_MEASUREMENT_RECT:
    case LB_MEASUREMENT_ELLIPSE:
    default:
      lb_measurement_get_roi (self, &roi);
      return g_strdup_printf ("--%s %.4f,%.4f,%.4f,%.4f",
                              self->kind == LB_MEASUREMENT_RECT ? "rect" : "ellipse",
                              roi.a, roi.b, roi.c, roi.d);
    }
}

const char *
lb_measurement_table_header (void)
{
  return _("Shape\tImage\tLength (mm)\tLength (px)\tAngle (°)\tMean\tSD\tMin\tMax\tUnit"
           "\tPixels\tArea (mm²)\tSpacing\tCoordinates");
}

static const char *
kind_name (LbMeasurementKind kind)
{
  switch (kind)
    {
    case LB_MEASUREMENT_LINE:
      return _("Distance");
    case LB_MEASUREMENT_RECT:
      return _("Rectangle");
    case LB_MEASUREMENT_ELLIPSE:
      return _("Ellipse");
    case LB_MEASUREMENT_ANGLE:
    default:
      return _("Angle");
    }
}

/* "CT12.dcm" for a single frame's owner, "cine.dcm, frame 3" (from 1) for another frame. */
static char *
image_name (LbMeasurement *self)
{
  g_autofree char *base = g_path_get_basename (self->owner);
  char *hash = strrchr (base, '#');
  g_autofree char *file = NULL;
  guint64 frame = 0;

  if (hash == NULL)
    return g_steal_pointer (&base);
  *hash = '\0';
  frame = g_ascii_strtoull (hash + 1, NULL, 10);
  file = g_uri_unescape_string (base, NULL);
  if (file == NULL)
    file = g_strdup (base);
  if (frame == 0)
    return g_steal_pointer (&file);
  /* TRANSLATORS: a file name and a frame number, from 1 */
  return g_strdup_printf (_("%s, frame %llu"), file, (unsigned long long) frame + 1);
}

/* An empty cell for a number that does not apply or is unknown. */
static char *
cell (double v)
{
  return isfinite (v) ? g_strdup_printf ("%.2f", v) : g_strdup ("");
}

char *
lb_measurement_dup_row (LbMeasurement *self)
{
  gboolean roi = self->kind == LB_MEASUREMENT_RECT || self->kind == LB_MEASUREMENT_ELLIPSE;
  gboolean values = roi && self->stats.has_values;
  g_autofree char *image = image_name (self);
  g_autofree char *mm = cell (self->kind == LB_MEASUREMENT_LINE ? self->length_mm : NAN);
  g_autofree char *px = cell (self->kind == LB_MEASUREMENT_LINE ? self->length_px : NAN);
  g_autofree char *angle = cell (self->kind == LB_MEASUREMENT_ANGLE ? self->angle : NAN);
  g_autofree char *mean = cell (values ? self->stats.mean : NAN);
  g_autofree char *sd = cell (values ? self->stats.sd : NAN);
  g_autofree char *min = cell (values ? self->stats.min : NAN);
  g_autofree char *max = cell (values ? self->stats.max : NAN);
  g_autofree char *area = cell (roi ? self->stats.area_mm2 : NAN);
  g_autofree char *pixels = roi ? g_strdup_printf ("%llu", (unsigned long long) self->stats.pixels)
                                : g_strdup ("");
  g_autofree char *shape = lb_measurement_dup_cli_shape (self);

  return g_strdup_printf ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s",
                          kind_name (self->kind), image, mm, px, angle, mean, sd, min, max,
                          values ? self->unit : "", pixels, area,
                          lb_dicom_spacing_source_name (self->spacing.source), shape);
}
