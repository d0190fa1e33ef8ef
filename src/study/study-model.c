/* study-model.c: the study model (lb-study.h): filing instances into patients, studies,
 * series and stacks, and ordering them. */
#include "lb-study.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lb-ascii-run.h"
#include "lb-dicom-scan.h"
#include "study-index.h"
#include "study-recent.h"

#define TAG_SOP_CLASS      LB_DICOM_TAG (0x0008, 0x0016)
#define TAG_SOP_INSTANCE   LB_DICOM_TAG (0x0008, 0x0018)
#define TAG_STUDY_DATE     LB_DICOM_TAG (0x0008, 0x0020)
#define TAG_SERIES_DATE    LB_DICOM_TAG (0x0008, 0x0021)
#define TAG_MODALITY       LB_DICOM_TAG (0x0008, 0x0060)
#define TAG_STUDY_DESC     LB_DICOM_TAG (0x0008, 0x1030)
#define TAG_SERIES_DESC    LB_DICOM_TAG (0x0008, 0x103e)
#define TAG_PATIENT_NAME   LB_DICOM_TAG (0x0010, 0x0010)
#define TAG_PATIENT_ID     LB_DICOM_TAG (0x0010, 0x0020)
#define TAG_STUDY_UID      LB_DICOM_TAG (0x0020, 0x000d)
#define TAG_SERIES_UID     LB_DICOM_TAG (0x0020, 0x000e)
#define TAG_SERIES_NUMBER  LB_DICOM_TAG (0x0020, 0x0011)
#define TAG_INSTANCE       LB_DICOM_TAG (0x0020, 0x0013)
#define TAG_IPP            LB_DICOM_TAG (0x0020, 0x0032)
#define TAG_IOP            LB_DICOM_TAG (0x0020, 0x0037)
#define TAG_FRAMES         LB_DICOM_TAG (0x0028, 0x0008)
#define TAG_ROWS           LB_DICOM_TAG (0x0028, 0x0010)
#define TAG_COLUMNS        LB_DICOM_TAG (0x0028, 0x0011)

/* Every tag of the main dataset the model reads (lb_study_model_header_tags()), in ascending
 * order: lb_dicom_dataset_lookup_tags() finds them all in one pass, at the indices below. */
enum {
  H_SOP_CLASS, H_SOP_INSTANCE, H_STUDY_DATE, H_SERIES_DATE, H_MODALITY, H_STUDY_DESC,
  H_SERIES_DESC, H_PATIENT_NAME, H_PATIENT_ID, H_STUDY_UID, H_SERIES_UID, H_SERIES_NUMBER,
  H_INSTANCE, H_IPP, H_IOP, H_FRAMES, H_ROWS, H_COLUMNS, N_HEADER_TAGS
};

/* A file's elements of header_tags (NULL where absent). */
typedef const LbDicomElement *Header[N_HEADER_TAGS];

static const uint32_t header_tags[N_HEADER_TAGS] = {
  TAG_SOP_CLASS, TAG_SOP_INSTANCE, TAG_STUDY_DATE, TAG_SERIES_DATE, TAG_MODALITY,
  TAG_STUDY_DESC, TAG_SERIES_DESC, TAG_PATIENT_NAME, TAG_PATIENT_ID, TAG_STUDY_UID,
  TAG_SERIES_UID, TAG_SERIES_NUMBER, TAG_INSTANCE, TAG_IPP, TAG_IOP, TAG_FRAMES, TAG_ROWS,
  TAG_COLUMNS,
};

const uint32_t *
lb_study_model_header_tags (size_t *n_tags)
{
  *n_tags = sizeof header_tags / sizeof header_tags[0];
  return header_tags;
}

/* ---- Small helpers ----------------------------------------------------------------------- */

static bool
push (void ***items, size_t *n, size_t *cap, void *item)
{
  if (*n == *cap)
    {
      size_t bigger = *cap == 0 ? 4 : *cap * 2;
      void **grown = realloc (*items, bigger * sizeof *grown);
      if (grown == NULL)
        return false;
      *items = grown;
      *cap = bigger;
    }
  (*items)[(*n)++] = item;
  return true;
}

static char *
trimmed (char *s)
{
  size_t len = strlen (s);
  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\0'))
    s[--len] = '\0';
  size_t start = 0;
  while (s[start] == ' ')
    start++;
  if (start > 0)
    memmove (s, s + start, len - start + 1);
  return s;
}

/* What value_of() gives for a string value of printable ASCII and no backslash, as bytes of
 * the value itself (*out, *out_len), without the character set conversion: plain ASCII reads
 * the same in every DICOM character set (dicom-charset.c), and such a value is its own first
 * value. false for any other value, which takes the conversion. */
static bool
ascii_span (const LbDicomElement *el, const uint8_t **out, size_t *out_len)
{
  size_t len;
  const uint8_t *bytes = lb_dicom_element_get_bytes (el, &len);
  if (bytes == NULL || !lb_dicom_vr_is_string (lb_dicom_element_get_vr (el)))
    return false;
  while (len > 0 && (bytes[len - 1] == ' ' || bytes[len - 1] == '\0'))
    len--;
  size_t start = 0;
  while (start < len && bytes[start] == ' ')
    start++;
  if (!lb_ascii_run (bytes + start, len - start, 0x20))
    return false;
  *out = bytes + start;
  *out_len = len - start;
  return true;
}

/* ascii_span()'s value as a malloc'd string (NULL when out of memory). */
static bool
ascii_value (const LbDicomElement *el, char **out)
{
  const uint8_t *bytes;
  size_t len;
  if (!ascii_span (el, &bytes, &len))
    return false;
  *out = strndup ((const char *) bytes, len);
  return true;
}

/* A trimmed string value of the main dataset, malloc'd; "" when absent; NULL out of memory. */
static char *
value_of (const LbDicomFile *file, uint32_t tag)
{
  char *value;
  if (ascii_value (lb_dicom_file_lookup (file, tag), &value))
    return value;
  value = lb_dicom_file_get_string (file, tag);
  return value != NULL ? trimmed (value) : strdup ("");
}

/* The parts joined with '\x1f' (which no UID or name holds), malloc'd. */
static char *
key_of (int n, ...)
{
  va_list ap;
  size_t len = 0;
  va_start (ap, n);
  for (int i = 0; i < n; i++)
    len += strlen (va_arg (ap, const char *)) + 1;
  va_end (ap);
  char *key = malloc (len + 1);
  if (key == NULL)
    return NULL;
  char *at = key;
  va_start (ap, n);
  for (int i = 0; i < n; i++)
    {
      const char *part = va_arg (ap, const char *);
      size_t part_len = strlen (part);
      memcpy (at, part, part_len);
      at += part_len;
      *at++ = '\x1f';
    }
  va_end (ap);
  *at = '\0';
  return key;
}

/* ---- Freeing ----------------------------------------------------------------------------- */

/* An instance and its two strings are one allocation (instance_new()). */
static void
instance_free (LbStudyInstance *inst)
{
  free (inst);
}

static void
series_free (LbStudySeries *series)
{
  for (size_t i = 0; i < series->n_stacks; i++)
    {
      LbStudyStack *stack = series->stacks[i];
      for (size_t j = 0; j < stack->n_instances; j++)
        instance_free (stack->instances[j]);
      free (stack->instances);
      free (stack);
    }
  free (series->stacks);
  free (series->uid);
  free (series->modality);
  free (series->description);
  free (series->sop_class_uid);
  free (series->date);
  free (series);
}

static void
study_free (LbStudyStudy *study)
{
  for (size_t i = 0; i < study->n_series; i++)
    series_free (study->series[i]);
  free (study->series);
  free (study->uid);
  free (study->date);
  free (study->description);
  free (study);
}

static void
patient_free (LbStudyPatient *patient)
{
  for (size_t i = 0; i < patient->n_studies; i++)
    study_free (patient->studies[i]);
  free (patient->studies);
  free (patient->name);
  free (patient->id);
  free (patient);
}

LbStudyModel *
lb_study_model_new (void)
{
  LbStudyModel *model = calloc (1, sizeof *model);
  if (model == NULL)
    return NULL;
  model->index = lb_study_index_new ();
  model->uids = lb_study_index_new_borrowing ();
  model->recent = lb_study_recent_new ();
  if (model->index == NULL || model->uids == NULL || model->recent == NULL)
    {
      lb_study_index_free (model->index);
      lb_study_index_free (model->uids);
      lb_study_recent_free (model->recent);
      free (model);
      return NULL;
    }
  return model;
}

void
lb_study_model_free (LbStudyModel *model)
{
  if (model == NULL)
    return;
  for (size_t i = 0; i < model->n_patients; i++)
    patient_free (model->patients[i]);
  free (model->patients);
  for (size_t i = 0; i < model->n_duplicates; i++)
    {
      free (model->duplicates[i].path);
      free (model->duplicates[i].kept_path);
      free (model->duplicates[i].sop_instance_uid);
    }
  free (model->duplicates);
  lb_study_index_free (model->index);
  lb_study_index_free (model->uids);
  lb_study_recent_free (model->recent);
  lb_dicom_scanner_free (model->scanner);
  free (model);
}

/* ---- Filing ------------------------------------------------------------------------------ */

static LbStudyPatient *
find_patient (LbStudyModel *model, const LbDicomFile *file, const char *key)
{
  LbStudyPatient *patient = lb_study_index_get (model->index, key);
  if (patient != NULL)
    return patient;
  patient = calloc (1, sizeof *patient);
  if (patient == NULL)
    return NULL;
  patient->name = value_of (file, TAG_PATIENT_NAME);
  patient->id = value_of (file, TAG_PATIENT_ID);
  if (patient->name == NULL || patient->id == NULL
      || !push ((void ***) &model->patients, &model->n_patients, &model->cap, patient))
    {
      patient_free (patient);
      return NULL;
    }
  if (!lb_study_index_put (model->index, key, patient))
    return NULL;   /* listed already: freed with the model */
  return patient;
}

static LbStudyStudy *
find_study (LbStudyModel *model, LbStudyPatient *patient, const LbDicomFile *file,
            const char *key, const char *uid)
{
  LbStudyStudy *study = lb_study_index_get (model->index, key);
  if (study != NULL)
    return study;
  study = calloc (1, sizeof *study);
  if (study == NULL)
    return NULL;
  study->uid = strdup (uid);
  study->date = value_of (file, TAG_STUDY_DATE);
  study->description = value_of (file, TAG_STUDY_DESC);
  if (study->uid == NULL || study->date == NULL || study->description == NULL
      || !push ((void ***) &patient->studies, &patient->n_studies, &patient->cap, study))
    {
      study_free (study);
      return NULL;
    }
  return lb_study_index_put (model->index, key, study) ? study : NULL;
}

static LbStudySeries *
find_series (LbStudyModel *model, LbStudyStudy *study, const LbDicomFile *file,
             const char *key, const char *uid, const char *modality, const char *sop_class)
{
  LbStudySeries *series = lb_study_index_get (model->index, key);
  if (series != NULL)
    return series;
  series = calloc (1, sizeof *series);
  if (series == NULL)
    return NULL;
  series->uid = strdup (uid);
  series->modality = strdup (modality);
  series->sop_class_uid = strdup (sop_class);
  series->description = value_of (file, TAG_SERIES_DESC);
  series->date = value_of (file, TAG_SERIES_DATE);
  series->has_number = lb_dicom_file_get_int (file, TAG_SERIES_NUMBER, &series->number);
  if (series->uid == NULL || series->modality == NULL || series->sop_class_uid == NULL
      || series->description == NULL || series->date == NULL
      || !push ((void ***) &study->series, &study->n_series, &study->cap, series))
    {
      series_free (series);
      return NULL;
    }
  return lb_study_index_put (model->index, key, series) ? series : NULL;
}

static bool
same_orientation (const double *a, const double *b)
{
  for (int i = 0; i < 6; i++)
    if (fabs (a[i] - b[i]) > LB_STUDY_IOP_TOLERANCE)
      return false;
  return true;
}

/* The stack of the series with this size and orientation, made when there is none. */
static LbStudyStack *
find_stack (LbStudyModel *model, LbStudySeries *series, const Header h)
{
  int64_t rows = 0, columns = 0;
  double iop[6] = { 0 };
  lb_study_int (h[H_ROWS], &rows);
  lb_study_int (h[H_COLUMNS], &columns);
  bool has_iop = lb_study_recent_orientation (model->recent, h[H_IOP], iop);
  uint32_t r = rows > 0 && rows <= UINT32_MAX ? (uint32_t) rows : 0;
  uint32_t c = columns > 0 && columns <= UINT32_MAX ? (uint32_t) columns : 0;

  for (size_t i = 0; i < series->n_stacks; i++)
    {
      LbStudyStack *stack = series->stacks[i];
      if (stack->rows == r && stack->columns == c && stack->has_orientation == has_iop
          && (!has_iop || same_orientation (stack->orientation, iop)))
        return stack;
    }
  LbStudyStack *stack = calloc (1, sizeof *stack);
  if (stack == NULL)
    return NULL;
  stack->rows = r;
  stack->columns = c;
  stack->has_orientation = has_iop;
  memcpy (stack->orientation, iop, sizeof iop);
  if (!push ((void ***) &series->stacks, &series->n_stacks, &series->cap, stack))
    {
      free (stack);
      return NULL;
    }
  return stack;
}

static LbStudyAdd
add_duplicate (LbStudyModel *model, const char *path, const LbStudyInstance *kept)
{
  if (model->n_duplicates == model->dup_cap)
    {
      size_t bigger = model->dup_cap == 0 ? 4 : model->dup_cap * 2;
      LbStudyDuplicate *grown = realloc (model->duplicates, bigger * sizeof *grown);
      if (grown == NULL)
        return LB_STUDY_NO_MEMORY;
      model->duplicates = grown;
      model->dup_cap = bigger;
    }
  LbStudyDuplicate *dup = &model->duplicates[model->n_duplicates];
  dup->path = strdup (path);
  dup->kept_path = strdup (kept->path);
  dup->sop_instance_uid = strdup (kept->sop_instance_uid);
  if (dup->path == NULL || dup->kept_path == NULL || dup->sop_instance_uid == NULL)
    {
      free (dup->path);
      free (dup->kept_path);
      free (dup->sop_instance_uid);
      return LB_STUDY_NO_MEMORY;
    }
  model->n_duplicates++;
  return LB_STUDY_DUPLICATE;
}

/* An instance holding copies of path and uid (len bytes) in the same allocation, its other
 * fields zero; NULL when out of memory. */
static LbStudyInstance *
instance_new (const char *path, const char *uid, size_t uid_len)
{
  size_t path_len = strlen (path);
  LbStudyInstance *inst = malloc (sizeof *inst + path_len + 1 + uid_len + 1);
  if (inst == NULL)
    return NULL;
  char *strings = (char *) (inst + 1);
  *inst = (LbStudyInstance) { .path = strings, .sop_instance_uid = strings + path_len + 1 };
  memcpy (inst->path, path, path_len + 1);
  memcpy (inst->sop_instance_uid, uid, uid_len);
  inst->sop_instance_uid[uid_len] = '\0';
  return inst;
}

/* A file's SOP Instance UID as value_of() gives it: bytes and length, in the file's own bytes
 * when they are plain ASCII (ascii_span()), else in `owned` (malloc'd). */
typedef struct {
  const char *bytes;
  size_t      len;
  char       *owned;
} Uid;

static LbStudyInstance *
new_instance (LbStudyModel *model, const char *path, const Header h, const Uid *uid)
{
  LbStudyInstance *inst = instance_new (path, uid->bytes, uid->len);
  if (inst == NULL)
    return NULL;
  inst->has_instance = lb_study_int (h[H_INSTANCE], &inst->instance);
  if (!lb_study_int (h[H_FRAMES], &inst->frames) || inst->frames < 1)
    inst->frames = 1;
  inst->has_position = lb_study_recent_position (model->recent, h[H_IPP], inst->ipp);
  return inst;
}

/* The keys that tell files apart, one string each (see the top of lb-study.h). */
typedef struct {
  char *patient_name, *patient_id, *study_uid, *series_uid, *modality, *sop_class;
} Keys;

static void
keys_clear (Keys *k)
{
  free (k->patient_name);
  free (k->patient_id);
  free (k->study_uid);
  free (k->series_uid);
  free (k->modality);
  free (k->sop_class);
}

/* Files the instance in its series: its stack, the instance, and its SOP Instance UID where
 * lb_study_index_find() found it missing (probe). */
static LbStudyAdd
file_in_series (LbStudyModel *model, const char *path, const Header h, LbStudySeries *series,
                const Uid *uid, const LbStudyIndexProbe *probe)
{
  LbStudyStack *stack = find_stack (model, series, h);
  LbStudyInstance *inst = stack != NULL ? new_instance (model, path, h, uid) : NULL;
  if (inst == NULL)
    return LB_STUDY_NO_MEMORY;
  if (!push ((void ***) &stack->instances, &stack->n_instances, &stack->cap, inst))
    {
      instance_free (inst);
      return LB_STUDY_NO_MEMORY;
    }
  /* The index borrows the instance's own copy of the UID: both live as long as the model. */
  if (uid->len > 0 && !lb_study_index_insert (model->uids, probe, inst->sop_instance_uid, inst))
    return LB_STUDY_NO_MEMORY;   /* listed already: freed with the model */
  return LB_STUDY_ADDED;
}

/* The series of a file that is not the last one's, by its keys, made when there is none. */
static LbStudySeries *
find_keyed_series (LbStudyModel *model, const LbDicomFile *file, Keys *k)
{
  k->patient_name = value_of (file, TAG_PATIENT_NAME);
  k->patient_id = value_of (file, TAG_PATIENT_ID);
  k->study_uid = value_of (file, TAG_STUDY_UID);
  k->series_uid = value_of (file, TAG_SERIES_UID);
  k->modality = value_of (file, TAG_MODALITY);
  k->sop_class = value_of (file, TAG_SOP_CLASS);
  if (k->patient_name == NULL || k->patient_id == NULL || k->study_uid == NULL
      || k->series_uid == NULL || k->modality == NULL || k->sop_class == NULL)
    return NULL;
  char *patient_key = key_of (3, "P", k->patient_id, k->patient_name);
  char *study_key = key_of (4, "S", k->patient_id, k->patient_name, k->study_uid);
  char *series_key = key_of (7, "R", k->patient_id, k->patient_name, k->study_uid,
                             k->series_uid, k->modality, k->sop_class);
  LbStudyPatient *patient;
  LbStudyStudy *study;
  LbStudySeries *series = NULL;
  if (patient_key != NULL && study_key != NULL && series_key != NULL
      && (patient = find_patient (model, file, patient_key)) != NULL
      && (study = find_study (model, patient, file, study_key, k->study_uid)) != NULL)
    series = find_series (model, study, file, series_key, k->series_uid, k->modality,
                          k->sop_class);
  free (patient_key);
  free (study_key);
  free (series_key);
  return series;
}

/* The file's SOP Instance UID (Uid); false when out of memory. */
static bool
uid_of (const LbDicomElement *el, Uid *uid)
{
  const uint8_t *bytes;
  size_t len;
  *uid = (Uid) { 0 };
  if (ascii_span (el, &bytes, &len))
    {
      uid->bytes = (const char *) bytes;
      uid->len = len;
      return true;
    }
  char *value = lb_dicom_element_get_string (el, 0);
  uid->owned = value != NULL ? trimmed (value) : strdup ("");
  if (uid->owned == NULL)
    return false;
  uid->bytes = uid->owned;
  uid->len = strlen (uid->owned);
  return true;
}

LbStudyAdd
lb_study_model_add (LbStudyModel *model, const char *path, const LbDicomFile *file)
{
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
  Header h;
  lb_dicom_dataset_lookup_tags (ds, header_tags, N_HEADER_TAGS, h);
  /* The SOP Instance UID first: a duplicate needs no other value (copies of a series). */
  Uid uid;
  if (!uid_of (h[H_SOP_INSTANCE], &uid))
    return LB_STUDY_NO_MEMORY;
  LbStudyIndexProbe probe;
  LbStudyInstance *kept = uid.len > 0 ? lb_study_index_find (model->uids, uid.bytes, uid.len,
                                                             &probe)
                                      : NULL;
  Keys k = { 0 };
  LbStudyAdd result = LB_STUDY_NO_MEMORY;
  if (kept != NULL)
    result = add_duplicate (model, path, kept);
  else
    {
      /* A folder is mostly whole series in a row: the same key bytes as the last file mean
       * the same series, with no value to copy nor key to build. The series' keys go to
       * model->index, never to model->uids: the probe stays valid. */
      const LbDicomElement *keys[LB_STUDY_RECENT_KEYS] = {
        h[H_PATIENT_NAME], h[H_PATIENT_ID], h[H_STUDY_UID], h[H_SERIES_UID], h[H_MODALITY],
        h[H_SOP_CLASS],
      };
      LbStudySeries *series = lb_study_recent_series (model->recent,
                                                      lb_dicom_dataset_get_charset (ds), keys);
      if (series == NULL && (series = find_keyed_series (model, file, &k)) != NULL)
        lb_study_recent_remember (model->recent, series);
      if (series != NULL)
        result = file_in_series (model, path, h, series, &uid, &probe);
    }
  keys_clear (&k);
  free (uid.owned);
  return result;
}

bool
lb_study_model_add_path (LbStudyModel *model, const char *path, LbDicomError **error)
{
  if (model->scanner == NULL)
    {
      size_t n_tags;
      const uint32_t *tags = lb_study_model_header_tags (&n_tags);
      model->scanner = lb_dicom_scanner_new (tags, n_tags);
      if (model->scanner == NULL)
        return false;
    }
  const LbDicomFile *file = lb_dicom_scanner_read_path (model->scanner, path, error);
  return file != NULL && !lb_dicom_scanner_is_dicomdir (model->scanner)
         && lb_study_model_add (model, path, file) != LB_STUDY_NO_MEMORY;
}

/* ---- Copies ------------------------------------------------------------------------------ */

static char *
copy_string (const char *s, bool *ok)
{
  char *copy = strdup (s);
  if (copy == NULL)
    *ok = false;
  return copy;
}

/* Appends to *items a copy of each of n items, made by copy_one; false when out of memory
 * (the copies made so far are in *items, freed with their owner). */
static bool
copy_all (void ***items, size_t *n_out, size_t *cap, void *const *from, size_t n,
          void *(*copy_one) (const void *), void (*free_one) (void *))
{
  for (size_t i = 0; i < n; i++)
    {
      void *item = copy_one (from[i]);
      if (item == NULL)
        return false;
      if (!push (items, n_out, cap, item))
        {
          free_one (item);
          return false;
        }
    }
  return true;
}

static void
free_instance (void *inst)
{
  instance_free (inst);
}

static void
free_stack (void *data)
{
  LbStudyStack *stack = data;
  for (size_t j = 0; j < stack->n_instances; j++)
    instance_free (stack->instances[j]);
  free (stack->instances);
  free (stack);
}

static void
free_series (void *series)
{
  series_free (series);
}

static void
free_study (void *study)
{
  study_free (study);
}

static void
free_patient (void *patient)
{
  patient_free (patient);
}

static void *
copy_instance (const void *from)
{
  const LbStudyInstance *src = from;
  LbStudyInstance *inst = instance_new (src->path, src->sop_instance_uid,
                                        strlen (src->sop_instance_uid));
  if (inst == NULL)
    return NULL;
  char *path = inst->path, *uid = inst->sop_instance_uid;
  *inst = *src;
  inst->path = path;
  inst->sop_instance_uid = uid;
  return inst;
}

static void *
copy_stack (const void *from)
{
  const LbStudyStack *src = from;
  LbStudyStack *stack = calloc (1, sizeof *stack);
  if (stack == NULL)
    return NULL;
  stack->rows = src->rows;
  stack->columns = src->columns;
  stack->has_orientation = src->has_orientation;
  memcpy (stack->orientation, src->orientation, sizeof stack->orientation);
  if (!copy_all ((void ***) &stack->instances, &stack->n_instances, &stack->cap,
                 (void *const *) src->instances, src->n_instances, copy_instance, free_instance))
    {
      free_stack (stack);
      return NULL;
    }
  return stack;
}

static void *
copy_series (const void *from)
{
  const LbStudySeries *src = from;
  LbStudySeries *series = calloc (1, sizeof *series);
  bool ok = true;
  if (series == NULL)
    return NULL;
  series->uid = copy_string (src->uid, &ok);
  series->modality = copy_string (src->modality, &ok);
  series->description = copy_string (src->description, &ok);
  series->sop_class_uid = copy_string (src->sop_class_uid, &ok);
  series->date = copy_string (src->date, &ok);
  series->number = src->number;
  series->has_number = src->has_number;
  if (!ok || !copy_all ((void ***) &series->stacks, &series->n_stacks, &series->cap,
                        (void *const *) src->stacks, src->n_stacks, copy_stack,
                        free_stack))
    {
      series_free (series);
      return NULL;
    }
  return series;
}

static void *
copy_study (const void *from)
{
  const LbStudyStudy *src = from;
  LbStudyStudy *study = calloc (1, sizeof *study);
  bool ok = true;
  if (study == NULL)
    return NULL;
  study->uid = copy_string (src->uid, &ok);
  study->date = copy_string (src->date, &ok);
  study->description = copy_string (src->description, &ok);
  if (!ok || !copy_all ((void ***) &study->series, &study->n_series, &study->cap,
                        (void *const *) src->series, src->n_series, copy_series,
                        free_series))
    {
      study_free (study);
      return NULL;
    }
  return study;
}

static void *
copy_patient (const void *from)
{
  const LbStudyPatient *src = from;
  LbStudyPatient *patient = calloc (1, sizeof *patient);
  bool ok = true;
  if (patient == NULL)
    return NULL;
  patient->name = copy_string (src->name, &ok);
  patient->id = copy_string (src->id, &ok);
  if (!ok || !copy_all ((void ***) &patient->studies, &patient->n_studies, &patient->cap,
                        (void *const *) src->studies, src->n_studies, copy_study,
                        free_study))
    {
      patient_free (patient);
      return NULL;
    }
  return patient;
}

LbStudyModel *
lb_study_model_copy (const LbStudyModel *model)
{
  LbStudyModel *copy = calloc (1, sizeof *copy);
  if (copy == NULL)
    return NULL;
  bool ok = copy_all ((void ***) &copy->patients, &copy->n_patients, &copy->cap,
                      (void *const *) model->patients, model->n_patients, copy_patient,
                      free_patient);
  for (size_t i = 0; ok && i < model->n_duplicates; i++)
    {
      const LbStudyDuplicate *dup = &model->duplicates[i];
      LbStudyInstance kept = { .path = dup->kept_path, .sop_instance_uid = dup->sop_instance_uid };
      ok = add_duplicate (copy, dup->path, &kept) == LB_STUDY_DUPLICATE;
    }
  if (!ok)
    {
      lb_study_model_free (copy);
      return NULL;
    }
  return copy;
}
