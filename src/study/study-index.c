/* study-index.c: string keys to pointers (study-index.h). */
#include "study-index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct _LbStudyIndex {
  char  **keys;
  void  **values;
  size_t  n, cap;          /* cap is a power of two; at most half full */
};

static uint64_t
hash (const char *key)
{
  uint64_t h = 1469598103934665603u;
  for (const unsigned char *p = (const unsigned char *) key; *p != '\0'; p++)
    h = (h ^ *p) * 1099511628211u;
  return h;
}

LbStudyIndex *
lb_study_index_new (void)
{
  return calloc (1, sizeof (LbStudyIndex));
}

void
lb_study_index_free (LbStudyIndex *index)
{
  if (index == NULL)
    return;
  for (size_t i = 0; i < index->cap; i++)
    free (index->keys[i]);
  free (index->keys);
  free (index->values);
  free (index);
}

static size_t
slot (const LbStudyIndex *index, const char *key)
{
  size_t mask = index->cap - 1;
  size_t i = (size_t) hash (key) & mask;
  while (index->keys[i] != NULL && strcmp (index->keys[i], key) != 0)
    i = (i + 1) & mask;
  return i;
}

void *
lb_study_index_get (const LbStudyIndex *index, const char *key)
{
  if (index->cap == 0)
    return NULL;
  size_t i = slot (index, key);
  return index->keys[i] != NULL ? index->values[i] : NULL;
}

static bool
grow (LbStudyIndex *index)
{
  size_t cap = index->cap == 0 ? 64 : index->cap * 2;
  char **keys = calloc (cap, sizeof *keys);
  void **values = calloc (cap, sizeof *values);
  if (keys == NULL || values == NULL)
    {
      free (keys);
      free (values);
      return false;
    }
  LbStudyIndex bigger = { keys, values, index->n, cap };
  for (size_t i = 0; i < index->cap; i++)
    if (index->keys[i] != NULL)
      {
        size_t j = slot (&bigger, index->keys[i]);
        keys[j] = index->keys[i];
        values[j] = index->values[i];
      }
  free (index->keys);
  free (index->values);
  *index = bigger;
  return true;
}

bool
lb_study_index_put (LbStudyIndex *index, const char *key, void *value)
{
  if ((index->n + 1) * 2 > index->cap && !grow (index))
    return false;
  size_t i = slot (index, key);
  if (index->keys[i] == NULL)
    {
      index->keys[i] = strdup (key);
      if (index->keys[i] == NULL)
        return false;
      index->n++;
    }
  index->values[i] = value;
  return true;
}
