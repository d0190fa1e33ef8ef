/* lb-anonymize-dialog.c: the Anonymize dialog (lb-anonymize-dialog.h). The work is in
 * lb-anonymize-job.c; this file turns the controls into options, shows the shown file's
 * changes as the library reports them, and runs the job with progress and Cancel. */
#include "config.h"

#define G_LOG_DOMAIN "lb-anonymize"

#include <glib/gi18n.h>

#include "lb-anonymize-dialog.h"
#include "lb-anonymize-fileset.h"
#include "lb-anonymize-job.h"
#include "lb-output-folder.h"

/* The table shows this many changes; a file with more says how many are left out. */
#define MAX_ROWS 400

struct _LbAnonymizeDialog
{
  AdwWindow parent_instance;

  GtkWidget *cancel_button;
  GtkWidget *anonymize_button;
  GtkWidget *form;
  GtkCheckButton *file_check;
  GtkCheckButton *series_check;
  GtkCheckButton *study_check;
  AdwActionRow *series_row;
  AdwActionRow *study_row;
  AdwComboRow *dates_row;
  GtkSwitch *device_switch;
  GtkSwitch *characteristics_switch;
  AdwEntryRow *name_row;
  AdwEntryRow *id_row;
  AdwActionRow *folder_row;
  AdwActionRow *dicomdir_row;
  GtkSwitch *dicomdir_switch;
  GtkLabel *folder_error;
  GtkLabel *burned_in_label;
  AdwPreferencesGroup *changes_group;
  GtkGrid *changes_grid;
  GtkWidget *progress_box;
  GtkProgressBar *progress_bar;

  GFile *current;
  LbDicomFile *shown;           /* `current` parsed, for the preview; NULL if unreadable */
  char *shown_error;            /* why it is unreadable */
  GFile *source_folder;         /* the originals' folder, or the media's of a DICOMDIR */
  char *dicomdir;               /* the DICOMDIR that lists `current`, or NULL */
  GPtrArray *series;            /* GFile */
  GFile *folder;                /* where the copies go */
  GPtrArray *changes;           /* LbAnonymizeChange of the shown file */
  GCancellable *cancellable;    /* while running */
};

G_DEFINE_FINAL_TYPE (LbAnonymizeDialog, lb_anonymize_dialog, ADW_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
read_options (LbAnonymizeDialog  *self,
              LbAnonymizeOptions *options)
{
  static const unsigned dates[] = { 0, LB_DEID_RETAIN_DATES, LB_DEID_SHIFT_DATES };
  guint choice = adw_combo_row_get_selected (self->dates_row);

  options->retain = choice < G_N_ELEMENTS (dates) ? dates[choice] : 0;
  if (gtk_switch_get_active (self->device_switch))
    options->retain |= LB_DEID_RETAIN_DEVICE;
  if (gtk_switch_get_active (self->characteristics_switch))
    options->retain |= LB_DEID_RETAIN_PATIENT_CHARACTERISTICS;
  options->patient_name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  options->patient_id = gtk_editable_get_text (GTK_EDITABLE (self->id_row));
  options->study_uid = NULL;
  options->dicomdir = self->dicomdir != NULL && gtk_switch_get_active (self->dicomdir_switch)
                      ? self->dicomdir : NULL;
}

/* ---- The before/after table ------------------------------------------------------------ */

static GtkWidget *
cell (const char *text,
      gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, text);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
fill_table (LbAnonymizeDialog *self)
{
  const char *heads[] = { _("Element"), _("Before"), _("After") };

  clear_grid (self->changes_grid);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    {
      GtkWidget *head = cell (heads[c], FALSE);
      gtk_widget_add_css_class (head, "heading");
      gtk_grid_attach (self->changes_grid, head, c, 0, 1, 1);
    }
  for (guint i = 0; i < self->changes->len && i < MAX_ROWS; i++)
    {
      const LbAnonymizeChange *ch = self->changes->pdata[i];
      gboolean gone = ch->new_value == NULL || *ch->new_value == '\0';
      const char *after = ch->new_value == NULL ? _("removed")
                          : *ch->new_value == '\0' ? _("emptied") : ch->new_value;

      gtk_grid_attach (self->changes_grid, cell (ch->element, FALSE), 0, i + 1, 1, 1);
      gtk_grid_attach (self->changes_grid, cell (ch->old_value, FALSE), 1, i + 1, 1, 1);
      gtk_grid_attach (self->changes_grid, cell (after, gone), 2, i + 1, 1, 1);
    }
}

/* Parsed once here; the preview then follows the options from memory. */
static void
read_shown (LbAnonymizeDialog *self)
{
  g_autofree char *path = g_file_get_path (self->current);
  g_autoptr (GError) error = NULL;

  if (path == NULL)
    return;
  self->shown = lb_anonymize_read_shown (path, &error);
  if (error != NULL)
    self->shown_error = g_strdup (error->message);
}

static void
update_preview (LbAnonymizeDialog *self)
{
  LbAnonymizeOptions options;
  g_autoptr (GError) error = NULL;
  gboolean burned_in = FALSE;
  g_autofree char *description = NULL;

  read_options (self, &options);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  if (self->shown != NULL)
    self->changes = lb_anonymize_preview (self->shown, &options, &burned_in, &error);
  if (self->changes == NULL)
    self->changes = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->burned_in_label), burned_in);
  if (error != NULL)
    description = g_strdup (error->message);
  else if (self->shown_error != NULL)
    description = g_strdup (self->shown_error);
  else
    /* Translators: the number of elements removed, emptied or replaced in the shown file */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u element is removed, emptied or replaced. "
                                                "New UIDs are made again for the copies.",
                                                "%u elements are removed, emptied or replaced. "
                                                "New UIDs are made again for the copies.",
                                                self->changes->len),
                                   self->changes->len);
  adw_preferences_group_set_description (self->changes_group, description);
  fill_table (self);
  g_debug ("anonymize preview: %u changes%s", self->changes->len,
           burned_in ? ", burned-in warning" : "");
}

static void
on_option_changed (LbAnonymizeDialog *self)
{
  if (self->current != NULL)
    update_preview (self);
}

/* ---- The output folder ------------------------------------------------------------------ */

gboolean
lb_anonymize_dialog_set_folder (LbAnonymizeDialog *self,
                                GFile             *folder)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) own = self->current != NULL ? g_file_get_parent (self->current) : NULL;
  /* From a DICOMDIR the media's folder and the shown file's own are both the originals'. */
  gboolean ok = lb_anonymize_check_folder (folder, self->source_folder, &error)
                && (own == NULL || lb_anonymize_check_folder (folder, own, &error));
  g_autofree char *shown = g_file_get_parse_name (folder);

  g_set_object (&self->folder, folder);
  adw_action_row_set_subtitle (self->folder_row, shown);
  gtk_label_set_text (self->folder_error, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_error), !ok);
  gtk_widget_set_sensitive (self->anonymize_button, ok);
  if (!ok)
    g_debug ("anonymize folder refused: %s", shown);
  return ok;
}

GFile *
lb_anonymize_dialog_get_folder (LbAnonymizeDialog *self)
{
  return self->folder;
}

static void
on_folder_chosen (GtkWindow *owner,
                  GFile     *folder)
{
  lb_anonymize_dialog_set_folder (LB_ANONYMIZE_DIALOG (owner), folder);
}

static void
on_choose_clicked (LbAnonymizeDialog *self)
{
  lb_output_folder_choose (GTK_WINDOW (self), _("Folder for the Anonymized Copies"),
                           self->source_folder, on_folder_chosen);
}

/* ---- The run ---------------------------------------------------------------------------- */

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  LbAnonymizeDialog *self = user_data;

  lb_output_folder_show_progress (self->progress_bar, done, total);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LbAnonymizeDialog *self = user_data;
  g_autoptr (GError) error = NULL;
  guint written = 0;
  gboolean cancelled;

  lb_anonymize_run_finish (result, &written, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[FINISHED], 0, written, self->folder,
                 error != NULL && !cancelled ? error->message : NULL, cancelled);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);        /* taken when the run started */
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The regular files of the originals' folder, by name; the worker keeps the study's. */
static void
add_folder_files (LbAnonymizeDialog *self,
                  GPtrArray         *files)
{
  g_autofree char *path = g_file_get_path (self->source_folder);
  g_autoptr (GDir) dir = path != NULL ? g_dir_open (path, 0, NULL) : NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);
      if (name[0] != '.' && g_file_test (full, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_file_new_build_filename (path, names->pdata[i], NULL));
}

static GPtrArray *
chosen_files (LbAnonymizeDialog *self)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  if (gtk_check_button_get_active (self->study_check) && self->dicomdir != NULL)
    {
      g_autoptr (GPtrArray) listed = lb_anonymize_dicomdir_files (self->dicomdir);
      for (guint i = 0; i < listed->len; i++)
        g_ptr_array_add (files, g_object_ref (listed->pdata[i]));
    }
  else if (gtk_check_button_get_active (self->study_check))
    add_folder_files (self, files);
  else if (gtk_check_button_get_active (self->series_check) && self->series != NULL)
    for (guint i = 0; i < self->series->len; i++)
      g_ptr_array_add (files, g_object_ref (self->series->pdata[i]));
  else
    g_ptr_array_add (files, g_object_ref (self->current));
  return files;
}

static void
on_anonymize_clicked (LbAnonymizeDialog *self)
{
  LbAnonymizeOptions options;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *current = g_file_get_path (self->current);
  g_autofree char *study_uid = NULL;

  if (self->cancellable != NULL || !lb_anonymize_dialog_set_folder (self, self->folder))
    return;
  read_options (self, &options);
  files = chosen_files (self);
  if (gtk_check_button_get_active (self->study_check) && current != NULL)
    options.study_uid = study_uid = lb_anonymize_study_uid (current);
  /* The controls stay as they were asked for; only Cancel still acts. */
  gtk_widget_set_sensitive (self->form, FALSE);
  gtk_widget_set_sensitive (self->anonymize_button, FALSE);
  gtk_widget_set_visible (self->progress_box, TRUE);
  on_progress (0, files->len, self);
  self->cancellable = g_cancellable_new ();
  g_debug ("anonymize started: %u files", files->len);
  lb_anonymize_run_async (files, self->folder, &options, self->cancellable, on_progress, self,
                          on_run_done, g_object_ref (self));
}

static void
on_cancel_clicked (LbAnonymizeDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);   /* on_run_done closes the dialog */
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closing the window during a run cancels it, as Cancel does. */
static gboolean
lb_anonymize_dialog_close_request (GtkWindow *window)
{
  LbAnonymizeDialog *self = LB_ANONYMIZE_DIALOG (window);

  if (self->cancellable == NULL)
    return GTK_WINDOW_CLASS (lb_anonymize_dialog_parent_class)->close_request (window);
  g_cancellable_cancel (self->cancellable);
  return TRUE;
}

/* ---- Life ------------------------------------------------------------------------------- */

GPtrArray *
lb_anonymize_dialog_get_changes (LbAnonymizeDialog *self)
{
  return self->changes;
}

GtkWidget *
lb_anonymize_dialog_get_anonymize_button (LbAnonymizeDialog *self)
{
  return self->anonymize_button;
}

static void
lb_anonymize_dialog_finalize (GObject *object)
{
  LbAnonymizeDialog *self = LB_ANONYMIZE_DIALOG (object);

  g_clear_object (&self->current);
  g_clear_pointer (&self->shown, lb_dicom_file_free);
  g_clear_pointer (&self->shown_error, g_free);
  g_clear_object (&self->source_folder);
  g_clear_pointer (&self->dicomdir, g_free);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lb_anonymize_dialog_parent_class)->finalize (object);
}

static void
lb_anonymize_dialog_class_init (LbAnonymizeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lb_anonymize_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = lb_anonymize_dialog_close_request;
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_UINT,
                                    G_TYPE_FILE, G_TYPE_STRING, G_TYPE_BOOLEAN);
  gtk_widget_class_set_template_from_resource (wc,
    "/io/github/lightboxviewer/Lightbox/lb-anonymize-dialog.ui");
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, cancel_button);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, anonymize_button);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, form);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, file_check);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, series_check);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, study_check);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, series_row);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, study_row);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, dates_row);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, device_switch);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, characteristics_switch);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, name_row);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, id_row);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, folder_row);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, dicomdir_row);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, dicomdir_switch);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, folder_error);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, burned_in_label);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, changes_group);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, changes_grid);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, progress_box);
  gtk_widget_class_bind_template_child (wc, LbAnonymizeDialog, progress_bar);
  gtk_widget_class_bind_template_callback (wc, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (wc, on_anonymize_clicked);
  gtk_widget_class_bind_template_callback (wc, on_option_changed);
  gtk_widget_class_bind_template_callback (wc, on_choose_clicked);
}

static void
lb_anonymize_dialog_init (LbAnonymizeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LbAnonymizeDialog *
lb_anonymize_dialog_new (GtkWindow *parent,
                         GFile     *current,
                         GPtrArray *series)
{
  LbAnonymizeDialog *self = g_object_new (LB_TYPE_ANONYMIZE_DIALOG, "transient-for", parent,
                                          NULL);
  guint n = series != NULL ? series->len : 0;
  g_autofree char *count = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (GFile) default_folder = NULL;

  self->current = g_object_ref (current);
  read_shown (self);
  /* From a DICOMDIR, the copies go beside the media's folder, as a file-set of their own. */
  self->dicomdir = lb_anonymize_find_dicomdir (current);
  if (self->dicomdir != NULL)
    {
      g_autoptr (GFile) dicomdir = g_file_new_for_path (self->dicomdir);
      self->source_folder = g_file_get_parent (dicomdir);
      gtk_widget_set_visible (GTK_WIDGET (self->dicomdir_row), TRUE);
      adw_action_row_set_subtitle (self->study_row,
                                   _("Every file of this study that the DICOMDIR lists"));
      g_debug ("anonymize: %s lists the shown file", self->dicomdir);
    }
  else
    self->source_folder = g_file_get_parent (current);
  if (self->source_folder == NULL)
    self->source_folder = g_object_ref (current);
  if (series != NULL)
    self->series = g_ptr_array_ref (series);
  /* Translators: the number of files of the series in the sidebar */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n), n);
  adw_action_row_set_subtitle (self->series_row, count);
  if (n <= 1)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->series_row), FALSE);
      gtk_check_button_set_active (self->file_check, TRUE);
    }
  folder = lb_anonymize_default_folder (self->source_folder);
  default_folder = g_file_new_for_path (folder);
  lb_anonymize_dialog_set_folder (self, default_folder);
  update_preview (self);
  return self;
}
