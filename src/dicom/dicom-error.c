/* dicom-error.c: error objects, set once. */
#include "dicom-error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
lb_dicom_error_free (LbDicomError *error)
{
  if (error == NULL)
    return;
  free (error->message);
  free (error);
}

const char *
lb_dicom_error_code_name (LbDicomErrorCode code)
{
  switch (code)
    {
    case LB_DICOM_ERROR_NONE: return "no error";
    case LB_DICOM_ERROR_IO: return "I/O error";
    case LB_DICOM_ERROR_NOT_DICOM: return "not DICOM";
    case LB_DICOM_ERROR_TRUNCATED: return "truncated";
    case LB_DICOM_ERROR_MALFORMED: return "malformed";
    case LB_DICOM_ERROR_LIMIT: return "limit exceeded";
    case LB_DICOM_ERROR_UNSUPPORTED: return "unsupported";
    case LB_DICOM_ERROR_NO_MEMORY: return "out of memory";
    case LB_DICOM_ERROR_NO_PIXELS: return "no pixel data";
    case LB_DICOM_ERROR_CODEC: return "invalid compressed data";
    case LB_DICOM_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case LB_DICOM_ERROR_CHANGED: return "file changed";
    default: return "unknown error";
    }
}

bool
lb_dicom_error_set (LbDicomError **error, LbDicomErrorCode code, uint32_t tag, int64_t offset,
                    const char *format, ...)
{
  if (error == NULL || *error != NULL)
    return false;

  LbDicomError *e = calloc (1, sizeof *e);
  if (e == NULL)
    return false;
  e->code = code;
  e->tag = tag;
  e->offset = offset;

  va_list ap;
  va_start (ap, format);
  char buf[512];
  vsnprintf (buf, sizeof buf, format, ap);
  va_end (ap);
  e->message = strdup (buf);
  if (e->message == NULL)
    {
      free (e);
      return false;
    }
  *error = e;
  return false;
}

LbDicomError *
lb_dicom_error_copy (const LbDicomError *error)
{
  if (error == NULL)
    return NULL;
  LbDicomError *e = calloc (1, sizeof *e);
  if (e == NULL)
    return NULL;
  *e = *error;
  e->message = strdup (error->message != NULL ? error->message : "");
  if (e->message == NULL)
    {
      free (e);
      return NULL;
    }
  return e;
}
