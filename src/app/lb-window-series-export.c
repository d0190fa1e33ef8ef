/* lb-window-series-export.c: File ▸ Export Series… (Ctrl+Shift+E): the sidebar's series (or
 * the shown file alone) as PNGs through lb-series-export-dialog.c, with the window and
 * inversion on screen for the 8-bit kind, and a toast when it is done. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-series-export-dialog.h"
#include "lb-window-private.h"

static void
on_series_export_finished (LbSeriesExportDialog *dialog,
                           guint                 written,
                           GFile                *folder,
                           const char           *error,
                           gboolean              cancelled,
                           LbWindow             *self)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *name = g_file_get_basename (folder);
  g_autofree char *message = NULL;

  g_debug ("series export finished: %u PNG files written to %s%s", written, path,
           cancelled ? " (cancelled)" : error != NULL ? " (with errors)" : "");
  if (error != NULL)
    /* Translators: the reason, e.g. "“CT01-1.png” is already in that folder: ..." */
    message = g_strdup_printf (_("Export failed: %s"), error);
  else if (cancelled)
    /* Translators: images written before Cancel, then the folder's name */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Cancelled: %u PNG image is in “%s”",
                                            "Cancelled: %u PNG images are in “%s”", written),
                               written, name);
  else
    /* Translators: the number of images, then the folder's name */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u PNG image written to “%s”",
                                            "%u PNG images written to “%s”", written),
                               written, name);
  lb_window_toast (self, message);
}

/* The window and inversion on screen, as options for every image of the series. */
static void
screen_options (LbWindow              *self,
                LbSeriesExportOptions *options)
{
  const LbDicomDisplay *display = lb_image_canvas_get_display (self->canvas);
  const LbDicomImageInfo *info = lb_document_get_image_info (self->document);
  const LbDicomFrame *frame = lb_document_get_frame (self->document);
  LbDicomDisplay own;

  *options = (LbSeriesExportOptions) { .kind = LB_PNG_EXPORT_DISPLAY8 };
  if (display == NULL || info == NULL || frame == NULL)
    return;
  lb_dicom_display_init (&own, info, frame);
  /* A VOI LUT on screen is the file's own: each image then keeps its own. */
  options->use_window = display->voi_source == LB_DICOM_VOI_SOURCE_WINDOW;
  options->center = display->center;
  options->width = display->width;
  options->function = display->function;
  options->invert_flip = display->invert != own.invert;
}

static void
export_series_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  GFile *current = self->document != NULL ? lb_document_get_file (self->document) : NULL;
  g_autoptr (GPtrArray) files = NULL;
  LbSeriesExportOptions options;
  LbSeriesExportDialog *dialog;

  if (current == NULL || lb_document_get_frame (self->document) == NULL)
    return;
  if (self->series != NULL && self->series->len > 0)
    files = g_ptr_array_ref (self->series);
  else
    {
      files = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (files, g_object_ref (current));
    }
  screen_options (self, &options);
  dialog = lb_series_export_dialog_new (GTK_WINDOW (self), files, &options);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_series_export_finished), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  g_debug ("series export dialog: %u files", files->len);
}

void
lb_window_series_export_class_init (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "win.export-series", NULL, export_series_action);
}
