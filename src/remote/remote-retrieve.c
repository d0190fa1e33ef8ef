/* remote-retrieve.c: WADO-RS retrieve of a study or series (PS3.18 §10.4), multipart/related
 * application/dicom parsed as it arrives; each instance goes to a temporary file in the
 * destination, is synced, named from its SOP Instance UID and renamed into place. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lb-dicom.h"
#include "remote-multipart.h"
#include "remote-private.h"

typedef struct {
  LbRemoteClient *client;
  char *study_uid;
  char *series_uid;
  char *dest_dir;
  LbRemoteRetrieveFlags flags;
  LbRemoteProgress progress;
  guint n_instances;   /* written so far; read by finish also after a failure */
  guint64 n_bytes;
} RetrieveData;

static void
retrieve_data_free (gpointer user_data)
{
  RetrieveData *data = user_data;
  g_object_unref (data->client);
  g_free (data->study_uid);
  g_free (data->series_uid);
  g_free (data->dest_dir);
  lb_remote_progress_clear (&data->progress);
  g_free (data);
}

/* A UID is digits and dots (PS3.5 §9.1): safe as a file name, and nothing else is. */
static gboolean
is_uid (const char *s)
{
  if (s == NULL || s[0] == '\0' || strlen (s) > 64)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return FALSE;
  return TRUE;
}

/* A regular file with "DICM" after the 128-byte preamble. */
static gboolean
is_part10_file (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return FALSE;
  FILE *f = g_fopen (path, "rb");
  char head[132];
  gboolean ok = f != NULL && fread (head, 1, sizeof head, f) == sizeof head
    && memcmp (head + 128, "DICM", 4) == 0;
  if (f != NULL)
    fclose (f);
  return ok;
}

/* The SOP Instance UID of the Part 10 file at path (file meta first, then the dataset). */
static char *
read_sop_instance_uid (const char *path)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  char *uid = NULL;
  if (lb_dicom_file_read_path (file, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
    {
      uid = lb_dicom_file_get_string (file, 0x00020003);
      if (uid == NULL)
        uid = lb_dicom_file_get_string (file, 0x00080018);
    }
  lb_dicom_file_free (file);
  if (uid != NULL)
    g_strstrip (uid);
  return uid;
}

/* Writes the current part to a temporary file in dest_dir and renames it to UID.dcm. On any
 * failure the temporary file is gone. Returns the final path. */
static char *
store_instance (RetrieveData *data, LbMultipartReader *reader, GCancellable *cancellable,
                GError **error)
{
  g_autofree char *tmp_path = g_build_filename (data->dest_dir, ".lightbox-XXXXXX.part", NULL);
  int fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_LOCAL, _("cannot write in %s: %s"),
                   data->dest_dir, g_strerror (saved));
      return NULL;
    }
  g_autoptr (GOutputStream) out = g_unix_output_stream_new (fd, TRUE);
  guint64 n_bytes = 0;
  GError *local = NULL;
  gboolean ok = lb_multipart_reader_copy_part (reader, out, &n_bytes, cancellable, &local)
    && g_output_stream_flush (out, cancellable, &local);
  if (ok && fsync (fd) != 0)
    {
      int saved = errno;
      g_set_error (&local, LB_REMOTE_ERROR, LB_REMOTE_ERROR_LOCAL, _("cannot write %s: %s"),
                   tmp_path, g_strerror (saved));
      ok = FALSE;
    }
  g_output_stream_close (out, NULL, NULL);
  char *final_path = NULL;
  if (ok)
    {
      g_autofree char *uid = read_sop_instance_uid (tmp_path);
      if (!is_uid (uid))
        g_set_error (&local, LB_REMOTE_ERROR, LB_REMOTE_ERROR_PROTOCOL,
                     _("instance %u of the answer is not a DICOM file with a SOP Instance UID"),
                     data->n_instances + 1);
      else
        {
          g_autofree char *name = g_strconcat (uid, ".dcm", NULL);
          final_path = g_build_filename (data->dest_dir, name, NULL);
          gboolean exists = g_file_test (final_path, G_FILE_TEST_EXISTS);
          if (exists && !(data->flags & LB_REMOTE_RETRIEVE_OVERWRITE))
            {
              g_set_error (&local, LB_REMOTE_ERROR, LB_REMOTE_ERROR_LOCAL,
                           _("%s exists already (use --force to replace it)"), final_path);
              g_clear_pointer (&final_path, g_free);
            }
          else if (exists && !is_part10_file (final_path))
            {
              /* --force replaces instances, never a file that is something else. */
              g_set_error (&local, LB_REMOTE_ERROR, LB_REMOTE_ERROR_LOCAL,
                           _("%s exists and is not a DICOM file"), final_path);
              g_clear_pointer (&final_path, g_free);
            }
          else if (g_rename (tmp_path, final_path) != 0)
            {
              int saved = errno;
              g_set_error (&local, LB_REMOTE_ERROR, LB_REMOTE_ERROR_LOCAL,
                           _("cannot write %s: %s"), final_path, g_strerror (saved));
              g_clear_pointer (&final_path, g_free);
            }
        }
    }
  if (final_path == NULL)
    {
      g_unlink (tmp_path);
      if (local->domain == LB_REMOTE_ERROR || g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, local);
      else
        lb_remote_take_transport_error (local, error);
      return NULL;
    }
  data->n_bytes += n_bytes;
  return final_path;
}

static gboolean
is_dicom_part (const char *content_type)
{
  /* PS3.18 multipart/related; type="application/dicom": each part is application/dicom (a
   * part without a Content-Type takes the type parameter). */
  return content_type == NULL
    || g_ascii_strncasecmp (content_type, "application/dicom", 17) == 0;
}

static gboolean
retrieve_stream (RetrieveData *data, GObject *task, SoupMessage *msg, GInputStream *body,
                 GCancellable *cancellable, GError **error)
{
  const char *content_type =
    soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Type");
  g_autofree char *boundary = lb_multipart_boundary_from_content_type (content_type);
  if (content_type == NULL || g_ascii_strncasecmp (content_type, "multipart/related", 17) != 0
      || boundary == NULL)
    {
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_PROTOCOL,
                   _("the answer is not multipart/related (Content-Type: %s)"),
                   content_type != NULL ? content_type : "none");
      return FALSE;
    }
  g_autoptr (LbMultipartReader) reader = lb_multipart_reader_new (body, boundary);
  for (;;)
    {
      g_autofree char *part_type = NULL;
      GError *local = NULL;
      if (!lb_multipart_reader_next_part (reader, &part_type, cancellable, &local))
        {
          if (local == NULL)
            return TRUE;
          lb_remote_take_transport_error (local, error);
          return FALSE;
        }
      if (!is_dicom_part (part_type))
        continue;
      g_autofree char *path = store_instance (data, reader, cancellable, error);
      if (path == NULL)
        return FALSE;
      data->n_instances++;
      lb_remote_progress_report (&data->progress, task, data->n_instances, data->n_bytes, path);
    }
}

static void
retrieve_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RetrieveData *data = task_data;
  g_autofree char *study = g_uri_escape_string (data->study_uid, NULL, FALSE);
  g_autofree char *series = data->series_uid != NULL
    ? g_uri_escape_string (data->series_uid, NULL, FALSE) : NULL;
  g_autofree char *path = series != NULL
    ? g_strdup_printf ("/studies/%s/series/%s", study, series)
    : g_strdup_printf ("/studies/%s", study);

  g_autoptr (SoupSession) session = lb_remote_client_new_session (data->client);
  g_autoptr (SoupMessage) msg = lb_remote_client_new_message (data->client, "GET", path);
  if (msg == NULL)
    {
      g_task_return_new_error (task, LB_REMOTE_ERROR, LB_REMOTE_ERROR_INVALID_URL,
                               _("invalid study or series UID"));
      return;
    }
  /* transfer-syntax=* : the instances as the server stores them, byte for byte. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
  GError *error = NULL;
  g_autoptr (GInputStream) body = soup_session_send (session, msg, cancellable, &error);
  if (body == NULL)
    {
      GError *mapped = NULL;
      lb_remote_take_transport_error (error, &mapped);
      g_task_return_error (task, mapped);
      return;
    }
  if (!lb_remote_check_status (msg, &error)
      || !retrieve_stream (data, G_OBJECT (task), msg, body, cancellable, &error))
    {
      g_input_stream_close (body, NULL, NULL);
      g_task_return_error (task, error);
      return;
    }
  g_input_stream_close (body, NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

void
lb_remote_client_retrieve_async (LbRemoteClient *client, const char *study_uid,
                                 const char *series_uid, const char *dest_dir,
                                 LbRemoteRetrieveFlags flags, LbRemoteProgressFunc progress,
                                 gpointer progress_data, GDestroyNotify progress_data_free,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (LB_IS_REMOTE_CLIENT (client));
  g_return_if_fail (study_uid != NULL && dest_dir != NULL);

  RetrieveData *data = g_new0 (RetrieveData, 1);
  data->client = g_object_ref (client);
  data->study_uid = g_strdup (study_uid);
  data->series_uid = g_strdup (series_uid);
  data->dest_dir = g_strdup (dest_dir);
  data->flags = flags;
  lb_remote_progress_init (&data->progress, progress, progress_data, progress_data_free);

  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_remote_client_retrieve_async);
  g_task_set_task_data (task, data, retrieve_data_free);
  g_task_run_in_thread (task, retrieve_thread);
}

gboolean
lb_remote_client_retrieve_finish (LbRemoteClient *client, GAsyncResult *result,
                                  guint *n_instances, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  RetrieveData *data = g_task_get_task_data (G_TASK (result));
  if (n_instances != NULL)
    *n_instances = data->n_instances;
  return g_task_propagate_boolean (G_TASK (result), error);
}
