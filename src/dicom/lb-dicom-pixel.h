/* lb-dicom-pixel.h: image description, frame decoding and the display pipeline.
 * Owned by the pixel pipeline (dicom-pixel.c, dicom-voi.c). No GLib. */
#pragma once

#include "lb-dicom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  LB_DICOM_PHOTOMETRIC_UNKNOWN = 0,
  LB_DICOM_PHOTOMETRIC_MONOCHROME1,
  LB_DICOM_PHOTOMETRIC_MONOCHROME2,
  LB_DICOM_PHOTOMETRIC_RGB,
  LB_DICOM_PHOTOMETRIC_YBR_FULL,
  LB_DICOM_PHOTOMETRIC_YBR_FULL_422,
  LB_DICOM_PHOTOMETRIC_YBR_PARTIAL_420,
  LB_DICOM_PHOTOMETRIC_YBR_RCT,
  LB_DICOM_PHOTOMETRIC_YBR_ICT,
  LB_DICOM_PHOTOMETRIC_PALETTE_COLOR,
} LbDicomPhotometric;

LbDicomPhotometric lb_dicom_photometric_from_string (const char *value);
const char        *lb_dicom_photometric_name (LbDicomPhotometric p);

/* What one frame looks like, from the Image Pixel module. */
typedef struct {
  uint32_t rows;
  uint32_t columns;
  uint32_t frames;                 /* Number of Frames, 1 when absent */
  uint16_t samples_per_pixel;
  uint16_t bits_allocated;         /* 1, 8, 16, 32 (64 for Double Float Pixel Data) */
  uint16_t bits_stored;
  uint16_t high_bit;
  uint16_t pixel_representation;   /* 0 unsigned, 1 two's complement */
  uint16_t planar_configuration;   /* 0 interleaved (R1G1B1...), 1 planar (RRR...GGG...BBB) */
  LbDicomPhotometric photometric;
  bool     is_float;               /* Float (7FE0,0008) or Double Float (7FE0,0009) Pixel Data */
} LbDicomFrameInfo;

#ifdef __cplusplus
}
#endif
