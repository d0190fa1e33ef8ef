/* codec-jpegls-charls.h: CharLS, the JPEG-LS library, loaded at the first JPEG-LS frame.
 *
 * CharLS is C++: linked, it would bring libstdc++ and libgcc_s into every start of the viewer
 * and of lightbox-cli-commands (0.7 ms each on the bench VM), though only JPEG-LS files
 * (1.2.840.10008.1.2.4.80 and .81) need it. So it is opened with dlopen() by its soname the first
 * time a JPEG-LS frame is decoded, and its C API is called through the table below; its header
 * gives the functions' types (a compile-time dependency only, see meson.build). */
#pragma once

#include "dicom-error.h"

#include <charls/charls.h>

/* The CharLS functions the JPEG-LS codec calls, by their names without "charls_": one list
 * for the table's members and for the symbols looked up. */
#define LB_CHARLS_FUNCTIONS(F)          \
  F (get_error_message)                 \
  F (jpegls_decoder_create)             \
  F (jpegls_decoder_destroy)            \
  F (jpegls_decoder_set_source_buffer)  \
  F (jpegls_decoder_read_header)        \
  F (jpegls_decoder_get_frame_info)     \
  F (jpegls_decoder_get_interleave_mode) \
  F (jpegls_decoder_get_destination_size) \
  F (jpegls_decoder_decode_to_buffer)

#define LB_CHARLS_MEMBER(name) __typeof__ (charls_##name) *name;
typedef struct
{
  LB_CHARLS_FUNCTIONS (LB_CHARLS_MEMBER)
} LbCharls;
#undef LB_CHARLS_MEMBER

/* The table of the process's CharLS, loaded at the first call (once, whichever thread asks
 * first; the viewer decodes in worker threads) and kept to the end of the process. NULL when it
 * cannot be loaded, with LB_DICOM_ERROR_UNSUPPORTED in *error naming the library and the
 * loader's reason (each call, the same reason). */
const LbCharls *lb_dicom_charls_get (LbDicomError **error);

/* Opens `library` (a soname or a path) and fills *functions; the dlopen() handle, or NULL with
 * the loader's reason in reason[reason_size] (a name not found, a file that is not a library,
 * a function missing). lb_dicom_charls_get()'s step, declared here for the tests of those
 * failures. */
void *lb_dicom_charls_open (const char *library, LbCharls *functions, char *reason,
                            size_t reason_size);
