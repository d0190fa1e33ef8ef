/* lb-menu-tooltip.h: a menu button's tooltip kept off its open menu. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* `button` is a GtkMenuButton or an AdwSplitButton (anything with a "popover" property): while
 * its popover is open, its tooltip is hidden and does not come back, so it never covers the
 * menu; it returns when the menu closes. Follows the popover when the menu model changes. */
void lb_menu_button_hide_tooltip_while_open (GtkWidget *button);

G_END_DECLS
