/* lb-orientation-overlay.c: the orientation letters at the canvas edges. The letters are not
 * translated: R, L, A, P, H, F are the standard's (PS3.3 C.7.6.1.1.1) and what every viewer and
 * textbook shows. */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include <string.h>

#include "lb-orientation-overlay.h"
#include "lb-orientation.h"

#define PATIENT_ORIENTATION_KEY "lb-patient-orientation"

void
lb_orientation_overlay_set_patient_orientation (LbDocument *document,
                                                const char *patient_orientation)
{
  g_return_if_fail (LB_IS_DOCUMENT (document));
  g_object_set_data_full (G_OBJECT (document), PATIENT_ORIENTATION_KEY, g_strdup (patient_orientation),
                          g_free);
}

gboolean
lb_orientation_overlay_get_labels (LbDocument *document, int quarter_turns, gboolean flip,
                                   LbOrientationLabels *labels)
{
  const char *stated;
  const LbDicomFile *dicom;

  memset (labels, 0, sizeof *labels);
  if (document == NULL)
    return FALSE;
  stated = g_object_get_data (G_OBJECT (document), PATIENT_ORIENTATION_KEY);
  if (stated != NULL)
    return lb_orientation_edge_labels_from_patient_orientation (stated, quarter_turns, flip, labels);
  dicom = lb_document_get_dicom (document);
  return dicom != NULL
         && lb_orientation_edge_labels_of_frame (dicom, lb_document_get_frame_index (document), quarter_turns,
                                                 flip, labels);
}

char *
lb_orientation_overlay_describe (LbDocument *document,
                                 int         quarter_turns,
                                 gboolean    flip)
{
  LbOrientationLabels l;

  if (!lb_orientation_overlay_get_labels (document, quarter_turns, flip, &l))
    return g_strdup ("no labels");
  return g_strdup_printf ("labels %s %s %s %s", l.left, l.right, l.top, l.bottom);
}
