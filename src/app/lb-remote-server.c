/* lb-remote-server.c: one configured DICOMweb server (an item of LbRemoteServers' model). */
#include "config.h"

#include "lb-remote-server.h"

struct _LbRemoteServer
{
  GObject parent_instance;

  char *name;
  char *url;
  char *user;
};

enum { PROP_0, PROP_NAME, PROP_URL, PROP_USER, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (LbRemoteServer, lb_remote_server, G_TYPE_OBJECT)

static void
lb_remote_server_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LbRemoteServer *self = LB_REMOTE_SERVER (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_remote_server_finalize (GObject *object)
{
  LbRemoteServer *self = LB_REMOTE_SERVER (object);

  g_free (self->name);
  g_free (self->url);
  g_free (self->user);
  G_OBJECT_CLASS (lb_remote_server_parent_class)->finalize (object);
}

static void
lb_remote_server_class_init (LbRemoteServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lb_remote_server_get_property;
  object_class->finalize = lb_remote_server_finalize;
  /* Read-only: "name" is what a GtkDropDown's expression shows. */
  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "",
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_URL] = g_param_spec_string ("url", NULL, NULL, "",
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_USER] = g_param_spec_string ("user", NULL, NULL, "",
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
lb_remote_server_init (LbRemoteServer *self)
{
}

LbRemoteServer *
lb_remote_server_new (const char *name,
                      const char *url,
                      const char *user)
{
  LbRemoteServer *self = g_object_new (LB_TYPE_REMOTE_SERVER, NULL);

  self->name = g_strdup (name);
  self->url = g_strdup (url);
  self->user = g_strdup (user != NULL ? user : "");
  return self;
}

const char *
lb_remote_server_get_name (LbRemoteServer *self)
{
  return self->name;
}

const char *
lb_remote_server_get_url (LbRemoteServer *self)
{
  return self->url;
}

const char *
lb_remote_server_get_user (LbRemoteServer *self)
{
  return self->user;
}
