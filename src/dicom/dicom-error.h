/* dicom-error.h: the internal error setter shared by the parser, the pixel module and codecs. */
#pragma once

#include "lb-dicom.h"

/* Sets *error once: does nothing if error is NULL or *error is already set (the first error
 * wins, so the innermost, most precise message survives). Always returns false, so callers can
 * write `return lb_dicom_error_set (...)`. offset < 0 means unknown; tag LB_DICOM_NO_TAG none. */
bool lb_dicom_error_set (LbDicomError **error, LbDicomErrorCode code, uint32_t tag, int64_t offset,
                         const char *format, ...) __attribute__ ((format (printf, 5, 6)));

/* Copies an error (for storing a read's error in the file). NULL on allocation failure. */
LbDicomError *lb_dicom_error_copy (const LbDicomError *error);
