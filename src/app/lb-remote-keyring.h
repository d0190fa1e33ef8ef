/* lb-remote-keyring.h: the passwords of the DICOMweb servers, in the user's keyring (Secret
 * Service through libsecret, schema "org.lightbox.Remote", attributes url and user). Never
 * logged. Where no Secret Service runs, lookups find nothing and stores fail with a message:
 * the search form's password field (not stored) is then the way in. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     lb_remote_keyring_store_async  (const char          *server_name,
                                         const char          *url,
                                         const char          *user,
                                         const char          *password,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean lb_remote_keyring_store_finish (GAsyncResult        *result,
                                         GError             **error);
void     lb_remote_keyring_lookup_async (const char          *url,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* The password (free with lb_remote_keyring_free), or NULL when none is stored or there is no
 * keyring (then error says why). */
char    *lb_remote_keyring_lookup_finish (GAsyncResult       *result,
                                          GError            **error);
void     lb_remote_keyring_clear        (const char          *url,
                                         const char          *user);
/* Wipes the password from memory before freeing it. */
void     lb_remote_keyring_free         (char                *password);

G_END_DECLS
