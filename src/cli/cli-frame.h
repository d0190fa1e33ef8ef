/* cli-frame.h: one decoded frame with its pipeline numbers, for the commands that compute on
 * pixels (measure, histogram). */
#pragma once

#include "cli.h"
#include "lb-dicom-pixel.h"

typedef struct {
  LbDicomFile *file;
  LbDicomFrameInfo frame_info;
  LbDicomFrame *frame;
  LbDicomImageInfo *image_info;
  LbDicomDisplay display;          /* the viewer's default display of the frame */
  uint32_t index;                  /* 0-based */
} LbCliFrame;

/* Reads `path` and decodes frame `number` (1-based). On failure prints the error line
 * ("lightbox-cli: PATH: REASON", a frame out of range included) and returns FALSE; the
 * struct is then cleared. */
gboolean lb_cli_frame_load (const char *path, int number, LbCliFrame *out);
/* How to read `path` for its pixels: big files (16 MB or more) with their frames on demand. */
LbDicomReadFlags lb_cli_read_flags (const char *path);
void     lb_cli_frame_clear (LbCliFrame *frame);
