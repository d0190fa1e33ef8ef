/* cli-common.c: error lines, translated error reasons and option parsing shared by the
 * commands. */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void
lb_cli_print_error (const char *path, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *reason = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* Paths and reasons can hold bytes from the file or the command line: escape them so an
   * error line never carries terminal control sequences. */
  g_autofree char *safe_path = lb_dicom_escape_text (path);
  g_autofree char *safe_reason = lb_dicom_escape_text (reason);
  fprintf (stderr, "lightbox-cli: %s: %s\n", safe_path != NULL ? safe_path : path,
           safe_reason != NULL ? safe_reason : reason);
}

/* The translated phrase for an error code, for the forms "PHRASE", "PHRASE at byte N" and
 * "PHRASE of (gggg,eeee) at byte N". */
static const char *
code_phrase (LbDicomErrorCode code)
{
  switch (code)
    {
    case LB_DICOM_ERROR_IO: return N_("cannot be read");
    case LB_DICOM_ERROR_NOT_DICOM: return N_("not a DICOM file");
    case LB_DICOM_ERROR_TRUNCATED: return N_("truncated value");
    case LB_DICOM_ERROR_MALFORMED: return N_("malformed value");
    case LB_DICOM_ERROR_LIMIT: return N_("limit exceeded");
    case LB_DICOM_ERROR_UNSUPPORTED: return N_("unsupported encoding");
    case LB_DICOM_ERROR_NO_MEMORY: return N_("out of memory");
    case LB_DICOM_ERROR_NO_PIXELS: return N_("no usable pixel data");
    case LB_DICOM_ERROR_CODEC: return N_("invalid compressed pixel data");
    case LB_DICOM_ERROR_INVALID_ARGUMENT: return N_("invalid argument");
    case LB_DICOM_ERROR_CHANGED: return N_("the file changed on disk while it was read");
    case LB_DICOM_ERROR_NONE:
    default: return N_("unknown error");
    }
}

char *
lb_cli_error_reason (const LbDicomError *error)
{
  if (error == NULL)
    return g_strdup (_("unknown error"));

  const char *phrase = code_phrase (error->code);
  const char *translated = _(phrase);

  /* Without a translation the parser's own English message is the most precise one ("odd
   * length 13 of (0008,0016) at byte 140"); use it as it is. With a translation, build the
   * reason from code, tag and offset, which is all a translator can know about. */
  if (translated == phrase && error->message != NULL && error->message[0] != '\0')
    return g_strdup (error->message);

  GString *reason = g_string_new (translated);
  /* A changed file is about the whole file: the element where the read noticed it says
   * nothing more. */
  if (error->tag != LB_DICOM_NO_TAG && error->code != LB_DICOM_ERROR_CHANGED)
    {
      g_autofree char *tag = g_strdup_printf ("(%04X,%04X)", LB_DICOM_TAG_GROUP (error->tag),
                                              LB_DICOM_TAG_ELEMENT (error->tag));
      /* TRANSLATORS: %s is a DICOM tag such as (0028,0010) */
      g_string_append_printf (reason, _(" of %s"), tag);
    }
  if (error->offset >= 0)
    {
      g_autofree char *offset = g_strdup_printf ("%" PRId64, error->offset);
      /* TRANSLATORS: %s is a byte offset in the file */
      g_string_append_printf (reason, _(" at byte %s"), offset);
    }
  return g_string_free (reason, FALSE);
}

void
lb_cli_print_dicom_error (const char *path, const LbDicomError *error)
{
  g_autofree char *reason = lb_cli_error_reason (error);
  /* The parser's I/O messages start with the path, which the error line already shows. */
  const char *shown = reason;
  size_t len = strlen (path);
  if (strncmp (reason, path, len) == 0 && strncmp (reason + len, ": ", 2) == 0)
    shown = reason + len + 2;
  lb_cli_print_error (path, "%s", shown);
}

GOptionContext *
lb_cli_command_context (const char         *command,
                        const char         *summary,
                        const GOptionEntry *entries)
{
  return lb_cli_command_context_with_data (command, summary, entries, NULL);
}

GOptionContext *
lb_cli_command_context_with_data (const char         *command,
                                  const char         *summary,
                                  const GOptionEntry *entries,
                                  gpointer            data)
{
  g_autofree char *prgname = g_strconcat ("lightbox-cli ", command, NULL);
  /* No parameter string: each command names its arguments in its G_OPTION_REMAINING entry,
   * and GLib would print both. */
  GOptionContext *context = g_option_context_new (NULL);
  /* The main group is made here rather than by add_main_entries, which has no user data. */
  GOptionGroup *group = g_option_group_new (command, "", "", data, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* --help then says "lightbox-cli COMMAND [OPTION…]". */
  g_set_prgname (prgname);
  return context;
}

gboolean
lb_cli_is_part10_file (const char *path)
{
  char head[132];
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  gboolean part10 = fd >= 0 && fstat (fd, &st) == 0 && S_ISREG (st.st_mode)
                    && read (fd, head, sizeof head) == (ssize_t) sizeof head
                    && memcmp (head + 128, "DICM", 4) == 0;
  if (fd >= 0)
    close (fd);
  return part10;
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

char *
lb_cli_format_tag (uint32_t tag)
{
  return g_strdup_printf ("(%04X,%04X)", LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag));
}
