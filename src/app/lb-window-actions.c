/* lb-window-actions.c: win.* actions and their keys. Canvas operations are window actions so
 * their keys work wherever the focus is (text entries still get their own keys first). */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-pipeline-view.h"
#include "lb-presentation.h"
#include "lb-window-private.h"

/* ---- Open ------------------------------------------------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     LbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (array->len > 0)
        lb_window_open_files (self, (GFile **) array->pdata, array->len);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
run_chooser (LbWindow             *self,
             GtkFileChooserAction  action,
             const char           *title)
{
  GtkFileChooserNative *chooser;
  g_autofree char *last = g_settings_get_string (self->settings, "last-folder");

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr (GtkFileFilter) dicom = gtk_file_filter_new ();
      g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (dicom, _("DICOM files"));
      gtk_file_filter_add_mime_type (dicom, "application/dicom");
      gtk_file_filter_add_pattern (dicom, "*.dcm");
      gtk_file_filter_add_pattern (dicom, "*.DCM");
      /* A CD's index and a zip of DICOM files open too (lb-window-zip.c). */
      gtk_file_filter_add_pattern (dicom, "DICOMDIR");
      gtk_file_filter_add_pattern (dicom, "dicomdir");
      gtk_file_filter_add_mime_type (dicom, "application/zip");
      gtk_file_filter_add_pattern (dicom, "*.zip");
      gtk_file_filter_add_pattern (dicom, "*.ZIP");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), dicom);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
    }
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GFile) folder = g_file_new_for_path (last);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  run_chooser (LB_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open DICOM Files"));
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  run_chooser (LB_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Open Folder"));
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  lb_window_run_export_dialog (LB_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  lb_window_open_files (LB_WINDOW (widget), &file, 1);
}

static void
open_samples_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  g_autofree char *samples = lb_application_find_samples ();

  if (samples == NULL)
    {
      lb_window_toast (LB_WINDOW (widget), _("The sample series is not installed"));
      return;
    }
  {
    g_autoptr (GFile) dir = g_file_new_for_path (samples);
    lb_window_open_files (LB_WINDOW (widget), &dir, 1);
  }
}

static void
close_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- View ------------------------------------------------------------------------------- */

static void
toggle_setting (LbWindow   *self,
                const char *key)
{
  g_settings_set_boolean (self->settings, key, !g_settings_get_boolean (self->settings, key));
}

static void
view_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  LbImageCanvas *c = self->canvas;

  if (g_str_equal (name, "win.zoom-in"))
    lb_image_canvas_zoom_by (c, 1.25);
  else if (g_str_equal (name, "win.zoom-out"))
    lb_image_canvas_zoom_by (c, 1 / 1.25);
  else if (g_str_equal (name, "win.zoom-one"))
    lb_image_canvas_zoom_one (c);
  else if (g_str_equal (name, "win.zoom-fit"))
    lb_image_canvas_zoom_fit (c);
  else if (g_str_equal (name, "win.rotate-right"))
    lb_image_canvas_rotate (c, 1);
  else if (g_str_equal (name, "win.rotate-left"))
    lb_image_canvas_rotate (c, -1);
  else if (g_str_equal (name, "win.flip"))
    lb_image_canvas_flip (c);
  else if (g_str_equal (name, "win.reset-view"))
    lb_image_canvas_reset_view (c);
  else if (g_str_equal (name, "win.invert"))
    toggle_setting (self, "invert");
  else if (g_str_equal (name, "win.toggle-overlay"))
    toggle_setting (self, "show-overlay");
  else if (g_str_equal (name, "win.toggle-sidebar"))
    toggle_setting (self, "show-sidebar");
  else if (g_str_equal (name, "win.toggle-metadata"))
    toggle_setting (self, "show-metadata");
  else if (g_str_equal (name, "win.toggle-histogram"))
    toggle_setting (self, "show-histogram");
  else if (g_str_equal (name, "win.fullscreen"))
    lb_presentation_toggle (self);   /* full screen, panels hidden: lb-presentation.c */
  else if (g_str_equal (name, "win.search-tags"))
    {
      g_settings_set_boolean (self->settings, "show-metadata", TRUE);
      lb_metadata_view_focus_search (self->metadata_view);
    }
}

static void
pan_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  double dx, dy;

  g_variant_get (param, "(dd)", &dx, &dy);
  lb_image_canvas_pan (LB_WINDOW (widget)->canvas, dx, dy);
}

static void
navigate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  lb_window_navigate (LB_WINDOW (widget), g_variant_get_int32 (param));
}

/* ---- Window (W/L) ----------------------------------------------------------------------- */

static void
window_preset_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  const LbDicomPreset *p = lb_dicom_preset_lookup (g_variant_get_string (param, NULL));

  if (p != NULL)
    lb_image_canvas_set_window (self->canvas, p->center, p->width, LB_WINDOW_SOURCE_PRESET,
                                _(p->label));
}

static void
window_stored_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  lb_image_canvas_use_stored_window (LB_WINDOW (widget)->canvas, g_variant_get_uint32 (param));
}

static void
window_auto_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  lb_image_canvas_use_minmax (LB_WINDOW (widget)->canvas);
}

static void
window_number_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  lb_window_apply_numbered_window (LB_WINDOW (widget), g_variant_get_uint32 (param));
}

static void
on_custom_response (AdwMessageDialog *dialog,
                    const char       *response,
                    LbWindow         *self)
{
  GtkWidget *grid = adw_message_dialog_get_extra_child (dialog);
  GtkSpinButton *center = g_object_get_data (G_OBJECT (grid), "center");
  GtkSpinButton *width = g_object_get_data (G_OBJECT (grid), "width");

  if (g_str_equal (response, "apply"))
    lb_image_canvas_set_window (self->canvas, gtk_spin_button_get_value (center),
                                gtk_spin_button_get_value (width), LB_WINDOW_SOURCE_MANUAL, NULL);
}

static void
window_custom_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *center = gtk_spin_button_new_with_range (-100000, 100000, 1);
  GtkWidget *width = gtk_spin_button_new_with_range (1, 200000, 1);
  GtkWidget *label;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (center),
                             lb_image_canvas_get_window_center (self->canvas));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (width),
                             lb_image_canvas_get_window_width (self->canvas));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  label = gtk_label_new_with_mnemonic (_("_Centre"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), center);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), center, 1, 0, 1, 1);
  label = gtk_label_new_with_mnemonic (_("_Width"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), width);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), width, 1, 1, 1, 1);
  g_object_set_data (G_OBJECT (grid), "center", center);
  g_object_set_data (G_OBJECT (grid), "width", width);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Custom Window"),
                                   _("Centre and width in modality units (HU for CT)"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_signal_connect (dialog, "response", G_CALLBACK (on_custom_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
lb_window_update_actions (LbWindow *self)
{
  gboolean has_image = self->document != NULL && lb_document_get_frame (self->document) != NULL;
  static const char *image_actions[] = {
    "win.zoom-in", "win.zoom-out", "win.zoom-one", "win.zoom-fit", "win.rotate-right",
    "win.rotate-left", "win.flip", "win.reset-view", "win.window-preset", "win.window-stored",
    "win.window-auto", "win.window-custom", "win.window-number", "win.pan", "win.export",
    "win.anonymize", "win.copy-image",
  };

  for (guint i = 0; i < G_N_ELEMENTS (image_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), image_actions[i], has_image);
#ifdef LB_HAVE_REMOTE
  /* Any DICOM file can be stored on a server, also one whose image cannot be shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload", self->document != NULL);
#endif
}

/* F4: the pipeline view, made on first use; F4 again (or Escape in it) hides it. */
static void
pipeline_view_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);

  if (self->pipeline_view == NULL)
    {
      self->pipeline_view = GTK_WINDOW (lb_pipeline_view_new (GTK_WINDOW (self), self->canvas));
      g_object_add_weak_pointer (G_OBJECT (self->pipeline_view), (gpointer *) &self->pipeline_view);
    }
  else if (gtk_widget_get_visible (GTK_WIDGET (self->pipeline_view)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->pipeline_view), FALSE);
      return;
    }
  gtk_window_present (self->pipeline_view);
  g_debug ("pipeline view shown");
}

/* The shortcuts window, built on first use (see ui/lightbox.gresource.xml), kept, and destroyed
 * with the window (lb_window_dispose). */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr (GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/lightboxviewer/Lightbox/help-overlay.ui");

      self->help_overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
      g_object_add_weak_pointer (G_OBJECT (self->help_overlay), (gpointer *) &self->help_overlay);
    }
  gtk_window_present (self->help_overlay);
}

void
lb_window_class_install_actions (GtkWidgetClass *wc)
{
  static const char *view_actions[] = {
    "win.zoom-in", "win.zoom-out", "win.zoom-one", "win.zoom-fit", "win.rotate-right",
    "win.rotate-left", "win.flip", "win.reset-view", "win.invert", "win.toggle-overlay",
    "win.toggle-sidebar", "win.toggle-metadata", "win.toggle-histogram", "win.fullscreen",
    "win.search-tags",
  };

  gtk_widget_class_install_action (wc, "win.open", NULL, open_action);
  gtk_widget_class_install_action (wc, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (wc, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (wc, "win.open-samples", NULL, open_samples_action);
  gtk_widget_class_install_action (wc, "win.close", NULL, close_action);
  gtk_widget_class_install_action (wc, "win.export", NULL, export_action);
  gtk_widget_class_install_action (wc, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (wc, "win.pipeline-view", NULL, pipeline_view_action);
  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_class_install_action (wc, view_actions[i], NULL, view_action);
  gtk_widget_class_install_action (wc, "win.pan", "(dd)", pan_action);
  gtk_widget_class_install_action (wc, "win.navigate", "i", navigate_action);
  gtk_widget_class_install_action (wc, "win.window-preset", "s", window_preset_action);
  gtk_widget_class_install_action (wc, "win.window-stored", "u", window_stored_action);
  gtk_widget_class_install_action (wc, "win.window-auto", NULL, window_auto_action);
  gtk_widget_class_install_action (wc, "win.window-custom", NULL, window_custom_action);
  gtk_widget_class_install_action (wc, "win.window-number", "u", window_number_action);

  /* Keys. Plain letters and digits only reach the window when no text entry has the focus. */
  gtk_widget_class_add_binding_action (wc, GDK_KEY_plus, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_equal, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_Add, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_minus, 0, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_Subtract, 0, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_1, GDK_CONTROL_MASK, "win.zoom-one", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_f, 0, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_r, 0, "win.rotate-right", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_R, GDK_SHIFT_MASK, "win.rotate-left", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_h, 0, "win.flip", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "win.reset-view", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_i, 0, "win.invert", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_o, 0, "win.toggle-overlay", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_a, 0, "win.window-auto", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_w, 0, "win.window-custom", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Up, 0, "win.navigate", "i", -1);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Down, 0, "win.navigate", "i", 1);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Left, 0, "win.navigate", "i", -1);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Right, 0, "win.navigate", "i", 1);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Page_Up, 0, "win.navigate", "i", -10);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Page_Down, 0, "win.navigate", "i", 10);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Home, 0, "win.navigate", "i",
                                       LB_NAVIGATE_FIRST);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_End, 0, "win.navigate", "i", LB_NAVIGATE_LAST);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Up, GDK_CONTROL_MASK, "win.pan", "(dd)", 0.0,
                                       40.0);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Down, GDK_CONTROL_MASK, "win.pan", "(dd)", 0.0,
                                       -40.0);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Left, GDK_CONTROL_MASK, "win.pan", "(dd)",
                                       40.0, 0.0);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Right, GDK_CONTROL_MASK, "win.pan", "(dd)",
                                       -40.0, 0.0);
  lb_window_class_add_preset_keys (wc);
  lb_window_anonymize_class_init (wc);
  lb_window_clipboard_class_init (wc);
  lb_window_series_export_class_init (wc);
}
