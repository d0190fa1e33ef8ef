/* cli-module.c: loading the modules of lightbox-cli (cli-module.h) and the two ways into them:
 * a command, and scan's reader of zips (lb_scan_zip of cli-scan.h). */
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "cli.h"
#include "cli-module.h"

/* Next to the executable (the build tree: meson puts them all in src/cli), else where
 * `meson install` put it, which is then the path an error names. */
static char *
module_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".so", NULL);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      char *beside = g_build_filename (dir, file, NULL);
      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        return beside;
      g_free (beside);
    }
  return g_build_filename (LB_CLI_MODULE_DIR, file, NULL);
}

/* "lightbox-cli: PATH: cannot load ...: REASON", without the path the loader's message starts
 * with too. */
static void
print_load_error (const char *path, const char *reason)
{
  if (reason == NULL)
    reason = "";
  if (g_str_has_prefix (reason, path) && strncmp (reason + strlen (path), ": ", 2) == 0)
    reason += strlen (path) + 2;
  lb_cli_print_error (path, _("cannot load lightbox-cli's commands module: %s"), reason);
}

gpointer
lb_cli_module_symbol (const char *name, const char *symbol)
{
  /* A process runs one command: one module, loaded once and kept, as its functions stay in use
   * until the process ends. dlopen() itself, not GModule: GModule is a library of its own, and
   * each library the executable needs costs ~0.07 ms at every start on the bench VM (a scan
   * of 600 files takes 4-5 ms), for a portability layer Linux does not need. */
  static char *loaded_name;
  static void *module;
  g_autofree char *path = module_path (name);
  gpointer function = NULL;

  if (module == NULL || strcmp (loaded_name, name) != 0)
    {
      /* Lazy binding: of the module's libraries' functions only those the command calls are
       * resolved. Local: nothing of it is seen by libraries loaded later. */
      module = dlopen (path, RTLD_LAZY | RTLD_LOCAL);
      if (module == NULL)
        {
          print_load_error (path, dlerror ());
          return NULL;
        }
      g_free (loaded_name);
      loaded_name = g_strdup (name);
      /* The module's own set-up (cli-module-init.c), once: its handler removes the temporary
       * files of its writes on Ctrl+C. */
      void (*init) (void) = (void (*) (void)) dlsym (module, "lb_cli_module_init");
      if (init != NULL)
        init ();
    }
  dlerror ();
  function = dlsym (module, symbol);
  if (function == NULL)
    {
      const char *reason = dlerror ();
      print_load_error (path, reason != NULL ? reason : "no such function");
      return NULL;
    }
  return function;
}

int
lb_cli_module_run (const char *module, const char *name, int argc, char **argv)
{
  g_autofree char *symbol = g_strconcat ("lb_cli_", name, NULL);
  int (*run) (int, char **) = lb_cli_module_symbol (module, symbol);

  /* CLI.md has no exit code of its own for a broken installation: the command could not
   * handle its inputs. */
  if (run == NULL)
    return LB_CLI_EXIT_FAILED;
  return run (argc, argv);
}

void
lb_scan_zip (Scan *scan, const char *path)
{
  LbScanZipFunc scan_zip = lb_cli_module_symbol (LB_CLI_MODULE_COMMANDS, LB_CLI_MODULE_SCAN_ZIP);

  if (scan_zip == NULL)
    {
      scan->failed = TRUE;
      return;
    }
  scan_zip (scan, path, lb_scan_take_read);
}
