/* lb-error.h: parser errors as translated GErrors. */
#pragma once

#include <glib.h>

#include "lb-dicom.h"

G_BEGIN_DECLS

#define LB_DICOM_ERROR (lb_dicom_error_quark ())

GQuark  lb_dicom_error_quark (void);
GError *lb_error_from_dicom  (const LbDicomError *error);
char   *lb_error_describe_tag (uint32_t tag);
/* The message of an error from lb_error_from_dicom in two: the reason ("The file is
 * truncated"), and where it happened ("at element (7FE0,0010), byte 1386") or NULL. Any other
 * GError is all reason. */
char   *lb_error_get_reason  (const GError *error);
char   *lb_error_get_details (const GError *error);

G_END_DECLS
