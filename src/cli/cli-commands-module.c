/* cli-commands-module.c: what the module lightbox-cli-commands adds to the commands it holds
 * (cli-module.h): its setup when loaded, and the entry to scan's reader of zips. */
#include "config.h"

#include <gmodule.h>

#include "cli.h"
#include "cli-module.h"
#include "lb-dicom-write.h"

G_MODULE_EXPORT const gchar *g_module_check_init (GModule *module);
G_MODULE_EXPORT void lb_cli_module_scan_zip (Scan *scan, const char *path, LbScanTakeRead *take_read);

/* The module has its own copy of the atomic files' code (the executable has none in use), so its
 * own handler must be the one that removes their temporary files on Ctrl+C. */
const gchar *
g_module_check_init (GModule *module)
{
  lb_atomic_file_remove_on_signals ();
  return NULL;
}

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
