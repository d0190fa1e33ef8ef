/* test-gui-remote-transfer.c: the Remote place against an in-process DICOMweb server that
 * answers QIDO-RS with one study of one series, and WADO-RS with one whole instance followed by
 * the start of a second: the series row is activated as a click would, the first instance is
 * handed to the window at once (::instance-arrived), then
 *   - stall: the server stops sending; Stop ends the transfer, the form says how many images had
 *     arrived, the progress bar goes, and the cache holds that one file and nothing half-written;
 *   - die: the server closes the connection; ::failed says so (a toast with Details), and the
 *     Details count the image that arrived and is kept.
 * Runs without Orthanc (tests/gui/remote.sh is the end-to-end test against the real one). */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lb-application.h"
#include "lb-remote-browser.h"
#include "lb-remote-node.h"
#include "lb-test-dirs.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"

#define STUDY "1.2.826.0.1.3680043.2.1125.1"
#define SERIES "1.2.826.0.1.3680043.2.1125.1.2"

/* ---- A DICOMweb server in a thread: one answer per connection, by path ---------------------- */

typedef struct {
  GSocketListener *listener;
  guint16 port;
  gboolean die;         /* close in the middle of the second instance, else hold it open */
  GBytes *instance;
  GThread *thread;
  GCancellable *stop;
} Server;

static GBytes *
json_answer (const char *json)
{
  char *answer = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/dicom+json\r\n"
                                  "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                  strlen (json), json);

  return g_bytes_new_take (answer, strlen (answer));
}

/* One whole instance, then half of another; announced longer than what is sent. */
static GBytes *
wado_answer (GBytes *instance)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (instance, &len);
  g_autoptr (GString) body = g_string_new ("--B\r\nContent-Type: application/dicom\r\n\r\n");
  GString *answer;

  g_string_append_len (body, data, (gssize) len);
  g_string_append (body, "\r\n--B\r\nContent-Type: application/dicom\r\n\r\n");
  g_string_append_len (body, data, (gssize) len / 2);
  answer = g_string_new (NULL);
  g_string_append_printf (answer, "HTTP/1.1 200 OK\r\nContent-Type: multipart/related; "
                          "type=\"application/dicom\"; boundary=B\r\nConnection: close\r\n"
                          "Content-Length: %zu\r\n\r\n", body->len * 2);
  g_string_append_len (answer, body->str, (gssize) body->len);
  return g_string_free_to_bytes (answer);
}

static void
serve (Server            *server,
       GSocketConnection *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  g_autoptr (GString) request = g_string_new (NULL);
  g_autoptr (GBytes) answer = NULL;
  gboolean wado = FALSE;
  char c;

  while (!g_str_has_suffix (request->str, "\r\n\r\n")
         && g_input_stream_read (in, &c, 1, server->stop, NULL) == 1)
    g_string_append_c (request, c);
  if (g_str_has_prefix (request->str, "GET /dicom-web/studies?"))
    answer = json_answer ("[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" STUDY "\"]},"
                          "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Test^Stall\"}]},"
                          "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"P1\"]},"
                          "\"00081030\":{\"vr\":\"LO\",\"Value\":[\"Study\"]}}]");
  else if (g_str_has_prefix (request->str, "GET /dicom-web/studies/" STUDY "/series?"))
    answer = json_answer ("[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" STUDY "\"]},"
                          "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" SERIES "\"]},"
                          "\"0008103E\":{\"vr\":\"LO\",\"Value\":[\"Two slices\"]},"
                          "\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]},"
                          "\"00201209\":{\"vr\":\"IS\",\"Value\":[2]}}]");
  else if (g_str_has_prefix (request->str, "GET /dicom-web/studies/" STUDY "/series/" SERIES))
    {
      answer = wado_answer (server->instance);
      wado = TRUE;
    }
  else
    {
      static const char not_found[] =
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

      answer = g_bytes_new_static (not_found, sizeof not_found - 1);
    }
  g_output_stream_write_all (out, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                             NULL, server->stop, NULL);
  if (wado && !server->die)
    {
      char buf[256];

      /* Silent until the client hangs up (Stop) or the test ends. */
      while (g_input_stream_read (in, buf, sizeof buf, server->stop, NULL) > 0)
        ;
    }
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
}

static gpointer
server_run (gpointer user_data)
{
  Server *server = user_data;

  for (;;)
    {
      g_autoptr (GSocketConnection) conn =
        g_socket_listener_accept (server->listener, NULL, server->stop, NULL);

      if (conn == NULL)
        return NULL;
      serve (server, conn);
    }
}

static Server *
server_start (gboolean die)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autofree char *path = lb_test_file ("dicompyler-core/ct.0.dcm");
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  server->instance = g_bytes_new_take (data, len);
  server->listener = g_socket_listener_new ();
  g_assert_true (g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL));
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->die = die;
  server->stop = g_cancellable_new ();
  server->thread = g_thread_new ("dicomweb", server_run, server);
  return server;
}

static void
server_stop (Server *server)
{
  g_cancellable_cancel (server->stop);
  g_thread_join (server->thread);
  g_socket_listener_close (server->listener);
  g_object_unref (server->listener);
  g_object_unref (server->stop);
  g_bytes_unref (server->instance);
  g_free (server);
}

/* ---- The browser ---------------------------------------------------------------------------- */

typedef struct {
  GFile *arrived;
  char *failed;
} Seen;

static void
on_arrived (LbRemoteBrowser *browser,
            GFile           *file,
            Seen            *seen)
{
  g_set_object (&seen->arrived, file);
}

static void
on_failed (LbRemoteBrowser *browser,
           const char      *headline,
           const char      *details,
           Seen            *seen)
{
  seen->failed = g_strdup_printf ("%s\n%s", headline, details);
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (label == NULL
          || (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
          || (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), label) == 0)))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list showing `results` (the server chooser's popup has a list view too). */
static GtkWidget *
results_view (GtkWidget  *widget,
              GListModel *results)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

      if (GTK_IS_SINGLE_SELECTION (model)
          && gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == results)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = results_view (c, results);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Waking the loop up now and then, so that a wait notices its bound. */
static gboolean
keep_awake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* One main-loop iteration; the bound (60 s) only catches a hang, it is not a timing. */
static void
iterate (gint64 started)
{
  g_assert_cmpint (g_get_monotonic_time () - started, <, 60 * G_USEC_PER_SEC);
  g_main_context_iteration (NULL, TRUE);
}

static guint
series_row (GListModel *rows)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (LbRemoteNode) node = gtk_tree_list_row_get_item (row);

      if (lb_remote_node_get_kind (node) == LB_REMOTE_NODE_SERIES)
        return i;
    }
  return G_MAXUINT;
}

static guint
count_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, ".dcm"));   /* nothing temporary left */
      n++;
    }
  return n;
}

static void
retrieve_from (gboolean die)
{
  Server *server = server_start (die);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/dicom-web", server->port);
  g_autofree char *folder = lb_remote_browser_cache_dir (STUDY, SERIES);
  g_autoptr (GSettings) settings = lb_settings_new ();
  g_autoptr (GVariant) list = g_variant_ref_sink (
    g_variant_new_parsed ("[(%s, %s, '')]", "Test server", url));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *browser, *view, *progress;
  Seen seen = { 0 };
  gboolean rows = FALSE;
  guint beat = g_timeout_add (100, keep_awake, NULL);
  gint64 started = g_get_monotonic_time ();

  g_settings_set_value (settings, "remote-servers", list);
  browser = lb_remote_browser_new (settings);
  gtk_window_set_child (GTK_WINDOW (window), browser);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (browser, "instance-arrived", G_CALLBACK (on_arrived), &seen);
  g_signal_connect (browser, "failed", G_CALLBACK (on_failed), &seen);

  g_signal_emit_by_name (find_widget (browser, GTK_TYPE_BUTTON, "_Search"), "clicked");
  while (!rows)
    {
      GListModel *results = lb_remote_browser_get_results (LB_REMOTE_BROWSER (browser));

      rows = results != NULL && series_row (results) != G_MAXUINT;
      if (!rows)
        iterate (started);
    }
  view = results_view (browser, lb_remote_browser_get_results (LB_REMOTE_BROWSER (browser)));
  g_assert_nonnull (view);
  g_signal_emit_by_name (view, "activate",
                         series_row (lb_remote_browser_get_results (LB_REMOTE_BROWSER (browser))));
  progress = find_widget (browser, GTK_TYPE_PROGRESS_BAR, NULL);
  /* The first instance is handed over while the second is still coming. */
  while (seen.arrived == NULL && seen.failed == NULL)
    iterate (started);
  g_assert_nonnull (seen.arrived);
  g_assert_true (g_file_query_exists (seen.arrived, NULL));
  if (!die)
    {
      GtkWidget *stop = gtk_widget_get_next_sibling (progress);

      g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (progress)));
      g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress)), ==, "1 of 2 images");
      g_signal_emit_by_name (stop, "clicked");
      while (gtk_widget_get_visible (gtk_widget_get_parent (progress)))
        iterate (started);
      g_assert_nonnull (find_widget (browser, GTK_TYPE_LABEL, "Stopped: 1 image had arrived"));
      g_assert_null (seen.failed);
    }
  else
    {
      while (seen.failed == NULL)
        iterate (started);
      g_assert_true (g_str_has_prefix (seen.failed,
                                       "The server stopped answering in the middle of the transfer\n"));
      g_assert_nonnull (strstr (seen.failed, "1 image had arrived; it is kept."));
      g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (progress)));
    }
  g_assert_cmpuint (count_files (folder), ==, 1);

  g_source_remove (beat);
  gtk_window_destroy (GTK_WINDOW (window));
  server_stop (server);
  g_clear_object (&seen.arrived);
  g_free (seen.failed);
  g_settings_reset (settings, "remote-servers");
  remove_dir (folder);
}

static void
test_stop (void)
{
  retrieve_from (FALSE);
}

static void
test_server_dies (void)
{
  retrieve_from (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (LbApplication) app = NULL;
  g_autofree char *cache = NULL;
  int status;

  if (!lb_test_have_display ())
    return 0;
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_unsetenv ("LIGHTBOX_REMOTE_PASSWORD");
  /* The retrieved files go to a cache of the test's own (read once, before any use). */
  cache = g_dir_make_tmp ("lb-remote-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("MESA_SHADER_CACHE_DISABLE", "true", TRUE);   /* Mesa would keep its cache there */
  gtk_test_init (&argc, &argv, NULL);
  app = lb_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_test_add_func ("/gui/remote/stop", test_stop);
  g_test_add_func ("/gui/remote/server-dies", test_server_dies);
  status = g_test_run ();
  {
    /* The series folders went with each test: what is left is the empty chain to the cache. */
    g_autofree char *study = g_build_filename (cache, "lightbox", "remote", STUDY, NULL);
    g_autofree char *remote = g_path_get_dirname (study);
    g_autofree char *lightbox = g_path_get_dirname (remote);

    g_rmdir (study);
    g_rmdir (remote);
    g_rmdir (lightbox);
    g_rmdir (cache);
  }
  return status;
}
