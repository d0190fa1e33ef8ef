/* lb-menu-tooltip.c: a menu button's tooltip kept off its open menu. GTK 4.8 shows the tooltip
 * of a menu button under a resting pointer even while the button's popover is open, and the
 * tooltip is drawn above the popover: "Window Presets" covered the first presets. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-menu-tooltip.h"

static void
on_popover_visible (GtkWidget  *popover,
                    GParamSpec *pspec,
                    GtkWidget  *button)
{
  gboolean open = gtk_widget_get_visible (popover);

  /* A tooltip on screen went with the click that opened the menu; this keeps it from coming
   * back under the resting pointer. (gtk_widget_trigger_tooltip_query is not called: with the
   * pointer outside every surface GTK 4.8 asserts in gdk_surface_get_device_position.) */
  gtk_widget_set_has_tooltip (button, !open);
  g_debug ("menu %s, tooltip %s", open ? "open" : "closed", open ? "hidden" : "back");
}

static void
on_popover_changed (GtkWidget  *button,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  g_autoptr (GtkWidget) popover = NULL;

  g_object_get (button, "popover", &popover, NULL);
  /* gtk_menu_button_set_menu_model builds a new popover each time: follow the new one. */
  if (popover != NULL && g_object_get_data (G_OBJECT (popover), "lb-tooltip-hooked") == NULL)
    {
      g_object_set_data (G_OBJECT (popover), "lb-tooltip-hooked", GINT_TO_POINTER (1));
      g_signal_connect_object (popover, "notify::visible", G_CALLBACK (on_popover_visible),
                               button, 0);
    }
}

void
lb_menu_button_hide_tooltip_while_open (GtkWidget *button)
{
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (button), "popover"));

  g_signal_connect (button, "notify::popover", G_CALLBACK (on_popover_changed), NULL);
  on_popover_changed (button, NULL, NULL);
}
