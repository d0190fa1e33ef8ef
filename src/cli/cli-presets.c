/* cli-presets.c: `lightbox-cli presets`: not written yet. */
#include "config.h"
#include "cli.h"

int
lb_cli_presets (int argc, char **argv)
{
  lb_cli_print_error (argv[0], _("this command is not implemented yet"));
  return LB_CLI_EXIT_USAGE;
}
