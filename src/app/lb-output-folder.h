/* lb-output-folder.h: where a job over a series (Export Series, Anonymize) writes by default,
 * and how its dialog shows progress: one rule for both. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "<source_folder><suffix>" beside `source_folder` (the home folder when it has no local path,
 * or when it is a zip's copy in the cache), or "…<suffix>-2", "-3"... when that exists. */
char *lb_output_folder_default      (GFile          *source_folder,
                                     const char     *suffix);

typedef void (*LbOutputFolderChosen) (GtkWindow *owner,
                                      GFile     *folder);

/* A modal folder chooser over `owner` titled `title`, opened in the folder above `near` (when
 * given); `chosen` runs with the folder picked, not at all when the chooser is cancelled. */
void  lb_output_folder_choose        (GtkWindow            *owner,
                                      const char           *title,
                                      GFile                *near,
                                      LbOutputFolderChosen  chosen);

/* "3 of 24" on `bar`, and its fraction (full when `total` is 0). */
void  lb_output_folder_show_progress (GtkProgressBar *bar,
                                      guint           done,
                                      guint           total);

G_END_DECLS
