/* lb-metadata-columns.c: the optional columns of the tag tree, remembered in GSettings. */
#include "config.h"

#include <glib/gi18n.h>

#include "lb-metadata-columns.h"

/* Column title (as in the .ui) → the GSettings key that shows it. */
static const struct {
  const char *title;
  const char *key;
} optional_columns[] = {
  { N_("VM"), "tags-show-vm" },
  { N_("Length"), "tags-show-length" },
  { N_("Offset"), "tags-show-offset" },
};

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  return NULL;
}

void
lb_metadata_columns_attach (GtkWidget     *owner,
                            GtkColumnView *view,
                            GSettings     *settings)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GMenu) menu = g_menu_new ();
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < G_N_ELEMENTS (optional_columns); i++)
    {
      const char *key = optional_columns[i].key;
      g_autoptr (GAction) action = g_settings_create_action (settings, key);
      g_autofree char *detailed = g_strconcat ("tags.", key, NULL);
      GtkColumnViewColumn *column = column_titled (view, _(optional_columns[i].title));

      g_action_map_add_action (G_ACTION_MAP (group), action);
      g_menu_append (menu, _(optional_columns[i].title), detailed);
      if (column != NULL)
        g_settings_bind (settings, key, column, "visible", G_SETTINGS_BIND_GET);
    }
  gtk_widget_insert_action_group (owner, "tags", G_ACTION_GROUP (group));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (menu));
    }
}
