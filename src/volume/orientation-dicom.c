/* orientation-dicom.c: the orientation a DICOM frame states, for its edge letters. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lb-orientation.h"

#define TAG_IMAGE_ORIENTATION  LB_DICOM_TAG (0x0020, 0x0037)
#define TAG_PATIENT_ORIENTATION LB_DICOM_TAG (0x0020, 0x0020)
#define TAG_PLANE_ORIENTATION_SEQ LB_DICOM_TAG (0x0020, 0x9116)

/* Image Orientation (Patient) in the Plane Orientation macro of frame `frame`: per-frame item
 * first, then the shared one. NULL if neither has it. */
static const LbDicomElement *
functional_orientation (const LbDicomFile *file, uint32_t frame)
{
  const LbDicomDataset *group = lb_dicom_file_functional_group (file, frame, TAG_PLANE_ORIENTATION_SEQ);
  return group != NULL ? lb_dicom_dataset_lookup (group, TAG_IMAGE_ORIENTATION) : NULL;
}

bool
lb_orientation_edge_labels_of_frame (const LbDicomFile *file, uint32_t frame, int quarter_turns, bool flip,
                                     LbOrientationLabels *out)
{
  memset (out, 0, sizeof *out);
  if (file == NULL)
    return false;
  const LbDicomElement *iop = functional_orientation (file, frame);
  if (iop == NULL)
    iop = lb_dicom_file_lookup (file, TAG_IMAGE_ORIENTATION);
  double v[6];
  bool have = iop != NULL && lb_dicom_element_get_vm (iop) >= 6;
  for (uint32_t i = 0; have && i < 6; i++)
    have = lb_dicom_element_get_double (iop, i, &v[i]) && isfinite (v[i]);
  if (have && lb_orientation_edge_labels (v, v + 3, quarter_turns, flip, out))
    return true;
  /* Projection images state only the letters (PS3.3 C.7.6.1.1.1). */
  const LbDicomElement *po = lb_dicom_file_lookup (file, TAG_PATIENT_ORIENTATION);
  char *text = po != NULL ? lb_dicom_element_get_text (po) : NULL;
  bool ok = lb_orientation_edge_labels_from_patient_orientation (text, quarter_turns, flip, out);
  free (text);
  return ok;
}
