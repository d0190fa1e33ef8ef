/* dicom-pixel-internal.h: helpers shared by the pixel, image and spacing files (not public). */
#pragma once

#include "lb-dicom-pixel.h"

/* Item `index` of sequence `tag` in ds; NULL when ds is NULL, tag is not a sequence or has
 * fewer items (dicom-image.c). Chains: the functional group macros are two levels down. */
const LbDicomDataset *lb_dicom_sequence_item (const LbDicomDataset *ds, uint32_t tag,
                                              size_t index);

/* Reads a LUT from `ds`: descriptor (US/SS x3) at descriptor_tag and data (US/OW) at data_tag.
 * `signed_first`: the descriptor's first-mapped value is signed (stored values are signed).
 * Entry size follows the data length (8-bit entries packed one per byte are accepted, as
 * pydicom does). NULL + error if the data is missing or shorter than the descriptor says. */
LbDicomLut *lb_dicom_lut_read (const LbDicomDataset *ds, uint32_t descriptor_tag,
                               uint32_t data_tag, bool signed_first, LbDicomError **error);
/* Reads the red, green and blue palettes (plain or segmented). false + error. */
bool lb_dicom_palette_read (const LbDicomFile *file, LbDicomLut *palette[3], LbDicomError **error);
void lb_dicom_lut_free (LbDicomLut *lut);

/* Expands segmented palette data (PS3.3 C.7.9.2) of n_words 16-bit words into at most max
 * entries. Returns the number of entries written, or -1 when the data is malformed. */
long lb_dicom_lut_expand_segmented (const uint16_t *words, size_t n_words, uint16_t *out,
                                    size_t max);

/* The compressed bytes of frame `index` of encapsulated pixel data `el` (dicom-frames.c):
 * found through the Extended Offset Table, the Basic Offset Table, one fragment per frame, or
 * for JPEG-family data by frame starts (SOI FFD8 / SOC FF4F / JP2 signature). *out points into
 * the file (owned = false) or to a malloc'd concatenation of fragments (owned = true). */
bool lb_dicom_encapsulated_frame (const LbDicomFile *file, const LbDicomElement *el,
                                  uint32_t index, uint32_t n_frames, uint8_t **out,
                                  size_t *out_len, bool *owned, LbDicomError **error);

/* malloc() for pixel buffers; large ones are 2 MiB aligned and advised for huge pages.
 * Free with free(). */
void *lb_dicom_pixel_alloc (size_t size);

/* Whether a native frame of this layout is stored exactly as the frame holds it (little endian,
 * 8 or 16 bits, grey or interleaved RGB), so that its bytes can be read straight into the
 * frame's buffer and finished there (dicom-pixel-in-place.c). */
bool lb_dicom_frame_fits_in_place (const LbDicomFrameInfo *info, bool big_endian);
/* Shifts, masks and sign-extends the raw samples already in f->data, as decoding does; true
 * when it set f->min and f->max as well (found in the same pass). */
bool lb_dicom_frame_unpack_in_place (LbDicomFrame *f, const LbDicomFrameInfo *info);
