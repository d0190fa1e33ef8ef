/* lb-remote-module.c: the entry of the module lightbox-remote (lb-remote-module.h). */
#include "config.h"

#include <gmodule.h>

#include "lb-remote-browser.h"
#include "lb-remote-module.h"
#include "lb-remote-servers-page.h"

G_MODULE_EXPORT const LbRemoteModule *lb_remote_module_get (void);

static const char *
browser_get_server_name (GtkWidget *browser)
{
  LbRemoteServer *server = lb_remote_browser_get_server (LB_REMOTE_BROWSER (browser));

  return server != NULL ? lb_remote_server_get_name (server) : NULL;
}

static void
browser_upload (GtkWidget         *browser,
                const char *const *paths)
{
  lb_remote_browser_upload (LB_REMOTE_BROWSER (browser), paths);
}

const LbRemoteModule *
lb_remote_module_get (void)
{
  static const LbRemoteModule module = {
    .browser_new = lb_remote_browser_new,
    .browser_get_server_name = browser_get_server_name,
    .browser_upload = browser_upload,
    .servers_page_new = lb_remote_servers_page_new,
  };

  return &module;
}
