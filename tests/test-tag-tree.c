/* test-tag-tree.c: widget tests of the tag tree (issue 10 §1): the keys that open and close
 * rows, the detail line and tooltips that show a long value in full, copying it, the optional
 * columns, and the share of the window the image gets. The clicks themselves are tested as a
 * person makes them in tests/gui/tag-tree-click.sh. Needs an X display; skips without one. */
#include "config.h"

#include <gtk/gtk.h>

#include "lb-application.h"
#include "lb-document.h"
#include "lb-metadata-expand.h"
#include "lb-metadata-item.h"
#include "lb-metadata-view.h"
#include "lb-window.h"
#include "lb-test-files.h"
#include "lb-test-gui.h"
#include "lb-test-document.h"
#include "lb-test-wait.h"

/* pydicom's own test files (python3-pydicom, in tools/deps): its rtplan.dcm has the nested
 * sequences of an RT plan in 2.6 KB. */
#define PYDICOM_TEST_FILES "/usr/lib/python3/dist-packages/pydicom/data/test_files"



/* Group 0004 of a DICOMDIR is named as PS3.3 F.3 names it, not shown as a bare number. */
static void
test_directory_group_name (void)
{
  g_autofree char *path = lb_test_file ("derived/dicomdir/DICOMDIR");
  g_autoptr (LbDocument) doc = load (path);
  g_autoptr (GListStore) root = NULL;
  gboolean seen = FALSE;

  root = lb_metadata_item_build_root (doc, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (root)); i++)
    {
      g_autoptr (LbMetadataItem) item = g_list_model_get_item (G_LIST_MODEL (root), i);

      if (lb_metadata_item_get_group (item) != 0x0004)
        continue;
      g_assert_cmpstr (lb_metadata_item_get_name (item), ==, "Directory Structuring");
      seen = TRUE;
    }
  g_assert_true (seen);
}

/* A tag tree of the file at `path` in a window of the width the tree gets by default. */
static LbMetadataView *
show_tree (const char *path,
           GtkWindow **window)
{
  g_autoptr (LbDocument) doc = load (path);
  LbMetadataView *view = LB_METADATA_VIEW (lb_metadata_view_new ());

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 440, 700);
  gtk_window_set_child (*window, GTK_WIDGET (view));
  gtk_window_present (*window);
  lb_metadata_view_set_document (view, doc);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (*window));
  return view;
}

static LbMetadataItem *
item_at (GListModel *model,
         guint       position)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (model, position);

  return LB_METADATA_ITEM (gtk_tree_list_row_get_item (row));
}

/* The position of the row whose tag is `tag` ("0028", "(0028,0030)"), or G_MAXUINT. */
static guint
find_row (GListModel *model,
          const char *tag)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LbMetadataItem) item = item_at (model, i);

      if (g_strcmp0 (lb_metadata_item_get_tag (item), tag) == 0)
        return i;
    }
  return G_MAXUINT;
}

static GtkTreeListRow *
row_at (GListModel *model,
        guint       position)
{
  g_assert_cmpuint (position, <, g_list_model_get_n_items (model));
  return g_list_model_get_item (model, position);
}

static GtkSingleSelection *
selection_of (LbMetadataView *view)
{
  return GTK_SINGLE_SELECTION (lb_metadata_view_get_model (view));
}

/* Right/+ open, Left/- close, Enter toggles, Left on a closed row selects its parent. */
static void
test_keys (void)
{
  GtkWindow *win;
  g_autofree char *path = lb_test_file ("dicompyler-core/ct.0.dcm");
  LbMetadataView *view = show_tree (path, &win);
  GListModel *model = lb_metadata_view_get_model (view);
  GtkSingleSelection *selection = selection_of (view);
  guint group = find_row (model, "0028");
  g_autoptr (GtkTreeListRow) row = row_at (model, group);

  gtk_single_selection_set_selected (selection, group);
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_Right, 0));
  g_assert_true (gtk_tree_list_row_get_expanded (row));
  g_assert_cmpuint (find_row (model, "(0028,0030)"), !=, G_MAXUINT);
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_minus, 0));
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  g_assert_cmpuint (find_row (model, "(0028,0030)"), ==, G_MAXUINT);
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_KP_Add, 0));
  g_assert_true (gtk_tree_list_row_get_expanded (row));
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_Return, 0));
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_Return, 0));
  g_assert_true (gtk_tree_list_row_get_expanded (row));

  /* From a child, Left goes back to the group; a second Left closes it. */
  gtk_single_selection_set_selected (selection, find_row (model, "(0028,0030)"));
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_Left, 0));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, group);
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_Left, 0));
  g_assert_false (gtk_tree_list_row_get_expanded (row));

  /* Ctrl+key stays the window's (Ctrl+minus zooms out). */
  g_assert_false (lb_metadata_expand_key (selection, GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  gtk_window_destroy (win);
}

/* '*' opens a group of an RT plan with every sequence and item under it. */
static void
test_expand_all (void)
{
  const char *path = PYDICOM_TEST_FILES "/rtplan.dcm";
  GtkWindow *win;
  LbMetadataView *view;
  GListModel *model;
  GtkSingleSelection *selection;
  guint group;
  guint expandable = 0, depth_max = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("pydicom's test files (python3-pydicom, tools/deps) are not installed: "
                   PYDICOM_TEST_FILES "/rtplan.dcm is the RT plan this test opens");
      return;
    }
  view = show_tree (path, &win);
  model = lb_metadata_view_get_model (view);
  selection = selection_of (view);
  group = find_row (model, "300A");
  g_assert_cmpuint (group, !=, G_MAXUINT);
  gtk_single_selection_set_selected (selection, group);
  g_assert_true (lb_metadata_expand_key (selection, GDK_KEY_asterisk, GDK_SHIFT_MASK));
  for (guint i = group + 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkTreeListRow) row = row_at (model, i);

      if (gtk_tree_list_row_get_depth (row) == 0)
        break;
      depth_max = MAX (depth_max, gtk_tree_list_row_get_depth (row));
      if (gtk_tree_list_row_is_expandable (row))
        {
          expandable++;
          g_assert_true (gtk_tree_list_row_get_expanded (row));
        }
    }
  g_test_message ("%u rows opened under 300A, %u levels deep", expandable, depth_max);
  g_assert_cmpuint (expandable, >, 3);
  g_assert_cmpuint (depth_max, >=, 4);  /* element, item, element of the item, its item */
  gtk_window_destroy (win);
}

static GtkWidget *
find_inscription (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_INSCRIPTION (widget)
      && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_inscription (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_text_read (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

/* A value cut in its column is whole in the detail line under the tree, in the cell's tooltip
 * and on the clipboard. */
static void
test_long_value (void)
{
  const char *spacing = "1.074219\\1.074219";
  GtkWindow *win;
  g_autofree char *path = lb_test_file ("dicompyler-core/ct.0.dcm");
  LbMetadataView *view = show_tree (path, &win);
  GListModel *model = lb_metadata_view_get_model (view);
  GtkSingleSelection *selection = selection_of (view);
  g_autoptr (GtkTreeListRow) group = row_at (model, find_row (model, "0028"));
  GtkWidget *cell;
  g_autofree char *copied = NULL;

  g_assert_cmpstr (lb_metadata_view_get_detail (view), ==, "");
  gtk_tree_list_row_set_expanded (group, TRUE);
  gtk_single_selection_set_selected (selection, find_row (model, "(0028,0030)"));
  g_test_message ("detail: %s", lb_metadata_view_get_detail (view));
  g_assert_nonnull (strstr (lb_metadata_view_get_detail (view), "(0028,0030)  Pixel Spacing"));
  g_assert_nonnull (strstr (lb_metadata_view_get_detail (view), "VR DS · VM 2 · length 18"));
  g_assert_true (g_str_has_suffix (lb_metadata_view_get_detail (view), spacing));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (win));
  cell = find_inscription (GTK_WIDGET (view), spacing);
  g_assert_nonnull (cell);
  g_test_message ("value cell %d px wide", gtk_widget_get_width (cell));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==, spacing);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "metadata.copy-value", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL,
                                 on_text_read, &copied);
  lb_test_wait_while (copied == NULL);
  g_assert_cmpstr (copied, ==, spacing);
  gtk_window_destroy (win);
}

static GtkWidget *find_type (GtkWidget *widget, GType type);

/* Whether the column titled `title` is in the tree and visible. */
static gboolean
column_shown (LbMetadataView *view,
              const char     *title)
{
  GtkWidget *w = find_type (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW);
  GListModel *columns;

  g_assert_nonnull (w);
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (w));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return gtk_column_view_column_get_visible (column);
    }
  return FALSE;
}

static GtkColumnViewColumn *
first_column (LbMetadataView *view)
{
  GtkWidget *w = find_type (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW);
  g_autoptr (GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (w)), 0);

  return column;  /* the view keeps it */
}

/* VM, Length and Offset are off by default (the detail line has them) and come back through
 * the header menu's actions, remembered in GSettings. */
static void
test_optional_columns (void)
{
  GtkWindow *win;
  g_autofree char *path = lb_test_file ("dicompyler-core/ct.0.dcm");
  LbMetadataView *view = show_tree (path, &win);
  g_autoptr (GSettings) settings = lb_settings_new ();
  GtkWidget *column_view = find_type (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *list = gtk_widget_get_last_child (column_view);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (column_view));

  g_assert_true (column_shown (view, "Value"));
  g_assert_false (column_shown (view, "VM"));
  g_assert_false (column_shown (view, "Length"));
  g_assert_false (column_shown (view, "Offset"));
  g_assert_nonnull (gtk_column_view_column_get_header_menu (first_column (view)));
  /* The rows fill the tree: the Value column takes the width the others leave. */
  g_test_message ("column view %d px, its list %d px", gtk_widget_get_width (column_view),
                  gtk_widget_get_width (list));
  g_assert_cmpint (gtk_widget_get_width (list), ==, gtk_widget_get_width (column_view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "tags.tags-show-offset", NULL));
  g_assert_true (column_shown (view, "Offset"));
  g_assert_true (g_settings_get_boolean (settings, "tags-show-offset"));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
  g_settings_reset (settings, "tags-show-offset");
  g_assert_false (column_shown (view, "Offset"));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 4);
  gtk_window_destroy (win);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static LbWindow *
open_main_window (LbApplication *app)
{
  g_autofree char *path = lb_test_file ("dicompyler-core/ct.0.dcm");
  LbWindow *win = lb_test_open_window (app, path, 0, 0);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (win));
  return win;
}

/* At the default 1280x800 the image is the widest pane; a tree width the user sets by
 * dragging the divider is the width of the next window. */
static void
test_pane_widths (void)
{
  g_autoptr (LbApplication) app = lb_application_new ();
  g_autoptr (GSettings) settings = lb_settings_new ();
  LbWindow *win;
  GtkWidget *canvas, *tree, *browser;
  GtkPaned *paned;
  int tree_width;

  g_application_register (G_APPLICATION (app), NULL, NULL);
  win = open_main_window (app);
  canvas = lb_window_get_canvas (win);
  tree = find_type (GTK_WIDGET (win), LB_TYPE_METADATA_VIEW);
  browser = gtk_paned_get_start_child (GTK_PANED (find_type (GTK_WIDGET (win), GTK_TYPE_PANED)));
  g_test_message ("window %d, browser %d, image %d, tags %d", gtk_widget_get_width (GTK_WIDGET (win)),
                  gtk_widget_get_width (browser), gtk_widget_get_width (canvas),
                  gtk_widget_get_width (tree));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (win)), >=, 1260);  /* 1280 less the frame */
  g_assert_cmpint (gtk_widget_get_width (canvas), >, gtk_widget_get_width (tree));
  g_assert_cmpint (gtk_widget_get_width (canvas), >, gtk_widget_get_width (browser));
  g_assert_cmpint (gtk_widget_get_width (canvas), >=, gtk_widget_get_width (GTK_WIDGET (win)) * 48 / 100);

  /* Drag the divider 100 px to the left (as its position), close, open again. */
  paned = GTK_PANED (gtk_widget_get_parent (tree));
  gtk_paned_set_position (paned, gtk_paned_get_position (paned) - 100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (win));
  tree_width = gtk_widget_get_width (tree);
  g_assert_cmpint (tree_width, >, 500);
  gtk_window_close (GTK_WINDOW (win));
  g_assert_cmpint (g_settings_get_int (settings, "metadata-width"), ==, tree_width);

  win = open_main_window (app);
  tree = find_type (GTK_WIDGET (win), LB_TYPE_METADATA_VIEW);
  g_test_message ("tags %d after reopening (saved %d)", gtk_widget_get_width (tree), tree_width);
  g_assert_cmpint (ABS (gtk_widget_get_width (tree) - tree_width), <=, 2);
  gtk_window_destroy (GTK_WINDOW (win));
  g_settings_reset (settings, "metadata-width");
}

int
main (int   argc,
      char *argv[])
{
  if (!lb_test_have_display ())
    return 0;
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tag-tree/keys", test_keys);
  g_test_add_func ("/tag-tree/expand-all", test_expand_all);
  g_test_add_func ("/tag-tree/long-value", test_long_value);
  g_test_add_func ("/tag-tree/optional-columns", test_optional_columns);
  g_test_add_func ("/tag-tree/pane-widths", test_pane_widths);
  g_test_add_func ("/tag-tree/directory-group-name", test_directory_group_name);
  return g_test_run ();
}
