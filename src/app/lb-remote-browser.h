/* lb-remote-browser.h: the Remote place of the sidebar: searches a DICOMweb server (QIDO-RS)
 * and retrieves a series (WADO-RS) into the user's cache, through src/remote like the CLI.
 *
 * Signals: ::instance-arrived (GFile) for the first instance of a retrieve, so the window shows
 * it at once; ::series-retrieved (GFile folder) when the whole series is in; ::failed (headline,
 * details) for an error to show as the window shows errors; ::done (message) at the end of an
 * upload. */
#pragma once

#include <gtk/gtk.h>

#include "lb-remote-servers.h"

G_BEGIN_DECLS

#define LB_TYPE_REMOTE_BROWSER (lb_remote_browser_get_type ())

G_DECLARE_FINAL_TYPE (LbRemoteBrowser, lb_remote_browser, LB, REMOTE_BROWSER, GtkWidget)

GtkWidget      *lb_remote_browser_new        (GSettings       *settings);
/* The chosen server, or NULL when none is configured. */
LbRemoteServer *lb_remote_browser_get_server (LbRemoteBrowser *self);
/* Stores the files (paths) on the chosen server, with progress; ::done or ::failed at the end. */
void            lb_remote_browser_upload     (LbRemoteBrowser   *self,
                                              const char *const *paths);
/* The folder a series is retrieved into: $XDG_CACHE_HOME/lightbox/remote/STUDY/SERIES. */
char           *lb_remote_browser_cache_dir  (const char        *study_uid,
                                              const char        *series_uid);
/* For tests: the results tree (GtkTreeListModel of LbRemoteNode). */
GListModel     *lb_remote_browser_get_results (LbRemoteBrowser *self);

G_END_DECLS
