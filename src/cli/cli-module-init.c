/* cli-module-init.c: what each module of lightbox-cli (cli-module.h) does when it is loaded. */
#include "config.h"

#include <gmodule.h>

#include "lb-dicom-write.h"

G_MODULE_EXPORT const gchar *g_module_check_init (GModule *module);

/* A module has its own copy of the atomic files' code (the executable's copy writes nothing),
 * so its handler must be the one that removes their temporary files on Ctrl+C; it also keeps
 * SIGXFSZ ignored, as the executable did before any module. */
const gchar *
g_module_check_init (GModule *module)
{
  lb_atomic_file_remove_on_signals ();
  return NULL;
}
