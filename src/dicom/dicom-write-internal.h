/* dicom-write-internal.h: the writer's own helpers and the builder's layout, shared by the
 * builder (dicom-write.c) and its encoding (dicom-write-encode.c). Not public API. */
#pragma once

#include "lb-dicom-write.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LB_WRITE_MAX_DEFINED_LENGTH 0xfffffffeu   /* 0xffffffff means "undefined" */

typedef struct {
  uint32_t tag;
  LbDicomVR vr;
  uint8_t *value;                /* plain elements: little-endian bytes, even length */
  size_t len;
  LbDicomBuilder **items;        /* SQ */
  size_t n_items;
  uint8_t **fragments;           /* encapsulated pixel data; fragments[0] = offset table */
  size_t *fragment_lens;
  size_t n_fragments;
  bool encapsulated;
} LbWriteElement;

struct _LbDicomBuilder {
  LbWriteElement *elements;      /* ascending tag order */
  size_t n, cap;
};

/* The two VR letters and the size of one binary value (0: string or byte data). Kept in the
 * writer rather than taken from dicom-vr.c so the writer has no dependency on the parser's
 * tables; the order follows LbDicomVR. (dicom-write.c) */
typedef struct {
  char name[3];
  uint8_t unit;
  bool long_length;
  bool string;
} LbWriteVr;

extern const LbWriteVr lb_write_vr_info[LB_DICOM_VR_COUNT];

static inline void
lb_write_put_le (uint8_t *p, uint64_t v, unsigned size)
{
  for (unsigned i = 0; i < size; i++)
    p[i] = (uint8_t) (v >> (8 * i));
}

/* Index of `tag`, or of where it would be inserted (*found false). (dicom-write.c) */
size_t lb_dicom_builder_find (const LbDicomBuilder *builder, uint32_t tag, bool *found);
/* A cleared slot for `tag` (an existing element is emptied), or NULL when out of memory.
 * (dicom-write.c) */
LbWriteElement *lb_dicom_builder_slot (LbDicomBuilder *builder, uint32_t tag, LbDicomError **error);

/* Deflated Explicit VR Little Endian (PS3.5 A.5): replaces the encoded file *out (*len bytes)
 * by one whose bytes after the first `head` (preamble and file meta) are one raw deflate
 * stream, padded to even length. (dicom-write-deflate.c) */
bool lb_dicom_write_deflate_body (uint8_t **out, size_t head, size_t *len, LbDicomError **error);
