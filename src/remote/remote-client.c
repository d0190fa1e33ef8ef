/* remote-client.c: LbRemoteClient, the DICOMweb root, credentials and time-outs shared by every
 * request, and the translation of HTTP and network failures into the errors a user can act on. */
#include "config.h"

#include <glib/gi18n.h>

#include "remote-private.h"

G_DEFINE_QUARK (lb-remote-error-quark, lb_remote_error)

struct _LbRemoteClient {
  GObject parent_instance;
  char *root;            /* scheme://host:port/path, no user-info, no trailing '/' */
  char *authorization;   /* "Basic ..." or NULL; never printed */
  guint timeout;
};

G_DEFINE_FINAL_TYPE (LbRemoteClient, lb_remote_client, G_TYPE_OBJECT)

static void
lb_remote_client_finalize (GObject *object)
{
  LbRemoteClient *self = LB_REMOTE_CLIENT (object);
  g_free (self->root);
  if (self->authorization != NULL)
    {
      /* Do not leave the password in freed memory. */
      memset (self->authorization, 0, strlen (self->authorization));
      g_free (self->authorization);
    }
  G_OBJECT_CLASS (lb_remote_client_parent_class)->finalize (object);
}

static void
lb_remote_client_class_init (LbRemoteClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_remote_client_finalize;
}

static void
lb_remote_client_init (LbRemoteClient *self)
{
  self->timeout = 30;
}

static char *
basic_authorization (const char *user, const char *password)
{
  g_autofree char *pair = g_strconcat (user, ":", password != NULL ? password : "", NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  memset (pair, 0, strlen (pair));
  return g_strconcat ("Basic ", encoded, NULL);
}

LbRemoteClient *
lb_remote_client_new (const char *url, const char *user, const char *password, GError **error)
{
  g_return_val_if_fail (url != NULL, NULL);

  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL || g_uri_get_host (uri) == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_INVALID_URL,
                   _("not an http:// or https:// URL"));
      return NULL;
    }

  LbRemoteClient *self = g_object_new (LB_TYPE_REMOTE_CLIENT, NULL);
  g_autofree char *path = g_strdup (g_uri_get_path (uri));
  while (path[0] != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  self->root = g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri),
                           g_uri_get_port (uri), path, NULL, NULL);

  /* The environment (or keyring) wins over the URL's user-info. */
  g_autofree char *url_user = g_uri_get_user (uri) != NULL
    ? g_uri_unescape_string (g_uri_get_user (uri), NULL) : NULL;
  g_autofree char *url_password = g_uri_get_password (uri) != NULL
    ? g_uri_unescape_string (g_uri_get_password (uri), NULL) : NULL;
  if (user != NULL && user[0] != '\0')
    self->authorization = basic_authorization (user, password);
  else if (url_user != NULL && url_user[0] != '\0')
    self->authorization = basic_authorization (url_user, url_password);
  if (url_password != NULL)
    memset (url_password, 0, strlen (url_password));
  return self;
}

const char *
lb_remote_client_get_display_url (LbRemoteClient *client)
{
  g_return_val_if_fail (LB_IS_REMOTE_CLIENT (client), NULL);
  return client->root;
}

void
lb_remote_client_set_timeout (LbRemoteClient *client, guint seconds)
{
  g_return_if_fail (LB_IS_REMOTE_CLIENT (client));
  client->timeout = seconds;
}

SoupSession *
lb_remote_client_new_session (LbRemoteClient *client)
{
  /* timeout bounds the connection and each wait for bytes; a long transfer that keeps moving
   * is never cut. No SoupLogger is ever attached: headers carry the password. */
  return soup_session_new_with_options ("timeout", client->timeout,
                                        "idle-timeout", client->timeout,
                                        "user-agent", "Lightbox/" PACKAGE_VERSION " ",
                                        NULL);
}

SoupMessage *
lb_remote_client_new_message (LbRemoteClient *client, const char *method,
                              const char *path_and_query)
{
  g_autofree char *url = g_strconcat (client->root, path_and_query, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  if (msg == NULL)
    return NULL;
  if (client->authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  client->authorization);
  return msg;
}

gboolean
lb_remote_check_status (SoupMessage *msg, GError **error)
{
  guint status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;
  const char *phrase = soup_message_get_reason_phrase (msg);
  if (phrase == NULL || phrase[0] == '\0')
    phrase = soup_status_get_phrase (status);
  if (phrase == NULL)
    phrase = "";
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_AUTH,
                   /* TRANSLATORS: %u %s is an HTTP status such as "401 Unauthorized" */
                   _("HTTP %u %s: the server refused the user name or password "
                     "(LIGHTBOX_REMOTE_USER, LIGHTBOX_REMOTE_PASSWORD)"), status, phrase);
      break;
    case SOUP_STATUS_NOT_FOUND:
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_NOT_FOUND,
                   _("HTTP %u %s: no such study, series or DICOMweb root on the server"),
                   status, phrase);
      break;
    default:
      g_set_error (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_HTTP, _("HTTP %u %s"), status, phrase);
      break;
    }
  return FALSE;
}

void
lb_remote_take_transport_error (GError *io_error, GError **error)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }
  int code = LB_REMOTE_ERROR_UNREACHABLE;
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    code = LB_REMOTE_ERROR_REFUSED;
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)
           || g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
           || g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    code = LB_REMOTE_ERROR_INTERRUPTED;
  if (code == LB_REMOTE_ERROR_REFUSED)
    g_set_error (error, LB_REMOTE_ERROR, code, _("connection refused (%s)"), io_error->message);
  else if (code == LB_REMOTE_ERROR_INTERRUPTED)
    g_set_error (error, LB_REMOTE_ERROR, code, _("the connection broke off (%s)"),
                 io_error->message);
  else
    g_set_error (error, LB_REMOTE_ERROR, code, _("server unreachable (%s)"), io_error->message);
  g_error_free (io_error);
}

/* ---- Progress in the caller's context -------------------------------------------------------- */

void
lb_remote_progress_init (LbRemoteProgress *progress, LbRemoteProgressFunc func, gpointer data,
                         GDestroyNotify data_free)
{
  progress->context = g_main_context_ref_thread_default ();
  progress->thread = g_thread_self ();
  progress->func = func;
  progress->data = data;
  progress->data_free = data_free;
}

typedef struct {
  GDestroyNotify free;
  gpointer data;
} DataFree;

static gboolean
data_free_run (gpointer user_data)
{
  DataFree *call = user_data;
  call->free (call->data);
  return G_SOURCE_REMOVE;
}

/* The task that holds `progress` is finalized by whichever thread drops its last reference,
 * its worker's at times (when the caller's callback and progress calls have all run first).
 * The data is the caller's (the viewer's holds a widget): it is freed in the caller's thread,
 * at once when this is it, else from an idle of the caller's context (not
 * g_main_context_invoke(), which runs it here when the context is free to take). Freeing a
 * widget's last reference in the worker ended a test with "free(): invalid pointer" once in a
 * few hundred runs. */
void
lb_remote_progress_clear (LbRemoteProgress *progress)
{
  if (progress->data_free != NULL && progress->data != NULL && progress->thread == g_thread_self ())
    progress->data_free (progress->data);
  else if (progress->data_free != NULL && progress->data != NULL)
    {
      DataFree *call = g_new (DataFree, 1);
      call->free = progress->data_free;
      call->data = progress->data;
      GSource *idle = g_idle_source_new ();
      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, data_free_run, call, g_free);
      g_source_attach (idle, progress->context);
      g_source_unref (idle);
    }
  progress->data = NULL;
  g_clear_pointer (&progress->context, g_main_context_unref);
}

typedef struct {
  GObject *owner;
  LbRemoteProgressFunc func;
  gpointer data;
  guint n;
  guint64 bytes;
  char *path;
} ProgressCall;

static gboolean
progress_call_run (gpointer user_data)
{
  ProgressCall *call = user_data;
  call->func (call->n, call->bytes, call->path, call->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;
  g_free (call->path);
  g_object_unref (call->owner);
  g_free (call);
}

void
lb_remote_progress_report (LbRemoteProgress *progress, GObject *owner, guint n, guint64 bytes,
                           const char *path)
{
  if (progress->func == NULL)
    return;
  /* owner (the task holding progress and its data) is kept alive until the call has run. */
  ProgressCall *call = g_new0 (ProgressCall, 1);
  call->owner = g_object_ref (owner);
  call->func = progress->func;
  call->data = progress->data;
  call->n = n;
  call->bytes = bytes;
  call->path = g_strdup (path);
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT, progress_call_run, call,
                              progress_call_free);
}
