/* lb-dicom-autoptr.h: g_autoptr() support for the parser's types, on the app side only
 * (the parser itself has no GLib). */
#pragma once

#include <glib.h>

#include "lb-dicom.h"
#include "lb-dicom-pixel.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDicomFile, lb_dicom_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDicomError, lb_dicom_error_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDicomFrame, lb_dicom_frame_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDicomImageInfo, lb_dicom_image_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDicomHistogram, lb_dicom_histogram_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDicomDisplayLut, lb_dicom_display_lut_free)
