/* lb-error.h: parser errors as translated GErrors. */
#pragma once

#include <glib.h>

#include "lb-dicom.h"

G_BEGIN_DECLS

#define LB_DICOM_ERROR (lb_dicom_error_quark ())

GQuark  lb_dicom_error_quark (void);
GError *lb_error_from_dicom  (const LbDicomError *error);
char   *lb_error_describe_tag (uint32_t tag);

G_END_DECLS
