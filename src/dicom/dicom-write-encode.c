/* dicom-write-encode.c: the PS3.10 encoding of a dataset under construction (dicom-write.c):
 * the file meta group, explicit or implicit VR little endian, deflated when asked. Writing files
 * atomically is in dicom-write-file.c. */
#include "lb-dicom-write.h"

#include <stdlib.h>
#include <string.h>

#include "dicom-error.h"
#include "dicom-write-internal.h"

#define TAG_ITEM           LB_DICOM_TAG (0xfffe, 0xe000)
#define TAG_SEQ_DELIM      LB_DICOM_TAG (0xfffe, 0xe0dd)
#define TAG_SOP_CLASS      LB_DICOM_TAG (0x0008, 0x0016)
#define TAG_SOP_INSTANCE   LB_DICOM_TAG (0x0008, 0x0018)

/* Encoded size of a dataset's elements; false when a sequence or item overflows 32 bits. */
static bool dataset_size (const LbDicomBuilder *b, bool implicit, uint64_t *out,
                          LbDicomError **error);

static bool
element_size (const LbWriteElement *el, bool implicit, uint64_t *value_len, uint64_t *total,
              LbDicomError **error)
{
  /* Implicit VR: tag and a 4-byte length. Explicit: 2-byte length, or 4 after reserved bytes. */
  uint64_t header = !implicit && lb_write_vr_info[el->vr].long_length ? 12 : 8;
  uint64_t v = 0;
  if (el->vr == LB_DICOM_VR_SQ)
    {
      for (size_t i = 0; i < el->n_items; i++)
        {
          uint64_t item;
          if (!dataset_size (el->items[i], implicit, &item, error))
            return false;
          if (item > LB_WRITE_MAX_DEFINED_LENGTH)
            goto too_long;
          v += 8 + item;
        }
    }
  else if (el->encapsulated)
    {
      for (size_t i = 0; i < el->n_fragments; i++)
        v += 8 + el->fragment_lens[i];
      v += 8;   /* sequence delimiter; the element itself has undefined length */
    }
  else
    v = el->len;
  if (v > LB_WRITE_MAX_DEFINED_LENGTH)
    goto too_long;
  *value_len = v;
  *total = header + v;
  return true;

too_long:
  return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, el->tag, -1,
                             "(%04X,%04X) is too long for a 32-bit length",
                             LB_DICOM_TAG_GROUP (el->tag), LB_DICOM_TAG_ELEMENT (el->tag));
}

static bool
dataset_size (const LbDicomBuilder *b, bool implicit, uint64_t *out, LbDicomError **error)
{
  uint64_t sum = 0;
  for (size_t i = 0; i < b->n; i++)
    {
      uint64_t v, t;
      if (!element_size (&b->elements[i], implicit, &v, &t, error))
        return false;
      sum += t;
    }
  *out = sum;
  return true;
}

static uint8_t *
put_tag (uint8_t *p, uint32_t tag)
{
  lb_write_put_le (p, LB_DICOM_TAG_GROUP (tag), 2);
  lb_write_put_le (p + 2, LB_DICOM_TAG_ELEMENT (tag), 2);
  return p + 4;
}

static uint8_t *
put_header (uint8_t *p, uint32_t tag, LbDicomVR vr, uint32_t len, bool implicit)
{
  p = put_tag (p, tag);
  if (implicit)
    {
      lb_write_put_le (p, len, 4);
      return p + 4;
    }
  p[0] = (uint8_t) lb_write_vr_info[vr].name[0];
  p[1] = (uint8_t) lb_write_vr_info[vr].name[1];
  if (lb_write_vr_info[vr].long_length)
    {
      p[2] = p[3] = 0;
      lb_write_put_le (p + 4, len, 4);
      return p + 8;
    }
  lb_write_put_le (p + 2, len, 2);
  return p + 4;
}

/* Writes a dataset whose size was checked by dataset_size. */
static uint8_t *
encode_dataset (const LbDicomBuilder *b, bool implicit, uint8_t *p)
{
  for (size_t i = 0; i < b->n; i++)
    {
      const LbWriteElement *el = &b->elements[i];
      uint64_t v = 0, t = 0;
      element_size (el, implicit, &v, &t, NULL);
      if (el->encapsulated)
        {
          p = put_header (p, el->tag, el->vr, LB_DICOM_UNDEFINED_LENGTH, implicit);
          for (size_t f = 0; f < el->n_fragments; f++)
            {
              p = put_tag (p, TAG_ITEM);
              lb_write_put_le (p, el->fragment_lens[f], 4);
              p += 4;
              memcpy (p, el->fragments[f], el->fragment_lens[f]);
              p += el->fragment_lens[f];
            }
          p = put_tag (p, TAG_SEQ_DELIM);
          lb_write_put_le (p, 0, 4);
          p += 4;
          continue;
        }
      p = put_header (p, el->tag, el->vr, (uint32_t) v, implicit);
      if (el->vr == LB_DICOM_VR_SQ)
        {
          for (size_t k = 0; k < el->n_items; k++)
            {
              uint64_t item = 0;
              dataset_size (el->items[k], implicit, &item, NULL);
              p = put_tag (p, TAG_ITEM);
              lb_write_put_le (p, item, 4);
              p = encode_dataset (el->items[k], implicit, p + 4);
            }
        }
      else if (el->len > 0)
        {
          memcpy (p, el->value, el->len);
          p += el->len;
        }
    }
  return p;
}

/* The value of a top-level UI element without its padding, in buf; NULL if absent or empty. */
static const char *
get_uid (const LbDicomBuilder *b, uint32_t tag, char buf[65])
{
  bool found;
  size_t i = lb_dicom_builder_find (b, tag, &found);
  if (!found || b->elements[i].value == NULL)
    return NULL;
  size_t len = b->elements[i].len;
  while (len > 0 && (b->elements[i].value[len - 1] == '\0' || b->elements[i].value[len - 1] == ' '))
    len--;
  if (len == 0 || len > 64)
    return NULL;
  memcpy (buf, b->elements[i].value, len);
  buf[len] = '\0';
  return buf;
}

static bool
is_native_syntax (const char *ts)
{
  return strcmp (ts, "1.2.840.10008.1.2") == 0 || strcmp (ts, "1.2.840.10008.1.2.1") == 0
         || strcmp (ts, "1.2.840.10008.1.2.2") == 0 || strcmp (ts, "1.2.840.10008.1.2.1.99") == 0;
}

static bool
has_encapsulated (const LbDicomBuilder *b)
{
  for (size_t i = 0; i < b->n; i++)
    if (b->elements[i].encapsulated)
      return true;
  return false;
}

uint8_t *
lb_dicom_builder_encode (const LbDicomBuilder *builder, const LbDicomWriteOptions *options,
                         size_t *len, LbDicomError **error)
{
  static const LbDicomWriteOptions defaults = { 0 };
  const LbDicomWriteOptions *o = options != NULL ? options : &defaults;
  char class_buf[65], instance_buf[65];
  const char *sop_class = o->sop_class_uid;
  const char *sop_instance = o->sop_instance_uid;
  if (sop_class == NULL)
    sop_class = get_uid (builder, TAG_SOP_CLASS, class_buf);
  if (sop_instance == NULL)
    sop_instance = get_uid (builder, TAG_SOP_INSTANCE, instance_buf);
  const char *ts = o->transfer_syntax_uid ? o->transfer_syntax_uid : LB_DICOM_UID_EXPLICIT_VR_LE;

  if (sop_class == NULL || sop_instance == NULL)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, sop_class ? TAG_SOP_INSTANCE
                          : TAG_SOP_CLASS, -1, "the SOP Class and Instance UIDs are required");
      return NULL;
    }
  /* Explicit VR little endian datasets (which encapsulated syntaxes use too), implicit VR
   * little endian, and deflated explicit VR little endian: anonymize keeps each file's syntax.
   * Big endian is retired and not written. */
  bool native = is_native_syntax (ts);
  bool implicit = strcmp (ts, LB_DICOM_UID_IMPLICIT_VR_LE) == 0;
  bool deflated = strcmp (ts, LB_DICOM_UID_DEFLATED_EXPLICIT_VR_LE) == 0;
  if (native && strcmp (ts, LB_DICOM_UID_EXPLICIT_VR_LE) != 0 && !implicit && !deflated)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_NO_TAG, -1,
                          "writing transfer syntax %s is not supported", ts);
      return NULL;
    }
  if (native && has_encapsulated (builder))
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_TAG_PIXEL_DATA, -1,
                          "encapsulated pixel data needs an encapsulated transfer syntax");
      return NULL;
    }

  LbDicomBuilder *meta = lb_dicom_builder_new ();
  if (meta == NULL)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      return NULL;
    }
  /* Meta elements are added directly (set_bytes refuses group 0002 to everyone else). */
  static const uint8_t version[2] = { 0x00, 0x01 };
  const struct { uint16_t element; LbDicomVR vr; const void *value; size_t len; } m[] = {
    { 0x0001, LB_DICOM_VR_OB, version, 2 },
    { 0x0002, LB_DICOM_VR_UI, sop_class, strlen (sop_class) },
    { 0x0003, LB_DICOM_VR_UI, sop_instance, strlen (sop_instance) },
    { 0x0010, LB_DICOM_VR_UI, ts, strlen (ts) },
    { 0x0012, LB_DICOM_VR_UI, LB_DICOM_IMPLEMENTATION_CLASS_UID,
      strlen (LB_DICOM_IMPLEMENTATION_CLASS_UID) },
    { 0x0013, LB_DICOM_VR_SH, LB_DICOM_IMPLEMENTATION_VERSION,
      strlen (LB_DICOM_IMPLEMENTATION_VERSION) },
    { 0x0016, LB_DICOM_VR_AE, o->source_ae_title,
      o->source_ae_title ? strlen (o->source_ae_title) : 0 },
  };
  bool ok = true;
  for (size_t i = 0; ok && i < sizeof m / sizeof m[0]; i++)
    {
      if (m[i].value == NULL)
        continue;
      if (m[i].len > 64)
        {
          ok = lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT,
                                   LB_DICOM_TAG (2, m[i].element), -1, "file meta value too long");
          break;
        }
      LbWriteElement *el = lb_dicom_builder_slot (meta, LB_DICOM_TAG (0x0002, m[i].element), error);
      uint8_t *copy = malloc (m[i].len + 2);
      ok = el != NULL && copy != NULL;
      if (!ok)
        {
          free (copy);
          lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                              "out of memory");
          break;
        }
      memcpy (copy, m[i].value, m[i].len);
      el->len = m[i].len;
      if (el->len & 1)
        copy[el->len++] = m[i].vr == LB_DICOM_VR_UI ? '\0' : ' ';
      el->vr = m[i].vr;
      el->value = copy;
    }

  uint64_t meta_size = 0, body_size = 0;
  uint8_t *out = NULL;
  if (ok && dataset_size (meta, false, &meta_size, error)
      && dataset_size (builder, implicit, &body_size, error))
    {
      uint64_t total = 128 + 4 + 12 + meta_size + body_size;
      if (total > SIZE_MAX)
        lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1, "file too large");
      else if ((out = calloc (1, (size_t) total)) == NULL)
        lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      else
        {
          uint8_t *p = out + 128;
          memcpy (p, "DICM", 4);
          p = put_header (p + 4, LB_DICOM_TAG (0x0002, 0x0000), LB_DICOM_VR_UL, 4, false);
          lb_write_put_le (p, meta_size, 4);
          p = encode_dataset (meta, false, p + 4);
          uint8_t *body = p;
          p = encode_dataset (builder, implicit, p);
          *len = (size_t) (p - out);
          if (deflated && !lb_dicom_write_deflate_body (&out, (size_t) (body - out), len, error))
            {
              free (out);
              out = NULL;
            }
        }
    }
  lb_dicom_builder_free (meta);
  return out;
}
