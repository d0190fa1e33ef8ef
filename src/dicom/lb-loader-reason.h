/* lb-loader-reason.h: the dynamic loader's message about a library that could not be loaded,
 * without the "LIBRARY: " it starts with, for an error that names the library itself. Shared by
 * the parser's CharLS loading (codec-jpegls-charls.c), lightbox-cli's zip module (cli-zip.c)
 * and the viewer's modules (lb-app-module.c). Plain C. */
#ifndef LB_LOADER_REASON_H
#define LB_LOADER_REASON_H

#include <string.h>

/* `message` (dlerror(), g_module_error()) past a leading "LIBRARY: "; `fallback` when NULL. A
 * path the loader found under another name (LD_LIBRARY_PATH) stays: it tells which file it was. */
static inline const char *
lb_loader_reason (const char *library, const char *message, const char *fallback)
{
  size_t n = strlen (library);

  if (message == NULL)
    return fallback;
  if (strncmp (message, library, n) == 0 && strncmp (message + n, ": ", 2) == 0)
    return message + n + 2;
  return message;
}

#endif
