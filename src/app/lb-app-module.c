/* lb-app-module.c: finding and loading the viewer's modules (lb-app-module.h). */
#include "config.h"

#define G_LOG_DOMAIN "lb-app-module"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <string.h>

#include "lb-app-module.h"
#include "lb-loader-reason.h"

/* Next to the executable (the build tree: meson puts the app and its modules in src/app), else
 * where `meson install` put it; the build tree's folder last, for the tests' own executables,
 * which link the app's code but live in tests/. The installed path is the one an error names. */
static char *
module_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".so", NULL);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *installed = g_build_filename (LB_APP_MODULE_DIR, file, NULL);
  g_autofree char *built = g_build_filename (LB_BUILD_APP_MODULE_DIR, file, NULL);

  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      char *beside = g_build_filename (dir, file, NULL);
      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        return beside;
      g_free (beside);
    }
  if (!g_file_test (installed, G_FILE_TEST_EXISTS) && g_file_test (built, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&built);
  return g_steal_pointer (&installed);
}

/* The loader's reason, without the path it starts with (the message names it already). */
static const char *
load_reason (const char *path)
{
  return lb_loader_reason (path, g_module_error (), "");
}

/* The function `symbol` of the module `name`, loaded and made resident: its GTypes cannot be
 * unregistered, so it must never be unloaded. */
static gpointer
load_symbol (const char *name,
             const char *symbol,
             GError    **error)
{
  g_autofree char *path = module_path (name);
  gpointer function = NULL;
  /* Lazy binding: of the module's libraries' functions only those used are resolved. Local:
   * nothing of it is seen by libraries loaded later (Mesa's EGL, GIO modules). */
  GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL || !g_module_symbol (module, symbol, &function) || function == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: the module's path, then the system's reason */
                   _("Cannot load %s: %s"), path, load_reason (path));
      g_message ("%s", (*error)->message);
      if (module != NULL)
        g_module_close (module);
      return NULL;
    }
  g_module_make_resident (module);
  g_debug ("module loaded: %s", path);
  return function;
}

/* A module's table: loaded the first time, kept (or the failure, which is not tried again). */
typedef struct
{
  gboolean tried;
  gconstpointer table;
  GError *failure;
} Loaded;

static gconstpointer
table_of (Loaded     *loaded,
          const char *name,
          const char *symbol,
          GError    **error)
{
  if (!loaded->tried)
    {
      gconstpointer (*get) (void) = load_symbol (name, symbol, &loaded->failure);

      loaded->tried = TRUE;
      loaded->table = get != NULL ? get () : NULL;
    }
  if (loaded->table == NULL && error != NULL)
    *error = g_error_copy (loaded->failure);
  return loaded->table;
}

#ifdef LB_HAVE_REMOTE
const LbRemoteModule *
lb_app_module_remote (GError **error)
{
  static Loaded remote;

  return table_of (&remote, LB_REMOTE_MODULE_NAME, LB_REMOTE_MODULE_SYMBOL, error);
}
#endif

const LbZipModule *
lb_app_module_zip (GError **error)
{
  static Loaded zip;

  return table_of (&zip, LB_ZIP_MODULE_NAME, LB_ZIP_MODULE_SYMBOL, error);
}
