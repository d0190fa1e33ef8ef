/* dicom-write.c: datasets under construction (lb-dicom-write.h): setting and copying their
 * elements. Their PS3.10 encoding is in dicom-write-encode.c, writing files atomically in
 * dicom-write-file.c. */
#define _GNU_SOURCE   /* renameat2, newlocale/uselocale */
#include "lb-dicom-write.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dicom-error.h"
#include "dicom-write-internal.h"

/* The VR letters and value sizes the writer uses (see dicom-write-internal.h). */
const LbWriteVr lb_write_vr_info[LB_DICOM_VR_COUNT] = {
  [LB_DICOM_VR_AE] = { "AE", 0, false, true },  [LB_DICOM_VR_AS] = { "AS", 0, false, true },
  [LB_DICOM_VR_AT] = { "AT", 2, false, false }, [LB_DICOM_VR_CS] = { "CS", 0, false, true },
  [LB_DICOM_VR_DA] = { "DA", 0, false, true },  [LB_DICOM_VR_DS] = { "DS", 0, false, true },
  [LB_DICOM_VR_DT] = { "DT", 0, false, true },  [LB_DICOM_VR_FD] = { "FD", 8, false, false },
  [LB_DICOM_VR_FL] = { "FL", 4, false, false }, [LB_DICOM_VR_IS] = { "IS", 0, false, true },
  [LB_DICOM_VR_LO] = { "LO", 0, false, true },  [LB_DICOM_VR_LT] = { "LT", 0, false, true },
  [LB_DICOM_VR_OB] = { "OB", 0, true, false },  [LB_DICOM_VR_OD] = { "OD", 8, true, false },
  [LB_DICOM_VR_OF] = { "OF", 4, true, false },  [LB_DICOM_VR_OL] = { "OL", 4, true, false },
  [LB_DICOM_VR_OV] = { "OV", 8, true, false },  [LB_DICOM_VR_OW] = { "OW", 2, true, false },
  [LB_DICOM_VR_PN] = { "PN", 0, false, true },  [LB_DICOM_VR_SH] = { "SH", 0, false, true },
  [LB_DICOM_VR_SL] = { "SL", 4, false, false }, [LB_DICOM_VR_SQ] = { "SQ", 0, true, false },
  [LB_DICOM_VR_SS] = { "SS", 2, false, false }, [LB_DICOM_VR_ST] = { "ST", 0, false, true },
  [LB_DICOM_VR_SV] = { "SV", 8, true, false },  [LB_DICOM_VR_TM] = { "TM", 0, false, true },
  [LB_DICOM_VR_UC] = { "UC", 0, true, true },   [LB_DICOM_VR_UI] = { "UI", 0, false, true },
  [LB_DICOM_VR_UL] = { "UL", 4, false, false }, [LB_DICOM_VR_UN] = { "UN", 0, true, false },
  [LB_DICOM_VR_UR] = { "UR", 0, true, true },   [LB_DICOM_VR_US] = { "US", 2, false, false },
  [LB_DICOM_VR_UT] = { "UT", 0, true, true },   [LB_DICOM_VR_UV] = { "UV", 8, true, false },
};

static bool
vr_valid (LbDicomVR vr)
{
  return vr > LB_DICOM_VR_NONE && vr < LB_DICOM_VR_COUNT;
}

static void
element_clear (LbWriteElement *el)
{
  free (el->value);
  for (size_t i = 0; i < el->n_items; i++)
    lb_dicom_builder_free (el->items[i]);
  free (el->items);
  for (size_t i = 0; i < el->n_fragments; i++)
    free (el->fragments[i]);
  free (el->fragments);
  free (el->fragment_lens);
  memset (el, 0, sizeof *el);
}

LbDicomBuilder *
lb_dicom_builder_new (void)
{
  return calloc (1, sizeof (LbDicomBuilder));
}

void
lb_dicom_builder_free (LbDicomBuilder *builder)
{
  if (builder == NULL)
    return;
  for (size_t i = 0; i < builder->n; i++)
    element_clear (&builder->elements[i]);
  free (builder->elements);
  free (builder);
}

size_t
lb_dicom_builder_count (const LbDicomBuilder *builder)
{
  return builder->n;
}

size_t
lb_dicom_builder_find (const LbDicomBuilder *builder, uint32_t tag, bool *found)
{
  size_t lo = 0, hi = builder->n;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (builder->elements[mid].tag < tag)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = lo < builder->n && builder->elements[lo].tag == tag;
  return lo;
}

bool
lb_dicom_builder_has (const LbDicomBuilder *builder, uint32_t tag)
{
  bool found;
  lb_dicom_builder_find (builder, tag, &found);
  return found;
}

bool
lb_dicom_builder_remove (LbDicomBuilder *builder, uint32_t tag)
{
  bool found;
  size_t i = lb_dicom_builder_find (builder, tag, &found);
  if (!found)
    return false;
  element_clear (&builder->elements[i]);
  memmove (&builder->elements[i], &builder->elements[i + 1],
           (builder->n - i - 1) * sizeof (LbWriteElement));
  builder->n--;
  return true;
}

LbWriteElement *
lb_dicom_builder_slot (LbDicomBuilder *builder, uint32_t tag, LbDicomError **error)
{
  bool found;
  size_t i = lb_dicom_builder_find (builder, tag, &found);
  if (found)
    {
      element_clear (&builder->elements[i]);
      builder->elements[i].tag = tag;
      return &builder->elements[i];
    }
  if (builder->n == builder->cap)
    {
      size_t cap = builder->cap ? builder->cap * 2 : 32;
      LbWriteElement *els = realloc (builder->elements, cap * sizeof (LbWriteElement));
      if (els == NULL)
        {
          lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
          return NULL;
        }
      builder->elements = els;
      builder->cap = cap;
    }
  memmove (&builder->elements[i + 1], &builder->elements[i],
           (builder->n - i) * sizeof (LbWriteElement));
  builder->n++;
  memset (&builder->elements[i], 0, sizeof (LbWriteElement));
  builder->elements[i].tag = tag;
  return &builder->elements[i];
}

static bool
check_tag (uint32_t tag, LbDicomError **error)
{
  /* Group 0002 is generated from the options; delimiters and group lengths are structure. */
  if (LB_DICOM_TAG_GROUP (tag) == 0x0002 || LB_DICOM_TAG_GROUP (tag) == 0xfffe
      || LB_DICOM_TAG_ELEMENT (tag) == 0x0000)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "(%04X,%04X) is written by the writer itself",
                               LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag));
  return true;
}

bool
lb_dicom_builder_set_bytes (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                            const void *value, size_t len, LbDicomError **error)
{
  if (!check_tag (tag, error))
    return false;
  if (!vr_valid (vr) || vr == LB_DICOM_VR_SQ)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "invalid VR for (%04X,%04X)", LB_DICOM_TAG_GROUP (tag),
                               LB_DICOM_TAG_ELEMENT (tag));
  if (lb_write_vr_info[vr].unit > 1 && len % lb_write_vr_info[vr].unit != 0)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "value of (%04X,%04X) is not a whole number of %s values",
                               LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag),
                               lb_write_vr_info[vr].name);
  size_t padded = len + (len & 1);
  if (padded > (lb_write_vr_info[vr].long_length ? LB_WRITE_MAX_DEFINED_LENGTH : 0xfffeu))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, tag, -1,
                               "value of (%04X,%04X) is too long for its VR %s",
                               LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag),
                               lb_write_vr_info[vr].name);
  uint8_t *copy = malloc (padded ? padded : 1);
  if (copy == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
  if (len > 0)
    memcpy (copy, value, len);
  if (padded != len)
    copy[len] = vr == LB_DICOM_VR_UI || !lb_write_vr_info[vr].string ? '\0' : ' ';

  LbWriteElement *el = lb_dicom_builder_slot (builder, tag, error);
  if (el == NULL)
    {
      free (copy);
      return false;
    }
  el->vr = vr;
  el->value = copy;
  el->len = padded;
  return true;
}

bool
lb_dicom_builder_set_string (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                             const char *value, LbDicomError **error)
{
  if (!vr_valid (vr) || !lb_write_vr_info[vr].string)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "(%04X,%04X): VR is not a string VR", LB_DICOM_TAG_GROUP (tag),
                               LB_DICOM_TAG_ELEMENT (tag));
  return lb_dicom_builder_set_bytes (builder, tag, vr, value, value ? strlen (value) : 0, error);
}

static bool
set_numbers (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr, const uint64_t *u,
             const int64_t *s, size_t n, LbDicomError **error)
{
  if (vr != LB_DICOM_VR_US && vr != LB_DICOM_VR_SS && vr != LB_DICOM_VR_UL
      && vr != LB_DICOM_VR_SL && vr != LB_DICOM_VR_SV && vr != LB_DICOM_VR_UV)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "(%04X,%04X): VR is not a binary integer VR",
                               LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag));
  unsigned size = lb_write_vr_info[vr].unit;
  if (n > 0xfffeu / size)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, tag, -1, "too many values");
  uint8_t buf[0xfffe];
  for (size_t i = 0; i < n; i++)
    lb_write_put_le (buf + i * size, u != NULL ? u[i] : (uint64_t) s[i], size);
  return lb_dicom_builder_set_bytes (builder, tag, vr, buf, n * size, error);
}

bool
lb_dicom_builder_set_uint (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                           const uint64_t *values, size_t n, LbDicomError **error)
{
  return set_numbers (builder, tag, vr, values, NULL, n, error);
}

bool
lb_dicom_builder_set_int (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                          const int64_t *values, size_t n, LbDicomError **error)
{
  return set_numbers (builder, tag, vr, NULL, values, n, error);
}

bool
lb_dicom_builder_set_u16 (LbDicomBuilder *builder, uint32_t tag, uint16_t value,
                          LbDicomError **error)
{
  uint64_t v = value;
  return set_numbers (builder, tag, LB_DICOM_VR_US, &v, NULL, 1, error);
}

/* Formats a DS value in at most 16 characters: the shortest precision that reads back exactly,
 * else the most precise that fits. The "C" locale keeps the decimal point a '.' whatever
 * LC_NUMERIC the program runs under (the CLI calls setlocale). */
static bool
format_ds (double v, char out[17], locale_t c_locale)
{
  locale_t old = uselocale (c_locale);
  bool ok = false;
  char best[32] = "";
  /* Fixed notation first ("10", "1.25", "-159.375"): %g would write 10 as "1e+01". */
  double mag = v < 0 ? -v : v;
  if (mag == 0 || (mag >= 1e-4 && mag < 1e15))
    for (int decimals = 0; decimals <= 15 && !ok; decimals++)
      {
        char tmp[64];
        int n = snprintf (tmp, sizeof tmp, "%.*f", decimals, v);
        if (n > 0 && n <= 16 && strtod (tmp, NULL) == v)
          {
            memcpy (best, tmp, (size_t) n + 1);
            ok = true;
          }
      }
  for (int prec = 1; prec <= 17 && !ok; prec++)
    {
      char tmp[32];
      int n = snprintf (tmp, sizeof tmp, "%.*g", prec, v);
      if (n <= 0 || n > 16)
        continue;
      memcpy (best, tmp, (size_t) n + 1);
      if (strtod (tmp, NULL) == v)
        ok = true;
    }
  if (!ok && best[0] != '\0')   /* no exact form fits: the most precise one that does */
    ok = true;
  uselocale (old);
  if (ok)
    memcpy (out, best, strlen (best) + 1);
  return ok;
}

bool
lb_dicom_builder_set_ds (LbDicomBuilder *builder, uint32_t tag, const double *values,
                         size_t n, LbDicomError **error)
{
  if (n > 0xfffe / 17)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, tag, -1, "too many values");
  locale_t c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  if (c_locale == (locale_t) 0)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
  char buf[0xffff];
  size_t len = 0;
  bool ok = true;
  for (size_t i = 0; i < n && ok; i++)
    {
      char one[17];
      ok = values[i] == values[i] && values[i] - values[i] == 0   /* not NaN or infinite */
           && format_ds (values[i], one, c_locale);
      if (!ok)
        break;
      if (i > 0)
        buf[len++] = '\\';
      size_t l = strlen (one);
      memcpy (buf + len, one, l);
      len += l;
    }
  freelocale (c_locale);
  if (!ok)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "(%04X,%04X): value cannot be written as DS",
                               LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag));
  return lb_dicom_builder_set_bytes (builder, tag, LB_DICOM_VR_DS, buf, len, error);
}

bool
lb_dicom_builder_set_is (LbDicomBuilder *builder, uint32_t tag, int64_t value,
                         LbDicomError **error)
{
  if (value < INT32_MIN || value > INT32_MAX)   /* IS is limited to a signed 32-bit range */
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "(%04X,%04X): value out of IS range", LB_DICOM_TAG_GROUP (tag),
                               LB_DICOM_TAG_ELEMENT (tag));
  char buf[16];
  int n = snprintf (buf, sizeof buf, "%lld", (long long) value);
  return lb_dicom_builder_set_bytes (builder, tag, LB_DICOM_VR_IS, buf, (size_t) n, error);
}

LbDicomBuilder *
lb_dicom_builder_add_item (LbDicomBuilder *builder, uint32_t tag, LbDicomError **error)
{
  if (!check_tag (tag, error))
    return NULL;
  bool found;
  size_t i = lb_dicom_builder_find (builder, tag, &found);
  LbWriteElement *el = found ? &builder->elements[i] : NULL;
  if (el == NULL || el->vr != LB_DICOM_VR_SQ)
    {
      el = lb_dicom_builder_slot (builder, tag, error);
      if (el == NULL)
        return NULL;
      el->vr = LB_DICOM_VR_SQ;
    }
  LbDicomBuilder **items = realloc (el->items, (el->n_items + 1) * sizeof *items);
  LbDicomBuilder *item = lb_dicom_builder_new ();
  if (items == NULL || item == NULL)
    {
      if (items != NULL)
        el->items = items;
      free (item);
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
      return NULL;
    }
  el->items = items;
  el->items[el->n_items++] = item;
  return item;
}

bool
lb_dicom_builder_set_empty_sequence (LbDicomBuilder *builder, uint32_t tag, LbDicomError **error)
{
  if (!check_tag (tag, error))
    return false;
  LbWriteElement *el = lb_dicom_builder_slot (builder, tag, error);
  if (el == NULL)
    return false;
  el->vr = LB_DICOM_VR_SQ;
  return true;
}

bool
lb_dicom_builder_set_encapsulated (LbDicomBuilder *builder, uint32_t tag,
                                   const uint8_t *const *fragments, const size_t *lengths,
                                   size_t n_fragments, LbDicomError **error)
{
  if (!check_tag (tag, error))
    return false;
  uint8_t **frags = calloc (n_fragments ? n_fragments : 1, sizeof *frags);
  size_t *lens = calloc (n_fragments ? n_fragments : 1, sizeof *lens);
  bool ok = frags != NULL && lens != NULL;
  for (size_t i = 0; ok && i < n_fragments; i++)
    {
      /* Fragments are padded to even length with a zero byte, as PS3.5 A.4 requires. */
      lens[i] = lengths[i] + (lengths[i] & 1);
      if (lens[i] > LB_WRITE_MAX_DEFINED_LENGTH)
        {
          for (size_t j = 0; j < i; j++)
            free (frags[j]);
          free (frags);
          free (lens);
          return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, tag, -1, "fragment too long");
        }
      frags[i] = calloc (1, lens[i] ? lens[i] : 1);
      ok = frags[i] != NULL;
      if (ok && lengths[i] > 0)
        memcpy (frags[i], fragments[i], lengths[i]);
    }
  LbWriteElement *el = ok ? lb_dicom_builder_slot (builder, tag, error) : NULL;
  if (el == NULL)
    {
      for (size_t i = 0; frags != NULL && i < n_fragments; i++)
        free (frags[i]);
      free (frags);
      free (lens);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
    }
  el->vr = LB_DICOM_VR_OB;
  el->encapsulated = true;
  el->fragments = frags;
  el->fragment_lens = lens;
  el->n_fragments = n_fragments;
  return true;
}

/* ---- Copying from a parsed file --------------------------------------------------------- */

bool
lb_dicom_builder_copy_element (LbDicomBuilder *builder, const LbDicomElement *el,
                               LbDicomError **error)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  uint16_t group = LB_DICOM_TAG_GROUP (tag);
  if (group == 0x0002 || group == 0xfffe || LB_DICOM_TAG_ELEMENT (tag) == 0x0000
      || tag == LB_DICOM_TAG (0xfffc, 0xfffc))
    return true;

  if (lb_dicom_element_is_sequence (el))
    {
      /* A UN holding a sequence becomes SQ: its items are written in explicit VR like the
       * rest of the dataset, which the standard allows for any sequence. */
      if (!lb_dicom_builder_set_empty_sequence (builder, tag, error))
        return false;
      size_t n = lb_dicom_element_get_item_count (el);
      for (size_t i = 0; i < n; i++)
        {
          LbDicomBuilder *item = lb_dicom_builder_add_item (builder, tag, error);
          if (item == NULL
              || !lb_dicom_builder_copy_dataset (item, lb_dicom_element_get_item (el, i), error))
            return false;
        }
      return true;
    }

  if (lb_dicom_element_is_encapsulated (el))
    {
      size_t n = lb_dicom_element_get_fragment_count (el);
      const uint8_t **frags = calloc (n ? n : 1, sizeof *frags);
      size_t *lens = calloc (n ? n : 1, sizeof *lens);
      if (frags == NULL || lens == NULL)
        {
          free (frags);
          free (lens);
          return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
        }
      for (size_t i = 0; i < n; i++)
        frags[i] = lb_dicom_element_get_fragment (el, i, &lens[i], NULL);
      bool ok = lb_dicom_builder_set_encapsulated (builder, tag, frags, lens, n, error);
      free (frags);
      free (lens);
      return ok;
    }

  LbDicomVR vr = lb_dicom_element_get_vr (el);
  if (!vr_valid (vr) || vr == LB_DICOM_VR_SQ)
    vr = LB_DICOM_VR_UN;
  size_t len = 0;
  const uint8_t *bytes = lb_dicom_element_get_bytes (el, &len);
  unsigned unit = lb_write_vr_info[vr].unit;
  if (!lb_dicom_element_is_big_endian (el) || unit < 2 || len == 0)
    return lb_dicom_builder_set_bytes (builder, tag, vr, bytes, len, error);

  /* Big-endian source: swap each value (AT swaps its group and element halves separately,
   * which its unit of 2 does). A trailing partial value cannot be swapped: refuse it. */
  if (len % unit != 0)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, tag,
                               (int64_t) lb_dicom_element_get_offset (el),
                               "length of (%04X,%04X) is not a multiple of %u", group,
                               LB_DICOM_TAG_ELEMENT (tag), unit);
  uint8_t *swapped = malloc (len);
  if (swapped == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
  for (size_t i = 0; i < len; i += unit)
    for (unsigned j = 0; j < unit; j++)
      swapped[i + j] = bytes[i + unit - 1 - j];
  bool ok = lb_dicom_builder_set_bytes (builder, tag, vr, swapped, len, error);
  free (swapped);
  return ok;
}

bool
lb_dicom_builder_copy_dataset (LbDicomBuilder *builder, const LbDicomDataset *ds,
                               LbDicomError **error)
{
  size_t n = lb_dicom_dataset_count (ds);
  for (size_t i = 0; i < n; i++)
    if (!lb_dicom_builder_copy_element (builder, lb_dicom_dataset_get (ds, i), error))
      return false;
  return true;
}
