/* dicom-header-scan-creators.c: the private creators the scan reader's walk notes
 * (dicom-header-scan.c), and those of the main dataset compared with the last headers'
 * (KnownCreators in dicom-header-scan-private.h). A GE CT header has some ten private UN
 * elements that a creator's dictionary could make a sequence; asking the creators about each
 * (the block's creator found, its answer's bytes compared) took ~1,400 instructions a file of a
 * 600-file scan. The creators are compared once as they are noted, and an element found plain
 * with the same ones is plain again. */
#include <stddef.h>
#include <string.h>

#include "dicom-header-scan-private.h"

/* The epochs wrap (after 2^27 changes of creators): no record may keep an old epoch's name. */
static void
forget_answers (KnownCreators *k)
{
  LbDicomScanner *s = (LbDicomScanner *) (void *) ((char *) k - offsetof (LbDicomScanner, known));
  for (size_t i = 0; i < MEMO_ELEMENTS; i++)
    s->memo[i].creators = 0;
  k->epoch = 1;
}

static inline uint64_t
load64 (const uint8_t *p)
{
  uint64_t v;
  memcpy (&v, p, sizeof v);
  return v;
}

/* memcmp() == 0 for a creator's few bytes, inline: words, the last one overlapping. */
static inline bool
same_bytes (const uint8_t *a, const uint8_t *b, size_t n)
{
  if (n < 8)
    {
      for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
          return false;
      return true;
    }
  for (size_t i = 0; i + 8 < n; i += 8)
    if (load64 (a + i) != load64 (b + i))
      return false;
  return load64 (a + n - 8) == load64 (b + n - 8);
}

/* The main dataset's creator i, noted: the same as known entry i, or a new epoch whose
 * entries are the first i and this one. */
static void
compare_known (KnownCreators *k, size_t i, uint32_t tag, const uint8_t *value, uint32_t len)
{
  if (i < k->n && k->tag[i] == tag && k->len[i] == len && same_bytes (k->bytes[i], value, len))
    return;
  if (++k->epoch >= 1u << 27)
    forget_answers (k);
  k->n = i + 1;
  /* A creator too long to keep names nothing the next header could be the same as. */
  k->tag[i] = len < ANSWER_CREATOR ? tag : 0;
  k->len[i] = len < ANSWER_CREATOR ? len : 0;
  if (len < ANSWER_CREATOR)
    memcpy (k->bytes[i], value, len);
}

void
lb_scan_note_creator (Creators *cr, uint32_t tag, const uint8_t *value, uint32_t len)
{
  /* The main dataset's tags ascend (the walk checks): none is noted twice. An item's may be. */
  if (cr->known == NULL)
    for (size_t i = 0; i < cr->n; i++)
      if (cr->tag[i] == tag)
        return;
  if (cr->n == MAX_CREATORS)
    {
      cr->overflow = true;
      return;
    }
  size_t i = cr->n++;
  cr->tag[i] = tag;
  cr->value[i] = value;
  cr->len[i] = len;
  if (cr->known != NULL)
    compare_known (cr->known, i, tag, value, len);
}
