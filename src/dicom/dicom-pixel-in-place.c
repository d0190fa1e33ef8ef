/* dicom-pixel-in-place.c: a native frame whose stored samples already have the frame's own
 * layout (little endian, 8 or 16 bits a sample, grey or interleaved RGB) is read from the file
 * straight into the frame's buffer and finished there (issue 15 §1). The other way reads the
 * bytes into the file's buffer and copies them into the frame: two sets of fresh pages for the
 * kernel to fault and zero and two passes over the pixels, a quarter of a 4096² export.
 *
 * The result is the same as unpack_fast's and unpack_samples' (dicom-pixel.c): each sample
 * shifted down to its High Bit, masked to Bits Stored and sign-extended when signed. Each
 * sample is read before it is written at the same place, so working in place is safe. */
#include "dicom-pixel-internal.h"

#include <string.h>

bool
lb_dicom_frame_fits_in_place (const LbDicomFrameInfo *info, bool big_endian)
{
  if (big_endian || info->is_float
      || (info->bits_allocated != 8 && info->bits_allocated != 16))
    return false;
  /* Grey only (a palette is looked up into a new frame); colour only as interleaved RGB
   * (YBR is converted, planar and 4:2:2 data are rearranged). */
  if (info->samples_per_pixel == 1)
    return lb_dicom_photometric_is_grey (info->photometric);
  return info->samples_per_pixel == 3 && info->photometric == LB_DICOM_PHOTOMETRIC_RGB
         && info->planar_configuration == 0;
}

static void
finish_8 (LbDicomFrame *f, size_t n, unsigned shift, unsigned bits)
{
  uint8_t *d = f->data;
  uint8_t mask = (uint8_t) ((1u << bits) - 1);
  if (shift == 0 && bits == 8)
    return;
  if (!f->is_signed && shift == 0)   /* the usual case (CT, CR): a plain mask, vectorised */
    {
      for (size_t i = 0; i < n; i++)
        d[i] &= mask;
      return;
    }
  if (!f->is_signed)
    {
      for (size_t i = 0; i < n; i++)
        d[i] = (uint8_t) (d[i] >> shift) & mask;
      return;
    }
  /* Move the sample's top bit to bit 7, then shift back arithmetically to sign-extend. */
  unsigned up = 8 - bits;
  for (size_t i = 0; i < n; i++)
    d[i] = (uint8_t) ((int8_t) (uint8_t) (((d[i] >> shift) & mask) << up) >> up);
}

/* The usual unsigned case (CR, MR): mask, and find the range in the same pass. */
static void
mask_16_min_max (LbDicomFrame *f, size_t n, uint16_t mask)
{
  uint16_t *d = f->data;
  uint16_t lo = n ? d[0] & mask : 0, hi = lo;
  for (size_t i = 0; i < n; i++)
    {
      uint16_t v = d[i] & mask;
      d[i] = v;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  f->min = lo;
  f->max = hi;
}

/* True when it set the frame's range too. */
static bool
finish_16 (LbDicomFrame *f, size_t n, unsigned shift, unsigned bits)
{
  uint16_t *d = f->data;
  uint16_t mask = (uint16_t) ((1u << bits) - 1);
  if (!f->is_signed && shift == 0)
    {
      mask_16_min_max (f, n, mask);
      return true;
    }
  if (!f->is_signed)
    {
      for (size_t i = 0; i < n; i++)
        d[i] = (uint16_t) (d[i] >> shift) & mask;
      return false;
    }
  if (shift == 0 && bits == 16)
    return false;
  unsigned up = 16 - bits;
  for (size_t i = 0; i < n; i++)
    d[i] = (uint16_t) ((int16_t) (uint16_t) (((d[i] >> shift) & mask) << up) >> up);
  return false;
}

bool
lb_dicom_frame_unpack_in_place (LbDicomFrame *f, const LbDicomFrameInfo *info)
{
  size_t n = (size_t) f->width * f->height * f->samples;
  unsigned shift = info->high_bit + 1u - info->bits_stored;
  if (info->bits_allocated == 8)
    {
      finish_8 (f, n, shift, info->bits_stored);
      return false;
    }
  return finish_16 (f, n, shift, info->bits_stored);
}
