/* test-remote-multipart.c: the incremental multipart reader of src/remote against bodies that
 * arrive a few bytes at a time, parts larger than its window, near-delimiters in the data, and
 * streams that end early (a server dying mid-transfer). */
#include <string.h>

#include <gio/gio.h>

#include "remote-multipart.h"

/* An input stream that hands out at most `chunk` bytes per read, like a slow network. */
#define TEST_TYPE_CHUNK_STREAM (test_chunk_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestChunkStream, test_chunk_stream, TEST, CHUNK_STREAM, GInputStream)

struct _TestChunkStream {
  GInputStream parent_instance;
  GBytes *data;
  gsize pos;
  gsize chunk;
};

G_DEFINE_TYPE (TestChunkStream, test_chunk_stream, G_TYPE_INPUT_STREAM)

static gssize
chunk_read (GInputStream *stream, void *buffer, gsize count, GCancellable *c, GError **error)
{
  TestChunkStream *self = TEST_CHUNK_STREAM (stream);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (self->data, &len);
  gsize n = MIN (MIN (count, self->chunk), len - self->pos);
  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return (gssize) n;
}

static void
chunk_finalize (GObject *object)
{
  g_bytes_unref (TEST_CHUNK_STREAM (object)->data);
  G_OBJECT_CLASS (test_chunk_stream_parent_class)->finalize (object);
}

static void
test_chunk_stream_class_init (TestChunkStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = chunk_read;
  G_OBJECT_CLASS (klass)->finalize = chunk_finalize;
}

static void
test_chunk_stream_init (TestChunkStream *self)
{
}

static GInputStream *
chunk_stream_new (GBytes *data, gsize chunk)
{
  TestChunkStream *self = g_object_new (TEST_TYPE_CHUNK_STREAM, NULL);
  self->data = g_bytes_ref (data);
  self->chunk = chunk;
  return G_INPUT_STREAM (self);
}

/* A body of n parts; part i holds `sizes[i]` bytes full of near-delimiters. */
static GBytes *
make_body (const char *boundary, GPtrArray *parts, gboolean close)
{
  GString *body = g_string_new ("preamble to ignore\r\n");
  for (guint i = 0; i < parts->len; i++)
    {
      GBytes *part = parts->pdata[i];
      g_string_append_printf (body, "--%s\r\nContent-Type: application/dicom\r\n\r\n", boundary);
      gsize len;
      const char *data = g_bytes_get_data (part, &len);
      g_string_append_len (body, data, (gssize) len);
      g_string_append (body, "\r\n");
    }
  if (close)
    g_string_append_printf (body, "--%s--\r\nepilogue", boundary);
  return g_string_free_to_bytes (body);
}

static GBytes *
make_part (gsize size, guint seed, const char *boundary)
{
  GByteArray *a = g_byte_array_sized_new (size);
  GRand *rand = g_rand_new_with_seed (seed);
  /* Random bytes with, every so often, the delimiter minus its last character. */
  g_autofree char *near = g_strdup_printf ("\r\n--%s", boundary);
  near[strlen (near) - 1] = '\0';
  while (a->len < size)
    {
      gboolean after_near = a->len >= strlen (near)
        && memcmp (a->data + a->len - strlen (near), near, strlen (near)) == 0;
      if (g_rand_int_range (rand, 0, 50) == 0 && a->len + strlen (near) <= size)
        g_byte_array_append (a, (const guint8 *) near, strlen (near));
      else
        {
          guint8 b = (guint8) g_rand_int_range (rand, 0, 256);
          /* Completing the delimiter would end the part: a body never holds it (RFC 2046). */
          if (after_near && b == (guint8) boundary[strlen (boundary) - 1])
            b ^= 0x55;
          g_byte_array_append (a, &b, 1);
        }
    }
  g_rand_free (rand);
  return g_byte_array_free_to_bytes (a);
}

static void
read_all (GBytes *body, const char *boundary, gsize chunk, GPtrArray *expected, gboolean complete)
{
  g_autoptr (GInputStream) in = chunk_stream_new (body, chunk);
  g_autoptr (LbMultipartReader) reader = lb_multipart_reader_new (in, boundary);
  guint n = 0;
  g_autoptr (GError) error = NULL;
  for (;;)
    {
      g_autofree char *type = NULL;
      if (!lb_multipart_reader_next_part (reader, &type, NULL, &error))
        break;
      g_assert_cmpstr (type, ==, "application/dicom");
      g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
      guint64 n_bytes = 0;
      if (!lb_multipart_reader_copy_part (reader, out, &n_bytes, NULL, &error))
        break;
      g_output_stream_close (out, NULL, NULL);
      g_autoptr (GBytes) got = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
      g_assert_cmpuint (n, <, expected->len);
      g_assert_true (g_bytes_equal (got, expected->pdata[n]));
      g_assert_cmpuint (n_bytes, ==, g_bytes_get_size (got));
      n++;
    }
  if (complete)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, expected->len);
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
      g_assert_cmpuint (n, <, expected->len);
    }
}

static void
test_parts_any_chunking (void)
{
  const char *boundary = "lb-test-boundary-0123";
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const gsize sizes[] = { 0, 1, 700, 256 * 1024 - 3, 256 * 1024 + 17, 600000 };
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_ptr_array_add (parts, make_part (sizes[i], i + 1, boundary));
  g_autoptr (GBytes) body = make_body (boundary, parts, TRUE);
  const gsize chunks[] = { 1, 7, 4096, 1 << 20 };
  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    read_all (body, boundary, chunks[c], parts, TRUE);
}

static void
test_truncated_body (void)
{
  /* Cut the body inside the third part and just before the closing delimiter: an error, never
   * a short part handed out as complete. */
  const char *boundary = "b";
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (parts, make_part (100000, i + 10, boundary));
  g_autoptr (GBytes) full = make_body (boundary, parts, TRUE);
  gsize cuts[] = { 250000, g_bytes_get_size (full) - strlen ("--b--\r\nepilogue") - 2 };
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr (GBytes) cut = g_bytes_new_from_bytes (full, 0, cuts[i]);
      read_all (cut, boundary, 4096, parts, FALSE);
    }
  /* No closing delimiter at all, but every part ended: still an error (the answer is cut). */
  g_autoptr (GBytes) unclosed = make_body (boundary, parts, FALSE);
  read_all (unclosed, boundary, 4096, parts, FALSE);
}

static void
test_boundary_parameter (void)
{
  g_autofree char *a = lb_multipart_boundary_from_content_type (
    "multipart/related; type=\"application/dicom\"; boundary=abc123");
  g_assert_cmpstr (a, ==, "abc123");
  g_autofree char *b = lb_multipart_boundary_from_content_type (
    "multipart/related;boundary=\"quoted:b\";type=\"application/dicom\"");
  g_assert_cmpstr (b, ==, "quoted:b");
  g_assert_null (lb_multipart_boundary_from_content_type ("multipart/related"));
  /* A boundary longer than the reader's window could never be found: refused up front. */
  g_autofree char *huge_boundary = g_strnfill (300 * 1024, 'x');
  g_autofree char *huge = g_strconcat ("multipart/related; boundary=", huge_boundary, NULL);
  g_assert_null (lb_multipart_boundary_from_content_type (huge));
  g_assert_null (lb_multipart_boundary_from_content_type (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remote/multipart/any-chunking", test_parts_any_chunking);
  g_test_add_func ("/remote/multipart/truncated", test_truncated_body);
  g_test_add_func ("/remote/multipart/boundary-parameter", test_boundary_parameter);
  return g_test_run ();
}
