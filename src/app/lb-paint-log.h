/* lb-paint-log.h: a debug line once a state a widget drew has been painted to the screen. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean lb_paint_log_enabled (const char *log_domain);
void     lb_paint_log_note    (GtkWidget  *widget,
                               const char *log_domain,
                               const char *description);

G_END_DECLS
