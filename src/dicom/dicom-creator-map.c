/* dicom-creator-map.c: the private creators of the datasets being parsed, found in constant
 * time, and the VR a private element gets from its creator's dictionary.
 *
 * A private element (gggg,bbee) belongs to the creator (gggg,00bb) of the same dataset. Looking
 * that element up by scanning an unsorted dataset made reading (and `dump`) quadratic in the
 * number of private elements; the parser now records each creator in this map as it reads it,
 * keyed by the dataset's serial number and the creator's tag, and gives every private element
 * the index of its creator once.
 *
 * Open addressing with linear probing; the table doubles at half load. Keys are never removed:
 * a file holds at most limits.max_elements creators. */
#include "dicom-private.h"

#include <stdlib.h>

static uint64_t
key_of (uint32_t serial, uint32_t creator_tag)
{
  return ((uint64_t) serial << 32) | creator_tag;
}

static size_t
slot_of (uint64_t key, size_t cap)
{
  /* Fibonacci hashing: tags of one group differ only in their low byte. */
  return (size_t) ((key * 0x9e3779b97f4a7c15ull) >> 20) & (cap - 1);
}

static bool
grow (LbCreatorMap *m)
{
  size_t cap = m->cap != 0 ? m->cap * 2 : 64;
  uint64_t *keys = calloc (cap, sizeof *keys);
  uint32_t *values = calloc (cap, sizeof *values);
  if (keys == NULL || values == NULL)
    {
      free (keys);
      free (values);
      return false;
    }
  for (size_t i = 0; i < m->cap; i++)
    if (m->keys[i] != 0)
      {
        size_t s = slot_of (m->keys[i], cap);
        while (keys[s] != 0)
          s = (s + 1) & (cap - 1);
        keys[s] = m->keys[i];
        values[s] = m->values[i];
      }
  free (m->keys);
  free (m->values);
  m->keys = keys;
  m->values = values;
  m->cap = cap;
  return true;
}

bool
lb_creator_map_put (LbCreatorMap *m, uint32_t serial, uint32_t creator_tag, uint32_t index)
{
  if ((m->count + 1) * 2 > m->cap && !grow (m))
    return false;
  uint64_t key = key_of (serial, creator_tag);   /* never 0: serials start at 1 */
  size_t s = slot_of (key, m->cap);
  while (m->keys[s] != 0)
    {
      if (m->keys[s] == key)
        return true;   /* a creator repeated: the first one stays, as in a dataset lookup */
      s = (s + 1) & (m->cap - 1);
    }
  m->keys[s] = key;
  m->values[s] = index;
  m->count++;
  return true;
}

bool
lb_creator_map_get (const LbCreatorMap *m, uint32_t serial, uint32_t creator_tag,
                    uint32_t *index)
{
  if (m->cap == 0)
    return false;
  uint64_t key = key_of (serial, creator_tag);
  for (size_t s = slot_of (key, m->cap); m->keys[s] != 0; s = (s + 1) & (m->cap - 1))
    if (m->keys[s] == key)
      {
        *index = m->values[s];
        return true;
      }
  return false;
}

void
lb_creator_map_free (LbCreatorMap *m)
{
  free (m->keys);
  free (m->values);
  *m = (LbCreatorMap) { 0 };
}

/* Bytes of one value of the VRs whose length must be a multiple of it. */
static uint32_t
fixed_size (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_US: case LB_DICOM_VR_SS: case LB_DICOM_VR_OW: return 2;
    case LB_DICOM_VR_UL: case LB_DICOM_VR_SL: case LB_DICOM_VR_FL: case LB_DICOM_VR_AT:
    case LB_DICOM_VR_OL: case LB_DICOM_VR_OF: return 4;
    case LB_DICOM_VR_FD: case LB_DICOM_VR_SV: case LB_DICOM_VR_UV: case LB_DICOM_VR_OD:
    case LB_DICOM_VR_OV: return 8;
    default: return 1;
    }
}

LbDicomVR
lb_private_vr (const char *creator, uint32_t tag, uint32_t length)
{
  LbDicomPrivateEntry e;
  if (!lb_dicom_private_dict_lookup (creator, tag, &e))
    return LB_DICOM_VR_UN;
  /* A value that cannot be of the dictionary's VR stays opaque: pydicom gives up on it too. */
  if (length != LB_DICOM_UNDEFINED_LENGTH && length % fixed_size (e.vr) != 0)
    return LB_DICOM_VR_UN;
  return e.vr;
}
