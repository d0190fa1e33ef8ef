/* lb-cine-rate.c: the playing rate from the object's own tags, in the order of PS3.3 C.7.6.5
 * (Cine Module): Frame Time, then Frame Time Vector; then the display hints. */
#include "config.h"

#include <glib/gi18n.h>

#include "lb-cine.h"
#include "lb-cine-rate.h"

#define MIN_RATE 0.1
#define MAX_RATE 1000.0

static gboolean
usable (double rate)
{
  return rate >= MIN_RATE && rate <= MAX_RATE;
}

/* The mean of the increments after the first (which is 0: the first frame's own time). */
static double
rate_from_vector (const LbDicomFile *dicom)
{
  const LbDicomElement *el = lb_dicom_file_lookup (dicom, LB_DICOM_TAG (0x0018, 0x1065));
  double sum = 0;
  guint n = 0;

  for (uint32_t i = 1; el != NULL && i < lb_dicom_element_get_vm (el); i++)
    {
      double ms;

      if (lb_dicom_element_get_double (el, i, &ms) && ms > 0)
        {
          sum += ms;
          n++;
        }
    }
  return n > 0 ? 1000.0 * n / sum : 0;
}

double
lb_cine_rate_for_dicom (const LbDicomFile *dicom,
                        LbCineRateSource  *source)
{
  double value;

  *source = LB_CINE_RATE_DEFAULT;
  if (dicom == NULL)
    return LB_CINE_DEFAULT_RATE;
  if (lb_dicom_file_get_double (dicom, LB_DICOM_TAG (0x0018, 0x1063), &value) && value > 0
      && usable (1000.0 / value))
    {
      *source = LB_CINE_RATE_FRAME_TIME;
      return 1000.0 / value;
    }
  value = rate_from_vector (dicom);
  if (usable (value))
    {
      *source = LB_CINE_RATE_FRAME_TIME_VECTOR;
      return value;
    }
  if (lb_dicom_file_get_double (dicom, LB_DICOM_TAG (0x0008, 0x2144), &value) && usable (value))
    {
      *source = LB_CINE_RATE_RECOMMENDED;
      return value;
    }
  if (lb_dicom_file_get_double (dicom, LB_DICOM_TAG (0x0018, 0x0040), &value) && usable (value))
    {
      *source = LB_CINE_RATE_CINE_RATE;
      return value;
    }
  return LB_CINE_DEFAULT_RATE;
}

const char *
lb_cine_rate_source_name (LbCineRateSource source)
{
  switch (source)
    {
    case LB_CINE_RATE_FRAME_TIME:
      return _("Frame Time");
    case LB_CINE_RATE_FRAME_TIME_VECTOR:
      return _("Frame Time Vector");
    case LB_CINE_RATE_RECOMMENDED:
      return _("Recommended Display Frame Rate");
    case LB_CINE_RATE_CINE_RATE:
      return _("Cine Rate");
    case LB_CINE_RATE_DEFAULT:
    default:
      /* Translators: the cine rate when the file gives none */
      return _("default rate");
    }
}
