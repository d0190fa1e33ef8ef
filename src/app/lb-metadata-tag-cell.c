/* lb-metadata-tag-cell.c: the Tag cell of the tag tree.
 *
 * GTK 4.8 draws a GtkTreeExpander's arrow as an internal widget that AT-SPI shows as a push
 * button named "Expand" with no action, whatever the row's state: a screen reader user found
 * a button that did nothing. (The expander around it has the listitem.* actions and the
 * expanded state.) The arrow gets an "arrow.toggle" action here, and its name follows the
 * state: "Expand" or "Collapse". The arrow is found by its CSS name; a GTK that draws it
 * differently just goes without. */
#include "config.h"

#include <glib/gi18n.h>

#include "lb-metadata-item.h"
#include "lb-metadata-tag-cell.h"

static GtkWidget *
arrow_of (GtkTreeExpander *expander)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (expander)); c;
       c = gtk_widget_get_next_sibling (c))
    if (g_str_equal (gtk_widget_get_css_name (c), "expander"))
      return c;
  return NULL;
}

static void
on_toggle (GSimpleAction   *action,
           GVariant        *parameter,
           GtkTreeExpander *expander)
{
  gtk_widget_activate_action (GTK_WIDGET (expander), "listitem.toggle-expand", NULL);
}

static void
update_arrow (GtkTreeExpander *expander)
{
  GtkTreeListRow *row = gtk_tree_expander_get_list_row (expander);
  GtkWidget *arrow = arrow_of (expander);
  gboolean expanded = row != NULL && gtk_tree_list_row_get_expanded (row);

  if (arrow == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  expanded ? _("Collapse") : _("Expand"), -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
  /* The arrow is made again when a row becomes expandable: give each one the action once. */
  if (g_object_get_data (G_OBJECT (arrow), "lb-arrow-actions") == NULL)
    {
      g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
      g_autoptr (GSimpleAction) toggle = g_simple_action_new ("toggle", NULL);

      g_signal_connect_object (toggle, "activate", G_CALLBACK (on_toggle), expander, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toggle));
      gtk_widget_insert_action_group (arrow, "arrow", G_ACTION_GROUP (group));
      g_object_set_data (G_OBJECT (arrow), "lb-arrow-actions", GINT_TO_POINTER (1));
    }
}

static void
setup (GtkSignalListItemFactory *factory,
       GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *tag = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (tag), 11);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (tag), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), tag);
  gtk_list_item_set_child (list_item, expander);
}

static void
on_expanded (GtkTreeListRow  *row,
             GParamSpec      *pspec,
             GtkTreeExpander *expander)
{
  update_arrow (expander);
}

static void
bind (GtkSignalListItemFactory *factory,
      GtkListItem              *list_item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr (GObject) item = gtk_tree_list_row_get_item (row);
  g_autofree char *tag = NULL;

  g_object_get (item, "tag", &tag, NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_tree_expander_get_child (expander)), tag);
  gtk_widget_set_tooltip_text (gtk_tree_expander_get_child (expander), tag);
  gtk_tree_expander_set_list_row (expander, row);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded), expander, 0);
  update_arrow (expander);
}

static void
unbind (GtkSignalListItemFactory *factory,
        GtkListItem              *list_item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_expanded, expander);
  gtk_tree_expander_set_list_row (expander, NULL);
}

GtkListItemFactory *
lb_metadata_tag_cell_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind), NULL);
  return factory;
}
