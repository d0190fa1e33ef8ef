/* cli-window.c: the window options the pixel commands share (--window, --preset, and the
 * typed window's text in their outputs). Apart from cli-common.c because they need the VOI and
 * preset code, which lightbox-cli's scan does not link (cli-program.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "cli.h"

gboolean
lb_cli_parse_window (const char *value, double *center, double *width, GError **error)
{
  char *end = NULL;
  *center = g_ascii_strtod (value, &end);
  gboolean ok = end != value && (*end == ',' || *end == '/');
  if (ok)
    {
      const char *w = end + 1;
      *width = g_ascii_strtod (w, &end);
      ok = end != w && *end == '\0' && isfinite (*center) && isfinite (*width) && *width > 0;
    }
  if (!ok)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--window needs CENTRE,WIDTH with WIDTH > 0, e.g. --window=-600,1500; "
                   "got \"%s\""), value);
  return ok;
}

const LbDicomPreset *
lb_cli_lookup_preset (const char *name, double *center, double *width)
{
  const LbDicomPreset *preset = lb_dicom_preset_lookup (name);
  if (preset == NULL)
    {
      fprintf (stderr, _("lightbox-cli: unknown preset \"%s\"; see \"lightbox-cli presets\"\n"),
               name);
      return NULL;
    }
  *center = preset->center;
  *width = preset->width;
  return preset;
}

char *
lb_cli_typed_window_text (double center, double width, LbDicomVoiFunction function,
                          const LbDicomPreset *preset)
{
  return g_strdup_printf ("%g,%g %s%s%s", center, width, lb_dicom_voi_function_name (function),
                          preset != NULL ? " preset " : "", preset != NULL ? preset->name : "");
}
