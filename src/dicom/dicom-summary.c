/* dicom-summary.c: the per-modality summary table (lb-dicom-summary.h). The fields follow
 * what course notes print for each modality: acquisition physics first (kVp, mA, TR/TE, dose),
 * then geometry (thickness, spacing), then reconstruction (kernel, units, corrections). */
#include "lb-dicom-summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lb-dicom-measure.h"

/* Marks a label for xgettext (the glib preset's N_ keyword); the caller translates. */
#define N_(s) (s)

#define T(g, e) LB_DICOM_TAG (g, e)
#define V LB_DICOM_SUMMARY_VALUE
#define TAG_RADIOPHARMACEUTICAL_INFO T (0x0054, 0x0016)
#define TAG_SHARED_FUNCTIONAL_GROUPS T (0x5200, 0x9229)
#define TAG_PER_FRAME_FUNCTIONAL_GROUPS T (0x5200, 0x9230)

/* The first fields of each list keep the keys `lightbox-cli info` printed before the table. */
static const LbDicomSummaryField ct_fields[] = {
  { "slice_thickness", N_("Slice thickness"), T (0x0018, 0x0050), 0, "mm", V },
  { "kvp", N_("KVP"), T (0x0018, 0x0060), 0, "kV", V },
  { "tube_current", N_("X-ray tube current"), T (0x0018, 0x1151), 0, "mA", V },
  { "exposure_time", N_("Exposure time"), T (0x0018, 0x1150), 0, "ms", V },
  { "exposure", N_("Exposure"), T (0x0018, 0x1152), 0, "mAs", V },
  { "convolution_kernel", N_("Convolution kernel"), T (0x0018, 0x1210), 0, NULL, V },
  { "rescale_slope", N_("Rescale slope"), T (0x0028, 0x1053), 0, NULL, V },
  { "rescale_intercept", N_("Rescale intercept"), T (0x0028, 0x1052), 0, NULL, V },
  { "rescale_type", N_("Rescale type"), T (0x0028, 0x1054), 0, NULL, V },
  { "spacing_between_slices", N_("Spacing between slices"), T (0x0018, 0x0088), 0, "mm", V },
};

static const LbDicomSummaryField mr_fields[] = {
  { "repetition_time", N_("Repetition time"), T (0x0018, 0x0080), 0, "ms", V },
  { "echo_time", N_("Echo time"), T (0x0018, 0x0081), 0, "ms", V },
  { "flip_angle", N_("Flip angle"), T (0x0018, 0x1314), 0, "°", V },
  { "inversion_time", N_("Inversion time"), T (0x0018, 0x0082), 0, "ms", V },
  { "magnetic_field_strength", N_("Magnetic field strength"), T (0x0018, 0x0087), 0, "T", V },
  { "imaging_frequency", N_("Imaging frequency"), T (0x0018, 0x0084), 0, "MHz", V },
  { "sequence_name", N_("Sequence name"), T (0x0018, 0x0024), 0, NULL, V },
  { "scanning_sequence", N_("Scanning sequence"), T (0x0018, 0x0020), 0, NULL, V },
  { "sequence_variant", N_("Sequence variant"), T (0x0018, 0x0021), 0, NULL, V },
  { "slice_thickness", N_("Slice thickness"), T (0x0018, 0x0050), 0, "mm", V },
};

/* CR, DX, IO: projection radiography. */
static const LbDicomSummaryField projection_fields[] = {
  { "view_position", N_("View position"), T (0x0018, 0x5101), 0, NULL, V },
  { "exposure_time", N_("Exposure time"), T (0x0018, 0x1150), 0, "ms", V },
  { "tube_current", N_("X-ray tube current"), T (0x0018, 0x1151), 0, "mA", V },
  { "kvp", N_("KVP"), T (0x0018, 0x0060), 0, "kV", V },
  { "exposure", N_("Exposure"), T (0x0018, 0x1152), 0, "mAs", V },
  { "body_part", N_("Body part examined"), T (0x0018, 0x0015), 0, NULL, V },
  { "detector_type", N_("Detector type"), T (0x0018, 0x7004), 0, NULL, V },
  { "imager_pixel_spacing", N_("Imager pixel spacing"), T (0x0018, 0x1164), 0, "mm", V },
  { "spacing_kind", N_("Spacing used for lengths"), T (0x0028, 0x0030), 0, NULL,
    LB_DICOM_SUMMARY_SPACING_KIND },
};

static const LbDicomSummaryField mg_fields[] = {
  { "view_position", N_("View position"), T (0x0018, 0x5101), 0, NULL, V },
  { "exposure_time", N_("Exposure time"), T (0x0018, 0x1150), 0, "ms", V },
  { "tube_current", N_("X-ray tube current"), T (0x0018, 0x1151), 0, "mA", V },
  { "kvp", N_("KVP"), T (0x0018, 0x0060), 0, "kV", V },
  { "image_laterality", N_("Image laterality"), T (0x0020, 0x0062), 0, NULL, V },
  { "compression_force", N_("Compression force"), T (0x0018, 0x11a2), 0, "N", V },
  { "body_part_thickness", N_("Body part thickness"), T (0x0018, 0x11a0), 0, "mm", V },
  { "anode_target", N_("Anode target material"), T (0x0018, 0x1191), 0, NULL, V },
  { "detector_type", N_("Detector type"), T (0x0018, 0x7004), 0, NULL, V },
  { "spacing_kind", N_("Spacing used for lengths"), T (0x0028, 0x0030), 0, NULL,
    LB_DICOM_SUMMARY_SPACING_KIND },
};

static const LbDicomSummaryField us_fields[] = {
  { "number_of_frames", N_("Number of frames"), T (0x0028, 0x0008), 0, NULL, V },
  { "frame_time", N_("Frame time"), T (0x0018, 0x1063), 0, "ms", V },
  { "cine_rate", N_("Cine rate"), T (0x0018, 0x0040), 0, "fps", V },
  { "ultrasound_regions", N_("Ultrasound regions"), T (0x0018, 0x6011), 0, NULL,
    LB_DICOM_SUMMARY_ITEM_COUNT },
  { "transducer_data", N_("Transducer data"), T (0x0018, 0x5010), 0, NULL, V },
};

static const LbDicomSummaryField nuclear_fields[] = {
  { "radiopharmaceutical", N_("Radiopharmaceutical"), T (0x0018, 0x0031),
    TAG_RADIOPHARMACEUTICAL_INFO, NULL, V },
  { "total_dose", N_("Radionuclide total dose"), T (0x0018, 0x1074),
    TAG_RADIOPHARMACEUTICAL_INFO, "Bq", V },
  { "half_life", N_("Radionuclide half life"), T (0x0018, 0x1075),
    TAG_RADIOPHARMACEUTICAL_INFO, "s", V },
  { "injection_time", N_("Injection start time"), T (0x0018, 0x1072),
    TAG_RADIOPHARMACEUTICAL_INFO, NULL, V },
  { "units", N_("Units"), T (0x0054, 0x1001), 0, NULL, V },
  { "decay_correction", N_("Decay correction"), T (0x0054, 0x1102), 0, NULL, V },
  { "corrected_image", N_("Corrections applied"), T (0x0028, 0x0051), 0, NULL, V },
  { "series_type", N_("Series type"), T (0x0054, 0x1000), 0, NULL, V },
  { "slice_thickness", N_("Slice thickness"), T (0x0018, 0x0050), 0, "mm", V },
};

/* XA, RF: angiography and fluoroscopy. */
static const LbDicomSummaryField angio_fields[] = {
  { "kvp", N_("KVP"), T (0x0018, 0x0060), 0, "kV", V },
  { "tube_current", N_("X-ray tube current"), T (0x0018, 0x1151), 0, "mA", V },
  { "exposure_time", N_("Exposure time"), T (0x0018, 0x1150), 0, "ms", V },
  { "number_of_frames", N_("Number of frames"), T (0x0028, 0x0008), 0, NULL, V },
  { "frame_time", N_("Frame time"), T (0x0018, 0x1063), 0, "ms", V },
  { "primary_angle", N_("Positioner primary angle"), T (0x0018, 0x1510), 0, "°", V },
  { "secondary_angle", N_("Positioner secondary angle"), T (0x0018, 0x1511), 0, "°", V },
  { "source_to_detector", N_("Distance source to detector"), T (0x0018, 0x1110), 0, "mm", V },
  { "spacing_kind", N_("Spacing used for lengths"), T (0x0028, 0x0030), 0, NULL,
    LB_DICOM_SUMMARY_SPACING_KIND },
};

/* SC, OT and every other modality: where the image came from. */
static const LbDicomSummaryField general_fields[] = {
  { "conversion_type", N_("Conversion type"), T (0x0008, 0x0064), 0, NULL, V },
  { "manufacturer", N_("Manufacturer"), T (0x0008, 0x0070), 0, NULL, V },
  { "model", N_("Model name"), T (0x0008, 0x1090), 0, NULL, V },
  { "body_part", N_("Body part examined"), T (0x0018, 0x0015), 0, NULL, V },
  { "number_of_frames", N_("Number of frames"), T (0x0028, 0x0008), 0, NULL, V },
};

#define LIST(a) a, sizeof a / sizeof a[0]

static const struct {
  const char *modality;
  const LbDicomSummaryField *fields;
  size_t count;
} tables[] = {
  { "CT", LIST (ct_fields) },
  { "MR", LIST (mr_fields) },
  { "CR", LIST (projection_fields) },
  { "DX", LIST (projection_fields) },
  { "IO", LIST (projection_fields) },
  { "MG", LIST (mg_fields) },
  { "US", LIST (us_fields) },
  { "PT", LIST (nuclear_fields) },
  { "NM", LIST (nuclear_fields) },
  { "XA", LIST (angio_fields) },
  { "RF", LIST (angio_fields) },
};

const LbDicomSummaryField *
lb_dicom_summary_fields (const char *modality, size_t *n)
{
  /* Modality values come padded ("CT "): compare the trimmed value. */
  size_t len = 0;
  if (modality != NULL)
    {
      while (*modality == ' ')
        modality++;
      len = strlen (modality);
      while (len > 0 && modality[len - 1] == ' ')
        len--;
    }
  for (size_t i = 0; modality != NULL && i < sizeof tables / sizeof tables[0]; i++)
    if (strlen (tables[i].modality) == len && strncasecmp (tables[i].modality, modality, len) == 0)
      {
        *n = tables[i].count;
        return tables[i].fields;
      }
  *n = sizeof general_fields / sizeof general_fields[0];
  return general_fields;
}

static const LbDicomDataset *
first_item (const LbDicomElement *seq)
{
  if (seq == NULL || !lb_dicom_element_is_sequence (seq)
      || lb_dicom_element_get_item_count (seq) == 0)
    return NULL;
  return lb_dicom_element_get_item (seq, 0);
}

const LbDicomElement *
lb_dicom_summary_lookup (const LbDicomFile *file, uint32_t tag)
{
  const LbDicomElement *el = lb_dicom_file_lookup (file, tag);
  if (el != NULL)
    return el;
  const uint32_t groups[] = { TAG_SHARED_FUNCTIONAL_GROUPS, TAG_PER_FRAME_FUNCTIONAL_GROUPS };
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
    {
      const LbDicomDataset *item = first_item (lb_dicom_file_lookup (file, groups[g]));
      size_t n = item != NULL ? lb_dicom_dataset_count (item) : 0;
      for (size_t i = 0; i < n; i++)
        {
          const LbDicomDataset *inner = first_item (lb_dicom_dataset_get (item, i));
          el = inner != NULL ? lb_dicom_dataset_lookup (inner, tag) : NULL;
          if (el != NULL)
            return el;
        }
    }
  return NULL;
}

const LbDicomElement *
lb_dicom_summary_find (const LbDicomFile *file, const LbDicomSummaryField *field)
{
  if (file == NULL || field == NULL || field->kind == LB_DICOM_SUMMARY_SPACING_KIND)
    return NULL;
  if (field->sequence == 0)
    return lb_dicom_summary_lookup (file, field->tag);
  const LbDicomDataset *item = first_item (lb_dicom_summary_lookup (file, field->sequence));
  return item != NULL ? lb_dicom_dataset_lookup (item, field->tag) : NULL;
}

/* The whole value as text, trimmed: strings converted from their character set, numbers in
 * decimal. NULL when empty. */
static char *
element_text (const LbDicomElement *el)
{
  if (el == NULL || lb_dicom_element_get_vm (el) == 0)
    return NULL;
  char *raw = lb_dicom_vr_is_string (lb_dicom_element_get_vr (el))
              ? lb_dicom_element_get_text (el)
              : lb_dicom_element_format_value (el, 0);
  if (raw == NULL)
    return NULL;
  size_t start = 0, end = strlen (raw);
  while (raw[start] == ' ')
    start++;
  while (end > start && (raw[end - 1] == ' ' || raw[end - 1] == '\0'))
    end--;
  if (end == start)
    {
      free (raw);
      return NULL;
    }
  raw[end] = '\0';
  char *safe = lb_dicom_escape_text (raw + start);
  free (raw);
  return safe;
}

static char *
dup_string (const char *s)
{
  size_t n = strlen (s) + 1;
  char *copy = malloc (n);
  if (copy != NULL)
    memcpy (copy, s, n);
  return copy;
}

char *
lb_dicom_summary_value_text (const LbDicomFile *file, const LbDicomSummaryField *field)
{
  if (file == NULL || field == NULL)
    return NULL;
  switch (field->kind)
    {
    case LB_DICOM_SUMMARY_SPACING_KIND:
      {
        LbDicomSpacing spacing;
        lb_dicom_file_get_spacing (file, 0, &spacing);
        return dup_string (lb_dicom_spacing_source_name (spacing.source));
      }
    case LB_DICOM_SUMMARY_ITEM_COUNT:
      {
        const LbDicomElement *seq = lb_dicom_summary_find (file, field);
        if (seq == NULL || !lb_dicom_element_is_sequence (seq))
          return NULL;
        char buf[32];
        snprintf (buf, sizeof buf, "%zu", lb_dicom_element_get_item_count (seq));
        return dup_string (buf);
      }
    case LB_DICOM_SUMMARY_VALUE:
    default:
      return element_text (lb_dicom_summary_find (file, field));
    }
}
