/* lb-metadata-columns.h: which columns of the tag tree are shown. Tag, Name, VR and Value
 * always; VM, Length and Offset when asked for (the detail line under the tree shows them for
 * the selected row anyway), so that the tree leaves the image most of the window. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows the optional columns that GSettings asks for (and follows its changes), and gives
 * every column header a menu that switches them (actions installed on `owner` as "tags.*"). */
void lb_metadata_columns_attach (GtkWidget     *owner,
                                 GtkColumnView *view,
                                 GSettings     *settings);

G_END_DECLS
