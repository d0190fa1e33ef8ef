/* cli-common.c: error lines and option parsing shared by the commands. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

void
lb_cli_print_error (const char *path, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *reason = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_autofree char *safe_path = lb_dicom_escape_text (path);
  fprintf (stderr, "lightbox-cli: %s: %s\n", safe_path != NULL ? safe_path : path, reason);
}

char *
lb_cli_error_reason (const LbDicomError *error)
{
  if (error == NULL)
    return g_strdup (_("unknown error"));
  /* The parser's message already names what and where; it is English. TODO(i18n): build
   * the translated message from code, tag and offset. */
  return g_strdup (error->message);
}

gboolean
lb_cli_parse_options (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "lightbox-cli: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}
