/* cli-module-init.c: what each module of lightbox-cli (cli-module.h) does when it is loaded. */
#include "config.h"

#include "cli.h"
#include "lb-dicom-write.h"

LB_CLI_EXPORT void lb_cli_module_init (void);

/* A module has its own copy of the atomic files' code (the executable has none), so its
 * handler must be the one that removes their temporary files on Ctrl+C; it also keeps SIGXFSZ
 * ignored. The executable calls this once, right after loading the module. */
void
lb_cli_module_init (void)
{
  lb_atomic_file_remove_on_signals ();
}
