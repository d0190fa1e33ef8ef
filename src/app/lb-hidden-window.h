/* lb-hidden-window.h: the words for a window that hides the image (lb_dicom_window_hint), said
 * where a student looks: a line in the pipeline view, the viewer's toast (lb-window-hidden.c). */
#pragma once

#include <gtk/gtk.h>

#include "lb-dicom-measure.h"

G_BEGIN_DECLS

/* "The window leaves 99 % of the pixels black: its range 3,016 … 57,297 lies above most values
 * (max 12,107). Try Auto (A) or a preset." for a hint whose side is not NONE. */
char *lb_hidden_window_describe (const LbDicomWindowHint *hint);
/* The toast's shorter title: "The file’s window leaves 99 % of the pixels black". */
char *lb_hidden_window_headline (const LbDicomWindowHint *hint);
/* Shows `label` with the description when `display` hides `frame`, hides it otherwise (also
 * for a NULL frame); logs "window hides the image: …" or "window shows the image". */
void  lb_hidden_window_update_label (GtkLabel             *label,
                                     const LbDicomFrame   *frame,
                                     const LbDicomDisplay *display);

G_END_DECLS
