/* dicom-header-scan-seq.c: the scan reader's record of the last header's top-level sequences
 * (SeqMemo in dicom-header-scan-private.h). A CT series repeats its sequences byte for byte
 * (a procedure code, the de-identification method's seven codes): walking them again took
 * ~2,900 instructions a file of a 600-file scan, a comparison takes a few dozen (inline:
 * lb_dicom_scanner_seq_same() in dicom-header-scan-private.h). */
#include <stdlib.h>
#include <string.h>

#include "dicom-header-scan-private.h"

void
lb_dicom_scanner_seq_remember (LbDicomScanner *s, size_t k, bool undefined,
                               const uint8_t *value, size_t len, uint64_t n_elements,
                               size_t n_runs)
{
  if (k >= SEQ_MEMOS)
    return;
  SeqMemo *m = &s->seq_memo[k];
  m->len = 0;   /* forgotten unless all of it is kept */
  if (len == 0 || len > SEQ_MEMO_MAX)
    return;
  if (len > m->cap)
    {
      uint8_t *grown = realloc (m->bytes, len);
      if (grown == NULL)
        return;
      m->bytes = grown;
      m->cap = len;
    }
  memcpy (m->bytes, value, len);
  m->len = len;
  m->undefined = undefined;
  m->n_elements = n_elements;
  m->n_runs = n_runs;
}
