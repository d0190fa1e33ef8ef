/* lb-window.h: the main window: header bar, file browser | image + histogram | tag tree. */
#pragma once

#include <adwaita.h>

#include "lb-application.h"
#include "lb-png.h"

G_BEGIN_DECLS

#define LB_TYPE_WINDOW (lb_window_get_type ())

G_DECLARE_FINAL_TYPE (LbWindow, lb_window, LB, WINDOW, AdwApplicationWindow)

LbWindow *lb_window_new        (LbApplication *application);
void      lb_window_open_files (LbWindow      *self,
                                GFile        **files,
                                int            n_files);
void      lb_window_show_empty (LbWindow      *self);
/* The frame on show to a PNG (File ▸ Export Image; lb-window-export.c). */
gboolean  lb_window_export_png (LbWindow        *self,
                                GFile           *target,
                                LbPngExportKind  kind,
                                GError         **error);

/* For tests. */
GtkWidget  *lb_window_get_canvas      (LbWindow *self);
GtkWidget  *lb_window_get_histogram   (LbWindow *self);
GMenuModel *lb_window_get_window_menu (LbWindow *self);
GMenuModel *lb_window_get_recent_menu (LbWindow *self);
const char *lb_window_get_window_label (LbWindow *self);
gpointer    lb_window_get_document    (LbWindow *self);

G_END_DECLS
