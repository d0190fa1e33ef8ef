/* lb-file-browser.c: a flat list of folder headings and files. The scan reads headers only
 * (the parser stops before Pixel Data) in a worker; files that are not DICOM are left out. */
#include "config.h"

#define G_LOG_DOMAIN "lb-file-browser"

#include <glib/gi18n.h>

#include "lb-file-browser.h"
#include "lb-file-item.h"
#include "lb-paint-log.h"

#define MAX_DEPTH 8
#define MAX_FILES 50000

typedef struct _ScanJob ScanJob;

struct _LbFileBrowser
{
  GtkWidget parent_instance;

  GtkListView *list_view;
  GtkSingleSelection *selection;
  GtkLabel *folder_label;
  GtkStack *stack;
  GtkWidget *progress_box;
  GtkProgressBar *progress_bar;
  GtkLabel *progress_label;

  GListStore *store;
  GCancellable *cancellable;           /* cancelled when a newer scan supersedes this one */
  ScanJob *job;                        /* the running scan, for its progress */
  guint progress_timeout;
  GFile *pending_select;
  gboolean syncing;
  gboolean restoring;                  /* activating pending_select once the folder is read */
  guint scroll_tick;                   /* brings the selected row into view (scroll_to_selected) */
  guint scroll_frames;                 /* frames waited for the list's first layout */
  gboolean scroll_estimated;
};

G_DEFINE_FINAL_TYPE (LbFileBrowser, lb_file_browser, GTK_TYPE_WIDGET)

enum { SIGNAL_FILE_ACTIVATED, SIGNAL_FOLDER_SCANNED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A scan, shared by the worker and the main thread. A deep scan (an opened folder) walks the
 * subfolders, shows its progress and can be stopped, keeping what it found; a shallow one (the
 * folder of an opened file) reads that folder only: a file in ~/Downloads must not crawl the
 * whole tree below it. */
struct _ScanJob {
  GFile *root;
  gboolean deep;
  gint stop;                           /* atomic: the user stopped it */
  guint n_seen;                        /* atomic: files looked at so far */
};

static void
scan_job_free (ScanJob *job)
{
  g_object_unref (job->root);
  g_free (job);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static int
compare_slices (gconstpointer a,
                gconstpointer b)
{
  return lb_file_item_compare_slices (*(LbFileItem **) a, *(LbFileItem **) b);
}

static gboolean
scan_should_end (ScanJob      *job,
                 GCancellable *cancellable)
{
  return g_cancellable_is_cancelled (cancellable) || g_atomic_int_get (&job->stop);
}

static void
scan_dir (ScanJob      *job,
          GFile        *dir,
          guint         depth,
          GPtrArray    *out,
          GCancellable *cancellable)
{
  g_autoptr (GFileEnumerator) en = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) subdirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  if (depth > MAX_DEPTH || scan_should_end (job, cancellable))
    return;
  en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                  G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                  G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  if (en == NULL)
    return;
  while ((info = g_file_enumerator_next_file (en, cancellable, NULL)) != NULL)
    {
      GFileType type = g_file_info_get_file_type (info);

      /* 'd' folder, 'f' file, 'l' link (its target is looked at when its turn comes). Pipes
       * and devices are never read: opening a FIFO would wait for a writer forever. */
      if (!g_file_info_get_is_hidden (info) && type != G_FILE_TYPE_SPECIAL)
        g_ptr_array_add (names, g_strdup_printf ("%c%s",
                                                 type == G_FILE_TYPE_DIRECTORY ? 'd'
                                                 : type == G_FILE_TYPE_SYMBOLIC_LINK ? 'l' : 'f',
                                                 g_file_info_get_name (info)));
      g_object_unref (info);
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len && g_atomic_int_get (&job->n_seen) < MAX_FILES; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autoptr (GFile) child = g_file_get_child (dir, entry + 1);

      if (scan_should_end (job, cancellable))
        break;
      if (entry[0] == 'd')
        {
          if (job->deep)
            g_ptr_array_add (subdirs, g_steal_pointer (&child));
        }
      /* A link is read when it points at a plain file: not at a pipe (see above), nor at a
       * folder (links could make the walk go round in circles). */
      else if (entry[0] == 'l'
               && g_file_query_file_type (child, G_FILE_QUERY_INFO_NONE, cancellable)
                    != G_FILE_TYPE_REGULAR)
        continue;
      else
        {
          LbFileItem *item = lb_file_item_new_for_file (child);

          g_atomic_int_inc (&job->n_seen);
          if (item != NULL)
            {
              lb_file_item_set_depth (item, depth > 0 ? 1 : 0);
              g_ptr_array_add (files, item);
            }
        }
    }

  /* Each series stacked in anatomical order; a stopped scan keeps what it read. */
  g_ptr_array_sort (files, compare_slices);
  /* The top folder is named in the heading above the list. */
  if (files->len > 0 && depth > 0)
    {
      g_autofree char *label = g_file_get_relative_path (job->root, dir);

      g_ptr_array_add (out, lb_file_item_new_for_folder (dir, label, 0));
    }
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (out, g_object_ref (g_ptr_array_index (files, i)));
  for (guint i = 0; i < subdirs->len; i++)
    scan_dir (job, g_ptr_array_index (subdirs, i), depth + 1, out, cancellable);
}

static void
scan_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanJob *job = task_data;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  scan_dir (job, job->root, 0, out, cancellable);
  if (g_task_return_error_if_cancelled (task))
    {
      g_ptr_array_unref (out);
      return;
    }
  g_task_return_pointer (task, out, (GDestroyNotify) g_ptr_array_unref);
}

/* ---- Progress of a deep scan ------------------------------------------------------------ */

static gboolean
update_progress (gpointer user_data)
{
  LbFileBrowser *self = user_data;
  guint n = self->job != NULL ? (guint) g_atomic_int_get (&self->job->n_seen) : 0;
  g_autofree char *text = NULL;

  /* Translators: shown while the subfolders of an opened folder are read */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading folders: %u file",
                                       "Reading folders: %u files", n), n);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_pulse (self->progress_bar);
  g_debug ("scan progress: %u files", n);
  return G_SOURCE_CONTINUE;
}

static void
end_progress (LbFileBrowser *self)
{
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  gtk_widget_set_visible (self->progress_box, FALSE);
}

static void
begin_progress (LbFileBrowser *self)
{
  end_progress (self);
  if (!self->job->deep)
    return;
  gtk_widget_set_visible (self->progress_box, TRUE);
  update_progress (self);
  self->progress_timeout = g_timeout_add (150, update_progress, self);
}

static void
on_stop_clicked (LbFileBrowser *self)
{
  lb_file_browser_stop_scan (self);
}

void
lb_file_browser_stop_scan (LbFileBrowser *self)
{
  if (self->job == NULL)
    return;
  g_atomic_int_set (&self->job->stop, TRUE);
  g_debug ("scan stop requested");
}

static guint
find_file (LbFileBrowser *self,
           GFile         *file)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LbFileItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (!lb_file_item_is_folder (item) && g_file_equal (lb_file_item_get_file (item), file))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (LbFileBrowser) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = g_task_propagate_pointer (G_TASK (result), &error);
  ScanJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GFile) pending = NULL;
  GFile *first = NULL;
  guint n_files = 0;

  if (items == NULL)
    return;                            /* superseded by a newer scan, which owns the state */
  pending = g_steal_pointer (&self->pending_select);
  self->job = NULL;
  end_progress (self);
  if (g_atomic_int_get (&job->stop))
    g_debug ("scan stopped after %u files", (guint) g_atomic_int_get (&job->n_seen));
  self->syncing = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  self->syncing = FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!lb_file_item_is_folder (g_ptr_array_index (items, i)))
      {
        if (first == NULL)
          first = lb_file_item_get_file (g_ptr_array_index (items, i));
        n_files++;
      }
  gtk_stack_set_visible_child_name (self->stack, n_files > 0 ? "list" : "empty");
  g_debug ("scanned %u DICOM files", n_files);

  if (pending != NULL)
    {
      if (find_file (self, pending) != GTK_INVALID_LIST_POSITION)
        {
          lb_file_browser_select_file (self, pending);
          self->restoring = TRUE;
          g_signal_emit (self, signals[SIGNAL_FILE_ACTIVATED], 0, pending);
          self->restoring = FALSE;
        }
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FOLDER_SCANNED], 0, first);
}

static void
start_scan (LbFileBrowser *self,
            GFile         *folder,
            gboolean       deep)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (folder);
  g_autofree char *path = g_file_get_path (folder);
  ScanJob *job = g_new0 (ScanJob, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->folder_label, name);

  job->root = g_object_ref (folder);
  job->deep = deep;
  /* The task owns the job; self->job is cleared before the task can go (on_scanned, or a
   * newer start_scan). */
  self->job = job;
  g_debug ("scanning %s%s", path, deep ? " and its subfolders" : " (this folder only)");
  begin_progress (self);
  task = g_task_new (NULL, self->cancellable, on_scanned, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) scan_job_free);
  g_task_run_in_thread (task, scan_worker);
}

void
lb_file_browser_set_folder (LbFileBrowser *self,
                            GFile         *folder)
{
  g_clear_object (&self->pending_select);
  start_scan (self, folder, TRUE);
}

void
lb_file_browser_set_folder_for_file (LbFileBrowser *self,
                                     GFile         *folder,
                                     GFile         *file)
{
  g_autofree char *name = g_file_get_basename (file);

  g_set_object (&self->pending_select, file);
  /* A DICOMDIR lists the files of the folders below it (a CD's IMAGES/...): those are read
   * too. The DICOMDIR itself is no row, so nothing is activated once they are listed: the
   * window keeps showing the DICOMDIR until a series is picked. */
  start_scan (self, folder, g_ascii_strcasecmp (name, "DICOMDIR") == 0);
}

/* For the GUI tests (G_MESSAGES_DEBUG=lb-file-browser): "shown: sidebar row of CT24.dcm" once
 * the list is painted scrolled to the selected row. */
static void
note_selection_shown (LbFileBrowser *self,
                      guint          pos)
{
  g_autoptr (LbFileItem) item = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!lb_paint_log_enabled (G_LOG_DOMAIN))
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->store), pos);
  name = g_file_get_basename (lb_file_item_get_file (item));
  text = g_strdup_printf ("sidebar row of %s", name);
  lb_paint_log_note (GTK_WIDGET (self->list_view), G_LOG_DOMAIN, text);
}

/* Keep the selected row in view (gtk_list_view_scroll_to is 4.12). GTK 4.8's "scroll-to-item"
 * misbehaves on a list that has not laid out its rows yet: it shows one row and nothing else (a
 * folder's 600 slices just handed over, the opened file in the middle). So the scroll waits
 * until the list has a height, first moves there by the estimated row height, then lets the
 * list bring the exact row into view one frame later. */
static gboolean
scroll_to_selected (GtkWidget     *list_view,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  LbFileBrowser *self = user_data;
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint pos = gtk_single_selection_get_selected (self->selection);
  double upper = gtk_adjustment_get_upper (adj);
  double page = gtk_adjustment_get_page_size (adj);

  if (pos < n && upper <= 0 && self->scroll_frames++ < 30)
    return G_SOURCE_CONTINUE;                      /* no layout yet */
  if (pos < n && upper > 0 && self->scroll_frames > 0 && !self->scroll_estimated)
    {
      double row = upper / n;

      self->scroll_estimated = TRUE;
      gtk_adjustment_set_value (adj, CLAMP (row * pos - (page - row) / 2, 0,
                                            MAX (upper - page, 0)));
      return G_SOURCE_CONTINUE;
    }
  if (pos < n)
    {
      gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", pos);
      note_selection_shown (self, pos);
    }
  self->scroll_tick = 0;
  self->scroll_frames = 0;
  self->scroll_estimated = FALSE;
  return G_SOURCE_REMOVE;
}

void
lb_file_browser_select_file (LbFileBrowser *self,
                             GFile         *file)
{
  guint pos = find_file (self, file);

  if (pos == GTK_INVALID_LIST_POSITION)
    return;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, pos);
  self->syncing = FALSE;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                      scroll_to_selected, self, NULL);
}

GPtrArray *
lb_file_browser_get_series (LbFileBrowser *self,
                            GFile         *file)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint pos = find_file (self, file);
  GPtrArray *series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LbFileItem) current = NULL;
  guint start = pos;

  if (pos == GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (series, g_object_ref (file));
      return series;
    }
  current = g_list_model_get_item (model, pos);
  /* Files of one folder are contiguous and sorted by series then slice: walk both ways. */
  while (start > 0)
    {
      g_autoptr (LbFileItem) prev = g_list_model_get_item (model, start - 1);

      if (lb_file_item_is_folder (prev)
          || g_strcmp0 (lb_file_item_get_series_uid (prev), lb_file_item_get_series_uid (current)))
        break;
      start--;
    }
  for (guint i = start; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (LbFileItem) item = g_list_model_get_item (model, i);

      if (lb_file_item_is_folder (item)
          || g_strcmp0 (lb_file_item_get_series_uid (item), lb_file_item_get_series_uid (current)))
        break;
      g_ptr_array_add (series, g_object_ref (lb_file_item_get_file (item)));
    }
  return series;
}

GListModel *
lb_file_browser_get_model (LbFileBrowser *self)
{
  return G_LIST_MODEL (self->store);
}

/* A row's file picked: the window is told. Picked while the folder is read again (the rows on
 * show are the last scan's), it is also what the list selects once read, not the file it was
 * asked to select before (the file opened, or the folder's first): the last file asked for wins. */
static void
pick_file (LbFileBrowser *self,
           GFile         *file)
{
  if (self->job != NULL)
    g_set_object (&self->pending_select, file);
  g_signal_emit (self, signals[SIGNAL_FILE_ACTIVATED], 0, file);
}

/* TRUE while "file-activated" is the list selecting, once it has read the folder, the file it
 * was asked to select (or the row picked while it read): no one clicked just now. */
gboolean
lb_file_browser_is_restoring (LbFileBrowser *self)
{
  return self->restoring;
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      LbFileBrowser      *self)
{
  LbFileItem *item = gtk_single_selection_get_selected_item (selection);

  if (self->syncing || item == NULL || lb_file_item_is_folder (item))
    return;
  pick_file (self, lb_file_item_get_file (item));
}

/* A row double-clicked or given Enter: its file is opened (again, if a load of it failed, or
 * if the Studies list showed another). The window leaves the file on show or loading alone. */
static void
on_row_activated (GtkListView   *list_view,
                  guint          position,
                  LbFileBrowser *self)
{
  g_autoptr (LbFileItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  g_autofree char *name = NULL;

  if (item == NULL || lb_file_item_is_folder (item))
    return;
  name = g_file_get_basename (lb_file_item_get_file (item));
  g_debug ("row activated: %s", name);
  pick_file (self, lb_file_item_get_file (item));
}

static void
lb_file_browser_dispose (GObject *object)
{
  LbFileBrowser *self = LB_FILE_BROWSER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->job = NULL;
  end_progress (self);
  g_clear_object (&self->pending_select);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_tick);
  self->scroll_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_FILE_BROWSER);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_file_browser_parent_class)->dispose (object);
}

static void
lb_file_browser_class_init (LbFileBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_file_browser_dispose;

  signals[SIGNAL_FILE_ACTIVATED] =
    g_signal_new ("file-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_FILE);
  signals[SIGNAL_FOLDER_SCANNED] =
    g_signal_new ("folder-scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  g_type_ensure (LB_TYPE_FILE_ITEM);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-file-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, LbFileBrowser, list_view);
  gtk_widget_class_bind_template_child (widget_class, LbFileBrowser, selection);
  gtk_widget_class_bind_template_child (widget_class, LbFileBrowser, folder_label);
  gtk_widget_class_bind_template_child (widget_class, LbFileBrowser, stack);
  gtk_widget_class_bind_template_child (widget_class, LbFileBrowser, progress_box);
  gtk_widget_class_bind_template_child (widget_class, LbFileBrowser, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LbFileBrowser, progress_label);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
}

static void
lb_file_browser_init (LbFileBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (LB_TYPE_FILE_ITEM);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->store));
}

GtkWidget *
lb_file_browser_new (void)
{
  return g_object_new (LB_TYPE_FILE_BROWSER, NULL);
}
