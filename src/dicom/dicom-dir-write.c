/* dicom-dir-write.c: a DICOMDIR over a set of files (lb-dicom-dir-write.h).
 *
 * The records are kept as a tree of nodes holding their key values; encoding lays them out
 * depth first in the Directory Record Sequence. The byte offsets that link the records depend
 * on the encoded layout, but each is a fixed-size UL, so the dataset is encoded once with zero
 * offsets, the position of every item is read from those bytes, the offsets are set and the
 * dataset is encoded again: the second encoding has the same layout as the first. */
#include "lb-dicom-dir-write.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dicom-error.h"

#define TAG_FILESET_ID      LB_DICOM_TAG (0x0004, 0x1130)
#define TAG_ROOT_FIRST      LB_DICOM_TAG (0x0004, 0x1200)
#define TAG_ROOT_LAST       LB_DICOM_TAG (0x0004, 0x1202)
#define TAG_CONSISTENCY     LB_DICOM_TAG (0x0004, 0x1212)
#define TAG_RECORDS         LB_DICOM_TAG (0x0004, 0x1220)
#define TAG_NEXT            LB_DICOM_TAG (0x0004, 0x1400)
#define TAG_IN_USE          LB_DICOM_TAG (0x0004, 0x1410)
#define TAG_LOWER           LB_DICOM_TAG (0x0004, 0x1420)
#define TAG_RECORD_TYPE     LB_DICOM_TAG (0x0004, 0x1430)
#define TAG_FILE_ID         LB_DICOM_TAG (0x0004, 0x1500)
#define TAG_REF_CLASS       LB_DICOM_TAG (0x0004, 0x1510)
#define TAG_REF_INSTANCE    LB_DICOM_TAG (0x0004, 0x1511)
#define TAG_REF_SYNTAX      LB_DICOM_TAG (0x0004, 0x1512)
#define TAG_CHARSET         LB_DICOM_TAG (0x0008, 0x0005)
#define TAG_SOP_CLASS       LB_DICOM_TAG (0x0008, 0x0016)
#define TAG_SOP_INSTANCE    LB_DICOM_TAG (0x0008, 0x0018)
#define TAG_STUDY_DATE      LB_DICOM_TAG (0x0008, 0x0020)
#define TAG_STUDY_TIME      LB_DICOM_TAG (0x0008, 0x0030)
#define TAG_ACCESSION       LB_DICOM_TAG (0x0008, 0x0050)
#define TAG_MODALITY        LB_DICOM_TAG (0x0008, 0x0060)
#define TAG_STUDY_DESC      LB_DICOM_TAG (0x0008, 0x1030)
#define TAG_PATIENT_NAME    LB_DICOM_TAG (0x0010, 0x0010)
#define TAG_PATIENT_ID      LB_DICOM_TAG (0x0010, 0x0020)
#define TAG_STUDY_UID       LB_DICOM_TAG (0x0020, 0x000d)
#define TAG_SERIES_UID      LB_DICOM_TAG (0x0020, 0x000e)
#define TAG_STUDY_ID        LB_DICOM_TAG (0x0020, 0x0010)
#define TAG_SERIES_NUMBER   LB_DICOM_TAG (0x0020, 0x0011)
#define TAG_INSTANCE_NUMBER LB_DICOM_TAG (0x0020, 0x0013)
#define TAG_ITEM            LB_DICOM_TAG (0xfffe, 0xe000)

#define MAX_KEYS     8
#define MAX_CHILDREN 99999u     /* five digits in a CD-safe component such as "IMG00001" */

typedef enum { LEVEL_PATIENT, LEVEL_STUDY, LEVEL_SERIES, LEVEL_IMAGE, LEVEL_COUNT } Level;

static const char *const record_types[LEVEL_COUNT] = { "PATIENT", "STUDY", "SERIES", "IMAGE" };
static const char *const folder_prefixes[LEVEL_COUNT] = { "PAT", "STU", "SER", "IMG" };

typedef struct {
  uint32_t tag;
  LbDicomVR vr;
  char *value;                  /* the file's bytes (trailing padding removed), NUL-terminated */
} Key;

typedef struct {
  Level level;
  Key keys[MAX_KEYS];
  size_t n_keys;
  char *identity;               /* what tells siblings apart (a UID, or Patient ID + name) */
  size_t number;                /* 1-based among its siblings: the folder's number */
  size_t parent, first_child, last_child, next;   /* node indices; SIZE_MAX for none */
  size_t n_children;
  char file_id[LB_DICOM_DIR_FILE_ID_SIZE];   /* IMAGE: "PAT00001/STU00001/SER00001/IMG00001" */
} Node;

struct _LbDicomDirWriter {
  Node *nodes;
  size_t n, cap;
  size_t first_patient, last_patient, n_patients;
  size_t n_images;
};

/* ---- Nodes ------------------------------------------------------------------------------ */

LbDicomDirWriter *
lb_dicom_dir_writer_new (void)
{
  LbDicomDirWriter *writer = calloc (1, sizeof *writer);
  if (writer != NULL)
    writer->first_patient = writer->last_patient = SIZE_MAX;
  return writer;
}

void
lb_dicom_dir_writer_free (LbDicomDirWriter *writer)
{
  if (writer == NULL)
    return;
  for (size_t i = 0; i < writer->n; i++)
    {
      for (size_t k = 0; k < writer->nodes[i].n_keys; k++)
        free (writer->nodes[i].keys[k].value);
      free (writer->nodes[i].identity);
    }
  free (writer->nodes);
  free (writer);
}

size_t
lb_dicom_dir_writer_count (const LbDicomDirWriter *writer)
{
  return writer->n_images;
}

/* The value bytes of `tag` in `ds` without trailing spaces or NULs, or "" when absent. */
static char *
raw_value (const LbDicomDataset *ds, uint32_t tag)
{
  const LbDicomElement *el = lb_dicom_dataset_lookup (ds, tag);
  size_t len = 0;
  const uint8_t *bytes = el != NULL && !lb_dicom_element_is_sequence (el)
                         ? lb_dicom_element_get_bytes (el, &len) : NULL;
  if (bytes == NULL)
    len = 0;
  while (len > 0 && (bytes[len - 1] == ' ' || bytes[len - 1] == '\0'))
    len--;
  char *value = malloc (len + 1);
  if (value != NULL)
    {
      if (len > 0)
        memcpy (value, bytes, len);
      value[len] = '\0';
    }
  return value;
}

/* Copies the key `tag` from `ds`; when it is empty and `fallback` is not NULL (a Type 1 key),
 * the fallback is used instead. */
static bool
node_add_key (Node *node, const LbDicomDataset *ds, uint32_t tag, LbDicomVR vr,
              const char *fallback)
{
  char *value = raw_value (ds, tag);
  if (value == NULL)
    return false;
  if (value[0] == '\0' && fallback != NULL)
    {
      free (value);
      value = strdup (fallback);
      if (value == NULL)
        return false;
    }
  node->keys[node->n_keys++] = (Key) { tag, vr, value };
  return true;
}

/* The child of `parent` (SIZE_MAX: the root) at `level` whose identity is `identity`, or
 * SIZE_MAX. */
static size_t
find_child (const LbDicomDirWriter *writer, size_t parent, const char *identity)
{
  size_t i = parent == SIZE_MAX ? writer->first_patient : writer->nodes[parent].first_child;
  for (; i != SIZE_MAX; i = writer->nodes[i].next)
    if (strcmp (writer->nodes[i].identity, identity) == 0)
      return i;
  return SIZE_MAX;
}

/* Appends a new node under `parent` (SIZE_MAX: a patient at the root); its index, or SIZE_MAX
 * with the error set. */
static size_t
append_node (LbDicomDirWriter *writer, size_t parent, Level level, const char *identity,
             LbDicomError **error)
{
  size_t siblings = parent == SIZE_MAX ? writer->n_patients : writer->nodes[parent].n_children;
  if (siblings >= MAX_CHILDREN)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1,
                          "a DICOMDIR holds at most %u %s records under one parent",
                          MAX_CHILDREN, record_types[level]);
      return SIZE_MAX;
    }
  if (writer->n == writer->cap)
    {
      size_t cap = writer->cap ? writer->cap * 2 : 64;
      Node *nodes = realloc (writer->nodes, cap * sizeof *nodes);
      if (nodes == NULL)
        {
          lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                              "out of memory");
          return SIZE_MAX;
        }
      writer->nodes = nodes;
      writer->cap = cap;
    }
  size_t index = writer->n;
  Node *node = &writer->nodes[index];
  *node = (Node) { .level = level, .number = siblings + 1, .parent = parent,
                   .first_child = SIZE_MAX, .last_child = SIZE_MAX, .next = SIZE_MAX };
  node->identity = strdup (identity);
  if (node->identity == NULL)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      return SIZE_MAX;
    }
  writer->n++;
  if (parent == SIZE_MAX)
    {
      if (writer->last_patient != SIZE_MAX)
        writer->nodes[writer->last_patient].next = index;
      else
        writer->first_patient = index;
      writer->last_patient = index;
      writer->n_patients++;
    }
  else
    {
      Node *up = &writer->nodes[parent];
      if (up->last_child != SIZE_MAX)
        writer->nodes[up->last_child].next = index;
      else
        up->first_child = index;
      up->last_child = index;
      up->n_children++;
    }
  return index;
}

/* The keys of each level (PS3.3 Tables F.5-1 to F.5-3 and F.5-18). */
static bool
add_level_keys (Node *node, const LbDicomDataset *ds, bool has_charset)
{
  char number[24];
  snprintf (number, sizeof number, "%zu", node->number);
  bool ok = !has_charset || node_add_key (node, ds, TAG_CHARSET, LB_DICOM_VR_CS, NULL);
  switch (node->level)
    {
    case LEVEL_PATIENT:
      return ok && node_add_key (node, ds, TAG_PATIENT_NAME, LB_DICOM_VR_PN, NULL)
             && node_add_key (node, ds, TAG_PATIENT_ID, LB_DICOM_VR_LO, "UNKNOWN");
    case LEVEL_STUDY:
      return ok && node_add_key (node, ds, TAG_STUDY_DATE, LB_DICOM_VR_DA, "19000101")
             && node_add_key (node, ds, TAG_STUDY_TIME, LB_DICOM_VR_TM, "000000")
             && node_add_key (node, ds, TAG_ACCESSION, LB_DICOM_VR_SH, NULL)
             && node_add_key (node, ds, TAG_STUDY_DESC, LB_DICOM_VR_LO, NULL)
             && node_add_key (node, ds, TAG_STUDY_UID, LB_DICOM_VR_UI, NULL)
             && node_add_key (node, ds, TAG_STUDY_ID, LB_DICOM_VR_SH, number);
    case LEVEL_SERIES:
      return ok && node_add_key (node, ds, TAG_MODALITY, LB_DICOM_VR_CS, "OT")
             && node_add_key (node, ds, TAG_SERIES_UID, LB_DICOM_VR_UI, NULL)
             && node_add_key (node, ds, TAG_SERIES_NUMBER, LB_DICOM_VR_IS, number);
    case LEVEL_IMAGE:
    case LEVEL_COUNT:
      break;
    }
  return ok && node_add_key (node, ds, TAG_INSTANCE_NUMBER, LB_DICOM_VR_IS, number);
}

/* The node for `identity` under `parent`, made with its keys when new. */
static size_t
find_or_add (LbDicomDirWriter *writer, size_t parent, Level level, const char *identity,
             const LbDicomDataset *ds, LbDicomError **error)
{
  size_t index = level == LEVEL_IMAGE ? SIZE_MAX : find_child (writer, parent, identity);
  if (index != SIZE_MAX)
    return index;
  index = append_node (writer, parent, level, identity, error);
  if (index == SIZE_MAX)
    return SIZE_MAX;
  bool has_charset = level != LEVEL_SERIES && level != LEVEL_IMAGE
                     && lb_dicom_dataset_lookup (ds, TAG_CHARSET) != NULL;
  if (!add_level_keys (&writer->nodes[index], ds, has_charset))
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      return SIZE_MAX;
    }
  return index;
}

/* ---- Adding an instance ----------------------------------------------------------------- */

typedef struct {
  char *patient;                /* Patient ID and name: the PATIENT record's identity */
  char *study;
  char *series;
  char *instance;
} Keys;

static void
keys_clear (Keys *keys)
{
  free (keys->patient), free (keys->study), free (keys->series), free (keys->instance);
  *keys = (Keys) { 0 };
}

/* The identities of `file`'s records; false (error set) when a UID is missing. */
static bool
read_keys (const LbDicomFile *file, Keys *keys, LbDicomError **error)
{
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
  char *patient_id = raw_value (ds, TAG_PATIENT_ID);
  char *patient_name = raw_value (ds, TAG_PATIENT_NAME);
  size_t len = (patient_id ? strlen (patient_id) : 0) + (patient_name ? strlen (patient_name) : 0)
               + 2;

  *keys = (Keys) { malloc (len), raw_value (ds, TAG_STUDY_UID), raw_value (ds, TAG_SERIES_UID),
                   raw_value (ds, TAG_SOP_INSTANCE) };
  bool ok = patient_id != NULL && patient_name != NULL && keys->patient != NULL
            && keys->study != NULL && keys->series != NULL && keys->instance != NULL;
  if (ok)
    snprintf (keys->patient, len, "%s\n%s", patient_id, patient_name);
  free (patient_id), free (patient_name);
  if (!ok)
    {
      keys_clear (keys);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                 "out of memory");
    }
  if (keys->study[0] == '\0' || keys->series[0] == '\0' || keys->instance[0] == '\0')
    {
      uint32_t tag = keys->study[0] == '\0' ? TAG_STUDY_UID
                     : keys->series[0] == '\0' ? TAG_SERIES_UID : TAG_SOP_INSTANCE;
      keys_clear (keys);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, tag, -1,
                                 "a DICOMDIR record needs the file's Study, Series and SOP "
                                 "Instance UID");
    }
  return true;
}

/* The number a new child of `parent` would get at `level`, or that of the existing one. */
static size_t
predict_number (const LbDicomDirWriter *writer, size_t parent, const char *identity,
                size_t *index)
{
  *index = identity != NULL ? find_child (writer, parent, identity) : SIZE_MAX;
  if (*index != SIZE_MAX)
    return writer->nodes[*index].number;
  return (parent == SIZE_MAX ? writer->n_patients : writer->nodes[parent].n_children) + 1;
}

bool
lb_dicom_dir_writer_place (const LbDicomDirWriter *writer, const LbDicomFile *file,
                           char file_id[LB_DICOM_DIR_FILE_ID_SIZE], LbDicomError **error)
{
  Keys keys;
  size_t p, st = SIZE_MAX, se = SIZE_MAX, im;
  if (!read_keys (file, &keys, error))
    return false;
  size_t np = predict_number (writer, SIZE_MAX, keys.patient, &p);
  size_t nst = p == SIZE_MAX ? 1 : predict_number (writer, p, keys.study, &st);
  size_t nse = st == SIZE_MAX ? 1 : predict_number (writer, st, keys.series, &se);
  size_t nim = se == SIZE_MAX ? 1 : predict_number (writer, se, NULL, &im);
  keys_clear (&keys);
  if (np > MAX_CHILDREN || nst > MAX_CHILDREN || nse > MAX_CHILDREN || nim > MAX_CHILDREN)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_LIMIT, LB_DICOM_NO_TAG, -1,
                               "a DICOMDIR holds at most %u records under one parent",
                               MAX_CHILDREN);
  snprintf (file_id, LB_DICOM_DIR_FILE_ID_SIZE, "%s%05zu/%s%05zu/%s%05zu/%s%05zu",
            folder_prefixes[0], np, folder_prefixes[1], nst, folder_prefixes[2], nse,
            folder_prefixes[3], nim);
  return true;
}

static bool
add_image_keys (Node *node, const LbDicomFile *file, const char *sop_instance)
{
  const LbDicomDataset *meta = lb_dicom_file_get_meta (file);
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
  char *file_id = strdup (node->file_id);
  char *syntax = strdup (lb_dicom_file_get_transfer_syntax (file));
  char *instance = strdup (sop_instance);
  char *sop_class = raw_value (meta, LB_DICOM_TAG (0x0002, 0x0002));
  if (sop_class != NULL && sop_class[0] == '\0')
    {
      free (sop_class);
      sop_class = raw_value (ds, TAG_SOP_CLASS);
    }
  if (file_id == NULL || syntax == NULL || instance == NULL || sop_class == NULL)
    {
      free (file_id), free (syntax), free (instance), free (sop_class);
      return false;
    }
  for (char *c = file_id; *c; c++)
    if (*c == '/')
      *c = '\\';   /* the components are the values of a multi-valued CS */
  /* Keys in ascending tag order is not needed: the builder sorts them. */
  node->keys[node->n_keys++] = (Key) { TAG_FILE_ID, LB_DICOM_VR_CS, file_id };
  node->keys[node->n_keys++] = (Key) { TAG_REF_CLASS, LB_DICOM_VR_UI, sop_class };
  node->keys[node->n_keys++] = (Key) { TAG_REF_INSTANCE, LB_DICOM_VR_UI, instance };
  node->keys[node->n_keys++] = (Key) { TAG_REF_SYNTAX, LB_DICOM_VR_UI, syntax };
  return true;
}

const char *
lb_dicom_dir_writer_add (LbDicomDirWriter *writer, const LbDicomFile *file, LbDicomError **error)
{
  const LbDicomDataset *ds = lb_dicom_file_get_dataset (file);
  Keys keys;
  if (!read_keys (file, &keys, error))
    return NULL;
  size_t p = find_or_add (writer, SIZE_MAX, LEVEL_PATIENT, keys.patient, ds, error);
  size_t st = p == SIZE_MAX ? SIZE_MAX
                            : find_or_add (writer, p, LEVEL_STUDY, keys.study, ds, error);
  size_t se = st == SIZE_MAX ? SIZE_MAX
                             : find_or_add (writer, st, LEVEL_SERIES, keys.series, ds, error);
  size_t im = se == SIZE_MAX ? SIZE_MAX
                             : find_or_add (writer, se, LEVEL_IMAGE, keys.instance, ds, error);
  const char *result = NULL;
  if (im != SIZE_MAX)
    {
      Node *node = &writer->nodes[im];
      snprintf (node->file_id, sizeof node->file_id, "%s%05zu/%s%05zu/%s%05zu/%s%05zu",
                folder_prefixes[0], writer->nodes[p].number, folder_prefixes[1],
                writer->nodes[st].number, folder_prefixes[2], writer->nodes[se].number,
                folder_prefixes[3], node->number);
      if (add_image_keys (node, file, keys.instance))
        {
          writer->n_images++;
          result = node->file_id;
        }
      else
        lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                            "out of memory");
    }
  keys_clear (&keys);
  return result;
}

/* Makes the folders of `path` below `root` (which exists or is made too). */
static bool
make_parents (const char *path, LbDicomError **error)
{
  char *copy = strdup (path);
  bool ok = copy != NULL;
  for (char *slash = copy != NULL ? strchr (copy + 1, '/') : NULL; ok && slash != NULL;
       slash = strchr (slash + 1, '/'))
    {
      *slash = '\0';
      if (mkdir (copy, 0777) != 0 && errno != EEXIST)
        ok = lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                                 "cannot create the folder %s: %s", copy, strerror (errno));
      *slash = '/';
    }
  if (copy == NULL)
    lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
  free (copy);
  return ok;
}

char *
lb_dicom_dir_writer_write_member (LbDicomDirWriter *writer, const LbDicomBuilder *builder,
                                  const LbDicomWriteOptions *options, const char *root,
                                  LbDicomWriteFlags flags, LbDicomError **error)
{
  LbDicomFile *parsed = lb_dicom_file_new (NULL);
  char file_id[LB_DICOM_DIR_FILE_ID_SIZE];
  size_t len = 0;
  char *path = NULL;
  /* The record keys are read from the copy itself, as a reader of the DICOMDIR will. */
  uint8_t *bytes = lb_dicom_builder_encode (builder, options, &len, error);
  bool ok = bytes != NULL && lb_dicom_file_read (parsed, bytes, len, LB_DICOM_READ_DEFAULT, error)
            && lb_dicom_dir_writer_place (writer, parsed, file_id, error);
  if (ok)
    {
      path = malloc (strlen (root) + strlen (file_id) + 2);
      ok = path != NULL;
      if (!ok)
        lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                            "out of memory");
      else
        sprintf (path, "%s/%s", root, file_id);
    }
  /* Added only once written: a DICOMDIR never names a file that is not there. */
  ok = ok && make_parents (path, error) && lb_dicom_write_bytes (path, bytes, len, flags, error)
       && lb_dicom_dir_writer_add (writer, parsed, error) != NULL;
  if (!ok)
    {
      free (path);
      path = NULL;
    }
  free (bytes);
  lb_dicom_file_free (parsed);
  return path;
}

/* ---- Encoding --------------------------------------------------------------------------- */

/* Fills `item` with the record of `node`, its links given (0: none). */
static bool
fill_record (LbDicomBuilder *item, const Node *node, uint32_t next, uint32_t lower,
             LbDicomError **error)
{
  uint64_t next64 = next, lower64 = lower, in_use = 0xffff;
  if (!lb_dicom_builder_set_uint (item, TAG_NEXT, LB_DICOM_VR_UL, &next64, 1, error)
      || !lb_dicom_builder_set_uint (item, TAG_IN_USE, LB_DICOM_VR_US, &in_use, 1, error)
      || !lb_dicom_builder_set_uint (item, TAG_LOWER, LB_DICOM_VR_UL, &lower64, 1, error)
      || !lb_dicom_builder_set_string (item, TAG_RECORD_TYPE, LB_DICOM_VR_CS,
                                       record_types[node->level], error))
    return false;
  for (size_t k = 0; k < node->n_keys; k++)
    if (!lb_dicom_builder_set_string (item, node->keys[k].tag, node->keys[k].vr,
                                      node->keys[k].value, error))
      return false;
  return true;
}

/* Node indices in depth-first order (the order of the records), malloc'd. */
static size_t *
depth_first (const LbDicomDirWriter *writer)
{
  size_t *order = malloc ((writer->n + 1) * sizeof *order);
  size_t *stack = malloc ((writer->n + 1) * sizeof *stack);
  size_t n = 0, top = 0;
  if (order == NULL || stack == NULL)
    {
      free (order), free (stack);
      return NULL;
    }
  /* Siblings are pushed last to first so that they come out first to last. */
  for (size_t i = writer->n; i-- > 0;)
    if (writer->nodes[i].parent == SIZE_MAX)
      stack[top++] = i;
  while (top > 0)
    {
      size_t i = stack[--top];
      order[n++] = i;
      size_t mark = top;
      for (size_t c = writer->nodes[i].first_child; c != SIZE_MAX; c = writer->nodes[c].next)
        stack[top++] = c;
      for (size_t a = mark, b = top; a + 1 < b; a++, b--)
        {
          size_t t = stack[a];
          stack[a] = stack[b - 1];
          stack[b - 1] = t;
        }
    }
  free (stack);
  return order;
}

static uint32_t
read_u32 (const uint8_t *p)
{
  return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* The byte offset of each item of the Directory Record Sequence in an encoded file (explicit
 * VR little endian after the preamble, defined lengths, as the writer makes it). */
static bool
find_item_offsets (const uint8_t *bytes, size_t len, uint32_t *offsets, size_t n_items)
{
  size_t pos = 132;
  while (pos + 8 <= len)
    {
      uint32_t tag = (uint32_t) (bytes[pos] | bytes[pos + 1] << 8) << 16
                     | (uint32_t) (bytes[pos + 2] | bytes[pos + 3] << 8);
      LbDicomVR vr = lb_dicom_vr_from_chars ((char) bytes[pos + 4], (char) bytes[pos + 5]);
      bool long_length = lb_dicom_vr_has_long_length (vr);
      size_t header = long_length ? 12 : 8;
      if (pos + header > len)
        return false;
      size_t value_len = long_length ? read_u32 (bytes + pos + 8)
                                     : (size_t) (bytes[pos + 6] | bytes[pos + 7] << 8);
      if (tag == TAG_RECORDS)
        {
          size_t item = pos + header, end = item + value_len;
          for (size_t i = 0; i < n_items; i++)
            {
              if (item + 8 > end || end > len || read_u32 (bytes + item) != 0xe000fffeu)
                return false;
              offsets[i] = (uint32_t) item;
              item += 8 + read_u32 (bytes + item + 4);
            }
          return item == end;
        }
      pos += header + value_len;
    }
  return false;
}

/* The root dataset with every record, linked by `offsets` (per depth-first position; NULL: all
 * links zero). */
static LbDicomBuilder *
build_root (const LbDicomDirWriter *writer, const size_t *order, const uint32_t *offsets,
            const char *fileset_id, LbDicomError **error)
{
  LbDicomBuilder *root = lb_dicom_builder_new ();
  size_t *position = malloc ((writer->n + 1) * sizeof *position);  /* node -> order index */
  bool ok = root != NULL && position != NULL;
  if (!ok)
    lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
  for (size_t i = 0; ok && i < writer->n; i++)
    position[order[i]] = i;
#define LINK(node) ((offsets != NULL && (node) != SIZE_MAX) ? offsets[position[node]] : 0)
  uint64_t first = writer->first_patient != SIZE_MAX ? LINK (writer->first_patient) : 0;
  uint64_t last = writer->last_patient != SIZE_MAX ? LINK (writer->last_patient) : 0;
  uint64_t consistent = 0;
  ok = ok && lb_dicom_builder_set_string (root, TAG_FILESET_ID, LB_DICOM_VR_CS, fileset_id, error)
       && lb_dicom_builder_set_uint (root, TAG_ROOT_FIRST, LB_DICOM_VR_UL, &first, 1, error)
       && lb_dicom_builder_set_uint (root, TAG_ROOT_LAST, LB_DICOM_VR_UL, &last, 1, error)
       && lb_dicom_builder_set_uint (root, TAG_CONSISTENCY, LB_DICOM_VR_US, &consistent, 1, error)
       && lb_dicom_builder_set_empty_sequence (root, TAG_RECORDS, error);
  for (size_t i = 0; ok && i < writer->n; i++)
    {
      const Node *node = &writer->nodes[order[i]];
      LbDicomBuilder *item = lb_dicom_builder_add_item (root, TAG_RECORDS, error);
      ok = item != NULL
           && fill_record (item, node, (uint32_t) LINK (node->next),
                           (uint32_t) LINK (node->first_child), error);
    }
#undef LINK
  free (position);
  if (!ok)
    {
      lb_dicom_builder_free (root);
      return NULL;
    }
  return root;
}

uint8_t *
lb_dicom_dir_writer_encode (const LbDicomDirWriter *writer, const char *sop_instance_uid,
                            const char *fileset_id, size_t *len, LbDicomError **error)
{
  LbDicomWriteOptions options = {
    .sop_class_uid = LB_DICOM_UID_MEDIA_STORAGE_DIRECTORY,
    .sop_instance_uid = sop_instance_uid,
    .transfer_syntax_uid = LB_DICOM_UID_EXPLICIT_VR_LE,
  };
  size_t *order = depth_first (writer);
  uint32_t *offsets = malloc ((writer->n + 1) * sizeof *offsets);
  uint8_t *bytes = NULL;
  LbDicomBuilder *root = NULL;

  if (order == NULL || offsets == NULL)
    {
      lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1, "out of memory");
      goto out;
    }
  /* First pass: the layout, with every link zero. */
  root = build_root (writer, order, NULL, fileset_id, error);
  bytes = root != NULL ? lb_dicom_builder_encode (root, &options, len, error) : NULL;
  if (bytes == NULL)
    goto out;
  if (!find_item_offsets (bytes, *len, offsets, writer->n))
    goto layout_error;
  /* Second pass: the same layout with the links set. */
  lb_dicom_builder_free (root);
  free (bytes);
  root = build_root (writer, order, offsets, fileset_id, error);
  bytes = root != NULL ? lb_dicom_builder_encode (root, &options, len, error) : NULL;
  if (bytes == NULL)
    goto out;
  uint32_t *check = malloc ((writer->n + 1) * sizeof *check);
  bool same = check != NULL && find_item_offsets (bytes, *len, check, writer->n)
              && memcmp (check, offsets, writer->n * sizeof *check) == 0;
  free (check);
  if (!same)
    goto layout_error;
  goto out;

layout_error:
  lb_dicom_error_set (error, LB_DICOM_ERROR_MALFORMED, TAG_RECORDS, -1,
                      "the Directory Record Sequence could not be laid out");
  free (bytes);
  bytes = NULL;
out:
  lb_dicom_builder_free (root);
  free (order);
  free (offsets);
  return bytes;
}

bool
lb_dicom_dir_writer_write (const LbDicomDirWriter *writer, const char *path,
                           const char *sop_instance_uid, const char *fileset_id,
                           LbDicomWriteFlags flags, LbDicomError **error)
{
  size_t len = 0;
  uint8_t *bytes = lb_dicom_dir_writer_encode (writer, sop_instance_uid, fileset_id, &len, error);
  if (bytes == NULL)
    return false;
  bool ok = lb_dicom_write_bytes (path, bytes, len, flags, error);
  free (bytes);
  return ok;
}
