/* lb-file-browser.h: the opened folder and its subfolders, DICOM files only (by content),
 * each series in anatomical order. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LB_TYPE_FILE_BROWSER (lb_file_browser_get_type ())

G_DECLARE_FINAL_TYPE (LbFileBrowser, lb_file_browser, LB, FILE_BROWSER, GtkWidget)

GtkWidget *lb_file_browser_new                 (void);
/* Scans `folder` and its subfolders in a worker, showing progress and a Stop button;
 * ::folder-scanned then names the first file (or NULL). */
void       lb_file_browser_set_folder          (LbFileBrowser *self,
                                                GFile         *folder);
/* Scans `folder` only (not its subfolders) and selects `file` there, emitting ::file-activated for it when done so
 * the window learns its series. For a DICOMDIR, the subfolders are scanned too (the files it
 * lists), and nothing is activated. */
void       lb_file_browser_set_folder_for_file (LbFileBrowser *self,
                                                GFile         *folder,
                                                GFile         *file);
/* Ends a deep scan early; the files found so far are listed. */
void       lb_file_browser_stop_scan           (LbFileBrowser *self);
gboolean   lb_file_browser_is_restoring        (LbFileBrowser *self);
void       lb_file_browser_select_file         (LbFileBrowser *self,
                                                GFile         *file);
/* The files of `file`'s series in the same folder, in slice order (GFile, owned). */
GPtrArray *lb_file_browser_get_series          (LbFileBrowser *self,
                                                GFile         *file);
GListModel *lb_file_browser_get_model          (LbFileBrowser *self);

G_END_DECLS
