/* cli-zip.c: the functions of lb-study-zip.h in lightbox-cli-commands, through the module
 * lightbox-cli-zip, loaded at the first zip (cli-zip-module.h). */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli-program.h"
#include "cli-zip-module.h"
#include "lb-loader-reason.h"

/* The module, loaded once and kept (its functions stay in use to the end of the process);
 * NULL with a message in *error (free() it) when it cannot be loaded, each time asked. */
static const LbCliZipModule *
zip_module (char **error)
{
  static const LbCliZipModule *module;
  static char *failure;
  if (module == NULL && failure == NULL)
    {
      g_autofree char *path = lb_cli_program_find (LB_CLI_ZIP_MODULE, LB_CLI_MODULE_DIR);
      /* Local: nothing of libarchive is seen by what is loaded later. */
      void *handle = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      LbCliZipModuleGet get = handle != NULL
                              ? (LbCliZipModuleGet) dlsym (handle, LB_CLI_ZIP_MODULE_SYMBOL)
                              : NULL;
      if (get != NULL)
        module = get ();
      else
        {
          const char *reason = lb_loader_reason (path, dlerror (), "");
          failure = g_strdup_printf (_("cannot load lightbox-cli's zip reader %s: %s"), path,
                                     reason);
        }
    }
  if (module == NULL)
    *error = strdup (failure);
  return module;
}

LbZip *
lb_zip_open (const char *path, char **error)
{
  const LbCliZipModule *module = zip_module (error);
  return module != NULL ? module->open (path, error) : NULL;
}

/* A zip is open only when the module was loaded. */
void
lb_zip_close (LbZip *zip)
{
  if (zip != NULL)
    zip_module (NULL)->close (zip);
}

LbZipNext
lb_zip_next (LbZip *zip, const char **name, int64_t *declared_size, char **error)
{
  return zip_module (NULL)->next (zip, name, declared_size, error);
}

ssize_t
lb_zip_read (LbZip *zip, void *buf, size_t len, char **error)
{
  return zip_module (NULL)->read (zip, buf, len, error);
}
