/* lb-window-tools.c: the window's side of the measurement tools: the tool choice (header bar
 * toggles and keys, the "tools.select" action), Delete, and the measurements list with Copy. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-image-canvas-tools.h"
#include "lb-window-private.h"

static void
select_tool (GSimpleAction *action,
             GVariant      *state,
             gpointer       user_data)
{
  LbWindow *self = user_data;
  LbTool tool;

  if (!lb_tool_from_name (g_variant_get_string (state, NULL), &tool))
    return;
  g_simple_action_set_state (action, state);
  lb_tool_layer_set_tool (self->tools, tool);
}

static void
delete_measurement (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LbWindow *self = user_data;

  lb_tool_layer_delete_selected (self->tools);
}

static void
copy_measurements (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  LbWindow *self = user_data;
  g_autofree char *table = lb_tool_layer_dup_table (self->tools);
  guint lines = 0;

  for (const char *p = table; *p != '\0'; p++)
    lines += *p == '\n';
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), table);
  g_debug ("measurements copied: %u lines", lines);
}

/* The list is made afresh each time it opens: numbers change while shapes are edited. */
static void
fill_list (LbWindow *self)
{
  GListModel *model = lb_tool_layer_get_measurements (self->tools);
  guint n = g_list_model_get_n_items (model);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->measurements_list))) != NULL)
    gtk_list_box_remove (self->measurements_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbMeasurement) m = g_list_model_get_item (model, i);
      g_autofree char *row = NULL;
      g_auto (GStrv) cells = NULL;
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (!lb_measurement_is_complete (m))
        continue;
      row = lb_measurement_dup_row (m);
      cells = g_strsplit (row, "\t", 3);
      text = g_strdup_printf ("%s — %s\n%s", cells[0], cells[1], lb_measurement_get_label (m));
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_append (self->measurements_list, label);
    }
  if (n == 0)
    gtk_list_box_append (self->measurements_list,
                         gtk_label_new (_("No measurements: choose a tool and drag on the image")));
}

static void
on_measurements_shown (GtkWidget *popover,
                       LbWindow  *self)
{
  fill_list (self);
}

void
lb_window_tools_init (LbWindow *self)
{
  static const GActionEntry entries[] = {
    { "select", NULL, "s", "'pointer'", select_tool, { 0 } },
    { "delete", delete_measurement, NULL, NULL, NULL, { 0 } },
    { "copy", copy_measurements, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();

  self->tools = lb_tool_layer_new ();
  lb_image_canvas_set_tool_layer (self->canvas, self->tools);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "tools", G_ACTION_GROUP (group));
  g_signal_connect_object (gtk_menu_button_get_popover (self->measurements_button), "show",
                           G_CALLBACK (on_measurements_shown), self, 0);
}

void
lb_window_tools_class_init (GtkWidgetClass *wc)
{
  /* Letters free of the view's keys (a, w, i, f, r, h, o are taken). */
  static const struct { guint key; const char *tool; } keys[] = {
    { GDK_KEY_p, "pointer" }, { GDK_KEY_d, "distance" }, { GDK_KEY_b, "rectangle" },
    { GDK_KEY_e, "ellipse" }, { GDK_KEY_n, "angle" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (wc, keys[i].key, 0, "tools.select", "s", keys[i].tool);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Delete, 0, "tools.delete", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_Delete, 0, "tools.delete", NULL);
}
