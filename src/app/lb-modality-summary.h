/* lb-modality-summary.h: the Summary page beside the tag tree (issue 11 §3): the fields a
 * teacher explains for the file's modality (lb-dicom-summary.h, the table `lightbox-cli info`
 * prints), each with its tag; missing ones say "not in this file". */
#pragma once

#include <gtk/gtk.h>

#include "lb-document.h"

G_BEGIN_DECLS

#define LB_TYPE_MODALITY_SUMMARY (lb_modality_summary_get_type ())

G_DECLARE_FINAL_TYPE (LbModalitySummary, lb_modality_summary, LB, MODALITY_SUMMARY, GtkWidget)

GtkWidget  *lb_modality_summary_new          (void);
void        lb_modality_summary_set_document (LbModalitySummary *self,
                                              LbDocument        *document);
/* The rows as shown, one a line: "label\tvalue\t(gggg,eeee)" (for the tests). */
char       *lb_modality_summary_dup_text     (LbModalitySummary *self);

G_END_DECLS
