/* lb-window-anonymize.c: File ▸ Anonymize… (Ctrl+Shift+A, in lb-application.c): the dialog for the shown file and
 * the sidebar's current series, and the toast when it is done, whose button opens the copies. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-anonymize-dialog.h"
#include "lb-window-private.h"

static void
on_anonymize_finished (LbAnonymizeDialog *dialog,
                       guint              written,
                       GFile             *folder,
                       const char        *error,
                       gboolean           cancelled,
                       LbWindow          *self)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *name = g_file_get_basename (folder);
  g_autofree char *uri = g_file_get_uri (folder);
  g_autofree char *message = NULL;
  AdwToast *toast;

  g_debug ("anonymize finished: %u files written to %s%s", written, path,
           cancelled ? " (cancelled)" : error != NULL ? " (with errors)" : "");
  if (error != NULL)
    /* Translators: the reason, e.g. "2 files were not written (first: x.dcm: ...)" */
    message = g_strdup_printf (_("Anonymizing failed: %s"), error);
  else if (cancelled)
    /* Translators: files written before Cancel, then the folder's name */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Cancelled: %u anonymized copy is in “%s”",
                                            "Cancelled: %u anonymized copies are in “%s”",
                                            written), written, name);
  else
    /* Translators: the number of copies, then the folder's name */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u anonymized copy written to “%s”",
                                            "%u anonymized copies written to “%s”", written),
                               written, name);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  if (written > 0)
    {
      adw_toast_set_button_label (toast, _("Show _Copies"));
      /* Opening a folder by its URI is what Open Recent does already. */
      adw_toast_set_action_name (toast, "win.open-recent");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_message ("toast: %s", message);
}

static void
anonymize_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  GFile *current = self->document != NULL ? lb_document_get_file (self->document) : NULL;
  LbAnonymizeDialog *dialog;

  if (current == NULL)
    return;
  dialog = lb_anonymize_dialog_new (GTK_WINDOW (self), current, self->series);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_anonymize_finished), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lb_window_anonymize_class_init (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "win.anonymize", NULL, anonymize_action);
}
