/* lb-study-scan.h: the study model (src/study, lb-study.h) of a folder, built in a worker from
 * header-only reads. */
#pragma once

#include <gio/gio.h>

#include "lb-study.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbStudyModel, lb_study_model_free)

/* Reads `folder` (and, when `deep`, its subfolders, up to 8 levels and 50,000 files); hidden
 * files, pipes and devices are passed over, links are followed to plain files only. *n_seen
 * (atomic, may be NULL) counts the files looked at, for progress. */
void          lb_study_scan_async  (GFile               *folder,
                                    gboolean             deep,
                                    guint               *n_seen,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* The sorted model; NULL with an error when cancelled. */
LbStudyModel *lb_study_scan_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
