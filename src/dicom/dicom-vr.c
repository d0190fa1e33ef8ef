/* dicom-vr.c: the value representations: their names, reading them from the two bytes of an
 * explicit-VR header, and which ones are strings or have a 4-byte length. */
#include "dicom-private.h"

static const char vr_names[LB_DICOM_VR_COUNT][3] = {
  "", "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF",
  "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
  "UR", "US", "UT", "UV",
};

const char *
lb_dicom_vr_name (LbDicomVR vr)
{
  return (unsigned) vr < LB_DICOM_VR_COUNT ? vr_names[vr] : "";
}

LbDicomVR
lb_dicom_vr_from_chars (char c0, char c1)
{
  if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z')
    return LB_DICOM_VR_NONE;
  /* Called for every explicit-VR element: a switch, not a search. */
#define K(a, b) (((a) << 8) | (b))
  switch (K (c0, c1))
    {
    case K ('A', 'E'): return LB_DICOM_VR_AE;
    case K ('A', 'S'): return LB_DICOM_VR_AS;
    case K ('A', 'T'): return LB_DICOM_VR_AT;
    case K ('C', 'S'): return LB_DICOM_VR_CS;
    case K ('D', 'A'): return LB_DICOM_VR_DA;
    case K ('D', 'S'): return LB_DICOM_VR_DS;
    case K ('D', 'T'): return LB_DICOM_VR_DT;
    case K ('F', 'D'): return LB_DICOM_VR_FD;
    case K ('F', 'L'): return LB_DICOM_VR_FL;
    case K ('I', 'S'): return LB_DICOM_VR_IS;
    case K ('L', 'O'): return LB_DICOM_VR_LO;
    case K ('L', 'T'): return LB_DICOM_VR_LT;
    case K ('O', 'B'): return LB_DICOM_VR_OB;
    case K ('O', 'D'): return LB_DICOM_VR_OD;
    case K ('O', 'F'): return LB_DICOM_VR_OF;
    case K ('O', 'L'): return LB_DICOM_VR_OL;
    case K ('O', 'V'): return LB_DICOM_VR_OV;
    case K ('O', 'W'): return LB_DICOM_VR_OW;
    case K ('P', 'N'): return LB_DICOM_VR_PN;
    case K ('S', 'H'): return LB_DICOM_VR_SH;
    case K ('S', 'L'): return LB_DICOM_VR_SL;
    case K ('S', 'Q'): return LB_DICOM_VR_SQ;
    case K ('S', 'S'): return LB_DICOM_VR_SS;
    case K ('S', 'T'): return LB_DICOM_VR_ST;
    case K ('S', 'V'): return LB_DICOM_VR_SV;
    case K ('T', 'M'): return LB_DICOM_VR_TM;
    case K ('U', 'C'): return LB_DICOM_VR_UC;
    case K ('U', 'I'): return LB_DICOM_VR_UI;
    case K ('U', 'L'): return LB_DICOM_VR_UL;
    case K ('U', 'N'): return LB_DICOM_VR_UN;
    case K ('U', 'R'): return LB_DICOM_VR_UR;
    case K ('U', 'S'): return LB_DICOM_VR_US;
    case K ('U', 'T'): return LB_DICOM_VR_UT;
    case K ('U', 'V'): return LB_DICOM_VR_UV;
    default: return LB_DICOM_VR_NONE;
    }
#undef K
}

bool
lb_dicom_vr_is_string (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_AE: case LB_DICOM_VR_AS: case LB_DICOM_VR_CS: case LB_DICOM_VR_DA:
    case LB_DICOM_VR_DS: case LB_DICOM_VR_DT: case LB_DICOM_VR_IS: case LB_DICOM_VR_LO:
    case LB_DICOM_VR_LT: case LB_DICOM_VR_PN: case LB_DICOM_VR_SH: case LB_DICOM_VR_ST:
    case LB_DICOM_VR_TM: case LB_DICOM_VR_UC: case LB_DICOM_VR_UI: case LB_DICOM_VR_UR:
    case LB_DICOM_VR_UT:
      return true;
    default:
      return false;
    }
}

bool
lb_dicom_vr_has_long_length (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_OB: case LB_DICOM_VR_OD: case LB_DICOM_VR_OF: case LB_DICOM_VR_OL:
    case LB_DICOM_VR_OV: case LB_DICOM_VR_OW: case LB_DICOM_VR_SQ: case LB_DICOM_VR_SV:
    case LB_DICOM_VR_UC: case LB_DICOM_VR_UN: case LB_DICOM_VR_UR: case LB_DICOM_VR_UT:
    case LB_DICOM_VR_UV:
      return true;
    default:
      return false;
    }
}
