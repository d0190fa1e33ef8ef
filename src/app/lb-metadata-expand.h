/* lb-metadata-expand.h: opening and closing rows of the tag tree by mouse and keyboard.
 * GtkTreeExpander alone offers only a click on its arrow and Shift+Right/Left, +/-, * while
 * the expander itself has the focus, which in a GtkColumnView it never does: the row has it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Double-click or Enter on a row toggles it; Right/+ open, Left/- close (Left on a closed row
 * goes to its parent), * opens the row and everything under it. */
void     lb_metadata_expand_attach (GtkColumnView      *view);

/* What a key does to the selected row of `selection` (a GtkSingleSelection of a
 * GtkTreeListModel); TRUE when the key was used. */
gboolean lb_metadata_expand_key    (GtkSingleSelection *selection,
                                    guint               keyval,
                                    GdkModifierType     state);

/* Opens `row` and, recursively, every row under it. */
void     lb_metadata_expand_all    (GtkTreeListRow     *row);

G_END_DECLS
