/* test-remote-client.c: the async API of src/remote, the one the viewer uses, against tiny
 * in-process HTTP servers: credentials kept out of the printable URL, a silent server (the
 * time-out), an answer cut in the middle (an error, the count, no file left), a complete
 * two-instance answer (progress in the caller's context, files named by SOP Instance UID), and
 * cancellation. Runs without Orthanc. */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lb-remote.h"
#include "remote-private.h"
#include "lb-test-dirs.h"
#include "lb-test-wait.h"

#ifndef LB_SOURCE_ROOT
#error LB_SOURCE_ROOT must be defined
#endif

/* ---- A one-shot HTTP server in a thread ---------------------------------------------------- */

typedef struct {
  GSocketListener *listener;
  guint16 port;
  GBytes *answer;       /* written after the request headers; NULL: never answer */
  gboolean hold_open;   /* after the answer, keep the connection open until the test ends */
  GThread *thread;
  GCancellable *stop;
} FakeServer;

static gpointer
fake_server_run (gpointer user_data)
{
  FakeServer *server = user_data;
  g_autoptr (GSocketConnection) conn =
    g_socket_listener_accept (server->listener, NULL, server->stop, NULL);
  if (conn == NULL)
    return NULL;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  /* Read the request up to the empty line. */
  GString *request = g_string_new (NULL);
  char c;
  while (!g_str_has_suffix (request->str, "\r\n\r\n")
         && g_input_stream_read (in, &c, 1, server->stop, NULL) == 1)
    g_string_append_c (request, c);
  g_string_free (request, TRUE);
  if (server->answer != NULL)
    {
      GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
      g_output_stream_write_all (out, g_bytes_get_data (server->answer, NULL),
                                 g_bytes_get_size (server->answer), NULL, server->stop, NULL);
    }
  if (server->answer == NULL || server->hold_open)
    {
      /* Wait (without answering more) until the test is over. */
      char buf[256];
      while (g_input_stream_read (in, buf, sizeof buf, server->stop, NULL) > 0)
        ;
    }
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return NULL;
}

static FakeServer *
fake_server_start (GBytes *answer, gboolean hold_open)
{
  FakeServer *server = g_new0 (FakeServer, 1);
  server->listener = g_socket_listener_new ();
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_assert_true (g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL));
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->answer = answer != NULL ? g_bytes_ref (answer) : NULL;
  server->hold_open = hold_open;
  server->stop = g_cancellable_new ();
  server->thread = g_thread_new ("fake-server", fake_server_run, server);
  return server;
}

static void
fake_server_stop (FakeServer *server)
{
  g_cancellable_cancel (server->stop);
  g_thread_join (server->thread);
  g_socket_listener_close (server->listener);
  g_object_unref (server->listener);
  g_object_unref (server->stop);
  g_clear_pointer (&server->answer, g_bytes_unref);
  g_free (server);
}

static char *
fake_server_url (FakeServer *server)
{
  return g_strdup_printf ("http://127.0.0.1:%u/dicom-web", server->port);
}

/* A WADO-RS answer: the given Part 10 files as parts; cut_at > 0 truncates the body there. */
static GBytes *
wado_answer (const char *const *paths, gsize cut_at)
{
  GString *body = g_string_new (NULL);
  for (const char *const *p = paths; *p != NULL; p++)
    {
      g_autofree char *data = NULL;
      gsize len = 0;
      g_assert_true (g_file_get_contents (*p, &data, &len, NULL));
      g_string_append (body, "--BOUNDARY\r\nContent-Type: application/dicom\r\n\r\n");
      g_string_append_len (body, data, (gssize) len);
      g_string_append (body, "\r\n");
    }
  g_string_append (body, "--BOUNDARY--\r\n");
  if (cut_at > 0)
    g_string_truncate (body, cut_at);
  GString *answer = g_string_new ("HTTP/1.1 200 OK\r\n"
                                  "Content-Type: multipart/related; type=\"application/dicom\"; "
                                  "boundary=BOUNDARY\r\nConnection: close\r\n");
  /* A cut answer is announced whole: the connection then closes early, as a dying server's. */
  g_string_append_printf (answer, "Content-Length: %zu\r\n\r\n",
                          cut_at > 0 ? cut_at + 1000 : body->len);
  g_string_append_len (answer, body->str, (gssize) body->len);
  g_string_free (body, TRUE);
  return g_string_free_to_bytes (answer);
}

/* ---- Running an async call to completion ------------------------------------------------- */

typedef struct {
  GAsyncResult *result;
  guint n_progress;
  char *last_path;
  GCancellable *cancel_on_progress;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;
  wait->result = g_object_ref (result);
}

static void
on_progress (guint n, guint64 bytes, const char *path, gpointer user_data)
{
  Wait *wait = user_data;
  /* Progress runs in the caller's context, in order. */
  g_assert_cmpuint (n, ==, wait->n_progress + 1);
  wait->n_progress = n;
  g_free (wait->last_path);
  wait->last_path = g_strdup (path);
  if (wait->cancel_on_progress != NULL)
    g_cancellable_cancel (wait->cancel_on_progress);
}

static void
wait_for (Wait *wait)
{
  lb_test_wait_while (wait->result == NULL);
}

/* ---- Tests --------------------------------------------------------------------------------- */

static void
test_display_url_hides_credentials (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LbRemoteClient) client =
    lb_remote_client_new ("http://teacher:s3cret@pacs.example:8042/dicom-web/", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lb_remote_client_get_display_url (client), ==,
                   "http://pacs.example:8042/dicom-web");
  g_assert_null (lb_remote_client_new ("file:///etc/passwd", NULL, NULL, &error));
  g_assert_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_INVALID_URL);
}

static void
test_silent_server_times_out (void)
{
  FakeServer *server = fake_server_start (NULL, TRUE);
  g_autofree char *url = fake_server_url (server);
  g_autoptr (LbRemoteClient) client = lb_remote_client_new (url, "u", "p", NULL);
  lb_remote_client_set_timeout (client, 1);
  LbRemoteQuery query = { 0 };
  Wait wait = { 0 };
  lb_remote_client_search_async (client, &query, NULL, on_done, &wait);
  wait_for (&wait);
  g_autoptr (GError) error = NULL;
  GPtrArray *records = lb_remote_client_search_finish (client, wait.result, &error);
  g_assert_null (records);
  g_assert_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "unreachable"));
  g_object_unref (wait.result);
  fake_server_stop (server);
}

static void
test_forbidden (void)
{
  /* 403 is about credentials too (a user without the right), said with its status. */
  static const char forbidden[] =
    "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  g_autoptr (GBytes) answer = g_bytes_new_static (forbidden, strlen (forbidden));
  FakeServer *server = fake_server_start (answer, FALSE);
  g_autofree char *url = fake_server_url (server);
  g_autoptr (LbRemoteClient) client = lb_remote_client_new (url, "student", "pw", NULL);
  LbRemoteQuery query = { .patient_name = (char *) "Hong*" };
  Wait wait = { 0 };
  lb_remote_client_search_async (client, &query, NULL, on_done, &wait);
  wait_for (&wait);
  g_autoptr (GError) error = NULL;
  g_assert_null (lb_remote_client_search_finish (client, wait.result, &error));
  g_assert_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "403 Forbidden"));
  g_assert_null (strstr (error->message, "pw"));
  g_object_unref (wait.result);
  fake_server_stop (server);
}

static const char *phantom_files[] = {
  LB_SOURCE_ROOT "/data/samples/phantom/CT01.dcm",
  LB_SOURCE_ROOT "/data/samples/phantom/CT02.dcm",
  NULL,
};

static void
test_complete_answer (void)
{
  g_autoptr (GBytes) answer = wado_answer (phantom_files, 0);
  FakeServer *server = fake_server_start (answer, FALSE);
  g_autofree char *url = fake_server_url (server);
  g_autoptr (LbRemoteClient) client = lb_remote_client_new (url, NULL, NULL, NULL);
  g_autofree char *dest = g_dir_make_tmp ("lb-remote-XXXXXX", NULL);
  Wait wait = { 0 };
  lb_remote_client_retrieve_async (client, "1.2.3", "1.2.3.4", dest, LB_REMOTE_RETRIEVE_DEFAULT,
                                   on_progress, &wait, NULL, NULL, on_done, &wait);
  wait_for (&wait);
  g_autoptr (GError) error = NULL;
  guint n = 0;
  g_assert_true (lb_remote_client_retrieve_finish (client, wait.result, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (wait.n_progress, ==, 2);
  g_assert_true (g_str_has_suffix (wait.last_path, ".2.1.4.2.dcm"));
  g_assert_cmpuint (count_entries (dest), ==, 2);
  /* Byte for byte what was sent. */
  g_autofree char *sent = NULL, *got = NULL;
  gsize sent_len = 0, got_len = 0;
  g_assert_true (g_file_get_contents (phantom_files[1], &sent, &sent_len, NULL));
  g_assert_true (g_file_get_contents (wait.last_path, &got, &got_len, NULL));
  g_assert_cmpmem (sent, sent_len, got, got_len);
  g_free (wait.last_path);
  g_object_unref (wait.result);
  remove_dir (dest);
  fake_server_stop (server);
}

static void
test_cut_answer (void)
{
  /* The first instance whole, the second cut in its middle: one file, an error, no temporary. */
  g_autofree char *first = NULL;
  gsize first_len = 0;
  g_assert_true (g_file_get_contents (phantom_files[0], &first, &first_len, NULL));
  gsize header = strlen ("--BOUNDARY\r\nContent-Type: application/dicom\r\n\r\n");
  g_autoptr (GBytes) answer = wado_answer (phantom_files, 2 * header + first_len + 2 + 60000);
  FakeServer *server = fake_server_start (answer, FALSE);
  g_autofree char *url = fake_server_url (server);
  g_autoptr (LbRemoteClient) client = lb_remote_client_new (url, NULL, NULL, NULL);
  g_autofree char *dest = g_dir_make_tmp ("lb-remote-XXXXXX", NULL);
  Wait wait = { 0 };
  lb_remote_client_retrieve_async (client, "1.2.3", NULL, dest, LB_REMOTE_RETRIEVE_DEFAULT,
                                   on_progress, &wait, NULL, NULL, on_done, &wait);
  wait_for (&wait);
  g_autoptr (GError) error = NULL;
  guint n = 0;
  g_assert_false (lb_remote_client_retrieve_finish (client, wait.result, &n, &error));
  g_assert_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_INTERRUPTED);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (count_entries (dest), ==, 1);
  g_free (wait.last_path);
  g_object_unref (wait.result);
  remove_dir (dest);
  fake_server_stop (server);
}

static void
test_cancel (void)
{
  /* Cancelled from the first progress call while the server holds the connection open after
   * one instance: the retrieve ends with G_IO_ERROR_CANCELLED and leaves the one instance. */
  const char *one[] = { phantom_files[0], NULL };
  g_autoptr (GBytes) whole = wado_answer (one, 0);
  /* Send the delimiter after the instance but not the "--" that would close the body, so
   * the instance is complete and the client waits for what follows. */
  g_autoptr (GBytes) answer = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole)
                                                      - strlen ("--\r\n"));
  FakeServer *server = fake_server_start (answer, TRUE);
  g_autofree char *url = fake_server_url (server);
  g_autoptr (LbRemoteClient) client = lb_remote_client_new (url, NULL, NULL, NULL);
  g_autofree char *dest = g_dir_make_tmp ("lb-remote-XXXXXX", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { 0 };
  wait.cancel_on_progress = cancellable;
  lb_remote_client_retrieve_async (client, "1.2.3", NULL, dest, LB_REMOTE_RETRIEVE_DEFAULT,
                                   on_progress, &wait, NULL, cancellable, on_done, &wait);
  wait_for (&wait);
  g_autoptr (GError) error = NULL;
  guint n = 0;
  g_assert_false (lb_remote_client_retrieve_finish (client, wait.result, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (count_entries (dest), ==, 1);
  g_free (wait.last_path);
  g_object_unref (wait.result);
  remove_dir (dest);
  fake_server_stop (server);
}

/* ---- The caller's data of a transfer is freed in the caller's context ---------------------- */

typedef struct {
  GThread *freed_in;
  gboolean freed;
} Freed;

static void
note_freed (gpointer data)
{
  Freed *freed = data;
  freed->freed_in = g_thread_self ();
  freed->freed = TRUE;
}

static gpointer
clear_progress (gpointer data)
{
  lb_remote_progress_clear (data);
  return NULL;
}

static void
on_any_progress (guint n, guint64 bytes, const char *path, gpointer data)
{
}

/* A transfer's task may be finalized in its worker thread; the progress data it then frees is
 * the caller's (the viewer's holds its widget), which must go in the caller's thread. Fails
 * when lb_remote_progress_clear() frees it where it is called. */
static void
test_progress_data_freed_in_caller_context (void)
{
  Freed freed = { 0 };
  LbRemoteProgress progress;

  lb_remote_progress_init (&progress, on_any_progress, &freed, note_freed);
  g_thread_join (g_thread_new ("worker", clear_progress, &progress));
  lb_test_wait_while (!freed.freed);
  g_assert_true (freed.freed_in == g_thread_self ());

  /* Cleared in the caller's own thread: at once, as before. */
  freed = (Freed) { 0 };
  lb_remote_progress_init (&progress, on_any_progress, &freed, note_freed);
  lb_remote_progress_clear (&progress);
  g_assert_true (freed.freed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remote/client/display-url", test_display_url_hides_credentials);
  g_test_add_func ("/remote/client/silent-server", test_silent_server_times_out);
  g_test_add_func ("/remote/client/forbidden", test_forbidden);
  g_test_add_func ("/remote/client/complete-answer", test_complete_answer);
  g_test_add_func ("/remote/client/cut-answer", test_cut_answer);
  g_test_add_func ("/remote/client/cancel", test_cancel);
  g_test_add_func ("/remote/client/progress-data-freed-in-caller-context",
                   test_progress_data_freed_in_caller_context);
  return g_test_run ();
}
