/* lb-metadata-view.h: the tag tree of the displayed file, with search and copy. */
#pragma once

#include <gtk/gtk.h>

#include "lb-document.h"

G_BEGIN_DECLS

#define LB_TYPE_METADATA_VIEW (lb_metadata_view_get_type ())

G_DECLARE_FINAL_TYPE (LbMetadataView, lb_metadata_view, LB, METADATA_VIEW, GtkWidget)

GtkWidget  *lb_metadata_view_new          (void);
void        lb_metadata_view_set_document (LbMetadataView *self,
                                           LbDocument     *document);
void        lb_metadata_view_set_search   (LbMetadataView *self,
                                           const char     *text);
void        lb_metadata_view_focus_search (LbMetadataView *self);
GListModel *lb_metadata_view_get_model    (LbMetadataView *self);
/* The detail line under the tree: the selected row in full ("" with no selection). */
const char *lb_metadata_view_get_detail   (LbMetadataView *self);
/* The bytes panel under the tree and the Summary page (lb-element-bytes.h,
 * lb-modality-summary.h). */
GtkWidget  *lb_metadata_view_get_element_bytes    (LbMetadataView *self);
GtkWidget  *lb_metadata_view_get_modality_summary (LbMetadataView *self);

G_END_DECLS
