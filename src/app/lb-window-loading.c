/* lb-window-loading.c: which file the window is loading, so that activating it again (its row
 * in the Files list clicked, double-clicked or given Enter while it loads, its series picked in
 * the Studies list) does not read it a second time: a second load would cancel the first,
 * decode the same pixels again and reset the view when it lands. A big compressed image takes
 * seconds to decode, long enough for a student to click its row again. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-window-private.h"

/* A load of `file` starts (lb_window_load_file, after it has made load_cancellable). */
void
lb_window_loading_begin (LbWindow *self,
                         GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  g_set_object (&self->loading_file, file);
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
