/* dicom-frame-order.c: the order in which to show the frames of an enhanced multi-frame object.
 * Enhanced CT and MR (PS3.3 C.7.6.16) give each frame its own Plane Position (Patient) in the
 * Per-frame Functional Groups; the frames are stored in acquisition order, which need not be
 * the order in space. Sorted along the normal of the Plane Orientation (Patient), as a series
 * of single-frame slices is (src/study). */
#include <math.h>
#include <stdlib.h>

#include "dicom-pixel-internal.h"

#define T(g, e) LB_DICOM_TAG (0x##g, 0x##e)

typedef struct {
  double distance;
  uint32_t frame;
} Place;

/* n finite numbers of `tag` in the functional group item `ds` (NULL: none). */
static bool
read_doubles (const LbDicomDataset *ds, uint32_t tag, double *out, uint32_t n)
{
  return ds != NULL && lb_dicom_element_get_doubles (lb_dicom_dataset_lookup (ds, tag), out, n);
}

static int
compare_places (const void *a, const void *b)
{
  const Place *p = a, *q = b;

  if (p->distance != q->distance)
    return p->distance < q->distance ? -1 : 1;
  return p->frame < q->frame ? -1 : p->frame > q->frame;   /* ties keep the stored order */
}

uint32_t *
lb_dicom_file_frame_order (const LbDicomFile *file, uint32_t n_frames)
{
  const LbDicomElement *per_frame = file != NULL ? lb_dicom_file_lookup (file, T (5200, 9230))
                                                 : NULL;
  double o[6], normal[3], length;
  Place *places;
  uint32_t *order;
  bool moved = false;

  /* One item per frame: a header that claims more frames than items (2147483647) costs
   * nothing here. */
  if (per_frame == NULL || n_frames < 2 || !lb_dicom_element_is_sequence (per_frame)
      || lb_dicom_element_get_item_count (per_frame) < n_frames
      || !read_doubles (lb_dicom_file_functional_group (file, 0, T (0020, 9116)), T (0020, 0037), o, 6))
    return NULL;
  normal[0] = o[1] * o[5] - o[2] * o[4];
  normal[1] = o[2] * o[3] - o[0] * o[5];
  normal[2] = o[0] * o[4] - o[1] * o[3];
  length = sqrt (normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
  if (!(length > 1e-6))
    return NULL;
  places = calloc (n_frames, sizeof *places);
  if (places == NULL)
    return NULL;
  for (uint32_t i = 0; i < n_frames; i++)
    {
      double p[3];

      /* Every frame needs its own position; else the stored order stands. */
      if (!read_doubles (lb_dicom_file_functional_group (file, i, T (0020, 9113)), T (0020, 0032), p, 3))
        {
          free (places);
          return NULL;
        }
      places[i].distance = (p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2]) / length;
      places[i].frame = i;
    }
  qsort (places, n_frames, sizeof *places, compare_places);
  order = malloc (n_frames * sizeof *order);
  for (uint32_t i = 0; order != NULL && i < n_frames; i++)
    {
      order[i] = places[i].frame;
      moved = moved || order[i] != i;
    }
  free (places);
  if (!moved)
    {
      free (order);
      return NULL;
    }
  return order;
}
