/* lb-study-scan.h: the study model (src/study, lb-study.h) of a folder, built in a worker from
 * header-only reads. */
#pragma once

#include <gio/gio.h>

#include "lb-study.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbStudyModel, lb_study_model_free)

/* What a running scan and the browser share: how many files it looked at, a request to stop
 * (keeping what was found), and the latest look at what it found so far. */
typedef struct _LbStudyScanState LbStudyScanState;

LbStudyScanState *lb_study_scan_state_new   (void);
LbStudyScanState *lb_study_scan_state_ref   (LbStudyScanState *state);
void              lb_study_scan_state_unref (LbStudyScanState *state);
guint             lb_study_scan_state_get_n_seen (LbStudyScanState *state);
void              lb_study_scan_state_stop  (LbStudyScanState *state);
/* A sorted copy of what the scan had found when it last published (about once a second), or
 * NULL when nothing new was published since the last call. */
LbStudyModel     *lb_study_scan_state_take_partial (LbStudyScanState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbStudyScanState, lb_study_scan_state_unref)

/* Reads `folder` (and, when `deep`, its subfolders, up to 8 levels and 50,000 files); hidden
 * files, pipes and devices are passed over, links are followed to plain files only. */
void          lb_study_scan_async  (GFile               *folder,
                                    gboolean             deep,
                                    LbStudyScanState    *state,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* The sorted model (what was found before a stop, when stopped); NULL with an error when
 * cancelled. */
LbStudyModel *lb_study_scan_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
