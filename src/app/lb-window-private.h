/* lb-window-private.h: the window's state, shared by lb-window.c and lb-window-actions.c. */
#pragma once

#include "lb-cine.h"
#include "lb-cine-bar.h"
#include "lb-document.h"
#include "lb-frame-cache.h"
#include "lb-file-browser.h"
#include "lb-frames-held.h"
#include "lb-histogram.h"
#include "lb-image-canvas.h"
#include "lb-layout.h"
#include "lb-metadata-view.h"
#include "lb-reformat.h"
#include "lb-study-browser.h"
#include "lb-tool-layer.h"
#include "lb-window.h"

#define LB_MAX_PRESETS 24

/* Who asked for a file, which decides where the keys go once it is on show. */
typedef enum {
  /* The Open dialog, Open Recent, a drop, the command line, an opened folder's first file: the
   * image takes the keys (the arrows step its slices, the digits pick its presets). */
  LB_OPENED_ELSEWHERE,
  /* A row of the Files or Studies list: the keys stay where the user is (Down, Enter in the
   * Files list open the next file; a Studies row gave the image the keys already). */
  LB_OPENED_FROM_LIST,
} LbOpenedFrom;

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
  GtkWidget *sidebar;
  GtkStack *sidebar_stack;
  LbStudyBrowser *study_browser;
  /* An opened folder whose first image is still to come, and whether the study browser showed
   * it (from its listing so far) before the Files list had read the whole folder. */
  gboolean folder_image_pending;
  gboolean folder_image_early;
  GtkWidget *remote_page;              /* the Remote place, when built with src/remote */
  GtkWidget *remote_browser;           /* in it, once first shown (lb-window-remote.c) */
  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkExpander *status_details;
  GtkLabel *status_details_label;
  LbLayout *layout;
  LbViewport *viewport;                /* the active one (lb-window-layout.c) */
  LbImageCanvas *canvas;               /* its canvas */
  GSimpleActionGroup *layout_actions;
  LbReformat *reformat;                /* the three planes (lb-window-reformat.c) */
  LbHistogram *histogram;
  LbMetadataView *metadata_view;
  GtkMenuButton *preset_button;
  GtkWidget *open_button;
  GtkWidget *main_menu_button;
  GtkLabel *probe_label;
  GtkWidget *histogram_box;
  GMenu *recent_menu;
  GMenuModel *open_menu;               /* the menus of the header bar, built when first */
  GMenuModel *layout_menu;             /* opened (lb-lazy-menu.c); the Open menu once the */
  GMenuModel *main_menu;               /* first image is on screen */
  GtkMenuButton *layout_button;
  GtkMenuButton *measurements_button;
  GtkListBox *measurements_list;
  GtkWidget *image_page;               /* the layout, then the cine bar */
  LbCineBar *cine_bar;                 /* once there is something to step through */

  LbToolLayer *tools;                  /* the measurements (lb-window-tools.c) */

  GtkWindow *help_overlay;             /* the shortcuts window, once asked for */
  GtkWindow *pipeline_view;            /* the pipeline view (F4), once asked for */

  LbDocument *document;
  LbDocument *held_document;           /* parsed, pixels unshowable: its header on request */
  AdwToast *file_toast;                /* the toast about a file, until dismissed */
  char *message_headline;              /* the last file message, for its Details */
  char *message_details;
  GCancellable *load_cancellable;
  GFile *loading_file;                 /* the file load_cancellable's load reads (lb-window-loading.c) */
  LbOpenedFrom loading_from;           /* who asked for it last: where the keys go once loaded */
  GPtrArray *series;                   /* GFile, in slice order */
  guint series_index;
  guint pending_frame;

  /* Frames and slices (lb-window-frames.c) */
  LbFrameCache *frame_cache;
  LbCine *cine;
  guint step_target;                   /* the position the arrows or the wheel asked for */
  gboolean step_jump;                  /* go straight there (page keys, Home, End) */
  int step_direction;
  guint step_tick;                     /* the canvas tick that steps toward step_target */
  gboolean quick_show;                 /* show_document leaves the panes (scrolling, cine) */
  guint panes_timeout;                 /* lb_window_update_panes once the scrolling stops */
  gboolean step_painted;               /* the last step has been painted */
  GdkFrameClock *paint_clock;          /* whose after-paint sets step_painted */

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
void lb_window_update_title          (LbWindow *self);
void lb_window_update_task_title     (LbWindow *self);
/* lb-window-layout.c */
void lb_window_layout_init           (LbWindow *self);
void lb_window_layout_class_init     (GtkWidgetClass *widget_class);
/* lb-window-reformat.c */
void     lb_window_reformat_init         (LbWindow *self);
gboolean lb_window_reformat_running      (LbWindow *self);
gboolean lb_window_reformat_navigate     (LbWindow *self,
                                          int       delta);
void     lb_window_reformat_leave        (LbWindow *self);
void     lb_window_reformat_mode_changed (LbWindow *self);
void lb_window_navigate              (LbWindow *self,
                                      int       delta);
void lb_window_present_document      (LbWindow   *self,
                                      LbDocument *document,
                                      gboolean    keep_window);
void lb_window_frame_changed         (LbWindow *self);
void lb_window_update_panes          (LbWindow *self);
/* lb-window-frames.c */
guint lb_window_count_positions      (LbWindow *self);
guint lb_window_get_position         (LbWindow *self);
void lb_window_frames_document_changed (LbWindow *self);
void lb_window_frames_reset          (LbWindow *self);
void lb_window_frames_series_changing (LbWindow  *self,
                                       GPtrArray *series);
void lb_window_frames_class_init     (GtkWidgetClass *widget_class);
void lb_window_frames_init           (LbWindow *self);
void lb_window_frames_dispose        (LbWindow *self);
/* lb_window_open_files, for a window's own pages (the Remote place: its list keeps the keys). */
void lb_window_open_files_from       (LbWindow      *self,
                                      GFile        **files,
                                      int            n_files,
                                      LbOpenedFrom   from);
/* Loads `file` unless it is loading already (lb-window-loading.c); TRUE when a load started. */
gboolean lb_window_load_file         (LbWindow     *self,
                                      GFile        *file,
                                      gboolean      keep_window,
                                      LbOpenedFrom  from);
void lb_window_set_series            (LbWindow  *self,
                                      GPtrArray *series,
                                      GFile     *current);
/* lb-window-studies.c: the sidebar's pages. An opened folder (DICOMDIR, zip) is read by both
 * and shown on Studies; the folder of an opened file is shown on Files. */
void lb_window_studies_init          (LbWindow *self);
void lb_window_sidebar_set_folder    (LbWindow *self,
                                      GFile    *folder);
void lb_window_sidebar_set_folder_for_file (LbWindow *self,
                                            GFile    *folder,
                                            GFile    *file);
/* The Files list has read the opened folder: TRUE when its image is on show already. */
void     lb_window_sidebar_refresh_folder (LbWindow *self, GFile *folder, GFile *file);
gboolean lb_window_sidebar_files_scanned (LbWindow *self);
void lb_window_sidebar_select_file  (LbWindow *self,
                                      GFile    *file);
/* The files `file` is navigated among: its stack in the study model once the study browser has
 * read the folder (a localizer apart from the axial slices), else its series in the Files list. */
GFile    *lb_window_current_file    (LbWindow *self);
/* lb-window-loading.c: the file being loaded, which an activation must not load again, and the
 * rule every way of opening a file follows: the last request wins. */
void     lb_window_loading_begin   (LbWindow     *self,
                                    GFile        *file,
                                    LbOpenedFrom  from);
void     lb_window_loading_end     (LbWindow *self);
gboolean lb_window_is_loading      (LbWindow *self,
                                    GFile    *file);
gboolean lb_window_is_shown        (LbWindow *self,
                                    GFile    *file);
gboolean lb_window_request_file    (LbWindow     *self,
                                    GFile        *file,
                                    gboolean      keep_window,
                                    LbOpenedFrom  from);
void     lb_window_loading_focus   (LbWindow     *self,
                                    LbDocument   *document,
                                    LbOpenedFrom  from);
void     lb_window_show_listed_file (LbWindow     *self,
                                     GFile        *file,
                                     LbOpenedFrom  from);
GPtrArray *lb_window_series_of_file  (LbWindow *self,
                                      GFile    *file);
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
void  lb_window_add_file_toast        (LbWindow *self,
                                       AdwToast *toast);
void  lb_window_show_status           (LbWindow   *self,
                                       const char *icon,
                                       const char *title,
                                       const char *description,
                                       const char *details);
char *lb_window_describe_unshowable   (LbDocument *document,
                                       const char *name,
                                       char      **details);
void  lb_window_class_install_message_actions (GtkWidgetClass *widget_class);
/* lb-window-hidden.c: a toast when the file's own window hides the image, with Auto Window. */
void  lb_window_offer_auto_window     (LbWindow *self);
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
void  lb_window_series_export_class_init (GtkWidgetClass *widget_class);
GdkTexture *lb_window_render_texture  (const LbDicomFrame   *frame,
                                       const LbDicomDisplay *display);
