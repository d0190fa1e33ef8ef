/* lb-metadata-tag-cell.h: the Tag cell of the tag tree: a GtkTreeExpander (the arrow) and the
 * tag, with the arrow usable through AT-SPI. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkListItemFactory *lb_metadata_tag_cell_factory_new (void);

G_END_DECLS
