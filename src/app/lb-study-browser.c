/* lb-study-browser.c: the Studies page of the sidebar (lb-study-browser.h). The folder is read
 * in a worker (lb-study-scan.c) into the study model, listed as patient and study headings
 * with a row per series stack, and each row's thumbnail comes later from the thumbnailer's
 * pool, so nothing here waits on a disk or a decoder. */
#include "config.h"

#define G_LOG_DOMAIN "lb-study-browser"

#include <glib/gi18n.h>

#include "lb-series-row.h"
#include "lb-study-browser-missing.h"
#include "lb-study-browser.h"
#include "lb-study-scan.h"
#include "lb-thumbnailer.h"

struct _LbStudyBrowser
{
  GtkWidget parent_instance;

  GtkListBox *list_box;
  GtkStack *stack;
  GtkWidget *progress_box;
  GtkLabel *progress_label;
  GtkLabel *duplicates_label;

  LbStudyModel *model;                 /* what the rows show (they borrow from it) */
  char *folder;                        /* the folder listed (its path) */
  LbDicomdirMissing *missing;          /* what a DICOMDIR names and the media lacks, or NULL */
  GPtrArray *rows;                     /* LbSeriesRow, borrowed from the list box */
  GHashTable *row_of_path;             /* instance path -> its LbSeriesRow (borrowed) */
  GCancellable *scan_cancellable;
  GCancellable *thumbnail_cancellable;
  LbStudyScanState *scan_state;        /* the running scan's count, stop and partial lists */
  guint progress_timeout;
  guint n_thumbnails;                  /* rows showing their thumbnail */
  guint n_thumbnails_pending;
};

G_DEFINE_FINAL_TYPE (LbStudyBrowser, lb_study_browser, GTK_TYPE_WIDGET)

enum { SIGNAL_SERIES_ACTIVATED, SIGNAL_SCANNED, SIGNAL_LISTED_SO_FAR, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- Thumbnails ------------------------------------------------------------------------- */

typedef struct {
  LbStudyBrowser *browser;
  LbSeriesRow *row;
} ThumbnailJob;

static void
on_thumbnail (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ThumbnailJob *job = user_data;
  g_autoptr (LbStudyBrowser) self = job->browser;
  g_autoptr (LbSeriesRow) row = job->row;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = lb_thumbnailer_load_finish (LB_THUMBNAILER (source), result,
                                                               &error);

  g_free (job);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                            /* the list was replaced: its counts are new ones */
  if (texture != NULL)
    {
      lb_series_row_set_thumbnail (row, texture);
      self->n_thumbnails++;
    }
  if (--self->n_thumbnails_pending == 0)
    g_debug ("thumbnails done: %u of %u shown", self->n_thumbnails, self->rows->len);
}

static void
request_thumbnails (LbStudyBrowser *self)
{
  LbThumbnailer *thumbnailer = lb_thumbnailer_get_default ();

  self->n_thumbnails = 0;
  self->n_thumbnails_pending = self->rows->len;
  for (guint i = 0; i < self->rows->len; i++)
    {
      LbSeriesRow *row = g_ptr_array_index (self->rows, i);
      ThumbnailJob *job = g_new0 (ThumbnailJob, 1);
      guint frame = 0;
      const char *path = lb_series_row_get_thumbnail_path (row, &frame);

      job->browser = g_object_ref (self);
      job->row = g_object_ref (row);
      lb_thumbnailer_load_async (thumbnailer, path, frame, self->thumbnail_cancellable,
                                 on_thumbnail, job);
    }
}

/* ---- The list --------------------------------------------------------------------------- */

/* A heading between rows: a patient or a study. Neither selectable nor activatable. */
static void
add_heading (LbStudyBrowser *self,
             const char     *text,
             gboolean        patient)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, patient ? 6 : 12);
  gtk_widget_set_margin_top (label, patient ? 8 : 4);
  gtk_widget_add_css_class (label, patient ? "heading" : "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_list_box_append (self->list_box, row);
}

static char *
patient_heading (const LbStudyPatient *patient)
{
  g_autofree char *name = lb_dicom_escape_text (patient->name);
  g_autofree char *id = lb_dicom_escape_text (patient->id);

  /* PN components are separated by carets: "Doe^Jane" reads "Doe Jane". */
  g_strdelimit (name, "^", ' ');
  g_strstrip (name);
  if (name[0] == '\0')
    return id[0] ? g_strdup (id) : g_strdup (_("Unnamed patient"));
  /* Translators: a patient's name, then their patient ID */
  return id[0] ? g_strdup_printf (_("%s (%s)"), name, id) : g_strdup (name);
}

static char *
study_heading (const LbStudyStudy *study)
{
  g_autofree char *description = lb_dicom_escape_text (study->description);
  g_autofree char *date = lb_dicom_escape_text (study->date);

  if (description[0] == '\0')
    return date[0] ? g_strdup (date) : g_strdup (_("Study"));
  return date[0] ? g_strdup_printf ("%s · %s", date, description) : g_strdup (description);
}

static void
show_duplicates (LbStudyBrowser *self)
{
  const LbStudyModel *model = self->model;
  g_autoptr (GString) tooltip = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint n = model->n_duplicates;

  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_label), n > 0);
  if (n == 0)
    return;
  /* Translators: files left out of the study browser because another file is the same image */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u duplicate file left out (same SOP Instance UID)",
                                       "%u duplicate files left out (same SOP Instance UID)", n),
                          n);
  for (size_t i = 0; i < n && i < 20; i++)
    {
      g_autofree char *base = g_path_get_basename (model->duplicates[i].path);
      g_autofree char *kept = g_path_get_basename (model->duplicates[i].kept_path);
      g_autofree char *line = g_strdup_printf (_("%s is %s"), base, kept);

      g_string_append_printf (tooltip, "%s%s", i > 0 ? "\n" : "", line);
    }
  gtk_label_set_text (self->duplicates_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->duplicates_label), tooltip->str);
  g_debug ("duplicates: %u", n);
}

static void
clear_list (LbStudyBrowser *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->row_of_path);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->model, lb_study_model_free);
  self->n_thumbnails = self->n_thumbnails_pending = 0;
}

/* The DICOMDIR's missing files apply to the folder it was found in only. */
static LbDicomdirMissing *
missing_here (LbStudyBrowser *self)
{
  return self->missing != NULL && g_strcmp0 (self->missing->folder, self->folder) == 0
         ? self->missing : NULL;
}

/* Under a listed series: the files of that series the DICOMDIR names and the media lacks. */
static void
add_missing_row (LbStudyBrowser *self,
                 const char     *series_uid,
                 GHashTable     *listed)
{
  LbMissingSeries *series = lb_dicomdir_missing_lookup (missing_here (self), series_uid);

  if (series == NULL)
    return;
  gtk_list_box_append (self->list_box, lb_missing_row_new (series, FALSE));
  g_hash_table_add (listed, series);
  g_debug ("missing listed: %u under series %s", series->file_ids->len, series_uid);
}

/* At the end: series the DICOMDIR names none of whose files are here, with their labels. */
static void
add_unlisted_missing_rows (LbStudyBrowser *self,
                           GHashTable     *listed)
{
  LbDicomdirMissing *missing = missing_here (self);

  for (guint i = 0; missing != NULL && i < missing->series->len; i++)
    {
      LbMissingSeries *series = g_ptr_array_index (missing->series, i);

      if (g_hash_table_contains (listed, series))
        continue;
      gtk_list_box_append (self->list_box, lb_missing_row_new (series, TRUE));
      g_debug ("missing listed: %u of unlisted series %s", series->file_ids->len,
               series->series_label);
    }
}

static void
fill_list (LbStudyBrowser *self)
{
  const LbStudyModel *model = self->model;
  g_autoptr (GHashTable) listed = g_hash_table_new (NULL, NULL);   /* LbMissingSeries shown */

  for (size_t p = 0; p < model->n_patients; p++)
    {
      const LbStudyPatient *patient = model->patients[p];
      g_autofree char *heading = patient_heading (patient);

      add_heading (self, heading, TRUE);
      for (size_t s = 0; s < patient->n_studies; s++)
        {
          const LbStudyStudy *study = patient->studies[s];
          g_autofree char *study_text = study_heading (study);

          add_heading (self, study_text, FALSE);
          for (size_t r = 0; r < study->n_series; r++)
            {
              for (size_t k = 0; k < study->series[r]->n_stacks; k++)
                {
                  const LbStudyStack *stack = study->series[r]->stacks[k];
                  GtkWidget *row = lb_series_row_new (study->series[r], k, study->date);

                  gtk_list_box_append (self->list_box, row);
                  g_ptr_array_add (self->rows, row);
                  for (size_t i = 0; i < stack->n_instances; i++)
                    g_hash_table_insert (self->row_of_path, stack->instances[i]->path, row);
                }
              add_missing_row (self, study->series[r]->uid, listed);
            }
        }
    }
  add_unlisted_missing_rows (self, listed);
  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_widget_get_first_child (GTK_WIDGET (self->list_box))
                                    != NULL ? "list" : "empty");
  show_duplicates (self);
  self->thumbnail_cancellable = g_cancellable_new ();
  request_thumbnails (self);
}

/* ---- Scanning --------------------------------------------------------------------------- */

static void
show_model (LbStudyBrowser *self,
            LbStudyModel   *model)
{
  clear_list (self);
  self->model = model;
  fill_list (self);
}

static gboolean
update_progress (gpointer user_data)
{
  LbStudyBrowser *self = user_data;
  guint n = lb_study_scan_state_get_n_seen (self->scan_state);
  LbStudyModel *partial = lb_study_scan_state_take_partial (self->scan_state);
  g_autofree char *text =
    /* Translators: shown while an opened folder is read for the study browser */
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading studies: %u file",
                                  "Reading studies: %u files", n), n);

  gtk_label_set_text (self->progress_label, text);
  /* A big folder is listed as it is read: what was found so far, once a second. */
  if (partial != NULL)
    {
      show_model (self, partial);
      g_debug ("studies so far: %u series of %u files", self->rows->len, n);
      g_signal_emit (self, signals[SIGNAL_LISTED_SO_FAR], 0);
    }
  return G_SOURCE_CONTINUE;
}

static void
end_progress (LbStudyBrowser *self)
{
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  gtk_widget_set_visible (self->progress_box, FALSE);
}

static void
on_stop_clicked (LbStudyBrowser *self)
{
  if (self->scan_state != NULL)
    lb_study_scan_state_stop (self->scan_state);
  g_debug ("studies scan stop requested");
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (LbStudyBrowser) self = user_data;
  g_autoptr (GError) error = NULL;
  LbStudyModel *model = lb_study_scan_finish (result, &error);

  if (model == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("studies not read: %s", error->message);
      return;                          /* cancelled: a newer scan owns the state */
    }
  end_progress (self);
  show_model (self, model);
  g_debug ("studies listed: %u series", self->rows->len);
  g_signal_emit (self, signals[SIGNAL_SCANNED], 0);
}

void
lb_study_browser_set_folder (LbStudyBrowser *self,
                             GFile          *folder,
                             gboolean        deep)
{
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  self->scan_cancellable = g_cancellable_new ();
  g_free (self->folder);
  self->folder = g_file_get_path (folder);
  end_progress (self);
  g_clear_pointer (&self->scan_state, lb_study_scan_state_unref);
  self->scan_state = lb_study_scan_state_new ();
  if (deep)
    {
      gtk_widget_set_visible (self->progress_box, TRUE);
      update_progress (self);
      self->progress_timeout = g_timeout_add (150, update_progress, self);
    }
  lb_study_scan_async (folder, deep, self->scan_state, self->scan_cancellable, on_scanned,
                       g_object_ref (self));
}

void
lb_study_browser_set_missing (LbStudyBrowser    *self,
                              LbDicomdirMissing *missing)
{
  LbStudyModel *model;

  g_return_if_fail (LB_IS_STUDY_BROWSER (self));
  g_clear_pointer (&self->missing, lb_dicomdir_missing_free);
  self->missing = missing;
  if (self->model == NULL)
    return;                            /* the scan's list will show them */
  /* Listed already: again, with the rows of the missing files. */
  model = g_steal_pointer (&self->model);
  show_model (self, model);
}

/* ---- Activation ------------------------------------------------------------------------- */

static void
on_row_activated (LbStudyBrowser *self,
                  GtkListBoxRow  *row)
{
  g_autoptr (GPtrArray) files = NULL;
  guint middle = 0;

  if (!LB_IS_SERIES_ROW (row))
    return;
  files = lb_series_row_get_files (LB_SERIES_ROW (row), &middle);
  {
    g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, middle));

    g_debug ("series activated: %u files, showing %s", files->len, name);
  }
  g_signal_emit (self, signals[SIGNAL_SERIES_ACTIVATED], 0, files, middle);
}

void
lb_study_browser_activate_series (LbStudyBrowser *self,
                                  guint           n)
{
  g_return_if_fail (n < self->rows->len);
  gtk_list_box_select_row (self->list_box, g_ptr_array_index (self->rows, n));
  on_row_activated (self, g_ptr_array_index (self->rows, n));
}

static LbSeriesRow *
find_row (LbStudyBrowser *self,
          GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_hash_table_lookup (self->row_of_path, path) : NULL;
}

GPtrArray *
lb_study_browser_get_stack (LbStudyBrowser *self,
                            GFile          *file)
{
  LbSeriesRow *row = find_row (self, file);

  return row != NULL ? lb_series_row_get_files (row, NULL) : NULL;
}

static gboolean
study_holds (const LbStudyStudy *study,
             const char         *path)
{
  for (size_t r = 0; r < study->n_series; r++)
    for (size_t k = 0; k < study->series[r]->n_stacks; k++)
      {
        const LbStudyStack *stack = study->series[r]->stacks[k];

        for (size_t i = 0; i < stack->n_instances; i++)
          if (g_str_equal (stack->instances[i]->path, path))
            return TRUE;
      }
  return FALSE;
}

static GPtrArray *
study_files (const LbStudyStudy *study)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (size_t r = 0; r < study->n_series; r++)
    for (size_t k = 0; k < study->series[r]->n_stacks; k++)
      {
        const LbStudyStack *stack = study->series[r]->stacks[k];

        for (size_t i = 0; i < stack->n_instances; i++)
          g_ptr_array_add (files, g_file_new_for_path (stack->instances[i]->path));
      }
  return files;
}

GPtrArray *
lb_study_browser_get_study_files (LbStudyBrowser *self,
                                  GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (LB_IS_STUDY_BROWSER (self), NULL);
  if (path == NULL || self->model == NULL)
    return NULL;
  for (size_t p = 0; p < self->model->n_patients; p++)
    for (size_t s = 0; s < self->model->patients[p]->n_studies; s++)
      if (study_holds (self->model->patients[p]->studies[s], path))
        return study_files (self->model->patients[p]->studies[s]);
  return NULL;
}

void
lb_study_browser_select_file (LbStudyBrowser *self,
                              GFile          *file)
{
  LbSeriesRow *row = find_row (self, file);

  if (row != NULL && gtk_list_box_get_selected_row (self->list_box) != GTK_LIST_BOX_ROW (row))
    gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
}

guint
lb_study_browser_get_n_series (LbStudyBrowser *self)
{
  return self->rows->len;
}

guint
lb_study_browser_get_n_thumbnails (LbStudyBrowser *self)
{
  return self->n_thumbnails;
}

/* ---- Widget ----------------------------------------------------------------------------- */

static void
lb_study_browser_dispose (GObject *object)
{
  LbStudyBrowser *self = LB_STUDY_BROWSER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  end_progress (self);
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->row_of_path);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_STUDY_BROWSER);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_study_browser_parent_class)->dispose (object);
}

static void
lb_study_browser_finalize (GObject *object)
{
  LbStudyBrowser *self = LB_STUDY_BROWSER (object);

  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->row_of_path);
  g_clear_pointer (&self->scan_state, lb_study_scan_state_unref);
  g_clear_pointer (&self->model, lb_study_model_free);
  g_clear_pointer (&self->missing, lb_dicomdir_missing_free);
  g_free (self->folder);
  G_OBJECT_CLASS (lb_study_browser_parent_class)->finalize (object);
}

static void
lb_study_browser_class_init (LbStudyBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_study_browser_dispose;
  object_class->finalize = lb_study_browser_finalize;

  /* The stack's files (GFile, in slice order) and the index of the one to show first. */
  signals[SIGNAL_SERIES_ACTIVATED] =
    g_signal_new ("series-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_UINT);
  /* A folder still being read: what was found so far is listed. */
  signals[SIGNAL_LISTED_SO_FAR] =
    g_signal_new ("listed-so-far", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SCANNED] =
    g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lightboxviewer/Lightbox/lb-study-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, LbStudyBrowser, list_box);
  gtk_widget_class_bind_template_child (widget_class, LbStudyBrowser, stack);
  gtk_widget_class_bind_template_child (widget_class, LbStudyBrowser, progress_box);
  gtk_widget_class_bind_template_child (widget_class, LbStudyBrowser, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LbStudyBrowser, duplicates_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "studybrowser");
}

static void
lb_study_browser_init (LbStudyBrowser *self)
{
  self->rows = g_ptr_array_new ();
  /* Keys are the model's paths: the table is emptied before the model goes. */
  self->row_of_path = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lb_study_browser_new (void)
{
  return g_object_new (LB_TYPE_STUDY_BROWSER, NULL);
}
