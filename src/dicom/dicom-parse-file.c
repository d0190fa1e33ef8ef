/* dicom-parse-file.c: the start of a file (preamble and DICM, the file meta group, the transfer
 * syntax and what the bytes say about it, deflate) and the parser's entry points. The dataset
 * walk it hands the bytes to is in dicom-parse.c. */
#include "dicom-parse-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG_TRANSFER_SYNTAX LB_DICOM_TAG (0x0002, 0x0010)

/* Recursion is bounded by limits.max_depth; this caps a caller's limit so that the C stack
 * (a few hundred bytes per level) can never be the thing that fails. */
#define HARD_MAX_DEPTH 1000u

#define TS_IMPLICIT_LE "1.2.840.10008.1.2"
#define TS_EXPLICIT_LE "1.2.840.10008.1.2.1"
#define TS_EXPLICIT_BE "1.2.840.10008.1.2.2"
#define TS_DEFLATED    "1.2.840.10008.1.2.1.99"

/* Whether the bytes at the cursor look like the start of a dataset in this byte order. */
static bool
plausible_start (const LbCursor *c, bool big_endian)
{
  if (!lb_cursor_need (c, 8))
    return false;
  uint16_t g = lb_load_u16 (c->buf + c->pos, big_endian);
  if (g > 0x00ff)
    return false;
  /* Zeros are no element: (0000,0000) of length 0 cannot be, its VR is UL. A file cut inside
   * its preamble is all zeros. */
  if (lb_bytes_all_zero (c->buf + c->pos, 8))
    return false;
  if (lb_cursor_at_explicit_vr (c))
    return true;
  uint32_t len = lb_load_u32 (c->buf + c->pos + 4, big_endian);
  return len == LB_DICOM_UNDEFINED_LENGTH || len <= lb_cursor_remaining (c) - 8;
}

static bool
parse_file (LbParser *p, const uint8_t *buf, size_t len)
{
  LbDicomFile *f = p->file;
  LbCursor c;
  lb_cursor_init (&c, buf, len, false);
  f->bytes = buf;
  f->bytes_len = len;

  bool magic = false;
  if (len >= 132 && memcmp (buf + 128, "DICM", 4) == 0)
    {
      f->has_preamble = true;
      magic = true;
      c.pos = 132;
    }
  else if (len >= 4 && memcmp (buf, "DICM", 4) == 0)
    {
      magic = true;   /* the magic without the preamble: seen from some writers */
      c.pos = 4;
    }

  uint16_t g = 0;
  f->meta.offset = c.pos;
  if (lb_cursor_peek_u16 (&c, 0, &g) && g == 0x0002)
    {
      /* Group 0002 is explicit VR LE; a few writers used implicit VR, which we recognise. */
      if (!lb_parse_dataset (p, &c, &f->meta, 0, lb_cursor_at_explicit_vr (&c), LB_PARSE_META))
        return false;
      const LbDicomElement *ts = lb_dicom_dataset_lookup (&f->meta, TAG_TRANSFER_SYNTAX);
      if (ts != NULL && ts->value != NULL)
        lb_copy_trimmed (f->transfer_syntax, sizeof f->transfer_syntax, ts->value,
                         ts->value_len);
    }
  else if (!magic)
    {
      if (!plausible_start (&c, false) && !plausible_start (&c, true))
        return lb_dicom_error_set (p->error, LB_DICOM_ERROR_NOT_DICOM, LB_DICOM_NO_TAG, 0,
                                   "not a DICOM file: no DICM magic and no dataset start");
    }

  const char *ts = f->transfer_syntax;
  bool from_meta = ts[0] != '\0';
  if (strcmp (ts, TS_IMPLICIT_LE) == 0)
    f->explicit_vr = false;
  else if (strcmp (ts, TS_EXPLICIT_BE) == 0)
    f->explicit_vr = f->big_endian = true;
  else if (strcmp (ts, TS_DEFLATED) == 0)
    f->explicit_vr = f->deflated = true;
  else if (from_meta)
    f->explicit_vr = true;   /* every other standard syntax is explicit VR LE */
  else
    {
      /* No meta: infer byte order and VR from the first element, as DCMTK and pydicom do. */
      uint16_t le = 0, be = 0;
      lb_cursor_peek_u16 (&c, 0, &le);
      c.big_endian = true;
      lb_cursor_peek_u16 (&c, 0, &be);
      c.big_endian = false;
      f->big_endian = le > 0x00ff && be <= 0x00ff && be != 0;
      f->explicit_vr = lb_cursor_at_explicit_vr (&c);
    }

  if (f->deflated)
    {
      if (!lb_dicom_inflate_dataset (f, p->error, c.buf + c.pos, lb_cursor_remaining (&c),
                                     c.pos))
        return false;
      lb_cursor_init (&c, f->bytes, f->bytes_len, false);
    }
  else if (from_meta && lb_cursor_need (&c, 6))
    {
      /* The meta may name the wrong syntax (a known quirk of some writers): trust the bytes
       * of the first element, as pydicom does. */
      bool vr_here = lb_cursor_at_explicit_vr (&c);
      if (f->explicit_vr && !vr_here)
        f->explicit_vr = false;
      else if (!f->explicit_vr && vr_here)
        {
          uint32_t l = 0;
          lb_cursor_peek_u32 (&c, 4, &l);
          if (l != LB_DICOM_UNDEFINED_LENGTH && l > lb_cursor_remaining (&c))
            f->explicit_vr = true;
        }
    }
  /* The meta's UID is kept even when the bytes overruled it: the pixel module picks its codec
   * by that UID. Without meta, name what the bytes showed. */
  if (!from_meta)
    snprintf (f->transfer_syntax, sizeof f->transfer_syntax, "%s",
              !f->explicit_vr ? TS_IMPLICIT_LE : f->big_endian ? TS_EXPLICIT_BE : TS_EXPLICIT_LE);
  c.big_endian = f->big_endian;

  f->dataset.offset = c.pos;
  return lb_parse_dataset (p, &c, &f->dataset, 0, f->explicit_vr, LB_PARSE_TOP);
}

void
lb_dicom_limits_init_default (LbDicomLimits *limits)
{
  if (limits == NULL)
    return;
  limits->max_depth = 32;
  limits->max_elements = 1u << 22;
  limits->max_value_length = (uint64_t) 1 << 30;
  limits->max_frame_bytes = (uint64_t) 1 << 30;
}

/* One parse of `buf` into `file`, which must be fresh (or reset). */
bool
lb_dicom_parse_buffer (LbDicomFile *file, const uint8_t *buf, size_t len, LbDicomReadFlags flags,
              LbDicomError **err, bool *stopped)
{
  LbParser p;
  memset (&p, 0, sizeof p);
  p.file = file;
  p.error = err;
  p.flags = flags;
  p.max_depth = file->limits.max_depth < HARD_MAX_DEPTH ? file->limits.max_depth : HARD_MAX_DEPTH;
  bool ok = parse_file (&p, buf, len);
  if (p.n_ambiguous > 0)
    lb_dicom_resolve_ambiguous_vrs (file);
  lb_creator_map_free (&p.creators);
  free (p.el_stack);
  free (p.item_stack);
  free (p.frag_stack);
  if (stopped != NULL)
    *stopped = p.stopped;
  if (!ok && *err == NULL)
    lb_dicom_error_set (err, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
  return ok;
}

/* Forgets a parse, to parse again from a longer prefix. */
void
lb_dicom_file_reset (LbDicomFile *f)
{
  lb_arena_clear (&f->arena);
  free (f->inflated);
  f->inflated = NULL;
  memset (&f->meta, 0, sizeof f->meta);
  memset (&f->dataset, 0, sizeof f->dataset);
  f->has_preamble = f->big_endian = f->explicit_vr = f->deflated = false;
  f->transfer_syntax[0] = '\0';
  f->bytes = NULL;
  f->bytes_len = 0;
}

/* Stores the error of a failed read in the file and hands a copy to the caller. */
bool
lb_dicom_file_fail (LbDicomFile *file, LbDicomError *err, LbDicomError **error)
{
  file->read_done = true;
  file->error = err;
  if (error != NULL && *error == NULL)
    *error = lb_dicom_error_copy (err);
  return false;
}

bool
lb_dicom_file_read (LbDicomFile *file, const uint8_t *buf, size_t len, LbDicomReadFlags flags,
                    LbDicomError **error)
{
  if (file == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                               "no file object");
  if (file->read_done)
    {
      if (file->error != NULL)
        {
          if (error != NULL && *error == NULL)
            *error = lb_dicom_error_copy (file->error);
          return false;
        }
      return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                                 "the file object has already been read");
    }
  file->read_done = true;
  LbDicomError *err = NULL;
  if (lb_dicom_parse_buffer (file, buf, buf != NULL ? len : 0, flags, &err, NULL))
    return true;
  return lb_dicom_file_fail (file, err, error);
}
