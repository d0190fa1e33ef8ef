/* lb-lazy-menu.h: a menu button whose popover is built when the menu is first opened. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* `button` opens `model` (it takes a reference): the same as gtk_menu_button_set_menu_model,
 * except that the popover is built when the menu opens, not now, and built again only when the
 * model changed since. Until then the button has no popover. Call again to change the model. */
void        lb_menu_button_set_menu_model_lazily (GtkMenuButton *button,
                                                  GMenuModel    *model);

/* The model given last, whether its popover was built yet or not. */
GMenuModel *lb_menu_button_get_lazy_menu_model   (GtkMenuButton *button);

G_END_DECLS
