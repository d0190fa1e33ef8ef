/* lb-error.c: translated messages for parser errors, built from code, tag and offset (the
 * parser's own message is English and stays out of the UI). A message is the reason, in words
 * a student reads first, then on its own line where it happened: element and byte, one click
 * away in the viewer (Details). */
#include "config.h"

#define G_LOG_DOMAIN "lb-error"

#include <glib/gi18n.h>
#include <string.h>

#include "lb-error.h"

G_DEFINE_QUARK (lb-dicom-error-quark, lb_dicom_error)

char *
lb_error_describe_tag (uint32_t tag)
{
  return g_strdup_printf ("(%04X,%04X)", LB_DICOM_TAG_GROUP (tag), LB_DICOM_TAG_ELEMENT (tag));
}

static const char *
reason_for_code (LbDicomErrorCode code)
{
  switch (code)
    {
    case LB_DICOM_ERROR_IO:
      return _("The file could not be read");
    case LB_DICOM_ERROR_NOT_DICOM:
      return _("This is not a DICOM file");
    case LB_DICOM_ERROR_TRUNCATED:
      return _("The file is truncated");
    case LB_DICOM_ERROR_MALFORMED:
      return _("The file is damaged");
    case LB_DICOM_ERROR_LIMIT:
      return _("The file exceeds a safety limit");
    case LB_DICOM_ERROR_UNSUPPORTED:
      return _("This image encoding is not supported");
    case LB_DICOM_ERROR_NO_MEMORY:
      return _("Not enough memory");
    case LB_DICOM_ERROR_NO_PIXELS:
      return _("The file holds no image");
    case LB_DICOM_ERROR_CODEC:
      return _("The compressed image data are invalid");
    case LB_DICOM_ERROR_CHANGED:
      /* Frames read on demand and whole reads refuse a file rewritten under them: saying so
       * tells the user what to do, where "could not be read" would send them to permissions. */
      return _("The file changed on disk after it was opened; open it again");
    case LB_DICOM_ERROR_INVALID_ARGUMENT:
    case LB_DICOM_ERROR_NONE:
    default:
      return _("The file could not be opened");
    }
}

GError *
lb_error_from_dicom (const LbDicomError *error)
{
  g_autofree char *where = NULL;
  g_autofree char *tag = NULL;

  if (error == NULL)
    return g_error_new_literal (LB_DICOM_ERROR, LB_DICOM_ERROR_INVALID_ARGUMENT,
                                reason_for_code (LB_DICOM_ERROR_NONE));

  if (error->tag != LB_DICOM_NO_TAG)
    tag = lb_error_describe_tag (error->tag);

  if (tag != NULL && error->offset >= 0)
    /* Translators: "at element (0028,0010), byte 812" */
    where = g_strdup_printf (_("at element %s, byte %lld"), tag,
                             (long long) error->offset);
  else if (tag != NULL)
    where = g_strdup_printf (_("at element %s"), tag);
  else if (error->offset >= 0)
    where = g_strdup_printf (_("at byte %lld"), (long long) error->offset);

  if (where != NULL)
    /* The reason leads, in words; where it happened is for the Details (lb_error_get_details). */
    return g_error_new (LB_DICOM_ERROR, error->code, "%s\n%s", reason_for_code (error->code),
                        where);
  return g_error_new_literal (LB_DICOM_ERROR, error->code, reason_for_code (error->code));
}

char *
lb_error_get_reason (const GError *error)
{
  const char *nl;

  if (error == NULL)
    return g_strdup ("");
  nl = strchr (error->message, '\n');
  return nl != NULL ? g_strndup (error->message, nl - error->message) : g_strdup (error->message);
}

char *
lb_error_get_details (const GError *error)
{
  const char *nl = error != NULL ? strchr (error->message, '\n') : NULL;

  return nl != NULL && nl[1] != '\0' ? g_strdup (nl + 1) : NULL;
}
