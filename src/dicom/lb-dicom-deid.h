/* lb-dicom-deid.h: de-identification of parsed files (PS3.15 Annex E), libc only, no GLib.
 *
 * The Basic Application Level Confidentiality Profile of Table E.1-1 (generated into
 * dicom-deid-table.h by tools/gen-deid-profile.py), applied to the main dataset and to every
 * sequence item at any depth, with the options Retain Longitudinal Temporal Information with Full
 * Dates, Retain Device Identity and Retain Patient Characteristics, and tags the caller keeps.
 *
 * Where the table offers a choice (X/Z, X/D, Z/D, X/Z/D, X/Z/U*), Lightbox does not know the
 * IOD's attribute types, so it takes the choice that keeps any IOD valid: U (UIDs replaced) over
 * D (a dummy value) over Z (emptied) over X (removed). A sequence whose action is D or U keeps
 * its items, de-identified; a sequence emptied by Z keeps no item; an X/Z sequence is removed
 * (an empty Type 3 sequence is invalid), except the Type 2 Acquisition Context Sequence.
 * A value that is already empty stays empty under D. Dummies: "ANONYMIZED", DA 19000101,
 * TM 000000, DT 19000101000000, AS 000Y, DS/IS 0, binary zero; Patient ID a pseudonym
 * ANON0001... per original Patient ID in the run. Private elements are removed.
 * Overlay planes (60xx) are removed as a whole group, since the profile removes their data.
 *
 * UIDs are replaced through one context over a whole run: the same old UID gives the same new
 * UID in every file and every reference, so series and studies stay together. New UIDs are
 * "2.25." followed by the decimal form of a random (version 4) UUID (PS3.5 B.2). UIDs of the
 * standard itself (1.2.840.10008.*: SOP classes, transfer syntaxes, well-known instances) are
 * kept. Pixel data is copied byte for byte (except rectangles blanked on request) and the
 * transfer syntax stays the input's.
 *
 * Errors follow lb-dicom.h: `LbDicomError **error` last, NULL allowed. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lb-dicom-write.h"
#include "lb-dicom.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options of PS3.15 Table E.1-1 that can be asked for (the CLI's --retain). */
typedef enum {
  LB_DEID_RETAIN_DATES = 1 << 0,              /* Retain Longitudinal Temporal Info., Full Dates */
  LB_DEID_RETAIN_DEVICE = 1 << 1,             /* Retain Device Identity */
  LB_DEID_RETAIN_PATIENT_CHARACTERISTICS = 1 << 2,  /* age, sex, size, weight, ... */
  LB_DEID_SHIFT_DATES = 1 << 3,               /* Retain Longitudinal Temporal Info., Modified
                                                 Dates: DA and DT values moved by one random
                                                 whole number of days per patient (365 to 3652
                                                 days back), intervals kept; times kept */
} LbDeidRetain;

typedef struct {
  uint32_t x, y, width, height;               /* image pixels, 0-based column x, row y */
} LbDeidRect;

typedef struct {
  unsigned retain;                  /* LbDeidRetain bits */
  const uint32_t *keep_tags;        /* public tags kept as they are wherever they occur */
  size_t n_keep_tags;
  const char *patient_name;         /* UTF-8, or NULL: Patient's Name emptied */
  const char *patient_id;           /* UTF-8, or NULL: a pseudonym per original Patient ID */
  const LbDeidRect *blackout;       /* rectangles blanked in every frame (native pixels only) */
  size_t n_blackout;
} LbDeidOptions;

typedef struct _LbDeidContext LbDeidContext;

/* The options are copied. NULL when out of memory. */
LbDeidContext *lb_deid_context_new (const LbDeidOptions *options);
void           lb_deid_context_free (LbDeidContext *context);

/* The new UID for `uid` in this run (made on first use), or `uid` itself when it is one of the
 * standard's (1.2.840.10008.*) or empty. Owned by the context. NULL when out of memory. */
const char *lb_deid_context_map_uid (LbDeidContext *context, const char *uid);

typedef enum {
  LB_DEID_CHANGE_REMOVED,
  LB_DEID_CHANGE_EMPTIED,
  LB_DEID_CHANGE_REPLACED,
} LbDeidChangeKind;

typedef struct {
  LbDeidChangeKind kind;
  const char *path;                 /* enclosing items, "" at top level, else e.g.
                                       "(0008,1140)[1]/(0040,A170)[2]/" (items 1-based) */
  const LbDicomElement *element;    /* the original element (its tag, keyword, old value) */
  const char *new_value;            /* REPLACED: the new value in UTF-8 ("(N items)" for none) */
} LbDeidChange;

typedef void (*LbDeidChangeFunc) (const LbDeidChange *change, void *user_data);

typedef struct {
  LbDicomBuilder *builder;          /* the de-identified dataset, owned */
  char transfer_syntax[65];         /* of the output: the input's (explicit VR little endian for
                                       the retired big endian one) */
  char sop_instance_uid[65];        /* the new one, for naming the output */
  char sop_class_uid[65];           /* the input's Media Storage SOP Class UID, "" if none: the
                                       output's meta says what the input's said */
  bool burned_in_annotation;        /* (0028,0301) is YES */
  bool burned_in_unknown;           /* US, SC or XA without (0028,0301) */
} LbDeidResult;

/* De-identifies one parsed file into result->builder, reporting each element removed, emptied
 * or replaced to `on_change` (may be NULL). A file without SOP Instance UID gets a new one.
 * Fails (and leaves *result cleared) when a rectangle is asked for on compressed pixel data
 * (LB_DICOM_ERROR_UNSUPPORTED) or when out of memory. */
bool lb_deid_file (LbDeidContext *context, const LbDicomFile *file, LbDeidChangeFunc on_change,
                   void *user_data, LbDeidResult *result, LbDicomError **error);
void lb_deid_result_clear (LbDeidResult *result);

/* Writes `result` to `path` atomically (lb_dicom_builder_write_file). */
bool lb_deid_result_write (const LbDeidResult *result, const char *path, LbDicomWriteFlags flags,
                           LbDicomError **error);

/* Blanks the rectangles in every frame of native pixel data `pixels` (little endian, as copied
 * into a builder) described by the file's image attributes: each pixel becomes the frame's
 * darkest stored value as displayed (the minimum for MONOCHROME2, the maximum for MONOCHROME1,
 * zero for colour). False (UNSUPPORTED) for bit depths other than 8, 16 and 32.
 * (dicom-deid-pixels.c) */
bool lb_deid_blank_rects (const LbDicomFile *file, uint8_t *pixels, size_t len,
                          const LbDeidRect *rects, size_t n_rects, LbDicomError **error);

/* Encodes UTF-8 text in the character set `charset` (a (0008,0005) value, NULL = default
 * repertoire) for a value of VR `vr`: ASCII is always possible; other text is encoded for
 * ISO_IR 192, ISO 8859 (ISO_IR 100...), ISO 2022 IR 149 (Korean) and IR 87 (Japanese).
 * malloc'd bytes (*len set), NULL when the text cannot be written in that character set.
 * (dicom-deid-charset.c) */
uint8_t *lb_deid_encode_text (const char *charset, const char *utf8, size_t *len);

#ifdef __cplusplus
}
#endif
