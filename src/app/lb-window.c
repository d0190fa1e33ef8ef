/* lb-window.c: the window template, the current document and series, loading and errors.
 * Actions and key bindings live in lb-window-actions.c. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-error.h"
#include "lb-frame-label.h"
#include "lb-lazy-menu.h"
#include "lb-menu-tooltip.h"
#include "lb-presentation.h"
#include "lb-window-private.h"

G_DEFINE_FINAL_TYPE (LbWindow, lb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_no_image (LbWindow *self)
{
  lb_window_show_status (self, APP_ID "-symbolic", _("No Image"),
                         _("Open a DICOM file or a folder, or drop it here"), NULL);
}

/* Nothing to open: no image is coming, so start-up is over. */
void
lb_window_show_empty (LbWindow *self)
{
  show_no_image (self);
  lb_window_finish_start_up (self);
}

/* ---- Start-up ------------------------------------------------------------------------- */

/* Start-up is timed to the first image on screen (bench/startup.py; on two cores every
 * millisecond the main loop spends before that frame counts). Work the image does not need
 * waits until the canvas has drawn it, or until it is clear no image is coming:
 * - the sidebar's scan of the opened file's folder: a worker that competes for the cores, then
 *   fills the list while the first frame is laid out;
 * - the metadata tree: its column view builds a row of widgets per visible tag;
 * - the recent files: GtkRecentManager parses all of recently-used.xbel when first asked.
 * The image is on screen a frame or two before the panes beside it fill. */
void
lb_window_finish_start_up (LbWindow *self)
{
  if (self->started)
    return;
  self->started = TRUE;
  g_debug ("start-up finished");

  if (self->deferred_scan_file != NULL)
    {
      g_autoptr (GFile) file = g_steal_pointer (&self->deferred_scan_file);
      g_autoptr (GFile) folder = g_file_get_parent (file);

      lb_window_sidebar_set_folder_for_file (self, folder, file);
    }

  /* The Open menu's popover: unlike a GtkMenuButton, libadwaita 1.2's split button cannot
   * build it when first opened. */
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (self->open_button), self->open_menu);
  lb_metadata_view_set_document (self->metadata_view, self->document);
  lb_window_add_to_recent (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (lb_window_rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  lb_window_rebuild_recent_menu (self);
}

/* ---- Loading ---------------------------------------------------------------------------- */

static void
update_title (LbWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint declared, held;

  if (self->document == NULL)
    {
      adw_window_title_set_title (self->title, _("Lightbox"));
      adw_window_title_set_subtitle (self->title, NULL);
      return;
    }
  title = lb_document_dup_title (self->document);
  declared = lb_document_get_n_frames (self->document);
  held = lb_count_frames_held (self->document);
  /* Frames first: the wheel moves through the frames of a multi-frame file. */
  if (held < declared)
    /* Translators: frame number, frames the pixel data hold, frames the header claims */
    subtitle = g_strdup_printf (_("Frame %u of %u (the header says %u frames; the pixel data "
                                  "hold %u)"),
                                lb_document_get_frame_index (self->document) + 1, held,
                                declared, held);
  else if (held > 1)
    subtitle = lb_frame_label_for_document (LB_FRAME_LABEL_TITLE, self->document, held);
  else if (self->series != NULL && self->series->len > 1)
    subtitle = g_strdup_printf (_("Slice %u of %u"), self->series_index + 1, self->series->len);
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, subtitle);
  g_debug ("title: %s — %s", title, subtitle != NULL ? subtitle : "");
  /* Slices shown in passing leave the task-list title until the scrolling stops
   * (lb-window-frames.c): on X11 each change is a round trip to the server. */
  if (!self->quick_show)
    lb_window_update_task_title (self);
}

/* The title task lists and window managers show: file name — Lightbox. */
void
lb_window_update_task_title (LbWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  if (self->document == NULL)
    return;
  title = lb_document_dup_title (self->document);
  /* Translators: the window title for task lists: file name — application */
  window_title = g_strdup_printf (_("%s — Lightbox"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* For lb-window-layout.c: the title follows the active viewport. */
void
lb_window_update_title (LbWindow *self)
{
  update_title (self);
}

static void
show_document (LbWindow   *self,
               LbDocument *document,
               gboolean    keep_window)
{
  const GError *pixel_error = lb_document_get_pixel_error (document);
  GFile *file = lb_document_get_file (document);
  /* Slices shown in passing (lb-window-frames.c) leave the panes beside the image until the
   * scrolling stops: lb_window_update_panes. */
  gboolean quick = self->quick_show;

  /* A message about the file on show until now is not about this one. */
  lb_window_dismiss_file_toast (self);
  lb_window_reformat_leave (self);
  g_set_object (&self->document, document);
  if (self->started && !quick)
    lb_metadata_view_set_document (self->metadata_view, document);

  if (lb_document_get_frame (document) != NULL)
    {
      lb_image_canvas_set_document (self->canvas, document, keep_window);
      if (!keep_window)
        {
          lb_window_choose_initial_window (self);
          lb_window_offer_auto_window (self);
        }
      if (!quick)
        lb_histogram_set_document (self->histogram, document,
                                   lb_image_canvas_get_window_center (self->canvas),
                                   lb_image_canvas_get_window_width (self->canvas));
      gtk_stack_set_visible_child_name (self->stack, "image");
    }
  else
    {
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
      g_autofree char *details = NULL;
      g_autofree char *msg = pixel_error != NULL
                               ? lb_window_describe_unshowable (document, name, &details) : NULL;

      lb_image_canvas_set_document (self->canvas, NULL, FALSE);
      lb_histogram_set_document (self->histogram, NULL, 0, 1);
      lb_window_show_status (self, "image-missing-symbolic", _("No Image to Show"), msg, details);
      if (msg != NULL)
        lb_window_file_toast (self, msg, details, NULL, NULL);
    }

  if (self->series != NULL)
    lb_image_canvas_set_series_position (self->canvas, self->series_index, self->series->len);
  if (!quick)
    lb_window_rebuild_presets_menu (self);
  lb_window_update_window_label (self);
  update_title (self);
  lb_window_update_actions (self);
  lb_window_frames_document_changed (self);

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      if (self->started && !quick)
        lb_window_add_to_recent (self);
      if (!quick)
        lb_window_sidebar_select_file (self, file);
      g_debug ("opened %s", path);
    }
}

/* The panes a quick show left behind catch up with the document on show. */
void
lb_window_update_panes (LbWindow *self)
{
  GFile *file;

  if (self->document == NULL)
    return;
  file = lb_document_get_file (self->document);
  if (self->started)
    lb_metadata_view_set_document (self->metadata_view, self->document);
  if (lb_document_get_frame (self->document) != NULL)
    lb_histogram_set_document (self->histogram, self->document,
                               lb_image_canvas_get_window_center (self->canvas),
                               lb_image_canvas_get_window_width (self->canvas));
  lb_window_rebuild_presets_menu (self);
  if (file != NULL && self->started)
    lb_window_add_to_recent (self);
  if (file != NULL)
    lb_file_browser_select_file (self->file_browser, file);
}

/* A file whose header reads but whose pixels cannot be shown (an unsupported transfer syntax,
 * broken compressed data) must not take the place of the image on screen: the previous image
 * stays, and the message offers the new file's header. A file without any pixel data (RT Plan,
 * structured report) is shown as usual: its header is all there is. */
static gboolean
should_hold (LbWindow   *self,
             LbDocument *document)
{
  const GError *pixel_error = lb_document_get_pixel_error (document);

  return self->document != NULL && lb_document_get_frame (self->document) != NULL
         && lb_document_get_frame (document) == NULL && pixel_error != NULL
         && !g_error_matches (pixel_error, LB_DICOM_ERROR, LB_DICOM_ERROR_NO_PIXELS);
}

static void
hold_document (LbWindow   *self,
               LbDocument *document)
{
  GFile *file = lb_document_get_file (document);
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *details = NULL;

  /* Opening a file also selects it in the browser, which loads it again: say it once. */
  if (self->held_document != NULL && file != NULL
      && g_file_equal (file, lb_document_get_file (self->held_document)))
    return;
  name = file != NULL ? g_file_get_basename (file) : g_strdup ("?");
  msg = lb_window_describe_unshowable (document, name, &details);
  g_set_object (&self->held_document, document);
  /* The header, shown on request, has the details on its status page. */
  lb_window_file_toast (self, msg, details, _("Show Header"), "win.show-held-header");
}

static void
show_held_header (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);
  g_autoptr (LbDocument) document = g_steal_pointer (&self->held_document);

  if (document != NULL)
    show_document (self, document, FALSE);
}

/* Shows a loaded document, or holds it when its pixels cannot take the place of the image. */
void
lb_window_present_document (LbWindow   *self,
                            LbDocument *document,
                            gboolean    keep_window)
{
  if (should_hold (self, document))
    hold_document (self, document);
  else
    {
      g_clear_object (&self->held_document);
      show_document (self, document, keep_window);
    }
}

typedef struct {
  LbWindow *self;
  GFile *file;
  gboolean keep_window;
} LoadData;

static void
on_document_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr (LbWindow) self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (LbDocument) document = lb_document_load_finish (result, &error);
  gboolean keep = data->keep_window;
  LbOpenedFrom from = self->loading_from;
  g_autoptr (GFile) file = data->file;

  g_free (data);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *path = g_file_get_path (file);

      /* For the GUI tests: a load abandoned or superseded has ended, and shows nothing. */
      g_debug ("cancelled load ended: %s", path != NULL ? path : "(no path)");
      return;
    }
  lb_window_loading_end (self);
  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *reason = lb_error_get_reason (error);
      g_autofree char *details = lb_error_get_details (error);
      /* Translators: file name, then the reason it could not be opened */
      g_autofree char *msg = g_strdup_printf (_("Could not open “%s”: %s"), name, reason);

      if (self->document == NULL)
        lb_window_show_status (self, "dialog-error-symbolic", _("Could Not Open the File"), msg,
                               details);
      lb_window_file_toast (self, msg, details, NULL, NULL);
    }
  else
    {
      lb_window_present_document (self, document, keep);
      lb_window_loading_focus (self, document, from);
    }
  /* No image to wait for: the canvas will not announce one. */
  if (self->document == NULL || lb_document_get_frame (self->document) == NULL)
    lb_window_finish_start_up (self);
}

gboolean
lb_window_load_file (LbWindow     *self,
                     GFile        *file,
                     gboolean      keep_window,
                     LbOpenedFrom  from)
{
  LoadData *data;

  /* Asked for again while it loads: one load is enough (lb-window-loading.c). */
  if (lb_window_is_loading (self, file))
    {
      self->loading_from = from;       /* the keys go where the last request came from */
      return FALSE;
    }
  /* A newer load supersedes the older one, and the play and steps through the old one. */
  lb_window_frames_reset (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->keep_window = keep_window;
  data->file = g_object_ref (file);
  lb_window_loading_begin (self, file, from);
  lb_document_load_async (file, 0, self->load_cancellable, on_document_loaded, data);
  return TRUE;
}

/* A frame of the document on show was put on show (lb-window-frames.c); the histogram follows
 * once the frames stop changing (lb_window_update_panes). */
void
lb_window_frame_changed (LbWindow *self)
{
  lb_image_canvas_set_document (self->canvas, self->document, TRUE);
  update_title (self);
  lb_window_update_window_label (self);
  lb_window_frames_document_changed (self);
}

void
lb_window_set_series (LbWindow  *self,
                      GPtrArray *series,
                      GFile     *current)
{
  lb_window_frames_series_changing (self, series);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series != NULL ? g_ptr_array_ref (series) : NULL;
  self->series_index = 0;
  for (guint i = 0; series != NULL && i < series->len; i++)
    if (g_file_equal (g_ptr_array_index (series, i), current))
      self->series_index = i;
}

/* The file on show, or the one still loading: the series is set when a file is picked, the
 * document only once it has loaded (a slow load can finish after the folder's lists). */
GFile *
lb_window_current_file (LbWindow *self)
{
  if (self->series != NULL && self->series_index < self->series->len)
    return g_ptr_array_index (self->series, self->series_index);
  return self->document != NULL ? lb_document_get_file (self->document) : NULL;
}

/* A Files row picked (clicked, double-clicked, given Enter, or reached with the arrows). */
static void
on_file_activated (LbFileBrowser *browser,
                   GFile         *file,
                   LbWindow      *self)
{
  /* The list selecting the file opened, once it has read its folder, is no new request: the
   * keys go where that request said. */
  LbOpenedFrom from = !lb_file_browser_is_restoring (browser) ? LB_OPENED_FROM_LIST
                      : self->loading_file != NULL ? self->loading_from : LB_OPENED_ELSEWHERE;

  /* The user's pick is the image now: an opened folder's first series is not shown over it. */
  self->folder_image_pending = FALSE;
  lb_window_show_listed_file (self, file, from);
}

static void
on_folder_scanned (LbFileBrowser *browser,
                   GFile         *first,
                   LbWindow      *self)
{
  if (lb_window_sidebar_files_scanned (self))
    return;                            /* the study browser showed the folder's image already */
  if (first == NULL)
    {
      if (self->document == NULL)
        lb_window_show_status (self, "folder-open-symbolic", _("No DICOM Files"),
                               _("The folder holds no DICOM files"), NULL);
      else
        lb_window_toast (self, _("The folder holds no DICOM files"));
      lb_window_finish_start_up (self);
      return;
    }
  lb_window_show_listed_file (self, first, LB_OPENED_ELSEWHERE);   /* an opened folder's first file */
}

void
lb_window_open_files (LbWindow  *self,
                      GFile    **files,
                      int        n_files)
{
  lb_window_open_files_from (self, files, n_files, LB_OPENED_ELSEWHERE);
}

void
lb_window_open_files_from (LbWindow      *self,
                           GFile        **files,
                           int            n_files,
                           LbOpenedFrom   from)
{
  GFileType type;

  if (n_files <= 0)
    return;
  if (n_files == 1 && lb_window_open_zip (self, files[0]))
    return;
  if (n_files == 1)
    lb_window_check_dicomdir (self, files[0]);
  type = g_file_query_file_type (files[0], G_FILE_QUERY_INFO_NONE, NULL);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *path = g_file_get_path (files[0]);

      if (path != NULL)
        g_settings_set_string (self->settings, "last-folder", path);
      g_clear_object (&self->deferred_scan_file);
      lb_window_sidebar_set_folder (self, files[0]);
      return;
    }

  {
    g_autoptr (GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr (GFile) parent = g_file_get_parent (files[0]);

    for (int i = 0; i < n_files; i++)
      g_ptr_array_add (series, g_object_ref (files[i]));
    /* One file: show its folder in the browser too, without loading the first file there;
     * at start-up, once the file is on screen. */
    if (n_files == 1 && parent != NULL && self->started)
      lb_window_sidebar_set_folder_for_file (self, parent, files[0]);
    else if (n_files == 1 && parent != NULL)
      g_set_object (&self->deferred_scan_file, files[0]);
    lb_window_set_series (self, series, files[0]);
    /* Opened again: read again (it may have changed), unless it is still loading. Any other
     * load is cancelled: the last file asked for wins. */
    lb_window_load_file (self, files[0], FALSE, from);
  }
}

/* ---- Drag and drop ---------------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LbWindow      *self)
{
  GSList *list;
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  if (files->len == 0)
    return FALSE;
  lb_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* ---- Widget ----------------------------------------------------------------------------- */

static void
on_histogram_window_changed (LbHistogram *histogram,
                             double       center,
                             double       width,
                             LbWindow    *self)
{
  lb_image_canvas_set_window (self->canvas, center, width, LB_WINDOW_SOURCE_MANUAL, NULL);
}

static void
lb_window_dispose (GObject *object)
{
  LbWindow *self = LB_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loading_file);
  lb_window_frames_dispose (self);
  g_clear_object (&self->document);
  g_clear_object (&self->held_document);
  g_clear_object (&self->tools);
  g_clear_object (&self->layout_actions);
  g_clear_object (&self->reformat);
  g_clear_pointer (&self->message_headline, g_free);
  g_clear_pointer (&self->message_details, g_free);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_object (&self->deferred_scan_file);
  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  if (self->pipeline_view != NULL)
    gtk_window_destroy (self->pipeline_view);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_WINDOW);
  G_OBJECT_CLASS (lb_window_parent_class)->dispose (object);
}

static void
lb_window_finalize (GObject *object)
{
  LbWindow *self = LB_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lb_window_parent_class)->finalize (object);
}

static gboolean
lb_window_close_request (GtkWindow *window)
{
  LbWindow *self = LB_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", MAX (width, 360));
  g_settings_set_int (self->settings, "window-height", MAX (height, 300));
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  lb_window_save_panes (self);
  return GTK_WINDOW_CLASS (lb_window_parent_class)->close_request (window);
}

static void
lb_window_class_init (LbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lb_window_dispose;
  object_class->finalize = lb_window_finalize;
  window_class->close_request = lb_window_close_request;

  g_type_ensure (LB_TYPE_FILE_BROWSER);
  g_type_ensure (LB_TYPE_LAYOUT);
  g_type_ensure (LB_TYPE_STUDY_BROWSER);
  g_type_ensure (LB_TYPE_IMAGE_CANVAS);
  g_type_ensure (LB_TYPE_HISTOGRAM);
  g_type_ensure (LB_TYPE_METADATA_VIEW);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, file_browser);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, study_browser);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, status_details);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, status_details_label);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, layout);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, histogram);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, histogram_box);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, metadata_view);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, preset_button);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, probe_label);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, open_menu);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, layout_menu);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, main_menu);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, layout_button);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, measurements_button);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, measurements_list);
  lb_window_tools_class_init (widget_class);
  lb_window_layout_class_init (widget_class);
  lb_window_frames_class_init (widget_class);
#ifdef LB_HAVE_REMOTE
  lb_window_remote_class_init (widget_class);
#endif
  gtk_widget_class_bind_template_callback (widget_class, on_histogram_window_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_file_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_scanned);

  lb_window_class_install_actions (widget_class);
  lb_window_class_install_message_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-held-header", NULL, show_held_header);
}

static void
lb_window_init (LbWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = lb_settings_new ();
  lb_window_layout_init (self);
  lb_window_tools_init (self);
  lb_window_studies_init (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  lb_window_restore_panes (self);
  g_settings_bind (self->settings, "show-sidebar", self->sidebar, "visible",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-metadata", self->metadata_view, "visible",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-histogram", self->histogram_box, "visible",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "histogram-log", self->histogram, "logarithmic",
                   G_SETTINGS_BIND_DEFAULT);
  lb_presentation_attach (self);   /* F11: lb-presentation.c */
  lb_window_frames_init (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

#ifdef LB_HAVE_REMOTE
  lb_window_remote_init (self);
#endif
  lb_window_add_shift_preset_keys (self);
  lb_menu_button_set_menu_model_lazily (self->layout_button, self->layout_menu);
  lb_menu_button_set_menu_model_lazily (GTK_MENU_BUTTON (self->main_menu_button), self->main_menu);
  lb_menu_button_hide_tooltip_while_open (GTK_WIDGET (self->preset_button));
  lb_menu_button_hide_tooltip_while_open (self->main_menu_button);
  lb_menu_button_hide_tooltip_while_open (self->open_button);
  /* The image page until a file says otherwise, not "No Image": a file opened at start-up is
   * on its way (and the status page's icon and title fonts are not loaded for the first frame);
   * with nothing to open, lb_window_show_empty() says so. */
  gtk_stack_set_visible_child_name (self->stack, "image");
  lb_window_update_actions (self);
}

GtkWidget *
lb_window_get_canvas (LbWindow *self)
{
  return GTK_WIDGET (self->canvas);
}

GtkWidget *
lb_window_get_histogram (LbWindow *self)
{
  return GTK_WIDGET (self->histogram);
}

GMenuModel *
lb_window_get_window_menu (LbWindow *self)
{
  return lb_menu_button_get_lazy_menu_model (self->preset_button);
}

GMenuModel *
lb_window_get_recent_menu (LbWindow *self)
{
  return G_MENU_MODEL (self->recent_menu);
}

const char *
lb_window_get_window_label (LbWindow *self)
{
  return gtk_menu_button_get_label (self->preset_button);
}

gpointer
lb_window_get_document (LbWindow *self)
{
  return self->document;
}

LbWindow *
lb_window_new (LbApplication *application)
{
  return g_object_new (LB_TYPE_WINDOW, "application", application, NULL);
}
