/* lb-metadata-expand.c: opening and closing rows of the tag tree by mouse and keyboard. */
#include "config.h"

#define G_LOG_DOMAIN "lb-metadata-view"

#include "lb-metadata-expand.h"

static GtkTreeListRow *
selected_row (GtkSingleSelection *selection)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  return GTK_IS_TREE_LIST_ROW (item) ? GTK_TREE_LIST_ROW (item) : NULL;
}

static void
set_expanded (GtkTreeListRow *row,
              gboolean        expanded)
{
  if (!gtk_tree_list_row_is_expandable (row)
      || gtk_tree_list_row_get_expanded (row) == expanded)
    return;
  gtk_tree_list_row_set_expanded (row, expanded);
  /* The GUI tests wait for this line. */
  g_debug ("%s row %u", expanded ? "expanded" : "collapsed", gtk_tree_list_row_get_position (row));
}

void
lb_metadata_expand_all (GtkTreeListRow *row)
{
  GListModel *children;

  set_expanded (row, TRUE);
  children = gtk_tree_list_row_get_children (row);
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (GtkTreeListRow) child = gtk_tree_list_row_get_child_row (row, i);

      if (child != NULL)
        lb_metadata_expand_all (child);
    }
}

/* Left on a row that is closed (or has no children) moves to its parent, as in a file tree. */
static void
select_parent (GtkSingleSelection *selection,
               GtkTreeListRow     *row)
{
  g_autoptr (GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

  if (parent != NULL)
    gtk_single_selection_set_selected (selection, gtk_tree_list_row_get_position (parent));
}

gboolean
lb_metadata_expand_key (GtkSingleSelection *selection,
                        guint               keyval,
                        GdkModifierType     state)
{
  GtkTreeListRow *row = selected_row (selection);

  /* Shift stays allowed: '*' and '+' are shifted keys on many layouts. */
  if (row == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
    case GDK_KEY_plus: case GDK_KEY_KP_Add:
      set_expanded (row, TRUE);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      if (gtk_tree_list_row_get_expanded (row))
        set_expanded (row, FALSE);
      else
        select_parent (selection, row);
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      set_expanded (row, FALSE);
      return TRUE;
    case GDK_KEY_asterisk: case GDK_KEY_KP_Multiply:
      lb_metadata_expand_all (row);
      return TRUE;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      set_expanded (row, !gtk_tree_list_row_get_expanded (row));
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkColumnView         *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  return GTK_IS_SINGLE_SELECTION (model)
         && lb_metadata_expand_key (GTK_SINGLE_SELECTION (model), keyval, state);
}

/* GtkColumnView emits ::activate on a double-click on a row. */
static void
on_activate (GtkColumnView *view,
             guint          position,
             gpointer       user_data)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr (GObject) item = g_list_model_get_item (model, position);

  if (GTK_IS_TREE_LIST_ROW (item))
    set_expanded (GTK_TREE_LIST_ROW (item),
                  !gtk_tree_list_row_get_expanded (GTK_TREE_LIST_ROW (item)));
}

void
lb_metadata_expand_attach (GtkColumnView *view)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Capture: the list's own bindings would take Left/Right/Enter first. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), view);
  gtk_widget_add_controller (GTK_WIDGET (view), keys);
  g_signal_connect (view, "activate", G_CALLBACK (on_activate), NULL);
}
