/* lb-window-loading.c: which file the window is loading, and the rule every way of opening a
 * file follows (a Files row clicked, double-clicked or given Enter, a Studies series picked, the
 * Open dialog, Open Recent, a drop, the command line): the last request wins.
 * - A file asked for while it loads is not read a second time: a second load would cancel the
 *   first, decode the same pixels again and reset the view when it lands. A big compressed image
 *   takes seconds to decode, long enough for a student to click its row again.
 * - The file on show asked for while another loads stays on show: the other load is abandoned,
 *   as opening any third file would abandon it. Without that, the file clicked last (the one on
 *   show) was replaced seconds later by the one clicked before it. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-window-private.h"

/* A load of `file` starts (lb_window_load_file, after it has made load_cancellable). */
void
lb_window_loading_begin (LbWindow     *self,
                         GFile        *file,
                         LbOpenedFrom  from)
{
  g_autofree char *path = g_file_get_path (file);

  g_set_object (&self->loading_file, file);
  self->loading_from = from;
  /* For the GUI tests: each load is said once, so they can count them. */
  g_debug ("loading %s", path != NULL ? path : "(no path)");
}

/* The load running has ended: loaded, or failed. A cancelled load says nothing (the load that
 * replaced it, if any, is still running). */
void
lb_window_loading_end (LbWindow *self)
{
  g_clear_object (&self->loading_file);
}

/* TRUE when `file` is being loaded and the load has not been cancelled (a newer load, a layout
 * change and closing the window cancel it). */
gboolean
lb_window_is_loading (LbWindow *self,
                      GFile    *file)
{
  return self->loading_file != NULL && file != NULL && self->load_cancellable != NULL
         && !g_cancellable_is_cancelled (self->load_cancellable)
         && g_file_equal (self->loading_file, file);
}

/* TRUE when `file` is the document on show. */
gboolean
lb_window_is_shown (LbWindow *self,
                    GFile    *file)
{
  GFile *shown = self->document != NULL ? lb_document_get_file (self->document) : NULL;

  return shown != NULL && file != NULL && g_file_equal (shown, file);
}

/* The file on show was asked for again while another one loads: that load is dropped, so it
 * cannot replace the file asked for last when it ends. */
static void
abandon_load (LbWindow *self)
{
  g_autofree char *path = NULL;

  if (self->loading_file == NULL || self->load_cancellable == NULL
      || g_cancellable_is_cancelled (self->load_cancellable))
    return;
  path = g_file_get_path (self->loading_file);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->loading_file);
  /* For the GUI tests: the file on show won. */
  g_debug ("load abandoned: %s", path != NULL ? path : "(no path)");
}

/* `file` asked for from a list (or an opened folder's first file): loaded unless it is loading
 * already; kept, and any other load abandoned, when it is on show. TRUE when a load started. */
gboolean
lb_window_request_file (LbWindow     *self,
                        GFile        *file,
                        gboolean      keep_window,
                        LbOpenedFrom  from)
{
  if (!lb_window_is_loading (self, file) && lb_window_is_shown (self, file))
    {
      abandon_load (self);
      return FALSE;
    }
  return lb_window_load_file (self, file, keep_window, from);
}

/* A loaded file on show (on_document_loaded): opened from outside the lists, it gives the image
 * the keys; opened from a list, it leaves them there, so that Down and Enter go on to the next
 * file. */
void
lb_window_loading_focus (LbWindow     *self,
                         LbDocument   *document,
                         LbOpenedFrom  from)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Never from a text field: a search typed while a slow file loaded would go to the image. */
  if (from == LB_OPENED_ELSEWHERE && self->document == document
      && lb_document_get_frame (document) != NULL && !GTK_IS_EDITABLE (focus))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* A file of the Files list picked (or an opened folder's first file): the series it belongs to
 * is what the arrows walk, and it is asked for. */
void
lb_window_show_listed_file (LbWindow     *self,
                            GFile        *file,
                            LbOpenedFrom  from)
{
  g_autoptr (GPtrArray) series = lb_window_series_of_file (self, file);
  gboolean same_series = self->series != NULL && series != NULL
                         && series->len == self->series->len && series->len > 1;

  lb_window_set_series (self, series, file);
  if (lb_window_request_file (self, file, same_series, from) || !lb_window_is_shown (self, file))
    return;
  /* On show already. The folder may have grown since the file was opened (a series still
   * arriving from a server): the slice count follows. */
  if (series != NULL)
    lb_image_canvas_set_series_position (self->canvas, self->series_index, series->len);
  lb_window_update_title (self);
}
