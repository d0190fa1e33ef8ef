/* study-recent.h: what the study model remembers of the last file it filed, so that the next
 * file of the same series costs a comparison instead of seven string copies, three keys and
 * three hash lookups; and an exact reader of plain decimal strings. Internal to src/study;
 * plain C. */
#ifndef STUDY_RECENT_H
#define STUDY_RECENT_H

#include <stdbool.h>
#include <stdint.h>

#include "lb-dicom.h"

typedef struct _LbStudyRecent LbStudyRecent;

LbStudyRecent *lb_study_recent_new (void);
void           lb_study_recent_free (LbStudyRecent *recent);

/* The series the last remembered file went to when this file's key elements (the patient's
 * name and ID, the study, series and SOP class UIDs, the modality) and character set are byte
 * for byte that file's, else NULL. Either way the file's key bytes are taken in, for
 * lb_study_recent_remember() to keep. */
void *lb_study_recent_series (LbStudyRecent *recent, const LbDicomFile *file);
/* The series the file last given to lb_study_recent_series() was filed in. */
void  lb_study_recent_remember (LbStudyRecent *recent, void *series);

/* lb_dicom_element_get_doubles() of Image Orientation (Patient), reusing the last answer when
 * the value's bytes are the last file's (a stack repeats them in every file). */
bool lb_study_recent_orientation (LbStudyRecent *recent, const LbDicomElement *el,
                                  double *out);

/* lb_dicom_element_get_doubles(), the same bits, without strtod for DS values of plain
 * decimals (sign, at most 15 digits, a point): m / 10^k with m and 10^k exact in a double is
 * correctly rounded, as strtod is. Anything else is handed to lb_dicom_element_get_doubles(). */
bool lb_study_doubles (const LbDicomElement *el, double *out, uint32_t n);

#endif
