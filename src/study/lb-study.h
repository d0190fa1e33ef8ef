/* lb-study.h: the study model, patients → studies → series → stacks, built from header-only
 * reads (plain C, no GLib). Shared by `lightbox-cli scan` and the viewer's study browser.
 *
 * A series is what a viewer can show as one thing. Files are put in the same series only when
 * they agree on Study Instance UID, Series Instance UID, Modality and SOP Class UID: test data
 * (pydicom's files, phantoms, anonymised teaching sets) reuses UIDs across objects that have
 * nothing in common, and such files must not pretend to be one series. Inside a series a stack
 * holds the images of one orientation (Image Orientation (Patient) within LB_STUDY_IOP_TOLERANCE)
 * and one size (Rows x Columns), so a localizer does not sit in the middle of an axial stack.
 * A stack is ordered by position along its normal, else by Instance Number, else by path.
 * The same SOP Instance UID seen twice is kept once; the second file is a duplicate. */
#ifndef LB_STUDY_H
#define LB_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lb-dicom.h"
#include "lb-dicom-scan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest difference of a direction cosine still counted as the same orientation (~0.6°). */
#define LB_STUDY_IOP_TOLERANCE 0.01

typedef struct {
  char    *path;
  char    *sop_instance_uid;   /* "" when absent */
  int64_t  instance;
  bool     has_instance;
  bool     has_position;
  double   ipp[3];
  double   position;           /* along the stack normal, after lb_study_model_sort() */
  int64_t  frames;             /* Number of Frames, 1 when absent */
} LbStudyInstance;

typedef struct {
  uint32_t          rows, columns;   /* 0 when absent */
  bool              has_orientation;
  double            orientation[6];  /* Image Orientation (Patient) of its first image */
  LbStudyInstance **instances;
  size_t            n_instances, cap;
} LbStudyStack;

typedef struct {
  char          *uid;
  char          *modality;
  char          *description;
  char          *sop_class_uid;
  char          *date;               /* Series Date, else "" */
  int64_t        number;
  bool           has_number;
  LbStudyStack **stacks;
  size_t         n_stacks, cap;
} LbStudySeries;

typedef struct {
  char           *uid;
  char           *date;
  char           *description;
  LbStudySeries **series;
  size_t          n_series, cap;
} LbStudyStudy;

typedef struct {
  char          *name;
  char          *id;
  LbStudyStudy **studies;
  size_t         n_studies, cap;
} LbStudyPatient;

/* A file whose SOP Instance UID was already seen: it is not in the tree. */
typedef struct {
  char *path;
  char *kept_path;                   /* the file listed instead */
  char *sop_instance_uid;
} LbStudyDuplicate;

typedef struct _LbStudyIndex LbStudyIndex;

typedef struct {
  LbStudyPatient  **patients;
  size_t            n_patients, cap;
  LbStudyDuplicate *duplicates;
  size_t            n_duplicates, dup_cap;
  LbStudyIndex     *index;           /* private: keys to patients, studies, series */
  LbStudyIndex     *uids;            /* private: SOP Instance UIDs to instances (their strings) */
  LbDicomScanner   *scanner;         /* private: lb_study_model_add_path()'s header reader */
  struct _LbStudyRecent *recent;     /* private: the last file's keys (study-recent.h) */
} LbStudyModel;

typedef enum {
  LB_STUDY_ADDED = 0,
  LB_STUDY_DUPLICATE,                /* listed in duplicates, not in the tree */
  LB_STUDY_NO_MEMORY,
} LbStudyAdd;

LbStudyModel *lb_study_model_new (void);
void          lb_study_model_free (LbStudyModel *model);

/* A deep copy of the tree and the duplicates, to be read while the original grows (a scan
 * showing what it has found so far); no file can be added to it. NULL when out of memory. */
LbStudyModel *lb_study_model_copy (const LbStudyModel *model);

/* Files the instance read from `path` (a header-only read is enough). */
LbStudyAdd lb_study_model_add (LbStudyModel *model, const char *path, const LbDicomFile *file);

/* The tags of the main dataset lb_study_model_add() reads: a header reader need keep no
 * others (lb-dicom-scan.h). */
const uint32_t *lb_study_model_header_tags (size_t *n_tags);

/* Reads the header of the file at `path` (lb-dicom-scan.h: the tags the model needs) and adds
 * it. A model adds paths from one thread at a time. false (and *error, may be NULL) when it
 * cannot be read or is not DICOM; a DICOMDIR is not an instance and gives false with no error. */
bool lb_study_model_add_path (LbStudyModel *model, const char *path, LbDicomError **error);

/* Orders everything: patients by name and ID, studies by date and UID, series by number,
 * stacks largest first, slices along their normal (see the top of this file). Call once all
 * files are added. */
void lb_study_model_sort (LbStudyModel *model);

int64_t lb_study_stack_frames (const LbStudyStack *stack);
size_t  lb_study_series_instances (const LbStudySeries *series);
int64_t lb_study_series_frames (const LbStudySeries *series);
size_t  lb_study_model_count_series (const LbStudyModel *model);

typedef enum {
  LB_STUDY_PLANE_NONE = 0,           /* no Image Orientation (Patient) */
  LB_STUDY_PLANE_AXIAL,
  LB_STUDY_PLANE_CORONAL,
  LB_STUDY_PLANE_SAGITTAL,
  LB_STUDY_PLANE_OBLIQUE,
} LbStudyPlane;

LbStudyPlane lb_study_stack_plane (const LbStudyStack *stack);
/* "axial", "coronal", "sagittal", "oblique", or "" for NONE (the JSON keys of `scan`). */
const char  *lb_study_plane_name (LbStudyPlane plane);

#ifdef __cplusplus
}
#endif

#endif
