/* lb-preferences.h: the preferences window (drag direction, style, overlay, histogram). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LB_TYPE_PREFERENCES (lb_preferences_get_type ())

G_DECLARE_FINAL_TYPE (LbPreferences, lb_preferences, LB, PREFERENCES, AdwPreferencesWindow)

GtkWidget *lb_preferences_new (GSettings *settings);

G_END_DECLS
