/* lb-app-module.h: loading the viewer's modules (lb-remote-module.h, lb-zip-module.h) with
 * GModule, the first time a window needs one. */
#pragma once

#include "lb-zip-module.h"
#ifdef LB_HAVE_REMOTE
#include "lb-remote-module.h"
#endif

G_BEGIN_DECLS

/* The functions of lightbox-remote, loading it the first time; NULL with `error` set (a
 * translated sentence naming the module's path and the loader's reason) when it cannot be
 * loaded. The result is kept: a second call does not try again. */
#ifdef LB_HAVE_REMOTE
const LbRemoteModule *lb_app_module_remote (GError **error);
#endif
/* The same for lightbox-zip. */
const LbZipModule    *lb_app_module_zip    (GError **error);

G_END_DECLS
