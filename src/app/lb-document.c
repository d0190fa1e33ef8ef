/* lb-document.c: parsing and decoding off the UI thread (untrusted bytes never run on it);
 * the finished document is handed to the UI thread, which only reads it. */
#include "config.h"

#define G_LOG_DOMAIN "lb-document"

#include <glib/gi18n.h>

#include "lb-document.h"
#include "lb-error.h"

struct _LbDocument
{
  GObject parent_instance;

  GFile *file;
  LbDicomFile *dicom;
  LbDicomImageInfo *info;
  LbDicomFrame *frame;
  GError *pixel_error;
  guint n_frames;
  char *modality;
  /* The parser object must not be used by two threads at once: frame decodes take this. */
  GMutex mutex;
};

G_DEFINE_FINAL_TYPE (LbDocument, lb_document, G_TYPE_OBJECT)

static void
lb_document_finalize (GObject *object)
{
  LbDocument *self = LB_DOCUMENT (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->frame, lb_dicom_frame_free);
  g_clear_pointer (&self->info, lb_dicom_image_info_free);
  g_clear_pointer (&self->dicom, lb_dicom_file_free);
  g_clear_error (&self->pixel_error);
  g_clear_pointer (&self->modality, g_free);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (lb_document_parent_class)->finalize (object);
}

static void
lb_document_class_init (LbDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lb_document_finalize;
}

static void
lb_document_init (LbDocument *self)
{
  g_mutex_init (&self->mutex);
  self->n_frames = 1;
}

static char *
dup_dicom_string (const LbDicomFile *dicom,
                  uint32_t           tag)
{
  char *s;
  char *copy;

  if (dicom == NULL)
    return NULL;
  s = lb_dicom_file_get_string (dicom, tag);
  if (s == NULL)
    return NULL;
  /* Values are UTF-8 from the parser; escape control characters before GTK sees them. */
  copy = lb_dicom_escape_text (s);
  free (s);
  if (copy == NULL)
    return NULL;
  s = g_strdup (copy);
  free (copy);
  return s;
}

/* Decodes frame `index` of self->dicom. Called with the mutex held (or before the document is
 * shared). */
static gboolean
decode_frame_locked (LbDocument        *self,
                     guint              index,
                     LbDicomImageInfo **info_out,
                     LbDicomFrame     **frame_out,
                     GError           **error)
{
  LbDicomError *derr = NULL;
  LbDicomImageInfo *info;
  LbDicomFrame *frame = NULL;

  info = lb_dicom_file_get_image_info (self->dicom, index, &derr);
  if (info == NULL)
    {
      g_propagate_error (error, lb_error_from_dicom (derr));
      lb_dicom_error_free (derr);
      return FALSE;
    }
  if (!lb_dicom_file_decode_frame (self->dicom, index, &frame, &derr))
    {
      g_propagate_error (error, lb_error_from_dicom (derr));
      lb_dicom_error_free (derr);
      lb_dicom_image_info_free (info);
      return FALSE;
    }
  *info_out = info;
  *frame_out = frame;
  return TRUE;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr (LbDocument) self = g_object_new (LB_TYPE_DOCUMENT, NULL);
  g_autofree char *path = g_file_get_path (file);
  LbDicomError *derr = NULL;
  LbDicomFrameInfo finfo;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "frame"));

  self->file = g_object_ref (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be opened"));
      return;
    }

  self->dicom = lb_dicom_file_new (NULL);
  if (!lb_dicom_file_read_path (self->dicom, path, LB_DICOM_READ_DEFAULT, &derr))
    {
      g_task_return_error (task, lb_error_from_dicom (derr));
      lb_dicom_error_free (derr);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  self->modality = dup_dicom_string (self->dicom, LB_DICOM_TAG (0x0008, 0x0060));

  /* The metadata is good from here on: a pixel failure is kept and shown, not fatal. */
  if (!lb_dicom_file_get_frame_info (self->dicom, &finfo, &derr))
    {
      self->pixel_error = lb_error_from_dicom (derr);
      lb_dicom_error_free (derr);
    }
  else
    {
      self->n_frames = MAX (finfo.frames, 1);
      if (index >= self->n_frames)
        index = 0;
      decode_frame_locked (self, index, &self->info, &self->frame, &self->pixel_error);
    }

  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

void
lb_document_load_async (GFile               *file,
                        guint                frame,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "frame", GUINT_TO_POINTER (frame));
  g_task_run_in_thread (task, load_worker);
}

LbDocument *
lb_document_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  guint index;
  LbDicomImageInfo *info;
  LbDicomFrame *frame;
} FrameData;

static void
frame_data_free (FrameData *data)
{
  g_clear_pointer (&data->info, lb_dicom_image_info_free);
  g_clear_pointer (&data->frame, lb_dicom_frame_free);
  g_free (data);
}

static void
frame_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LbDocument *self = source_object;
  FrameData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  g_mutex_lock (&self->mutex);
  ok = decode_frame_locked (self, data->index, &data->info, &data->frame, &error);
  g_mutex_unlock (&self->mutex);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
lb_document_decode_frame_async (LbDocument          *self,
                                guint                frame,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  FrameData *data;

  g_return_if_fail (LB_IS_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_document_decode_frame_async);
  data = g_new0 (FrameData, 1);
  data->index = MIN (frame, self->n_frames - 1);
  g_task_set_task_data (task, data, (GDestroyNotify) frame_data_free);
  if (self->dicom == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no file");
      return;
    }
  g_task_run_in_thread (task, frame_worker);
}

gboolean
lb_document_decode_frame_finish (LbDocument    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  FrameData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  data = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      g_debug ("frame %u not decoded: %s", data->index + 1, error && *error ? (*error)->message : "");
      return FALSE;
    }
  /* The file is a copy in memory (dicom-read.c): a later frame comes from the version that was
   * opened, even when the file was rewritten or cut since. */
  g_debug ("frame %u decoded", data->index + 1);
  g_clear_pointer (&self->info, lb_dicom_image_info_free);
  g_clear_pointer (&self->frame, lb_dicom_frame_free);
  self->info = g_steal_pointer (&data->info);
  self->frame = g_steal_pointer (&data->frame);
  return TRUE;
}

LbDocument *
lb_document_new_for_frame (LbDicomFile      *file,
                           LbDicomImageInfo *info,
                           LbDicomFrame     *frame)
{
  LbDocument *self = g_object_new (LB_TYPE_DOCUMENT, NULL);

  self->dicom = file;
  self->info = info;
  self->frame = frame;
  if (file != NULL)
    self->modality = dup_dicom_string (file, LB_DICOM_TAG (0x0008, 0x0060));
  return self;
}

LbDocument *
lb_document_new_for_plane (LbDocument       *source,
                           LbDicomImageInfo *info,
                           LbDicomFrame     *frame)
{
  LbDocument *self = lb_document_new_for_frame (NULL, info, frame);

  g_set_object (&self->file, source->file);
  self->modality = g_strdup (source->modality);
  return self;
}

GFile *
lb_document_get_file (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->file;
}

const LbDicomFile *
lb_document_get_dicom (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->dicom;
}

const LbDicomImageInfo *
lb_document_get_image_info (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->info;
}

const LbDicomFrame *
lb_document_get_frame (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->frame;
}

const GError *
lb_document_get_pixel_error (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->pixel_error;
}

guint
lb_document_get_n_frames (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), 1);
  return self->n_frames;
}

guint
lb_document_get_frame_index (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), 0);
  return self->frame != NULL ? self->frame->index : 0;
}

char *
lb_document_dup_string (LbDocument *self,
                        uint32_t    tag)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return dup_dicom_string (self->dicom, tag);
}

const char *
lb_document_get_modality (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->modality;
}

char *
lb_document_dup_title (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Image"));
}
