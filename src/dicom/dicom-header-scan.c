/* dicom-header-scan.c: the scan reader of lb-dicom-scan.h.
 *
 * The walk follows parse_file() of dicom-parse-file.c and lb_parse_dataset() / parse_sequence() of
 * dicom-parse.c step by step for explicit VR little endian files with a DICM preamble, the layout
 * of almost every file a modality writes, and answers FALLBACK wherever the full parser would do
 * something this reader does not (another syntax, a dictionary VR, an error). So a header it reads
 * is exactly what the full parser would have given for the tags it keeps, and everything else is
 * read by the full parser itself. Nothing is allocated per file: the prefix buffer and the element
 * arrays belong to the scanner and are reused. A series' headers repeat one another: each run of
 * plain elements is first checked against the record of the same run of the last header
 * (MemoRun in dicom-header-scan-private.h; skip_plain()), some 12 instructions an element
 * instead of the 45 of the full checks. Reading the files: dicom-header-scan-read.c; the
 * scanner's state: dicom-header-scan-state.c; the last header's sequences:
 * dicom-header-scan-seq.c; the private creators: dicom-header-scan-creators.c. */
#include "lb-dicom-scan.h"

#include <endian.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "dicom-private.h"
#include "dicom-header-scan-private.h"

#define TAG_ITEM            LB_DICOM_TAG (0xfffe, 0xe000)
#define TAG_ITEM_DELIM      LB_DICOM_TAG (0xfffe, 0xe00d)
#define TAG_SEQ_DELIM       LB_DICOM_TAG (0xfffe, 0xe0dd)
#define TAG_CHARSET         LB_DICOM_TAG (0x0008, 0x0005)

typedef enum { MODE_TOP, MODE_META, MODE_ITEM_DEFINED, MODE_ITEM_UNDEFINED } Mode;

typedef struct {
  LbDicomScanner *s;
  bool            whole;                  /* the buffer is the whole file */
  uint64_t        n_elements;
  uint32_t        max_depth;
  uint64_t        max_value_length;
  uint64_t        max_elements;
  size_t          next_tag;               /* the first wanted tag not yet passed (top level) */
  size_t          next_stop;              /* the same in the scanner's stops (next_stop()) */
  bool            stopped;                /* reached (7FE0,0010) */
  size_t          pixel_offset;
  size_t          n_runs;                 /* plain_run() calls so far (MemoRun) */
  size_t          n_seqs;                 /* top-level sequences so far (SeqMemo) */
} Walk;

static LbDicomScanResult walk_dataset (Walk *w, LbCursor *c, uint32_t depth, Mode mode);

/* The bytes ran out: a prefix may go on, a whole file is for the full parser to report. */
static LbDicomScanResult
short_of_bytes (const Walk *w)
{
  return w->whole ? LB_DICOM_SCAN_FALLBACK : LB_DICOM_SCAN_MORE;
}

/* Whether the top-level element with this tag is one to keep; tags come in ascending order. */
static bool
wanted (Walk *w, uint32_t tag)
{
  const LbDicomScanner *s = w->s;
  while (w->next_tag < s->n_tags && s->tags[w->next_tag] < tag)
    w->next_tag++;
  return tag == TAG_CHARSET || (w->next_tag < s->n_tags && s->tags[w->next_tag] == tag);
}

/* A value element of the meta group or a kept one of the main dataset, as parse_element()
 * builds it for explicit VR little endian. */
static inline __attribute__ ((always_inline)) bool
keep (Walk *w, Mode mode, const LbElementHeader *h, const uint8_t *value)
{
  LbDicomScanner *s = w->s;
  LbDicomElement *el;
  if (mode == MODE_META)
    {
      if (s->n_meta == MAX_META)
        return false;
      el = &s->meta[s->n_meta++];
    }
  else
    {
      if (s->n_kept == MAX_TAGS + 1)
        return false;
      el = &s->kept[s->n_kept++];
    }
  /* The rest zero, in a few stores rather than a memset() call. */
  *el = (LbDicomElement) {
    .tag = h->tag, .length = h->length, .offset = h->offset, .value = value,
    .value_len = h->length, .vr = (uint8_t) h->vr,
    .parent = mode == MODE_META ? &s->file->meta : &s->file->dataset,
  };
  if (mode == MODE_TOP && h->tag == TAG_CHARSET)
    return lb_dicom_scanner_keep_charset (s, value, h->length);
  return true;
}

static LbDicomScanResult
walk_sequence (Walk *w, LbCursor *c, uint32_t depth, bool undefined)
{
  if (depth + 1 > w->max_depth)
    return LB_DICOM_SCAN_FALLBACK;
  for (;;)
    {
      if (!undefined && lb_cursor_remaining (c) == 0)
        return LB_DICOM_SCAN_OK;
      if (!lb_cursor_need (c, 8))
        return short_of_bytes (w);
      uint32_t tag = LB_DICOM_TAG (lb_load_u16 (c->buf + c->pos, false),
                                   lb_load_u16 (c->buf + c->pos + 2, false));
      uint32_t len = lb_load_u32 (c->buf + c->pos + 4, false);
      c->pos += 8;
      if (tag == TAG_SEQ_DELIM)
        {
          if (!undefined)
            c->pos = c->len;
          return LB_DICOM_SCAN_OK;
        }
      if (tag != TAG_ITEM || ++w->n_elements > w->max_elements)
        return LB_DICOM_SCAN_FALLBACK;
      LbDicomScanResult r;
      if (len == LB_DICOM_UNDEFINED_LENGTH)
        r = walk_dataset (w, c, depth + 1, MODE_ITEM_UNDEFINED);
      else
        {
          if (!undefined && !lb_cursor_need (c, len))
            len = (uint32_t) lb_cursor_remaining (c);
          if (!lb_cursor_need (c, len))
            return short_of_bytes (w);
          LbCursor sub = *c;
          sub.len = c->pos + len;
          r = walk_dataset (w, &sub, depth + 1, MODE_ITEM_DEFINED);
          c->pos = sub.len;
        }
      if (r != LB_DICOM_SCAN_OK)
        return r;
    }
}

/* private_vr() == SQ for this creator (its value bytes, untrimmed), remembered per tag. */
static bool
creator_makes_sequence (LbDicomScanner *s, const LbElementHeader *h, const uint8_t *value,
                        uint32_t len)
{
  if (len >= ANSWER_CREATOR)
    return true;   /* no such creator in the dictionary is this long: let the parser see */
  PrivateAnswer *a = &s->answers[(h->tag * 2654435761u) >> 24];
  if (a->tag == h->tag && a->creator_len == len + 1 && memcmp (a->creator, value, len) == 0)
    return a->sequence;
  char creator[ANSWER_CREATOR];
  lb_copy_trimmed (creator, sizeof creator, value, len);
  a->tag = h->tag;
  a->creator_len = (uint8_t) (len + 1);
  memcpy (a->creator, value, len);
  /* The length decides too (a value that cannot be of the dictionary's VR stays UN), but
   * never for SQ, whose fixed size is 1. */
  a->sequence = lb_private_vr (creator, h->tag, h->length) == LB_DICOM_VR_SQ;
  return a->sequence;
}

/* Whether the private dictionary of this element's creator makes it a sequence (private_vr());
 * false when it surely does not. */
static bool
private_sequence (LbDicomScanner *s, const Creators *cr, const LbElementHeader *h)
{
  size_t slot = (h->tag * 2654435761u) >> 20;
  if (s->maybe_tags[slot] != h->tag)   /* 0, the empty slot, is no private tag */
    {
      s->maybe_tags[slot] = h->tag;
      s->maybe[slot] = lb_private_dict_may_be_sequence (h->tag);
    }
  if (!s->maybe[slot])
    return false;
  uint32_t block = LB_DICOM_TAG (LB_DICOM_TAG_GROUP (h->tag), LB_DICOM_TAG_ELEMENT (h->tag) >> 8);
  for (size_t i = 0; i < cr->n; i++)
    if (cr->tag[i] == block)
      return creator_makes_sequence (s, h, cr->value[i], cr->len[i]);
  return cr->overflow;   /* no creator: the full parser keeps it as UN bytes */
}

/* An explicit UN the full parser reads as a value of no interest, whatever VR a dictionary
 * gives it (parse_element(), private_vr()): of defined length, not kept, and no sequence in
 * the public dictionary nor in its creator's private one. */
static bool
skippable_un (LbDicomScanner *s, const Creators *cr, const LbElementHeader *h, bool kept)
{
  if (kept || h->length == LB_DICOM_UNDEFINED_LENGTH)
    return false;
  if (!lb_tag_is_private (h->tag))
    return LB_DICOM_TAG_ELEMENT (h->tag) == 0 || lb_dicom_dict_vr (h->tag) != LB_DICOM_VR_SQ;
  return lb_tag_is_private_creator (h->tag) || LB_DICOM_TAG_ELEMENT (h->tag) < 0x1000
         || !private_sequence (s, cr, h);
}

/* skippable_un() for an element skip_plain() found: not kept, of defined length. A
 * private element of a block (xxxx,1000) on is the common case (a GE CT header has some 145):
 * its answer is usually remembered already. */
static inline bool
plain_un (LbDicomScanner *s, const Creators *cr, uint32_t tag, uint32_t length)
{
  if (lb_tag_is_private (tag) && LB_DICOM_TAG_ELEMENT (tag) >= 0x1000)
    {
      size_t slot = (tag * 2654435761u) >> 20;
      if (s->maybe_tags[slot] == tag && !s->maybe[slot])
        return true;
    }
  LbElementHeader h = { .tag = tag, .length = length, .vr = LB_DICOM_VR_UN };
  return skippable_un (s, cr, &h, false);
}

/* A sequence of the main dataset: passed over as a whole when its bytes are those of the last
 * header's sequence of the same rank (SeqMemo), else walked and remembered. A defined length
 * must be the remembered one (c ends with the value); the element count stays within the
 * file's limit as it would have in the walk. */
static LbDicomScanResult
walk_top_sequence (Walk *w, LbCursor *c, uint32_t depth, bool undefined)
{
  size_t k = w->n_seqs++, start = c->pos, len, n_runs;
  uint64_t n;
  const uint8_t *value = c->buf + start;
  if (lb_dicom_scanner_seq_same (w->s, k, undefined, value, c->len - start, &len, &n, &n_runs)
      && (undefined || len == c->len - start) && n <= w->max_elements - w->n_elements)
    {
      c->pos += len;
      w->n_elements += n;
      w->n_runs += n_runs;
      return LB_DICOM_SCAN_OK;
    }
  uint64_t n_before = w->n_elements;
  size_t runs_before = w->n_runs;
  LbDicomScanResult r = walk_sequence (w, c, depth, undefined);
  if (r == LB_DICOM_SCAN_OK)
    lb_dicom_scanner_seq_remember (w->s, k, undefined, value, c->pos - start,
                                   w->n_elements - n_before, w->n_runs - runs_before);
  return r;
}

/* One element whose header has been read (parse_element() for the cases read here). */
static LbDicomScanResult
walk_element (Walk *w, LbCursor *c, uint32_t depth, Mode mode, const LbElementHeader *h,
              Creators *cr)
{
  if (h->vr_invalid || ++w->n_elements > w->max_elements)
    return LB_DICOM_SCAN_FALLBACK;   /* garbage VR: the rest is read as implicit VR */
  bool kept = mode == MODE_META || (mode == MODE_TOP && wanted (w, h->tag));
  if (h->vr == LB_DICOM_VR_UN && !skippable_un (w->s, cr, h, kept))
    return LB_DICOM_SCAN_FALLBACK;
  if (h->length == LB_DICOM_UNDEFINED_LENGTH)
    {
      if (h->vr != LB_DICOM_VR_SQ || kept)
        return LB_DICOM_SCAN_FALLBACK;
      return mode == MODE_TOP ? walk_top_sequence (w, c, depth, true)
                              : walk_sequence (w, c, depth, true);
    }
  if (h->length > w->max_value_length)
    return LB_DICOM_SCAN_FALLBACK;
  if (!lb_cursor_need (c, h->length))
    return short_of_bytes (w);
  if (h->vr == LB_DICOM_VR_SQ)
    {
      if (kept)
        return LB_DICOM_SCAN_FALLBACK;
      LbCursor sub = *c;
      sub.len = c->pos + h->length;
      LbDicomScanResult r = mode == MODE_TOP ? walk_top_sequence (w, &sub, depth, false)
                                             : walk_sequence (w, &sub, depth, false);
      c->pos = sub.len;
      return r;
    }
  if (kept && !keep (w, mode, h, c->buf + c->pos))
    return LB_DICOM_SCAN_FALLBACK;
  if (lb_tag_is_private_creator (h->tag))
    lb_scan_note_creator (cr, h->tag, c->buf + c->pos, h->length);
  c->pos += h->length;
  return LB_DICOM_SCAN_OK;
}

/* The tag below which no top-level element after `last` is kept or stops the walk (wanted()
 * would pass the wanted tags up to `last` too). */
static inline uint32_t
next_stop (Walk *w, Mode mode, uint32_t last)
{
  if (mode != MODE_TOP)
    return mode == MODE_META ? 0 : LB_DICOM_TAG (0xfffe, 0x0000);
  const uint32_t *stops = w->s->stops;   /* the wanted tags and (0008,0005), Pixel Data last */
  size_t i = w->next_stop;
  while (stops[i] <= last && stops[i] < LB_DICOM_TAG_PIXEL_DATA)
    i++;
  w->next_stop = i;
  return stops[i];
}

/* Whether a UN element plain_un() found plain is so by its tag and length alone, not by its
 * creator (skippable_un(): all but a private tag some creator's dictionary makes a
 * sequence). */
static inline bool
un_plain_by_tag (const LbDicomScanner *s, uint32_t tag)
{
  if (!lb_tag_is_private (tag) || lb_tag_is_private_creator (tag)
      || LB_DICOM_TAG_ELEMENT (tag) < 0x1000)
    return true;
  size_t slot = (tag * 2654435761u) >> 20;
  return s->maybe_tags[slot] == tag && !s->maybe[slot];
}

/* Where a run stands: its element count, the tag last passed and the next stop. */
typedef struct {
  const uint8_t *p;
  uint64_t       n;
  uint32_t       last, below;
} RunState;

/* What a replay knows besides where it is: the buffer, the bytes it has to spare (the bytes
 * after the run's record as recorded; kept values of other lengths take or give some), and
 * whether the record was brought up to this header's lengths. */
typedef struct {
  const uint8_t *base;
  size_t         slack;
  bool           changed, failed;
} Replay;

/* An element of a run whose bytes are not those of its record, or whose record asks for more
 * than skipping it (MEMO_ASK): the same tag and VR with a value of another length (within the
 * bytes the buffer has to spare), kept, noted as a creator, or a UN asked about again. The
 * bytes to step over; 0 when it is not as recorded after all, when its value does not fit, or
 * when keeping failed (rp->failed). */
static size_t
replay_other (Walk *w, Mode mode, MemoElement *m, RunState *r, const uint8_t *end, Replay *rp,
              Creators *cr, bool same)
{
  uint64_t word = m->check;
  bool is_long = m->flags & MEMO_LONG;
  uint32_t tag = (uint32_t) word << 16 | (uint32_t) word >> 16;
  size_t header = is_long ? 12 : 8;
  size_t step = m->step;   /* `same`: the header's bytes are the record's */
  if (!same)
    {
      uint64_t v;
      uint32_t x;
      memcpy (&v, r->p, sizeof v);
      memcpy (&x, r->p + 8, sizeof x);
      v = le64toh (v);
      x = le32toh (x);
      /* The tag, the VR, and a long VR's two reserved bytes must be the same. */
      if (((v ^ word) & (is_long ? UINT64_MAX : 0x0000ffffffffffffu)) != 0)
        return 0;
      uint32_t length = is_long ? x : (uint32_t) (v >> 48);
      step = header + length;
      if (step == m->step)
        return 0;   /* cannot be: the bytes differ only in the length */
      if (length > (size_t) (end - r->p) - header
          || (step > m->step && step - m->step > rp->slack))
        return 0;
      rp->slack = step > m->step ? rp->slack - (step - m->step) : rp->slack + (m->step - step);
      m->check = v;
      m->ext = is_long ? length : 0;
      m->step = (uint32_t) step;
      rp->changed = true;
    }
  uint32_t length = (uint32_t) (step - header);
  const uint8_t *value = r->p + header;
  /* A UN its creator could make a sequence: plain again with the same creators, else asked
   * again with this file's (KnownCreators). */
  uint32_t seen;
  if ((m->flags & MEMO_BY_CREATOR)
      && ((seen = lb_scan_creators_seen (cr)) == 0 || m->creators != seen))
    {
      if (!plain_un (w->s, cr, tag, length))
        return 0;
      m->creators = seen;
    }
  if (m->flags & MEMO_KEPT)
    {
      LbElementHeader h = {
        .tag = tag, .offset = (size_t) (r->p - rp->base), .length = length, .vr = m->vr,
      };
      if (!keep (w, mode, &h, value))
        {
          rp->failed = true;
          return 0;
        }
      if (mode == MODE_TOP)
        r->below = next_stop (w, mode, tag);
    }
  if (m->flags & MEMO_CREATOR)
    lb_scan_note_creator (cr, tag, value, length);
  return step;
}

/* The elements of run k that match its record (MemoRun): plain (or kept) as they were. r moves
 * past them (last_start: to the start of the last). The count. The loop holds what it needs
 * in locals: some 400 elements a header come this way, most with the bytes of their record. */
static inline size_t
replay_run (Walk *w, Mode mode, const MemoRun *run, RunState *r, const uint8_t *end,
            Replay *rp, const uint8_t **last_start, Creators *cr)
{
  MemoElement *m = w->s->memo + run->first, *first = m, *stop = m + run->n;
  const uint8_t *q = r->p;
  for (; m < stop; m++)
    {
      size_t step = m->step;
#ifdef __SSE2__
      /* The 8 or 12 bytes at once: 16 are there (`reach`), those past the header are masked. */
      __m128i same = _mm_cmpeq_epi8 (_mm_loadu_si128 ((const __m128i *) q),
                                     _mm_load_si128 ((const __m128i *) m));
      unsigned equal = (unsigned) _mm_movemask_epi8 (same) & m->mask16;
      if (equal != m->mask16)
#else
      uint64_t v;
      uint32_t x;
      memcpy (&v, q, sizeof v);
      memcpy (&x, q + 8, sizeof x);
      if (((le64toh (v) ^ m->check) | ((le32toh (x) ^ m->ext) & m->mask)) != 0
          || (m->flags & MEMO_ASK))
#endif
        {
          r->p = q;
#ifdef __SSE2__
          bool same_header = equal == (m->mask16 & 0xffff);
#else
          bool same_header = ((le64toh (v) ^ m->check) | ((le32toh (x) ^ m->ext) & m->mask)) == 0;
#endif
          step = replay_other (w, mode, m, r, end, rp, cr, same_header);
          if (step == 0)
            break;
        }
      q += step;
    }
  size_t i = (size_t) (m - first);
  if (i > 0)
    {
      uint64_t word = m[-1].check;
      r->last = (uint32_t) word << 16 | (uint32_t) word >> 16;
      *last_start = q - m[-1].step;   /* its step is this header's (replay_other()) */
    }
  r->p = q;
  r->n += i;
  return i;
}

/* Whether the element `tag` at a run's stop is kept there (walk_element()): a wanted one of the
 * main dataset, or any of the meta group, in order. */
static inline bool
kept_at_stop (Mode mode, uint32_t tag, const RunState *r)
{
  if (mode == MODE_META)
    return LB_DICOM_TAG_GROUP (tag) == 0x0002 && tag > r->last;
  return mode == MODE_TOP && tag == r->below && tag > r->last && tag != LB_DICOM_TAG_PIXEL_DATA;
}

/* The run of plain and kept elements from r->p on (see skip_plain()), recording it when `run`
 * is given from element i on. `careful`: the element budget may run out within the buffer, or
 * a length within it may pass max_length, so both are checked per element; else neither can
 * happen and neither is (the common case). False when keeping failed. */
static inline bool
walk_run (Walk *w, Mode mode, RunState *r, const uint8_t *base, const uint8_t *end,
          uint64_t budget, uint32_t max_length, bool careful, MemoRun *run, size_t *i,
          const uint8_t **rec_end, const uint8_t **rec_last, Creators *cr)
{
  LbDicomScanner *s = w->s;
  const uint16_t *vrs = s->vr_table;
  bool recording = run != NULL;
  while (end - r->p >= 12 && (!careful || r->n < budget))
    {
      const uint8_t *p = r->p;
      uint64_t v;
      memcpy (&v, p, sizeof v);
      v = le64toh (v);
      uint32_t tag = (uint32_t) v << 16 | (uint32_t) v >> 16;   /* group, element */
      bool kept = false;
      /* Past a wanted tag the header does not have: the next stop after it (wanted() passes
       * it too). A record need not say so: a stop left behind only sends an element here. */
      if (mode == MODE_TOP && tag > r->below && tag > r->last && r->below < LB_DICOM_TAG_PIXEL_DATA)
        r->below = next_stop (w, mode, tag - 1);
      if (tag >= r->below || tag <= r->last)
        {
          if (!kept_at_stop (mode, tag, r))
            break;
          kept = true;
        }
      uint16_t index = VR_INDEX ((uint16_t) (v >> 32));
      uint16_t vr = index < VR_TABLE_SIZE ? vrs[index] : 0;
      if (vr == 0 || (kept && (vr & VR_UN)))   /* not a VR, SQ, or a UN to keep */
        break;
      size_t header = 8;
      uint32_t length = (uint32_t) (v >> 48);
      if (vr & VR_LONG)
        {
          header = 12;
          length = lb_load_u32 (p + 8, false);
        }
      /* Without `careful`, the buffer is no longer than max_length (<= 0xfffffffe), so a
       * length that fits it is within the limit, and an undefined one does not fit. */
      if ((careful && length > max_length) || length > (size_t) (end - p) - header)
        break;
      if ((vr & VR_UN) && !plain_un (s, cr, tag, length))
        break;
      if (kept)
        {
          LbElementHeader h = {
            .tag = tag, .offset = (size_t) (p - base), .length = length,
            .vr = (LbDicomVR) (vr & 0xff),
          };
          if (!keep (w, mode, &h, p + header))
            return false;
        }
      bool creator = (tag & 0x10000) && lb_tag_is_private_creator (tag);
      if (creator)
        lb_scan_note_creator (cr, tag, p + header, length);
      if (recording && *i < run->cap)
        {
          uint8_t flags = (uint8_t) ((creator ? MEMO_CREATOR : 0) | (kept ? MEMO_KEPT : 0)
                                     | ((vr & VR_UN) && !un_plain_by_tag (s, tag)
                                        ? MEMO_BY_CREATOR : 0)
                                     | (header == 12 ? MEMO_LONG : 0));
          s->memo[run->first + (*i)++] = (MemoElement) {
            .check = v,
            .ext = header == 12 ? length : 0, .mask = header == 12 ? UINT32_MAX : 0,
            /* An element that asks for more never passes: no 16 lanes give bit 16. */
            .mask16 = (flags & MEMO_ASK ? 0x10000u : 0) | (header == 12 ? 0x0fffu : 0x00ffu),
            .step = (uint32_t) (header + length), .flags = flags,
            .creators = flags & MEMO_BY_CREATOR ? lb_scan_creators_seen (cr) : 0,
            .vr = (uint8_t) vr,
          };
          *rec_last = p;
          *rec_end = p + header + length;
        }
      else
        recording = false;
      r->n++;
      r->last = tag;
      r->p = p + header + length;
      if (kept && mode == MODE_TOP)
        r->below = next_stop (w, mode, tag);
    }
  return true;
}

/* Skips the plain elements from c->pos on, the walk's hot loop (a CT header is some 270
 * element headers, nearly all of them plain): a valid explicit VR other than SQ (and a UN
 * only where skippable_un() says so), a defined length within the limits and within the
 * buffer, a tag below the next stop (next_stop(): the next wanted tag, Pixel Data, or an
 * item's delimiters) and ascending where the dataset is ordered. walk_element() would skip
 * such an element and do nothing else (but note a private creator), so this does exactly
 * that. It keeps, as walk_element() does, a wanted element of the main dataset or an element
 * of the meta group that is as plain but for being kept (not a UN), and goes on. It stops at
 * the first element that is neither, for the general path; false when keeping failed (out of
 * memory or room: the walk is for the full parser).
 *
 * Run k of a header (the k-th call) is first checked against the record of run k of the last
 * (MemoRun), then walked on the long way, recording. */
static inline bool
skip_plain (Walk *w, LbCursor *c, Mode mode, bool ordered, uint32_t *last, bool *first,
            Creators *cr)
{
  LbDicomScanner *s = w->s;
  if (c->pos > c->len || w->n_elements >= w->max_elements)
    return true;
  const uint8_t *start = c->buf + c->pos, *end = c->buf + c->len;
  /* Unordered: only (0000,0000) goes the long way; the meta group's first element is of
   * group 0002 (the general path ends the group at any other). */
  uint32_t prev = !ordered ? 0 : !*first ? *last : mode == MODE_META ? 0x0001ffffu : 0;
  RunState r = { .p = start, .n = 0, .last = prev, .below = next_stop (w, mode, *last) };
  uint64_t budget = w->max_elements - w->n_elements;
  /* An undefined length is over it too. */
  uint32_t max_length = w->max_value_length < LB_DICOM_UNDEFINED_LENGTH
                        ? (uint32_t) w->max_value_length : LB_DICOM_UNDEFINED_LENGTH - 1;
  /* Each element takes 8 bytes at least. */
  bool careful = budget <= (size_t) (end - start) / 8 || (size_t) (end - start) > max_length;

  /* The record of this run: to check against, then to write from the first difference. */
  MemoRun *run = NULL;
  size_t k = w->n_runs++, i = 0;
  Replay rp = { .base = c->buf };
  const uint8_t *rec_last = start;
  uint32_t entry_below = r.below;
  if (!careful && k < MEMO_RUNS && k <= s->n_memo_runs
      && (k < s->n_memo_runs || s->n_memo < MEMO_ELEMENTS))
    {
      run = &s->memo_runs[k];
      if (k == s->n_memo_runs)   /* a new record, at the end: all the room left, for now */
        *run = (MemoRun) { .first = (uint16_t) s->n_memo,
                           .cap = (uint16_t) (MEMO_ELEMENTS - s->n_memo) };
      if (run->below == r.below && run->last == prev && (size_t) (end - start) >= run->reach)
        {
          rp.slack = (size_t) (end - start) - run->reach;
          i = replay_run (w, mode, run, &r, end, &rp, &rec_last, cr);
          /* The replay moves the stop only at kept elements: past a wanted tag the header
           * lacks it is left behind, below the tag last passed. */
          if (i > 0 && mode == MODE_TOP)
            r.below = next_stop (w, mode, r.last);
        }
      else
        rp.changed = true;
      if (rp.failed)
        return false;
    }
  const uint8_t *rec_end = r.p;
  size_t replayed = i;
  /* A record replayed whole that ends where its walk stopped for the general path: the walk
   * would stop there again (or, were the element plain now, the general path reads it). */
  bool ended = run != NULL && run->closed && i == run->n;
  s->n_ended_runs += ended;
  bool ok = ended ? true
            : careful ? walk_run (w, mode, &r, c->buf, end, budget, max_length, true, NULL, &i,
                                  &rec_end, &rec_last, cr)
                      : walk_run (w, mode, &r, c->buf, end, budget, max_length, false, run, &i,
                                  &rec_end, &rec_last, cr);
  if (!ok)
    return false;
  /* A record that no longer describes the run (another stop or tag before it, or elements
   * that differ) now holds its first i elements: rec_end - start bytes, the last starting at
   * rec_last. One that matched is left as it is. */
  if (run != NULL && (rp.changed || i != replayed))
    {
      size_t span = (size_t) (rec_end - start), last_start = (size_t) (rec_last - start);
      size_t reach = i == 0 ? 0 : span > last_start + 16 ? span : last_start + 16;
      if (reach > UINT32_MAX)
        i = reach = 0;   /* a run of 4 GiB: not recorded */
      run->below = entry_below;
      run->last = prev;
      run->n = (uint16_t) i;
      run->reach = (uint32_t) reach;
      run->closed = i > 0 && i == r.n && end - r.p >= 12;   /* stopped at an element */
      if (k == s->n_memo_runs)
        {
          run->cap = (uint16_t) i;
          s->n_memo += i;
          s->n_memo_runs = k + 1;
        }
    }
  if (r.p != start)
    {
      c->pos = (size_t) (r.p - c->buf);
      *last = r.last;
      *first = false;
      w->n_elements += r.n;
    }
  return true;
}

/* parse_dataset(): the meta group, the main dataset up to Pixel Data, or an item. Tags of the
 * meta group and of the main dataset must ascend (the full parser's lookup of an unsorted
 * dataset is left to it). */
static LbDicomScanResult
walk_dataset (Walk *w, LbCursor *c, uint32_t depth, Mode mode)
{
  bool ordered = mode == MODE_TOP || mode == MODE_META;
  uint32_t last = 0;
  bool first = true;
  Creators creators;
  creators.n = 0;
  creators.overflow = false;
  creators.known = mode == MODE_TOP ? &w->s->known : NULL;
  for (;;)
    {
      if (!skip_plain (w, c, mode, ordered, &last, &first, &creators))
        return LB_DICOM_SCAN_FALLBACK;
      size_t left = lb_cursor_remaining (c);
      if (ordered && left < 8)
        {
          if (!w->whole)
            return LB_DICOM_SCAN_MORE;
          if (mode == MODE_TOP && lb_scan_all_zero (c->buf + c->pos, left))
            return LB_DICOM_SCAN_OK;
          return LB_DICOM_SCAN_FALLBACK;
        }
      if (left == 0)
        return mode == MODE_ITEM_UNDEFINED ? short_of_bytes (w) : LB_DICOM_SCAN_OK;
      uint32_t tag = 0;
      if (left >= 4)
        tag = LB_DICOM_TAG (lb_load_u16 (c->buf + c->pos, false),
                            lb_load_u16 (c->buf + c->pos + 2, false));
      /* The usual end of an item of undefined length, as lb_scan_read_header() and the checks
       * below would take it. */
      if (tag == TAG_ITEM_DELIM && mode == MODE_ITEM_UNDEFINED && left >= 8)
        {
          c->pos += 8;
          return LB_DICOM_SCAN_OK;
        }
      if (mode == MODE_META && LB_DICOM_TAG_GROUP (tag) != 0x0002)
        return LB_DICOM_SCAN_OK;
      if (mode == MODE_TOP && tag == LB_DICOM_TAG_PIXEL_DATA)
        {
          w->stopped = true;
          w->pixel_offset = c->pos;
          return LB_DICOM_SCAN_OK;
        }

      LbElementHeader h;
      if (!lb_scan_read_header (w->s, c, &h))
        return short_of_bytes (w);
      if (LB_DICOM_TAG_GROUP (h.tag) == 0xfffe)
        {
          if (h.tag == TAG_ITEM_DELIM && mode == MODE_ITEM_UNDEFINED)
            return LB_DICOM_SCAN_OK;
          if (h.tag == TAG_SEQ_DELIM && mode == MODE_ITEM_UNDEFINED)
            {
              c->pos = h.offset;
              return LB_DICOM_SCAN_OK;
            }
          return LB_DICOM_SCAN_FALLBACK;
        }
      if (ordered && !first && h.tag <= last)
        return LB_DICOM_SCAN_FALLBACK;
      first = false;
      last = h.tag;
      LbDicomScanResult r = walk_element (w, c, depth, mode, &h, &creators);
      if (r != LB_DICOM_SCAN_OK)
        return r;
    }
}

LbDicomScanResult
lb_dicom_scanner_walk (LbDicomScanner *s, const uint8_t *buf, size_t len, bool whole)
{
  if (s->file_parsed)
    lb_dicom_scanner_clear (s);
  else
    lb_dicom_scanner_forget_walk (s);
  s->file_parsed = false;
  s->n_meta = s->n_kept = 0;
  LbDicomFile *f = s->file;
  Walk w = {
    .s = s,
    .whole = whole,
    .max_depth = f->limits.max_depth < HARD_MAX_DEPTH ? f->limits.max_depth : HARD_MAX_DEPTH,
    .max_value_length = f->limits.max_value_length,
    .max_elements = f->limits.max_elements,
  };
  if (len < 132 + 8)
    return short_of_bytes (&w);
  if (memcmp (buf + 128, "DICM", 4) != 0)
    return LB_DICOM_SCAN_FALLBACK;

  LbCursor c;
  lb_cursor_init (&c, buf, len, false);
  c.pos = 132;
  f->meta.offset = c.pos;
  if (lb_load_u16 (buf + c.pos, false) != 0x0002 || !lb_scan_at_explicit_vr (s, &c))
    return LB_DICOM_SCAN_FALLBACK;
  LbDicomScanResult r = walk_dataset (&w, &c, 0, MODE_META);
  if (r != LB_DICOM_SCAN_OK)
    return r;
  lb_dicom_scanner_set_dataset (&f->meta, s->meta, s->n_meta);
  if (!lb_dicom_scanner_explicit_le (s) || lb_dicom_scanner_names_dicomdir (s))
    return LB_DICOM_SCAN_FALLBACK;
  /* The full parser trusts the bytes of the first element over the meta's syntax. */
  if (!lb_cursor_need (&c, 6))
    return short_of_bytes (&w);
  if (!lb_scan_at_explicit_vr (s, &c))
    return LB_DICOM_SCAN_FALLBACK;

  f->dataset.offset = c.pos;
  r = walk_dataset (&w, &c, 0, MODE_TOP);
  if (r != LB_DICOM_SCAN_OK)
    return r;
  lb_dicom_scanner_set_dataset (&f->dataset, s->kept, s->n_kept);
  f->has_preamble = true;
  f->explicit_vr = true;
  f->bytes = buf;
  f->bytes_len = len;
  f->read_done = true;
  if (w.stopped)
    {
      /* The next file's header is likely as long as this one (a series' headers differ by a
       * few bytes of UIDs and text): read that much and a little more at once, the Pixel Data
       * element's header and 256 bytes, no more. Each byte read is copied out of the page
       * cache; a quarter more, rounded up to whole pages as before, copied 8 KiB for a CT's
       * 5.2 KiB header (0.1 ms of a 600-file scan). A longer header costs one more pread.
       * It follows the last header, not the longest: one file with a large private blob must
       * not make every later read as large. */
      size_t want = (w.pixel_offset + 12 + 256 + 63) & ~(size_t) 63;
      if (want <= MAX_PREFIX)
        s->prefix = want;
    }
  return LB_DICOM_SCAN_OK;
}
