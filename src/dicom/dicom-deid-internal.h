/* dicom-deid-internal.h: what the de-identification files share (not public API). */
#pragma once

#include "lb-dicom-deid.h"

/* Actions of PS3.15 Table E.1-1, one bit each; a combination such as X/Z/D sets several. */
enum {
  LB_DEID_D = 1 << 0,   /* replace with a dummy value */
  LB_DEID_Z = 1 << 1,   /* zero length */
  LB_DEID_X = 1 << 2,   /* remove */
  LB_DEID_K = 1 << 3,   /* keep */
  LB_DEID_C = 1 << 4,   /* clean */
  LB_DEID_U = 1 << 5,   /* replace UIDs consistently */
};

/* The option columns of Table E.1-1. */
enum {
  LB_DEID_OPT_DATES = 1 << 0,
  LB_DEID_OPT_DEVICE = 1 << 1,
  LB_DEID_OPT_PATIENT_CHARS = 1 << 2,
  LB_DEID_OPT_UIDS = 1 << 3,
  LB_DEID_OPT_INSTITUTION = 1 << 4,
  LB_DEID_OPT_MODIFIED_DATES = 1 << 5,
  LB_DEID_OPT_DESCRIPTIONS = 1 << 6,
  LB_DEID_OPT_STRUCTURED_CONTENT = 1 << 7,
  LB_DEID_OPT_GRAPHICS = 1 << 8,
};

typedef struct {
  uint32_t tag;
  uint32_t mask;          /* 0xffffffff, or wildcards: 0xff00ffff for (60xx,3000) */
  uint8_t actions;        /* LB_DEID_D | ... */
  uint16_t keep_with;     /* options that keep it (K) */
  uint16_t clean_with;    /* options that would clean it (C): not retained by Lightbox */
} LbDeidRule;

/* The rule for a tag (exact rows first, then wildcard rows), NULL if the profile has none. */
const LbDeidRule *lb_deid_rule_lookup (uint32_t tag);
size_t            lb_deid_rule_count (void);
const LbDeidRule *lb_deid_rule_get (size_t index);

/* A string map for one run: old UID -> new UID ('U'), old Patient ID -> pseudonym ('P').
 * Open addressing, keys prefixed with their kind. (dicom-deid-support.c) */
typedef struct {
  char **keys;
  char **values;
  size_t n, cap;
} LbDeidMap;

const char *lb_deid_map_get (const LbDeidMap *map, char kind, const char *key);
const char *lb_deid_map_put (LbDeidMap *map, char kind, const char *key, const char *value);
void        lb_deid_map_clear (LbDeidMap *map);

/* "2.25." and the decimal form of a fresh random version 4 UUID, in out[65]. */
bool lb_deid_new_uid (char out[65]);

struct _LbDeidContext {
  LbDeidOptions options;  /* pointers below are the context's own copies */
  uint32_t *keep;
  LbDeidRect *rects;
  char *patient_name;
  char *patient_id;
  LbDeidMap map;
  unsigned patients;      /* pseudonyms handed out */
};

/* `value` (DA, or DT whose first 8 characters are a date) moved by `days` into out; false if it
 * is not a valid date or would leave years 1-9999. Time and offset of a DT stay.
 * (dicom-deid-dates.c) */
bool lb_deid_shift_date (const char *value, int days, char *out, size_t out_size);

/* Sets result->transfer_syntax for the input's transfer syntax.
 * (dicom-deid-support.c) */
void lb_deid_choose_transfer_syntax (const LbDicomFile *file, LbDeidResult *result);

/* Copies top-level native Pixel Data into `b` with the context's rectangles blanked;
 * UNSUPPORTED for encapsulated or big-endian data. (dicom-deid-pixels.c) */
bool lb_deid_copy_blanked_pixels (const LbDeidContext *ctx, const LbDicomFile *file,
                                  const LbDicomElement *el, LbDicomBuilder *b,
                                  LbDicomError **error);
