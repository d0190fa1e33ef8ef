/* lb-metadata-view.c: GtkTreeListModel of LbMetadataItem rows → GtkSingleSelection →
 * GtkColumnView. A search rebuilds the root with only matches and their parents, expanded. */
#include "config.h"

#define G_LOG_DOMAIN "lb-metadata-view"

#include <glib/gi18n.h>

#include "lb-metadata-item.h"
#include "lb-metadata-view.h"
#include "lb-paint-log.h"

struct _LbMetadataView
{
  GtkWidget parent_instance;

  GtkSearchEntry *search_entry;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  GtkLabel *summary;

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
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                LbMetadataView  *self)
{
  GtkWidget *popover;
  g_autoptr (GMenu) menu = g_menu_new ();

  g_menu_append (menu, _("Copy _Value"), "metadata.copy-value");
  g_menu_append (menu, _("Copy _Tag"), "metadata.copy-tag");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
lb_metadata_view_dispose (GObject *object)
{
  LbMetadataView *self = LB_METADATA_VIEW (object);

  g_clear_object (&self->document);
  g_clear_object (&self->tree);
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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-metadata-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, selection);
  gtk_widget_class_bind_template_child (widget_class, LbMetadataView, summary);
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
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lb_metadata_view_new (void)
{
  return g_object_new (LB_TYPE_METADATA_VIEW, NULL);
}
