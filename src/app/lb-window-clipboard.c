/* lb-window-clipboard.c: Open menu ▸ Copy Image (Ctrl+C where no text or tag row takes it, e.g. on
 * the canvas): the frame on show, as displayed, to the clipboard as a texture, so that it
 * pastes into slides. It is the 8-bit render of File ▸ Export Image (src/export and the canvas
 * share lb_dicom_render): the window, function and inversion on screen, at the image's own
 * size, without zoom, rotation, flip, corner text or measurements. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-window-private.h"

/* The frame through `display` as RGB bytes, or NULL when out of memory. */
GdkTexture *
lb_window_render_texture (const LbDicomFrame   *frame,
                          const LbDicomDisplay *display)
{
  LbDicomDisplayLut *lut = lb_dicom_display_lut_new (frame);
  gsize stride = (gsize) frame->width * 3;
  guint8 *pixels = g_try_malloc ((gsize) frame->height * stride);
  GBytes *bytes;
  GdkTexture *texture;

  if (lut == NULL || pixels == NULL)
    {
      lb_dicom_display_lut_free (lut);
      g_free (pixels);
      return NULL;
    }
  lb_dicom_display_lut_build (lut, display);
  lb_dicom_render (lut, frame, LB_DICOM_RENDER_RGB24, pixels, stride);
  lb_dicom_display_lut_free (lut);
  bytes = g_bytes_new_take (pixels, (gsize) frame->height * stride);
  texture = gdk_memory_texture_new (frame->width, frame->height, GDK_MEMORY_R8G8B8, bytes,
                                    stride);
  g_bytes_unref (bytes);
  return texture;
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  const LbDicomDisplay *display = lb_image_canvas_get_display (self->canvas);
  const LbDicomFrame *frame = self->document != NULL ? lb_document_get_frame (self->document)
                                                     : NULL;
  g_autoptr (GdkTexture) texture = NULL;

  if (display == NULL || frame == NULL)
    return;
  texture = lb_window_render_texture (frame, display);
  if (texture == NULL)
    {
      lb_window_toast (self, _("Not enough memory"));
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  g_debug ("copied image %dx%d", gdk_texture_get_width (texture),
           gdk_texture_get_height (texture));
  lb_window_toast (self, _("Image copied"));
}

void
lb_window_clipboard_class_init (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "win.copy-image", NULL, copy_image_action);
  /* The tag tree's own Ctrl+C (copy the row) comes first when it has the focus. */
  gtk_widget_class_add_binding_action (wc, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-image", NULL);
}
