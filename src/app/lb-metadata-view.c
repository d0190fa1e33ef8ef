/* lb-metadata-view.c: GtkTreeListModel of LbMetadataItem rows → GtkSingleSelection →
 * GtkColumnView. A search rebuilds the root with only matches and their parents, expanded. */
#include "config.h"

#define G_LOG_DOMAIN "lb-metadata-view"

#include <glib/gi18n.h>

#include "lb-application.h"
#include "lb-element-bytes.h"
#include "lb-metadata-columns.h"
#include "lb-metadata-expand.h"
#include "lb-metadata-item.h"
#include "lb-metadata-tag-cell.h"
#include "lb-metadata-view.h"
#include "lb-modality-summary.h"
#include "lb-paint-log.h"

struct _LbMetadataView
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkColumnView *column_view;
  GtkColumnViewColumn *tag_column;
  GtkSingleSelection *selection;
  GtkLabel *summary;
  GtkLabel *detail;
  LbElementBytes *element_bytes;
  LbModalitySummary *modality_summary;
  GSettings *settings;

  LbDocument *document;
  GtkTreeListModel *tree;
};

G_DEFINE_FINAL_TYPE (LbMetadataView, lb_metadata_view, GTK_TYPE_WIDGET)

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  return lb_metadata_item_get_children (LB_METADATA_ITEM (item));
}

static void
rebuild (LbMetadataView *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean searching = search != NULL && *search != '\0';
  GListStore *root;

  if (self->document == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->tree);
      gtk_label_set_text (self->summary, "");
      return;
    }
  root = lb_metadata_item_build_root (self->document, search);
  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (root), FALSE, searching, create_children,
                                        NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
  if (searching && g_list_model_get_n_items (G_LIST_MODEL (root)) == 0)
    gtk_label_set_text (self->summary, _("No matching tags"));
  else
    {
      const LbDicomFile *dicom = lb_document_get_dicom (self->document);
      const char *uid = dicom != NULL ? lb_dicom_file_get_transfer_syntax (dicom) : NULL;
      const char *ts = uid != NULL ? lb_dicom_transfer_syntax_name (uid) : NULL;

      gtk_label_set_text (self->summary, ts != NULL ? ts : (uid != NULL ? uid : ""));
    }
}

void
lb_metadata_view_set_document (LbMetadataView *self,
                               LbDocument     *document)
{
  g_return_if_fail (LB_IS_METADATA_VIEW (self));

  if (!g_set_object (&self->document, document))
    return;
  rebuild (self);
  lb_modality_summary_set_document (self->modality_summary, document);
  /* For the GUI tests (G_MESSAGES_DEBUG=lb-metadata-view): the rows are on screen. */
  if (self->document != NULL && lb_paint_log_enabled (G_LOG_DOMAIN))
    {
      g_autofree char *name = g_file_get_basename (lb_document_get_file (self->document));
      g_autofree char *text = g_strdup_printf ("tags of %s", name);
      lb_paint_log_note (GTK_WIDGET (self), G_LOG_DOMAIN, text);
    }
}

void
lb_metadata_view_set_search (LbMetadataView *self,
                             const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  rebuild (self);
}

void
lb_metadata_view_focus_search (LbMetadataView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GListModel *
lb_metadata_view_get_model (LbMetadataView *self)
{
  return G_LIST_MODEL (self->selection);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   LbMetadataView *self)
{
  rebuild (self);
}

static LbMetadataItem *
selected_item (LbMetadataView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return NULL;
  return LB_METADATA_ITEM (gtk_tree_list_row_get_item (row));
}

/* The detail line: the selected row's tag, name, VR, VM, length and offset, then its value
 * in full (wrapped), which its cell cuts at the column's width. */
static char *
describe_item (LbMetadataItem *item)
{
  g_autofree char *vr = NULL, *vm = NULL, *length = NULL, *offset = NULL;
  const char *value = lb_metadata_item_get_value (item);

  g_object_get (item, "vr", &vr, "vm", &vm, "length", &length, "offset", &offset, NULL);
  if (lb_metadata_item_get_kind (item) != LB_METADATA_ITEM_ELEMENT)
    /* Translators: the detail line of a group or sequence item row: tag, name, element count */
    return g_strdup_printf (_("%s  %s — %s"), lb_metadata_item_get_tag (item),
                            lb_metadata_item_get_name (item), value != NULL ? value : "");
  /* Translators: the detail line of the selected tag: tag, name, then VR, VM, length in bytes
   * and offset in the file, then the whole value on the next line */
  return g_strdup_printf (_("%s  %s\nVR %s · VM %s · length %s · offset %s\n%s"),
                          lb_metadata_item_get_tag (item), lb_metadata_item_get_name (item),
                          vr, vm, length, offset, value != NULL ? value : "");
}

static void
on_selected_item_changed (LbMetadataView *self)
{
  g_autoptr (LbMetadataItem) item = selected_item (self);
  g_autofree char *text = item != NULL ? describe_item (item) : NULL;

  gtk_label_set_text (self->detail, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), text != NULL);
  lb_element_bytes_set_element (self->element_bytes, self->document,
                                item != NULL ? lb_metadata_item_get_element (item) : NULL);
}

GtkWidget *
lb_metadata_view_get_element_bytes (LbMetadataView *self)
{
  return GTK_WIDGET (self->element_bytes);
}

GtkWidget *
lb_metadata_view_get_modality_summary (LbMetadataView *self)
{
  return GTK_WIDGET (self->modality_summary);
}

const char *
lb_metadata_view_get_detail (LbMetadataView *self)
{
  return gtk_label_get_text (self->detail);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LbMetadataView *self = LB_METADATA_VIEW (widget);
  g_autoptr (LbMetadataItem) item = selected_item (self);
  const char *text;

  if (item == NULL)
    return;
  if (g_str_equal (action_name, "metadata.copy-tag"))
    text = lb_metadata_item_get_tag (item);
  else
    text = lb_metadata_item_get_value (item);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text != NULL ? text : "");
  g_debug ("copied %s", text != NULL ? text : "");
}

/* The widget named `css_name` that holds `widget` inside the column view, or NULL. */
static GtkWidget *
enclosing (GtkWidget  *widget,
           GtkWidget  *view,
           const char *css_name)
{
  for (; widget != NULL && widget != view; widget = gtk_widget_get_parent (widget))
    if (g_str_equal (gtk_widget_get_css_name (widget), css_name))
      return widget;
  return NULL;
}

static GtkTreeExpander *
find_expander (GtkWidget *widget)
{
  if (GTK_IS_TREE_EXPANDER (widget))
    return GTK_TREE_EXPANDER (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkTreeExpander *found = find_expander (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A right-click on a row selects it first, so that the menu copies what was clicked. The
 * row's GtkTreeExpander (in the Tag cell) knows which row of the model it shows. */
static void
select_row_at (LbMetadataView *self,
               GtkWidget      *picked)
{
  GtkWidget *row = enclosing (picked, GTK_WIDGET (self->column_view), "row");
  GtkTreeExpander *expander = row != NULL ? find_expander (row) : NULL;
  GtkTreeListRow *list_row = expander != NULL ? gtk_tree_expander_get_list_row (expander) : NULL;

  if (list_row != NULL)
    gtk_single_selection_set_selected (self->selection, gtk_tree_list_row_get_position (list_row));
}

static void
unparent_menu (gpointer popover)
{
  gtk_widget_unparent (popover);
  g_object_unref (popover);
}

/* A popover menu closes before it activates the chosen item's action, and the action is
 * looked up from the popover's parent: unparenting it right away lost every choice. */
static void
on_menu_closed (GtkPopover *popover)
{
  g_idle_add_once (unparent_menu, g_object_ref (popover));
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                LbMetadataView  *self)
{
  GtkWidget *view = GTK_WIDGET (self->column_view);
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  GtkWidget *popover;
  g_autoptr (GMenu) menu = g_menu_new ();

  /* The column headers have their own menu (the optional columns). */
  if (enclosing (picked, view, "header") != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  select_row_at (self, picked);
  gtk_widget_translate_coordinates (view, GTK_WIDGET (self), x, y, &x, &y);

  g_menu_append (menu, _("Copy _Value"), "metadata.copy-value");
  g_menu_append (menu, _("Copy _Tag"), "metadata.copy-tag");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  g_signal_connect (popover, "closed", G_CALLBACK (on_menu_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
lb_metadata_view_dispose (GObject *object)
{
  LbMetadataView *self = LB_METADATA_VIEW (object);

  g_clear_object (&self->document);
  g_clear_object (&self->tree);
  g_clear_object (&self->settings);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_METADATA_VIEW);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_metadata_view_parent_class)->dispose (object);
}

static void
lb_metadata_view_class_init (LbMetadataViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_metadata_view_dispose;

  g_type_ensure (LB_TYPE_METADATA_ITEM);
  g_type_ensure (LB_TYPE_ELEMENT_BYTES);
  g_type_ensure (LB_TYPE_MODALITY_SUMMARY);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-metadata-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, tag_column);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, selection);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, summary);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, detail);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, element_bytes);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, modality_summary);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_right_click);

  gtk_widget_class_install_action (widget_class, "metadata.copy-value", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "metadata.copy-tag", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "metadata.copy-value", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "metadata.copy-tag", NULL);
}

static void
lb_metadata_view_init (LbMetadataView *self)
{
  g_autoptr (GtkListItemFactory) tag_factory = lb_metadata_tag_cell_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_column_view_column_set_factory (self->tag_column, tag_factory);
  lb_metadata_expand_attach (self->column_view);
  self->settings = lb_settings_new ();
  lb_metadata_columns_attach (GTK_WIDGET (self), self->column_view, self->settings);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
  on_selected_item_changed (self);
}

GtkWidget *
lb_metadata_view_new (void)
{
  return g_object_new (LB_TYPE_METADATA_VIEW, NULL);
}
