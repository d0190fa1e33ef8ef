/* lb-window-hidden.c: a file shown with its own window, when that window hides the image
 * (lb_dicom_window_hint: 95 % of the pixels at one end), gets a toast saying so, with a
 * button for the auto window (win.window-auto, also the A key). A student opening a PET whose
 * stored window (C 30157 / W 54282 Bq/ml) lies above all its values (max 12,107) learns why
 * it is black instead of thinking the file broken. Once per file opened: stepping through a
 * series keeps the window and says nothing more. The toast has no timeout; it goes when the
 * window no longer hides the image, when another file is shown, or with its close button. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-hidden-window.h"
#include "lb-window-private.h"

static gboolean
window_hides (LbImageCanvas      *canvas,
              LbDicomWindowHint  *hint)
{
  LbDocument *document = lb_image_canvas_get_document (canvas);
  const LbDicomFrame *frame = document != NULL ? lb_document_get_frame (document) : NULL;

  return frame != NULL
         && lb_dicom_window_hint (frame, lb_image_canvas_get_display (canvas), hint);
}

static void
on_window_changed (LbImageCanvas *canvas,
                   GParamSpec    *pspec,
                   AdwToast      *toast)
{
  LbDicomWindowHint hint;

  if (!window_hides (canvas, &hint))
    {
      g_debug ("hidden window hint gone: the window shows the image");
      adw_toast_dismiss (toast);
    }
}

/* Gone, the toast no longer asks the canvas about each window change (5 ms at 4096²). */
static void
on_toast_dismissed (AdwToast      *toast,
                    LbImageCanvas *canvas)
{
  g_signal_handlers_disconnect_by_func (canvas, on_window_changed, toast);
}

void
lb_window_offer_auto_window (LbWindow *self)
{
  LbDicomWindowHint hint;
  g_autofree char *headline = NULL;
  AdwToast *toast;

  if (lb_image_canvas_get_window_source (self->canvas) != LB_WINDOW_SOURCE_FILE
      || !window_hides (self->canvas, &hint))
    return;
  headline = lb_hidden_window_headline (&hint);
  toast = adw_toast_new (headline);
  /* No timeout: the image stays dark until the student acts, so the reason stays too. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Auto Window"));
  adw_toast_set_action_name (toast, "win.window-auto");
  g_signal_connect_object (self->canvas, "notify::window-width", G_CALLBACK (on_window_changed),
                           toast, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self->canvas, 0);
  lb_window_add_file_toast (self, toast);
  g_debug ("hidden window hint: %u %% %s, range %g … %g, values %g … %g", hint.percent,
           hint.black ? "black" : "white", hint.low, hint.high, hint.min, hint.max);
}
