/* dicom-value-internal.h: what the value accessors (dicom-value.c) and the formatting
 * (dicom-value-format.c) share: VR properties and one value of a numeric element. Not part of
 * the public API. */
#pragma once

#include "dicom-private.h"

#include <string.h>

/* Single-valued text VRs: a backslash is text, and leading spaces are significant. */
static inline bool
lb_dicom_vr_is_single_text (LbDicomVR vr)
{
  return vr == LB_DICOM_VR_LT || vr == LB_DICOM_VR_ST || vr == LB_DICOM_VR_UT
         || vr == LB_DICOM_VR_UR;
}

/* Bytes of one binary value, 0 for VRs without fixed-size values. */
static inline size_t
lb_dicom_vr_value_size (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_OB: case LB_DICOM_VR_UN: return 1;
    case LB_DICOM_VR_US: case LB_DICOM_VR_SS: case LB_DICOM_VR_OW: return 2;
    case LB_DICOM_VR_UL: case LB_DICOM_VR_SL: case LB_DICOM_VR_FL: case LB_DICOM_VR_AT:
    case LB_DICOM_VR_OL: case LB_DICOM_VR_OF: return 4;
    case LB_DICOM_VR_FD: case LB_DICOM_VR_SV: case LB_DICOM_VR_UV: case LB_DICOM_VR_OD:
    case LB_DICOM_VR_OV: return 8;
    default: return 0;
    }
}

static inline bool
lb_dicom_vr_is_binary_number (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_US: case LB_DICOM_VR_SS: case LB_DICOM_VR_UL: case LB_DICOM_VR_SL:
    case LB_DICOM_VR_SV: case LB_DICOM_VR_UV: case LB_DICOM_VR_FL: case LB_DICOM_VR_FD:
    case LB_DICOM_VR_AT:
      return true;
    default:
      return false;
    }
}

typedef enum {
  LB_DICOM_NUM_NONE,
  LB_DICOM_NUM_SIGNED,
  LB_DICOM_NUM_UNSIGNED,
  LB_DICOM_NUM_FLOAT,
} LbDicomNumKind;

/* One value of any numeric element, in the widest type of its kind. (dicom-value.c) */
LbDicomNumKind lb_dicom_element_number (const LbDicomElement *el, uint32_t index, int64_t *i,
                                        uint64_t *u, double *d);

/* The index-th binary value as raw bits. (dicom-value.c) */
bool lb_dicom_element_binary_value (const LbDicomElement *el, uint32_t index, size_t size,
                                    uint64_t *bits);

/* A float (size 4) or double (size 8) from its raw bits. */
static inline double
lb_dicom_bits_to_float (uint64_t bits, size_t size)
{
  if (size == 4)
    {
      uint32_t u = (uint32_t) bits;
      float f;
      memcpy (&f, &u, 4);
      return f;
    }
  double d;
  memcpy (&d, &bits, 8);
  return d;
}

/* Binary numbers joined by '\': all of them, or only value `only` when only >= 0.
 * (dicom-value-format.c) */
char *lb_dicom_element_format_numbers (const LbDicomElement *el, size_t max_chars, int64_t only);
