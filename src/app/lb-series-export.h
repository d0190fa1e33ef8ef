/* lb-series-export.h: File ▸ Export Series… without widgets: every frame of every file of a
 * series to PNG in a folder, in a worker thread, through src/export as `lightbox-cli export`
 * writes it (8-bit as displayed, or 16-bit data), with the CLI's names (CLI.md): the input's
 * name without .dcm, a dash, the 1-based frame number, ".png". Written atomically; nothing is
 * written over an existing file: when any of the names exists in the folder the run refuses
 * before writing, and says which. */
#pragma once

#include <gio/gio.h>

#include "lb-png.h"

G_BEGIN_DECLS

typedef struct {
  LbPngExportKind kind;
  /* DISPLAY8: the window on screen, given to every image (FALSE: each image's own, as when the
   * screen shows a VOI LUT), and the user's inversion toggle (flips each image's own). */
  gboolean use_window;
  double center;
  double width;
  LbDicomVoiFunction function;
  gboolean invert_flip;
} LbSeriesExportOptions;

/* "CT05-1.png" for frame 1 of "CT05.dcm", as `lightbox-cli export` names it. */
char     *lb_series_export_name            (const char *input,
                                            guint       frame);
/* "<folder>-png" beside `source_folder`, or "-png-2", "-3"... when that exists. */
char     *lb_series_export_default_folder  (GFile      *source_folder);

typedef void (*LbSeriesExportProgress) (guint done, guint total, gpointer user_data);

/* Exports `files` (GFile) into `out` (created). Cancelling stops between frames: the PNGs
 * written stay, each whole. `progress` (files done of total) runs on the caller's context. */
void      lb_series_export_async           (GPtrArray                   *files,
                                            GFile                       *out,
                                            const LbSeriesExportOptions *options,
                                            GCancellable                *cancellable,
                                            LbSeriesExportProgress       progress,
                                            gpointer                     progress_data,
                                            GAsyncReadyCallback          callback,
                                            gpointer                     user_data);
/* The number of PNGs written (also on error or cancel). */
gboolean  lb_series_export_finish          (GAsyncResult  *result,
                                            guint         *written,
                                            GError       **error);

G_END_DECLS
