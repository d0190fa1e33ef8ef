/* lb-series-export-dialog.h: File ▸ Export Series…: the shown series as PNGs into a folder
 * (a new one beside the series by default), 8-bit as displayed or 16-bit data, with progress
 * and Cancel. The work is lb-series-export.c's. */
#pragma once

#include <adwaita.h>

#include "lb-series-export.h"

G_BEGIN_DECLS

#define LB_TYPE_SERIES_EXPORT_DIALOG (lb_series_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbSeriesExportDialog, lb_series_export_dialog, LB, SERIES_EXPORT_DIALOG,
                      AdwWindow)

/* `files` (GFile) are the series; `display` the options of the window on screen (its `kind` is
 * the dialog's choice). When the run ends it emits "finished" (guint written, GFile *folder,
 * const char *error or NULL, gboolean cancelled) and closes. */
LbSeriesExportDialog *lb_series_export_dialog_new (GtkWindow                   *parent,
                                                   GPtrArray                   *files,
                                                   const LbSeriesExportOptions *display);

GFile *lb_series_export_dialog_get_folder (LbSeriesExportDialog *self);
void   lb_series_export_dialog_set_folder (LbSeriesExportDialog *self,
                                           GFile                *folder);

G_END_DECLS
