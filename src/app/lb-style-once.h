/* lb-style-once.h: libadwaita's stylesheet parsed once at start-up (see lb-style-once.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void lb_style_once_prepare (void);
void lb_style_once_load    (void);

G_END_DECLS
