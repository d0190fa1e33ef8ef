/* lb-preferences.c: every row is bound to a GSettings key; nothing to apply or save. */
#include "config.h"

#define G_LOG_DOMAIN "lb-preferences"

#include <glib/gi18n.h>

#include "lb-preferences.h"
#ifdef LB_HAVE_REMOTE
#include "lb-app-module.h"
#endif

struct _LbPreferences
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  AdwComboRow *drag_direction_row;
  GtkSwitch *dark_switch;
  GtkSwitch *overlay_switch;
  GtkSwitch *histogram_switch;
  GtkSwitch *log_switch;
  GtkSwitch *invert_switch;
  GtkSpinButton *presentation_text_spin;
  GtkSpinButton *cache_spin;
};

G_DEFINE_FINAL_TYPE (LbPreferences, lb_preferences, ADW_TYPE_PREFERENCES_WINDOW)

#ifdef LB_HAVE_REMOTE
/* Preferences ▸ Remote, from the module lightbox-remote (the keyring); when it cannot be
 * loaded, a page of the same name that says why. */
static void
add_remote_page (LbPreferences *self,
                 GSettings     *settings)
{
  g_autoptr (GError) error = NULL;
  const LbRemoteModule *remote = lb_app_module_remote (&error);
  GtkWidget *page;

  if (remote != NULL)
    page = remote->servers_page_new (settings);
  else
    {
      GtkWidget *group = adw_preferences_group_new ();

      page = adw_preferences_page_new ();
      adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Remote"));
      adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "network-server-symbolic");
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       _("Remote Servers Unavailable"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), error->message);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}
#endif

static gboolean
enum_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "inverted") ? 1 : 0);
  return TRUE;
}

static GVariant *
index_to_enum (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "inverted" : "standard");
}

static void
lb_preferences_dispose (GObject *object)
{
  LbPreferences *self = LB_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lb_preferences_parent_class)->dispose (object);
}

static void
lb_preferences_class_init (LbPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_preferences_dispose;
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, drag_direction_row);
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, dark_switch);
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, overlay_switch);
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, histogram_switch);
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, log_switch);
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, invert_switch);
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, presentation_text_spin);
  gtk_widget_class_bind_template_child (widget_class, LbPreferences, cache_spin);
}

static void
lb_preferences_init (LbPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lb_preferences_new (GSettings *settings)
{
  LbPreferences *self = g_object_new (LB_TYPE_PREFERENCES, NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "drag-direction", self->drag_direction_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_to_index, index_to_enum, NULL, NULL);
  g_settings_bind (settings, "dark-theme", self->dark_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-overlay", self->overlay_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-histogram", self->histogram_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "histogram-log", self->log_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "invert", self->invert_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "presentation-text-size", self->presentation_text_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "frame-cache-mb", gtk_spin_button_get_adjustment (self->cache_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
#ifdef LB_HAVE_REMOTE
  add_remote_page (self, settings);
#endif
  return GTK_WIDGET (self);
}
