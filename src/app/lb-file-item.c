/* lb-file-item.c: header fields of one file for the browser, read in the scan worker. */
#include "config.h"

#define G_LOG_DOMAIN "lb-file-item"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "lb-dicom-autoptr.h"
#include "lb-file-item.h"

struct _LbFileItem
{
  GObject parent_instance;

  GFile *file;
  gboolean is_folder;
  guint depth;
  char *title;
  char *subtitle;
  char *series_uid;
  double position;          /* along the slice normal; NAN if unknown */
  gint64 instance;          /* G_MAXINT64 if unknown */
};

G_DEFINE_FINAL_TYPE (LbFileItem, lb_file_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_TITLE, PROP_SUBTITLE, PROP_IS_FOLDER, PROP_INDENT, PROP_ICON_NAME, N_PROPS };
static GParamSpec *pspecs[N_PROPS];

static char *
get_string (const LbDicomFile *dicom,
            uint32_t           tag)
{
  char *s = lb_dicom_file_get_string (dicom, tag);
  char *esc;
  char *g;

  if (s == NULL)
    return NULL;
  esc = lb_dicom_escape_text (s);
  free (s);
  g = g_strdup (esc);
  free (esc);
  return g;
}

static gboolean
get_doubles (const LbDicomFile *dicom,
             uint32_t           tag,
             double            *out,
             guint              n)
{
  const LbDicomElement *el = lb_dicom_file_lookup (dicom, tag);

  if (el == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!lb_dicom_element_get_double (el, i, &out[i]))
      return FALSE;
  return TRUE;
}

LbFileItem *
lb_file_item_new_for_file (GFile *file)
{
  g_autoptr (LbDicomFile) dicom = lb_dicom_file_new (NULL);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *modality = NULL;
  g_autofree char *patient = NULL;
  g_autofree char *description = NULL;
  g_autofree char *sop_class = NULL;
  LbFileItem *self;
  double iop[6], ipp[3];
  int64_t instance;
  GString *sub;

  if (path == NULL
      || !lb_dicom_file_read_path (dicom, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
    return NULL;
  sop_class = get_string (dicom, LB_DICOM_TAG (0x0008, 0x0016));
  /* A DICOMDIR is an index, not an image. */
  if (g_strcmp0 (sop_class, "1.2.840.10008.1.3.10") == 0)
    return NULL;

  self = g_object_new (LB_TYPE_FILE_ITEM, NULL);
  self->file = g_object_ref (file);
  self->title = g_file_get_basename (file);
  self->series_uid = get_string (dicom, LB_DICOM_TAG (0x0020, 0x000e));
  modality = get_string (dicom, LB_DICOM_TAG (0x0008, 0x0060));
  patient = get_string (dicom, LB_DICOM_TAG (0x0010, 0x0010));
  description = get_string (dicom, LB_DICOM_TAG (0x0008, 0x103e));
  self->instance = G_MAXINT64;
  if (lb_dicom_file_get_int (dicom, LB_DICOM_TAG (0x0020, 0x0013), &instance))
    self->instance = instance;
  self->position = NAN;
  if (get_doubles (dicom, LB_DICOM_TAG (0x0020, 0x0037), iop, 6)
      && get_doubles (dicom, LB_DICOM_TAG (0x0020, 0x0032), ipp, 3))
    {
      double n[3] = { iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5],
                      iop[0] * iop[4] - iop[1] * iop[3] };
      self->position = n[0] * ipp[0] + n[1] * ipp[1] + n[2] * ipp[2];
    }

  sub = g_string_new (NULL);
  if (modality != NULL)
    g_string_append (sub, modality);
  if (description != NULL && *description != '\0')
    g_string_append_printf (sub, "%s%s", sub->len ? " · " : "", description);
  if (self->instance != G_MAXINT64)
    g_string_append_printf (sub, "%s#%" G_GINT64_FORMAT, sub->len ? " · " : "", self->instance);
  if (patient != NULL && *patient != '\0')
    g_string_append_printf (sub, "%s%s", sub->len ? " · " : "", patient);
  self->subtitle = g_string_free (sub, FALSE);
  return self;
}

LbFileItem *
lb_file_item_new_for_folder (GFile      *folder,
                             const char *label,
                             guint       depth)
{
  LbFileItem *self = g_object_new (LB_TYPE_FILE_ITEM, NULL);

  self->file = g_object_ref (folder);
  self->is_folder = TRUE;
  self->depth = depth;
  self->title = g_strdup (label);
  self->subtitle = g_strdup ("");
  return self;
}

GFile *
lb_file_item_get_file (LbFileItem *self)
{
  return self->file;
}

gboolean
lb_file_item_is_folder (LbFileItem *self)
{
  return self->is_folder;
}

const char *
lb_file_item_get_series_uid (LbFileItem *self)
{
  return self->series_uid;
}

void
lb_file_item_set_depth (LbFileItem *self,
                        guint       depth)
{
  self->depth = depth;
}

int
lb_file_item_compare_slices (LbFileItem *a,
                             LbFileItem *b)
{
  int c = g_strcmp0 (a->series_uid, b->series_uid);
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (c != 0)
    return c;
  /* Highest position along the normal first: head to feet for axial slices, the way a
   * reader scrolls through a CT. */
  if (!isnan (a->position) && !isnan (b->position) && a->position != b->position)
    return a->position > b->position ? -1 : 1;
  if (a->instance != b->instance)
    return a->instance < b->instance ? -1 : 1;
  na = g_file_get_basename (a->file);
  nb = g_file_get_basename (b->file);
  return g_utf8_collate (na, nb);
}

static void
lb_file_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LbFileItem *self = LB_FILE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_IS_FOLDER:
      g_value_set_boolean (value, self->is_folder);
      break;
    case PROP_INDENT:
      g_value_set_int (value, 6 + 14 * (int) self->depth);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, self->is_folder ? "folder-symbolic" : "image-x-generic-symbolic");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_file_item_finalize (GObject *object)
{
  LbFileItem *self = LB_FILE_ITEM (object);

  g_clear_object (&self->file);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->series_uid);
  G_OBJECT_CLASS (lb_file_item_parent_class)->finalize (object);
}

static void
lb_file_item_class_init (LbFileItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lb_file_item_get_property;
  object_class->finalize = lb_file_item_finalize;
  pspecs[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_IS_FOLDER] = g_param_spec_boolean ("is-folder", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_INDENT] = g_param_spec_int ("indent", NULL, NULL, 0, G_MAXINT, 0,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, pspecs);
}

static void
lb_file_item_init (LbFileItem *self)
{
}
