/* lb-lazy-menu.c: a menu button whose popover is built when the menu is first opened.
 *
 * Why (bench/README.md, "Start-up at GTK's own cost"): gtk_menu_button_set_menu_model builds
 * the whole GtkPopoverMenu at once, a widget per entry with its style and labels: the header
 * bar's three menus cost 12–25 M instructions each before the first image, and the Window
 * presets menu was built again for every file opened. GtkMenuButton calls its create-popup
 * function each time its menu is about to open: the model is handed over there, once per
 * model. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-lazy-menu.h"

#define MODEL_KEY "lb-lazy-menu-model"

static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  GMenuModel *model = g_object_get_data (G_OBJECT (button), MODEL_KEY);

  if (gtk_menu_button_get_menu_model (button) != model)
    {
      gtk_menu_button_set_menu_model (button, model);
      g_debug ("menu of %s built", gtk_widget_get_name (GTK_WIDGET (button)));
    }
}

void
lb_menu_button_set_menu_model_lazily (GtkMenuButton *button,
                                      GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (model == NULL || G_IS_MENU_MODEL (model));

  g_object_set_data_full (G_OBJECT (button), MODEL_KEY,
                          model != NULL ? g_object_ref (model) : NULL, g_object_unref);
  gtk_menu_button_set_create_popup_func (button, create_popup, NULL, NULL);
}

GMenuModel *
lb_menu_button_get_lazy_menu_model (GtkMenuButton *button)
{
  return g_object_get_data (G_OBJECT (button), MODEL_KEY);
}
