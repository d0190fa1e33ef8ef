/* lb-study-browser.h: the sidebar's Studies page: Patient → Study → Series, a row per stack
 * with its thumbnail, from the study model (src/study) of the opened folder, DICOMDIR or zip. */
#pragma once

#include <gtk/gtk.h>

#include "lb-study-browser-missing.h"

G_BEGIN_DECLS

#define LB_TYPE_STUDY_BROWSER (lb_study_browser_get_type ())

G_DECLARE_FINAL_TYPE (LbStudyBrowser, lb_study_browser, LB, STUDY_BROWSER, GtkWidget)

GtkWidget *lb_study_browser_new            (void);
/* Reads `folder` (and its subfolders when `deep`) in a worker and lists what it holds;
 * ::scanned follows. */
void       lb_study_browser_set_folder     (LbStudyBrowser *self,
                                            GFile          *folder,
                                            gboolean        deep);
/* Takes `missing` (lb-study-browser-missing.h): while its folder is the one listed, a row under
 * each series names the files the DICOMDIR lists and the media lacks. NULL takes it back. */
void       lb_study_browser_set_missing    (LbStudyBrowser    *self,
                                            LbDicomdirMissing *missing);
/* The files of the listed stack that holds `file` (GFile, in slice order, owned), or NULL when
 * no listed stack does. */
GPtrArray *lb_study_browser_get_stack      (LbStudyBrowser *self,
                                            GFile          *file);
/* Every listed file of the study that holds `file` (GFile, owned; series by series, each in
 * slice order), or NULL when no listed study does. */
GPtrArray *lb_study_browser_get_study_files (LbStudyBrowser *self,
                                             GFile          *file);
/* Selects the row of the stack that holds `file` (without activating it). */
void       lb_study_browser_select_file    (LbStudyBrowser *self,
                                            GFile          *file);
/* Rows of series stacks listed, and how many of them show their thumbnail. */
guint      lb_study_browser_get_n_series   (LbStudyBrowser *self);
guint      lb_study_browser_get_n_thumbnails (LbStudyBrowser *self);
/* Activates the n-th series row, as a click does. */
void       lb_study_browser_activate_series (LbStudyBrowser *self,
                                             guint           n);

G_END_DECLS
