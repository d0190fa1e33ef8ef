/* lb-document.h: one opened DICOM file: the parsed dataset, its pipeline numbers and the
 * decoded frame on show. Parsing and decoding run in worker threads. */
#pragma once

#include <gio/gio.h>

#include "lb-dicom-autoptr.h"

G_BEGIN_DECLS

#define LB_TYPE_DOCUMENT (lb_document_get_type ())

G_DECLARE_FINAL_TYPE (LbDocument, lb_document, LB, DOCUMENT, GObject)

void                    lb_document_load_async        (GFile               *file,
                                                       guint                frame,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
LbDocument             *lb_document_load_finish       (GAsyncResult        *result,
                                                       GError             **error);
void                    lb_document_decode_frame_async (LbDocument         *self,
                                                       guint                frame,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean                lb_document_decode_frame_finish (LbDocument        *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);
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
char                   *lb_document_dup_title         (LbDocument *self);

G_END_DECLS
