/* study-index.h: string keys to pointers for the study model (open addressing, hashes kept), so a
 * 20,000-file folder finds its series and spots a repeated SOP Instance UID in constant time.
 * Internal to src/study; plain C. */
#ifndef STUDY_INDEX_H
#define STUDY_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lb-study.h"

LbStudyIndex *lb_study_index_new (void);
/* An index that keeps the callers' key strings instead of copies (lb_study_index_insert()):
 * each must stay unchanged until the index is freed. */
LbStudyIndex *lb_study_index_new_borrowing (void);
void          lb_study_index_free (LbStudyIndex *index);
/* The value stored for key, or NULL. */
void         *lb_study_index_get (const LbStudyIndex *index, const char *key);
/* Stores value for key (a copy of key is kept); false when out of memory. Not for a borrowing
 * index. */
bool          lb_study_index_put (LbStudyIndex *index, const char *key, void *value);

/* Where lb_study_index_find() found a key missing: lb_study_index_insert() puts it there with
 * no second hash nor probe. */
typedef struct {
  uint64_t hash;
  size_t   slot;
} LbStudyIndexProbe;

/* The value stored for the len bytes at key (no NUL needed; they hold none), or NULL. */
void *lb_study_index_find (const LbStudyIndex *index, const char *key, size_t len,
                           LbStudyIndexProbe *probe);
/* Stores value for key, the NUL-terminated copy of the bytes that lb_study_index_find() just
 * found missing with `probe`, with no other change to the index in between. A borrowing index
 * keeps the pointer key, any other a copy. false when out of memory (nothing stored). */
bool  lb_study_index_insert (LbStudyIndex *index, const LbStudyIndexProbe *probe,
                             const char *key, void *value);

#endif
