/* dicom-dir.c: the directory records of a DICOMDIR and the tree they form (lb-dicom-dir.h). */
#include "lb-dicom-dir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TAG_ROOT_FIRST  LB_DICOM_TAG (0x0004, 0x1200)
#define TAG_RECORDS     LB_DICOM_TAG (0x0004, 0x1220)
#define TAG_NEXT        LB_DICOM_TAG (0x0004, 0x1400)
#define TAG_LOWER       LB_DICOM_TAG (0x0004, 0x1420)
#define TAG_RECORD_TYPE LB_DICOM_TAG (0x0004, 0x1430)
#define TAG_FILE_ID     LB_DICOM_TAG (0x0004, 0x1500)

bool
lb_dicom_dir_is_dicomdir (const LbDicomFile *file)
{
  char *sop_class = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0002, 0x0002));
  bool yes = false;
  if (sop_class != NULL)
    {
      size_t n = strlen (sop_class);
      while (n > 0 && (sop_class[n - 1] == ' ' || sop_class[n - 1] == '\0'))
        sop_class[--n] = '\0';
      yes = strcmp (sop_class, "1.2.840.10008.1.3.10") == 0;
    }
  free (sop_class);
  return yes;
}

static LbDicomDirLevel
record_level (const LbDicomDataset *item)
{
  const LbDicomElement *el = lb_dicom_dataset_lookup (item, TAG_RECORD_TYPE);
  char *type = el != NULL ? lb_dicom_element_get_string (el, 0) : NULL;
  LbDicomDirLevel level = LB_DICOM_DIR_INSTANCE;
  if (type != NULL)
    {
      size_t n = strlen (type);
      while (n > 0 && type[n - 1] == ' ')
        type[--n] = '\0';
      if (strcmp (type, "PATIENT") == 0)
        level = LB_DICOM_DIR_PATIENT;
      else if (strcmp (type, "STUDY") == 0)
        level = LB_DICOM_DIR_STUDY;
      else if (strcmp (type, "SERIES") == 0)
        level = LB_DICOM_DIR_SERIES;
    }
  free (type);
  return level;
}

/* "IMAGES/IM000001" from the components of (0004,1500); NULL when absent or unsafe: File IDs
 * are relative, and a component of "." or "..", or one holding a '/', would leave the media's
 * folder. */
static char *
record_file_id (const LbDicomDataset *item)
{
  const LbDicomElement *el = lb_dicom_dataset_lookup (item, TAG_FILE_ID);
  uint32_t vm = el != NULL ? lb_dicom_element_get_vm (el) : 0;
  if (vm == 0)
    return NULL;
  size_t len = 0, cap = 64;
  char *id = malloc (cap);
  if (id == NULL)
    return NULL;
  id[0] = '\0';
  for (uint32_t c = 0; c < vm; c++)
    {
      char *component = lb_dicom_element_get_string (el, c);
      size_t n = component != NULL ? strlen (component) : 0;
      while (n > 0 && component[n - 1] == ' ')
        component[--n] = '\0';
      bool safe = n > 0 && strcmp (component, ".") != 0 && strcmp (component, "..") != 0
                  && strchr (component, '/') == NULL;
      if (safe && len + n + 2 > cap)
        {
          cap = (len + n + 2) * 2;
          char *bigger = realloc (id, cap);
          safe = bigger != NULL;
          if (bigger != NULL)
            id = bigger;
        }
      if (!safe)
        {
          free (component);
          free (id);
          return NULL;
        }
      if (len > 0)
        id[len++] = '/';
      memcpy (id + len, component, n + 1);
      len += n;
      free (component);
    }
  return id;
}

typedef struct {
  uint64_t offset;
  size_t index;
} OffsetIndex;

static int
compare_offsets (const void *a, const void *b)
{
  const OffsetIndex *x = a, *y = b;
  return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static long
record_at (const OffsetIndex *map, size_t n, uint64_t offset)
{
  OffsetIndex key = { offset, 0 };
  const OffsetIndex *hit = bsearch (&key, map, n, sizeof *map, compare_offsets);
  return hit != NULL ? (long) hit->index : -1;
}

static bool
get_offset (const LbDicomDataset *ds, uint32_t tag, uint64_t *out)
{
  const LbDicomElement *el = lb_dicom_dataset_lookup (ds, tag);
  *out = 0;
  return el == NULL || lb_dicom_element_get_vm (el) == 0 || lb_dicom_element_get_uint (el, 0, out);
}

/* Follows the offsets from the root's first record. true only when they reach every record
 * exactly once, each child one level below its parent: anything else means the offsets are
 * not to be trusted. */
static bool
link_by_offsets (const LbDicomFile *file, LbDicomDir *dir)
{
  uint64_t root = 0;
  if (dir->n_records == 0 || !get_offset (lb_dicom_file_get_dataset (file), TAG_ROOT_FIRST, &root)
      || root == 0 || lb_dicom_file_is_deflated (file))
    return false;
  OffsetIndex *map = malloc (dir->n_records * sizeof *map);
  size_t *stack = malloc (dir->n_records * sizeof *stack);  /* records whose children are due */
  bool *seen = calloc (dir->n_records, sizeof *seen);
  bool ok = map != NULL && stack != NULL && seen != NULL;
  for (size_t i = 0; ok && i < dir->n_records; i++)
    map[i] = (OffsetIndex) { lb_dicom_dataset_get_offset (dir->records[i].item), i };
  if (ok)
    qsort (map, dir->n_records, sizeof *map, compare_offsets);

  size_t depth = 0, reached = 0;
  /* Each step walks one sibling chain: `offset` is its first record, `parent` its owner. */
  uint64_t offset = root;
  long parent = -1;
  while (ok)
    {
      while (ok && offset != 0)
        {
          long i = record_at (map, dir->n_records, offset);
          ok = i >= 0 && !seen[i]
               && (parent < 0 || dir->records[i].level > dir->records[parent].level);
          if (!ok)
            break;
          seen[i] = true;
          reached++;
          dir->records[i].parent = parent;
          stack[depth++] = (size_t) i;
          ok = get_offset (dir->records[i].item, TAG_NEXT, &offset);
        }
      if (!ok || depth == 0)
        break;
      /* The next chain to walk: the children of the last record taken. */
      size_t owner = stack[--depth];
      parent = (long) owner;
      ok = get_offset (dir->records[owner].item, TAG_LOWER, &offset);
    }
  ok = ok && reached == dir->n_records;
  free (map);
  free (stack);
  free (seen);
  return ok;
}

/* The tree from the record order: each record belongs to the nearest record above it of a
 * higher level, a new PATIENT closes the studies and series before it, and so on. */
static void
link_by_order (LbDicomDir *dir)
{
  long last[4] = { -1, -1, -1, -1 };
  for (size_t i = 0; i < dir->n_records; i++)
    {
      LbDicomDirLevel level = dir->records[i].level;
      long parent = -1;
      for (int l = (int) level - 1; l >= 0 && parent < 0; l--)
        parent = last[l];
      dir->records[i].parent = parent;
      last[level] = (long) i;
      for (int l = (int) level + 1; l < 4; l++)
        last[l] = -1;
    }
}

bool
lb_dicom_dir_read (const LbDicomFile *file, LbDicomDir *dir)
{
  memset (dir, 0, sizeof *dir);
  const LbDicomElement *seq = lb_dicom_file_lookup (file, TAG_RECORDS);
  if (seq == NULL || !lb_dicom_element_is_sequence (seq))
    return false;
  size_t n = lb_dicom_element_get_item_count (seq);
  if (n == 0)
    return true;
  dir->records = calloc (n, sizeof *dir->records);
  if (dir->records == NULL)
    return false;
  for (size_t i = 0; i < n; i++)
    {
      const LbDicomDataset *item = lb_dicom_element_get_item (seq, i);
      if (item == NULL)
        continue;
      LbDicomDirRecord *record = &dir->records[dir->n_records++];
      record->item = item;
      record->level = record_level (item);
      record->parent = -1;
      record->file_id = record_file_id (item);
    }
  dir->linked_by_offsets = link_by_offsets (file, dir);
  if (!dir->linked_by_offsets)
    link_by_order (dir);
  return true;
}

void
lb_dicom_dir_clear (LbDicomDir *dir)
{
  for (size_t i = 0; i < dir->n_records; i++)
    free (dir->records[i].file_id);
  free (dir->records);
  memset (dir, 0, sizeof *dir);
}

long
lb_dicom_dir_ancestor (const LbDicomDir *dir, size_t index, LbDicomDirLevel level)
{
  long i = (long) index;
  while (i >= 0 && dir->records[i].level > level)
    i = dir->records[i].parent;
  return i >= 0 && dir->records[i].level == level ? i : -1;
}
