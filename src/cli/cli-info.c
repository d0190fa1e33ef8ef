/* cli-info.c: `lightbox-cli info`: not written yet. */
#include "config.h"
#include "cli.h"

int
lb_cli_info (int argc, char **argv)
{
  lb_cli_print_error (argv[0], _("this command is not implemented yet"));
  return LB_CLI_EXIT_USAGE;
}
