/* lb-metadata-columns.c: the optional columns of the tag tree, remembered in GSettings.
 * A hidden column is taken out of the column view rather than made invisible: GTK 4.8's
 * column view still counts invisible columns in its rows' width, so with them the rows were
 * 154 px wider than the view and the Value column never got the view's spare width. */
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

typedef struct {
  GtkColumnView *view;
  GSettings *settings;
  GPtrArray *all_columns;          /* every column in the .ui's order */
} Columns;

static void
columns_free (gpointer data)
{
  Columns *columns = data;

  g_signal_handlers_disconnect_by_data (columns->settings, columns);
  g_object_unref (columns->settings);
  g_ptr_array_unref (columns->all_columns);
  g_free (columns);
}

static const char *
key_of (GtkColumnViewColumn *column)
{
  const char *title = gtk_column_view_column_get_title (column);

  for (guint i = 0; i < G_N_ELEMENTS (optional_columns); i++)
    if (g_strcmp0 (title, _(optional_columns[i].title)) == 0)
      return optional_columns[i].key;
  return NULL;
}

/* Puts into the view exactly the columns that are always shown or switched on, in order. */
static void
sync_columns (Columns *columns)
{
  GListModel *shown = gtk_column_view_get_columns (columns->view);
  guint position = 0;

  for (guint i = 0; i < columns->all_columns->len; i++)
    {
      GtkColumnViewColumn *column = g_ptr_array_index (columns->all_columns, i);
      const char *key = key_of (column);
      gboolean wanted = key == NULL || g_settings_get_boolean (columns->settings, key);
      g_autoptr (GtkColumnViewColumn) there = g_list_model_get_item (shown, position);

      if (wanted && there != column)
        gtk_column_view_insert_column (columns->view, position, column);
      else if (!wanted && there == column)
        gtk_column_view_remove_column (columns->view, column);
      if (wanted)
        position++;
    }
}

static void
on_setting_changed (GSettings  *settings,
                    const char *key,
                    Columns    *columns)
{
  sync_columns (columns);
}

void
lb_metadata_columns_attach (GtkWidget     *owner,
                            GtkColumnView *view,
                            GSettings     *settings)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GMenu) menu = g_menu_new ();
  GListModel *model = gtk_column_view_get_columns (view);
  Columns *columns = g_new0 (Columns, 1);

  columns->view = view;
  columns->settings = g_object_ref (settings);
  columns->all_columns = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (columns->all_columns, g_list_model_get_item (model, i));

  for (guint i = 0; i < G_N_ELEMENTS (optional_columns); i++)
    {
      const char *key = optional_columns[i].key;
      g_autoptr (GAction) action = g_settings_create_action (settings, key);
      g_autofree char *detailed = g_strconcat ("tags.", key, NULL);
      g_autofree char *signal = g_strconcat ("changed::", key, NULL);

      g_action_map_add_action (G_ACTION_MAP (group), action);
      g_menu_append (menu, _(optional_columns[i].title), detailed);
      g_signal_connect (settings, signal, G_CALLBACK (on_setting_changed), columns);
    }
  /* The state lives as long as the column view; freeing it disconnects the handlers. */
  g_object_set_data_full (G_OBJECT (view), "lb-columns", columns, columns_free);
  gtk_widget_insert_action_group (owner, "tags", G_ACTION_GROUP (group));
  for (guint i = 0; i < columns->all_columns->len; i++)
    gtk_column_view_column_set_header_menu (g_ptr_array_index (columns->all_columns, i),
                                            G_MENU_MODEL (menu));
  sync_columns (columns);
}
