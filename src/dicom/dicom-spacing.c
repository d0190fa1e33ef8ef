/* dicom-spacing.c: which spacing turns pixels into mm, how far it can be trusted, and the unit of
 * the modality values (lb-dicom-measure.h). One resolver, so a length and its label never come
 * from different places (the cornerstone "mm beside a pixel value" bug, MODELS-TOOLS.md). */
#include "lb-dicom-measure.h"
#include "dicom-pixel-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define T(g, e) LB_DICOM_TAG (0x##g, 0x##e)

/* Two positive finite values of a DS pair, or false. */
static bool
read_pair (const LbDicomElement *el, double *row, double *column)
{
  if (el == NULL || !lb_dicom_element_get_double (el, 0, row)
      || !lb_dicom_element_get_double (el, 1, column))
    return false;
  return isfinite (*row) && isfinite (*column) && *row > 0 && *column > 0;
}

/* Pixel Spacing of frame `index`: Pixel Measures (0028,9110) per frame, then shared, then the
 * top-level element (enhanced objects keep it only in the functional groups). */
static bool
pixel_spacing (const LbDicomFile *file, uint32_t index, double *row, double *column)
{
  const LbDicomDataset *group = lb_dicom_file_functional_group (file, index, T (0028, 9110));

  if (group != NULL && read_pair (lb_dicom_dataset_lookup (group, T (0028, 0030)), row, column))
    return true;
  return read_pair (lb_dicom_file_lookup (file, T (0028, 0030)), row, column);
}

/* Projection radiography (PS3.3 10.7.1.1 applies to these): by modality, as the SOP class of a
 * secondary capture of a radiograph says nothing. */
static bool
is_projection (const LbDicomFile *file)
{
  static const char *const projection[] = { "CR", "DX", "MG", "IO", "RF", "XA", "RG", "PX" };
  char *modality = lb_dicom_file_get_string (file, T (0008, 0060));
  bool yes = false;
  for (size_t i = 0; modality != NULL && i < sizeof projection / sizeof *projection; i++)
    yes = yes || strcmp (modality, projection[i]) == 0;
  free (modality);
  return yes;
}

void
lb_dicom_file_get_spacing (const LbDicomFile *file, uint32_t index, LbDicomSpacing *out)
{
  memset (out, 0, sizeof *out);
  if (file == NULL)
    return;
  double pr = 0, pc = 0, ir = 0, ic = 0;
  bool has_pixel = pixel_spacing (file, index, &pr, &pc);
  bool has_imager = read_pair (lb_dicom_file_lookup (file, T (0018, 1164)), &ir, &ic);
  bool projection = has_imager || is_projection (file);

  if (has_pixel)
    {
      out->source = LB_DICOM_SPACING_PIXEL;
      out->row_mm = pr;
      out->column_mm = pc;
      /* PS3.3 10.7.1.3: the same values as Imager Pixel Spacing mean nobody calibrated it;
       * different values mean it was (geometry or fiducial). A projection image without
       * Imager Pixel Spacing leaves it unknown. */
      if (has_imager)
        out->calibration = (fabs (pr - ir) <= 1e-6 * ir && fabs (pc - ic) <= 1e-6 * ic)
                             ? LB_DICOM_CALIBRATION_DETECTOR : LB_DICOM_CALIBRATION_PATIENT;
      else
        out->calibration = projection ? LB_DICOM_CALIBRATION_UNKNOWN
                                      : LB_DICOM_CALIBRATION_PATIENT;
      return;
    }
  if (has_imager)
    {
      out->source = LB_DICOM_SPACING_IMAGER;
      out->row_mm = ir;
      out->column_mm = ic;
      out->calibration = LB_DICOM_CALIBRATION_DETECTOR;
      double ermf = 0;
      if (lb_dicom_file_get_double (file, T (0018, 1114), &ermf) && isfinite (ermf) && ermf >= 1
          && ermf < 100)
        {
          /* The object is magnified by ERMF on the detector: divide to estimate the patient. */
          out->row_mm = ir / ermf;
          out->column_mm = ic / ermf;
          out->ermf = ermf;
          out->calibration = LB_DICOM_CALIBRATION_ERMF;
        }
      return;
    }
  if (read_pair (lb_dicom_file_lookup (file, T (0018, 2010)), &pr, &pc))
    {
      out->source = LB_DICOM_SPACING_NOMINAL_SCANNED;
      out->row_mm = pr;
      out->column_mm = pc;
      out->calibration = LB_DICOM_CALIBRATION_FILM;
    }
}

const char *
lb_dicom_spacing_source_name (LbDicomSpacingSource source)
{
  switch (source)
    {
    case LB_DICOM_SPACING_PIXEL: return "Pixel Spacing";
    case LB_DICOM_SPACING_IMAGER: return "Imager Pixel Spacing";
    case LB_DICOM_SPACING_NOMINAL_SCANNED: return "Nominal Scanned Pixel Spacing";
    case LB_DICOM_SPACING_NONE:
    default: return "none";
    }
}

const char *
lb_dicom_calibration_name (LbDicomCalibration calibration)
{
  switch (calibration)
    {
    case LB_DICOM_CALIBRATION_DETECTOR: return "detector";
    case LB_DICOM_CALIBRATION_ERMF: return "ermf";
    case LB_DICOM_CALIBRATION_UNKNOWN: return "unknown";
    case LB_DICOM_CALIBRATION_FILM: return "film";
    case LB_DICOM_CALIBRATION_PATIENT:
    default: return "patient";
    }
}

const char *
lb_dicom_calibration_note (LbDicomCalibration calibration)
{
  switch (calibration)
    {
    case LB_DICOM_CALIBRATION_DETECTOR:
      return "at the detector, not calibrated at the patient: magnification not corrected";
    case LB_DICOM_CALIBRATION_ERMF:
      return "Imager Pixel Spacing divided by the Estimated Radiographic Magnification Factor: "
             "an estimate at the patient, not a calibration";
    case LB_DICOM_CALIBRATION_UNKNOWN:
      return "projection radiograph without Imager Pixel Spacing: calibration at the patient "
             "unknown";
    case LB_DICOM_CALIBRATION_FILM:
      return "spacing on the scanned film, not at the patient";
    case LB_DICOM_CALIBRATION_PATIENT:
    default:
      return NULL;
    }
}

/* Copies a code string without its padding, unless it is empty or "US" (unspecified). */
static bool
take_unit (char *value, char *out, size_t out_len)
{
  if (value == NULL)
    return false;
  size_t n = strlen (value);
  while (n > 0 && value[n - 1] == ' ')
    value[--n] = '\0';
  bool ok = n > 0 && strcmp (value, "US") != 0;
  if (ok)
    {
      strncpy (out, value, out_len - 1);
      out[out_len - 1] = '\0';
    }
  free (value);
  return ok;
}

void
lb_dicom_file_get_modality_unit (const LbDicomFile *file, uint32_t index, char *out,
                                 size_t out_len)
{
  if (out_len == 0)
    return;
  out[0] = '\0';
  if (file == NULL)
    return;
  char *modality = lb_dicom_file_get_string (file, T (0008, 0060));
  bool ct = modality != NULL && strcmp (modality, "CT") == 0;
  free (modality);

  LbDicomImageInfo *info = lb_dicom_file_get_image_info (file, index, NULL);
  const char *type = NULL;
  if (info != NULL)
    type = info->modality_lut != NULL ? info->modality_lut->type : info->rescale_type;
  bool found = type != NULL && take_unit (strdup (type), out, out_len);
  bool have_info = info != NULL;
  lb_dicom_image_info_free (info);
  /* Without a usable image (header only) the top-level Rescale Type still names the unit. */
  if (!found && !have_info)
    found = take_unit (lb_dicom_file_get_string (file, T (0028, 1054)), out, out_len);
  if (found)
    return;
  if (ct)
    {
      /* The CT Image module fixes Rescale Type to HU when it is absent (C.8.2.1.1.3). */
      strncpy (out, "HU", out_len - 1);
      out[out_len - 1] = '\0';
      return;
    }
  take_unit (lb_dicom_file_get_string (file, T (0054, 1001)), out, out_len);
}

bool
lb_dicom_file_get_padding (const LbDicomFile *file, double *low, double *high)
{
  double value = 0, limit = 0;
  if (file == NULL || !lb_dicom_file_get_double (file, T (0028, 0120), &value)
      || !isfinite (value))
    return false;
  *low = *high = value;
  if (lb_dicom_file_get_double (file, T (0028, 0121), &limit) && isfinite (limit))
    {
      *low = fmin (value, limit);
      *high = fmax (value, limit);
    }
  return true;
}
