/* lb-remote-keyring.c: server passwords in the Secret Service (libsecret). */
#include "config.h"

#define G_LOG_DOMAIN "lb-remote"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lb-remote-keyring.h"

static const SecretSchema *
remote_schema (void)
{
  static const SecretSchema schema = {
    "org.lightbox.Remote", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lb_remote_keyring_store_async (const char          *server_name,
                               const char          *url,
                               const char          *user,
                               const char          *password,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  /* Translators: the label of a password in the keyring; the server's name */
  g_autofree char *label = g_strdup_printf (_("Lightbox: DICOMweb server %s"), server_name);

  secret_password_store (remote_schema (), SECRET_COLLECTION_DEFAULT, label, password, NULL,
                         on_stored, task, "url", url, "user", user, NULL);
}

gboolean
lb_remote_keyring_store_finish (GAsyncResult *result,
                                GError      **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
lb_remote_keyring_lookup_async (const char          *url,
                                const char          *user,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  secret_password_lookup (remote_schema (), cancellable, on_looked_up, task, "url", url, "user",
                          user, NULL);
}

char *
lb_remote_keyring_lookup_finish (GAsyncResult *result,
                                 GError      **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!secret_password_clear_finish (result, &error))
    g_debug ("keyring: no password removed: %s", error != NULL ? error->message : "none stored");
}

void
lb_remote_keyring_clear (const char *url,
                         const char *user)
{
  secret_password_clear (remote_schema (), NULL, on_cleared, NULL, "url", url, "user", user,
                         NULL);
}

void
lb_remote_keyring_free (char *password)
{
  secret_password_free (password);
}
