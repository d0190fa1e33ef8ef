/* lb-document.c: parsing and decoding off the UI thread (untrusted bytes never run on it);
 * the finished document is handed to the UI thread, which only reads it. */
#include "config.h"

#define G_LOG_DOMAIN "lb-document"

#include <stdlib.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lb-document.h"
#include "lb-error.h"
#include "lb-file-version.h"

struct _LbDocument
{
  GObject parent_instance;

  GFile *file;
  LbDicomFile *dicom;
  LbDecodedFrame *current;            /* the frame on show, shared with the frame cache */
  LbDicomImageInfo *info;              /* borrowed from current */
  LbDicomFrame *frame;                 /* borrowed from current */
  GError *pixel_error;
  guint serial;                        /* tells documents apart in cache keys */
  char *version_key;                   /* lb_file_version_key of the file before it was read */
  uint32_t *frame_order;               /* frame at each place (enhanced objects), or NULL; malloc'd */
  guint n_frames;
  char *modality;
  char *overlay_note;                  /* a plane's name, position and slab, or NULL */
  /* The parser object must not be used by two threads at once: frame decodes take this. */
  GMutex mutex;
};

G_DEFINE_FINAL_TYPE (LbDocument, lb_document, G_TYPE_OBJECT)

static void
lb_document_finalize (GObject *object)
{
  LbDocument *self = LB_DOCUMENT (object);

  g_clear_object (&self->file);
  g_free (self->version_key);
  g_clear_pointer (&self->current, lb_decoded_frame_unref);
  g_clear_pointer (&self->dicom, lb_dicom_file_free);
  g_clear_error (&self->pixel_error);
  g_clear_pointer (&self->modality, g_free);
  g_clear_pointer (&self->overlay_note, g_free);
  g_clear_pointer (&self->frame_order, free);
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
  static guint next_serial;

  g_mutex_init (&self->mutex);
  self->n_frames = 1;
  self->serial = g_atomic_int_add (&next_serial, 1) + 1;
}

/* ---- Decoded frames --------------------------------------------------------------------- */

static void
decoded_frame_clear (LbDecodedFrame *entry)
{
  g_clear_pointer (&entry->info, lb_dicom_image_info_free);
  g_clear_pointer (&entry->frame, lb_dicom_frame_free);
}

/* Takes both. */
LbDecodedFrame *
lb_decoded_frame_new (LbDicomImageInfo *info,
                      LbDicomFrame     *frame)
{
  LbDecodedFrame *entry = g_atomic_rc_box_new0 (LbDecodedFrame);

  entry->info = info;
  entry->frame = frame;
  return entry;
}

LbDecodedFrame *
lb_decoded_frame_ref (LbDecodedFrame *entry)
{
  return g_atomic_rc_box_acquire (entry);
}

void
lb_decoded_frame_unref (LbDecodedFrame *entry)
{
  g_atomic_rc_box_release_full (entry, (GDestroyNotify) decoded_frame_clear);
}

gsize
lb_decoded_frame_get_size (const LbDecodedFrame *entry)
{
  return sizeof *entry + (entry->frame != NULL ? entry->frame->data_len : 0);
}

/* Makes `entry` (which may be NULL) the frame on show. */
static void
set_current (LbDocument     *self,
             LbDecodedFrame *entry)
{
  g_clear_pointer (&self->current, lb_decoded_frame_unref);
  self->current = entry;
  self->info = entry != NULL ? entry->info : NULL;
  self->frame = entry != NULL ? entry->frame : NULL;
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

/* Files from this size on keep only their header in memory and read each native frame when
 * it is decoded (a 184 MB ultrasound loop would otherwise sit whole beside the frame cache,
 * issue 12 §4). Smaller files are copied whole: the copy is cheap, needs no open file, and
 * keeps showing the version opened when the file is rewritten. */
#define FRAMES_ON_DEMAND_FROM ((goffset) 16 << 20)

static LbDicomReadFlags
read_flags (const char *path)
{
  GStatBuf st;
  const char *from = g_getenv ("LIGHTBOX_FRAMES_ON_DEMAND_FROM");   /* tests: a smaller size */
  goffset threshold = from != NULL ? g_ascii_strtoll (from, NULL, 10) : FRAMES_ON_DEMAND_FROM;

  if (g_stat (path, &st) == 0 && (goffset) st.st_size >= threshold)
    return LB_DICOM_READ_FRAMES_ON_DEMAND;
  return LB_DICOM_READ_DEFAULT;
}

/* Parses `file` and decodes frame `index` (the first when there is no such frame). Any thread;
 * the document is not shared yet. */
LbDocument *
lb_document_load (GFile         *file,
                  guint          index,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr (LbDocument) self = g_object_new (LB_TYPE_DOCUMENT, NULL);
  g_autofree char *path = g_file_get_path (file);
  LbDicomError *derr = NULL;
  LbDicomFrameInfo finfo;

  self->file = g_object_ref (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only local files can be opened"));
      return NULL;
    }

  /* Taken before the read: a file rewritten during it gets a newer key, and is read again. */
  self->version_key = lb_file_version_key (file);
  self->dicom = lb_dicom_file_new (NULL);
  if (!lb_dicom_file_read_path (self->dicom, path, read_flags (path), &derr))
    {
      g_propagate_error (error, lb_error_from_dicom (derr));
      lb_dicom_error_free (derr);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

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
      /* Enhanced objects: frames in the order of their positions in space. */
      self->frame_order = lb_dicom_file_frame_order (self->dicom, self->n_frames);
      if (self->frame_order != NULL)
        g_debug ("frames in the order of their Plane Position (Patient)");
      index = lb_document_frame_at (self, index);
      LbDicomImageInfo *info = NULL;
      LbDicomFrame *frame = NULL;

      if (decode_frame_locked (self, index, &info, &frame, &self->pixel_error))
        set_current (self, lb_decoded_frame_new (info, frame));
    }
  return g_steal_pointer (&self);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "frame"));
  LbDocument *self = lb_document_load (task_data, index, cancellable, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
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

/* Decodes frame `index` into a new entry. Any thread: the parser object is taken in turn. */
LbDecodedFrame *
lb_document_decode_frame (LbDocument    *self,
                          guint          index,
                          GCancellable  *cancellable,
                          GError       **error)
{
  LbDicomImageInfo *info = NULL;
  LbDicomFrame *frame = NULL;
  gboolean ok;

  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  if (self->dicom == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no file");
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_mutex_lock (&self->mutex);
  ok = decode_frame_locked (self, MIN (index, self->n_frames - 1), &info, &frame, error);
  g_mutex_unlock (&self->mutex);
  if (!ok)
    {
      g_debug ("frame %u not decoded: %s", index + 1, error && *error ? (*error)->message : "");
      return NULL;
    }
  /* A file copied whole (dicom-read.c) gives a later frame of the version opened, even when the
   * file was rewritten or cut since; a large one read on demand (read_flags) fails above with
   * "the file changed after it was opened" instead, never pixels of another version. */
  g_debug ("frame %u decoded", index + 1);
  return lb_decoded_frame_new (info, frame);
}

/* Shows a frame decoded earlier (lb_document_decode_frame) of this document. UI thread. */
void
lb_document_show_frame (LbDocument     *self,
                        LbDecodedFrame *entry)
{
  g_return_if_fail (LB_IS_DOCUMENT (self));
  g_return_if_fail (entry != NULL);
  if (entry != self->current)
    set_current (self, lb_decoded_frame_ref (entry));
}

LbDocument *
lb_document_new_for_frame (LbDicomFile      *file,
                           LbDicomImageInfo *info,
                           LbDicomFrame     *frame)
{
  LbDocument *self = g_object_new (LB_TYPE_DOCUMENT, NULL);

  self->dicom = file;
  if (info != NULL || frame != NULL)
    set_current (self, lb_decoded_frame_new (info, frame));
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

/* What the document holds in memory: the file's bytes held (not the frames left in the file)
 * and the frame on show. */
gsize
lb_document_get_size (LbDocument *self)
{
  size_t len = 0;

  g_return_val_if_fail (LB_IS_DOCUMENT (self), 0);
  if (self->dicom != NULL)
    len = lb_dicom_file_get_held_bytes (self->dicom);
  return sizeof *self + len + (self->current != NULL ? lb_decoded_frame_get_size (self->current) : 0);
}

/* The frame shown at `place` (the frames of an enhanced object are placed by position). */
guint
lb_document_frame_at (LbDocument *self,
                      guint       place)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), place);
  if (self->frame_order == NULL || place >= self->n_frames)
    return place;
  return self->frame_order[place];
}

guint
lb_document_place_of (LbDocument *self,
                      guint       frame)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), frame);
  for (guint i = 0; self->frame_order != NULL && i < self->n_frames; i++)
    if (self->frame_order[i] == frame)
      return i;
  return frame;
}

/* The frames are shown in an order other than the file's (by position). */
gboolean
lb_document_frames_reordered (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), FALSE);
  return self->frame_order != NULL;
}

guint
lb_document_get_serial (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), 0);
  return self->serial;
}

/* The version of the file this document was read from (lb_file_version_key), or NULL for a
 * document made in memory. */
const char *
lb_document_get_version_key (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->version_key;
}

LbDecodedFrame *
lb_document_get_decoded_frame (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->current;
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

/* Lines (\n between) the canvas shows for a document that is not a file's own frame: a
 * reformatted plane says which plane, where and which slab (lb-reformat-note.c). */
void
lb_document_set_overlay_note (LbDocument *self,
                              const char *note)
{
  g_return_if_fail (LB_IS_DOCUMENT (self));
  g_free (self->overlay_note);
  self->overlay_note = g_strdup (note);
}

const char *
lb_document_get_overlay_note (LbDocument *self)
{
  g_return_val_if_fail (LB_IS_DOCUMENT (self), NULL);
  return self->overlay_note;
}
