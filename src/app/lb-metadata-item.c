/* lb-metadata-item.c: rows of the tag tree. Rows are made when the tree expands them, so a
 * header with tens of thousands of elements opens at once; each row keeps its document alive
 * because it points into the parser's element storage. */
#include "config.h"

#define G_LOG_DOMAIN "lb-metadata-item"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "lb-metadata-item.h"

struct _LbMetadataItem
{
  GObject parent_instance;

  LbDocument *document;
  LbMetadataItemKind kind;
  char *search;                      /* casefolded, or NULL */

  /* GROUP: the elements of one group of one dataset */
  const LbDicomDataset *dataset;
  guint16 group;
  /* ELEMENT */
  const LbDicomElement *element;
  /* SEQUENCE_ITEM: dataset is the item, index its number */
  guint index;

  char *tag, *name, *keyword, *vr, *vm, *length, *offset, *value;
};

G_DEFINE_FINAL_TYPE (LbMetadataItem, lb_metadata_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TAG,
  PROP_NAME,
  PROP_KEYWORD,
  PROP_VR,
  PROP_VM,
  PROP_LENGTH,
  PROP_OFFSET,
  PROP_VALUE,
  PROP_IS_GROUP,
  PROP_IS_PRIVATE,
  N_PROPS
};

static GParamSpec *pspecs[N_PROPS];

const char *
lb_metadata_group_name (guint16 group)
{
  switch (group)
    {
    case 0x0002: return _("File Meta Information");
    /* PS3.3 F.3: the directory records of a DICOMDIR (Basic Directory IOD). */
    case 0x0004: return _("Directory Structuring");
    case 0x0008: return _("Study and Identification");
    case 0x0010: return _("Patient");
    case 0x0012: return _("Clinical Trial");
    case 0x0018: return _("Acquisition");
    case 0x0020: return _("Relationship and Position");
    case 0x0028: return _("Image Presentation");
    case 0x0032: return _("Study");
    case 0x0040: return _("Procedure");
    case 0x0042: return _("Encapsulated Document");
    case 0x0054: return _("Nuclear Medicine");
    case 0x0062: return _("Segmentation");
    case 0x0070: return _("Graphic Annotation");
    case 0x0088: return _("Storage");
    case 0x0400: return _("Digital Signatures");
    case 0x2050: return _("Presentation LUT");
    case 0x3002: return _("RT Image");
    case 0x3004: return _("RT Dose");
    case 0x3006: return _("Structure Set");
    case 0x3008: return _("RT Treatment Record");
    case 0x300a: return _("RT Plan");
    case 0x300c: return _("RT Relationship");
    case 0x300e: return _("RT Approval");
    case 0x5200: return _("Functional Groups");
    case 0x7fe0: return _("Pixel Data");
    default:
      if (group & 1)
        return _("Private");
      if ((group & 0xff00) == 0x6000)
        return _("Overlay");
      return _("Other");
    }
}

static char *
dup_c (char *s)
{
  char *g = g_strdup (s);

  free (s);
  return g;
}

static gboolean
element_matches (const LbDicomElement *el,
                 const char           *search)
{
  uint32_t tag = lb_dicom_element_get_tag (el);
  char buf[32];
  const char *kw = lb_dicom_element_get_keyword (el);
  const char *name = lb_dicom_element_get_name (el);
  g_autofree char *value = NULL;
  g_autofree char *fold = NULL;

  g_snprintf (buf, sizeof buf, "(%04x,%04x) %04x%04x", LB_DICOM_TAG_GROUP (tag),
              LB_DICOM_TAG_ELEMENT (tag), LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag));
  if (strstr (buf, search) != NULL)
    return TRUE;
  if (kw != NULL)
    {
      fold = g_utf8_casefold (kw, -1);
      if (strstr (fold, search) != NULL)
        return TRUE;
      g_clear_pointer (&fold, g_free);
    }
  if (name != NULL)
    {
      fold = g_utf8_casefold (name, -1);
      if (strstr (fold, search) != NULL)
        return TRUE;
      g_clear_pointer (&fold, g_free);
    }
  if (lb_dicom_element_is_sequence (el) || tag == LB_DICOM_TAG_PIXEL_DATA)
    return FALSE;
  value = dup_c (lb_dicom_element_format_value (el, 512));
  if (value == NULL)
    return FALSE;
  fold = g_utf8_casefold (value, -1);
  return strstr (fold, search) != NULL;
}

static gboolean dataset_matches (const LbDicomDataset *ds, const char *search);

/* The element matches, or something inside its sequence does. */
static gboolean
element_visible (const LbDicomElement *el,
                 const char           *search)
{
  if (search == NULL || element_matches (el, search))
    return TRUE;
  if (lb_dicom_element_is_sequence (el))
    for (size_t i = 0; i < lb_dicom_element_get_item_count (el); i++)
      if (dataset_matches (lb_dicom_element_get_item (el, i), search))
        return TRUE;
  return FALSE;
}

static gboolean
dataset_matches (const LbDicomDataset *ds,
                 const char           *search)
{
  for (size_t i = 0; ds != NULL && i < lb_dicom_dataset_count (ds); i++)
    if (element_visible (lb_dicom_dataset_get (ds, i), search))
      return TRUE;
  return FALSE;
}

static LbMetadataItem *
item_new (LbDocument         *document,
          LbMetadataItemKind  kind,
          const char         *search)
{
  LbMetadataItem *self = g_object_new (LB_TYPE_METADATA_ITEM, NULL);

  self->document = g_object_ref (document);
  self->kind = kind;
  self->search = g_strdup (search);
  return self;
}

static LbMetadataItem *
element_item_new (LbDocument           *document,
                  const LbDicomElement *el,
                  const char           *search)
{
  LbMetadataItem *self = item_new (document, LB_METADATA_ITEM_ELEMENT, search);
  uint32_t tag = lb_dicom_element_get_tag (el);
  uint32_t len = lb_dicom_element_get_length (el);
  const char *kw = lb_dicom_element_get_keyword (el);
  const char *name = lb_dicom_element_get_name (el);
  const char *creator = lb_dicom_element_get_private_creator (el);

  self->element = el;
  self->group = LB_DICOM_TAG_GROUP (tag);
  self->tag = g_strdup_printf ("(%04X,%04X)", LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag));
  if (name != NULL && creator != NULL)
    {
      g_autofree char *safe = dup_c (lb_dicom_escape_text (creator));
      /* Translators: a private element's name from the private dictionary, and the private
       * creator that reserved it, e.g. "Horiz. Frame of ref. (GEMS_ACQU_01)" */
      self->name = g_strdup_printf (C_("private element", "%s (%s)"), name, safe);
    }
  else if (name != NULL)
    self->name = g_strdup (name);
  else if (creator != NULL)
    {
      g_autofree char *safe = dup_c (lb_dicom_escape_text (creator));
      /* Translators: a private element and the private creator that reserved it */
      self->name = g_strdup_printf (_("Private (%s)"), safe);
    }
  else
    self->name = g_strdup (_("Unknown"));
  self->keyword = g_strdup (kw != NULL ? kw : "");
  self->vr = g_strdup (lb_dicom_vr_name (lb_dicom_element_get_vr (el)));
  self->vm = g_strdup_printf ("%u", lb_dicom_element_get_vm (el));
  self->length = len == LB_DICOM_UNDEFINED_LENGTH ? g_strdup (_("undefined"))
                                                  : g_strdup_printf ("%u", len);
  self->offset = g_strdup_printf ("%" G_GUINT64_FORMAT, lb_dicom_element_get_offset (el));
  return self;
}

GListStore *
lb_metadata_item_build_root (LbDocument *document,
                             const char *search)
{
  GListStore *store = g_list_store_new (LB_TYPE_METADATA_ITEM);
  const LbDicomFile *dicom = lb_document_get_dicom (document);
  const LbDicomDataset *sets[2];
  g_autofree char *fold = NULL;

  if (dicom == NULL)
    return store;
  if (search != NULL && *search != '\0')
    fold = g_utf8_casefold (search, -1);

  sets[0] = lb_dicom_file_get_meta (dicom);
  sets[1] = lb_dicom_file_get_dataset (dicom);
  for (guint s = 0; s < 2; s++)
    {
      const LbDicomDataset *ds = sets[s];
      size_t n = ds != NULL ? lb_dicom_dataset_count (ds) : 0;
      size_t i = 0;

      while (i < n)
        {
          const LbDicomElement *first = lb_dicom_dataset_get (ds, i);
          guint16 group = LB_DICOM_TAG_GROUP (lb_dicom_element_get_tag (first));
          gboolean visible = FALSE;
          size_t count = 0;
          size_t j;

          for (j = i; j < n; j++)
            {
              const LbDicomElement *el = lb_dicom_dataset_get (ds, j);

              if (LB_DICOM_TAG_GROUP (lb_dicom_element_get_tag (el)) != group)
                break;
              count++;
              if (!visible && element_visible (el, fold))
                visible = TRUE;
            }
          if (visible)
            {
              g_autoptr (LbMetadataItem) item = item_new (document, LB_METADATA_ITEM_GROUP, fold);
              const char *gname = lb_metadata_group_name (group);

              item->dataset = ds;
              item->group = group;
              item->index = i;
              item->tag = g_strdup_printf ("%04X", group);
              item->name = g_strdup (gname);
              /* Translators: number of elements in a group row */
              item->value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu element",
                                                          "%zu elements", count), count);
              item->keyword = g_strdup ("");
              item->vr = g_strdup ("");
              item->vm = g_strdup ("");
              item->length = g_strdup ("");
              item->offset = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              lb_dicom_element_get_offset (first));
              g_list_store_append (store, item);
            }
          i = j;
        }
    }
  return store;
}

GListModel *
lb_metadata_item_get_children (LbMetadataItem *self)
{
  GListStore *store;

  if (self->kind == LB_METADATA_ITEM_GROUP)
    {
      size_t n = lb_dicom_dataset_count (self->dataset);

      store = g_list_store_new (LB_TYPE_METADATA_ITEM);
      for (size_t i = self->index; i < n; i++)
        {
          const LbDicomElement *el = lb_dicom_dataset_get (self->dataset, i);

          if (LB_DICOM_TAG_GROUP (lb_dicom_element_get_tag (el)) != self->group)
            break;
          if (element_visible (el, self->search))
            {
              g_autoptr (LbMetadataItem) item = element_item_new (self->document, el, self->search);
              g_list_store_append (store, item);
            }
        }
      return G_LIST_MODEL (store);
    }

  if (self->kind == LB_METADATA_ITEM_ELEMENT)
    {
      /* A matching sequence shows all its items; otherwise only items with matches. */
      const char *search = self->search != NULL && element_matches (self->element, self->search)
                           ? NULL : self->search;

      if (!lb_dicom_element_is_sequence (self->element)
          || lb_dicom_element_get_item_count (self->element) == 0)
        return NULL;
      store = g_list_store_new (LB_TYPE_METADATA_ITEM);
      for (size_t i = 0; i < lb_dicom_element_get_item_count (self->element); i++)
        {
          const LbDicomDataset *ds = lb_dicom_element_get_item (self->element, i);
          g_autoptr (LbMetadataItem) item = NULL;

          if (search != NULL && !dataset_matches (ds, search))
            continue;
          item = item_new (self->document, LB_METADATA_ITEM_SEQUENCE_ITEM, search);
          item->dataset = ds;
          item->index = i;
          item->tag = g_strdup ("(FFFE,E000)");
          /* Translators: a sequence item row, numbered from 1 */
          item->name = g_strdup_printf (_("Item %zu"), i + 1);
          item->keyword = g_strdup ("");
          item->vr = g_strdup ("");
          item->vm = g_strdup ("");
          item->length = g_strdup ("");
          item->offset = g_strdup_printf ("%" G_GUINT64_FORMAT, lb_dicom_dataset_get_offset (ds));
          item->value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu element",
                                                      "%zu elements", lb_dicom_dataset_count (ds)),
                                         lb_dicom_dataset_count (ds));
          g_list_store_append (store, item);
        }
      return G_LIST_MODEL (store);
    }

  /* A sequence item: its elements. */
  store = g_list_store_new (LB_TYPE_METADATA_ITEM);
  for (size_t i = 0; i < lb_dicom_dataset_count (self->dataset); i++)
    {
      const LbDicomElement *el = lb_dicom_dataset_get (self->dataset, i);

      if (element_visible (el, self->search))
        {
          g_autoptr (LbMetadataItem) item = element_item_new (self->document, el, self->search);
          g_list_store_append (store, item);
        }
    }
  return G_LIST_MODEL (store);
}

LbMetadataItemKind
lb_metadata_item_get_kind (LbMetadataItem *self)
{
  return self->kind;
}

guint16
lb_metadata_item_get_group (LbMetadataItem *self)
{
  return self->group;
}

const char *
lb_metadata_item_get_tag (LbMetadataItem *self)
{
  return self->tag;
}

const char *
lb_metadata_item_get_name (LbMetadataItem *self)
{
  return self->name;
}

const char *
lb_metadata_item_get_value (LbMetadataItem *self)
{
  if (self->value == NULL && self->element != NULL)
    self->value = dup_c (lb_dicom_element_format_value (self->element, 1024));
  return self->value;
}

gboolean
lb_metadata_item_get_is_private (LbMetadataItem *self)
{
  return (self->group & 1) != 0;
}

static void
lb_metadata_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LbMetadataItem *self = LB_METADATA_ITEM (object);

  switch (prop_id)
    {
    case PROP_TAG:
      if (self->kind == LB_METADATA_ITEM_GROUP && (self->group & 1))
        g_value_take_string (value, g_strdup_printf ("%s ◆", self->tag));
      else
        g_value_set_string (value, self->tag);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KEYWORD:
      g_value_set_string (value, self->keyword);
      break;
    case PROP_VR:
      g_value_set_string (value, self->vr);
      break;
    case PROP_VM:
      g_value_set_string (value, self->vm);
      break;
    case PROP_LENGTH:
      g_value_set_string (value, self->length);
      break;
    case PROP_OFFSET:
      g_value_set_string (value, self->offset);
      break;
    case PROP_VALUE:
      g_value_set_string (value, lb_metadata_item_get_value (self));
      break;
    case PROP_IS_GROUP:
      g_value_set_boolean (value, self->kind == LB_METADATA_ITEM_GROUP);
      break;
    case PROP_IS_PRIVATE:
      g_value_set_boolean (value, lb_metadata_item_get_is_private (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_metadata_item_finalize (GObject *object)
{
  LbMetadataItem *self = LB_METADATA_ITEM (object);

  g_clear_object (&self->document);
  g_free (self->search);
  g_free (self->tag);
  g_free (self->name);
  g_free (self->keyword);
  g_free (self->vr);
  g_free (self->vm);
  g_free (self->length);
  g_free (self->offset);
  g_free (self->value);
  G_OBJECT_CLASS (lb_metadata_item_parent_class)->finalize (object);
}

static void
lb_metadata_item_class_init (LbMetadataItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lb_metadata_item_get_property;
  object_class->finalize = lb_metadata_item_finalize;

#define STR_PROP(id, name) \
  pspecs[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  STR_PROP (PROP_TAG, "tag");
  STR_PROP (PROP_NAME, "name");
  STR_PROP (PROP_KEYWORD, "keyword");
  STR_PROP (PROP_VR, "vr");
  STR_PROP (PROP_VM, "vm");
  STR_PROP (PROP_LENGTH, "length");
  STR_PROP (PROP_OFFSET, "offset");
  STR_PROP (PROP_VALUE, "value");
#undef STR_PROP
  pspecs[PROP_IS_GROUP] = g_param_spec_boolean ("is-group", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_IS_PRIVATE] = g_param_spec_boolean ("is-private", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, pspecs);
}

static void
lb_metadata_item_init (LbMetadataItem *self)
{
}

const LbDicomElement *
lb_metadata_item_get_element (LbMetadataItem *self)
{
  g_return_val_if_fail (LB_IS_METADATA_ITEM (self), NULL);
  return self->kind == LB_METADATA_ITEM_ELEMENT ? self->element : NULL;
}
