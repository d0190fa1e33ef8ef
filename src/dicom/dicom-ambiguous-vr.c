/* dicom-ambiguous-vr.c: the VR of elements the dictionary gives two VRs, in implicit VR files
 * (and explicit UN read with the dictionary's VR), decided by other elements as pydicom's
 * correct_ambiguous_vr_element() and DCMTK's checkAndUpdateVR() do:
 *
 *  - "US or SS" (Smallest/Largest Image Pixel Value, Pixel Padding Value, LUT Descriptors,
 *    ...): US when Pixel Representation (0028,0103) is 0 or absent, SS otherwise. The Pixel
 *    Representation is that of the element's dataset, or of the nearest enclosing dataset that
 *    has one (a VOI LUT item takes the image's).
 *  - "US or OW" LUT Data (0028,3006): US when the item's LUT Descriptor (0028,3002) says the
 *    LUT has one entry, OW otherwise (PS3.3 C.11.1.1.1).
 *
 * The parser marks such elements (LB_ELEMENT_AMBIGUOUS_VR) and counts them; this pass runs
 * after the whole file is read, only when there is one, so Pixel Representation may come after
 * the element (it does whenever the element is in an item of an earlier sequence). */
#include "dicom-private.h"

#define TAG_PIXEL_REPRESENTATION LB_DICOM_TAG (0x0028, 0x0103)
#define TAG_LUT_DESCRIPTOR       LB_DICOM_TAG (0x0028, 0x3002)
#define TAG_LUT_DATA             LB_DICOM_TAG (0x0028, 0x3006)

/* The first 16-bit value of an element, or -1. */
static int
first_u16 (const LbDicomDataset *ds, uint32_t tag)
{
  const LbDicomElement *el = lb_dicom_dataset_lookup (ds, tag);
  if (el == NULL || el->value == NULL || el->value_len < 2)
    return -1;
  return lb_load_u16 (el->value, (el->flags & LB_ELEMENT_BIG_ENDIAN) != 0);
}

static void
resolve_dataset (LbDicomDataset *ds, int inherited_pixel_rep, uint32_t depth)
{
  int pixel_rep = first_u16 (ds, TAG_PIXEL_REPRESENTATION);
  if (pixel_rep < 0)
    pixel_rep = inherited_pixel_rep;

  for (size_t i = 0; i < ds->count; i++)
    {
      LbDicomElement *el = &ds->elements[i];
      if (el->flags & LB_ELEMENT_AMBIGUOUS_VR)
        {
          if (el->tag == TAG_LUT_DATA)
            el->vr = first_u16 (ds, TAG_LUT_DESCRIPTOR) == 1 ? LB_DICOM_VR_US : LB_DICOM_VR_OW;
          else
            el->vr = pixel_rep > 0 ? LB_DICOM_VR_SS : LB_DICOM_VR_US;
        }
      /* Depth is bounded by the parser's limit; the check only keeps this walk obviously
       * finite. */
      if ((el->flags & LB_ELEMENT_SEQUENCE) && depth < 1000)
        for (uint32_t k = 0; k < el->count; k++)
          resolve_dataset (el->u.items[k], pixel_rep, depth + 1);
    }
}

void
lb_dicom_resolve_ambiguous_vrs (LbDicomFile *file)
{
  resolve_dataset (&file->dataset, -1, 0);
}
