/* lb-document.h: one opened DICOM file: the parsed dataset, its pipeline numbers and the
 * decoded frame on show. Parsing and decoding run in worker threads. */
#pragma once

#include <gio/gio.h>

#include "lb-dicom-autoptr.h"

G_BEGIN_DECLS

/* A decoded frame and its pipeline numbers; reference-counted, shared by a document (the frame
 * on show) and the frame cache (lb-frame-cache.h). Read-only once made. */
typedef struct {
  LbDicomImageInfo *info;
  LbDicomFrame *frame;
} LbDecodedFrame;

LbDecodedFrame *lb_decoded_frame_new      (LbDicomImageInfo     *info,
                                           LbDicomFrame         *frame);
LbDecodedFrame *lb_decoded_frame_ref      (LbDecodedFrame       *entry);
void            lb_decoded_frame_unref    (LbDecodedFrame       *entry);
gsize           lb_decoded_frame_get_size (const LbDecodedFrame *entry);

#define LB_TYPE_DOCUMENT (lb_document_get_type ())

G_DECLARE_FINAL_TYPE (LbDocument, lb_document, LB, DOCUMENT, GObject)

LbDocument             *lb_document_load              (GFile               *file,
                                                       guint                frame,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
void                    lb_document_load_async        (GFile               *file,
                                                       guint                frame,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
LbDocument             *lb_document_load_finish       (GAsyncResult        *result,
                                                       GError             **error);
LbDecodedFrame         *lb_document_decode_frame      (LbDocument          *self,
                                                       guint                frame,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
void                    lb_document_show_frame        (LbDocument          *self,
                                                       LbDecodedFrame      *entry);
LbDecodedFrame         *lb_document_get_decoded_frame (LbDocument          *self);
gsize                   lb_document_get_size          (LbDocument          *self);
guint                   lb_document_get_serial        (LbDocument          *self);
const char             *lb_document_get_version_key   (LbDocument          *self);
guint                   lb_document_frame_at          (LbDocument          *self,
                                                       guint                place);
guint                   lb_document_place_of          (LbDocument          *self,
                                                       guint                frame);
gboolean                lb_document_frames_reordered  (LbDocument          *self);
LbDocument             *lb_document_new_for_frame     (LbDicomFile         *file,
                                                       LbDicomImageInfo    *info,
                                                       LbDicomFrame        *frame);
/* A frame computed from `source`'s series (a reformatted plane): it takes `info` and `frame`,
 * and the source's file and modality (for the overlay, the probe's unit and the log). */
LbDocument             *lb_document_new_for_plane     (LbDocument          *source,
                                                       LbDicomImageInfo    *info,
                                                       LbDicomFrame        *frame);

GFile                  *lb_document_get_file          (LbDocument *self);
const LbDicomFile      *lb_document_get_dicom         (LbDocument *self);
const LbDicomImageInfo *lb_document_get_image_info    (LbDocument *self);
const LbDicomFrame     *lb_document_get_frame         (LbDocument *self);
const GError           *lb_document_get_pixel_error   (LbDocument *self);
guint                   lb_document_get_n_frames      (LbDocument *self);
guint                   lb_document_get_frame_index   (LbDocument *self);
char                   *lb_document_dup_string        (LbDocument *self,
                                                       uint32_t    tag);
const char             *lb_document_get_modality      (LbDocument *self);
void                    lb_document_set_overlay_note  (LbDocument *self,
                                                       const char *note);
const char             *lb_document_get_overlay_note  (LbDocument *self);
char                   *lb_document_dup_title         (LbDocument *self);

G_END_DECLS
