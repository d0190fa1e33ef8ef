/* dicom-parse-internal.h: the parser's state, shared by the dataset walk (dicom-parse.c) and
 * the file start that drives it (dicom-parse-file.c). Not part of the public API. */
#pragma once

#include "dicom-private.h"

#define TAG_ARGS(t) LB_DICOM_TAG_GROUP (t), LB_DICOM_TAG_ELEMENT (t)

typedef enum {
  LB_PARSE_TOP,             /* the main dataset: until the end of the buffer */
  LB_PARSE_META,            /* group 0002: while the next tag is in group 0002 */
  LB_PARSE_ITEM_DEFINED,    /* an item of defined length: until the end of the cursor */
  LB_PARSE_ITEM_UNDEFINED,  /* an item of undefined length: until (FFFE,E00D) */
} LbParseMode;

typedef struct {
  LbDicomFile *file;
  LbDicomError **error;
  LbDicomReadFlags flags;
  uint64_t n_elements;
  uint32_t max_depth;
  bool stopped;
  LbDicomElement *el_stack;
  size_t el_top, el_cap;
  LbDicomDataset **item_stack;
  size_t item_top, item_cap;
  LbDicomFragment *frag_stack;
  size_t frag_top, frag_cap;
  LbCreatorMap creators;        /* private creators of every dataset, by dataset serial */
  uint32_t n_datasets;          /* serials handed out */
  size_t n_unresolved;          /* private elements read before their creator */
  uint64_t n_ambiguous;         /* elements marked LB_ELEMENT_AMBIGUOUS_VR */
} LbParser;

/* Reads the elements of `ds` from `c` as `mode` says where the dataset ends, with their
 * sequences and items; the elements read are kept also when it fails. false + p->error.
 * (dicom-parse.c) */
bool lb_parse_dataset (LbParser *p, LbCursor *c, LbDicomDataset *ds, uint32_t depth,
                       bool explicit_vr, LbParseMode mode);

/* Bytes that are all zero: padding some writers leave after the last element. */
static inline bool
lb_bytes_all_zero (const uint8_t *b, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (b[i] != 0)
      return false;
  return true;
}
