/* lb-remote-node.c: the results tree of the Remote place: patients → studies → series. The words
 * of each row are made here, once, so the list only binds labels. */
#include "config.h"

#include <glib/gi18n.h>

#include "lb-remote-node.h"

struct _LbRemoteNode
{
  GObject parent_instance;

  LbRemoteNodeKind kind;
  char *title;
  char *detail;
  char *patient_key;          /* patients: ID and name, to group studies */
  LbRemoteRecord *record;     /* studies and series (owned) */
  GListStore *children;       /* patients and studies */
};

G_DEFINE_FINAL_TYPE (LbRemoteNode, lb_remote_node, G_TYPE_OBJECT)

static void
lb_remote_node_finalize (GObject *object)
{
  LbRemoteNode *self = LB_REMOTE_NODE (object);

  g_free (self->title);
  g_free (self->detail);
  g_free (self->patient_key);
  g_clear_pointer (&self->record, lb_remote_record_free);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (lb_remote_node_parent_class)->finalize (object);
}

static void
lb_remote_node_class_init (LbRemoteNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_remote_node_finalize;
}

static void
lb_remote_node_init (LbRemoteNode *self)
{
}

static gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0';
}

/* DICOM PN "Family^Given" as people write it: "Family Given"; the ideographic and phonetic
 * groups after '=' are kept, separated by " = ". */
static char *
readable_name (const char *pn)
{
  g_autoptr (GString) out = g_string_new (NULL);

  if (empty (pn))
    return g_strdup (_("(no name)"));
  for (const char *p = pn; *p != '\0'; p++)
    {
      if (*p == '^')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else if (*p == '=')
        g_string_append (out, " = ");
      else
        g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

/* YYYYMMDD as YYYY-MM-DD, the form that reads the same in every language. */
static char *
readable_date (const char *da)
{
  if (da != NULL && strlen (da) == 8)
    return g_strdup_printf ("%.4s-%.2s-%.2s", da, da + 4, da + 6);
  return g_strdup (da != NULL ? da : "");
}

static void
add_part (GString    *line,
          const char *part)
{
  if (empty (part))
    return;
  if (line->len > 0)
    g_string_append (line, " · ");
  g_string_append (line, part);
}

static char *
images_text (int n_instances)
{
  if (n_instances < 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d image", "%d images", n_instances),
                          n_instances);
}

static LbRemoteNode *
study_node_new (LbRemoteRecord *record)
{
  LbRemoteNode *self = g_object_new (LB_TYPE_REMOTE_NODE, NULL);
  g_autoptr (GString) detail = g_string_new (NULL);
  g_autofree char *date = readable_date (record->study_date);
  g_autofree char *modalities = g_strdelimit (g_strdup (record->modalities), "\\", ' ');
  g_autofree char *series = NULL;
  g_autofree char *images = images_text (record->n_instances);

  if (record->n_series >= 0)
    series = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d series", "%d series",
                                           record->n_series), record->n_series);
  self->kind = LB_REMOTE_NODE_STUDY;
  self->record = record;
  self->title = g_strdup (!empty (record->study_description) ? record->study_description
                                                             : _("(no description)"));
  add_part (detail, date);
  add_part (detail, modalities);
  add_part (detail, series);
  add_part (detail, images);
  self->detail = g_string_free (g_steal_pointer (&detail), FALSE);
  self->children = g_list_store_new (LB_TYPE_REMOTE_NODE);
  return self;
}

static LbRemoteNode *
series_node_new (LbRemoteRecord *record)
{
  LbRemoteNode *self = g_object_new (LB_TYPE_REMOTE_NODE, NULL);
  g_autoptr (GString) detail = g_string_new (NULL);
  g_autofree char *number = NULL;
  g_autofree char *images = images_text (record->n_instances);

  if (record->series_number >= 0)
    /* Translators: a series number */
    number = g_strdup_printf (_("series %d"), record->series_number);
  self->kind = LB_REMOTE_NODE_SERIES;
  self->record = record;
  self->title = g_strdup (!empty (record->series_description) ? record->series_description
                                                              : _("(no description)"));
  add_part (detail, record->modalities);
  add_part (detail, number);
  add_part (detail, images);
  self->detail = g_string_free (g_steal_pointer (&detail), FALSE);
  return self;
}

static LbRemoteNode *
patient_node_new (const LbRemoteRecord *record,
                  const char           *key)
{
  LbRemoteNode *self = g_object_new (LB_TYPE_REMOTE_NODE, NULL);

  self->kind = LB_REMOTE_NODE_PATIENT;
  self->patient_key = g_strdup (key);
  self->title = readable_name (record->patient_name);
  /* Translators: a patient ID */
  self->detail = empty (record->patient_id) ? g_strdup ("")
                                             : g_strdup_printf (_("ID %s"), record->patient_id);
  self->children = g_list_store_new (LB_TYPE_REMOTE_NODE);
  return self;
}

/* Takes the records of `level` out of `records`, in order. */
static GPtrArray *
take_level (GPtrArray     *records,
            LbRemoteLevel  level)
{
  GPtrArray *taken = g_ptr_array_new ();

  for (guint i = 0; i < records->len;)
    {
      LbRemoteRecord *record = g_ptr_array_index (records, i);

      if (record->level == level)
        g_ptr_array_add (taken, g_ptr_array_steal_index (records, i));
      else
        i++;
    }
  return taken;
}

GListModel *
lb_remote_node_group_studies (GPtrArray *studies)
{
  GListStore *patients = g_list_store_new (LB_TYPE_REMOTE_NODE);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) taken = take_level (studies, LB_REMOTE_LEVEL_STUDY);

  for (guint i = 0; i < taken->len; i++)
    {
      LbRemoteRecord *record = g_ptr_array_index (taken, i);
      g_autofree char *key = g_strconcat (record->patient_id, "\n", record->patient_name, NULL);
      LbRemoteNode *patient = g_hash_table_lookup (by_key, key);
      g_autoptr (LbRemoteNode) study = study_node_new (record);

      if (patient == NULL)
        {
          patient = patient_node_new (record, key);
          g_list_store_append (patients, patient);
          g_hash_table_insert (by_key, g_steal_pointer (&key), patient);
          g_object_unref (patient);   /* the store holds it */
        }
      g_list_store_append (patient->children, study);
    }
  return G_LIST_MODEL (patients);
}

static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const LbRemoteRecord *ra = *(LbRemoteRecord *const *) a;
  const LbRemoteRecord *rb = *(LbRemoteRecord *const *) b;

  /* Unnumbered series last */
  int na = ra->series_number < 0 ? G_MAXINT : ra->series_number;
  int nb = rb->series_number < 0 ? G_MAXINT : rb->series_number;

  return (na > nb) - (na < nb);
}

void
lb_remote_node_set_series (LbRemoteNode *study,
                           GPtrArray    *series)
{
  g_autoptr (GPtrArray) taken = take_level (series, LB_REMOTE_LEVEL_SERIES);
  g_autoptr (GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (study->kind == LB_REMOTE_NODE_STUDY);
  g_ptr_array_sort (taken, compare_series);
  for (guint i = 0; i < taken->len; i++)
    g_ptr_array_add (nodes, series_node_new (g_ptr_array_index (taken, i)));
  g_list_store_splice (study->children, 0, g_list_model_get_n_items (G_LIST_MODEL (study->children)),
                       nodes->pdata, nodes->len);
}

LbRemoteNodeKind
lb_remote_node_get_kind (LbRemoteNode *self)
{
  return self->kind;
}

const char *
lb_remote_node_get_title (LbRemoteNode *self)
{
  return self->title;
}

const char *
lb_remote_node_get_detail (LbRemoteNode *self)
{
  return self->detail;
}

const LbRemoteRecord *
lb_remote_node_get_record (LbRemoteNode *self)
{
  return self->record;
}

GListModel *
lb_remote_node_get_children (LbRemoteNode *self)
{
  return self->children != NULL ? G_LIST_MODEL (self->children) : NULL;
}
