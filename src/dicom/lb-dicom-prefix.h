/* lb-dicom-prefix.h: a header-only read of a prefix held in memory (a zip member being
 * decompressed, a stream), plain C. */
#ifndef LB_DICOM_PREFIX_H
#define LB_DICOM_PREFIX_H

#include <stdbool.h>

#include "lb-dicom.h"

/* Parses the first `len` bytes of an object as LB_DICOM_READ_STOP_BEFORE_PIXELS does, and says
 * in *reached_pixels whether the parse got to Pixel Data (7FE0,0010): then the header is whole
 * and no more bytes are needed. When it did not and the object is longer, the caller passes a
 * longer prefix. The buffer is borrowed as in lb_dicom_file_read(). */
bool lb_dicom_file_read_prefix (LbDicomFile *file, const uint8_t *buf, size_t len,
                                bool *reached_pixels, LbDicomError **error);

#endif
