/* dicom-measure-internal.h: what dicom-measure.c, dicom-histogram.c and dicom-voi.c share. Not installed. */
#pragma once

#include "lb-dicom-measure.h"

/* Grey integer frames of at most 16 bits: their pixels can be counted per stored value. */
bool lb_dicom_frame_is_countable (const LbDicomFrame *frame);

/* Adds pixels [start, start + n) of a countable frame to counts[stored value - first]; values
 * outside [first, first + span) are not counted. One typed loop, no call per pixel. */
void lb_dicom_count_stored (const LbDicomFrame *frame, size_t start, size_t n, uint64_t *counts,
                            int32_t first, uint32_t span);
