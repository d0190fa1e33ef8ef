/* lb-study-browser-missing.h: the files a DICOMDIR names that are not on the media, found in a
 * worker and listed on the Studies page under their series (lb-study-browser.c). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The missing files of one series of the DICOMDIR. */
typedef struct {
  char *series_uid;          /* Series Instance UID of the SERIES record, "" when none */
  char *series_label;        /* "#4 PT PET-CT SERIES" from the record, for a series not listed */
  GPtrArray *file_ids;       /* char *, as the DICOMDIR names them, in record order */
} LbMissingSeries;

typedef struct {
  char *folder;              /* the media's folder: the DICOMDIR's */
  guint n_referenced;        /* files the DICOMDIR names */
  guint n_missing;
  GPtrArray *series;         /* LbMissingSeries, in record order; empty when none is missing */
} LbDicomdirMissing;

/* Reads the DICOMDIR at `path` and looks up every file it names (as lightbox-cli scan does,
 * case-insensitively for CD names). Blocking: call it in a worker. NULL when `path` is not a
 * readable DICOMDIR. */
LbDicomdirMissing *lb_dicomdir_missing_find (const char        *path);
void               lb_dicomdir_missing_free (LbDicomdirMissing *missing);
/* The group of `series_uid`, or NULL. */
LbMissingSeries   *lb_dicomdir_missing_lookup (LbDicomdirMissing *missing,
                                               const char        *series_uid);

/* A row of the Studies page, neither selectable nor activatable: "2 files named by the
 * DICOMDIR are missing", preceded by the series' label when `with_label` (its series is not
 * listed), the file names in its tooltip. */
GtkWidget         *lb_missing_row_new       (const LbMissingSeries *series,
                                             gboolean               with_label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbDicomdirMissing, lb_dicomdir_missing_free)

G_END_DECLS
