/* lb-remote-servers.c: the server list, stored in GSettings. The model is rebuilt from the key
 * whenever it changes (here or in another window), so it never drifts from what is saved. */
#include "config.h"

#define G_LOG_DOMAIN "lb-remote"

#include <glib/gi18n.h>

#include "lb-remote-servers.h"

#define KEY "remote-servers"

struct _LbRemoteServers
{
  GObject parent_instance;

  GSettings *settings;
  GListStore *store;
};

G_DEFINE_FINAL_TYPE (LbRemoteServers, lb_remote_servers, G_TYPE_OBJECT)

static void
reload (LbRemoteServers *self)
{
  g_autoptr (GVariant) list = g_settings_get_value (self->settings, KEY);
  g_autoptr (GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  GVariantIter iter;
  const char *name, *url, *user;

  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, &url, &user))
    g_ptr_array_add (servers, lb_remote_server_new (name, url, user));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       servers->pdata, servers->len);
  g_debug ("%u remote servers", servers->len);
}

/* Writes the model's servers, without `skip` (may be NULL), plus `extra` (may be NULL). */
static void
save (LbRemoteServers *self,
      LbRemoteServer  *skip,
      LbRemoteServer  *extra)
{
  GVariantBuilder builder;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbRemoteServer) server = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (server == skip)
        continue;
      g_variant_builder_add (&builder, "(sss)", lb_remote_server_get_name (server),
                             lb_remote_server_get_url (server), lb_remote_server_get_user (server));
    }
  if (extra != NULL)
    g_variant_builder_add (&builder, "(sss)", lb_remote_server_get_name (extra),
                           lb_remote_server_get_url (extra), lb_remote_server_get_user (extra));
  /* "changed" reloads the model, here and in the other windows. */
  g_settings_set_value (self->settings, KEY, g_variant_builder_end (&builder));
  /* A backend may deliver "changed" later: the caller reads the new list at once. */
  reload (self);
}

static gboolean
check_url (const char *url,
           GError    **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      /* Translators: the URL the reader typed */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address: it should look like http://server:8042/dicom-web"),
                   url);
      return FALSE;
    }
  return TRUE;
}

gboolean
lb_remote_servers_add (LbRemoteServers *self,
                       const char      *name,
                       const char      *url,
                       const char      *user,
                       GError         **error)
{
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *clean_url = g_strstrip (g_strdup (url != NULL ? url : ""));
  g_autofree char *clean_user = g_strstrip (g_strdup (user != NULL ? user : ""));
  g_autoptr (LbRemoteServer) server = NULL;

  if (*clean_name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The server needs a name"));
      return FALSE;
    }
  if (!check_url (clean_url, error))
    return FALSE;
  server = lb_remote_server_new (clean_name, clean_url, clean_user);
  save (self, lb_remote_servers_find (self, clean_name), server);
  g_debug ("remote server added: %s", clean_name);
  return TRUE;
}

gboolean
lb_remote_servers_remove (LbRemoteServers *self,
                          const char      *name)
{
  LbRemoteServer *server = lb_remote_servers_find (self, name);

  if (server == NULL)
    return FALSE;
  save (self, server, NULL);
  g_debug ("remote server removed: %s", name);
  return TRUE;
}

LbRemoteServer *
lb_remote_servers_find (LbRemoteServers *self,
                        const char      *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbRemoteServer) server = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (lb_remote_server_get_name (server), name) == 0)
        return server;   /* the store keeps it alive */
    }
  return NULL;
}

GListModel *
lb_remote_servers_get_model (LbRemoteServers *self)
{
  return G_LIST_MODEL (self->store);
}

static void
lb_remote_servers_dispose (GObject *object)
{
  LbRemoteServers *self = LB_REMOTE_SERVERS (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_remote_servers_parent_class)->dispose (object);
}

static void
lb_remote_servers_class_init (LbRemoteServersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lb_remote_servers_dispose;
}

static void
lb_remote_servers_init (LbRemoteServers *self)
{
  self->store = g_list_store_new (LB_TYPE_REMOTE_SERVER);
}

LbRemoteServers *
lb_remote_servers_new (GSettings *settings)
{
  LbRemoteServers *self = g_object_new (LB_TYPE_REMOTE_SERVERS, NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::" KEY, G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}
