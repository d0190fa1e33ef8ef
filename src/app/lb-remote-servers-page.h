/* lb-remote-servers-page.h: Preferences ▸ Remote: add and remove the DICOMweb servers of the
 * sidebar's Remote place; the password of a new server goes to the keyring. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LB_TYPE_REMOTE_SERVERS_PAGE (lb_remote_servers_page_get_type ())

G_DECLARE_FINAL_TYPE (LbRemoteServersPage, lb_remote_servers_page, LB, REMOTE_SERVERS_PAGE,
                      AdwPreferencesPage)

GtkWidget *lb_remote_servers_page_new (GSettings *settings);

G_END_DECLS
