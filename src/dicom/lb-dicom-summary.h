/* lb-dicom-summary.h: per-modality summary, the fields a teacher explains first for each
 * modality (CT: kVp, tube current, kernel...; MR: TR, TE, TI...; PT/NM: radiopharmaceutical,
 * dose...), each with its tag. One table used by `lightbox-cli info` and the viewer's Summary
 * panel, so both show the same fields. Plain C, no GLib.
 *
 *   size_t n;
 *   const LbDicomSummaryField *f = lb_dicom_summary_fields ("CT", &n);
 *   for (size_t i = 0; i < n; i++)
 *     el = lb_dicom_summary_find (file, &f[i]);      NULL: "not in this file"
 *
 * Labels are English and marked for translation (N_); callers translate them with gettext. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lb-dicom.h"

typedef enum {
  LB_DICOM_SUMMARY_VALUE,        /* the element's value */
  LB_DICOM_SUMMARY_ITEM_COUNT,   /* the number of items of a sequence (e.g. US regions) */
  LB_DICOM_SUMMARY_SPACING_KIND, /* which pixel spacing a length uses (lb_dicom_file_get_spacing) */
} LbDicomSummaryKind;

typedef struct {
  const char *key;          /* stable English identifier, the JSON member of `info --json` */
  const char *label;        /* English label, marked N_() for translation */
  uint32_t tag;             /* the element shown */
  uint32_t sequence;        /* 0, or the sequence whose first item holds `tag` */
  const char *unit;         /* "mm", "ms"... or NULL */
  LbDicomSummaryKind kind;
} LbDicomSummaryField;

/* The fields for a Modality (0008,0060) value ("CT", "MR"...; NULL or unknown modalities get a
 * general set). Never NULL; *n is the count. */
const LbDicomSummaryField *lb_dicom_summary_fields (const char *modality, size_t *n);

/* A top-level element, or for enhanced multi-frame objects the same tag in the first item of
 * a Shared, then Per-Frame Functional Groups macro (frame 1's value). NULL if absent. */
const LbDicomElement *lb_dicom_summary_lookup (const LbDicomFile *file, uint32_t tag);

/* The element behind a field (for ITEM_COUNT the sequence; for SPACING_KIND NULL), found with
 * lb_dicom_summary_lookup(), inside field->sequence's first item when it has one. */
const LbDicomElement *lb_dicom_summary_find (const LbDicomFile *file,
                                             const LbDicomSummaryField *field);

/* The field's value as UTF-8 display text without unit, escaped for display; NULL when the
 * file does not have it (absent or empty). malloc'd; free(). */
char *lb_dicom_summary_value_text (const LbDicomFile *file, const LbDicomSummaryField *field);
