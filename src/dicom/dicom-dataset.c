/* dicom-dataset.c: the file object, element storage accessors, tag lookup. */
#include "dicom-private.h"

#include <stdlib.h>
#include <string.h>

LbDicomFile *
lb_dicom_file_new (const LbDicomLimits *limits)
{
  LbDicomFile *f = calloc (1, sizeof *f);
  if (f == NULL)
    return NULL;
  if (limits != NULL)
    f->limits = *limits;
  else
    lb_dicom_limits_init_default (&f->limits);
  return f;
}

void
lb_dicom_file_free (LbDicomFile *file)
{
  if (file == NULL)
    return;
  lb_dicom_file_release_storage (file);
  lb_dicom_error_free (file->error);
  free (file);
}

const LbDicomError *
lb_dicom_file_get_error (const LbDicomFile *file)
{
  return file != NULL ? file->error : NULL;
}

const LbDicomDataset *
lb_dicom_file_get_meta (const LbDicomFile *file)
{
  return file != NULL ? &file->meta : NULL;
}

const LbDicomDataset *
lb_dicom_file_get_dataset (const LbDicomFile *file)
{
  return file != NULL ? &file->dataset : NULL;
}

const LbDicomElement *
lb_dicom_file_lookup (const LbDicomFile *file, uint32_t tag)
{
  if (file == NULL)
    return NULL;
  if (LB_DICOM_TAG_GROUP (tag) == 0x0002)
    return lb_dicom_dataset_lookup (&file->meta, tag);
  return lb_dicom_dataset_lookup (&file->dataset, tag);
}

const char *
lb_dicom_file_get_transfer_syntax (const LbDicomFile *file)
{
  if (file == NULL || file->transfer_syntax[0] == '\0')
    return NULL;
  return file->transfer_syntax;
}

bool
lb_dicom_file_has_preamble (const LbDicomFile *file)
{
  return file != NULL && file->has_preamble;
}

bool
lb_dicom_file_is_big_endian (const LbDicomFile *file)
{
  return file != NULL && file->big_endian;
}

bool
lb_dicom_file_is_explicit_vr (const LbDicomFile *file)
{
  return file != NULL && file->explicit_vr;
}

bool
lb_dicom_file_is_deflated (const LbDicomFile *file)
{
  return file != NULL && file->deflated;
}

const uint8_t *
lb_dicom_file_get_bytes (const LbDicomFile *file, size_t *len)
{
  if (file == NULL)
    {
      if (len != NULL)
        *len = 0;
      return NULL;
    }
  if (len != NULL)
    *len = file->bytes_len;
  return file->bytes;
}

const LbDicomLimits *
lb_dicom_file_get_limits (const LbDicomFile *file)
{
  return file != NULL ? &file->limits : NULL;
}

/* ---- Datasets ----------------------------------------------------------------------------- */

size_t
lb_dicom_dataset_count (const LbDicomDataset *ds)
{
  return ds != NULL ? ds->count : 0;
}

const LbDicomElement *
lb_dicom_dataset_get (const LbDicomDataset *ds, size_t index)
{
  if (ds == NULL || index >= ds->count)
    return NULL;
  return &ds->elements[index];
}

const LbDicomElement *
lb_dicom_dataset_lookup (const LbDicomDataset *ds, uint32_t tag)
{
  if (ds == NULL || ds->count == 0)
    return NULL;
  if (ds->sorted)
    {
      size_t lo = 0, hi = ds->count;
      while (lo < hi)
        {
          size_t mid = lo + (hi - lo) / 2;
          uint32_t t = ds->elements[mid].tag;
          if (t == tag)
            return &ds->elements[mid];
          if (t < tag)
            lo = mid + 1;
          else
            hi = mid;
        }
      return NULL;
    }
  /* Unsorted datasets are malformed but read; the first occurrence wins, as in DCMTK. */
  for (size_t i = 0; i < ds->count; i++)
    if (ds->elements[i].tag == tag)
      return &ds->elements[i];
  return NULL;
}

/* A merge of the sorted elements with the sorted tags: a sorted dataset's tags are strictly
 * ascending (dicom-parse.c, the scanner's kept elements), so each tag is there once or not. */
void
lb_dicom_dataset_lookup_tags (const LbDicomDataset *ds, const uint32_t *tags, size_t n,
                              const LbDicomElement **out)
{
  if (ds == NULL || !ds->sorted)
    {
      for (size_t j = 0; j < n; j++)
        out[j] = lb_dicom_dataset_lookup (ds, tags[j]);
      return;
    }
  /* Each tag's answer is written as the merge passes it: no clearing first. */
  const LbDicomElement *e = ds->elements, *end = e + ds->count;
  size_t j = 0;
  for (; e < end && j < n; e++)
    {
      uint32_t t = e->tag;
      while (j < n && tags[j] < t)
        out[j++] = NULL;
      if (j < n && tags[j] == t)
        out[j++] = e;
    }
  for (; j < n; j++)
    out[j] = NULL;
}

const char *
lb_dicom_dataset_get_charset (const LbDicomDataset *ds)
{
  return ds != NULL ? ds->charset : NULL;
}

uint32_t
lb_dicom_dataset_get_depth (const LbDicomDataset *ds)
{
  return ds != NULL ? ds->depth : 0;
}

uint64_t
lb_dicom_dataset_get_offset (const LbDicomDataset *ds)
{
  return ds != NULL ? ds->offset : 0;
}

/* ---- Elements ----------------------------------------------------------------------------- */

uint32_t
lb_dicom_element_get_tag (const LbDicomElement *el)
{
  return el != NULL ? el->tag : LB_DICOM_NO_TAG;
}

LbDicomVR
lb_dicom_element_get_vr (const LbDicomElement *el)
{
  return el != NULL ? (LbDicomVR) el->vr : LB_DICOM_VR_NONE;
}

uint32_t
lb_dicom_element_get_length (const LbDicomElement *el)
{
  return el != NULL ? el->length : 0;
}

uint64_t
lb_dicom_element_get_offset (const LbDicomElement *el)
{
  return el != NULL ? el->offset : 0;
}

const uint8_t *
lb_dicom_element_get_bytes (const LbDicomElement *el, size_t *len)
{
  if (el == NULL || el->value == NULL)
    {
      if (len != NULL)
        *len = 0;
      return NULL;
    }
  if (len != NULL)
    *len = el->value_len;
  return el->value;
}

bool
lb_dicom_element_is_big_endian (const LbDicomElement *el)
{
  return el != NULL && (el->flags & LB_ELEMENT_BIG_ENDIAN);
}

const LbDicomDataset *
lb_dicom_element_get_parent (const LbDicomElement *el)
{
  return el != NULL ? el->parent : NULL;
}

bool
lb_dicom_element_is_sequence (const LbDicomElement *el)
{
  return el != NULL && (el->flags & LB_ELEMENT_SEQUENCE);
}

size_t
lb_dicom_element_get_item_count (const LbDicomElement *el)
{
  return lb_dicom_element_is_sequence (el) ? el->count : 0;
}

const LbDicomDataset *
lb_dicom_element_get_item (const LbDicomElement *el, size_t index)
{
  if (!lb_dicom_element_is_sequence (el) || index >= el->count)
    return NULL;
  return el->u.items[index];
}

bool
lb_dicom_element_is_encapsulated (const LbDicomElement *el)
{
  return el != NULL && (el->flags & LB_ELEMENT_ENCAPSULATED);
}

size_t
lb_dicom_element_get_fragment_count (const LbDicomElement *el)
{
  return lb_dicom_element_is_encapsulated (el) ? el->count : 0;
}

const uint8_t *
lb_dicom_element_get_fragment (const LbDicomElement *el, size_t index, size_t *len,
                               uint64_t *offset)
{
  if (!lb_dicom_element_is_encapsulated (el) || index >= el->count)
    {
      if (len != NULL)
        *len = 0;
      if (offset != NULL)
        *offset = 0;
      return NULL;
    }
  const LbDicomFragment *f = &el->u.fragments[index];
  if (len != NULL)
    *len = f->length;
  if (offset != NULL)
    *offset = f->offset;
  return f->data;
}

const char *
lb_dicom_element_get_private_creator (const LbDicomElement *el)
{
  /* The parser found the creator once, in constant time (dicom-creator-map.c): looking it up
   * here scanned unsorted datasets, which made `dump` quadratic in private elements. */
  if (el == NULL || el->creator_index == 0 || el->parent == NULL
      || el->creator_index > el->parent->count)
    return NULL;
  return el->parent->elements[el->creator_index - 1].u.creator;
}

const char *
lb_dicom_element_get_keyword (const LbDicomElement *el)
{
  if (el == NULL)
    return NULL;
  if (lb_tag_is_private_creator (el->tag))
    return "PrivateCreator";
  if (lb_tag_is_private (el->tag) && LB_DICOM_TAG_ELEMENT (el->tag) != 0)
    return NULL;   /* private dictionaries have names, no keywords */
  LbDicomDictEntry d;
  return lb_dicom_dict_lookup (el->tag, &d) ? d.keyword : NULL;
}

const char *
lb_dicom_element_get_name (const LbDicomElement *el)
{
  if (el == NULL)
    return NULL;
  if (lb_tag_is_private_creator (el->tag))
    return "Private Creator";
  if (lb_tag_is_private (el->tag) && LB_DICOM_TAG_ELEMENT (el->tag) != 0)
    {
      LbDicomPrivateEntry e;
      if (lb_dicom_private_dict_lookup (lb_dicom_element_get_private_creator (el), el->tag, &e))
        return e.name;
      return NULL;
    }
  LbDicomDictEntry d;
  return lb_dicom_dict_lookup (el->tag, &d) ? d.name : NULL;
}
