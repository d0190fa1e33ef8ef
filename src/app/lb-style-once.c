/* lb-style-once.c: libadwaita's stylesheet parsed once at start-up, in the colour scheme the
 * user chose, and GTK's own theme not at all.
 *
 * Why (bench/README.md, "Start-up"): with libadwaita 1.2, the default start-up parses three
 * big stylesheets before the first frame, 80 to 140 M instructions each (callgrind):
 * - GtkSettings loads GTK's built-in Adwaita theme, which libadwaita replaces at once by its
 *   empty "Adwaita-empty" theme;
 * - libadwaita's style manager loads its base.css (260 KB) when the display opens;
 * - switching to the dark style loads base.css again: libadwaita reloads every stylesheet on
 *   any change, although only the small colour sheet (defaults-dark.css) differs. Setting the
 *   colour scheme before the display opens does not help: the style manager then loads it
 *   twice while it is constructed.
 * So, before GTK opens the display: the colour scheme is set on the default style manager
 * (no display yet, nothing is loaded), and GTK_THEME names the empty theme while the display
 * opens, so that GtkSettings starts with it and libadwaita's per-display style manager leaves
 * the stylesheets to us (it does so whenever GTK_THEME is set). Right after, GTK_THEME is
 * unset again (child processes and later displays see the usual environment), and the same
 * two providers libadwaita would add are added here, at the same priority and in the same
 * order: base.css (base-hc.css in high contrast), reloaded only when high contrast changes,
 * and the colour sheet, reloaded when the style manager's dark changes. The style manager
 * still decides dark and light; what the user sees is the same.
 *
 * The stylesheets are loaded once libadwaita is initialised (lb_style_once_load(), from the
 * application's startup), not when the display opens: the first stylesheet that names a theme
 * icon makes GTK create the display's icon theme, which starts loading in a thread at once.
 * Any resource path added to the icon theme after that load makes GTK load the whole theme
 * again (about 60 M instructions, hicolor's 3,800-line index.theme included), and adw_init()
 * adds its own. Created by adw_init() instead, the theme gets its path right away; the
 * application sets no resource base path, so GtkApplication adds none later (lb-application.c
 * loads the app's style.css itself, and the app's icon lives under GTK's own icon path).
 *
 * A GTK_THEME of the user's is respected (nothing is done), and so is a libadwaita whose
 * stylesheets are not where 1.2 keeps them (it then does it all itself). */
#include "config.h"

#define G_LOG_DOMAIN "lb-style"

#include <adwaita.h>

#include "lb-application.h"
#include "lb-style-once.h"

#define EMPTY_THEME "Adwaita-empty"
#define STYLES "/org/gnome/Adwaita/styles/"

typedef struct {
  AdwStyleManager *manager;
  GtkCssProvider  *base;
  GtkCssProvider  *colors;
} StyleOnce;

static StyleOnce *style_once;   /* the first display's; lives as long as the process */

static gboolean
have_resource (const char *path)
{
  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
}

static void
load_base (StyleOnce *style)
{
  gtk_css_provider_load_from_resource (style->base,
                                       adw_style_manager_get_high_contrast (style->manager)
                                         ? STYLES "base-hc.css" : STYLES "base.css");
}

static void
load_colors (StyleOnce *style)
{
  gtk_css_provider_load_from_resource (style->colors,
                                       adw_style_manager_get_dark (style->manager)
                                         ? STYLES "defaults-dark.css" : STYLES "defaults-light.css");
}

/* Runs after libadwaita's own handler, which made the display's style manager (and with it
 * GtkSettings) while GTK_THEME was set. */
static void
on_display_opened (GdkDisplayManager *display_manager,
                   GdkDisplay        *display,
                   gpointer           user_data)
{
  StyleOnce *style = g_new0 (StyleOnce, 1);

  g_signal_handlers_disconnect_by_func (display_manager, on_display_opened, user_data);
  g_unsetenv ("GTK_THEME");
  g_object_set (gtk_settings_get_for_display (display), "gtk-theme-name", EMPTY_THEME, NULL);

  style->manager = adw_style_manager_get_for_display (display);
  style->base = gtk_css_provider_new ();
  style->colors = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (style->base),
                                              GTK_STYLE_PROVIDER_PRIORITY_THEME);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (style->colors),
                                              GTK_STYLE_PROVIDER_PRIORITY_THEME);
  style_once = style;
}

/* Call once adw_init() has run (after AdwApplication's startup), before any widget is made. */
void
lb_style_once_load (void)
{
  StyleOnce *style = style_once;

  if (style == NULL || style->manager == NULL)
    return;   /* not prepared, or loaded already */
  load_base (style);
  load_colors (style);
  g_signal_connect_swapped (style->manager, "notify::high-contrast", G_CALLBACK (load_base),
                            style);
  g_signal_connect_swapped (style->manager, "notify::dark", G_CALLBACK (load_colors), style);
  g_debug ("stylesheet loaded once (%s)", adw_style_manager_get_dark (style->manager)
                                            ? "dark" : "light");
  style_once = NULL;
}

/* Call first in main(): before GTK opens the display, and before any thread is started, as
 * setting an environment variable is not thread-safe (GSettings' backend may start one: the
 * variable is set just before; unsetting it, in on_display_opened(), comes after GApplication's
 * D-Bus thread has started, and GLib says so in a debug message). */
void
lb_style_once_prepare (void)
{
  g_autoptr (GSettings) settings = NULL;
  static const char *const sheets[] = {
    STYLES "base.css", STYLES "base-hc.css", STYLES "defaults-dark.css",
    STYLES "defaults-light.css", "/org/gtk/libgtk/theme/" EMPTY_THEME "/gtk.css",
  };

  if (g_getenv ("GTK_THEME") != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    if (!have_resource (sheets[i]))
      return;

  g_setenv ("GTK_THEME", EMPTY_THEME, TRUE);
  /* Without the schema, start-up stops later with a clear message (and --version and --help
   * work, as they need no settings): the style is left to libadwaita. No thread has started
   * when the schema is not found. */
  settings = lb_settings_try_new ();
  if (settings == NULL)
    {
      g_unsetenv ("GTK_THEME");
      return;
    }
  /* The default style manager exists before any display: setting its scheme loads nothing.
   * Made first, it also connects its display-opened handler before ours. The scheme is the
   * one lb-application.c sets again at start-up, and on every change of the setting. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      g_settings_get_boolean (settings, "dark-theme")
                                        ? ADW_COLOR_SCHEME_PREFER_DARK
                                        : ADW_COLOR_SCHEME_DEFAULT);
  g_signal_connect (gdk_display_manager_get (), "display-opened", G_CALLBACK (on_display_opened),
                    NULL);
}
