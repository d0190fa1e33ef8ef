/* lb-frames-held.c: how many frames a file's pixel data hold, against what its header says.
 * Number of Frames (0028,0008) is a claim: a file may say 1000000000 and hold one frame. The
 * viewer (title, corner text, wheel) counts what the data hold and says so, rather than
 * "Frame 1 of 1000000000" and a wheel that turns through frames that are not there. */
#include "config.h"

#include "lb-frames-held.h"

static const LbDicomElement *
pixel_element (const LbDicomFile *dicom)
{
  static const uint32_t tags[] = {
    LB_DICOM_TAG (0x7fe0, 0x0010), LB_DICOM_TAG (0x7fe0, 0x0008), LB_DICOM_TAG (0x7fe0, 0x0009),
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      const LbDicomElement *el = lb_dicom_file_lookup (dicom, tags[i]);

      if (el != NULL)
        return el;
    }
  return NULL;
}

/* Frames held: native data, whole frames in the value (1-bit frames follow each other without
 * padding); encapsulated data, at most one frame per fragment. Never more than the header
 * says, never less than one (the first frame was decoded, or the document has no frame).
 * A file whose frames are read on demand (src/dicom/dicom-read-frames.c) held its whole value
 * when opened (one cut short is read whole), so the value's length is what the file held. */
guint
lb_count_frames_held (LbDocument *document)
{
  guint declared = lb_document_get_n_frames (document);
  const LbDicomFile *dicom = lb_document_get_dicom (document);
  const LbDicomImageInfo *info = lb_document_get_image_info (document);
  const LbDicomElement *el = dicom != NULL ? pixel_element (dicom) : NULL;
  const LbDicomFrameInfo *f;
  guint64 held;

  if (declared <= 1 || el == NULL || info == NULL)
    return declared;
  f = &info->frame_info;
  if (lb_dicom_element_get_fragment_count (el) > 0)
    held = lb_dicom_element_get_fragment_count (el) - 1;     /* item 0 is the offset table */
  else
    {
      size_t len = 0;
      guint64 frame_bits = (guint64) f->rows * f->columns * f->samples_per_pixel
                           * f->bits_allocated;

      lb_dicom_element_get_bytes (el, &len);
      held = frame_bits > 0 ? (guint64) len * 8 / frame_bits : declared;
    }
  return (guint) CLAMP (held, 1, declared);
}
