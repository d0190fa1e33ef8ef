/* dicom-read-prefix.c: header-only reads of prefixes in memory (lb-dicom-prefix.h). */
#include "lb-dicom-prefix.h"

#include "dicom-private.h"

bool
lb_dicom_file_read_prefix (LbDicomFile *file, const uint8_t *buf, size_t len,
                           bool *reached_pixels, LbDicomError **error)
{
  lb_dicom_file_reset (file);
  *reached_pixels = false;
  return lb_dicom_parse_buffer (file, buf, len, LB_DICOM_READ_STOP_BEFORE_PIXELS, error,
                                reached_pixels);
}
