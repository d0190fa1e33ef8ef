/* lb-remote-server.h: one DICOMweb server of the Remote place: a name, the DICOMweb root URL
 * and a user name. The password is not here: it is in the keyring (lb-remote-keyring.h). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LB_TYPE_REMOTE_SERVER (lb_remote_server_get_type ())

G_DECLARE_FINAL_TYPE (LbRemoteServer, lb_remote_server, LB, REMOTE_SERVER, GObject)

LbRemoteServer *lb_remote_server_new      (const char     *name,
                                           const char     *url,
                                           const char     *user);
const char     *lb_remote_server_get_name (LbRemoteServer *self);
const char     *lb_remote_server_get_url  (LbRemoteServer *self);
/* "" when the server needs no user. */
const char     *lb_remote_server_get_user (LbRemoteServer *self);

G_END_DECLS
