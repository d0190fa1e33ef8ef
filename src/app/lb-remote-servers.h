/* lb-remote-servers.h: the DICOMweb servers of the Remote place, kept in GSettings
 * (remote-servers, a(sss): name, URL, user) and offered as a GListModel of LbRemoteServer that
 * follows the key, so Preferences and every window's sidebar see the same list. */
#pragma once

#include <gio/gio.h>

#include "lb-remote-server.h"

G_BEGIN_DECLS

#define LB_TYPE_REMOTE_SERVERS (lb_remote_servers_get_type ())

G_DECLARE_FINAL_TYPE (LbRemoteServers, lb_remote_servers, LB, REMOTE_SERVERS, GObject)

LbRemoteServers *lb_remote_servers_new       (GSettings       *settings);
/* LbRemoteServer items, in the order they were added. */
GListModel      *lb_remote_servers_get_model (LbRemoteServers *self);
/* Adds a server, or replaces the one of the same name. Fails (G_IO_ERROR_INVALID_ARGUMENT, a
 * sentence for the reader) on an empty name or a URL that is not http(s)://host/... */
gboolean         lb_remote_servers_add       (LbRemoteServers *self,
                                              const char      *name,
                                              const char      *url,
                                              const char      *user,
                                              GError         **error);
/* Removes the server of that name; FALSE when there is none. */
gboolean         lb_remote_servers_remove    (LbRemoteServers *self,
                                              const char      *name);
LbRemoteServer  *lb_remote_servers_find      (LbRemoteServers *self,
                                              const char      *name);

G_END_DECLS
