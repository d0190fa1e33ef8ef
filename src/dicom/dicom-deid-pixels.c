/* dicom-deid-pixels.c: blanking rectangles of native pixel data, for burned-in text
 * (the CLI's --blackout; lb-dicom-deid.h). */
#include "dicom-deid-internal.h"

#include <stdlib.h>
#include <string.h>

#include "dicom-error.h"

typedef struct {
  uint64_t rows, cols, samples, bytes, frames;
  bool is_signed, monochrome1, colour, planar;
} Geometry;

static uint64_t
get_u (const LbDicomFile *file, uint16_t group, uint16_t element, uint64_t fallback)
{
  int64_t v;
  return lb_dicom_file_get_int (file, LB_DICOM_TAG (group, element), &v) && v > 0
         ? (uint64_t) v : fallback;
}

static bool
geometry (const LbDicomFile *file, Geometry *g, LbDicomError **error)
{
  g->rows = get_u (file, 0x0028, 0x0010, 0);
  g->cols = get_u (file, 0x0028, 0x0011, 0);
  g->samples = get_u (file, 0x0028, 0x0002, 1);
  uint64_t bits = get_u (file, 0x0028, 0x0100, 0);
  g->frames = get_u (file, 0x0028, 0x0008, 1);
  int64_t rep = 0, planar = 0;
  lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0103), &rep);
  lb_dicom_file_get_int (file, LB_DICOM_TAG (0x0028, 0x0006), &planar);
  char *pi = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0028, 0x0004));
  g->monochrome1 = pi != NULL && strcmp (pi, "MONOCHROME1") == 0;
  g->colour = g->samples > 1 || (pi != NULL && strcmp (pi, "PALETTE COLOR") == 0);
  free (pi);
  g->is_signed = rep == 1;
  g->planar = planar == 1;
  if (bits != 8 && bits != 16 && bits != 32)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG (0x0028, 0x0100),
                               -1, "rectangles can only be blanked in 8, 16 or 32-bit pixels");
  if (g->rows == 0 || g->cols == 0 || g->rows > 65535 || g->cols > 65535 || g->samples > 4)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, LB_DICOM_TAG (0x0028, 0x0010),
                               -1, "image size missing or invalid");
  g->bytes = bits / 8;
  return true;
}

static int64_t
load (const uint8_t *p, uint64_t bytes, bool is_signed)
{
  uint64_t u = 0;
  for (uint64_t i = 0; i < bytes; i++)
    u |= (uint64_t) p[i] << (8 * i);
  if (is_signed && bytes < 8 && (u >> (8 * bytes - 1)) & 1)
    return (int64_t) (u | (~0ull << (8 * bytes)));
  return (int64_t) u;
}

static void
store (uint8_t *p, uint64_t bytes, int64_t v)
{
  for (uint64_t i = 0; i < bytes; i++)
    p[i] = (uint8_t) ((uint64_t) v >> (8 * i));
}

/* What the blanked pixels become: black as displayed. */
static int64_t
fill_value (const Geometry *g, const uint8_t *frame, uint64_t n_values)
{
  if (g->colour)
    return 0;
  int64_t best = load (frame, g->bytes, g->is_signed);
  for (uint64_t i = 1; i < n_values; i++)
    {
      int64_t v = load (frame + i * g->bytes, g->bytes, g->is_signed);
      if (g->monochrome1 ? v > best : v < best)
        best = v;
    }
  return best;
}

bool
lb_deid_blank_rects (const LbDicomFile *file, uint8_t *pixels, size_t len,
                     const LbDeidRect *rects, size_t n_rects, LbDicomError **error)
{
  Geometry g = { 0 };
  if (!geometry (file, &g, error))
    return false;
  uint64_t plane = g.rows * g.cols, frame_bytes = plane * g.samples * g.bytes;
  uint64_t frames = len / frame_bytes < g.frames ? len / frame_bytes : g.frames;
  for (uint64_t f = 0; f < frames; f++)
    {
      uint8_t *frame = pixels + f * frame_bytes;
      int64_t fill = fill_value (&g, frame, plane * g.samples);
      for (size_t r = 0; r < n_rects; r++)
        {
          uint64_t x0 = rects[r].x, y0 = rects[r].y;
          uint64_t x1 = x0 + rects[r].width, y1 = y0 + rects[r].height;
          if (x1 > g.cols)
            x1 = g.cols;
          if (y1 > g.rows)
            y1 = g.rows;
          for (uint64_t y = y0; y < y1; y++)
            for (uint64_t x = x0; x < x1; x++)
              for (uint64_t s = 0; s < g.samples; s++)
                {
                  uint64_t index = g.planar ? s * plane + y * g.cols + x
                                            : (y * g.cols + x) * g.samples + s;
                  store (frame + index * g.bytes, g.bytes, fill);
                }
        }
    }
  return true;
}

bool
lb_deid_copy_blanked_pixels (const LbDeidContext *ctx, const LbDicomFile *file,
                             const LbDicomElement *el, LbDicomBuilder *b, LbDicomError **error)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  if (lb_dicom_element_is_encapsulated (el))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, tag, -1,
                               "burned-in text cannot be blanked in compressed pixel data");
  if (lb_dicom_file_is_big_endian (file))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, tag, -1,
                               "burned-in text cannot be blanked in big endian pixel data");
  size_t len = 0;
  const uint8_t *bytes = lb_dicom_element_get_bytes (el, &len);
  uint8_t *copy = malloc (len ? len : 1);
  if (copy == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
  if (len > 0)
    memcpy (copy, bytes, len);
  LbDicomVR vr = lb_dicom_element_get_vr (el);
  bool ok = lb_deid_blank_rects (file, copy, len, ctx->options.blackout, ctx->options.n_blackout,
                                 error)
            && lb_dicom_builder_set_bytes (b, tag, vr == LB_DICOM_VR_OB ? vr : LB_DICOM_VR_OW,
                                           copy, len, error);
  free (copy);
  return ok;
}
