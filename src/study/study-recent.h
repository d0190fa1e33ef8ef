/* study-recent.h: what the study model remembers of the last file it filed, so that the next
 * file of the same series costs a comparison instead of seven string copies, three keys and
 * three hash lookups (and its orientation and the position's x and y a comparison too); and
 * exact readers of plain decimal and integer strings. Internal to src/study; plain C. */
#ifndef STUDY_RECENT_H
#define STUDY_RECENT_H

#include <stdbool.h>
#include <stdint.h>

#include "lb-dicom.h"

typedef struct _LbStudyRecent LbStudyRecent;

LbStudyRecent *lb_study_recent_new (void);
void           lb_study_recent_free (LbStudyRecent *recent);

/* The key elements of a file: the patient's name and ID, the study, series and SOP class UIDs,
 * the modality (any order, the same every call; NULL where absent). */
#define LB_STUDY_RECENT_KEYS 6

/* The series the last remembered file went to when this file's key elements and character
 * set (of its main dataset, NULL for none) are byte for byte that file's, else NULL, and then
 * the file's key bytes are copied, for lb_study_recent_remember() to keep. */
void *lb_study_recent_series (LbStudyRecent *recent, const char *charset,
                              const LbDicomElement *const *keys);
/* The series the file last missed by lb_study_recent_series() was filed in. */
void  lb_study_recent_remember (LbStudyRecent *recent, void *series);

/* lb_dicom_element_get_doubles() of Image Orientation (Patient), reusing the last answer when
 * the value's bytes are the last file's (a stack repeats them in every file). */
bool lb_study_recent_orientation (LbStudyRecent *recent, const LbDicomElement *el,
                                  double *out);

/* lb_study_doubles() of Image Position (Patient)'s three values, reusing the last answer's
 * first two when their bytes are the last file's (a stack moves along one axis; ct600's x and
 * y are the same in every file): only the third value is read. */
bool lb_study_recent_position (LbStudyRecent *recent, const LbDicomElement *el, double *out);

/* lb_dicom_element_get_doubles(), the same bits, without strtod for DS values of plain
 * decimals (sign, a mantissa below 10^15, a point): m / 10^k with m and 10^k exact in a double is
 * correctly rounded, as strtod is. Anything else is handed to lb_dicom_element_get_doubles(). */
bool lb_study_doubles (const LbDicomElement *el, double *out, uint32_t n);

/* lb_dicom_element_get_int() of the first value, the same answer, without the copy and strtoll
 * for an IS value of spaces, a sign, at most 18 digits and spaces (always within int64_t), and
 * read directly from a US value. Anything else is handed to lb_dicom_element_get_int(). */
bool lb_study_int (const LbDicomElement *el, int64_t *out);

#endif
