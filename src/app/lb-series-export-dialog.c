/* lb-series-export-dialog.c: the Export Series dialog (lb-series-export-dialog.h): the
 * controls become options, the job runs with progress and Cancel. */
#include "config.h"

#define G_LOG_DOMAIN "lb-series-export"

#include <glib/gi18n.h>

#include "lb-output-folder.h"
#include "lb-series-export-dialog.h"

struct _LbSeriesExportDialog
{
  AdwWindow parent_instance;

  GtkWidget *export_button;
  GtkWidget *form;
  GtkCheckButton *display_check;
  GtkCheckButton *stored_check;
  GtkCheckButton *modality_check;
  AdwActionRow *folder_row;
  GtkWidget *progress_box;
  GtkProgressBar *progress_bar;

  GPtrArray *files;             /* GFile */
  LbSeriesExportOptions options;
  GFile *folder;
  GCancellable *cancellable;    /* while running */
};

G_DEFINE_FINAL_TYPE (LbSeriesExportDialog, lb_series_export_dialog, ADW_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- The folder ------------------------------------------------------------------------- */

void
lb_series_export_dialog_set_folder (LbSeriesExportDialog *self,
                                    GFile                *folder)
{
  g_autofree char *shown = g_file_get_parse_name (folder);

  g_set_object (&self->folder, folder);
  adw_action_row_set_subtitle (self->folder_row, shown);
}

GFile *
lb_series_export_dialog_get_folder (LbSeriesExportDialog *self)
{
  return self->folder;
}

static void
on_folder_chosen (GtkWindow *owner,
                  GFile     *folder)
{
  lb_series_export_dialog_set_folder (LB_SERIES_EXPORT_DIALOG (owner), folder);
}

static void
on_choose_clicked (LbSeriesExportDialog *self)
{
  lb_output_folder_choose (GTK_WINDOW (self), _("Folder for the PNG Images"), self->folder,
                           on_folder_chosen);
}

/* ---- The run ---------------------------------------------------------------------------- */

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  LbSeriesExportDialog *self = user_data;

  lb_output_folder_show_progress (self->progress_bar, done, total);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LbSeriesExportDialog *self = user_data;
  g_autoptr (GError) error = NULL;
  guint written = 0;
  gboolean cancelled;

  lb_series_export_finish (result, &written, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[FINISHED], 0, written, self->folder,
                 error != NULL && !cancelled ? error->message : NULL, cancelled);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);        /* taken when the run started */
}

static void
on_export_clicked (LbSeriesExportDialog *self)
{
  LbSeriesExportOptions options = self->options;

  if (self->cancellable != NULL || self->folder == NULL)
    return;
  options.kind = gtk_check_button_get_active (self->stored_check) ? LB_PNG_EXPORT_STORED16
                 : gtk_check_button_get_active (self->modality_check) ? LB_PNG_EXPORT_MODALITY16
                 : LB_PNG_EXPORT_DISPLAY8;
  /* The controls stay as they were asked for; only Cancel still acts. */
  gtk_widget_set_sensitive (self->form, FALSE);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_widget_set_visible (self->progress_box, TRUE);
  on_progress (0, self->files->len, self);
  self->cancellable = g_cancellable_new ();
  g_debug ("series export started: %u files, kind %d", self->files->len, options.kind);
  lb_series_export_async (self->files, self->folder, &options, self->cancellable, on_progress,
                          self, on_run_done, g_object_ref (self));
}

static void
on_cancel_clicked (LbSeriesExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);   /* on_run_done closes the dialog */
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closing the window during a run cancels it, as Cancel does. */
static gboolean
lb_series_export_dialog_close_request (GtkWindow *window)
{
  LbSeriesExportDialog *self = LB_SERIES_EXPORT_DIALOG (window);

  if (self->cancellable == NULL)
    return GTK_WINDOW_CLASS (lb_series_export_dialog_parent_class)->close_request (window);
  g_cancellable_cancel (self->cancellable);
  return TRUE;
}

/* ---- Life ------------------------------------------------------------------------------- */

static void
lb_series_export_dialog_finalize (GObject *object)
{
  LbSeriesExportDialog *self = LB_SERIES_EXPORT_DIALOG (object);

  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lb_series_export_dialog_parent_class)->finalize (object);
}

static void
lb_series_export_dialog_class_init (LbSeriesExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lb_series_export_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = lb_series_export_dialog_close_request;
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_UINT,
                                    G_TYPE_FILE, G_TYPE_STRING, G_TYPE_BOOLEAN);
  gtk_widget_class_set_template_from_resource (wc,
    "/io/github/lightboxviewer/Lightbox/lb-series-export-dialog.ui");
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, export_button);
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, form);
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, display_check);
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, stored_check);
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, modality_check);
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, folder_row);
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, progress_box);
  gtk_widget_class_bind_template_child (wc, LbSeriesExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (wc, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (wc, on_export_clicked);
  gtk_widget_class_bind_template_callback (wc, on_choose_clicked);
}

static void
lb_series_export_dialog_init (LbSeriesExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LbSeriesExportDialog *
lb_series_export_dialog_new (GtkWindow                   *parent,
                             GPtrArray                   *files,
                             const LbSeriesExportOptions *display)
{
  LbSeriesExportDialog *self = g_object_new (LB_TYPE_SERIES_EXPORT_DIALOG, "transient-for",
                                             parent, NULL);
  g_autoptr (GFile) source_folder = files->len > 0 ? g_file_get_parent (files->pdata[0]) : NULL;
  g_autofree char *folder = NULL;
  g_autoptr (GFile) default_folder = NULL;

  self->files = g_ptr_array_ref (files);
  self->options = *display;
  folder = lb_series_export_default_folder (source_folder != NULL ? source_folder
                                                                  : files->pdata[0]);
  default_folder = g_file_new_for_path (folder);
  lb_series_export_dialog_set_folder (self, default_folder);
  return self;
}
