/* lb-window-messages.c: what the window tells the reader: toasts, the status page, and why a
 * file's image cannot be shown. Messages are for students: they lead with words ("This is a
 * DICOM directory: it lists other files"); where in the file it happened (element, byte) is
 * one click away, under Details. A toast about a file goes when another file is shown. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-error.h"
#include "lb-window-private.h"

#define MEDIA_STORAGE_DIRECTORY "1.2.840.10008.1.3.10"
#define TAG_DIRECTORY_RECORDS   LB_DICOM_TAG (0x0004, 0x1220)
#define TAG_SAMPLES_PER_PIXEL   LB_DICOM_TAG (0x0028, 0x0002)
#define TAG_BITS_ALLOCATED      LB_DICOM_TAG (0x0028, 0x0100)

/* ---- Toasts ----------------------------------------------------------------------------- */

void
lb_window_toast (LbWindow   *self,
                 const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_message ("toast: %s", message);
}

static void
on_file_toast_dismissed (AdwToast *toast,
                         LbWindow *self)
{
  if (self->file_toast == toast)
    self->file_toast = NULL;
  g_debug ("toast dismissed");
}

void
lb_window_dismiss_file_toast (LbWindow *self)
{
  if (self->file_toast != NULL)
    adw_toast_dismiss (self->file_toast);
}

/* A toast about one file. Its button is `action_label`/`action` when given (Show Header),
 * else Details when there are details. */
void
lb_window_file_toast (LbWindow   *self,
                      const char *headline,
                      const char *details,
                      const char *action_label,
                      const char *action)
{
  AdwToast *toast = adw_toast_new (headline);

  /* The older file's toast would queue this one behind it: it is about a file left behind. */
  lb_window_dismiss_file_toast (self);
  g_free (self->message_headline);
  g_free (self->message_details);
  self->message_headline = g_strdup (headline);
  self->message_details = g_strdup (details);
  adw_toast_set_timeout (toast, 10);
  if (action != NULL)
    {
      adw_toast_set_button_label (toast, action_label);
      adw_toast_set_action_name (toast, action);
    }
  else if (details != NULL)
    {
      adw_toast_set_button_label (toast, _("Details"));
      adw_toast_set_action_name (toast, "win.show-message-details");
    }
  lb_window_add_file_toast (self, toast);
}

/* `toast` (its reference taken) as the toast about the file on show. */
void
lb_window_add_file_toast (LbWindow *self,
                          AdwToast *toast)
{
  lb_window_dismiss_file_toast (self);
  self->file_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_file_toast_dismissed), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_message ("toast: %s", adw_toast_get_title (toast));
}

static void
show_message_details (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), self->message_headline,
                                              self->message_details);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_debug ("details: %s", self->message_details);
}

void
lb_window_class_install_message_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-message-details", NULL,
                                   show_message_details);
}

/* ---- The status page -------------------------------------------------------------------- */

void
lb_window_show_status (LbWindow   *self,
                       const char *icon,
                       const char *title,
                       const char *description,
                       const char *details)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_label_set_text (self->status_details_label, details != NULL ? details : "");
  gtk_expander_set_expanded (self->status_details, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_details), details != NULL);
  gtk_stack_set_visible_child_name (self->stack, "status");
  g_debug ("status: %s: %s", title, description != NULL ? description : "");
}

/* ---- Why an image cannot be shown ------------------------------------------------------- */

static gboolean
is_dicom_directory (const LbDicomFile *dicom)
{
  g_autofree char *sop_class = NULL;

  if (lb_dicom_file_lookup (dicom, TAG_DIRECTORY_RECORDS) != NULL)
    return TRUE;
  sop_class = lb_dicom_file_get_string (dicom, LB_DICOM_TAG (0x0002, 0x0002));
  return sop_class != NULL && g_str_equal (g_strstrip (sop_class), MEDIA_STORAGE_DIRECTORY);
}

/* The header value of `tag` as text, "absent" or "empty". */
static char *
header_value (const LbDicomFile *dicom,
              uint32_t           tag)
{
  const LbDicomElement *el = lb_dicom_file_lookup (dicom, tag);
  int64_t v;

  if (el == NULL)
    return g_strdup (_("absent"));
  if (lb_dicom_element_get_vm (el) == 0 || !lb_dicom_element_get_int (el, 0, &v))
    return g_strdup (_("empty"));
  return g_strdup_printf ("%lld", (long long) v);
}

static gboolean
header_value_is (const LbDicomFile *dicom,
                 uint32_t           tag,
                 const int64_t     *allowed,
                 guint              n_allowed)
{
  const LbDicomElement *el = lb_dicom_file_lookup (dicom, tag);
  int64_t v;

  if (el == NULL || !lb_dicom_element_get_int (el, 0, &v))
    return FALSE;
  for (guint i = 0; i < n_allowed; i++)
    if (v == allowed[i])
      return TRUE;
  return FALSE;
}

/* An unsupported image: a pixel format no image has, said as the CLI says it, or else an
 * encoding, named with its UID so that a student can look it up. */
static char *
describe_unsupported (const LbDicomFile *dicom,
                      const char        *name,
                      char             **details)
{
  static const int64_t samples[] = { 1, 3 };
  static const int64_t bits[] = { 1, 8, 16, 32, 64 };
  const char *uid = lb_dicom_file_get_transfer_syntax (dicom);
  const char *syntax = uid != NULL ? lb_dicom_transfer_syntax_name (uid) : NULL;

  if (!header_value_is (dicom, TAG_SAMPLES_PER_PIXEL, samples, G_N_ELEMENTS (samples)))
    {
      g_autofree char *value = header_value (dicom, TAG_SAMPLES_PER_PIXEL);

      *details = g_strdup_printf (_("Samples per Pixel (0028,0002): %s"), value);
      /* Translators: file name, then the value of Samples per Pixel */
      return g_strdup_printf (_("“%s” cannot be shown: its header says each pixel has %s "
                                "samples (Samples per Pixel), where an image has 1 (grey) or "
                                "3 (colour)"), name, value);
    }
  if (!header_value_is (dicom, TAG_BITS_ALLOCATED, bits, G_N_ELEMENTS (bits)))
    {
      g_autofree char *value = header_value (dicom, TAG_BITS_ALLOCATED);

      *details = g_strdup_printf (_("Bits Allocated (0028,0100): %s"), value);
      /* Translators: file name, then the value of Bits Allocated */
      return g_strdup_printf (_("“%s” cannot be shown: its header says each sample takes %s "
                                "bits (Bits Allocated), where images use 1, 8, 16 or 32"),
                              name, value);
    }
  *details = g_strdup_printf (_("Transfer Syntax UID (0002,0010): %s"), uid != NULL ? uid : "");
  /* Translators: file name, transfer syntax name, transfer syntax UID */
  return g_strdup_printf (_("“%s” uses %s (%s), an encoding Lightbox cannot decode"), name,
                          syntax != NULL ? syntax : _("an unknown transfer syntax"),
                          uid != NULL ? uid : "?");
}

/* Why the pixels of `document` cannot be shown: a headline in words, and in *details where
 * in the file (or NULL). */
char *
lb_window_describe_unshowable (LbDocument *document,
                               const char *name,
                               char      **details)
{
  const GError *pixel_error = lb_document_get_pixel_error (document);
  const LbDicomFile *dicom = lb_document_get_dicom (document);
  g_autofree char *reason = NULL;

  *details = lb_error_get_details (pixel_error);
  if (dicom != NULL && is_dicom_directory (dicom))
    /* Translators: file name; a DICOMDIR is the index of a CD or a folder of DICOM files */
    return g_strdup_printf (_("This is a DICOM directory: it lists other files. Their "
                              "series are in the sidebar (“%s” itself holds no image)."), name);
  if (dicom != NULL && g_error_matches (pixel_error, LB_DICOM_ERROR, LB_DICOM_ERROR_UNSUPPORTED))
    {
      g_free (*details);
      return describe_unsupported (dicom, name, details);
    }
  if (g_error_matches (pixel_error, LB_DICOM_ERROR, LB_DICOM_ERROR_NO_PIXELS))
    /* Translators: file name of a file without an image (a report, a plan) */
    return g_strdup_printf (_("“%s” holds no image: its header is all there is, under Tags"),
                            name);
  reason = lb_error_get_reason (pixel_error);
  /* Translators: file name, then why its pixels cannot be shown */
  return g_strdup_printf (_("“%s” cannot be shown: %s"), name, reason);
}
