/* lb-png.h: PNG export of decoded frames (libpng + zlib, no GLib).
 *
 * Two kinds of PNG (CLI.md, `lightbox-cli export`):
 *   8-bit  "as displayed": grey (or RGB for colour frames) through the display pipeline;
 *   16-bit "data": grey, the stored values, or the modality values plus a stated offset
 *                  (for CT: HU + 32768), rounded and clamped to 0..65535.
 * Written fast (the UP filter, no interlace, the IDAT data of lb-png-idat.h), tEXt chunks recording where the numbers came from, and atomically: a temporary
 * file in the target directory, then rename(2). Errors use LbDicomError (code IO for the file
 * system, INVALID_ARGUMENT for bad requests).
 */
#pragma once

#include "lb-dicom-pixel.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *key;    /* Latin-1 keyword, 1..79 bytes */
  const char *value;
} LbPngText;

typedef struct {
  uint32_t width;
  uint32_t height;
  uint8_t  channels;          /* 1 grey, 3 RGB */
  uint8_t  bit_depth;         /* 8 or 16 (16: native-endian uint16_t samples) */
  const void *pixels;
  size_t   stride;            /* bytes from one row to the next */
  const LbPngText *texts;
  size_t   n_texts;
} LbPngImage;

/* Writes `image` to `path` atomically (temporary file next to it, fsync, then rename); never
 * over an existing file. */
bool lb_png_write (const char *path, const LbPngImage *image, LbDicomError **error);

/* The same, replacing an existing PNG when `replace` (the user said so); a file that is not a
 * PNG, or is `input_path` (may be NULL), is never replaced. */
bool lb_png_write_replacing (const char *path, const LbPngImage *image, bool replace,
                             const char *input_path, LbDicomError **error);

/* Encodes to memory instead (for tests and the clipboard): *out is malloc'd. */
bool lb_png_encode (const LbPngImage *image, uint8_t **out, size_t *out_len, LbDicomError **error);

typedef enum {
  LB_PNG_EXPORT_DISPLAY8 = 0,  /* 8-bit as displayed */
  LB_PNG_EXPORT_STORED16,      /* 16-bit stored values (signed: two's complement + 32768) */
  LB_PNG_EXPORT_MODALITY16,    /* 16-bit modality values + offset */
} LbPngExportKind;

typedef struct {
  LbPngExportKind kind;
  const LbDicomDisplay *display;   /* DISPLAY8: the window etc.; MODALITY16: the modality stage */
  const char *sop_instance_uid;    /* recorded in tEXt; may be NULL */
  const char *window_text;         /* e.g. "40,400 LINEAR (preset brain)"; may be NULL */
  /* MODALITY16 offset: added to the modality value; NaN = automatic (32768 for signed or
   * negative ranges, 0 otherwise). STORED16 of signed data always adds 32768. */
  double offset;
  const char *input_path;          /* refuse to write over this file; may be NULL */
  /* Replace an existing PNG at the path (the user said so: --force, or the save dialog asked).
   * A file that is not a PNG, or is input_path, is never replaced. */
  bool replace;
  /* More tEXt chunks after Lightbox's own (at most 16; NULL values are left out); may be NULL. */
  const LbPngText *extra_texts;
  size_t n_extra_texts;
} LbPngExportOptions;

/* Renders `frame` as options say and writes it to `path` (atomic; never over input_path, over a
 * file that is not a PNG, or over any file unless options->replace).
 * *offset_used (may be NULL) gets the offset written in the "Offset" text chunk. */
bool lb_png_export_frame (const LbDicomFrame *frame, const LbPngExportOptions *options,
                          const char *path, double *offset_used, LbDicomError **error);

#ifdef __cplusplus
}
#endif
