/* lb-thumbnailer.c: thumbnails in a worker pool, cached as PNGs (lb-thumbnailer.h). The image
 * goes through the display pipeline the export uses (lb-dicom-pixel.h: the default display of
 * the frame, reduced by box means, mapped by the folded LUT) and is written with lb_png_write,
 * which writes atomically: a reader never sees half a thumbnail. */
#include "config.h"

#define G_LOG_DOMAIN "lb-thumbnailer"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lb-dicom-autoptr.h"
#include "lb-png.h"
#include "lb-thumbnail-trim.h"
#include "lb-thumbnailer.h"

/* Two threads at most: the machine has two cores, and the viewer's own decoding comes first. */
#define MAX_THREADS 2

struct _LbThumbnailer
{
  GObject parent_instance;

  GThreadPool *pool;
  guint n_rendered;                    /* atomic */
  guint n_cached;                      /* atomic */
};

G_DEFINE_FINAL_TYPE (LbThumbnailer, lb_thumbnailer, G_TYPE_OBJECT)

typedef struct {
  char *path;
  guint frame;
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request);
}

char *
lb_thumbnailer_cache_path (const char *path,
                           guint       frame)
{
  GStatBuf st;
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (g_stat (path, &st) != 0)
    return NULL;
  /* The size and the modification time (to the nanosecond) tell a changed file from the one
   * the thumbnail was made of; the size in pixels is part of the key too. */
  key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT ".%09ld\n%u\n%d", path,
                         (gint64) st.st_size, (gint64) st.st_mtim.tv_sec,
                         (long) st.st_mtim.tv_nsec, frame, LB_THUMBNAIL_SIZE);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strconcat (hash, ".png", NULL);
  return g_build_filename (g_get_user_cache_dir (), "lightbox", "thumbnails", name, NULL);
}

static gboolean
set_dicom_error (GError **error, LbDicomError *derr)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       derr != NULL && derr->message != NULL ? derr->message : _("Unknown error"));
  return FALSE;
}

/* Renders the frame into a PNG at `cache_path`. */
static gboolean
render (const char *path,
        guint       frame_index,
        const char *cache_path,
        GError    **error)
{
  g_autoptr (LbDicomFile) file = lb_dicom_file_new (NULL);
  g_autoptr (LbDicomError) derr = NULL;
  g_autoptr (LbDicomFrame) frame = NULL;
  g_autoptr (LbDicomFrame) small = NULL;
  g_autoptr (LbDicomImageInfo) info = NULL;
  g_autoptr (LbDicomDisplayLut) lut = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree char *folder = g_path_get_dirname (cache_path);
  LbDicomDisplay display;
  guint32 width, height;

  if (!lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &derr)
      || !lb_dicom_file_decode_frame (file, frame_index, &frame, &derr)
      || (info = lb_dicom_file_get_image_info (file, frame_index, &derr)) == NULL)
    return set_dicom_error (error, derr);

  /* The whole image in a LB_THUMBNAIL_SIZE square, its aspect kept. */
  width = frame->width >= frame->height ? LB_THUMBNAIL_SIZE
          : MAX (1, (guint32) ((guint64) frame->width * LB_THUMBNAIL_SIZE / frame->height));
  height = frame->height >= frame->width ? LB_THUMBNAIL_SIZE
           : MAX (1, (guint32) ((guint64) frame->height * LB_THUMBNAIL_SIZE / frame->width));
  width = MIN (width, frame->width);
  height = MIN (height, frame->height);
  small = lb_dicom_frame_reduce (frame, width, height);
  if (small == NULL)
    return set_dicom_error (error, NULL);
  /* The display of the whole frame (its stored window, else its full range), applied to the
   * reduced copy. */
  lb_dicom_display_init (&display, info, frame);
  lut = lb_dicom_display_lut_new (small);
  if (lut == NULL)
    return set_dicom_error (error, NULL);
  lb_dicom_display_lut_build (lut, &display);
  pixels = g_malloc ((gsize) width * height * 3);
  lb_dicom_render (lut, small, LB_DICOM_RENDER_RGB24, pixels, (gsize) width * 3);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", folder,
                   g_strerror (errno));
      return FALSE;
    }
  {
    LbPngImage image = { .width = width, .height = height, .channels = 3, .bit_depth = 8,
                         .pixels = pixels, .stride = (gsize) width * 3 };
    g_autoptr (LbDicomError) werr = NULL;

    /* Another thread may have written the same thumbnail meanwhile: that one will do. */
    if (!lb_png_write (cache_path, &image, &werr) && !g_file_test (cache_path, G_FILE_TEST_EXISTS))
      return set_dicom_error (error, werr);
  }
  return TRUE;
}

static void
work (gpointer data,
      gpointer user_data)
{
  g_autoptr (GTask) task = data;
  LbThumbnailer *self = user_data;
  Request *request = g_task_get_task_data (task);
  g_autofree char *cache_path = NULL;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;
  cache_path = lb_thumbnailer_cache_path (request->path, request->frame);
  if (cache_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: %s", request->path,
                               g_strerror (errno));
      return;
    }
  if (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR))
    {
      g_atomic_int_inc (&self->n_cached);
      g_debug ("thumbnail from cache: %s", request->path);
    }
  else if (render (request->path, request->frame, cache_path, &error))
    {
      g_atomic_int_inc (&self->n_rendered);
      g_debug ("thumbnail rendered: %s", request->path);
    }
  else
    {
      g_debug ("no thumbnail for %s: %s", request->path, error->message);
      g_task_return_error (task, error);
      return;
    }
  texture = gdk_texture_new_from_filename (cache_path, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

void
lb_thumbnailer_load_async (LbThumbnailer       *self,
                           const char          *path,
                           guint                frame,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->path = g_strdup (path);
  request->frame = frame;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_thread_pool_push (self->pool, task, NULL);
}

GdkTexture *
lb_thumbnailer_load_finish (LbThumbnailer *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
lb_thumbnailer_get_n_rendered (LbThumbnailer *self)
{
  return (guint) g_atomic_int_get (&self->n_rendered);
}

guint
lb_thumbnailer_get_n_cached (LbThumbnailer *self)
{
  return (guint) g_atomic_int_get (&self->n_cached);
}

LbThumbnailer *
lb_thumbnailer_get_default (void)
{
  static LbThumbnailer *thumbnailer;
  static gsize made;

  if (g_once_init_enter (&made))
    {
      thumbnailer = g_object_new (LB_TYPE_THUMBNAILER, NULL);
      g_once_init_leave (&made, 1);
    }
  return thumbnailer;
}

static void
lb_thumbnailer_finalize (GObject *object)
{
  LbThumbnailer *self = LB_THUMBNAILER (object);

  g_thread_pool_free (self->pool, TRUE, TRUE);
  G_OBJECT_CLASS (lb_thumbnailer_parent_class)->finalize (object);
}

static void
lb_thumbnailer_class_init (LbThumbnailerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_thumbnailer_finalize;
}

static void
lb_thumbnailer_init (LbThumbnailer *self)
{
  /* Non-exclusive: the threads come from GLib's shared pool and go back to it when idle. */
  self->pool = g_thread_pool_new (work, self, MAX_THREADS, FALSE, NULL);
  /* The first thumbnailer of the run keeps the cache to its bound. */
  lb_thumbnail_trim_cache_once ();
}
