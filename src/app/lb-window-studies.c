/* lb-window-studies.c: the sidebar's pages, Studies (lb-study-browser.c) and Files
 * (lb-file-browser.c), in the GtkStack `sidebar_stack` of lb-window.ui. Both read what is
 * opened; a folder, DICOMDIR or zip is shown as studies, the folder of one opened file as its
 * files, where the selection follows the slice shown. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-window-private.h"

static gboolean
is_dicomdir (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_ascii_strcasecmp (name, "DICOMDIR") == 0;
}

void
lb_window_sidebar_set_folder (LbWindow *self,
                              GFile    *folder)
{
  lb_file_browser_set_folder (self->file_browser, folder);
  lb_study_browser_set_folder (self->study_browser, folder, TRUE);
  self->folder_image_pending = TRUE;
  self->folder_image_early = FALSE;
  gtk_stack_set_visible_child_name (self->sidebar_stack, "studies");
}

void
lb_window_sidebar_set_folder_for_file (LbWindow *self,
                                       GFile    *folder,
                                       GFile    *file)
{
  /* A DICOMDIR stands for its media: the files it lists are in the subfolders. */
  gboolean dicomdir = is_dicomdir (file);

  /* The file is the image: no folder image to wait for. */
  self->folder_image_pending = FALSE;
  self->folder_image_early = FALSE;

  lb_file_browser_set_folder_for_file (self->file_browser, folder, file);
  lb_study_browser_set_folder (self->study_browser, folder, dicomdir);
  gtk_stack_set_visible_child_name (self->sidebar_stack, dicomdir ? "studies" : "files");
}

/* The folder on show has grown (a series still arriving from a server): both pages read it
 * again, and the page on show stays. */
void
lb_window_sidebar_refresh_folder (LbWindow *self,
                                  GFile    *folder,
                                  GFile    *file)
{
  lb_file_browser_set_folder_for_file (self->file_browser, folder, file);
  lb_study_browser_set_folder (self->study_browser, folder, is_dicomdir (file));
}

gboolean
lb_window_sidebar_files_scanned (LbWindow *self)
{
  gboolean early = self->folder_image_early;

  self->folder_image_pending = FALSE;
  self->folder_image_early = FALSE;
  if (early && self->document != NULL)
    lb_file_browser_select_file (self->file_browser, lb_document_get_file (self->document));
  return early;
}

/* A big folder: the study browser lists what it found before the Files list has read it all
 * (that takes 1.5 s for 20,000 files). The first series found is shown at once, its middle
 * slice, instead of waiting for the whole folder. A folder read within 0.3 s has no listing so
 * far, and opens on the Files list's first file as before. */
static void
on_listed_so_far (LbStudyBrowser *browser,
                  LbWindow       *self)
{
  if (!self->folder_image_pending || lb_study_browser_get_n_series (browser) == 0)
    return;
  self->folder_image_pending = FALSE;
  self->folder_image_early = TRUE;
  g_debug ("folder image from the studies listed so far");
  lb_study_browser_activate_series (browser, 0);
}

void
lb_window_sidebar_select_file (LbWindow *self,
                               GFile    *file)
{
  lb_file_browser_select_file (self->file_browser, file);
  lb_study_browser_select_file (self->study_browser, file);
}

GPtrArray *
lb_window_series_of_file (LbWindow *self,
                          GFile    *file)
{
  GPtrArray *stack = lb_study_browser_get_stack (self->study_browser, file);

  return stack != NULL ? stack : lb_file_browser_get_series (self->file_browser, file);
}

/* The study model came after the Files list: the image on show is navigated in its stack from
 * now on (the Files list groups by Series Instance UID alone). The image still loading counts
 * too: the Files list may have handed over an older model's stack meanwhile (a series still
 * arriving from a server, listed when it had 16 of its 24 files), and this is the newest. */
static void
on_studies_scanned (LbStudyBrowser *browser,
                    LbWindow       *self)
{
  /* A reference: the series it comes from is replaced below. */
  g_autoptr (GFile) file = lb_window_current_file (self) != NULL
                           ? g_object_ref (lb_window_current_file (self)) : NULL;
  g_autoptr (GPtrArray) stack = file != NULL ? lb_study_browser_get_stack (browser, file) : NULL;

  if (stack == NULL)
    return;
  lb_window_set_series (self, stack, file);
  lb_image_canvas_set_series_position (self->canvas, self->series_index, self->series->len);
  lb_window_update_title (self);
  lb_study_browser_select_file (browser, file);
  g_debug ("series from the study model: %u files", stack->len);
}

/* A series picked in the study browser: its stack becomes the series that the arrows, Page
 * Up/Down and the wheel walk, starting at the slice its thumbnail shows. */
static void
on_series_activated (LbStudyBrowser *browser,
                     GPtrArray      *files,
                     guint           first,
                     LbWindow       *self)
{
  GFile *file = g_ptr_array_index (files, first);

  lb_window_set_series (self, files, file);
  /* A series picked is a series to look through: the arrow and Page keys go to the image
   * (the list would take them to move between rows). */
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  lb_window_request_file (self, file, FALSE, LB_OPENED_FROM_LIST);
}

void
lb_window_studies_init (LbWindow *self)
{
  g_signal_connect_object (self->study_browser, "series-activated",
                           G_CALLBACK (on_series_activated), self, 0);
  g_signal_connect_object (self->study_browser, "scanned",
                           G_CALLBACK (on_studies_scanned), self, 0);
  g_signal_connect_object (self->study_browser, "listed-so-far",
                           G_CALLBACK (on_listed_so_far), self, 0);
}
