/* lb-remote-connect.h: what the Remote place needs around LbRemoteClient: a client for a
 * configured server with its password, and the words for the library's errors. */
#pragma once

#include "lb-remote.h"
#include "lb-remote-server.h"

G_BEGIN_DECLS

/* Called once: with the client, or with NULL and why. */
typedef void (*LbRemoteConnectFunc) (LbRemoteClient *client,
                                     const GError   *error,
                                     gpointer        user_data);

/* A client for `server`. The password: `typed` (the search form's field) when not empty, else
 * $LIGHTBOX_REMOTE_PASSWORD (the CLI's variable, which the tests use), else the keyring's; none
 * when the server has no user. It goes to LbRemoteClient and nowhere else. */
void        lb_remote_connect              (LbRemoteServer      *server,
                                            const char          *typed,
                                            LbRemoteConnectFunc  func,
                                            gpointer             user_data);
/* One line for the reader (a toast, the form's status). */
const char *lb_remote_error_headline       (const GError        *error);
/* The Details: the library's message (it names the server and the HTTP status), the instances
 * that had arrived (`n_arrived`), and what to do about credentials. */
char       *lb_remote_error_details        (const GError        *error,
                                            guint                n_arrived);

G_END_DECLS
