/* remote-multipart.h: an incremental reader of a multipart body (RFC 2046) from a GInputStream.
 * It holds a fixed window of the stream, never a whole part, so a study of any size passes
 * through in bounded memory. */
#pragma once

#include <gio/gio.h>

typedef struct _LbMultipartReader LbMultipartReader;

LbMultipartReader *lb_multipart_reader_new (GInputStream *in, const char *boundary);
void lb_multipart_reader_free (LbMultipartReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbMultipartReader, lb_multipart_reader_free)

/* Moves to the next part and reads its headers. Returns TRUE with *content_type (g_free it;
 * NULL when the part has none) for a part, FALSE with no error after the closing delimiter,
 * FALSE with an error when the stream ends before it (G_IO_ERROR_PARTIAL_INPUT) or fails. */
gboolean lb_multipart_reader_next_part (LbMultipartReader *reader, char **content_type,
                                        GCancellable *cancellable, GError **error);
/* Copies the body of the current part to out; FALSE with an error when the stream ends before
 * the part's closing delimiter. *n_bytes gets the body length. */
gboolean lb_multipart_reader_copy_part (LbMultipartReader *reader, GOutputStream *out,
                                        guint64 *n_bytes, GCancellable *cancellable,
                                        GError **error);

/* The boundary parameter of a multipart Content-Type value, or NULL (also when longer than
 * 200 characters). g_free it. */
char *lb_multipart_boundary_from_content_type (const char *content_type);
