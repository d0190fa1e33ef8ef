/* dicom-image.c: reading the display pipeline's numbers from a file: rescale, Modality LUT,
 * windows, VOI LUTs, Presentation LUT Shape, palettes (plain and segmented), including the
 * Shared and Per-Frame Functional Groups of enhanced multi-frame objects. */
#include "dicom-error.h"
#include "dicom-pixel-internal.h"

/* The most Window Center/Width pairs read from a file (see lb_dicom_file_get_image_info). */
#define MAX_STORED_WINDOWS 64u

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define T(g, e) LB_DICOM_TAG (0x##g, 0x##e)

/* ---- LUTs ------------------------------------------------------------------------------- */

void
lb_dicom_lut_free (LbDicomLut *lut)
{
  if (lut == NULL)
    return;
  free (lut->data);
  free (lut->explanation);
  free (lut->type);
  free (lut);
}

static void
lut_clear (LbDicomLut *lut)
{
  free (lut->data);
  free (lut->explanation);
  free (lut->type);
  memset (lut, 0, sizeof *lut);
}

static bool
read_descriptor (const LbDicomElement *desc, bool signed_first, uint32_t *count, int32_t *first,
                 uint16_t *bits)
{
  int64_t v[3];
  if (desc == NULL || lb_dicom_element_get_vm (desc) < 3)
    return false;
  for (uint32_t i = 0; i < 3; i++)
    if (!lb_dicom_element_get_int (desc, i, &v[i]))
      return false;
  /* The descriptor is US or SS depending on the file; the meaning of value 2 depends on the
   * pixel representation, not on the VR (PS3.3 C.11.1.1). */
  uint16_t c = (uint16_t) (v[0] & 0xffff), f = (uint16_t) (v[1] & 0xffff);
  *count = c == 0 ? 65536 : c;
  *first = signed_first ? (int32_t) (int16_t) f : (int32_t) f;
  *bits = (uint16_t) (v[2] & 0xffff);
  return true;
}

static bool
lut_fill (LbDicomLut *lut, const LbDicomElement *data_el, LbDicomError **error)
{
  size_t len = 0;
  const uint8_t *bytes = data_el != NULL ? lb_dicom_element_get_bytes (data_el, &len) : NULL;
  if (bytes == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, T (0028, 3006), -1,
                               "LUT data missing");
  bool be = lb_dicom_element_is_big_endian (data_el);
  lut->data = malloc ((size_t) lut->count * sizeof *lut->data);
  if (lut->data == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, T (0028, 3006), -1,
                               "out of memory");
  if (len >= 2 * (size_t) lut->count)
    for (size_t i = 0; i < lut->count; i++)
      lut->data[i] = be ? (uint16_t) (bytes[2 * i] << 8 | bytes[2 * i + 1])
                        : (uint16_t) (bytes[2 * i + 1] << 8 | bytes[2 * i]);
  else if (len >= lut->count && lut->bits <= 8)
    /* 8-bit entries packed one per byte (seen in the wild; pydicom reads them too). */
    for (size_t i = 0; i < lut->count; i++)
      lut->data[i] = bytes[i];
  else
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED,
                               lb_dicom_element_get_tag (data_el),
                               (int64_t) lb_dicom_element_get_offset (data_el),
                               "LUT data holds %zu bytes, its descriptor needs %u entries", len,
                               lut->count);
  if (lut->bits == 0 || lut->bits > 16)
    lut->bits = 16;
  return true;
}

LbDicomLut *
lb_dicom_lut_read (const LbDicomDataset *ds, uint32_t descriptor_tag, uint32_t data_tag,
                   bool signed_first, LbDicomError **error)
{
  LbDicomLut *lut = calloc (1, sizeof *lut);
  if (lut == NULL)
    return NULL;
  const LbDicomElement *desc = lb_dicom_dataset_lookup (ds, descriptor_tag);
  if (!read_descriptor (desc, signed_first, &lut->count, &lut->first_mapped, &lut->bits))
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, descriptor_tag, -1,
                          "invalid LUT descriptor (%04X,%04X)", LB_DICOM_TAG_GROUP (descriptor_tag),
                          LB_DICOM_TAG_ELEMENT (descriptor_tag));
      free (lut);
      return NULL;
    }
  if (!lut_fill (lut, lb_dicom_dataset_lookup (ds, data_tag), error))
    {
      lb_dicom_lut_free (lut);
      return NULL;
    }
  const LbDicomElement *ex = lb_dicom_dataset_lookup (ds, T (0028, 3003));
  if (ex != NULL)
    lut->explanation = lb_dicom_element_get_string (ex, 0);
  const LbDicomElement *ty = lb_dicom_dataset_lookup (ds, T (0028, 3004));
  if (ty != NULL)
    lut->type = lb_dicom_element_get_string (ty, 0);
  return lut;
}

long
lb_dicom_lut_expand_segmented (const uint16_t *w, size_t n, uint16_t *out, size_t max)
{
  size_t at = 0, i = 0;
  while (i + 1 < n)
    {
      uint16_t op = w[i], len = w[i + 1];
      i += 2;
      if (op == 0)
        {
          if (i + len > n || at + len > max)
            return -1;
          memcpy (out + at, w + i, (size_t) len * 2);
          at += len;
          i += len;
        }
      else if (op == 1)
        {
          /* Linear from the last value to y1 in len steps (C.7.9.2.2); rounded half to even
           * like pydicom's numpy.around. */
          if (at == 0 || i >= n || at + len > max)
            return -1;
          double y0 = out[at - 1], y1 = w[i++];
          for (uint32_t k = 1; k <= len; k++)
            out[at++] = (uint16_t) nearbyint (y0 + (y1 - y0) * k / len);
        }
      else if (op == 2)
        {
          /* Indirect: copy `len` segments found at a word offset (low word first). Only one
           * level deep, so crafted files cannot loop. */
          if (at == 0 || i + 1 >= n)
            return -1;
          size_t off = (size_t) w[i] | (size_t) w[i + 1] << 16;
          i += 2;
          if (off >= n)
            return -1;
          size_t j = off;
          for (uint32_t s = 0; s < len && j + 1 < n; s++)
            {
              uint16_t op2 = w[j], len2 = w[j + 1];
              j += 2;
              if (op2 == 0)
                {
                  if (j + len2 > n || at + len2 > max)
                    return -1;
                  memcpy (out + at, w + j, (size_t) len2 * 2);
                  at += len2;
                  j += len2;
                }
              else if (op2 == 1)
                {
                  if (j >= n || at + len2 > max)
                    return -1;
                  double y0 = out[at - 1], y1 = w[j++];
                  for (uint32_t k = 1; k <= len2; k++)
                    out[at++] = (uint16_t) nearbyint (y0 + (y1 - y0) * k / len2);
                }
              else
                return -1;
            }
        }
      else
        return -1;
    }
  return (long) at;
}

bool
lb_dicom_palette_read (const LbDicomFile *file, LbDicomLut *palette[3], LbDicomError **error)
{
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
  for (int c = 0; c < 3; c++)
    {
      uint32_t desc_tag = T (0028, 1101) + (uint32_t) c;
      uint32_t data_tag = T (0028, 1201) + (uint32_t) c;
      uint32_t seg_tag = T (0028, 1221) + (uint32_t) c;
      const LbDicomElement *seg = lb_dicom_dataset_lookup (ds, seg_tag);
      if (seg == NULL || lb_dicom_dataset_lookup (ds, data_tag) != NULL)
        {
          palette[c] = lb_dicom_lut_read (ds, desc_tag, data_tag, false, error);
          if (palette[c] == NULL)
            return false;
          continue;
        }
      LbDicomLut *lut = calloc (1, sizeof *lut);
      if (lut == NULL)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, seg_tag, -1, "out of memory");
      palette[c] = lut;
      if (!read_descriptor (lb_dicom_dataset_lookup (ds, desc_tag), false, &lut->count,
                            &lut->first_mapped, &lut->bits))
        return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, desc_tag, -1,
                                   "invalid palette descriptor");
      size_t len = 0;
      const uint8_t *b = lb_dicom_element_get_bytes (seg, &len);
      bool be = lb_dicom_element_is_big_endian (seg);
      size_t nw = len / 2;
      uint16_t *w = malloc (nw * 2 + 2);
      lut->data = calloc (lut->count, sizeof *lut->data);
      if (w == NULL || lut->data == NULL || b == NULL)
        {
          free (w);
          return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, seg_tag, -1,
                                     "out of memory");
        }
      for (size_t i = 0; i < nw; i++)
        w[i] = be ? (uint16_t) (b[2 * i] << 8 | b[2 * i + 1])
                  : (uint16_t) (b[2 * i + 1] << 8 | b[2 * i]);
      long got = lb_dicom_lut_expand_segmented (w, nw, lut->data, lut->count);
      free (w);
      if (got < 0)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, seg_tag,
                                   (int64_t) lb_dicom_element_get_offset (seg),
                                   "malformed segmented palette");
      /* A short table repeats its last entry, as lookups past the end do. */
      for (size_t i = (size_t) got; got > 0 && i < lut->count; i++)
        lut->data[i] = lut->data[got - 1];
      if (lut->bits == 0 || lut->bits > 16)
        lut->bits = 16;
    }
  return true;
}

/* ---- Image info ------------------------------------------------------------------------- */

const LbDicomDataset *
lb_dicom_sequence_item (const LbDicomDataset *ds, uint32_t tag, size_t index)
{
  const LbDicomElement *el = ds != NULL ? lb_dicom_dataset_lookup (ds, tag) : NULL;
  if (el == NULL || !lb_dicom_element_is_sequence (el)
      || lb_dicom_element_get_item_count (el) <= index)
    return NULL;
  return lb_dicom_element_get_item (el, index);
}

const LbDicomDataset *
lb_dicom_file_functional_group (const LbDicomFile *file, uint32_t index, uint32_t macro_tag)
{
  const LbDicomDataset *top = lb_dicom_file_get_dataset (file);
  const LbDicomDataset *per = lb_dicom_sequence_item (top, T (5200, 9230), index);
  const LbDicomDataset *m = lb_dicom_sequence_item (per, macro_tag, 0);
  if (m != NULL)
    return m;
  return lb_dicom_sequence_item (lb_dicom_sequence_item (top, T (5200, 9229), 0), macro_tag, 0);
}

static const LbDicomElement *
lookup2 (const LbDicomDataset *fg, const LbDicomFile *file, uint32_t tag)
{
  const LbDicomElement *el = fg != NULL ? lb_dicom_dataset_lookup (fg, tag) : NULL;
  return el != NULL ? el : lb_dicom_file_lookup (file, tag);
}

void
lb_dicom_image_info_free (LbDicomImageInfo *info)
{
  if (info == NULL)
    return;
  free (info->rescale_type);
  lb_dicom_lut_free (info->modality_lut);
  for (size_t i = 0; i < info->n_windows; i++)
    free (info->windows[i].explanation);
  free (info->windows);
  for (size_t i = 0; i < info->n_voi_luts; i++)
    lut_clear (&info->voi_luts[i]);
  free (info->voi_luts);
  for (int k = 0; k < 3; k++)
    lb_dicom_lut_free (info->palette[k]);
  free (info);
}

LbDicomImageInfo *
lb_dicom_file_get_image_info (const LbDicomFile *file, uint32_t index, LbDicomError **error)
{
  LbDicomImageInfo *info = calloc (1, sizeof *info);
  if (info == NULL)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      return NULL;
    }
  if (!lb_dicom_file_get_frame_info (file, &info->frame_info, error))
    goto fail;
  bool is_signed = info->frame_info.pixel_representation == 1;

  /* Modality: Pixel Value Transformation (0028,9145) in functional groups, else top level. */
  const LbDicomDataset *pvt = lb_dicom_file_functional_group (file, index, T (0028, 9145));
  const LbDicomElement *slope = lookup2 (pvt, file, T (0028, 1053));
  const LbDicomElement *icpt = lookup2 (pvt, file, T (0028, 1052));
  const LbDicomElement *rtype = lookup2 (pvt, file, T (0028, 1054));
  info->rescale_slope = 1;
  info->rescale_intercept = 0;
  if (slope != NULL && icpt != NULL && lb_dicom_element_get_double (slope, 0, &info->rescale_slope)
      && lb_dicom_element_get_double (icpt, 0, &info->rescale_intercept)
      && isfinite (info->rescale_slope) && isfinite (info->rescale_intercept))
    info->has_rescale = true;
  else
    {
      info->rescale_slope = 1;
      info->rescale_intercept = 0;
    }
  if (rtype != NULL)
    info->rescale_type = lb_dicom_element_get_string (rtype, 0);
  const LbDicomDataset *mlut = lb_dicom_sequence_item (lb_dicom_file_get_dataset (file),
                                                       T (0028, 3000), 0);
  if (mlut != NULL && !info->has_rescale)
    {
      /* An unusable LUT (empty descriptor and data, as some writers leave them) is ignored,
       * as DCMTK does: the image still shows with the rescale (identity) instead. */
      LbDicomError *ignored = NULL;
      info->modality_lut = lb_dicom_lut_read (mlut, T (0028, 3002), T (0028, 3006), is_signed,
                                              &ignored);
      lb_dicom_error_free (ignored);
    }

  /* VOI: Frame VOI LUT (0028,9132) in functional groups, else top level. */
  const LbDicomDataset *fvoi = lb_dicom_file_functional_group (file, index, T (0028, 9132));
  const LbDicomElement *wc = lookup2 (fvoi, file, T (0028, 1050));
  const LbDicomElement *ww = lookup2 (fvoi, file, T (0028, 1051));
  const LbDicomElement *wx = lookup2 (fvoi, file, T (0028, 1055));
  const LbDicomElement *fn = lookup2 (fvoi, file, T (0028, 1056));
  if (fn != NULL)
    {
      char *s = lb_dicom_element_get_string (fn, 0);
      info->voi_function = lb_dicom_voi_function_from_string (s);
      free (s);
    }
  if (wc != NULL && ww != NULL)
    {
      uint32_t n = lb_dicom_element_get_vm (wc);
      if (lb_dicom_element_get_vm (ww) < n)
        n = lb_dicom_element_get_vm (ww);
      /* Each value is found by scanning the string from its start, so a damaged element with
       * thousands of values would cost n^2; no real file stores more than a handful of windows. */
      if (n > MAX_STORED_WINDOWS)
        n = MAX_STORED_WINDOWS;
      info->windows = calloc (n ? n : 1, sizeof *info->windows);
      if (info->windows == NULL)
        goto fail;
      for (uint32_t i = 0; i < n; i++)
        {
          LbDicomWindow *w = &info->windows[info->n_windows];
          if (!lb_dicom_element_get_double (wc, i, &w->center)
              || !lb_dicom_element_get_double (ww, i, &w->width) || !isfinite (w->center)
              || !isfinite (w->width))
            continue;   /* an unreadable pair is skipped, the others stay usable */
          w->explanation = wx != NULL ? lb_dicom_element_get_string (wx, i) : NULL;
          info->n_windows++;
        }
    }
  const LbDicomElement *vseq = lb_dicom_file_lookup (file, T (0028, 3010));
  size_t nv = vseq != NULL && lb_dicom_element_is_sequence (vseq)
              ? lb_dicom_element_get_item_count (vseq) : 0;
  if (nv > 0)
    {
      info->voi_luts = calloc (nv, sizeof *info->voi_luts);
      if (info->voi_luts == NULL)
        goto fail;
      for (size_t i = 0; i < nv; i++)
        {
          LbDicomError *ignored = NULL;
          LbDicomLut *l = lb_dicom_lut_read (lb_dicom_element_get_item (vseq, i), T (0028, 3002),
                                             T (0028, 3006), is_signed, &ignored);
          lb_dicom_error_free (ignored);
          if (l == NULL)
            continue;   /* unusable VOI LUT item: skipped, the others stay */
          info->voi_luts[info->n_voi_luts++] = *l;
          free (l);
        }
    }

  char *shape = lb_dicom_file_get_string (file, T (2050, 0020));
  info->presentation_inverse = shape != NULL && strncasecmp (shape, "INVERSE", 7) == 0;
  free (shape);

  if (info->frame_info.photometric == LB_DICOM_PHOTOMETRIC_PALETTE_COLOR
      && !lb_dicom_palette_read (file, info->palette, error))
    goto fail;
  return info;

fail:
  lb_dicom_image_info_free (info);
  return NULL;
}
