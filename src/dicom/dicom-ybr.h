/* dicom-ybr.h: YBR to RGB as DCMTK does it (dicom-ybr.c). Internal to src/dicom. */
#pragma once

#include "dicom-codec.h"

/* Converts a decoded YBR_FULL, YBR_FULL_422 (already expanded to one Y Cb Cr per pixel) or
 * YBR_PARTIAL_420 frame to RGB in place. Frames that are not unsigned 3-sample ones are left
 * alone. `how` names the arithmetic: the codec's (LbDicomCodec.ybr), dcmimage's for native. */
void lb_dicom_ybr_to_rgb (LbDicomFrame *frame, LbDicomPhotometric photometric,
                          LbDicomYbrArithmetic how);
