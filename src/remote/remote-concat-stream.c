/* remote-concat-stream.c: LbConcatInputStream, streams read in sequence (see the header). */
#include "config.h"

#include "remote-concat-stream.h"

struct _LbConcatInputStream {
  GInputStream parent_instance;
  GPtrArray *streams;
  guint current;
};

G_DEFINE_FINAL_TYPE (LbConcatInputStream, lb_concat_input_stream, G_TYPE_INPUT_STREAM)

static gssize
concat_read (GInputStream *stream, void *buffer, gsize count, GCancellable *cancellable,
             GError **error)
{
  LbConcatInputStream *self = LB_CONCAT_INPUT_STREAM (stream);
  while (self->current < self->streams->len)
    {
      gssize n = g_input_stream_read (self->streams->pdata[self->current], buffer, count,
                                      cancellable, error);
      if (n != 0)
        return n;   /* bytes, or -1 with the error */
      self->current++;
    }
  return 0;
}

static gboolean
concat_close (GInputStream *stream, GCancellable *cancellable, GError **error)
{
  LbConcatInputStream *self = LB_CONCAT_INPUT_STREAM (stream);
  gboolean ok = TRUE;
  for (guint i = 0; i < self->streams->len; i++)
    if (!g_input_stream_close (self->streams->pdata[i], cancellable, ok ? error : NULL))
      ok = FALSE;
  return ok;
}

static void
concat_finalize (GObject *object)
{
  g_ptr_array_unref (LB_CONCAT_INPUT_STREAM (object)->streams);
  G_OBJECT_CLASS (lb_concat_input_stream_parent_class)->finalize (object);
}

static void
lb_concat_input_stream_class_init (LbConcatInputStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = concat_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = concat_close;
  G_OBJECT_CLASS (klass)->finalize = concat_finalize;
}

static void
lb_concat_input_stream_init (LbConcatInputStream *self)
{
  self->streams = g_ptr_array_new_with_free_func (g_object_unref);
}

GInputStream *
lb_concat_input_stream_new (GInputStream *const *streams, guint n)
{
  LbConcatInputStream *self = g_object_new (LB_TYPE_CONCAT_INPUT_STREAM, NULL);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->streams, g_object_ref (streams[i]));
  return G_INPUT_STREAM (self);
}
