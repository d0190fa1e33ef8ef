/* cli-volume-error.c: the volume library's errors as translated CLI lines: what was wrong and
 * which slices (CLI.md: one line, "lightbox-cli: PATH: REASON"). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cli.h"
#include "cli-volume-error.h"

static char *
format_mib (uint64_t bytes)
{
  return g_strdup_printf ("%.1f MiB", (double) bytes / (1024.0 * 1024.0));
}

/* The reason of an error, translated, built from its code and fields. */
static char *
volume_reason (const LbVolumeError *e)
{
  const char *other = e->other_path != NULL ? e->other_path : "?";
  switch (e->code)
    {
    case LB_VOLUME_ERROR_READ:
      {
        /* The library's message is "PATH: the parser's message"; the line shows PATH already. */
        const char *detail = e->message;
        /* (and the reader's I/O messages start with the path once more) */
        while (detail != NULL && e->path != NULL && g_str_has_prefix (detail, e->path)
               && g_str_has_prefix (detail + strlen (e->path), ": "))
          detail += strlen (e->path) + 2;
        LbDicomError de = { .code = e->dicom_code, .tag = LB_DICOM_NO_TAG, .offset = -1,
                            .message = (char *) detail };
        return lb_cli_error_reason (&de);
      }
    case LB_VOLUME_ERROR_NO_SLICES:
      return g_strdup (_("no DICOM image found"));
    case LB_VOLUME_ERROR_TOO_FEW_SLICES:
      return g_strdup (_("a single slice is not a volume (at least 2 are needed)"));
    case LB_VOLUME_ERROR_NOT_GREY:
      return g_strdup (_("not a grey image of at most 16 bits: cannot be reformatted"));
    case LB_VOLUME_ERROR_NO_GEOMETRY:
      return g_strdup (_("no Image Orientation (Patient), Image Position (Patient) or Pixel Spacing: "
                         "not a volume"));
    case LB_VOLUME_ERROR_MIXED_SERIES:
      return g_strdup_printf (_("belongs to another series than %s"), other);
    case LB_VOLUME_ERROR_MIXED_SIZE:
      return g_strdup_printf (_("image size or pixel format differs from %s"), other);
    case LB_VOLUME_ERROR_MIXED_SPACING:
      return g_strdup_printf (_("Pixel Spacing differs from %s"), other);
    case LB_VOLUME_ERROR_MIXED_ORIENTATION:
      return g_strdup_printf (_("Image Orientation (Patient) differs from %s: the slices are not one volume"),
                              other);
    case LB_VOLUME_ERROR_MIXED_RESCALE:
      return g_strdup_printf (_("Rescale Slope or Intercept differs from %s"), other);
    case LB_VOLUME_ERROR_SAME_POSITION:
      return g_strdup_printf (_("lies at the same position as %s (%.3f mm along the slice normal)"), other,
                              e->value);
    case LB_VOLUME_ERROR_GANTRY_TILT:
      return g_strdup_printf (_("the slices are tilted by %.1f degrees from the slice normal (gantry tilt): "
                                "not reformatted"), e->value);
    case LB_VOLUME_ERROR_IRREGULAR_SPACING:
      return g_strdup_printf (_("irregular slice spacing: %.3f mm from here to %s, where the other slices "
                                "are %.3f mm apart"), e->value, other, e->expected);
    case LB_VOLUME_ERROR_TOO_LARGE:
      {
        g_autofree char *size = format_mib (e->bytes), *limit = format_mib (e->limit);
        return g_strdup_printf (_("the series needs %s as a volume, more than the limit of %s"), size, limit);
      }
    case LB_VOLUME_ERROR_NO_MEMORY:
      {
        g_autofree char *size = format_mib (e->bytes);
        return g_strdup_printf (_("not enough memory for the volume (%s)"), size);
      }
    case LB_VOLUME_ERROR_INVALID_ARGUMENT:
      if (!isnan (e->value) && !isnan (e->expected))
        return g_strdup_printf (_("position %g mm is outside the series (%g to %g mm)"), e->value, e->expected,
                                e->expected_high);
      break;
    case LB_VOLUME_ERROR_NONE:
    case LB_VOLUME_ERROR_CANCELLED:
      break;
    }
  return g_strdup (e->message != NULL ? e->message : _("unknown error"));
}

void
lb_cli_print_volume_error (const char *fallback_path, const LbVolumeError *error)
{
  if (error == NULL)
    {
      lb_cli_print_error (fallback_path, "%s", _("unknown error"));
      return;
    }
  g_autofree char *reason = volume_reason (error);
  lb_cli_print_error (error->path != NULL ? error->path : fallback_path, "%s", reason);
}
