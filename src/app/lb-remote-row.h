/* lb-remote-row.h: the rows of the Remote place's results: an expander, the node's title and,
 * dimmed under it, its detail line; patients in bold. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For a GtkListView over a GtkTreeListModel of LbRemoteNode. */
GtkListItemFactory *lb_remote_row_factory_new (void);

G_END_DECLS
