/* dicom-deid.c: the PS3.15 Annex E Basic Application Level Confidentiality Profile applied to a
 * parsed file, producing a builder for the writer (lb-dicom-deid.h). */
#define _GNU_SOURCE
#include "lb-dicom-deid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dicom-deid-internal.h"
#include "dicom-error.h"
#include "dicom-private.h"

#include "dicom-deid-table.h"

#define TAG_SPECIFIC_CHARSET  LB_DICOM_TAG (0x0008, 0x0005)
#define TAG_SOP_CLASS         LB_DICOM_TAG (0x0008, 0x0016)
#define TAG_SOP_INSTANCE      LB_DICOM_TAG (0x0008, 0x0018)
#define TAG_MODALITY          LB_DICOM_TAG (0x0008, 0x0060)
#define TAG_PATIENT_NAME      LB_DICOM_TAG (0x0010, 0x0010)
#define TAG_PATIENT_ID        LB_DICOM_TAG (0x0010, 0x0020)
#define TAG_IDENTITY_REMOVED  LB_DICOM_TAG (0x0012, 0x0062)
#define TAG_DEID_METHOD       LB_DICOM_TAG (0x0012, 0x0063)
#define TAG_DEID_METHOD_CODES LB_DICOM_TAG (0x0012, 0x0064)
#define TAG_BURNED_IN         LB_DICOM_TAG (0x0028, 0x0301)
#define TAG_LONGITUDINAL      LB_DICOM_TAG (0x0028, 0x0303)
#define TAG_CODE_VALUE        LB_DICOM_TAG (0x0008, 0x0100)
#define TAG_CODING_SCHEME     LB_DICOM_TAG (0x0008, 0x0102)
#define TAG_CODE_MEANING      LB_DICOM_TAG (0x0008, 0x0104)

#define DEID_METHOD_TEXT "Lightbox: PS3.15 Basic Application Confidentiality Profile"
#define DUMMY_TEXT       "ANONYMIZED"

/* ---- The profile table ------------------------------------------------------------------ */

static int
compare_rule (const void *key, const void *row)
{
  uint32_t tag = *(const uint32_t *) key, other = ((const LbDeidRule *) row)->tag;
  return tag < other ? -1 : tag > other;
}

const LbDeidRule *
lb_deid_rule_lookup (uint32_t tag)
{
  const LbDeidRule *rule = bsearch (&tag, deid_rows, DEID_N_EXACT, sizeof deid_rows[0],
                                    compare_rule);
  if (rule != NULL)
    return rule;
  for (size_t i = DEID_N_EXACT; i < DEID_N_EXACT + DEID_N_MASKED; i++)
    if ((tag & deid_rows[i].mask) == deid_rows[i].tag)
      return &deid_rows[i];
  return NULL;
}

size_t
lb_deid_rule_count (void)
{
  return DEID_N_EXACT + DEID_N_MASKED;
}

const LbDeidRule *
lb_deid_rule_get (size_t index)
{
  return index < lb_deid_rule_count () ? &deid_rows[index] : NULL;
}

/* ---- Context --------------------------------------------------------------------------- */

LbDeidContext *
lb_deid_context_new (const LbDeidOptions *options)
{
  LbDeidContext *ctx = calloc (1, sizeof *ctx);
  if (ctx == NULL)
    return NULL;
  static const LbDeidOptions none = { 0 };
  ctx->options = options != NULL ? *options : none;
  const LbDeidOptions *o = &ctx->options;
  ctx->keep = calloc (o->n_keep_tags + 1, sizeof *ctx->keep);
  ctx->rects = calloc (o->n_blackout + 1, sizeof *ctx->rects);
  ctx->patient_name = o->patient_name ? strdup (o->patient_name) : NULL;
  ctx->patient_id = o->patient_id ? strdup (o->patient_id) : NULL;
  if (ctx->keep == NULL || ctx->rects == NULL || (o->patient_name && !ctx->patient_name)
      || (o->patient_id && !ctx->patient_id))
    {
      lb_deid_context_free (ctx);
      return NULL;
    }
  if (o->n_keep_tags > 0)
    memcpy (ctx->keep, o->keep_tags, o->n_keep_tags * sizeof *ctx->keep);
  if (o->n_blackout > 0)
    memcpy (ctx->rects, o->blackout, o->n_blackout * sizeof *ctx->rects);
  ctx->options.keep_tags = ctx->keep;
  ctx->options.blackout = ctx->rects;
  ctx->options.patient_name = ctx->patient_name;
  ctx->options.patient_id = ctx->patient_id;
  return ctx;
}

void
lb_deid_context_free (LbDeidContext *ctx)
{
  if (ctx == NULL)
    return;
  lb_deid_map_clear (&ctx->map);
  free (ctx->keep);
  free (ctx->rects);
  free (ctx->patient_name);
  free (ctx->patient_id);
  free (ctx);
}

static bool
is_standard_uid (const char *uid)
{
  return strncmp (uid, "1.2.840.10008.", 14) == 0;
}

const char *
lb_deid_context_map_uid (LbDeidContext *ctx, const char *uid)
{
  if (uid[0] == '\0' || is_standard_uid (uid))
    return uid;
  const char *known = lb_deid_map_get (&ctx->map, 'U', uid);
  if (known != NULL)
    return known;
  char fresh[65];
  if (!lb_deid_new_uid (fresh))
    return NULL;
  return lb_deid_map_put (&ctx->map, 'U', uid, fresh);
}

/* The pseudonym of an original Patient ID: one per patient in a run, so patients stay apart. */
static const char *
map_patient_id (LbDeidContext *ctx, const char *id)
{
  const char *known = lb_deid_map_get (&ctx->map, 'P', id);
  if (known != NULL)
    return known;
  char fresh[32];
  snprintf (fresh, sizeof fresh, "ANON%04u", ++ctx->patients);
  return lb_deid_map_put (&ctx->map, 'P', id, fresh);
}

/* The date offset of the file's patient (by Patient ID, else Patient's Name): drawn once per
 * patient and run, so the intervals between a patient's studies stay true. */
static bool
patient_shift (LbDeidContext *ctx, const LbDicomFile *file, int *days)
{
  char *id = lb_dicom_file_get_string (file, TAG_PATIENT_ID);
  if (id == NULL || id[0] == '\0')
    {
      free (id);
      id = lb_dicom_file_get_string (file, TAG_PATIENT_NAME);
    }
  const char *key = id != NULL ? id : "";
  const char *known = lb_deid_map_get (&ctx->map, 'S', key);
  if (known == NULL)
    {
      char fresh[65], text[16];
      bool ok = lb_deid_new_uid (fresh);
      /* The UID's last digits are random enough for a day count. */
      unsigned r = ok ? (unsigned) strtoul (fresh + strlen (fresh) - 6, NULL, 10) : 0;
      snprintf (text, sizeof text, "%d", -(int) (365 + r % 3288));
      known = ok ? lb_deid_map_put (&ctx->map, 'S', key, text) : NULL;
    }
  free (id);
  if (known == NULL)
    return false;
  *days = atoi (known);
  return true;
}

/* ---- Walking a dataset ----------------------------------------------------------------- */

typedef struct {
  LbDeidContext *ctx;
  const LbDicomFile *file;
  LbDeidChangeFunc on_change;
  void *user_data;
  LbDicomError **error;
  int shift_days;                /* LB_DEID_SHIFT_DATES: this file's patient's offset */
  char path[1024];
  size_t path_len;
} Walk;

typedef enum { ACT_KEEP, ACT_REMOVE, ACT_EMPTY, ACT_DUMMY, ACT_UID, ACT_SHIFT } Action;

static unsigned
retained_options (const LbDeidContext *ctx)
{
  unsigned r = ctx->options.retain, opts = 0;
  if (r & LB_DEID_RETAIN_DATES)
    opts |= LB_DEID_OPT_DATES;
  if (r & LB_DEID_RETAIN_DEVICE)
    opts |= LB_DEID_OPT_DEVICE;
  if (r & LB_DEID_RETAIN_PATIENT_CHARACTERISTICS)
    opts |= LB_DEID_OPT_PATIENT_CHARS;
  return opts;
}

/* Sequences the profile removes or empties (X/Z) that are Type 2 in a common IOD, so they must
 * stay, empty: dciodvfy rejects a missing Type 2 sequence, and an empty Type 3 one. */
static bool
is_type2_sequence (uint32_t tag)
{
  return tag == LB_DICOM_TAG (0x0040, 0x0555);   /* Acquisition Context Sequence */
}

static Action
decide (const LbDeidContext *ctx, uint32_t tag, bool sequence)
{
  for (size_t i = 0; i < ctx->options.n_keep_tags; i++)
    if (ctx->keep[i] == tag)
      return ACT_KEEP;
  const LbDeidRule *rule = lb_deid_rule_lookup (tag);
  if (rule == NULL || (rule->keep_with & retained_options (ctx)))
    return ACT_KEEP;
  if ((ctx->options.retain & LB_DEID_SHIFT_DATES) && (rule->clean_with & LB_DEID_OPT_MODIFIED_DATES))
    return ACT_SHIFT;
  /* The choice that keeps any IOD valid: see the top of lb-dicom-deid.h. */
  if (rule->actions & LB_DEID_U)
    return ACT_UID;
  if (rule->actions & LB_DEID_D)
    return ACT_DUMMY;
  if ((rule->actions & LB_DEID_Z) && sequence && (rule->actions & LB_DEID_X))
    return is_type2_sequence (tag) ? ACT_EMPTY : ACT_REMOVE;
  if (rule->actions & LB_DEID_Z)
    return ACT_EMPTY;
  if (rule->actions & LB_DEID_K)
    return ACT_KEEP;
  return ACT_REMOVE;
}

static void
report (Walk *w, LbDeidChangeKind kind, const LbDicomElement *el, const char *new_value)
{
  if (w->on_change == NULL)
    return;
  LbDeidChange change = { kind, w->path, el, new_value };
  w->on_change (&change, w->user_data);
}

static bool deid_dataset (Walk *w, const LbDicomDataset *ds, LbDicomBuilder *b);

/* A sequence kept (or D/U on a sequence): the same items, each de-identified. */
static bool
walk_sequence (Walk *w, const LbDicomElement *el, LbDicomBuilder *b)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  if (!lb_dicom_builder_set_empty_sequence (b, tag, w->error))
    return false;
  size_t n = lb_dicom_element_get_item_count (el), saved = w->path_len;
  for (size_t i = 0; i < n; i++)
    {
      LbDicomBuilder *item = lb_dicom_builder_add_item (b, tag, w->error);
      if (item == NULL)
        return false;
      int k = snprintf (w->path + saved, sizeof w->path - saved, "(%04X,%04X)[%zu]/",
                        LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag), i + 1);
      w->path_len = k > 0 && saved + (size_t) k < sizeof w->path ? saved + (size_t) k : saved;
      bool ok = deid_dataset (w, lb_dicom_element_get_item (el, i), item);
      w->path_len = saved;
      w->path[saved] = '\0';
      if (!ok)
        return false;
    }
  return true;
}

static LbDicomVR
value_vr (const LbDicomElement *el)
{
  LbDicomVR vr = lb_dicom_element_get_vr (el);
  return vr == LB_DICOM_VR_NONE || vr == LB_DICOM_VR_SQ ? LB_DICOM_VR_UN : vr;
}

/* The dummy of action D for a VR: short, plainly a placeholder, valid for the VR. */
static const char *
dummy_text (LbDicomVR vr)
{
  switch (vr)
    {
    case LB_DICOM_VR_DA: return "19000101";
    case LB_DICOM_VR_DT: return "19000101000000";
    case LB_DICOM_VR_TM: return "000000";
    case LB_DICOM_VR_AS: return "000Y";
    case LB_DICOM_VR_DS: case LB_DICOM_VR_IS: return "0";
    default: return DUMMY_TEXT;
    }
}

static bool apply_empty (Walk *w, const LbDicomElement *el, LbDicomBuilder *b);

static bool
set_text (Walk *w, LbDicomBuilder *b, const LbDicomElement *el, const char *text)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  if (!lb_dicom_builder_set_string (b, tag, value_vr (el), text, w->error))
    return false;
  report (w, LB_DEID_CHANGE_REPLACED, el, text);
  return true;
}

/* A user's UTF-8 value (--patient-name) encoded in the character set of its dataset. */
static bool
set_user_text (Walk *w, LbDicomBuilder *b, const LbDicomElement *el, const char *utf8)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  const char *charset = lb_dicom_dataset_get_charset (lb_dicom_element_get_parent (el));
  size_t len = 0;
  uint8_t *bytes = lb_deid_encode_text (charset, utf8, &len);
  if (bytes == NULL)
    return lb_dicom_error_set (w->error, LB_DICOM_ERROR_INVALID_ARGUMENT, tag, -1,
                               "\"%s\" cannot be written in the character set %s", utf8,
                               charset ? charset : "ISO_IR 6");
  bool ok = lb_dicom_builder_set_bytes (b, tag, value_vr (el), bytes, len, w->error);
  free (bytes);
  if (ok)
    report (w, LB_DEID_CHANGE_REPLACED, el, utf8);
  return ok;
}

static bool
apply_dummy (Walk *w, const LbDicomElement *el, LbDicomBuilder *b)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  LbDicomVR vr = value_vr (el);
  if (tag == TAG_PATIENT_ID && w->ctx->patient_id != NULL)
    return set_user_text (w, b, el, w->ctx->patient_id);
  /* An empty value says nothing about anyone, and stays as valid as it was: it stays. */
  size_t old_len = 0;
  lb_dicom_element_get_bytes (el, &old_len);
  if (old_len == 0)
    return lb_dicom_builder_copy_element (b, el, w->error);
  if (tag == TAG_PATIENT_ID)
    {
      char *old = lb_dicom_element_get_text (el);
      const char *alias = old != NULL ? map_patient_id (w->ctx, old) : NULL;
      free (old);
      if (alias == NULL)
        return lb_dicom_error_set (w->error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
      return set_text (w, b, el, alias);
    }
  if (lb_dicom_vr_is_string (vr))
    {
      if (vr == LB_DICOM_VR_UI)
        {
          char fresh[65];
          if (!lb_deid_new_uid (fresh))
            return lb_dicom_error_set (w->error, LB_DICOM_ERROR_IO, tag, -1, "no random UID");
          return set_text (w, b, el, fresh);
        }
      return set_text (w, b, el, dummy_text (vr));
    }
  /* Binary: one zero value of the VR (two bytes for byte data, to stay even). */
  static const uint8_t zeros[8] = { 0 };
  size_t len = vr == LB_DICOM_VR_FD || vr == LB_DICOM_VR_OD || vr == LB_DICOM_VR_SV
               || vr == LB_DICOM_VR_UV || vr == LB_DICOM_VR_OV ? 8
             : vr == LB_DICOM_VR_US || vr == LB_DICOM_VR_SS || vr == LB_DICOM_VR_OW
               || vr == LB_DICOM_VR_OB || vr == LB_DICOM_VR_UN ? 2 : 4;
  if (!lb_dicom_builder_set_bytes (b, tag, vr, zeros, len, w->error))
    return false;
  report (w, LB_DEID_CHANGE_REPLACED, el, "0");
  return true;
}

/* Replaces each UID of a (possibly multi-valued) UI element through the run's map. */
static bool
apply_uid (Walk *w, const LbDicomElement *el, LbDicomBuilder *b)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  size_t len = 0;
  const uint8_t *bytes = lb_dicom_element_get_bytes (el, &len);
  char *out = malloc (len / 2 * 70 + 70);   /* each value grows to at most 64 characters */
  if (out == NULL)
    return lb_dicom_error_set (w->error, LB_DICOM_ERROR_NO_MEMORY, tag, -1, "out of memory");
  size_t o = 0, start = 0;
  bool changed = false;
  for (size_t i = 0; i <= len; i++)
    {
      if (i < len && bytes[i] != '\\')
        continue;
      char old[65];
      size_t n = lb_copy_trimmed (old, sizeof old, bytes + start, i - start);
      const char *uid = n > 0 ? lb_deid_context_map_uid (w->ctx, old) : "";
      if (uid == NULL)
        {
          free (out);
          return lb_dicom_error_set (w->error, LB_DICOM_ERROR_IO, tag, -1, "no random UID");
        }
      changed |= strcmp (uid, old) != 0;
      if (start > 0)
        out[o++] = '\\';
      size_t ulen = strlen (uid);
      memcpy (out + o, uid, ulen);
      o += ulen;
      start = i + 1;
    }
  out[o] = '\0';
  bool ok;
  if (!changed)
    ok = lb_dicom_builder_copy_element (b, el, w->error);
  else
    ok = set_text (w, b, el, out);
  free (out);
  return ok;
}

/* Modified dates: each DA/DT value moved by the patient's offset; other VRs of the option
 * (times, context group versions) are kept; a value that is no date is emptied. */
static bool
apply_shift (Walk *w, const LbDicomElement *el, LbDicomBuilder *b)
{
  LbDicomVR vr = lb_dicom_element_get_vr (el);
  if (vr != LB_DICOM_VR_DA && vr != LB_DICOM_VR_DT)
    return lb_dicom_builder_copy_element (b, el, w->error);
  uint32_t vm = lb_dicom_element_get_vm (el);
  char out[1024] = "";
  size_t o = 0;
  bool valid = vm > 0;
  for (uint32_t i = 0; i < vm && valid; i++)
    {
      char *value = lb_dicom_element_get_string (el, i);
      char shifted[128];
      valid = value != NULL && lb_deid_shift_date (value, w->shift_days, shifted, sizeof shifted)
              && o + strlen (shifted) + 2 < sizeof out;
      if (valid)
        o += (size_t) snprintf (out + o, sizeof out - o, "%s%s", i > 0 ? "\\" : "", shifted);
      free (value);
    }
  if (!valid)
    return apply_empty (w, el, b);
  return set_text (w, b, el, out);
}

static bool
apply_empty (Walk *w, const LbDicomElement *el, LbDicomBuilder *b)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  if (tag == TAG_PATIENT_NAME && w->ctx->patient_name != NULL)
    return set_user_text (w, b, el, w->ctx->patient_name);
  bool had_value;
  if (lb_dicom_element_is_sequence (el) || lb_dicom_element_get_vr (el) == LB_DICOM_VR_SQ)
    {
      had_value = lb_dicom_element_get_item_count (el) > 0;
      if (!lb_dicom_builder_set_empty_sequence (b, tag, w->error))
        return false;
    }
  else
    {
      size_t len = 0;
      lb_dicom_element_get_bytes (el, &len);
      had_value = len > 0;
      if (!lb_dicom_builder_set_bytes (b, tag, value_vr (el), NULL, 0, w->error))
        return false;
    }
  if (had_value)
    report (w, LB_DEID_CHANGE_EMPTIED, el, NULL);
  return true;
}

static bool
keep_element (Walk *w, const LbDicomElement *el, LbDicomBuilder *b)
{
  if (lb_dicom_element_is_sequence (el))
    return walk_sequence (w, el, b);
  if (lb_dicom_element_get_tag (el) == LB_DICOM_TAG_PIXEL_DATA
      && lb_dicom_dataset_get_depth (lb_dicom_element_get_parent (el)) == 0
      && w->ctx->options.n_blackout > 0)
    return lb_deid_copy_blanked_pixels (w->ctx, w->file, el, b, w->error);
  return lb_dicom_builder_copy_element (b, el, w->error);
}

/* Overlay planes: the profile removes Overlay Data and Comments; what remains of a plane
 * without its data would be an invalid Overlay Plane module, so the whole group goes. */
static bool
is_overlay_group (uint16_t group)
{
  return group >= 0x6000 && group <= 0x601e && !(group & 1);
}

static bool
deid_element (Walk *w, const LbDicomElement *el, LbDicomBuilder *b)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  uint16_t group = LB_DICOM_TAG_GROUP (tag);
  /* Structure the writer makes itself: file meta, group lengths, delimiters, padding. */
  if (group == 0x0002 || group == 0xfffe || LB_DICOM_TAG_ELEMENT (tag) == 0x0000
      || tag == LB_DICOM_TAG (0xfffc, 0xfffc))
    return true;
  if (lb_tag_is_private (tag) || is_overlay_group (group))
    {
      report (w, LB_DEID_CHANGE_REMOVED, el, NULL);
      return true;
    }
  bool sequence = lb_dicom_element_is_sequence (el);
  Action action = decide (w->ctx, tag, sequence);
  switch (action)
    {
    case ACT_KEEP:
      return keep_element (w, el, b);
    case ACT_REMOVE:
      report (w, LB_DEID_CHANGE_REMOVED, el, NULL);
      return true;
    case ACT_EMPTY:
      return apply_empty (w, el, b);
    case ACT_SHIFT:
      return sequence ? walk_sequence (w, el, b) : apply_shift (w, el, b);
    case ACT_DUMMY:
    case ACT_UID:
      if (sequence)
        return walk_sequence (w, el, b);
      return action == ACT_UID ? apply_uid (w, el, b) : apply_dummy (w, el, b);
    }
  return true;
}

static bool
deid_dataset (Walk *w, const LbDicomDataset *ds, LbDicomBuilder *b)
{
  size_t n = lb_dicom_dataset_count (ds);
  for (size_t i = 0; i < n; i++)
    if (!deid_element (w, lb_dicom_dataset_get (ds, i), b))
      return false;
  return true;
}

/* ---- What the output says about its de-identification ------------------------------------ */

/* Whether the input's De-identification Method Code Sequence (copied as it was) has a code. */
static bool
has_method_code (const LbDicomFile *file, const char *value)
{
  const LbDicomElement *seq = lb_dicom_file_lookup (file, TAG_DEID_METHOD_CODES);
  size_t n = seq != NULL && lb_dicom_element_is_sequence (seq)
             ? lb_dicom_element_get_item_count (seq) : 0;
  bool found = false;
  for (size_t i = 0; i < n && !found; i++)
    {
      const LbDicomElement *code = lb_dicom_dataset_lookup (lb_dicom_element_get_item (seq, i),
                                                            TAG_CODE_VALUE);
      char *text = code != NULL ? lb_dicom_element_get_string (code, 0) : NULL;
      found = text != NULL && strcmp (text, value) == 0;
      free (text);
    }
  return found;
}

/* Adds a code to the sequence unless an earlier de-identification of the input recorded it. */
static bool
add_method_code (const LbDicomFile *file, LbDicomBuilder *b, const char *value,
                 const char *meaning, LbDicomError **error)
{
  if (has_method_code (file, value))
    return true;
  LbDicomBuilder *item = lb_dicom_builder_add_item (b, TAG_DEID_METHOD_CODES, error);
  return item != NULL
         && lb_dicom_builder_set_string (item, TAG_CODE_VALUE, LB_DICOM_VR_SH, value, error)
         && lb_dicom_builder_set_string (item, TAG_CODING_SCHEME, LB_DICOM_VR_SH, "DCM", error)
         && lb_dicom_builder_set_string (item, TAG_CODE_MEANING, LB_DICOM_VR_LO, meaning, error);
}

/* PatientIdentityRemoved, DeidentificationMethod and its code sequence (PS3.16 CID 7050),
 * and for images whether dates were kept (Longitudinal Temporal Information Modified). */
static bool
mark_deidentified (const LbDeidContext *ctx, const LbDicomFile *file, LbDicomBuilder *b,
                   LbDicomError **error)
{
  unsigned r = ctx->options.retain;
  /* An input de-identified before keeps its record; this run's method is added to it. */
  const LbDicomElement *old = lb_dicom_file_lookup (file, TAG_DEID_METHOD);
  size_t old_len = 0;
  const uint8_t *old_bytes = old != NULL ? lb_dicom_element_get_bytes (old, &old_len) : NULL;
  char old_text[512] = "", method[1024];
  if (old_bytes != NULL)   /* raw bytes: they stay in the file's character set */
    lb_copy_trimmed (old_text, sizeof old_text, old_bytes, old_len);
  if (old_text[0] != '\0' && strstr (old_text, DEID_METHOD_TEXT) == NULL)
    snprintf (method, sizeof method, "%s\\%s", old_text, DEID_METHOD_TEXT);
  else
    snprintf (method, sizeof method, "%s", DEID_METHOD_TEXT);
  if (!lb_dicom_builder_set_string (b, TAG_IDENTITY_REMOVED, LB_DICOM_VR_CS, "YES", error)
      || !lb_dicom_builder_set_string (b, TAG_DEID_METHOD, LB_DICOM_VR_LO, method, error)
      || !add_method_code (file, b, "113100", "Basic Application Confidentiality Profile", error))
    return false;
  if (ctx->options.n_blackout > 0
      && !add_method_code (file, b, "113101", "Clean Pixel Data Option", error))
    return false;
  if ((r & LB_DEID_SHIFT_DATES)
      && !add_method_code (file, b, "113107", "Retain Longitudinal Temporal Information Modified Dates Option", error))
    return false;
  if ((r & LB_DEID_RETAIN_DATES)
      && !add_method_code (file, b, "113106", "Retain Longitudinal Temporal Information Full Dates Option", error))
    return false;
  if ((r & LB_DEID_RETAIN_PATIENT_CHARACTERISTICS)
      && !add_method_code (file, b, "113108", "Retain Patient Characteristics Option", error))
    return false;
  if ((r & LB_DEID_RETAIN_DEVICE)
      && !add_method_code (file, b, "113109", "Retain Device Identity Option", error))
    return false;
  if (lb_dicom_file_lookup (file, LB_DICOM_TAG_PIXEL_DATA) != NULL
      && !lb_dicom_builder_set_string (b, TAG_LONGITUDINAL, LB_DICOM_VR_CS,
                                       (r & LB_DEID_RETAIN_DATES) ? "UNMODIFIED"
                                       : (r & LB_DEID_SHIFT_DATES) ? "MODIFIED" : "REMOVED",
                                       error))
    return false;
  return true;
}

/* US, SC and XA images often carry text in their pixels (PS3.15 E.1.1 note). */
static bool
burned_in_likely (const LbDicomFile *file)
{
  char *modality = lb_dicom_file_get_string (file, TAG_MODALITY);
  char *sop_class = lb_dicom_file_get_string (file, TAG_SOP_CLASS);
  bool likely = (modality != NULL && (strcmp (modality, "US") == 0 || strcmp (modality, "SC") == 0
                                      || strcmp (modality, "XA") == 0))
                || (sop_class != NULL
                    && (strncmp (sop_class, "1.2.840.10008.5.1.4.1.1.7", 25) == 0       /* SC */
                        || strncmp (sop_class, "1.2.840.10008.5.1.4.1.1.6.", 26) == 0   /* US */
                        || strncmp (sop_class, "1.2.840.10008.5.1.4.1.1.3.1", 27) == 0  /* US MF */
                        || strncmp (sop_class, "1.2.840.10008.5.1.4.1.1.12.", 27) == 0)); /* XA */
  free (modality);
  free (sop_class);
  return likely;
}

/* ---- One file -------------------------------------------------------------------------- */

void
lb_deid_result_clear (LbDeidResult *result)
{
  lb_dicom_builder_free (result->builder);
  memset (result, 0, sizeof *result);
}

bool
lb_deid_file (LbDeidContext *ctx, const LbDicomFile *file, LbDeidChangeFunc on_change,
              void *user_data, LbDeidResult *result, LbDicomError **error)
{
  memset (result, 0, sizeof *result);
  /* A file without SOP Instance UID (not valid, but met) gets a fresh one: the writer and the
   * output's name need one. */
  char *old_instance = lb_dicom_file_get_string (file, TAG_SOP_INSTANCE);
  char fresh[65] = "";
  const char *new_instance = old_instance != NULL && old_instance[0] != '\0'
                             ? lb_deid_context_map_uid (ctx, old_instance)
                             : lb_deid_new_uid (fresh) ? fresh : NULL;
  free (old_instance);
  result->builder = lb_dicom_builder_new ();
  if (new_instance == NULL || result->builder == NULL)
    {
      lb_deid_result_clear (result);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                 "out of memory");
    }
  snprintf (result->sop_instance_uid, sizeof result->sop_instance_uid, "%s", new_instance);

  char *burned = lb_dicom_file_get_string (file, TAG_BURNED_IN);
  result->burned_in_annotation = burned != NULL && strcmp (burned, "YES") == 0;
  result->burned_in_unknown = burned == NULL && burned_in_likely (file);
  free (burned);

  Walk w = { .ctx = ctx, .file = file, .on_change = on_change, .user_data = user_data,
             .error = error };
  if ((ctx->options.retain & LB_DEID_SHIFT_DATES) && !patient_shift (ctx, file, &w.shift_days))
    {
      lb_deid_result_clear (result);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                 "out of memory");
    }
  if (!deid_dataset (&w, lb_dicom_file_get_dataset (file), result->builder)
      || (fresh[0] != '\0' && !lb_dicom_builder_set_string (result->builder, TAG_SOP_INSTANCE,
                                                            LB_DICOM_VR_UI, fresh, error))
      || !mark_deidentified (ctx, file, result->builder, error))
    {
      lb_deid_result_clear (result);
      return false;
    }
  lb_deid_choose_transfer_syntax (file, result);
  const LbDicomElement *meta_class = lb_dicom_file_lookup (file, LB_DICOM_TAG (0x0002, 0x0002));
  size_t len = 0;
  const uint8_t *bytes = meta_class != NULL ? lb_dicom_element_get_bytes (meta_class, &len) : NULL;
  if (bytes != NULL)
    lb_copy_trimmed (result->sop_class_uid, sizeof result->sop_class_uid, bytes, len);
  return true;
}

bool
lb_deid_result_write (const LbDeidResult *result, const char *path, LbDicomWriteFlags flags,
                      LbDicomError **error)
{
  LbDicomWriteOptions options = {
    .transfer_syntax_uid = result->transfer_syntax,
    .sop_class_uid = result->sop_class_uid[0] != '\0' ? result->sop_class_uid : NULL,
  };
  return lb_dicom_builder_write_file (result->builder, path, &options, flags, error);
}
