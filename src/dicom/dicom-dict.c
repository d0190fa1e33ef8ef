/* dicom-dict.c: the PS3.6 data dictionary and UID registry lookups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables live in the generated dicom-dict-table.h (tools/gen-dict.py). They are static const
 * data, sorted at generation time, so there is no start-up cost and no global mutable state. Their
 * rows hold offsets into string pools, not pointers: pointers would need a relocation each (some
 * 21,000), written at every start of every program that links the parser. A lookup fills the
 * caller's LbDicomDictEntry with pointers into the pools.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dicom-private.h"

typedef struct {
  uint32_t tag;
  uint32_t mask;
  uint32_t keyword;        /* offset into dict_strings */
  uint32_t name;           /* offset into dict_strings */
  uint8_t vr;              /* index into dict_vrs: "PN", "US or SS", ... */
  uint8_t vm;              /* index into dict_vms */
  bool retired;
  uint8_t implicit_vr;     /* LbDicomVR an implicit-VR reader uses: first VR, "OB or OW" -> OW */
} DictRow;

typedef struct {
  uint32_t uid;            /* offset into uid_strings */
  uint32_t name;           /* offset into uid_strings */
  bool is_transfer_syntax;
  bool retired;
} UidRow;

#define V(x) LB_DICOM_VR_##x
#include "dicom-dict-table.h"
#undef V

/* PS3.5 7.2: every group may carry a group length (gggg,0000), UL. Only the command and the file
 * meta group lengths are still listed in PS3.6; the others were retired from it but still occur
 * in old files, so the implicit-VR reader must know they are UL. */
static void
fill_group_length_entry (LbDicomDictEntry *out)
{
  *out = (LbDicomDictEntry) {
    0x00000000u, 0x0000ffffu, "GroupLength", "Group Length", "UL", "1", true,
  };
}

static void
fill_entry (const DictRow *row, LbDicomDictEntry *out)
{
  *out = (LbDicomDictEntry) {
    .tag = row->tag,
    .mask = row->mask,
    .keyword = dict_strings + row->keyword,
    .name = dict_strings + row->name,
    .vr = dict_vrs[row->vr],
    .vm = dict_vms[row->vm],
    .retired = row->retired,
  };
}

/* PS3.5 7.8.1: (gggg,0010-00FF) of an odd group reserves a private block; its value is LO. */
static inline bool
is_private_creator (uint32_t tag)
{
  uint16_t element = LB_DICOM_TAG_ELEMENT (tag);
  return (LB_DICOM_TAG_GROUP (tag) & 1) && element >= 0x0010 && element <= 0x00ff;
}

static int
compare_tag (const void *key, const void *member)
{
  uint32_t tag = *(const uint32_t *) key;
  uint32_t other = ((const DictRow *) member)->tag;
  return tag < other ? -1 : tag > other ? 1 : 0;
}

static const DictRow *
lookup_row (uint32_t tag)
{
  const DictRow *row = bsearch (&tag, dict_rows, DICT_N_EXACT, sizeof dict_rows[0], compare_tag);
  if (row != NULL)
    return row;

  /* Odd groups are private (or, for 0001-0007 and FFFF, illegal): a 60xx mask would otherwise
   * claim (6001,3000), which belongs to whoever reserved it. */
  if (LB_DICOM_TAG_GROUP (tag) & 1)
    return NULL;

  for (size_t i = DICT_N_EXACT; i < DICT_N_EXACT + DICT_N_REPEATERS; i++)
    if ((tag & dict_rows[i].mask) == dict_rows[i].tag)
      return &dict_rows[i];
  return NULL;
}

bool
lb_dicom_dict_lookup (uint32_t tag, LbDicomDictEntry *out)
{
  const DictRow *row = lookup_row (tag);

  if (row != NULL)
    {
      if (out != NULL)
        fill_entry (row, out);
      return true;
    }
  if (LB_DICOM_TAG_ELEMENT (tag) == 0x0000)
    {
      if (out != NULL)
        fill_group_length_entry (out);
      return true;
    }
  return false;
}

bool
lb_dicom_dict_lookup_keyword (const char *keyword, LbDicomDictEntry *out)
{
  size_t lo = 0, hi = DICT_N_KEYWORDS;

  if (keyword == NULL || keyword[0] == '\0')
    return false;

  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      const DictRow *row = &dict_rows[dict_keyword_index[mid]];
      int cmp = strcmp (keyword, dict_strings + row->keyword);

      if (cmp == 0)
        {
          if (out != NULL)
            fill_entry (row, out);
          return true;
        }
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return false;
}

LbDicomVR
lb_dicom_dict_vr (uint32_t tag)
{
  bool ambiguous;
  return lb_dicom_dict_vr_ambiguous (tag, &ambiguous);
}

LbDicomVR
lb_dicom_dict_vr_ambiguous (uint32_t tag, bool *ambiguous)
{
  const DictRow *row;

  *ambiguous = false;
  if (LB_DICOM_TAG_ELEMENT (tag) == 0x0000)
    return LB_DICOM_VR_UL;
  /* Private creators are LO by definition; reading them as UN would hide the creator string
   * that names the private block. */
  if (is_private_creator (tag))
    return LB_DICOM_VR_LO;

  row = lookup_row (tag);
  if (row == NULL)
    return LB_DICOM_VR_UN;
  /* "OB or OW" is always OW in implicit VR (PS3.5 A.1); "US or SS or OW" (Gray Lookup Table
   * Data, retired) is left at US, as pydicom leaves it. */
  const char *vr = dict_vrs[row->vr];
  *ambiguous = strcmp (vr, "US or SS") == 0 || strcmp (vr, "US or OW") == 0;
  return (LbDicomVR) row->implicit_vr;
}

static int
compare_uid (const void *key, const void *member)
{
  return strcmp ((const char *) key, uid_strings + ((const UidRow *) member)->uid);
}

static const UidRow *
lookup_uid (const char *uid)
{
  char buf[72];
  size_t len;

  if (uid == NULL)
    return NULL;
  /* UI values are padded to even length with a NUL, and some writers pad with a space; accept a
   * value straight from the file. */
  len = strnlen (uid, sizeof buf);
  if (len == sizeof buf)
    return NULL;   /* longer than any UID (64 characters at most) */
  while (len > 0 && uid[len - 1] == ' ')
    len--;
  memcpy (buf, uid, len);
  buf[len] = '\0';

  return bsearch (buf, uid_rows, UID_N_ROWS, sizeof uid_rows[0], compare_uid);
}

const char *
lb_dicom_uid_name (const char *uid)
{
  const UidRow *row = lookup_uid (uid);
  return row != NULL ? uid_strings + row->name : NULL;
}

const char *
lb_dicom_transfer_syntax_name (const char *uid)
{
  const UidRow *row = lookup_uid (uid);
  return row != NULL && row->is_transfer_syntax ? uid_strings + row->name : NULL;
}
