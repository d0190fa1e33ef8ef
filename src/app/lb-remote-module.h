/* lb-remote-module.h: the viewer's module lightbox-remote (issue 15 §2), which holds the Remote
 * place, Upload to Server and Preferences ▸ Remote's servers page with the DICOMweb client
 * (libsoup, json-glib) and the keyring (libsecret). The executable does not link those
 * libraries: they cost about 14 M instructions in the dynamic loader before the first image and
 * widen the symbol scope of every later dlopen. lb-app-module.c loads the module the first
 * time one of these is used; the module registers its GTypes then and stays resident.
 *
 * The executable sees the module only through this table of functions: widgets go out as
 * GtkWidget, and their signals are connected by name (lb-remote-browser.h lists them). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The module's file name without ".so", and the function it exports that returns the table. */
#define LB_REMOTE_MODULE_NAME   "lightbox-remote"
#define LB_REMOTE_MODULE_SYMBOL "lb_remote_module_get"

typedef struct
{
  /* An LbRemoteBrowser (the sidebar's Remote place). */
  GtkWidget  *(*browser_new)             (GSettings         *settings);
  /* The name of the browser's chosen server; NULL when none is configured. */
  const char *(*browser_get_server_name) (GtkWidget         *browser);
  /* Stores the files (paths) on the chosen server; ::done or ::failed at the end. */
  void        (*browser_upload)          (GtkWidget         *browser,
                                          const char *const *paths);
  /* Preferences ▸ Remote (an AdwPreferencesPage). */
  GtkWidget  *(*servers_page_new)        (GSettings         *settings);
} LbRemoteModule;

typedef const LbRemoteModule *(*LbRemoteModuleGetFunc) (void);

G_END_DECLS
