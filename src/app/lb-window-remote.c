/* lb-window-remote.c: the sidebar's Remote place (LbRemoteBrowser) and File ▸ Upload to
 * Server…. A retrieved series is shown like a local one: its first instance is opened as soon
 * as it is on disk, and when the whole series is in, the Files place lists its folder. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-app-module.h"
#include "lb-window-private.h"

static gboolean build_remote_browser (LbWindow *self);

static void
on_instance_arrived (GtkWidget       *browser,
                     GFile           *file,
                     LbWindow        *self)
{
  /* The reader may be searching again meanwhile: the keys stay in the Remote place. */
  lb_window_open_files_from (self, &file, 1, LB_OPENED_FROM_LIST);
}

static void
on_series_retrieved (GtkWidget       *browser,
                     GFile           *folder,
                     LbWindow        *self)
{
  /* A small series can be all in before its first image has loaded. */
  GFile *current = lb_window_current_file (self);
  g_autoptr (GFile) parent = current != NULL ? g_file_get_parent (current) : NULL;

  /* The browser listed the folder when the first instance came: now it has them all. Unless the
   * reader opened something else meanwhile. */
  if (parent != NULL && g_file_equal (parent, folder))
    lb_window_sidebar_refresh_folder (self, folder, current);
}

static void
on_remote_failed (GtkWidget       *browser,
                  const char      *headline,
                  const char      *details,
                  LbWindow        *self)
{
  lb_window_file_toast (self, headline, details, NULL, NULL);
}

static void
on_remote_done (GtkWidget       *browser,
                const char      *message,
                LbWindow        *self)
{
  lb_window_toast (self, message);
}

/* What the page shows when lightbox-remote cannot be loaded (a broken installation). */
static GtkWidget *
unavailable_page (const GError *error)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "network-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Remote Servers Unavailable"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), error->message);
  return page;
}

/* The browser is built when its page is first shown, or when an upload needs it: before the
 * first image it cost 13 M instructions (its template, the server list, the keyring), and its
 * module lightbox-remote (the network libraries) 14 M more in the dynamic loader; most readers
 * never open it. Until then the page holds an empty placeholder, so that the sidebar's switcher
 * shows "Remote" where it always was. FALSE (and the page says why) when the module cannot be
 * loaded. */
static gboolean
build_remote_browser (LbWindow *self)
{
  g_autoptr (GError) error = NULL;
  const LbRemoteModule *remote;

  if (self->remote_browser != NULL)
    return TRUE;
  remote = lb_app_module_remote (&error);
  if (remote == NULL)
    {
      if (adw_bin_get_child (ADW_BIN (self->remote_page)) == NULL)
        adw_bin_set_child (ADW_BIN (self->remote_page), unavailable_page (error));
      return FALSE;
    }
  self->remote_browser = remote->browser_new (self->settings);
  adw_bin_set_child (ADW_BIN (self->remote_page), self->remote_browser);
  g_signal_connect_object (self->remote_browser, "instance-arrived",
                           G_CALLBACK (on_instance_arrived), self, 0);
  g_signal_connect_object (self->remote_browser, "series-retrieved",
                           G_CALLBACK (on_series_retrieved), self, 0);
  g_signal_connect_object (self->remote_browser, "failed", G_CALLBACK (on_remote_failed), self, 0);
  g_signal_connect_object (self->remote_browser, "done", G_CALLBACK (on_remote_done), self, 0);
  g_debug ("remote browser built");
  return TRUE;
}

static void
on_sidebar_page_shown (GtkStack   *stack,
                       GParamSpec *pspec,
                       LbWindow   *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "remote") == 0)
    build_remote_browser (self);
}

void
lb_window_remote_init (LbWindow *self)
{
  self->remote_page = adw_bin_new ();
  gtk_stack_add_titled (self->sidebar_stack, self->remote_page, "remote", _("Remote"));
  g_signal_connect_object (self->sidebar_stack, "notify::visible-child",
                           G_CALLBACK (on_sidebar_page_shown), self, 0);
  on_sidebar_page_shown (self->sidebar_stack, NULL, self);
}

/* ---- Upload to Server… ------------------------------------------------------------------------ */

/* The files of the shown image's study, as the study browser lists them; NULL when it lists
 * none (a single file opened on its own). */
static GPtrArray *
study_files (LbWindow *self)
{
  return lb_study_browser_get_study_files (self->study_browser,
                                           lb_document_get_file (self->document));
}

/* `scope`: "file", "series" or "study" (the dialog's responses). */
static void
upload_files (LbWindow   *self,
              const char *scope)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) study = g_str_equal (scope, "study") ? study_files (self) : NULL;
  GPtrArray *files = study != NULL ? study
                     : g_str_equal (scope, "series") ? self->series : NULL;

  if (files != NULL)
    for (guint i = 0; i < files->len; i++)
      g_ptr_array_add (paths, g_file_get_path (g_ptr_array_index (files, i)));
  else
    g_ptr_array_add (paths, g_file_get_path (lb_document_get_file (self->document)));
  g_ptr_array_add (paths, NULL);
  g_debug ("upload of the %s: %u files", scope, paths->len - 1);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "remote");
  g_settings_set_boolean (self->settings, "show-sidebar", TRUE);
  if (build_remote_browser (self))
    lb_app_module_remote (NULL)->browser_upload (self->remote_browser,
                                                 (const char *const *) paths->pdata);
}

static void
on_upload_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LbWindow         *self)
{
  if (self->document == NULL || g_str_equal (response, "cancel"))
    return;
  upload_files (self, response);
}

static void
upload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  const char *server;
  guint n_series = self->series != NULL ? self->series->len : 1;
  g_autoptr (GPtrArray) study = NULL;
  guint n_study;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (self->document == NULL)
    return;
  if (!build_remote_browser (self))
    {
      g_autoptr (GError) error = NULL;

      lb_app_module_remote (&error);
      lb_window_file_toast (self, _("Remote Servers Unavailable"), error->message, NULL, NULL);
      return;
    }
  server = lb_app_module_remote (NULL)->browser_get_server_name (self->remote_browser);
  if (server == NULL)
    {
      lb_window_toast (self, _("Add a DICOMweb server in Preferences first"));
      return;
    }
  study = study_files (self);
  n_study = study != NULL ? study->len : 0;
  /* Translators: the server's name */
  heading = g_strdup_printf (_("Upload to %s?"), server);
  body = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "The file on show, or its whole series (%u file). Everyone who can search the "
                 "server will see them: anonymize a case first when the class must not know "
                 "whose it is.",
                 "The file on show, or its whole series (%u files). Everyone who can search the "
                 "server will see them: anonymize a case first when the class must not know "
                 "whose it is.", n_series), n_series);
  if (n_study > n_series)
    {
      g_autofree char *with_study = g_strdup_printf (
        /* Translators: added to the upload question; the number of files of the study */
        g_dngettext (GETTEXT_PACKAGE, "Its whole study holds %u file.",
                     "Its whole study holds %u files.", n_study), n_study);
      char *both = g_strconcat (body, " ", with_study, NULL);

      g_free (body);
      body = both;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "file", _("This _File"), NULL);
  if (n_series > 1)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "series", _("Whole _Series"));
  if (n_study > n_series)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "study", _("Whole S_tudy"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           n_series > 1 ? "series" : "file");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_upload_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_debug ("upload dialog shown");
}

void
lb_window_remote_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.upload", NULL, upload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.upload",
                                       NULL);
}
