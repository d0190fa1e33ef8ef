/* lb-anonymize-dialog.h: File ▸ Anonymize…: de-identified copies of the shown file or its
 * series, with the options of PS3.15, a before/after table of the shown file's changes, an
 * output folder beside the originals' (never theirs), and progress with Cancel. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LB_TYPE_ANONYMIZE_DIALOG (lb_anonymize_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LbAnonymizeDialog, lb_anonymize_dialog, LB, ANONYMIZE_DIALOG, AdwWindow)

/* `series` (GFile, may be NULL) holds `current`; the dialog offers the one file or them all.
 * When the run ends it emits "finished" (guint written, GFile *folder, const char *error or
 * NULL, gboolean cancelled) and closes. */
LbAnonymizeDialog *lb_anonymize_dialog_new (GtkWindow *parent,
                                            GFile     *current,
                                            GPtrArray *series);

/* The folder the copies will go to; setting one the rule refuses shows why and returns FALSE. */
GFile     *lb_anonymize_dialog_get_folder  (LbAnonymizeDialog *self);
gboolean   lb_anonymize_dialog_set_folder  (LbAnonymizeDialog *self,
                                            GFile             *folder);
/* For tests: the rows of the before/after table (LbAnonymizeChange), and the Anonymize button. */
GPtrArray *lb_anonymize_dialog_get_changes (LbAnonymizeDialog *self);
GtkWidget *lb_anonymize_dialog_get_anonymize_button (LbAnonymizeDialog *self);

G_END_DECLS
