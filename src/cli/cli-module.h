/* cli-module.h: the module lightbox-cli-commands, where every command but `scan` lives, and
 * `scan`'s reader of zips.
 *
 * The executable links only GLib, zlib and the parser and study code a header scan needs, so
 * that starting it costs little more than GLib's own start (bench/README.md, "Process start").
 * The codecs, PNG export, libarchive and the DICOMweb client come with the module, loaded with
 * GModule when a command or input needs them: from the executable's own folder when run from
 * the build tree, else from the installed LB_CLI_MODULE_DIR. */
#ifndef CLI_MODULE_H
#define CLI_MODULE_H

#include <glib.h>

#include "cli-scan.h"

/* The name under which the module exports its LbScanZipFunc. */
#define LB_CLI_MODULE_SCAN_ZIP "lb_cli_module_scan_zip"

/* The function the module exports as `symbol`, loading the module the first time; NULL after
 * printing "lightbox-cli: PATH: REASON" when it cannot be loaded or has no such function. */
gpointer lb_cli_module_symbol (const char *symbol);

/* Runs the module's command `lb_cli_NAME`; LB_CLI_EXIT_FAILED when it cannot be loaded. */
int lb_cli_module_run (const char *name, int argc, char **argv);

/* The module's reader of zips: reads the members of the zip at `path` and hands each to
 * `take_read`, the executable's lb_scan_take_read (the module has no scan of its own). */
typedef __typeof__ (lb_scan_take_read) LbScanTakeRead;
typedef void (*LbScanZipFunc) (Scan *scan, const char *path, LbScanTakeRead *take_read);

#endif
