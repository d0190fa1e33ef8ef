/* dicom-cursor.c: the one bounds-checked cursor every file read goes through, element headers,
 * and the arena that holds elements and datasets (no per-element malloc). */
#include "dicom-private.h"

#include <stdlib.h>
#include <string.h>

void
lb_cursor_init (LbCursor *c, const uint8_t *buf, size_t len, bool big_endian)
{
  c->buf = buf;
  c->len = buf != NULL ? len : 0;
  c->pos = 0;
  c->big_endian = big_endian;
}

bool
lb_cursor_skip (LbCursor *c, size_t n)
{
  if (!lb_cursor_need (c, n))
    return false;
  c->pos += n;
  return true;
}

const uint8_t *
lb_cursor_take (LbCursor *c, size_t n)
{
  if (!lb_cursor_need (c, n))
    return NULL;
  const uint8_t *p = c->buf + c->pos;
  c->pos += n;
  return p;
}

bool
lb_cursor_peek_u16 (const LbCursor *c, size_t ahead, uint16_t *out)
{
  size_t n;
  if (__builtin_add_overflow (ahead, (size_t) 2, &n) || !lb_cursor_need (c, n))
    return false;
  *out = lb_load_u16 (c->buf + c->pos + ahead, c->big_endian);
  return true;
}

bool
lb_cursor_peek_u32 (const LbCursor *c, size_t ahead, uint32_t *out)
{
  size_t n;
  if (__builtin_add_overflow (ahead, (size_t) 4, &n) || !lb_cursor_need (c, n))
    return false;
  *out = lb_load_u32 (c->buf + c->pos + ahead, c->big_endian);
  return true;
}

bool
lb_cursor_read_u16 (LbCursor *c, uint16_t *out)
{
  if (!lb_cursor_peek_u16 (c, 0, out))
    return false;
  c->pos += 2;
  return true;
}

bool
lb_cursor_read_u32 (LbCursor *c, uint32_t *out)
{
  if (!lb_cursor_peek_u32 (c, 0, out))
    return false;
  c->pos += 4;
  return true;
}

LbHeaderStatus
lb_cursor_read_element_header (LbCursor *c, bool explicit_vr, LbElementHeader *h)
{
  if (!lb_cursor_need (c, 8))
    return LB_HEADER_TRUNCATED;

  const uint8_t *p = c->buf + c->pos;
  uint16_t group = lb_load_u16 (p, c->big_endian);
  uint16_t element = lb_load_u16 (p + 2, c->big_endian);
  h->tag = LB_DICOM_TAG (group, element);
  h->offset = c->pos;
  h->vr = LB_DICOM_VR_NONE;
  h->vr_invalid = false;

  /* Items and delimiters have no VR in any transfer syntax. */
  if (group == 0xfffe || !explicit_vr)
    {
      h->length = lb_load_u32 (p + 4, c->big_endian);
      c->pos += 8;
      return LB_HEADER_OK;
    }

  LbDicomVR vr = lb_dicom_vr_from_chars ((char) p[4], (char) p[5]);
  if (vr == LB_DICOM_VR_NONE)
    {
      /* Not a VR: some writers switch to implicit VR mid-file; read this one as implicit. */
      h->vr_invalid = true;
      h->length = lb_load_u32 (p + 4, c->big_endian);
      c->pos += 8;
      return LB_HEADER_OK;
    }
  h->vr = vr;
  if (lb_dicom_vr_has_long_length (vr))
    {
      if (!lb_cursor_need (c, 12))
        return LB_HEADER_TRUNCATED;
      h->length = lb_load_u32 (p + 8, c->big_endian);
      c->pos += 12;
    }
  else
    {
      h->length = lb_load_u16 (p + 6, c->big_endian);
      c->pos += 8;
    }
  return LB_HEADER_OK;
}

/* ---- Arena ------------------------------------------------------------------------------- */

struct _LbArenaBlock {
  LbArenaBlock *next;
  size_t used;
  size_t size;
  max_align_t data[];
};

#define ARENA_ALIGN ((size_t) 16)
#define ARENA_FIRST_BLOCK ((size_t) 16 * 1024)
#define ARENA_MAX_BLOCK ((size_t) 4 * 1024 * 1024)

void *
lb_arena_alloc (LbArena *a, size_t size)
{
  size_t need;
  if (__builtin_add_overflow (size, ARENA_ALIGN - 1, &need))
    return NULL;
  need &= ~(ARENA_ALIGN - 1);
  if (need == 0)
    need = ARENA_ALIGN;

  LbArenaBlock *b = a->head;
  if (b == NULL || need > b->size - b->used)
    {
      /* Blocks grow with the total so a big file needs few of them, but stay bounded so the
       * slack is a small fraction of what the file needs. */
      size_t bsize = a->total < ARENA_FIRST_BLOCK ? ARENA_FIRST_BLOCK : a->total;
      if (bsize > ARENA_MAX_BLOCK)
        bsize = ARENA_MAX_BLOCK;
      if (bsize < need)
        bsize = need;
      size_t alloc;
      if (__builtin_add_overflow (bsize, sizeof (LbArenaBlock), &alloc))
        return NULL;
      b = malloc (alloc);
      if (b == NULL)
        return NULL;
      b->next = a->head;
      b->used = 0;
      b->size = bsize;
      a->head = b;
      a->total += bsize;
    }
  void *p = (uint8_t *) b->data + b->used;
  b->used += need;
  return p;
}

void *
lb_arena_memdup (LbArena *a, const void *src, size_t size)
{
  void *p = lb_arena_alloc (a, size);
  if (p != NULL && size > 0)
    memcpy (p, src, size);
  return p;
}

void
lb_arena_clear (LbArena *a)
{
  LbArenaBlock *b = a->head;
  while (b != NULL)
    {
      LbArenaBlock *next = b->next;
      free (b);
      b = next;
    }
  a->head = NULL;
  a->total = 0;
}

size_t
lb_copy_trimmed (char *dst, size_t size, const uint8_t *src, size_t len)
{
  if (size == 0)
    return 0;
  size_t start = 0, end = len;
  while (start < end && (src[start] == ' ' || src[start] == '\0'))
    start++;
  while (end > start && (src[end - 1] == ' ' || src[end - 1] == '\0'))
    end--;
  size_t n = end - start;
  if (n > size - 1)
    n = size - 1;
  if (n > 0)
    memcpy (dst, src + start, n);
  dst[n] = '\0';
  return n;
}

/* Whether the element header at the cursor carries a VR (explicit VR): bytes 4 and 5 name one. */
bool
lb_cursor_at_explicit_vr (const LbCursor *c)
{
  if (!lb_cursor_need (c, 6))
    return false;
  const uint8_t *b = c->buf + c->pos;
  return lb_dicom_vr_from_chars ((char) b[4], (char) b[5]) != LB_DICOM_VR_NONE;
}
