/* lb-dicom-dir.h: the directory records of a DICOMDIR (PS3.3 F.3, PS3.10), plain C.
 *
 * A DICOMDIR's Directory Record Sequence (0004,1220) holds PATIENT, STUDY, SERIES and instance
 * records (IMAGE, RT DOSE, SR DOCUMENT, ...). They form a tree linked by byte offsets: the root
 * directory's first record (0004,1200), each record's next sibling (0004,1400) and its first
 * child (0004,1420); an absent offset counts as 0, the end of a chain (pydicom's
 * DICOMDIR-nooffset leaves the zero ones out). Writers also get the offsets wrong or leave
 * them all out, so when the offsets do not link every record exactly once, the tree is taken
 * from the record order instead: a STUDY belongs to the PATIENT before it, and so on. */
#ifndef LB_DICOM_DIR_H
#define LB_DICOM_DIR_H

#include <stdbool.h>
#include <stddef.h>

#include "lb-dicom.h"

typedef enum {
  LB_DICOM_DIR_PATIENT = 0,
  LB_DICOM_DIR_STUDY = 1,
  LB_DICOM_DIR_SERIES = 2,
  LB_DICOM_DIR_INSTANCE = 3,   /* IMAGE, RT DOSE, SR DOCUMENT, PRESENTATION, ... */
} LbDicomDirLevel;

typedef struct {
  const LbDicomDataset *item;   /* the record's item, borrowed from the file */
  LbDicomDirLevel level;
  long parent;                  /* index of the parent record, -1 at the root */
  /* Referenced File ID (0004,1500): components joined by '/', NULL when the record names no
   * file or names one that would leave the media's folder ("..", a '/' in a component). */
  char *file_id;
} LbDicomDirRecord;

typedef struct {
  LbDicomDirRecord *records;    /* in the order of the sequence */
  size_t n_records;
  bool linked_by_offsets;       /* false: the tree comes from the record order */
} LbDicomDir;

/* true when `file` is a DICOMDIR (Media Storage SOP Class 1.2.840.10008.1.3.10). */
bool lb_dicom_dir_is_dicomdir (const LbDicomFile *file);

/* Reads the records of a parsed DICOMDIR into `dir` (cleared first). false (and an empty dir)
 * when the file has no Directory Record Sequence or memory runs out. */
bool lb_dicom_dir_read (const LbDicomFile *file, LbDicomDir *dir);
void lb_dicom_dir_clear (LbDicomDir *dir);

/* The nearest ancestor of record `index` (or the record itself) at `level`, or -1. */
long lb_dicom_dir_ancestor (const LbDicomDir *dir, size_t index, LbDicomDirLevel level);

#endif
