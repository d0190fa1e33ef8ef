/* remote-concat-stream.h: an input stream that reads several streams one after the other, so a
 * STOW-RS body (part header, the file, closing delimiter) is sent without copying the file. */
#pragma once

#include <gio/gio.h>

#define LB_TYPE_CONCAT_INPUT_STREAM (lb_concat_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (LbConcatInputStream, lb_concat_input_stream, LB, CONCAT_INPUT_STREAM,
                      GInputStream)

/* Takes a reference on each of the n streams. */
GInputStream *lb_concat_input_stream_new (GInputStream *const *streams, guint n);
