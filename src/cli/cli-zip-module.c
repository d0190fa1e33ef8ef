/* cli-zip-module.c: the entry of the module lightbox-cli-zip (cli-zip-module.h). */
#include "cli-zip-module.h"

__attribute__ ((visibility ("default"))) const LbCliZipModule *lb_cli_zip_module_get (void);

const LbCliZipModule *
lb_cli_zip_module_get (void)
{
  static const LbCliZipModule module = {
    .open = lb_zip_open,
    .close = lb_zip_close,
    .next = lb_zip_next,
    .read = lb_zip_read,
  };
  return &module;
}
