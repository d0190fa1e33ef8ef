/* lb-window-export.c: File ▸ Export Image: the frame on show to PNG, through src/export, as
 * `lightbox-cli export` writes it: 8-bit as displayed (the canvas's window, function and
 * inversion; not its zoom, rotation or flip), or 16-bit data (stored values, or modality values
 * plus an offset), with tEXt chunks naming the numbers. Written atomically, never over the
 * DICOM file itself.
 *
 * The export runs on the main thread: the frame and the LUTs the display borrows belong to the
 * document, which replaces them when the user moves to another frame. A 512² slice takes a few
 * milliseconds; a 4096² radiograph about 0.4 s. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lb-png.h"
#include "lb-window-private.h"

/* The save dialog's choice ids, by kind; NULL-terminated for gtk_file_chooser_add_choice. */
static const char *kind_ids[] = {
  [LB_PNG_EXPORT_DISPLAY8] = "display8",
  [LB_PNG_EXPORT_STORED16] = "stored16",
  [LB_PNG_EXPORT_MODALITY16] = "modality16",
  NULL,
};

/* "40,400 LINEAR (Brain preset)": the window as the tEXt chunk records it. */
static char *
describe_window (LbWindow             *self,
                 const LbDicomDisplay *display)
{
  const char *source = lb_image_canvas_get_window_source_name (self->canvas);

  if (display->voi_source == LB_DICOM_VOI_SOURCE_LUT)
    return g_strdup ("VOI LUT Sequence");
  if (display->voi_source == LB_DICOM_VOI_SOURCE_NONE)
    return g_strdup ("none");
  return g_strdup_printf ("%g,%g %s%s%s%s", display->center, display->width,
                          lb_dicom_voi_function_name (display->function),
                          source != NULL ? " (" : "", source != NULL ? source : "",
                          source != NULL ? ")" : "");
}

/* The writer's own message is English and technical (it names the path and the system's
 * reason); the sentence around it is translated. */
static GError *
export_error (const LbDicomError *derr)
{
  switch (derr->code)
    {
    case LB_DICOM_ERROR_IO:
      /* Translators: the system's reason, in English, e.g. "cannot create /x/y.png: Permission denied" */
      return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("The PNG could not be written (%s)"),
                          derr->message);
    case LB_DICOM_ERROR_NO_MEMORY:
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Not enough memory"));
    default:
      /* Translators: the reason, in English, e.g. "16-bit export needs a grey image" */
      return g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                          _("This image cannot be exported that way (%s)"), derr->message);
    }
}

gboolean
lb_window_export_png (LbWindow         *self,
                      GFile            *target,
                      LbPngExportKind   kind,
                      GError          **error)
{
  const LbDicomDisplay *display = lb_image_canvas_get_display (self->canvas);
  const LbDicomFrame *frame = self->document != NULL ? lb_document_get_frame (self->document)
                                                     : NULL;
  g_autofree char *path = g_file_get_path (target);
  g_autofree char *input = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *window = NULL;
  LbDicomError *derr = NULL;
  LbPngExportOptions options = { 0 };

  if (display == NULL || frame == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no image to export"));
      return FALSE;
    }
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Images can only be exported to local files"));
      return FALSE;
    }
  if (g_file_equal (target, lb_document_get_file (self->document)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("That is the DICOM file itself: choose another name for the PNG"));
      return FALSE;
    }
  input = g_file_get_path (lb_document_get_file (self->document));
  uid = lb_document_dup_string (self->document, LB_DICOM_TAG (0x0008, 0x0018));
  window = describe_window (self, display);
  options.kind = kind;
  options.display = display;
  options.sop_instance_uid = uid;
  options.window_text = kind == LB_PNG_EXPORT_DISPLAY8 ? window : NULL;
  options.offset = NAN;
  options.input_path = input;
  /* The save dialog asked before an existing file was chosen; src/export still refuses a file
   * that is not a PNG (another DICOM file, say) and the open file itself. */
  options.replace = TRUE;
  if (!lb_png_export_frame (frame, &options, path, NULL, &derr))
    {
      g_propagate_error (error, export_error (derr));
      lb_dicom_error_free (derr);
      return FALSE;
    }
  g_debug ("exported %s (%s)", path, kind_ids[kind]);
  return TRUE;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    LbWindow        *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  const char *choice;
  LbPngExportKind kind = LB_PNG_EXPORT_DISPLAY8;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "kind");
  for (guint i = 0; choice != NULL && kind_ids[i] != NULL; i++)
    if (g_str_equal (choice, kind_ids[i]))
      kind = (LbPngExportKind) i;
  if (file == NULL)
    goto out;
  if (lb_window_export_png (self, file, kind, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: the file name of the PNG just written */
      g_autofree char *msg = g_strdup_printf (_("Exported “%s”"), name);

      lb_window_toast (self, msg);
    }
  else
    {
      /* Translators: the reason the PNG could not be written */
      g_autofree char *msg = g_strdup_printf (_("Could not export the image: %s"), error->message);

      lb_window_toast (self, msg);
    }
out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* "CT05.png" beside "CT05.dcm"; the user picks the folder and the kind. */
void
lb_window_run_export_dialog (LbWindow *self)
{
  GFile *source = self->document != NULL ? lb_document_get_file (self->document) : NULL;
  g_autofree char *base = source != NULL ? g_file_get_basename (source) : g_strdup ("image");
  g_autoptr (GFile) folder = source != NULL ? g_file_get_parent (source) : NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = NULL;
  const char *labels[] = {
    [LB_PNG_EXPORT_DISPLAY8] = _("As displayed (8-bit)"),
    [LB_PNG_EXPORT_STORED16] = _("Stored values (16-bit)"),
    [LB_PNG_EXPORT_MODALITY16] = _("Modality values, e.g. HU + 32768 (16-bit)"),
    NULL,
  };
  char *dot = strrchr (base, '.');

  if (self->document == NULL || lb_document_get_frame (self->document) == NULL)
    return;
  stem = dot != NULL && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
  name = g_strconcat (stem, ".png", NULL);
  chooser = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_pattern (filter, "*.png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "kind", _("Pixels"),
                               kind_ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "kind",
                               kind_ids[LB_PNG_EXPORT_DISPLAY8]);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
