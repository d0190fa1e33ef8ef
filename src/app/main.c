/* main.c: entry point of the lightbox viewer. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lb-application.h"
#include "lb-style-once.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (LbApplication) app = NULL;

  /* First, before any thread (it sets an environment variable) and before GTK opens the
   * display: the stylesheet is then parsed once, in the chosen style (lb-style-once.c). */
  lb_style_once_prepare ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, lb_application_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
