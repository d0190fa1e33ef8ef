/* cli-module-scan-zip.c: the entry of the module lightbox-cli-commands (cli-module.h) to scan's
 * reader of zips, cli-scan-zip.c, which is compiled into the module unchanged. */
#include "config.h"

#include "cli.h"
#include "cli-module.h"

LB_CLI_EXPORT void lb_cli_module_scan_zip (Scan *scan, const char *path, LbScanTakeRead *take_read);

/* The executable's lb_scan_take_read, for cli-scan-zip.c: the scan, its model and its output
 * are the executable's. */
static LbScanTakeRead *scan_take_read;

void
lb_scan_take_read (Scan *scan, const char *path, const LbDicomFile *file, gboolean ok,
                   const LbDicomError *error, gboolean named, gboolean in_archive)
{
  scan_take_read (scan, path, file, ok, error, named, in_archive);
}

void
lb_cli_module_scan_zip (Scan *scan, const char *path, LbScanTakeRead *take_read)
{
  scan_take_read = take_read;
  lb_scan_zip (scan, path);
}
