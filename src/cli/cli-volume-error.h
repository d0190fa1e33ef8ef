/* cli-volume-error.h: translated reasons for the volume library's errors (lb-volume.h). */
#pragma once

#include <glib.h>

#include "lb-volume.h"

/* Prints "lightbox-cli: PATH: REASON" for a failed volume build or sampling; `fallback_path`
 * (the series folder) names the input when the error names no file. */
void lb_cli_print_volume_error (const char *fallback_path, const LbVolumeError *error);
