/* remote-search.c: QIDO-RS search (PS3.18 §10.6) of studies, or of the series of one study,
 * and the DICOM JSON answer (PS3.18 Annex F) turned into LbRemoteRecord. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "remote-private.h"

void
lb_remote_record_free (LbRemoteRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->study_uid);
  g_free (record->series_uid);
  g_free (record->patient_name);
  g_free (record->patient_id);
  g_free (record->study_date);
  g_free (record->study_description);
  g_free (record->accession);
  g_free (record->modalities);
  g_free (record->series_description);
  g_free (record);
}

static LbRemoteQuery *
query_copy (const LbRemoteQuery *query)
{
  LbRemoteQuery *copy = g_new0 (LbRemoteQuery, 1);
  copy->patient_name = g_strdup (query->patient_name);
  copy->patient_id = g_strdup (query->patient_id);
  copy->modality = g_strdup (query->modality);
  copy->date_range = g_strdup (query->date_range);
  copy->accession = g_strdup (query->accession);
  copy->study_uid = g_strdup (query->study_uid);
  return copy;
}

void
lb_remote_query_clear (LbRemoteQuery *query)
{
  g_free (query->patient_name);
  g_free (query->patient_id);
  g_free (query->modality);
  g_free (query->date_range);
  g_free (query->accession);
  g_free (query->study_uid);
}

static void
query_free (gpointer user_data)
{
  lb_remote_query_clear (user_data);
  g_free (user_data);
}

/* Characters sent as they are. Servers differ in how they decode a query (Orthanc 1.10 does not
 * percent-decode GET arguments at all, Tomcat refuses a raw '^'), so a value is sent only as far
 * as it is made of characters every server reads the same way; the rest is matched here. */
static gboolean
is_portable_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("-._~*?", c) != NULL;
}

/* The longest portable prefix of a matching value, as a server-side filter: the value itself
 * when it is all portable, else the prefix and '*' (a superset that the local match narrows),
 * else NULL (no server-side filter). *local says whether the local match is needed. */
static char *
portable_filter (const char *value, gboolean *local)
{
  size_t n = 0;
  while (value[n] != '\0' && is_portable_char (value[n]))
    n++;
  *local = value[n] != '\0';
  if (!*local)
    return g_strdup (value);
  return n > 0 ? g_strdup_printf ("%.*s*", (int) n, value) : NULL;
}

static void
add_param (GString *url, const char *key, const char *value, gboolean *local)
{
  *local = FALSE;
  if (value == NULL || value[0] == '\0')
    return;
  g_autofree char *filter = portable_filter (value, local);
  if (filter != NULL)
    g_string_append_printf (url, "&%s=%s", key, filter);
}

/* The QIDO-RS path and query of a search. includefield asks for the attributes a list shows
 * that PS3.18 Table 10.6.3-3 does not make the server return by default. */
/* Modality and dates are plain ASCII codes and digits: sent whole, percent-escaped if need be. */
static void
add_param_escaped (GString *url, const char *key, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_autofree char *escaped = g_uri_escape_string (value, "-", FALSE);
  g_string_append_printf (url, "&%s=%s", key, escaped);
}

typedef struct {
  gboolean name, id, accession;   /* which values are matched here (see add_param) */
} LocalMatch;

static char *
query_path (const LbRemoteQuery *query, LocalMatch *local)
{
  GString *url = g_string_new (NULL);
  if (query->study_uid != NULL)
    {
      g_autofree char *study = g_uri_escape_string (query->study_uid, NULL, FALSE);
      g_string_append_printf (url, "/studies/%s/series?includefield=SeriesDescription"
                              "&includefield=NumberOfSeriesRelatedInstances", study);
      add_param_escaped (url, "Modality", query->modality);
    }
  else
    {
      g_string_append (url, "/studies?includefield=StudyDescription"
                       "&includefield=ModalitiesInStudy"
                       "&includefield=NumberOfStudyRelatedSeries"
                       "&includefield=NumberOfStudyRelatedInstances");
      add_param_escaped (url, "ModalitiesInStudy", query->modality);
    }
  add_param (url, "PatientName", query->patient_name, &local->name);
  add_param (url, "PatientID", query->patient_id, &local->id);
  add_param_escaped (url, "StudyDate", query->date_range);
  add_param (url, "AccessionNumber", query->accession, &local->accession);
  return g_string_free (url, FALSE);
}

/* The "Value" array of attribute tag (8 hex digits) in a DICOM JSON object, or NULL. */
static JsonArray *
attribute_values (JsonObject *object, const char *tag)
{
  JsonNode *node = json_object_get_member (object, tag);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  JsonObject *attribute = json_node_get_object (node);
  JsonNode *value = json_object_get_member (attribute, "Value");
  return value != NULL && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
}

/* Values as text joined by '\' (PN: the Alphabetic group, else Ideographic, else Phonetic). */
static char *
attribute_string (JsonObject *object, const char *tag)
{
  JsonArray *values = attribute_values (object, tag);
  GString *out = g_string_new (NULL);
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonNode *v = json_array_get_element (values, i);
      if (i > 0)
        g_string_append_c (out, '\\');
      if (JSON_NODE_HOLDS_OBJECT (v))
        {
          /* Back to the PS3.5 form "alphabetic=ideographic=phonetic", trailing empty
           * groups dropped. */
          JsonObject *pn = json_node_get_object (v);
          const char *groups[] = { "Alphabetic", "Ideographic", "Phonetic" };
          const char *text[3];
          int last = -1;
          for (int g = 0; g < 3; g++)
            {
              text[g] = json_object_get_string_member_with_default (pn, groups[g], "");
              if (text[g][0] != '\0')
                last = g;
            }
          for (int g = 0; g <= last; g++)
            g_string_append_printf (out, g > 0 ? "=%s" : "%s", text[g]);
        }
      else if (JSON_NODE_HOLDS_VALUE (v))
        {
          GType type = json_node_get_value_type (v);
          if (type == G_TYPE_STRING)
            g_string_append (out, json_node_get_string (v));
          else if (type == G_TYPE_INT64)
            g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (v));
          else if (type == G_TYPE_DOUBLE)
            g_string_append_printf (out, "%g", json_node_get_double (v));
        }
    }
  return g_string_free (out, FALSE);
}

static int
attribute_int (JsonObject *object, const char *tag)
{
  g_autofree char *s = attribute_string (object, tag);
  char *end = NULL;
  long v = s[0] != '\0' ? strtol (s, &end, 10) : -1;
  return end != NULL && *end == '\0' && v >= 0 && v <= G_MAXINT ? (int) v : -1;
}

static LbRemoteRecord *
record_from_json (JsonObject *object, LbRemoteLevel level)
{
  LbRemoteRecord *r = g_new0 (LbRemoteRecord, 1);
  r->level = level;
  r->study_uid = attribute_string (object, "0020000D");
  r->series_uid = attribute_string (object, "0020000E");
  r->patient_name = attribute_string (object, "00100010");
  r->patient_id = attribute_string (object, "00100020");
  r->study_date = attribute_string (object, "00080020");
  r->study_description = attribute_string (object, "00081030");
  r->accession = attribute_string (object, "00080050");
  r->series_description = attribute_string (object, "0008103E");
  r->series_number = attribute_int (object, "00200011");
  if (level == LB_REMOTE_LEVEL_STUDY)
    {
      r->modalities = attribute_string (object, "00080061");
      r->n_series = attribute_int (object, "00201206");
      r->n_instances = attribute_int (object, "00201208");
    }
  else
    {
      r->modalities = attribute_string (object, "00080060");
      r->n_series = -1;
      r->n_instances = attribute_int (object, "00201209");
    }
  return r;
}

static GPtrArray *
records_from_body (GBytes *body, LbRemoteLevel level, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lb_remote_record_free);
  gsize len = 0;
  const char *text = g_bytes_get_data (body, &len);
  if (len == 0)   /* 204 No Content: nothing matched */
    return g_steal_pointer (&records);
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *local = NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) len, &local))
    {
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_PROTOCOL,
                   _("the search answer is not JSON (%s)"), local->message);
      g_error_free (local);
      return NULL;
    }
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_PROTOCOL,
                   _("the search answer is not a JSON array"));
      return NULL;
    }
  JsonArray *array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (records, record_from_json (json_node_get_object (node), level));
    }
  return g_steal_pointer (&records);
}

/* DICOM wildcard matching (PS3.4 C.2.2.2.4: '*' any run, '?' one character), without case as
 * Orthanc and most archives match names. */
static gboolean
wildcard_match (const char *pattern, const char *value)
{
  g_autofree char *p = g_utf8_casefold (pattern, -1);
  g_autofree char *v = g_utf8_casefold (value != NULL ? value : "", -1);
  return g_pattern_match_simple (p, v);
}

/* A name matches when the pattern matches the whole value or one of its component groups
 * (alphabetic, ideographic, phonetic: "Hong^Gildong=洪^吉洞=홍^길동"). */
static gboolean
name_match (const char *pattern, const char *name)
{
  if (wildcard_match (pattern, name))
    return TRUE;
  g_auto (GStrv) groups = g_strsplit (name != NULL ? name : "", "=", 3);
  for (char **g = groups; *g != NULL; g++)
    if (wildcard_match (pattern, *g))
      return TRUE;
  return FALSE;
}

static void
filter_locally (GPtrArray *records, const LbRemoteQuery *query, const LocalMatch *local)
{
  for (guint i = records->len; i-- > 0;)
    {
      const LbRemoteRecord *r = records->pdata[i];
      if ((local->name && !name_match (query->patient_name, r->patient_name))
          || (local->id && !wildcard_match (query->patient_id, r->patient_id))
          || (local->accession && !wildcard_match (query->accession, r->accession)))
        g_ptr_array_remove_index (records, i);
    }
}

static void
search_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LbRemoteClient *client = source;
  const LbRemoteQuery *query = task_data;
  LocalMatch local = { 0 };
  g_autofree char *path = query_path (query, &local);
  g_autoptr (SoupSession) session = lb_remote_client_new_session (client);
  g_autoptr (SoupMessage) msg = lb_remote_client_new_message (client, "GET", path);
  if (msg == NULL)
    {
      g_task_return_new_error (task, LB_REMOTE_ERROR, LB_REMOTE_ERROR_INVALID_URL,
                               _("invalid search parameters"));
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/dicom+json");
  GError *error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read (session, msg, cancellable, &error);
  if (body == NULL)
    {
      GError *mapped = NULL;
      lb_remote_take_transport_error (error, &mapped);
      g_task_return_error (task, mapped);
      return;
    }
  if (!lb_remote_check_status (msg, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  LbRemoteLevel level = query->study_uid != NULL ? LB_REMOTE_LEVEL_SERIES : LB_REMOTE_LEVEL_STUDY;
  GPtrArray *records = records_from_body (body, level, &error);
  if (records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  filter_locally (records, query, &local);
  g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
lb_remote_client_search_async (LbRemoteClient *client, const LbRemoteQuery *query,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_return_if_fail (LB_IS_REMOTE_CLIENT (client));
  g_return_if_fail (query != NULL);
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_remote_client_search_async);
  g_task_set_task_data (task, query_copy (query), query_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
lb_remote_client_search_finish (LbRemoteClient *client, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
