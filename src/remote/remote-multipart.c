/* remote-multipart.c: incremental multipart parsing (RFC 2046 §5.1.1). The window holds at most
 * WINDOW bytes; body bytes are written out as soon as they cannot be the start of a delimiter. */
#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "remote-multipart.h"

enum { WINDOW = 256 * 1024, MAX_HEADERS = 64 * 1024 };

struct _LbMultipartReader {
  GInputStream *in;
  char *delimiter;     /* "\r\n--" boundary */
  size_t delimiter_len;
  guint8 *buf;
  size_t start, end;   /* unread bytes are buf[start..end) */
  gboolean eof;
  gboolean in_body;    /* positioned in a part body whose delimiter has not been read */
  gboolean after_delimiter;   /* just past a delimiter: the next bytes are "--" or a part */
  gboolean finished;   /* the closing delimiter was read */
};

LbMultipartReader *
lb_multipart_reader_new (GInputStream *in, const char *boundary)
{
  LbMultipartReader *reader = g_new0 (LbMultipartReader, 1);
  reader->in = g_object_ref (in);
  reader->delimiter = g_strconcat ("\r\n--", boundary, NULL);
  reader->delimiter_len = strlen (reader->delimiter);
  reader->buf = g_malloc (WINDOW);
  /* The first delimiter may open the body without a CRLF before it: pretend there was one. */
  memcpy (reader->buf, "\r\n", 2);
  reader->end = 2;
  return reader;
}

void
lb_multipart_reader_free (LbMultipartReader *reader)
{
  if (reader == NULL)
    return;
  g_object_unref (reader->in);
  g_free (reader->delimiter);
  g_free (reader->buf);
  g_free (reader);
}

/* Reads more bytes into the window (compacting it first). FALSE on a read error; at the end of
 * the stream sets eof and returns TRUE. */
static gboolean
fill (LbMultipartReader *reader, GCancellable *cancellable, GError **error)
{
  if (reader->start > 0)
    {
      memmove (reader->buf, reader->buf + reader->start, reader->end - reader->start);
      reader->end -= reader->start;
      reader->start = 0;
    }
  if (reader->end == WINDOW)
    return TRUE;
  gssize n = g_input_stream_read (reader->in, reader->buf + reader->end, WINDOW - reader->end,
                                  cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    reader->eof = TRUE;
  reader->end += (size_t) n;
  return TRUE;
}

static gboolean
truncated (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                       "the multipart answer ended before its closing boundary");
  return FALSE;
}

/* Ensures n unread bytes are in the window; FALSE (truncated) when the stream ends before. */
static gboolean
need (LbMultipartReader *reader, size_t n, GCancellable *cancellable, GError **error)
{
  while (reader->end - reader->start < n)
    {
      if (reader->eof)
        return truncated (error);
      if (!fill (reader, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* Index of needle in the unread bytes, or -1. */
static gssize
find (LbMultipartReader *reader, const char *needle, size_t needle_len)
{
  const guint8 *p = memmem (reader->buf + reader->start, reader->end - reader->start, needle,
                            needle_len);
  return p != NULL ? p - (reader->buf + reader->start) : -1;
}

/* Streams bytes up to the next delimiter to out (NULL: discard) and consumes the delimiter. */
static gboolean
copy_to_delimiter (LbMultipartReader *reader, GOutputStream *out, guint64 *n_bytes,
                   GCancellable *cancellable, GError **error)
{
  guint64 total = 0;
  for (;;)
    {
      gssize at = find (reader, reader->delimiter, reader->delimiter_len);
      size_t avail = reader->end - reader->start;
      /* Without a delimiter, the last delimiter_len - 1 bytes may be the start of one. */
      size_t safe = at >= 0 ? (size_t) at
                            : (avail >= reader->delimiter_len ? avail - reader->delimiter_len + 1 : 0);
      if (safe > 0 && out != NULL
          && !g_output_stream_write_all (out, reader->buf + reader->start, safe, NULL,
                                         cancellable, error))
        return FALSE;
      total += safe;
      reader->start += safe;
      if (at >= 0)
        {
          reader->start += reader->delimiter_len;
          break;
        }
      if (reader->eof)
        return truncated (error);
      if (!fill (reader, cancellable, error))
        return FALSE;
    }
  if (n_bytes != NULL)
    *n_bytes = total;
  reader->in_body = FALSE;
  reader->after_delimiter = TRUE;
  return TRUE;
}

gboolean
lb_multipart_reader_next_part (LbMultipartReader *reader, char **content_type,
                               GCancellable *cancellable, GError **error)
{
  *content_type = NULL;
  if (reader->finished)
    return FALSE;
  /* Skip the preamble, or the rest of a part the caller did not read. */
  if (!reader->after_delimiter && !copy_to_delimiter (reader, NULL, NULL, cancellable, error))
    return FALSE;
  reader->after_delimiter = FALSE;
  if (!need (reader, 2, cancellable, error))
    return FALSE;
  if (memcmp (reader->buf + reader->start, "--", 2) == 0)
    {
      reader->finished = TRUE;
      return FALSE;
    }
  /* Transport padding, then CRLF, then headers up to an empty line. */
  gssize eol;
  while ((eol = find (reader, "\r\n", 2)) < 0)
    {
      if (reader->end - reader->start > 1024)
        return truncated (error);
      if (!need (reader, reader->end - reader->start + 1, cancellable, error))
        return FALSE;
    }
  reader->start += (size_t) eol + 2;
  /* A part with no headers at all starts with the empty line. */
  if (!need (reader, 2, cancellable, error))
    return FALSE;
  if (memcmp (reader->buf + reader->start, "\r\n", 2) == 0)
    {
      reader->start += 2;
      reader->in_body = TRUE;
      return TRUE;
    }
  gssize headers_end;
  while ((headers_end = find (reader, "\r\n\r\n", 4)) < 0)
    {
      if (reader->end - reader->start > MAX_HEADERS)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "multipart part headers too long");
          return FALSE;
        }
      if (!need (reader, reader->end - reader->start + 1, cancellable, error))
        return FALSE;
    }
  g_autofree char *headers = g_strndup ((const char *) reader->buf + reader->start,
                                        (size_t) headers_end);
  reader->start += (size_t) headers_end + 4;
  g_auto (GStrv) lines = g_strsplit (headers, "\r\n", -1);
  for (char **line = lines; *line != NULL; line++)
    if (g_ascii_strncasecmp (*line, "Content-Type:", 13) == 0)
      *content_type = g_strstrip (g_strdup (*line + 13));
  reader->in_body = TRUE;
  return TRUE;
}

gboolean
lb_multipart_reader_copy_part (LbMultipartReader *reader, GOutputStream *out, guint64 *n_bytes,
                               GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (reader->in_body, FALSE);
  return copy_to_delimiter (reader, out, n_bytes, cancellable, error);
}

char *
lb_multipart_boundary_from_content_type (const char *content_type)
{
  if (content_type == NULL)
    return NULL;
  g_autoptr (GHashTable) params = NULL;
  /* soup_header_parse_semi_param_list handles quoting; the media type is the first item. */
  const char *semi = strchr (content_type, ';');
  if (semi == NULL)
    return NULL;
  params = soup_header_parse_semi_param_list (semi + 1);
  const char *boundary = g_hash_table_lookup (params, "boundary");
  /* RFC 2046 allows 1 to 70 characters; a little leeway, but never near the window size, which
   * the reader needs to hold a whole delimiter. */
  if (boundary == NULL || boundary[0] == '\0' || strlen (boundary) > 200)
    return NULL;
  return g_strdup (boundary);
}
