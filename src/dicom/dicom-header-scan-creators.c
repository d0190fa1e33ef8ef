/* dicom-header-scan-creators.c: the main dataset's private creators as the scan reader's walks
 * noted them (KnownCreators in dicom-header-scan-private.h, lb_scan_note_creator()). A GE CT
 * header has some ten private UN elements that a creator's dictionary could make a sequence;
 * asking the creators about each (the block's creator found, its answer's bytes compared) took
 * ~800 instructions a file of a 600-file scan. The creators are compared once as they are
 * noted, and an element found plain with the same ones is plain again. */
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

void
lb_scan_creators_change (KnownCreators *k, size_t i, uint32_t tag, const uint8_t *value,
                         uint32_t len)
{
  if (++k->epoch >= 1u << 27)
    forget_answers (k);
  k->n = i + 1;
  /* A creator too long to keep names nothing the next header could be the same as. */
  k->tag[i] = len < ANSWER_CREATOR ? tag : 0;
  k->len[i] = len < ANSWER_CREATOR ? len : 0;
  if (len < ANSWER_CREATOR)
    memcpy (k->bytes[i], value, len);
}
