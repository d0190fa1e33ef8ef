/* remote-upload.c: STOW-RS (PS3.18 §10.5): each file is sent as a multipart/related;
 * type="application/dicom" request of one part, streamed from the file, and a refusal names the
 * file it concerns. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "remote-concat-stream.h"
#include "remote-private.h"

typedef struct {
  LbRemoteClient *client;
  GStrv paths;
  LbRemoteProgress progress;
  guint n_stored;
} UploadData;

static void
upload_data_free (gpointer user_data)
{
  UploadData *data = user_data;
  g_object_unref (data->client);
  g_strfreev (data->paths);
  lb_remote_progress_clear (&data->progress);
  g_free (data);
}

/* The STOW-RS body of one file, streamed: the part header, the file as it is read, the closing
 * delimiter. Memory holds a read buffer, never the instance. *length gets the body size. */
static GInputStream *
stow_body (const char *path, const char *boundary, goffset *length, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) file_in = g_file_read (file, NULL, error);
  if (file_in == NULL)
    return NULL;
  g_autoptr (GFileInfo) info = g_file_input_stream_query_info (file_in,
                                                               G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                               NULL, error);
  if (info == NULL)
    return NULL;
  char *head = g_strdup_printf ("--%s\r\nContent-Type: application/dicom\r\n\r\n", boundary);
  char *tail = g_strdup_printf ("\r\n--%s--\r\n", boundary);
  *length = (goffset) strlen (head) + g_file_info_get_size (info) + (goffset) strlen (tail);
  g_autoptr (GInputStream) head_in = g_memory_input_stream_new_from_data (head, -1, g_free);
  g_autoptr (GInputStream) tail_in = g_memory_input_stream_new_from_data (tail, -1, g_free);
  GInputStream *parts[] = { head_in, G_INPUT_STREAM (file_in), tail_in };
  return lb_concat_input_stream_new (parts, G_N_ELEMENTS (parts));
}

/* The FailureReason of the first FailedSOPSequence item, or NULL when nothing failed. A 409
 * without a readable answer still counts as a refusal (reason "unknown"). */
static char *
stow_failure (SoupMessage *msg, GBytes *answer)
{
  gsize len = 0;
  const char *text = g_bytes_get_data (answer, &len);
  g_autoptr (JsonParser) parser = json_parser_new ();
  gboolean is_conflict = soup_message_get_status (msg) == SOUP_STATUS_CONFLICT;
  if (len == 0 || !json_parser_load_from_data (parser, text, (gssize) len, NULL))
    return is_conflict ? g_strdup ("unknown") : NULL;
  JsonNode *root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) > 0)
    root = json_array_get_element (json_node_get_array (root), 0);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return is_conflict ? g_strdup ("unknown") : NULL;
  JsonObject *answer_object = json_node_get_object (root);
  JsonNode *failed = json_object_get_member (answer_object, "00081198");
  if (failed == NULL || !JSON_NODE_HOLDS_OBJECT (failed))
    return is_conflict ? g_strdup ("unknown") : NULL;
  JsonNode *items = json_object_get_member (json_node_get_object (failed), "Value");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items)
      || json_array_get_length (json_node_get_array (items)) == 0)
    return is_conflict ? g_strdup ("unknown") : NULL;
  JsonNode *item = json_array_get_element (json_node_get_array (items), 0);
  if (JSON_NODE_HOLDS_OBJECT (item))
    {
      JsonNode *reason = json_object_get_member (json_node_get_object (item), "00081197");
      if (reason != NULL && JSON_NODE_HOLDS_OBJECT (reason))
        {
          JsonNode *values = json_object_get_member (json_node_get_object (reason), "Value");
          if (values != NULL && JSON_NODE_HOLDS_ARRAY (values)
              && json_array_get_length (json_node_get_array (values)) > 0)
            return g_strdup_printf ("%" G_GINT64_FORMAT,
                                    json_array_get_int_element (json_node_get_array (values), 0));
        }
    }
  return g_strdup ("unknown");
}

static gboolean
upload_one (UploadData *data, SoupSession *session, const char *path, GCancellable *cancellable,
            GError **error)
{
  g_autofree char *boundary = g_strdup_printf ("lightbox-%08x%08x", g_random_int (),
                                               g_random_int ());
  GError *local = NULL;
  goffset length = 0;
  g_autoptr (GInputStream) body = stow_body (path, boundary, &length, &local);
  if (body == NULL)
    {
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_LOCAL, "%s: %s", path, local->message);
      g_error_free (local);
      return FALSE;
    }
  g_autoptr (SoupMessage) msg = lb_remote_client_new_message (data->client, "POST", "/studies");
  if (msg == NULL)
    {
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_INVALID_URL,
                   _("not an http:// or https:// URL"));
      return FALSE;
    }
  g_autofree char *content_type =
    g_strdup_printf ("multipart/related; type=\"application/dicom\"; boundary=%s", boundary);
  soup_message_set_request_body (msg, content_type, body, length);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/dicom+json");
  g_autoptr (GBytes) answer = soup_session_send_and_read (session, msg, cancellable, &local);
  if (answer == NULL)
    {
      lb_remote_take_transport_error (local, error);
      return FALSE;
    }
  g_autofree char *failure = stow_failure (msg, answer);
  if (failure != NULL)
    {
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_REJECTED,
                   _("the server refused %s (HTTP %u, failure reason %s)"), path,
                   soup_message_get_status (msg), failure);
      return FALSE;
    }
  return lb_remote_check_status (msg, error);
}

static void
upload_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  UploadData *data = task_data;
  g_autoptr (SoupSession) session = lb_remote_client_new_session (data->client);
  guint64 n_bytes = 0;
  for (char **path = data->paths; *path != NULL; path++)
    {
      GError *error = NULL;
      if (!upload_one (data, session, *path, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      GStatBuf st;
      if (g_stat (*path, &st) == 0)
        n_bytes += (guint64) st.st_size;
      data->n_stored++;
      lb_remote_progress_report (&data->progress, G_OBJECT (task), data->n_stored, n_bytes, *path);
    }
  g_task_return_boolean (task, TRUE);
}

void
lb_remote_client_upload_async (LbRemoteClient *client, const char *const *paths,
                               LbRemoteProgressFunc progress, gpointer progress_data,
                               GDestroyNotify progress_data_free, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (LB_IS_REMOTE_CLIENT (client));
  UploadData *data = g_new0 (UploadData, 1);
  data->client = g_object_ref (client);
  data->paths = g_strdupv ((char **) paths);
  lb_remote_progress_init (&data->progress, progress, progress_data, progress_data_free);
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_remote_client_upload_async);
  g_task_set_task_data (task, data, upload_data_free);
  g_task_run_in_thread (task, upload_thread);
}

gboolean
lb_remote_client_upload_finish (LbRemoteClient *client, GAsyncResult *result, guint *n_stored,
                                GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  UploadData *data = g_task_get_task_data (G_TASK (result));
  if (n_stored != NULL)
    *n_stored = data->n_stored;
  return g_task_propagate_boolean (G_TASK (result), error);
}
