/* lb-remote-connect.c: a DICOMweb client for a configured server, with its password from the
 * form, the environment or the keyring; and the reader's words for the library's errors. */
#include "config.h"

#define G_LOG_DOMAIN "lb-remote"

#include <glib/gi18n.h>

#include "lb-remote-connect.h"
#include "lb-remote-keyring.h"

/* ---- Errors ------------------------------------------------------------------------------ */

const char *
lb_remote_error_headline (const GError *error)
{
  if (error->domain != LB_REMOTE_ERROR)
    return _("The server could not be asked");
  switch ((LbRemoteErrorCode) error->code)
    {
    case LB_REMOTE_ERROR_INVALID_URL: return _("The server’s address is not a web address");
    case LB_REMOTE_ERROR_UNREACHABLE: return _("The server cannot be reached");
    case LB_REMOTE_ERROR_REFUSED: return _("The server refused the connection: is it running?");
    case LB_REMOTE_ERROR_AUTH: return _("The server did not accept the user name or password");
    case LB_REMOTE_ERROR_NOT_FOUND: return _("The server does not have it (not found)");
    case LB_REMOTE_ERROR_INTERRUPTED:
      return _("The server stopped answering in the middle of the transfer");
    case LB_REMOTE_ERROR_PROTOCOL: return _("The server’s answer is not DICOMweb");
    case LB_REMOTE_ERROR_REJECTED: return _("The server refused some files");
    case LB_REMOTE_ERROR_LOCAL: return _("The images could not be written to the cache");
    case LB_REMOTE_ERROR_HTTP:
    default: return _("The server answered with an error");
    }
}

char *
lb_remote_error_details (const GError *error,
                         guint         n_arrived)
{
  char *details;

  if (g_error_matches (error, LB_REMOTE_ERROR, LB_REMOTE_ERROR_AUTH))
    /* The library's message names the CLI's variables; the viewer has its own ways in. */
    details = g_strdup (_("The server answered 401 or 403: the user name or the password is "
                          "not the one it knows. Check the user in Preferences ▸ Remote, and "
                          "type the password in the search form (or save it again in "
                          "Preferences)."));
  else if (n_arrived > 0)
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s\n\n%u image had arrived; it is kept.",
                                            "%s\n\n%u images had arrived; they are kept.",
                                            n_arrived), error->message, n_arrived);
  else
    details = g_strdup (error->message);
  return details;
}

/* ---- A client with the server's password ---------------------------------------------------- */

typedef struct {
  LbRemoteServer *server;
  LbRemoteConnectFunc func;
  gpointer user_data;
} Connecting;

static void
make_client (Connecting *connecting,
             const char *password)
{
  const char *user = lb_remote_server_get_user (connecting->server);
  g_autoptr (GError) error = NULL;
  g_autoptr (LbRemoteClient) client =
    lb_remote_client_new (lb_remote_server_get_url (connecting->server),
                          *user != '\0' ? user : NULL, password, &error);

  connecting->func (client, error, connecting->user_data);
  g_object_unref (connecting->server);
  g_free (connecting);
}

static void
on_keyring_answered (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  char *password = lb_remote_keyring_lookup_finish (result, &error);

  /* No keyring (a bare session): the server's 401 then says to type the password. */
  if (error != NULL)
    g_debug ("keyring not available: %s", error->message);
  make_client (user_data, password);
  if (password != NULL)
    lb_remote_keyring_free (password);
}

void
lb_remote_connect (LbRemoteServer      *server,
                   const char          *typed,
                   LbRemoteConnectFunc  func,
                   gpointer             user_data)
{
  Connecting *connecting = g_new0 (Connecting, 1);
  const char *from_env = g_getenv ("LIGHTBOX_REMOTE_PASSWORD");

  connecting->server = g_object_ref (server);
  connecting->func = func;
  connecting->user_data = user_data;
  if (typed != NULL && *typed != '\0')
    make_client (connecting, typed);
  else if (from_env != NULL && *from_env != '\0')
    make_client (connecting, from_env);
  else if (*lb_remote_server_get_user (server) == '\0')
    make_client (connecting, NULL);
  else
    lb_remote_keyring_lookup_async (lb_remote_server_get_url (server),
                                    lb_remote_server_get_user (server), NULL,
                                    on_keyring_answered, connecting);
}
