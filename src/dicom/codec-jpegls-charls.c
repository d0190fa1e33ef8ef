/* codec-jpegls-charls.c: CharLS opened with dlopen() at the first JPEG-LS frame
 * (codec-jpegls-charls.h says why). */
#include "codec-jpegls-charls.h"
#include "lb-loader-reason.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* LB_CHARLS_SONAME comes from meson.build, the one place that names it (and checks at
 * configure time that the -dev package's libcharls.so is that library). */
#ifndef LB_CHARLS_SONAME
#error "LB_CHARLS_SONAME is set by meson.build"
#endif

/* The loader's reason (lb-loader-reason.h), cut to fit `reason`. */
static void
copy_reason (const char *library, const char *message, char *reason, size_t reason_size)
{
  snprintf (reason, reason_size, "%s", lb_loader_reason (library, message, "unknown reason"));
}

void *
lb_dicom_charls_open (const char *library, LbCharls *functions, char *reason, size_t reason_size)
{
  /* RTLD_LAZY, as a linked library is bound: RTLD_NOW binds all of CharLS's symbols at once,
   * 1.4 M instructions (~0.3 ms) more per process; what it would catch, a libstdc++ too old,
   * fails here anyway (the versions CharLS needs are checked at load). RTLD_LOCAL: nothing of
   * it (nor of libstdc++) is seen by what is loaded later. */
  void *handle = dlopen (library, RTLD_LAZY | RTLD_LOCAL);
  if (handle == NULL)
    {
      copy_reason (library, dlerror (), reason, reason_size);
      return NULL;
    }
  /* dlsym() says NULL for a missing name; dlerror() then says which. */
#define LB_CHARLS_LOOKUP(name)                                                              \
  functions->name = (__typeof__ (functions->name)) dlsym (handle, "charls_" #name);         \
  if (functions->name == NULL)                                                              \
    {                                                                                       \
      copy_reason (library, dlerror (), reason, reason_size);                               \
      dlclose (handle);                                                                     \
      return NULL;                                                                          \
    }
  LB_CHARLS_FUNCTIONS (LB_CHARLS_LOOKUP)
#undef LB_CHARLS_LOOKUP
  return handle;
}

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static LbCharls charls;
static bool charls_loaded;
static char load_failure[512];

static void
load (void)
{
  charls_loaded = lb_dicom_charls_open (LB_CHARLS_SONAME, &charls, load_failure,
                                        sizeof load_failure) != NULL;
}

const LbCharls *
lb_dicom_charls_get (LbDicomError **error)
{
  /* pthread_once() orders the writes of load() before every caller's reads. */
  pthread_once (&load_once, load);
  if (charls_loaded)
    return &charls;
  lb_dicom_error_set (error, LB_DICOM_ERROR_UNSUPPORTED, LB_DICOM_TAG_PIXEL_DATA, -1,
                      "JPEG-LS decoder (%s) cannot be loaded: %s", LB_CHARLS_SONAME,
                      load_failure);
  return NULL;
}
