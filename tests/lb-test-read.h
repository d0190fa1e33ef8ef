/* lb-test-read.h: reading a file and decoding a frame in the parser's C tests, where a failure
 * ends the test with the parser's message. */
#pragma once

#include <glib.h>

#include "lb-dicom.h"
#include "lb-dicom-pixel.h"

/* The file at `path`, read with `flags`. */
G_GNUC_UNUSED static LbDicomFile *
open_file (const char *path, LbDicomReadFlags flags)
{
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *err = NULL;
  if (!lb_dicom_file_read_path (f, path, flags, &err))
    g_error ("%s: %s", path, err->message);
  return f;
}

/* Frame `index` (from 0) of `f`, decoded. */
G_GNUC_UNUSED static LbDicomFrame *
decode (LbDicomFile *f, guint index)
{
  LbDicomFrame *frame = NULL;
  LbDicomError *err = NULL;
  if (!lb_dicom_file_decode_frame (f, index, &frame, &err))
    g_error ("frame %u: %s", index + 1, err->message);
  return frame;
}
