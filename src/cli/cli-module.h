/* cli-module.h: the modules of lightbox-cli, where every command but `scan` lives, and `scan`'s
 * reader of zips.
 *
 * The executable links only GLib, zlib and the parser and study code a header scan needs, so
 * that starting it costs little more than GLib's own start (bench/README.md, "Process start").
 * The rest comes in two modules loaded (dlopen) when a command or input needs them:
 * lightbox-cli-commands (the codecs, PNG export, libarchive: every other command and scan's
 * reader of zips) and lightbox-cli-remote (libsoup, json-glib and GIO: `remote`), so that a
 * command of the first does not load the network libraries. They are found in the
 * executable's own folder when it runs from the build tree, else in the installed
 * LB_CLI_MODULE_DIR. */
#ifndef CLI_MODULE_H
#define CLI_MODULE_H

#include <glib.h>

#include "cli-scan.h"

#define LB_CLI_MODULE_COMMANDS "lightbox-cli-commands"
#define LB_CLI_MODULE_REMOTE   "lightbox-cli-remote"

/* The name under which lightbox-cli-commands exports its LbScanZipFunc. */
#define LB_CLI_MODULE_SCAN_ZIP "lb_cli_module_scan_zip"

/* The function `symbol` of the module `module` (one of the names above), loading the module
 * the first time; NULL after printing "lightbox-cli: PATH: REASON" when it cannot be loaded
 * or has no such function. */
gpointer lb_cli_module_symbol (const char *module, const char *symbol);

/* Runs the command `lb_cli_NAME` of `module`; LB_CLI_EXIT_FAILED when it cannot be loaded. */
int lb_cli_module_run (const char *module, const char *name, int argc, char **argv);

/* The module's reader of zips: reads the members of the zip at `path` and hands each to
 * `take_read`, the executable's lb_scan_take_read (the module has no scan of its own). */
typedef __typeof__ (lb_scan_take_read) LbScanTakeRead;
typedef void (*LbScanZipFunc) (Scan *scan, const char *path, LbScanTakeRead *take_read);

#endif
