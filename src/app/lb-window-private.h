/* lb-window-private.h: the window's state, shared by lb-window.c and lb-window-actions.c. */
#pragma once

#include "lb-document.h"
#include "lb-file-browser.h"
#include "lb-frames-held.h"
#include "lb-histogram.h"
#include "lb-image-canvas.h"
#include "lb-metadata-view.h"
#include "lb-tool-layer.h"
#include "lb-window.h"

#define LB_MAX_PRESETS 24

struct _LbWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *title;
  GtkPaned *outer_paned;
  GtkPaned *inner_paned;
  LbFileBrowser *file_browser;
  GtkWidget *sidebar_box;              /* the places switcher and stack, shown by F9 */
  GtkStack *sidebar_stack;
  GtkWidget *remote_browser;           /* the Remote place, when built with src/remote */
  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkExpander *status_details;
  GtkLabel *status_details_label;
  LbImageCanvas *canvas;
  LbHistogram *histogram;
  LbMetadataView *metadata_view;
  GtkMenuButton *preset_button;
  GtkWidget *open_button;
  GtkWidget *main_menu_button;
  GtkLabel *probe_label;
  GtkWidget *histogram_box;
  GMenu *recent_menu;
  GtkMenuButton *measurements_button;
  GtkListBox *measurements_list;

  LbToolLayer *tools;                  /* the measurements (lb-window-tools.c) */

  GtkWindow *help_overlay;             /* the shortcuts window, once asked for */
  GtkWindow *pipeline_view;            /* the pipeline view (F4), once asked for */

  LbDocument *document;
  LbDocument *held_document;           /* parsed, pixels unshowable: its header on request */
  AdwToast *file_toast;                /* the toast about a file, until dismissed */
  char *message_headline;              /* the last file message, for its Details */
  char *message_details;
  GCancellable *load_cancellable;
  GPtrArray *series;                   /* GFile, in slice order */
  guint series_index;
  guint pending_frame;

  /* Start-up: until the first image is on screen, these wait (see lb_window_finish_start_up). */
  gboolean started;
  GFile *deferred_scan_file;           /* the opened file, whose folder the sidebar shows */

  const LbDicomPreset *presets[LB_MAX_PRESETS];
  guint n_presets;
};

void lb_window_class_install_actions (GtkWidgetClass *widget_class);
void lb_window_tools_init (LbWindow *self);
void lb_window_tools_class_init (GtkWidgetClass *widget_class);
void lb_window_update_actions        (LbWindow *self);
void lb_window_navigate              (LbWindow *self,
                                      int       delta);
void lb_window_load_file             (LbWindow *self,
                                      GFile    *file,
                                      gboolean  keep_window);
void lb_window_set_series            (LbWindow  *self,
                                      GPtrArray *series,
                                      GFile     *current);
void lb_window_apply_numbered_window (LbWindow *self,
                                      guint     number);
/* lb-window-presets.c */
void  lb_window_rebuild_presets_menu  (LbWindow *self);
void  lb_window_update_window_label   (LbWindow *self);
void  lb_window_choose_initial_window (LbWindow *self);
guint lb_window_preset_key_count      (void);
char *lb_window_preset_accel          (guint number);
void  lb_window_class_add_preset_keys (GtkWidgetClass *wc);
void  lb_window_add_shift_preset_keys (LbWindow *self);
/* lb-window-messages.c */
void  lb_window_toast                 (LbWindow   *self,
                                       const char *message);
void  lb_window_file_toast            (LbWindow   *self,
                                       const char *headline,
                                       const char *details,
                                       const char *action_label,
                                       const char *action);
void  lb_window_dismiss_file_toast    (LbWindow *self);
void  lb_window_show_status           (LbWindow   *self,
                                       const char *icon,
                                       const char *title,
                                       const char *description,
                                       const char *details);
char *lb_window_describe_unshowable   (LbDocument *document,
                                       const char *name,
                                       char      **details);
void  lb_window_class_install_message_actions (GtkWidgetClass *widget_class);
void lb_window_finish_start_up       (LbWindow *self);
void lb_window_rebuild_recent_menu   (LbWindow *self);
void lb_window_add_to_recent         (LbWindow *self);
/* lb-window-zip.c: TRUE when `file` is a zip, then unpacked and opened as a folder. */
gboolean lb_window_open_zip          (LbWindow *self,
                                      GFile    *file);
/* lb-window-dicomdir.c: when `file` is a DICOMDIR, a toast names the files it lists that are
 * missing (checked in a worker). */
void lb_window_check_dicomdir        (LbWindow *self,
                                      GFile    *file);
void lb_window_run_export_dialog     (LbWindow *self);
void lb_window_restore_panes         (LbWindow *self);
void lb_window_save_panes            (LbWindow *self);
/* lb-window-remote.c: the sidebar's Remote place and Upload to Server (built with src/remote). */
void  lb_window_remote_init           (LbWindow       *self);
void  lb_window_remote_class_init     (GtkWidgetClass *widget_class);
/* lb-window-anonymize.c, lb-window-clipboard.c */
void  lb_window_anonymize_class_init  (GtkWidgetClass *widget_class);
void  lb_window_clipboard_class_init  (GtkWidgetClass *widget_class);
GdkTexture *lb_window_render_texture  (const LbDicomFrame   *frame,
                                       const LbDicomDisplay *display);
