/* lb-application.h: the Lightbox application (one instance, opens files and folders). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LB_TYPE_APPLICATION (lb_application_get_type ())

G_DECLARE_FINAL_TYPE (LbApplication, lb_application, LB, APPLICATION, AdwApplication)

LbApplication *lb_application_new             (void);
GSettings     *lb_application_get_settings    (LbApplication *self);
const char    *lb_application_get_locale_dir  (void);
char          *lb_application_find_samples    (void);
GSettings     *lb_settings_new                (void);
GSettings     *lb_settings_try_new            (void);

G_END_DECLS
