/* dicom-write-internal.h: the writer's own helpers (not public API). */
#pragma once

#include "lb-dicom-write.h"

/* Deflated Explicit VR Little Endian (PS3.5 A.5): replaces the encoded file *out (*len bytes)
 * by one whose bytes after the first `head` (preamble and file meta) are one raw deflate
 * stream, padded to even length. (dicom-write-deflate.c) */
bool lb_dicom_write_deflate_body (uint8_t **out, size_t head, size_t *len, LbDicomError **error);
