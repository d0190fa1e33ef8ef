/* study-index.h: string keys to pointers for the study model (open addressing, hashes kept), so a
 * 20,000-file folder finds its series and spots a repeated SOP Instance UID in constant time.
 * Internal to src/study; plain C. */
#ifndef STUDY_INDEX_H
#define STUDY_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "lb-study.h"

LbStudyIndex *lb_study_index_new (void);
void          lb_study_index_free (LbStudyIndex *index);
/* The value stored for key, or NULL. */
void         *lb_study_index_get (const LbStudyIndex *index, const char *key);
/* Stores value for key (a copy of key is kept); false when out of memory. */
bool          lb_study_index_put (LbStudyIndex *index, const char *key, void *value);

#endif
