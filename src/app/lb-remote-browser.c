/* lb-remote-browser.c: the Remote place of the sidebar. A search asks the server for the
 * studies (QIDO-RS), groups them by patient, then asks for each study's series, one request at
 * a time, filling the tree as answers come. Activating a series retrieves it (WADO-RS) into the
 * cache, and the first instance is handed to the window as soon as it is on disk.
 *
 * The password: typed in the form (this session only), else $LIGHTBOX_REMOTE_PASSWORD (as the
 * CLI; what the tests use), else the keyring (lb-remote-connect.c). */
#include "config.h"

#define G_LOG_DOMAIN "lb-remote"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lb-remote.h"
#include "lb-remote-browser.h"
#include "lb-remote-connect.h"
#include "lb-remote-node.h"
#include "lb-remote-row.h"

struct _LbRemoteBrowser
{
  GtkWidget parent_instance;

  GtkDropDown *server_dropdown;
  GtkWidget *no_server_box;
  GtkEditable *patient_name_entry;
  GtkEditable *patient_id_entry;
  GtkEditable *modality_entry;
  GtkEditable *accession_entry;
  GtkEditable *date_entry;
  GtkEditable *password_entry;
  GtkWidget *search_button;
  GtkLabel *status_label;
  GtkListView *results_view;
  GtkWidget *progress_box;
  GtkProgressBar *progress_bar;

  LbRemoteServers *servers;
  GtkTreeListModel *tree;
  GCancellable *search_cancellable;
  GCancellable *transfer_cancellable;   /* the retrieve or upload under way */
  guint transfer_total;                 /* instances or files expected, 0 when unknown */
  gboolean first_shown;
};

G_DEFINE_FINAL_TYPE (LbRemoteBrowser, lb_remote_browser, GTK_TYPE_WIDGET)

enum { SIGNAL_INSTANCE_ARRIVED, SIGNAL_SERIES_RETRIEVED, SIGNAL_FAILED, SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* FALSE once the page is disposed: its template children are gone, but a search or transfer
 * finishing later (or the server list changing) may still hold the object and call back. */
static gboolean
has_children (LbRemoteBrowser *self)
{
  return self->progress_box != NULL;
}

static void
set_status (LbRemoteBrowser *self,
            const char      *text)
{
  if (!has_children (self))
    return;
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/* ---- Errors ------------------------------------------------------------------------------ */

/* Says what went wrong in the form and to the window (a toast with Details). `n_arrived`: the
 * instances a failed retrieve had written, which are kept. */
static void
report_error (LbRemoteBrowser *self,
              const GError    *error,
              guint            n_arrived)
{
  const char *headline = lb_remote_error_headline (error);
  g_autofree char *details = lb_remote_error_details (error, n_arrived);

  set_status (self, headline);
  g_debug ("remote error: %s: %s", headline, error->message);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, headline, details);
}

/* ---- A client with the server's password ---------------------------------------------------- */

typedef void (*ClientReady) (LbRemoteBrowser *self,
                             LbRemoteClient  *client,
                             gpointer         data);

typedef struct {
  LbRemoteBrowser *self;
  ClientReady ready;
  gpointer data;
  GDestroyNotify data_free;
} ClientRequest;

static void
on_connected (LbRemoteClient *client,
              const GError   *error,
              gpointer        user_data)
{
  ClientRequest *request = user_data;

  if (client == NULL)
    report_error (request->self, error, 0);
  else
    {
      request->ready (request->self, client, request->data);
      request->data = NULL;   /* ready() took it */
    }
  if (request->data_free != NULL && request->data != NULL)
    request->data_free (request->data);
  g_object_unref (request->self);
  g_free (request);
}

/* Calls ready (self, client, data) once the password is known; data_free frees data if that
 * never happens. */
static void
with_client (LbRemoteBrowser *self,
             ClientReady      ready,
             gpointer         data,
             GDestroyNotify   data_free)
{
  LbRemoteServer *server = lb_remote_browser_get_server (self);
  ClientRequest *request;

  if (server == NULL)
    {
      set_status (self, _("Add a DICOMweb server in Preferences first"));
      if (data_free != NULL)
        data_free (data);
      return;
    }
  request = g_new0 (ClientRequest, 1);
  request->self = g_object_ref (self);
  request->ready = ready;
  request->data = data;
  request->data_free = data_free;
  lb_remote_connect (server, gtk_editable_get_text (self->password_entry), on_connected, request);
}

/* ---- Search ---------------------------------------------------------------------------------- */

typedef struct {
  LbRemoteBrowser *self;
  LbRemoteClient *client;
  GCancellable *cancellable;
  GPtrArray *pending;        /* study nodes whose series are still to ask for */
  LbRemoteNode *study;       /* the study asked for now */
  guint n_studies;
} Search;

static void
search_free (Search *search)
{
  g_object_unref (search->self);
  g_object_unref (search->client);
  g_object_unref (search->cancellable);
  g_clear_pointer (&search->pending, g_ptr_array_unref);
  g_clear_object (&search->study);
  g_free (search);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *children = lb_remote_node_get_children (LB_REMOTE_NODE (item));

  return children != NULL ? g_object_ref (children) : NULL;
}

static void ask_next_series (Search *search);

static void
on_series_found (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Search *search = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records =
    lb_remote_client_search_finish (LB_REMOTE_CLIENT (source), result, &error);

  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_error (search->self, error, 0);
      search_free (search);
      return;
    }
  g_debug ("remote series: %u in study %s", records->len,
           lb_remote_node_get_record (search->study)->study_uid);
  lb_remote_node_set_series (search->study, records);
  ask_next_series (search);
}

static void
ask_next_series (Search *search)
{
  g_auto (LbRemoteQuery) query = { 0 };

  g_clear_object (&search->study);
  if (search->pending->len == 0)
    {
      g_debug ("remote search complete: %u studies", search->n_studies);
      search_free (search);
      return;
    }
  search->study = g_ptr_array_steal_index (search->pending, 0);
  query.study_uid = g_strdup (lb_remote_node_get_record (search->study)->study_uid);
  lb_remote_client_search_async (search->client, &query, search->cancellable, on_series_found,
                                 search);
}

static void
show_results (LbRemoteBrowser *self,
              GListModel      *patients)
{
  GtkSingleSelection *selection;

  if (!has_children (self))
    {
      g_object_unref (patients);
      return;
    }
  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (patients, FALSE, TRUE, create_children, NULL, NULL);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static void
on_studies_found (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Search *search = user_data;
  LbRemoteBrowser *self = search->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records =
    lb_remote_client_search_finish (LB_REMOTE_CLIENT (source), result, &error);
  GListModel *patients;
  guint n_patients;

  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_error (self, error, 0);
      search_free (search);
      return;
    }
  search->n_studies = records->len;
  patients = lb_remote_node_group_studies (records);
  n_patients = g_list_model_get_n_items (patients);
  search->pending = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_patients; i++)
    {
      g_autoptr (LbRemoteNode) patient = g_list_model_get_item (patients, i);
      GListModel *studies = lb_remote_node_get_children (patient);

      for (guint j = 0; j < g_list_model_get_n_items (studies); j++)
        g_ptr_array_add (search->pending, g_list_model_get_item (studies, j));
    }
  show_results (self, patients);
  if (search->n_studies == 0)
    set_status (self, _("Nothing found"));
  else
    {
      /* Translators: "2 studies of 1 patient" */
      g_autofree char *studies = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u study", "%u studies", search->n_studies),
        search->n_studies);
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s of %u patient", "%s of %u patients", n_patients),
        studies, n_patients);

      set_status (self, text);
    }
  g_debug ("remote search: %u studies of %u patients", search->n_studies, n_patients);
  ask_next_series (search);
}

static void
start_search (LbRemoteBrowser *self,
              LbRemoteClient  *client,
              gpointer         data)
{
  LbRemoteQuery *query = data;
  Search *search = g_new0 (Search, 1);

  search->self = g_object_ref (self);
  search->client = g_object_ref (client);
  search->cancellable = g_object_ref (self->search_cancellable);
  lb_remote_client_search_async (client, query, search->cancellable, on_studies_found, search);
  lb_remote_query_clear (query);
  g_free (query);
}

static char *
field (GtkEditable *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
query_free (gpointer data)
{
  lb_remote_query_clear (data);
  g_free (data);
}

static void
on_search_clicked (LbRemoteBrowser *self)
{
  LbRemoteQuery *query = g_new0 (LbRemoteQuery, 1);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  query->patient_name = field (self->patient_name_entry);
  query->patient_id = field (self->patient_id_entry);
  query->modality = field (self->modality_entry);
  query->date_range = field (self->date_entry);
  query->accession = field (self->accession_entry);
  set_status (self, _("Searching…"));
  g_debug ("remote search started");
  with_client (self, start_search, query, query_free);
}

/* ---- Transfers: retrieve and upload ------------------------------------------------------------ */

typedef struct {
  LbRemoteBrowser *self;
  GCancellable *cancellable;
  char *study_uid;
  char *series_uid;
  char *folder;
  char **paths;              /* upload */
  char *server_name;
} Transfer;

static gboolean end_transfer (Transfer *transfer);

static void
transfer_free (gpointer data)
{
  Transfer *transfer = data;

  /* A transfer that never started (no client: a bad address) still hides its progress bar. */
  end_transfer (transfer);
  g_object_unref (transfer->self);
  g_object_unref (transfer->cancellable);
  g_free (transfer->study_uid);
  g_free (transfer->series_uid);
  g_free (transfer->folder);
  g_strfreev (transfer->paths);
  g_free (transfer->server_name);
  g_free (transfer);
}

/* A new transfer replaces the one under way (which is stopped). */
static Transfer *
transfer_new (LbRemoteBrowser *self,
              guint            total)
{
  Transfer *transfer = g_new0 (Transfer, 1);

  g_cancellable_cancel (self->transfer_cancellable);
  g_clear_object (&self->transfer_cancellable);
  self->transfer_cancellable = g_cancellable_new ();
  self->transfer_total = total;
  self->first_shown = FALSE;
  transfer->self = g_object_ref (self);
  transfer->cancellable = g_object_ref (self->transfer_cancellable);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Connecting…"));
  gtk_widget_set_visible (self->progress_box, TRUE);
  return transfer;
}

/* What a progress callback needs: it may run after the transfer's end, so it holds its own. */
typedef struct {
  LbRemoteBrowser *self;
  GCancellable *cancellable;
} Progress;

static gpointer
progress_new (Transfer *transfer)
{
  Progress *progress = g_new (Progress, 1);

  progress->self = g_object_ref (transfer->self);
  progress->cancellable = g_object_ref (transfer->cancellable);
  return progress;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_object_unref (progress->cancellable);
  g_free (progress);
}

/* TRUE when `transfer` is still the one the progress bar shows; then it is hidden. */
static gboolean
end_transfer (Transfer *transfer)
{
  LbRemoteBrowser *self = transfer->self;

  if (transfer->cancellable != self->transfer_cancellable || !has_children (self))
    return FALSE;
  gtk_widget_set_visible (self->progress_box, FALSE);
  g_clear_object (&self->transfer_cancellable);
  return TRUE;
}

/* "3 of 24 images" (or files, for an upload); pulses when the total is not known. */
static void
show_progress (LbRemoteBrowser *self,
               gboolean         files,
               guint            n)
{
  g_autofree char *text = NULL;
  guint total = self->transfer_total;

  if (!has_children (self))
    return;
  if (total > 0)
    {
      /* Translators: images of a series retrieved so far, of how many */
      text = files ? g_strdup_printf (_("%u of %u files"), n, total)
                   : g_strdup_printf (_("%u of %u images"), n, total);
      gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) n / total));
    }
  else
    {
      text = g_strdup_printf (files ? g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n)
                                    : g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", n),
                              n);
      gtk_progress_bar_pulse (self->progress_bar);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_instance_written (guint       n_instances,
                     guint64     n_bytes,
                     const char *path,
                     gpointer    user_data)
{
  Progress *progress = user_data;
  LbRemoteBrowser *self = progress->self;

  if (progress->cancellable != self->transfer_cancellable)
    return;
  show_progress (self, FALSE, n_instances);
  if (!self->first_shown)
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);

      self->first_shown = TRUE;
      g_debug ("remote: first instance arrived: %s", path);
      g_signal_emit (self, signals[SIGNAL_INSTANCE_ARRIVED], 0, file);
    }
}

static void
on_retrieved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Transfer *transfer = user_data;
  LbRemoteBrowser *self = transfer->self;
  g_autoptr (GError) error = NULL;
  guint n = 0;
  gboolean ok = lb_remote_client_retrieve_finish (LB_REMOTE_CLIENT (source), result, &n, &error);

  if (!end_transfer (transfer))
    ;   /* replaced by a newer transfer: it speaks now */
  else if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Stopped: %u image had arrived",
                     "Stopped: %u images had arrived", n), n);

      set_status (self, text);
      g_debug ("remote retrieve stopped after %u instances", n);
    }
  else if (!ok)
    report_error (self, error, n);
  else
    {
      g_autoptr (GFile) folder = g_file_new_for_path (transfer->folder);
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u image retrieved", "%u images retrieved", n), n);

      set_status (self, text);
      g_debug ("remote: retrieved %u instances into %s", n, transfer->folder);
      g_signal_emit (self, signals[SIGNAL_SERIES_RETRIEVED], 0, folder);
    }
  transfer_free (transfer);
}

static void
start_retrieve (LbRemoteBrowser *self,
                LbRemoteClient  *client,
                gpointer         data)
{
  Transfer *transfer = data;

  lb_remote_client_retrieve_async (client, transfer->study_uid, transfer->series_uid,
                                   transfer->folder, LB_REMOTE_RETRIEVE_OVERWRITE,
                                   on_instance_written, progress_new (transfer), progress_free,
                                   transfer->cancellable,
                                   on_retrieved, transfer);
}

/* A UID as a folder name: UIDs are digits and dots; anything else (a server that sends
 * something odd) cannot climb out of the cache. */
static char *
uid_folder (const char *uid)
{
  char *name = g_strdup (uid != NULL && *uid != '\0' && strcmp (uid, ".") != 0
                         && strcmp (uid, "..") != 0 ? uid : "_");

  g_strcanon (name, "0123456789.", '_');
  return name;
}

char *
lb_remote_browser_cache_dir (const char *study_uid,
                             const char *series_uid)
{
  g_autofree char *study = uid_folder (study_uid);
  g_autofree char *series = uid_folder (series_uid);

  return g_build_filename (g_get_user_cache_dir (), "lightbox", "remote", study, series, NULL);
}

static void
retrieve_series (LbRemoteBrowser    *self,
                 const LbRemoteRecord *record)
{
  Transfer *transfer;
  g_autofree char *folder = lb_remote_browser_cache_dir (record->study_uid, record->series_uid);

  if (lb_remote_browser_get_server (self) == NULL)
    {
      set_status (self, _("Add a DICOMweb server in Preferences first"));
      return;
    }
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_autoptr (GError) error =
        g_error_new (LB_REMOTE_ERROR, LB_REMOTE_ERROR_LOCAL, "%s: %s", folder, g_strerror (saved));

      report_error (self, error, 0);
      return;
    }
  transfer = transfer_new (self, record->n_instances > 0 ? (guint) record->n_instances : 0);
  transfer->study_uid = g_strdup (record->study_uid);
  transfer->series_uid = g_strdup (record->series_uid);
  transfer->folder = g_steal_pointer (&folder);
  set_status (self, _("Retrieving the series…"));
  g_debug ("remote: retrieving series %s into %s", record->series_uid, transfer->folder);
  with_client (self, start_retrieve, transfer, transfer_free);
}

static void
on_file_stored (guint       n_stored,
                guint64     n_bytes,
                const char *path,
                gpointer    user_data)
{
  Progress *progress = user_data;

  if (progress->cancellable != progress->self->transfer_cancellable)
    return;
  show_progress (progress->self, TRUE, n_stored);
}

static void
on_uploaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Transfer *transfer = user_data;
  LbRemoteBrowser *self = transfer->self;
  g_autoptr (GError) error = NULL;
  guint n = 0;
  gboolean ok = lb_remote_client_upload_finish (LB_REMOTE_CLIENT (source), result, &n, &error);

  if (!end_transfer (transfer))
    ;
  else if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Upload stopped: %u file was stored",
                     "Upload stopped: %u files were stored", n), n);

      set_status (self, text);
    }
  else if (!ok)
    report_error (self, error, 0);
  else
    {
      /* Translators: how many files, then the server's name */
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u file uploaded to %s", "%u files uploaded to %s", n), n,
        transfer->server_name);

      set_status (self, text);
      g_debug ("remote: uploaded %u files", n);
      g_signal_emit (self, signals[SIGNAL_DONE], 0, text);
    }
  transfer_free (transfer);
}

static void
start_upload (LbRemoteBrowser *self,
              LbRemoteClient  *client,
              gpointer         data)
{
  Transfer *transfer = data;

  lb_remote_client_upload_async (client, (const char *const *) transfer->paths, on_file_stored,
                                 progress_new (transfer), progress_free, transfer->cancellable, on_uploaded, transfer);
}

void
lb_remote_browser_upload (LbRemoteBrowser   *self,
                          const char *const *paths)
{
  LbRemoteServer *server = lb_remote_browser_get_server (self);
  Transfer *transfer;

  if (server == NULL)
    {
      set_status (self, _("Add a DICOMweb server in Preferences first"));
      return;
    }
  transfer = transfer_new (self, g_strv_length ((char **) paths));
  transfer->paths = g_strdupv ((char **) paths);
  transfer->server_name = g_strdup (lb_remote_server_get_name (server));
  set_status (self, _("Uploading…"));
  g_debug ("remote: uploading %u files", self->transfer_total);
  with_client (self, start_upload, transfer, transfer_free);
}

static void
on_stop_clicked (LbRemoteBrowser *self)
{
  g_cancellable_cancel (self->transfer_cancellable);
}

/* ---- The results list ------------------------------------------------------------------------- */

static void
on_row_activated (LbRemoteBrowser *self,
                  guint            position)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  LbRemoteNode *node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (node == NULL)
    return;
  if (lb_remote_node_get_kind (node) == LB_REMOTE_NODE_SERIES)
    retrieve_series (self, lb_remote_node_get_record (node));
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  g_object_unref (node);
}

/* ---- Servers ----------------------------------------------------------------------------------- */

static void
on_servers_changed (LbRemoteBrowser *self)
{
  gboolean any;

  if (!has_children (self))
    return;
  any = g_list_model_get_n_items (lb_remote_servers_get_model (self->servers)) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->server_dropdown), any);
  gtk_widget_set_visible (self->no_server_box, !any);
  gtk_widget_set_sensitive (self->search_button, any);
}

LbRemoteServer *
lb_remote_browser_get_server (LbRemoteBrowser *self)
{
  return gtk_drop_down_get_selected_item (self->server_dropdown);
}

GListModel *
lb_remote_browser_get_results (LbRemoteBrowser *self)
{
  return self->tree != NULL ? G_LIST_MODEL (self->tree) : NULL;
}

/* ---- Widget ------------------------------------------------------------------------------------ */

static void
lb_remote_browser_dispose (GObject *object)
{
  LbRemoteBrowser *self = LB_REMOTE_BROWSER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->transfer_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->transfer_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_REMOTE_BROWSER);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->tree);
  /* The server list outlives this page (it follows GSettings), and a transfer's callback may
   * keep this object alive after its children are gone: no more "items-changed" here. */
  if (self->servers != NULL)
    g_signal_handlers_disconnect_by_data (lb_remote_servers_get_model (self->servers), self);
  g_clear_object (&self->servers);
  G_OBJECT_CLASS (lb_remote_browser_parent_class)->dispose (object);
}

static void
lb_remote_browser_class_init (LbRemoteBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_remote_browser_dispose;
  signals[SIGNAL_INSTANCE_ARRIVED] =
    g_signal_new ("instance-arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  signals[SIGNAL_SERIES_RETRIEVED] =
    g_signal_new ("series-retrieved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-remote-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, server_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, no_server_box);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, patient_name_entry);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, patient_id_entry);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, modality_entry);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, accession_entry);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, date_entry);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, password_entry);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, search_button);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, status_label);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, results_view);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, progress_box);
  gtk_widget_class_bind_template_child (widget_class, LbRemoteBrowser, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_search_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
lb_remote_browser_init (LbRemoteBrowser *self)
{
  GtkListItemFactory *factory = lb_remote_row_factory_new ();
  GtkExpression *name = gtk_property_expression_new (LB_TYPE_REMOTE_SERVER, NULL, "name");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_view_set_factory (self->results_view, factory);
  g_object_unref (factory);
  /* The drop-down takes a reference of its own. */
  gtk_drop_down_set_expression (self->server_dropdown, name);
  gtk_expression_unref (name);
}

GtkWidget *
lb_remote_browser_new (GSettings *settings)
{
  LbRemoteBrowser *self = g_object_new (LB_TYPE_REMOTE_BROWSER, NULL);
  GListModel *model;

  self->servers = lb_remote_servers_new (settings);
  model = lb_remote_servers_get_model (self->servers);
  gtk_drop_down_set_model (self->server_dropdown, model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_servers_changed), self,
                           G_CONNECT_SWAPPED);
  on_servers_changed (self);
  return GTK_WIDGET (self);
}
