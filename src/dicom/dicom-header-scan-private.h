/* dicom-header-scan-private.h: the scan reader's state (lb-dicom-scan.h), shared by its walk
 * (dicom-header-scan.c) and its file reading (dicom-header-scan-read.c). Internal to
 * src/dicom; plain C. */
#ifndef DICOM_HEADER_SCAN_PRIVATE_H
#define DICOM_HEADER_SCAN_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dicom-private.h"
#include "lb-dicom-scan.h"

#define MAX_TAGS       64
#define MAX_META       32
#define HARD_MAX_DEPTH 1000u              /* as dicom-parse-file.c */
#define FIRST_PREFIX   ((size_t) 16 * 1024)
#define MAX_PREFIX     ((size_t) 4 * 1024 * 1024)   /* longer headers go to the full parser */

/* The syntaxes the full parser reads differently (dicom-parse-file.c). */
#define TS_IMPLICIT_LE "1.2.840.10008.1.2"
#define TS_EXPLICIT_BE "1.2.840.10008.1.2.2"
#define TS_DEFLATED    "1.2.840.10008.1.2.1.99"

/* Whether a private UN element is a sequence, for one tag and creator: a series repeats the
 * same private elements in every header. Direct-mapped by tag; creator_len 0 = empty slot. */
#define PRIVATE_ANSWERS 256
#define ANSWER_CREATOR  64
typedef struct {
  uint32_t tag;
  uint8_t  creator_len;                   /* 1 + length of creator, 0 = empty */
  bool     sequence;
  char     creator[ANSWER_CREATOR];
} PrivateAnswer;

/* A VR's two letters, loaded little endian, less "AA": an index into a table of
 * VR | VR_LONG | VR_UN, 0 for two bytes that are no VR (and for SQ, which skip_plain() leaves
 * to the general path). One subtraction, one compare and one load tell a VR. */
#define VR_LONG 0x100   /* a VR with the 4-byte length of PS3.5 7.1.2 */
#define VR_UN   0x200   /* in vr_table: UN, skipped only where skippable_un() says so */
#define VR_INDEX(letters) ((uint16_t) ((letters) - 0x4141u))
#define VR_TABLE_SIZE     (VR_INDEX (0x5a5a) + 1u)

/* The private creators of the main dataset as the walks noted them, by position
 * (dicom-header-scan-creators.c): a series' headers have the same creators. Entries change
 * only with a new `epoch`, so while the epoch is the same, the creators a walk has noted so far
 * are the first n of these; (epoch, n) names them, and a private UN found plain with them (its
 * answer depends on its tag and its creators alone) is plain again with the same (epoch, n). */
#define MAX_CREATORS 16
typedef struct {
  uint32_t tag[MAX_CREATORS];
  uint32_t len[MAX_CREATORS];
  uint8_t  bytes[MAX_CREATORS][ANSWER_CREATOR];
  size_t   n;
  uint32_t epoch;                         /* from 1; < 1 << 27 (see lb_scan_creators_seen()) */
} KnownCreators;

/* A CT header of a GE scanner has some 145 private UN elements: room for them all. */
#define MAYBE_SLOTS 4096

/* The plain runs of the last header walked (dicom-header-scan.c, plain_run()): a series' headers
 * have the same elements, but for a few values of other lengths. Run k of a walk (the k-th call
 * of plain_run()) with the same stop and the same tag before it as run k of an earlier one,
 * whose elements have the same tag, VR and length bytes, is plain for the same reasons (within
 * the buffer: `reach` is checked); so a run is checked against its record, 8 to 12 bytes
 * an element, and walked the long way from the first element that differs. A UN that its
 * creator could make a sequence is asked about again (plain_un()) with the file's creators;
 * an element with the same tag and VR may have a value of another length (a UID, a time, a
 * position: plainness does not depend on it), within the bytes the buffer has to spare past
 * the record's reach. */
#define MEMO_RUNS     128
#define MEMO_ELEMENTS 2048
typedef struct {
  uint32_t below, last;                   /* its stop and the tag before it */
  uint32_t reach;                         /* bytes from start the records span, and 16 past
                                           * the start of the last */
  uint16_t first, cap, n;                 /* its records: memo[first .. first + n) */
  bool     closed;                        /* the run stopped at the element after them (not
                                           * at the buffer's end or the records' cap) */
} MemoRun;

typedef struct {
  /* The first 16 bytes are compared with the element's 16 first (SSE2), mask16 saying which
   * count: the header's 8 or 12. */
  uint64_t check __attribute__ ((aligned (16)));   /* tag, VR and 16-bit length, as loaded */
  uint32_t ext, mask;                     /* a long VR's length and 0xffffffff; else 0, 0 */
  uint32_t step;                          /* header + length */
  uint32_t mask16;                        /* 0x0fff for a long VR, else 0x00ff; | 0x10000
                                           * (no compare has it) when MEMO_ASK */
  uint32_t creators;                      /* MEMO_BY_CREATOR of the main dataset: the
                                           * creators it was found plain with (see
                                           * KnownCreators), 0 for none */
  uint8_t  flags;                         /* MEMO_* */
  uint8_t  vr;                            /* its LbDicomVR */
} MemoElement;
#define MEMO_CREATOR    1                 /* a private creator: noted again */
#define MEMO_BY_CREATOR 2                 /* a UN plain by its creator: asked again */
#define MEMO_KEPT       4                 /* kept: kept again (of any length) */
#define MEMO_LONG       8                 /* a long VR */
#define MEMO_ASK        (MEMO_CREATOR | MEMO_BY_CREATOR | MEMO_KEPT)

/* The top-level sequences of the last header walked (dicom-header-scan-seq.c): sequence k of a
 * header whose value (up to and with its delimiter) has the same bytes as sequence k of the
 * last one walks the same way, so it is passed over as a whole. The walk of a sequence depends
 * on nothing else: its items' creators are their own, nothing in them is kept, and the limits
 * are the file's, checked below for the element count. */
#define SEQ_MEMOS     16
#define SEQ_MEMO_MAX  ((size_t) 64 * 1024)   /* longer sequences are walked every time */
typedef struct {
  uint8_t  *bytes;                        /* the value's bytes, len of them (cap allocated) */
  size_t    len, cap;
  bool      undefined;                    /* an undefined length: len includes the delimiter */
  uint64_t  n_elements;                   /* items and elements the walk counted */
  size_t    n_runs;                       /* plain runs it walked (MemoRun) */
} SeqMemo;

struct _LbDicomScanner {
  uint32_t       tags[MAX_TAGS];          /* ascending */
  size_t         n_tags;
  uint32_t       stops[MAX_TAGS + 2];     /* the tags below Pixel Data and (0008,0005),
                                           * ascending, then Pixel Data (dicom-header-scan.c,
                                           * next_stop()) */
  LbDicomFile   *file;
  uint8_t       *buf;
  size_t         buf_cap;
  size_t         prefix;                  /* bytes read first: from the last header seen */
  LbDicomElement meta[MAX_META];
  size_t         n_meta;
  LbDicomElement kept[MAX_TAGS + 1];      /* + (0008,0005) */
  size_t         n_kept;
  char          *charset;
  size_t         charset_cap;
  uint8_t        charset_bytes[64];       /* the value s->charset was trimmed from */
  size_t         charset_len;
  bool           charset_known;
  bool           file_parsed;             /* the full parser read into the file (its storage
                                           * is to be released) since the last walk */
  uint64_t       n_fast, n_full;
  uint64_t       n_ended_runs;            /* runs left to the general path by their record */
  bool           last_fast;               /* the last read took the fast walk */
  uint16_t       vr_codes[26 * 26];       /* two VR letters -> VR | VR_LONG, 0 for none */
  uint16_t       vr_table[VR_TABLE_SIZE]; /* the same for skip_plain(), see VR_INDEX */
  PrivateAnswer  answers[PRIVATE_ANSWERS];
  uint32_t       maybe_tags[MAYBE_SLOTS];   /* lb_private_dict_may_be_sequence() answers */
  bool           maybe[MAYBE_SLOTS];
  MemoRun        memo_runs[MEMO_RUNS];
  size_t         n_memo_runs;
  MemoElement   *memo;                    /* MEMO_ELEMENTS, allocated apart: the scanner
                                           * stays well below malloc's mmap threshold */
  size_t         n_memo;                  /* records given to runs so far */
  SeqMemo        seq_memo[SEQ_MEMOS];
  KnownCreators  known;
  uint8_t        other_class[64];         /* the last Media Storage SOP Class of plain ASCII
                                           * that is no DICOMDIR's (names_dicomdir()) */
  uint32_t       other_class_len;
  bool           other_class_known;
};

/* lb_cursor_at_explicit_vr() from the scanner's VR table. */
static inline bool
lb_scan_at_explicit_vr (const LbDicomScanner *s, const LbCursor *c)
{
  if (!lb_cursor_need (c, 6))
    return false;
  unsigned a = (unsigned) c->buf[c->pos + 4] - 'A', b = (unsigned) c->buf[c->pos + 5] - 'A';
  return a < 26 && b < 26 && s->vr_codes[a * 26 + b] != 0;
}

/* The private creators of one dataset, first of each block kept (as the creator map does). */
typedef struct {
  uint32_t       tag[MAX_CREATORS];
  const uint8_t *value[MAX_CREATORS];
  uint32_t       len[MAX_CREATORS];
  size_t         n;
  bool           overflow;
  KnownCreators *known;                   /* the main dataset's: its creators are compared with
                                           * the last headers'; NULL in items */
} Creators;

/* Whether the n bytes at b are all zero (the padding a whole file may end with). */
static inline bool
lb_scan_all_zero (const uint8_t *b, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (b[i] != 0)
      return false;
  return true;
}

/* lb_cursor_read_element_header() for explicit VR little endian, with the VR from a table:
 * the walk reads some 270 element headers per CT header. */
static inline bool
lb_scan_read_header (const LbDicomScanner *s, LbCursor *c, LbElementHeader *h)
{
  if (!lb_cursor_need (c, 8))
    return false;
  const uint8_t *p = c->buf + c->pos;
  uint16_t group = (uint16_t) (p[0] | p[1] << 8);
  h->tag = LB_DICOM_TAG (group, (uint16_t) (p[2] | p[3] << 8));
  h->offset = c->pos;
  h->vr = LB_DICOM_VR_NONE;
  h->vr_invalid = false;
  unsigned a = (unsigned) p[4] - 'A', b = (unsigned) p[5] - 'A';
  uint16_t code = group != 0xfffe && a < 26 && b < 26 ? s->vr_codes[a * 26 + b] : 0;
  if (code == 0)
    {
      h->vr_invalid = group != 0xfffe;
      h->length = lb_load_u32 (p + 4, false);
      c->pos += 8;
      return true;
    }
  h->vr = (LbDicomVR) (code & 0xff);
  if (code & VR_LONG)
    {
      if (!lb_cursor_need (c, 12))
        return false;
      h->length = lb_load_u32 (p + 8, false);
      c->pos += 12;
    }
  else
    {
      h->length = (uint32_t) (p[6] | p[7] << 8);
      c->pos += 8;
    }
  return true;
}

/* Keeps the main dataset's Specific Character Set (0008,0005) of the file read. */
bool lb_dicom_scanner_keep_charset (LbDicomScanner *s, const uint8_t *value, size_t len);

/* The main dataset's creator i is not known entry i: a new epoch whose entries are the first
 * i and this one (dicom-header-scan-creators.c). */
void lb_scan_creators_change (KnownCreators *k, size_t i, uint32_t tag, const uint8_t *value,
                              uint32_t len);

/* memcmp() == 0 for a creator's few bytes, inline: words, the last one overlapping. */
static inline bool
lb_scan_same_bytes (const uint8_t *a, const uint8_t *b, size_t n)
{
  if (n < 8)
    {
      for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
          return false;
      return true;
    }
  uint64_t x, y;
  for (size_t i = 0; i + 8 < n; i += 8)
    {
      memcpy (&x, a + i, sizeof x);
      memcpy (&y, b + i, sizeof y);
      if (x != y)
        return false;
    }
  memcpy (&x, a + n - 8, sizeof x);
  memcpy (&y, b + n - 8, sizeof y);
  return x == y;
}

/* Notes a private creator element of the dataset walked (the first of each block counts), and
 * of the main dataset, compares it with the known one of its place. */
static inline void
lb_scan_note_creator (Creators *cr, uint32_t tag, const uint8_t *value, uint32_t len)
{
  KnownCreators *k = cr->known;
  /* The main dataset's tags ascend (the walk checks): none is noted twice. An item's may be. */
  if (k == NULL)
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
  if (k != NULL
      && !(i < k->n && k->tag[i] == tag && k->len[i] == len
           && lb_scan_same_bytes (k->bytes[i], value, len)))
    lb_scan_creators_change (k, i, tag, value, len);
}

/* The main dataset's creators noted so far, named for MemoElement.creators: 0 when they cannot
 * be named (an item's, or more than MAX_CREATORS). */
static inline uint32_t
lb_scan_creators_seen (const Creators *cr)
{
  if (cr->known == NULL || cr->overflow)
    return 0;
  return cr->known->epoch << 5 | (uint32_t) cr->n;
}

/* Whether top-level sequence k, starting at value (avail bytes from there in the buffer), has
 * the bytes of the last header's sequence k: then *len, *n_elements and *n_runs are what
 * walking it gave. */
static inline bool
lb_dicom_scanner_seq_same (const LbDicomScanner *s, size_t k, bool undefined,
                           const uint8_t *value, size_t avail, size_t *len,
                           uint64_t *n_elements, size_t *n_runs)
{
  if (k >= SEQ_MEMOS)
    return false;
  const SeqMemo *m = &s->seq_memo[k];
  if (m->len == 0 || m->undefined != undefined || m->len > avail
      || memcmp (m->bytes, value, m->len) != 0)
    return false;
  *len = m->len;
  *n_elements = m->n_elements;
  *n_runs = m->n_runs;
  return true;
}

/* Notes what walking top-level sequence k gave: the len bytes at value. */
void lb_dicom_scanner_seq_remember (LbDicomScanner *s, size_t k, bool undefined,
                                    const uint8_t *value, size_t len, uint64_t n_elements,
                                    size_t n_runs);

/* Of the meta group just walked: whether it names a DICOMDIR (lb_dicom_dir_is_dicomdir(),
 * without a string copy for plain ASCII); whether its transfer syntax, copied into the file, is
 * read as explicit VR little endian. */
bool lb_dicom_scanner_names_dicomdir (LbDicomScanner *scanner);
bool lb_dicom_scanner_explicit_le (LbDicomScanner *scanner);
/* A dataset of the kept elements. */
void lb_dicom_scanner_set_dataset (LbDicomDataset *ds, LbDicomElement *elements, size_t n);

/* Forgets the previous file, also what a fallback read had allocated. */
void lb_dicom_scanner_clear (LbDicomScanner *s);
/* Forgets what a walk wrote into the file (the fields lb_dicom_file_reset() resets that a walk
 * sets; it allocates nothing): the file is as lb_dicom_scanner_clear() leaves it when no
 * parser read into it since. */
void lb_dicom_scanner_forget_walk (LbDicomScanner *s);

#endif
