/* lb-presentation.h: presentation mode (F11, issue 11 §5): full screen with the sidebar, the
 * tag pane and the histogram hidden (and restored on leaving, settings untouched), the corner
 * text and measurement labels in a large font (Preferences: "Presentation text size"), and
 * the window's C/W shown large on the image while it changes. */
#pragma once

#include "lb-window.h"

G_BEGIN_DECLS

/* Sets the mode up for a window (once, from its init). */
void     lb_presentation_attach    (LbWindow *window);
/* Enters or leaves the mode (win.fullscreen). */
void     lb_presentation_toggle    (LbWindow *window);
gboolean lb_presentation_is_active (LbWindow *window);

G_END_DECLS
