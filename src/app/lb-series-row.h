/* lb-series-row.h: a row of the study browser: one stack of a series, with its thumbnail
 * (the middle image, loaded by the thumbnailer), modality, description, date and size. */
#pragma once

#include <gtk/gtk.h>

#include "lb-study.h"

G_BEGIN_DECLS

#define LB_TYPE_SERIES_ROW (lb_series_row_get_type ())

G_DECLARE_FINAL_TYPE (LbSeriesRow, lb_series_row, LB, SERIES_ROW, GtkListBoxRow)

/* `series` and `stack` are borrowed: the browser keeps the model they belong to while the row
 * lives. `study_date` names the date when the series has none of its own. */
GtkWidget  *lb_series_row_new             (const LbStudySeries *series,
                                           guint                stack_index,
                                           const char          *study_date);
/* The stack's files in the viewer's slice order (GFile, owned: the highest position first, as
 * in the Files list), and the index of the one shown first (the thumbnail's). */
GPtrArray  *lb_series_row_get_files       (LbSeriesRow         *self,
                                           guint               *middle);
/* The file and frame the thumbnail shows. */
const char *lb_series_row_get_thumbnail_path (LbSeriesRow      *self,
                                              guint            *frame);
void        lb_series_row_set_thumbnail   (LbSeriesRow         *self,
                                           GdkTexture          *texture);
gboolean    lb_series_row_has_thumbnail   (LbSeriesRow         *self);

G_END_DECLS
