/* lb-application.c: AdwApplication subclass: startup (actions, accelerators, dark style),
 * activate/open (one window, files handed over), About. */
#include "config.h"

#define G_LOG_DOMAIN "lb-application"

#include <glib/gi18n.h>

#include "lb-application.h"
#include "lb-preferences.h"
#include "lb-style-once.h"
#include "lb-window.h"

struct _LbApplication
{
  AdwApplication parent_instance;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (LbApplication, lb_application, ADW_TYPE_APPLICATION)

extern GResource *lb_get_resource (void);

/* Build-tree fallbacks, compiled in by src/app/meson.build, so `./build/src/app/lightbox` works
 * without installing and without environment variables. */
#ifndef LB_BUILD_SCHEMA_DIR
#define LB_BUILD_SCHEMA_DIR ""
#endif
#ifndef LB_SOURCE_SAMPLES_DIR
#define LB_SOURCE_SAMPLES_DIR ""
#endif
#ifndef LB_BUILD_LOCALE_DIR
#define LB_BUILD_LOCALE_DIR ""
#endif

/* The app's settings, or NULL when the schema is not installed (nor in the build tree). */
GSettings *
lb_settings_try_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaSource) build_source = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL && LB_BUILD_SCHEMA_DIR[0] != '\0')
    {
      build_source = g_settings_schema_source_new_from_directory (LB_BUILD_SCHEMA_DIR, source,
                                                                  FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
    }
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

GSettings *
lb_settings_new (void)
{
  GSettings *settings = lb_settings_try_new ();

  if (settings == NULL)
    g_error ("GSettings schema %s is not installed", APP_ID);
  return settings;
}

const char *
lb_application_get_locale_dir (void)
{
  const char *dir = g_getenv ("LIGHTBOX_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  /* Uninstalled: the build tree's po/ holds <lang>/LC_MESSAGES/lightbox.mo. */
  if (LB_BUILD_LOCALE_DIR[0] != '\0'
      && !g_file_test (LOCALEDIR "/ko/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS)
      && g_file_test (LB_BUILD_LOCALE_DIR, G_FILE_TEST_IS_DIR))
    return LB_BUILD_LOCALE_DIR;
  return LOCALEDIR;
}

/* The bundled sample series: $LIGHTBOX_SAMPLES_DIR, the installed copy, then the source tree. */
char *
lb_application_find_samples (void)
{
  const char *env = g_getenv ("LIGHTBOX_SAMPLES_DIR");
  const char *candidates[3];
  guint n = 0;

  if (env != NULL && *env != '\0')
    candidates[n++] = env;
  candidates[n++] = PKGDATADIR "/samples";
  candidates[n++] = LB_SOURCE_SAMPLES_DIR;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *phantom = NULL;

      if (candidates[i][0] == '\0')
        continue;
      phantom = g_build_filename (candidates[i], "phantom", NULL);
      if (g_file_test (phantom, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&phantom);
    }
  return NULL;
}

GSettings *
lb_application_get_settings (LbApplication *self)
{
  g_return_val_if_fail (LB_IS_APPLICATION (self), NULL);
  return self->settings;
}

static LbWindow *
get_window (LbApplication *self)
{
  GtkWindow *win = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (win == NULL)
    win = GTK_WINDOW (lb_window_new (self));
  return LB_WINDOW (win);
}

static void
lb_application_activate (GApplication *app)
{
  LbApplication *self = LB_APPLICATION (app);
  gboolean is_new = gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL;
  LbWindow *win = get_window (self);

  if (is_new)
    {
      g_autofree char *samples = lb_application_find_samples ();

      if (samples != NULL)
        {
          g_autoptr (GFile) dir = g_file_new_for_path (samples);
          lb_window_open_files (win, &dir, 1);
        }
      else
        lb_window_show_empty (win);
    }
  gtk_window_present (GTK_WINDOW (win));
}

static void
lb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  LbWindow *win = get_window (LB_APPLICATION (app));

  lb_window_open_files (win, files, n_files);
  gtk_window_present (GTK_WINDOW (win));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Lightbox developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Lightbox"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Lightbox developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("A DICOM viewer for medical-imaging classes"),
                        "website", "https://github.com/lightboxviewer/lightbox",
                        "issue-url", "https://github.com/lightboxviewer/lightbox/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LbApplication *self = LB_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *prefs = GTK_WINDOW (lb_preferences_new (self->settings));

  gtk_window_set_transient_for (prefs, parent);
  gtk_window_present (prefs);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Destroying the windows lets them save their size first. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;
      gtk_window_destroy (GTK_WINDOW (l->data));
      l = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
update_color_scheme (LbApplication *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, g_settings_get_boolean (self->settings, "dark-theme")
                                               ? ADW_COLOR_SCHEME_PREFER_DARK
                                               : ADW_COLOR_SCHEME_DEFAULT);
}

/* ui/style.css, which AdwApplication would load from a resource base path; the application
 * sets none, as GtkApplication would then add its icons to the icon theme once GTK has begun
 * loading it, and GTK would load the theme again (lb-style-once.c). */
static void
load_app_style (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/io/github/lightboxviewer/Lightbox/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
lb_application_startup (GApplication *app)
{
  LbApplication *self = LB_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-folder", { "<Control><Shift>o", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.anonymize", { "<Control><Shift>a", NULL } },
    { "win.export-series", { "<Control><Shift>e", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.toggle-metadata", { "F10", NULL } },
    { "win.toggle-histogram", { "<Control>h", NULL } },
    { "win.search-tags", { "<Control>f", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.pipeline-view", { "F4", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (lb_application_parent_class)->startup (app);
  /* After adw_init(), before any widget: see lb-style-once.c. */
  lb_style_once_load ();
  load_app_style ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);

  self->settings = lb_settings_new ();
  g_signal_connect_object (self->settings, "changed::dark-theme",
                           G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);
  update_color_scheme (self);
}

static int
lb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("lightbox %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
lb_application_finalize (GObject *object)
{
  LbApplication *self = LB_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lb_application_parent_class)->finalize (object);
}

static void
lb_application_class_init (LbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lb_application_finalize;
  app_class->startup = lb_application_startup;
  app_class->activate = lb_application_activate;
  app_class->open = lb_application_open;
  app_class->handle_local_options = lb_application_handle_local_options;

  /* The resources live in the static library; referencing them keeps them linked in. */
  (void) lb_get_resource ();
}

static void
lb_application_init (LbApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE|FOLDER…]"));
}

LbApplication *
lb_application_new (void)
{
  return g_object_new (LB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* None: load_app_style() explains why. */
                       "resource-base-path", NULL,
                       NULL);
}
