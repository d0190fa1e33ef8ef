/* lb-window-clipboard.c: Open menu ▸ Copy Image (Ctrl+C where no text or tag row takes it, e.g. on
 * the canvas): the frame on show, as displayed, to the clipboard as a texture, so that it
 * pastes into slides. It is the 8-bit render of File ▸ Export Image (src/export and the canvas
 * share lb_dicom_render): the window, function and inversion on screen, at the image's own
 * size, without zoom, rotation, flip, corner text or measurements.
 *
 * Copy Image with Overlay (Ctrl+Shift+C) copies the canvas as drawn instead: its snapshot (a
 * GtkWidgetPaintable of the canvas) rendered by the window's own GskRenderer to a texture, at
 * the canvas's size, with the zoom, the corner text and the measurements on screen. */
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

/* The canvas as drawn, rendered to a texture; NULL when it has no size or no renderer. */
static GdkTexture *
render_canvas (GtkWidget *canvas)
{
  int width = gtk_widget_get_width (canvas);
  int height = gtk_widget_get_height (canvas);
  GtkNative *native = gtk_widget_get_native (canvas);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;

  if (width <= 0 || height <= 0 || renderer == NULL)
    return NULL;
  paintable = gtk_widget_paintable_new (canvas);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
copy_image_overlay_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  g_autoptr (GdkTexture) texture = NULL;

  if (lb_image_canvas_get_display (self->canvas) == NULL)
    return;
  texture = render_canvas (GTK_WIDGET (self->canvas));
  if (texture == NULL)
    return;
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  g_debug ("copied image with overlay %dx%d", gdk_texture_get_width (texture),
           gdk_texture_get_height (texture));
  lb_window_toast (self, _("Image copied with its overlay"));
}

void
lb_window_clipboard_class_init (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (wc, "win.copy-image-overlay", NULL, copy_image_overlay_action);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-image-overlay", NULL);
  /* The tag tree's own Ctrl+C (copy the row) comes first when it has the focus. */
  gtk_widget_class_add_binding_action (wc, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-image", NULL);
}
