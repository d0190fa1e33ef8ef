/* dicom-parse.c: the dataset / sequence / item walk: element values, private creators and
 * their VRs, sequences, items and fragments, and the limits on them. The file start (preamble,
 * DICM, meta group, transfer syntax, deflate) that drives it is in dicom-parse-file.c; reading
 * from a path is in dicom-read.c.
 *
 * Elements are built on a scratch stack while their dataset is parsed; when the dataset ends
 * (or fails) its elements are copied in one piece into the file's arena. So the elements of one
 * dataset are contiguous, a dataset costs one arena allocation, and nothing is malloc'd per
 * element. Item datasets are allocated in the arena when they start, so their address is
 * stable while their elements are still being read. */
#define _GNU_SOURCE   /* strtod_l, newlocale, uselocale */
#include "dicom-parse-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG_ITEM            LB_DICOM_TAG (0xfffe, 0xe000)
#define TAG_ITEM_DELIM      LB_DICOM_TAG (0xfffe, 0xe00d)
#define TAG_SEQ_DELIM       LB_DICOM_TAG (0xfffe, 0xe0dd)
#define TAG_CHARSET         LB_DICOM_TAG (0x0008, 0x0005)

/* The dataset an element is read into: its serial for the creator map and where its
 * elements start on the scratch stack. */
typedef struct {
  uint32_t serial;
  size_t start;
} DatasetScope;

/* Grows a scratch stack so that one more entry fits. */
static bool
grow (LbParser *p, void **stack, size_t *cap, size_t top, size_t size)
{
  if (top < *cap)
    return true;
  size_t ncap = *cap != 0 ? *cap * 2 : 256, bytes;
  if (__builtin_mul_overflow (ncap, size, &bytes))
    return lb_dicom_error_set (p->error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory");
  void *n = realloc (*stack, bytes);
  if (n == NULL)
    return lb_dicom_error_set (p->error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory");
  *stack = n;
  *cap = ncap;
  return true;
}

static bool
count_element (LbParser *p, uint32_t tag, uint64_t offset)
{
  if (++p->n_elements > p->file->limits.max_elements)
    return lb_dicom_error_set (p->error, LB_DICOM_ERROR_LIMIT, tag, (int64_t) offset,
                               "more than %u elements at (%04X,%04X) at byte %llu",
                               p->file->limits.max_elements, TAG_ARGS (tag),
                               (unsigned long long) offset);
  return true;
}

static bool
push_element (LbParser *p, const LbDicomElement *el)
{
  if (!grow (p, (void **) &p->el_stack, &p->el_cap, p->el_top, sizeof *el))
    return false;
  p->el_stack[p->el_top++] = *el;
  return true;
}

/* Moves the elements read for `ds` (the stack from `start` up) into the arena. Runs on success
 * and on failure alike, so a failed read keeps what it had read. */
static bool
finalize_dataset (LbParser *p, LbDicomDataset *ds, size_t start)
{
  size_t n = p->el_top - start;
  p->el_top = start;
  if (n == 0)
    return true;
  LbDicomElement *els = lb_arena_memdup (&p->file->arena, p->el_stack + start, n * sizeof *els);
  if (els == NULL)
    return lb_dicom_error_set (p->error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory");
  bool sorted = true;
  for (size_t i = 0; i < n; i++)
    {
      els[i].parent = ds;
      if (i > 0 && els[i].tag <= els[i - 1].tag)
        sorted = false;
    }
  ds->elements = els;
  ds->count = n;
  ds->sorted = sorted;
  return true;
}

static const char *
arena_trimmed (LbParser *p, const uint8_t *bytes, size_t len)
{
  char *s = lb_arena_alloc (&p->file->arena, len + 1);
  if (s != NULL)
    lb_copy_trimmed (s, len + 1, bytes, len);
  return s;
}

/* The VR of an implicit-VR element from the public dictionary; *ambiguous when the dictionary
 * leaves it to other elements (dicom-ambiguous-vr.c). Private data elements are typed through
 * their creator (private_vr). */
static LbDicomVR
implicit_vr (uint32_t tag, bool *ambiguous)
{
  *ambiguous = false;
  if (lb_tag_is_private_creator (tag))
    return LB_DICOM_VR_LO;
  if (lb_tag_is_private (tag))
    return LB_DICOM_VR_UN;
  if (LB_DICOM_TAG_ELEMENT (tag) == 0)
    return LB_DICOM_VR_UL;
  if (tag == LB_DICOM_TAG_PIXEL_DATA)
    return LB_DICOM_VR_OW;   /* "OB or OW": implicit VR pixel data is always OW (PS3.5 A.1) */
  return lb_dicom_dict_vr_ambiguous (tag, ambiguous);
}

/* A private element: finds its creator, and when the file does not give its VR (implicit VR,
 * or explicit UN) takes the VR from the creator's private dictionary, as pydicom does. A
 * creator is LO by definition (PS3.5 7.8.1), also when written as UN. */
static LbDicomVR
private_vr (LbParser *p, const DatasetScope *scope, LbDicomElement *el, const LbElementHeader *h,
            LbDicomVR vr, bool *from_un)
{
  uint16_t group = LB_DICOM_TAG_GROUP (h->tag), element = LB_DICOM_TAG_ELEMENT (h->tag);
  bool undefined = h->length == LB_DICOM_UNDEFINED_LENGTH;

  if (lb_tag_is_private_creator (h->tag))
    return vr == LB_DICOM_VR_UN && !undefined ? LB_DICOM_VR_LO : vr;
  if (element < 0x1000)
    return vr;   /* (gggg,0001-000F): in no block */
  uint32_t index;
  if (!lb_creator_map_get (&p->creators, scope->serial, LB_DICOM_TAG (group, element >> 8),
                           &index))
    {
      p->n_unresolved++;   /* its creator may come later in an unsorted dataset */
      return vr;
    }
  el->creator_index = index + 1;
  if (vr != LB_DICOM_VR_UN)
    return vr;
  LbDicomVR dvr = lb_private_vr (p->el_stack[scope->start + index].u.creator, h->tag,
                                 h->length);
  if (undefined)
    {
      /* An undefined-length UN is an implicit VR sequence whatever the dictionary says; in an
       * implicit VR file the dictionary's SQ reads the same items and names them SQ. */
      return h->vr == LB_DICOM_VR_NONE && dvr == LB_DICOM_VR_SQ ? dvr : vr;
    }
  /* A defined-length SQ is tried as items and kept as bytes if it is none (parse_un_sequence). */
  *from_un = dvr == LB_DICOM_VR_SQ;
  return dvr;
}

/* Creators that came after their elements in an unsorted dataset: the elements learn their
 * creator (for their name); their VR stays what the file said. */
static void
resolve_late_creators (LbParser *p, const DatasetScope *scope)
{
  for (size_t i = scope->start; i < p->el_top; i++)
    {
      LbDicomElement *el = &p->el_stack[i];
      uint16_t element = LB_DICOM_TAG_ELEMENT (el->tag);
      uint32_t index;
      if (el->creator_index == 0 && lb_tag_is_private (el->tag) && element >= 0x1000
          && lb_creator_map_get (&p->creators, scope->serial,
                                 LB_DICOM_TAG (LB_DICOM_TAG_GROUP (el->tag), element >> 8),
                                 &index))
        el->creator_index = index + 1;
    }
}

static bool
truncated_value (LbParser *p, uint32_t tag, uint64_t offset)
{
  return lb_dicom_error_set (p->error, LB_DICOM_ERROR_TRUNCATED, tag, (int64_t) offset,
                             "truncated value of (%04X,%04X) at byte %llu", TAG_ARGS (tag),
                             (unsigned long long) offset);
}

static bool
check_length (LbParser *p, const LbCursor *c, uint32_t tag, uint64_t offset, uint32_t length)
{
  if (length > p->file->limits.max_value_length)
    return lb_dicom_error_set (p->error, LB_DICOM_ERROR_LIMIT, tag, (int64_t) offset,
                               "value of (%04X,%04X) at byte %llu is longer (%u bytes) than the "
                               "limit of %llu", TAG_ARGS (tag), (unsigned long long) offset,
                               length, (unsigned long long) p->file->limits.max_value_length);
  if (!lb_cursor_need (c, length))
    return truncated_value (p, tag, offset);
  return true;
}

/* Copies the `n` entries a sequence or fragment list pushed on its scratch stack into the
 * file's arena in one piece (their address must outlive the stack). NULL + error if out of
 * memory. */
static void *
stack_to_arena (LbParser *p, const void *entries, size_t n, size_t size, uint32_t tag)
{
  void *copy = lb_arena_memdup (&p->file->arena, entries, n * size);
  if (copy == NULL)
    lb_dicom_error_set (p->error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
  return copy;
}

/* Items of a sequence. For a defined length `c` ends where the sequence ends; for an undefined
 * length the sequence ends at (FFFE,E0DD). */
static bool
parse_sequence (LbParser *p, LbCursor *c, LbDicomElement *el, const LbDicomDataset *parent,
                uint32_t depth, bool explicit_vr, bool undefined)
{
  el->flags |= LB_ELEMENT_SEQUENCE;
  if (depth + 1 > p->max_depth)
    return lb_dicom_error_set (p->error, LB_DICOM_ERROR_LIMIT, el->tag, (int64_t) el->offset,
                               "sequences nested deeper than %u at (%04X,%04X) at byte %llu",
                               p->max_depth, TAG_ARGS (el->tag),
                               (unsigned long long) el->offset);
  size_t start = p->item_top;
  bool ok = true;
  for (;;)
    {
      if (!undefined && lb_cursor_remaining (c) == 0)
        break;
      uint64_t at = c->pos;
      if (!lb_cursor_need (c, 8))
        {
          ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_TRUNCATED, el->tag, (int64_t) at,
                                   "sequence (%04X,%04X) ends without delimiter at byte %llu",
                                   TAG_ARGS (el->tag), (unsigned long long) at);
          break;
        }
      uint16_t g = lb_load_u16 (c->buf + c->pos, c->big_endian);
      uint16_t e = lb_load_u16 (c->buf + c->pos + 2, c->big_endian);
      uint32_t tag = LB_DICOM_TAG (g, e);
      uint32_t len = lb_load_u32 (c->buf + c->pos + 4, c->big_endian);
      c->pos += 8;
      if (tag == TAG_SEQ_DELIM)
        {
          /* In a defined-length sequence a delimiter is redundant; what follows it up to the
           * sequence's end is ignored, as DCMTK does. */
          if (!undefined)
            c->pos = c->len;
          break;
        }
      if (tag != TAG_ITEM)
        {
          ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_MALFORMED, tag, (int64_t) at,
                                   "expected an item in sequence (%04X,%04X) but found "
                                   "(%04X,%04X) at byte %llu", TAG_ARGS (el->tag),
                                   TAG_ARGS (tag), (unsigned long long) at);
          break;
        }
      if (!count_element (p, tag, at)
          || !grow (p, (void **) &p->item_stack, &p->item_cap, p->item_top,
                    sizeof (LbDicomDataset *)))
        {
          ok = false;
          break;
        }
      LbDicomDataset *item = lb_arena_alloc (&p->file->arena, sizeof *item);
      if (item == NULL)
        {
          ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_NO_MEMORY, tag, (int64_t) at,
                                   "out of memory");
          break;
        }
      memset (item, 0, sizeof *item);
      item->offset = at;
      item->depth = depth + 1;
      item->charset = parent->charset;
      p->item_stack[p->item_top++] = item;

      if (len == LB_DICOM_UNDEFINED_LENGTH)
        ok = lb_parse_dataset (p, c, item, depth + 1, explicit_vr, LB_PARSE_ITEM_UNDEFINED);
      else
        {
          /* An item longer than what is left of its defined-length sequence is read up to the
           * sequence's end, as pydicom and DCMTK read it: pydicom's DICOMDIR-nooffset lost
           * elements of its last record without that item's length being updated. Past the
           * end of the data it is a truncation. */
          if (!undefined && !lb_cursor_need (c, len))
            len = (uint32_t) lb_cursor_remaining (c);
          if (!lb_cursor_need (c, len))
            {
              ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_TRUNCATED, el->tag, (int64_t) at,
                                       "truncated item of (%04X,%04X) at byte %llu",
                                       TAG_ARGS (el->tag), (unsigned long long) at);
              break;
            }
          LbCursor sub = *c;
          sub.len = c->pos + len;
          ok = lb_parse_dataset (p, &sub, item, depth + 1, explicit_vr, LB_PARSE_ITEM_DEFINED);
          c->pos = sub.len;
        }
      if (!ok)
        break;
    }

  size_t n = p->item_top - start;
  p->item_top = start;
  if (n > 0)
    {
      el->u.items = stack_to_arena (p, p->item_stack + start, n, sizeof *p->item_stack, el->tag);
      if (el->u.items == NULL)
        return false;
      el->count = (uint32_t) n;
    }
  return ok;
}

/* Encapsulated pixel data: items of defined length up to (FFFE,E0DD). */
static bool
parse_fragments (LbParser *p, LbCursor *c, LbDicomElement *el)
{
  el->flags |= LB_ELEMENT_ENCAPSULATED;
  size_t start = p->frag_top;
  bool ok = true;
  for (;;)
    {
      uint64_t at = c->pos;
      if (!lb_cursor_need (c, 8))
        {
          ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_TRUNCATED, el->tag, (int64_t) at,
                                   "encapsulated (%04X,%04X) ends without sequence delimiter "
                                   "at byte %llu", TAG_ARGS (el->tag), (unsigned long long) at);
          break;
        }
      uint16_t g = lb_load_u16 (c->buf + c->pos, c->big_endian);
      uint16_t e = lb_load_u16 (c->buf + c->pos + 2, c->big_endian);
      uint32_t tag = LB_DICOM_TAG (g, e);
      uint32_t len = lb_load_u32 (c->buf + c->pos + 4, c->big_endian);
      c->pos += 8;
      if (tag == TAG_SEQ_DELIM)
        break;
      if (tag != TAG_ITEM || len == LB_DICOM_UNDEFINED_LENGTH)
        {
          ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_MALFORMED, tag, (int64_t) at,
                                   "bad fragment (%04X,%04X) of length %u in (%04X,%04X) at "
                                   "byte %llu", TAG_ARGS (tag), len, TAG_ARGS (el->tag),
                                   (unsigned long long) at);
          break;
        }
      if (!check_length (p, c, el->tag, at, len) || !count_element (p, tag, at)
          || !grow (p, (void **) &p->frag_stack, &p->frag_cap, p->frag_top,
                    sizeof (LbDicomFragment)))
        {
          ok = false;
          break;
        }
      p->frag_stack[p->frag_top++] = (LbDicomFragment) {
        .data = c->buf + c->pos, .offset = c->pos, .length = len };
      c->pos += len;
    }

  size_t n = p->frag_top - start;
  p->frag_top = start;
  if (n > 0)
    {
      el->u.fragments = stack_to_arena (p, p->frag_stack + start, n, sizeof *p->frag_stack,
                                        el->tag);
      if (el->u.fragments == NULL)
        return false;
      el->count = (uint32_t) n;
    }
  return ok;
}

/* A defined-length UN that the dictionary calls SQ: try it as an implicit VR LE sequence; if
 * its bytes are no sequence, keep them as an opaque UN value instead of failing the file. */
static bool
parse_un_sequence (LbParser *p, LbCursor *c, LbDicomElement *el, const LbDicomDataset *ds,
                   uint32_t depth)
{
  LbCursor sub = *c;
  sub.len = c->pos + el->length;
  sub.big_endian = false;
  LbDicomError *trial = NULL, **saved = p->error;
  uint64_t saved_count = p->n_elements;
  p->error = &trial;
  bool ok = parse_sequence (p, &sub, el, ds, depth, false, false);
  p->error = saved;
  if (!ok)
    {
      if (trial != NULL && trial->code == LB_DICOM_ERROR_NO_MEMORY)
        {
          lb_dicom_error_free (trial);
          return lb_dicom_error_set (p->error, LB_DICOM_ERROR_NO_MEMORY, el->tag, -1,
                                     "out of memory");
        }
      lb_dicom_error_free (trial);
      /* What the trial put in the arena stays there until the file is freed: at most a
       * small multiple of this value's length. */
      p->n_elements = saved_count;
      el->flags &= (uint8_t) ~LB_ELEMENT_SEQUENCE;
      el->count = 0;
      el->u.items = NULL;
      el->vr = LB_DICOM_VR_UN;
      el->value = c->buf + c->pos;
      el->value_len = el->length;
    }
  else
    {
      el->flags |= LB_ELEMENT_UN_SEQUENCE;
      el->flags &= (uint8_t) ~LB_ELEMENT_BIG_ENDIAN;
    }
  c->pos += el->length;
  return true;
}

/* The value of one element whose header has been read; pushes the element, also when the
 * value fails part-way (a sequence keeps the items it had). */
static bool
parse_element (LbParser *p, LbCursor *c, LbDicomDataset *ds, uint32_t depth, bool explicit_vr,
               const LbElementHeader *h, const DatasetScope *scope)
{
  LbDicomElement el;
  memset (&el, 0, sizeof el);
  el.tag = h->tag;
  el.length = h->length;
  el.offset = h->offset;
  el.flags = c->big_endian ? LB_ELEMENT_BIG_ENDIAN : 0;
  bool ambiguous = false;
  LbDicomVR vr = h->vr != LB_DICOM_VR_NONE ? h->vr : implicit_vr (h->tag, &ambiguous);
  /* Explicit UN for a public tag: some converters write every element as UN. Use the
   * dictionary VR, as pydicom does, so names and numbers read normally; a UN that the
   * dictionary calls SQ holds an implicit VR LE sequence (PS3.5 6.2.2). */
  bool from_un = false;
  if (vr == LB_DICOM_VR_UN && h->length != LB_DICOM_UNDEFINED_LENGTH
      && !lb_tag_is_private (h->tag))
    {
      LbDicomVR dvr = implicit_vr (h->tag, &ambiguous);
      if (dvr != LB_DICOM_VR_UN && dvr != LB_DICOM_VR_NONE)
        {
          vr = dvr;
          from_un = true;
        }
    }
  else if (lb_tag_is_private (h->tag))
    vr = private_vr (p, scope, &el, h, vr, &from_un);
  if (ambiguous)
    {
      el.flags |= LB_ELEMENT_AMBIGUOUS_VR;
      p->n_ambiguous++;
    }
  /* An element whose explicit VR was garbage was written by an implicit-VR writer: so is
   * whatever it contains. */
  bool child_explicit = explicit_vr && !h->vr_invalid;
  el.vr = (uint8_t) vr;

  if (!count_element (p, h->tag, h->offset))
    return false;

  bool ok = true;
  if (h->length == LB_DICOM_UNDEFINED_LENGTH)
    {
      if (vr == LB_DICOM_VR_SQ)
        ok = parse_sequence (p, c, &el, ds, depth, child_explicit, true);
      else if (vr == LB_DICOM_VR_UN)
        {
          /* PS3.5 6.2.2: an undefined-length UN is a sequence in implicit VR little endian,
           * whatever the transfer syntax. */
          LbCursor sub = *c;
          sub.big_endian = false;
          el.flags |= LB_ELEMENT_UN_SEQUENCE;
          el.flags &= (uint8_t) ~LB_ELEMENT_BIG_ENDIAN;
          ok = parse_sequence (p, &sub, &el, ds, depth, false, true);
          c->pos = sub.pos;
        }
      else if (h->tag == LB_DICOM_TAG_PIXEL_DATA || vr == LB_DICOM_VR_OB
               || vr == LB_DICOM_VR_OW)
        ok = parse_fragments (p, c, &el);
      else if (!child_explicit)
        {
          /* Implicit VR with a dictionary VR that cannot be undefined: DCMTK reads a sequence. */
          el.vr = LB_DICOM_VR_SQ;
          ok = parse_sequence (p, c, &el, ds, depth, false, true);
        }
      else
        return lb_dicom_error_set (p->error, LB_DICOM_ERROR_MALFORMED, h->tag,
                                   (int64_t) h->offset,
                                   "undefined length for VR %s of (%04X,%04X) at byte %llu",
                                   lb_dicom_vr_name (vr), TAG_ARGS (h->tag),
                                   (unsigned long long) h->offset);
    }
  else
    {
      if (!check_length (p, c, h->tag, h->offset, h->length))
        return false;
      if (vr == LB_DICOM_VR_SQ && from_un)
        {
          if (!parse_un_sequence (p, c, &el, ds, depth))
            return false;
        }
      else if (vr == LB_DICOM_VR_SQ)
        {
          LbCursor sub = *c;
          sub.len = c->pos + h->length;
          ok = parse_sequence (p, &sub, &el, ds, depth, child_explicit, false);
          c->pos = sub.len;
        }
      else
        {
          el.value = c->buf + c->pos;
          el.value_len = h->length;
          c->pos += h->length;
          if (lb_tag_is_private_creator (h->tag))
            {
              el.u.creator = arena_trimmed (p, el.value, el.value_len);
              if (el.u.creator != NULL
                  && !lb_creator_map_put (&p->creators, scope->serial, h->tag,
                                          (uint32_t) (p->el_top - scope->start)))
                return lb_dicom_error_set (p->error, LB_DICOM_ERROR_NO_MEMORY, h->tag, -1,
                                           "out of memory");
            }
          else if (h->tag == TAG_CHARSET)
            ds->charset = arena_trimmed (p, el.value, el.value_len);
        }
    }
  if (!push_element (p, &el))
    return false;
  return ok;
}

bool
lb_parse_dataset (LbParser *p, LbCursor *c, LbDicomDataset *ds, uint32_t depth, bool explicit_vr,
                  LbParseMode mode)
{
  DatasetScope scope = { .serial = ++p->n_datasets, .start = p->el_top };
  size_t unresolved = p->n_unresolved;
  bool ok = true;
  for (;;)
    {
      size_t left = lb_cursor_remaining (c);
      if (left == 0)
        {
          if (mode == LB_PARSE_ITEM_UNDEFINED)
            ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_TRUNCATED, LB_DICOM_NO_TAG,
                                     (int64_t) c->pos, "item at byte %llu ends without "
                                     "delimiter", (unsigned long long) ds->offset);
          break;
        }
      if (mode == LB_PARSE_META)
        {
          uint16_t g;
          if (!lb_cursor_peek_u16 (c, 0, &g) || g != 0x0002)
            break;
        }
      if (mode == LB_PARSE_TOP)
        {
          if (left < 8 && lb_bytes_all_zero (c->buf + c->pos, left))
            break;
          uint32_t tag = 0;
          uint16_t g, e;
          if (lb_cursor_peek_u16 (c, 0, &g) && lb_cursor_peek_u16 (c, 2, &e))
            tag = LB_DICOM_TAG (g, e);
          if ((p->flags & LB_DICOM_READ_STOP_BEFORE_PIXELS) && tag == LB_DICOM_TAG_PIXEL_DATA)
            {
              p->stopped = true;
              p->file->pixels_at = c->pos;   /* where on-demand frame reads find the header */
              break;
            }
        }

      LbElementHeader h;
      if (lb_cursor_read_element_header (c, explicit_vr, &h) != LB_HEADER_OK)
        {
          ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_TRUNCATED, LB_DICOM_NO_TAG,
                                   (int64_t) c->pos, "truncated element header at byte %llu",
                                   (unsigned long long) c->pos);
          break;
        }
      if (LB_DICOM_TAG_GROUP (h.tag) == 0xfffe)
        {
          if (h.tag == TAG_ITEM_DELIM && mode == LB_PARSE_ITEM_UNDEFINED)
            break;
          if (h.tag == TAG_SEQ_DELIM && mode == LB_PARSE_ITEM_UNDEFINED)
            {
              /* A missing item delimiter: end the item here and let the sequence see its
               * delimiter (pydicom and DCMTK read such files too). */
              c->pos = h.offset;
              break;
            }
          ok = lb_dicom_error_set (p->error, LB_DICOM_ERROR_MALFORMED, h.tag, (int64_t) h.offset,
                                   "unexpected (%04X,%04X) at byte %llu", TAG_ARGS (h.tag),
                                   (unsigned long long) h.offset);
          break;
        }
      if (!parse_element (p, c, ds, depth, explicit_vr, &h, &scope))
        {
          ok = false;
          break;
        }
    }
  if (p->n_unresolved != unresolved)
    {
      resolve_late_creators (p, &scope);
      p->n_unresolved = unresolved;
    }
  if (!finalize_dataset (p, ds, scope.start))
    ok = false;
  return ok;
}
