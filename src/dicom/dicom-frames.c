/* dicom-frames.c: finding one frame in encapsulated pixel data (PS3.5 A.4), and reduced copies
 * of decoded frames for display. */
#include "dicom-error.h"
#include "dicom-pixel-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TAG_EXTENDED_OFFSET_TABLE    LB_DICOM_TAG (0x7fe0, 0x0001)
#define TAG_EXTENDED_OFFSET_LENGTHS  LB_DICOM_TAG (0x7fe0, 0x0002)

typedef struct {
  const uint8_t *data;
  size_t len;
  uint64_t pos;      /* item tag position relative to the first fragment's item tag */
} Fragment;

/* Does this fragment begin a frame? JPEG SOI, J2K SOC, JP2 signature box. */
static bool
starts_frame (const Fragment *f)
{
  const uint8_t *d = f->data;
  if (f->len >= 2 && d[0] == 0xff && (d[1] == 0xd8 || d[1] == 0x4f))
    return true;
  return f->len >= 8 && memcmp (d + 4, "jP  ", 4) == 0;
}

static bool
concat (const Fragment *frags, size_t first, size_t end, uint8_t **out, size_t *out_len,
        bool *owned, LbDicomError **error)
{
  if (first >= end)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "no fragment holds this frame");
  if (end - first == 1)
    {
      *out = (uint8_t *) frags[first].data;
      *out_len = frags[first].len;
      *owned = false;
      return true;
    }
  size_t total = 0;
  for (size_t i = first; i < end; i++)
    if (__builtin_add_overflow (total, frags[i].len, &total))
      return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_TAG_PIXEL_DATA, -1,
                                 "fragments too large");
  uint8_t *buf = malloc (total + 1);
  if (buf == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "out of memory for %zu bytes of fragments", total);
  size_t at = 0;
  for (size_t i = first; i < end; i++)
    {
      memcpy (buf + at, frags[i].data, frags[i].len);
      at += frags[i].len;
    }
  *out = buf;
  *out_len = total;
  *owned = true;
  return true;
}

/* Fragments whose item tag lies in [start, end) relative to the first fragment. */
static bool
by_offsets (const Fragment *frags, size_t n, uint64_t start, uint64_t end, uint8_t **out,
            size_t *out_len, bool *owned, LbDicomError **error)
{
  size_t first = n, last = n;
  for (size_t i = 0; i < n; i++)
    if (frags[i].pos >= start && frags[i].pos < end)
      {
        if (first == n)
          first = i;
        last = i + 1;
      }
  if (first == n)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "offset table points at no fragment (offset %llu)",
                               (unsigned long long) start);
  return concat (frags, first, last, out, out_len, owned, error);
}

static uint64_t
read_le (const uint8_t *p, size_t n, bool big_endian)
{
  uint64_t v = 0;
  for (size_t k = 0; k < n; k++)
    v |= (uint64_t) p[big_endian ? n - 1 - k : k] << (8 * k);
  return v;
}

bool
lb_dicom_encapsulated_frame (const LbDicomFile *file, const LbDicomElement *el, uint32_t index,
                             uint32_t n_frames, uint8_t **out, size_t *out_len, bool *owned,
                             LbDicomError **error)
{
  size_t count = lb_dicom_element_get_fragment_count (el);
  if (count < 2)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_PIXELS, LB_DICOM_TAG_PIXEL_DATA,
                               (int64_t) lb_dicom_element_get_offset (el),
                               "encapsulated Pixel Data has no fragments");
  size_t n = count - 1;
  Fragment *frags = calloc (n, sizeof *frags);
  if (frags == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_TAG_PIXEL_DATA, -1,
                               "out of memory");
  uint64_t base = 0;
  for (size_t i = 0; i < n; i++)
    {
      uint64_t off = 0;
      frags[i].data = lb_dicom_element_get_fragment (el, i + 1, &frags[i].len, &off);
      if (i == 0)
        base = off;
      /* Offsets count from the first fragment's item tag; each item header is 8 bytes. Any
       * fixed difference between `off` and the item tag cancels out here. */
      frags[i].pos = off - base;
      if (frags[i].data == NULL)
        frags[i].len = 0;
    }

  bool ok;
  size_t bot_len = 0;
  uint64_t bot_off = 0;
  const uint8_t *bot = lb_dicom_element_get_fragment (el, 0, &bot_len, &bot_off);
  const LbDicomElement *eot = lb_dicom_file_lookup (file, TAG_EXTENDED_OFFSET_TABLE);
  const LbDicomElement *eotl = lb_dicom_file_lookup (file, TAG_EXTENDED_OFFSET_LENGTHS);
  size_t eot_len = 0, eotl_len = 0;
  const uint8_t *eot_bytes = eot != NULL ? lb_dicom_element_get_bytes (eot, &eot_len) : NULL;
  const uint8_t *eotl_bytes = eotl != NULL ? lb_dicom_element_get_bytes (eotl, &eotl_len) : NULL;

  if (eot_bytes != NULL && eot_len / 8 == n_frames && eot_len % 8 == 0)
    {
      bool be = lb_dicom_element_is_big_endian (eot);
      uint64_t start = read_le (eot_bytes + 8 * (size_t) index, 8, be);
      uint64_t end = UINT64_MAX;
      if (eotl_bytes != NULL && eotl_len / 8 == n_frames)
        {
          /* Lengths count frame bytes, not item headers: end before the next frame's item. */
          uint64_t l = read_le (eotl_bytes + 8 * (size_t) index, 8, be);
          end = start + (l > 0 ? l : 1);
        }
      else if (index + 1 < n_frames)
        end = read_le (eot_bytes + 8 * (size_t) (index + 1), 8, be);
      ok = by_offsets (frags, n, start, end, out, out_len, owned, error);
    }
  else if (bot != NULL && bot_len >= 4 && bot_len / 4 == n_frames)
    {
      /* The Basic Offset Table is always little endian (PS3.5 A.4). */
      uint64_t start = read_le (bot + 4 * (size_t) index, 4, false);
      uint64_t end = index + 1 < n_frames ? read_le (bot + 4 * (size_t) (index + 1), 4, false)
                                          : UINT64_MAX;
      ok = by_offsets (frags, n, start, end, out, out_len, owned, error);
    }
  else if (n_frames == 1)
    ok = concat (frags, 0, n, out, out_len, owned, error);
  else if (n == n_frames)
    ok = concat (frags, index, index + 1, out, out_len, owned, error);
  else
    {
      /* No table and more fragments than frames: a frame starts at each fragment that begins
       * with a JPEG / JPEG 2000 start marker. */
      size_t first = n, end = n;
      uint32_t seen = 0;
      for (size_t i = 0; i < n; i++)
        if (starts_frame (&frags[i]) || i == 0)
          {
            if (seen == index + 1)
              {
                end = i;
                break;
              }
            if (seen == index)
              first = i;
            seen++;
          }
      if (first == n)
        ok = lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG_PIXEL_DATA, -1,
                                 "frame %u not found among %zu fragments (no offset table)",
                                 index + 1, n);
      else
        ok = concat (frags, first, end, out, out_len, owned, error);
    }
  free (frags);
  return ok;
}

/* ---- Reduced copies --------------------------------------------------------------------- */

static void
store_sample (LbDicomFrame *f, size_t i, double v)
{
  switch (f->type)
    {
    case LB_DICOM_SAMPLE_U8: ((uint8_t *) f->data)[i] = (uint8_t) v; break;
    case LB_DICOM_SAMPLE_S8: ((int8_t *) f->data)[i] = (int8_t) v; break;
    case LB_DICOM_SAMPLE_U16: ((uint16_t *) f->data)[i] = (uint16_t) v; break;
    case LB_DICOM_SAMPLE_S16: ((int16_t *) f->data)[i] = (int16_t) v; break;
    case LB_DICOM_SAMPLE_U32: ((uint32_t *) f->data)[i] = (uint32_t) v; break;
    case LB_DICOM_SAMPLE_S32: ((int32_t *) f->data)[i] = (int32_t) v; break;
    case LB_DICOM_SAMPLE_F32: ((float *) f->data)[i] = (float) v; break;
    case LB_DICOM_SAMPLE_F64: ((double *) f->data)[i] = v; break;
    }
}

LbDicomFrame *
lb_dicom_frame_reduce (const LbDicomFrame *frame, uint32_t width, uint32_t height)
{
  if (frame == NULL || width == 0 || height == 0 || width > frame->width
      || height > frame->height)
    return NULL;
  LbDicomFrame *r = calloc (1, sizeof *r);
  if (r == NULL)
    return NULL;
  *r = *frame;
  r->width = width;
  r->height = height;
  size_t ss = lb_dicom_sample_type_size (frame->type);
  size_t spp = frame->samples;
  r->data_len = (size_t) width * height * spp * ss;
  r->data = lb_dicom_pixel_alloc (r->data_len + 1);
  double *acc = calloc ((size_t) width * spp, sizeof *acc);
  uint32_t *cols_of = calloc (frame->width, sizeof *cols_of);
  if (r->data == NULL || acc == NULL || cols_of == NULL)
    {
      free (acc);
      free (cols_of);
      lb_dicom_frame_free (r);
      return NULL;
    }
  bool integral = frame->type != LB_DICOM_SAMPLE_F32 && frame->type != LB_DICOM_SAMPLE_F64;
  for (uint32_t x = 0; x < frame->width; x++)
    cols_of[x] = (uint32_t) ((uint64_t) x * width / frame->width);

  /* Box filter: output row oy averages the source rows y with y * height / H == oy. */
  uint32_t y = 0;
  for (uint32_t oy = 0; oy < height; oy++)
    {
      memset (acc, 0, (size_t) width * spp * sizeof *acc);
      uint32_t rows = 0;
      for (; y < frame->height && (uint64_t) y * height / frame->height == oy; y++, rows++)
        {
          size_t base = (size_t) y * frame->width;
          /* Typed loops for the usual grey types: the generic accessor costs a switch per
           * sample, which made 4096^2 -> 1000^2 take a third of a second. */
#define ACCUMULATE(ctype)                                                                      \
          do {                                                                                 \
            const ctype *src = (const ctype *) frame->data + base;                             \
            for (uint32_t x = 0; x < frame->width; x++)                                        \
              acc[cols_of[x]] += src[x];                                                       \
          } while (0)
          if (spp == 1 && frame->type == LB_DICOM_SAMPLE_U16)
            ACCUMULATE (uint16_t);
          else if (spp == 1 && frame->type == LB_DICOM_SAMPLE_S16)
            ACCUMULATE (int16_t);
          else if (spp == 1 && frame->type == LB_DICOM_SAMPLE_U8)
            ACCUMULATE (uint8_t);
          else
            for (uint32_t x = 0; x < frame->width; x++)
              for (size_t k = 0; k < spp; k++)
                acc[cols_of[x] * spp + k]
                  += lb_dicom_frame_get_sample (frame, (base + x) * spp + k);
#undef ACCUMULATE
        }
      for (uint32_t ox = 0; ox < width; ox++)
        {
          /* Columns per output column: the same rule as rows. */
          uint64_t x0 = ((uint64_t) ox * frame->width + width - 1) / width;
          uint64_t x1 = ((uint64_t) (ox + 1) * frame->width + width - 1) / width;
          double cnt = (double) rows * (double) (x1 - x0);
          for (size_t k = 0; k < spp; k++)
            {
              double v = cnt > 0 ? acc[ox * spp + k] / cnt : 0;
              size_t at = ((size_t) oy * width + ox) * spp + k;
              store_sample (r, at, integral ? floor (v + 0.5) : v);
            }
        }
    }
  free (acc);
  free (cols_of);
  return r;
}
