/* lb-window-presets.c: the window presets menu, its keys, the window source label, and the
 * window a CT opens on when it stores none. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-lazy-menu.h"
#include "lb-window-private.h"

/* The preset labels of dicom-presets.c (no GLib there), marked here for translation. */
G_GNUC_UNUSED static const char *const preset_labels[] = {
  N_("Brain"), N_("Subdural"), N_("Stroke"), N_("Temporal bone"), N_("Soft tissue"), N_("Lung"),
  N_("Mediastinum"), N_("Abdomen"), N_("Liver"), N_("Spine soft tissue"), N_("Bone"),
};

/* A CT without a stored window would open on minimum to maximum: air to metal, flat grey.
 * It opens on soft tissue instead, what a reader looks at first. */
#define CT_DEFAULT_PRESET "softtissue"

/* ---- Keys --------------------------------------------------------------------------------
 * The menu's entries are numbered in order: presets of the modality, then the windows stored
 * in the file. Entry n has the key of the digit row: 1–9, then 0 for the tenth (as on the
 * keyboard), then Shift with the same digits for the eleventh to the twentieth. */

guint
lb_window_preset_key_count (void)
{
  return 20;
}

/* The accelerator of entry `number` (1-based) in GTK's syntax, or NULL past the last key. */
char *
lb_window_preset_accel (guint number)
{
  if (number == 0 || number > lb_window_preset_key_count ())
    return NULL;
  return g_strdup_printf ("%s%u", number > 10 ? "<Shift>" : "", number % 10);
}

void
lb_window_class_add_preset_keys (GtkWidgetClass *wc)
{
  for (guint number = 1; number <= 10; number++)
    {
      guint digit = number % 10;

      gtk_widget_class_add_binding_action (wc, GDK_KEY_0 + digit, 0, "win.window-number", "u",
                                           number);
      gtk_widget_class_add_binding_action (wc, GDK_KEY_KP_0 + digit, 0, "win.window-number", "u",
                                           number);
    }
}

/* Shift with a digit: GTK matches a binding of <Shift>1 against the keyval the layout gives
 * (exclam on a US keyboard, something else elsewhere), so the digit is read from the key's
 * unshifted level instead, whatever the layout. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LbWindow              *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  guint base = 0;

  if ((state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) != GDK_SHIFT_MASK || event == NULL
      || !gdk_display_translate_key (gtk_widget_get_display (GTK_WIDGET (self)), keycode, 0,
                                     gdk_key_event_get_layout (event), &base, NULL, NULL, NULL)
      || base < GDK_KEY_0 || base > GDK_KEY_9)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.window-number", "u",
                                     10 + (base == GDK_KEY_0 ? 10 : base - GDK_KEY_0));
}

void
lb_window_add_shift_preset_keys (LbWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* ---- The label of the menu button ------------------------------------------------------- */

static char *
format_window_label (LbWindow *self)
{
  LbImageCanvas *c = self->canvas;
  const char *name = lb_image_canvas_get_window_source_name (c);
  const char *source;

  switch (lb_image_canvas_get_window_source (c))
    {
    case LB_WINDOW_SOURCE_FILE:
      source = _("file");
      break;
    case LB_WINDOW_SOURCE_PRESET:
      source = _("preset");
      break;
    case LB_WINDOW_SOURCE_AUTO:
      source = _("auto");
      name = NULL;
      break;
    case LB_WINDOW_SOURCE_MANUAL:
      source = _("manual");
      break;
    case LB_WINDOW_SOURCE_NONE:
    default:
      return g_strdup (_("Window"));
    }
  if (name != NULL && *name != '\0')
    /* Translators: window centre, width, source and its name: "C 40 W 400 · preset: Abdomen" */
    return g_strdup_printf (_("C %.0f W %.0f · %s: %s"), lb_image_canvas_get_window_center (c),
                            lb_image_canvas_get_window_width (c), source, name);
  return g_strdup_printf (_("C %.0f W %.0f · %s"), lb_image_canvas_get_window_center (c),
                          lb_image_canvas_get_window_width (c), source);
}

void
lb_window_update_window_label (LbWindow *self)
{
  const LbDicomFrame *frame = self->document != NULL ? lb_document_get_frame (self->document)
                                                     : NULL;
  gboolean grey = frame != NULL && frame->samples == 1;
  g_autofree char *label = grey ? format_window_label (self)
                                : g_strdup (frame != NULL ? _("Colour image") : _("Window"));

  /* Colour images have no VOI stage: nothing to window. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_button), grey);
  /* GTK 4.8 builds the button's label and arrow anew on every call: per slice scrolled that
   * was a relayout of the header bar for the same text. */
  if (g_strcmp0 (gtk_menu_button_get_label (self->preset_button), label) != 0)
    gtk_menu_button_set_label (self->preset_button, label);
  lb_histogram_set_window (self->histogram, lb_image_canvas_get_window_center (self->canvas),
                           lb_image_canvas_get_window_width (self->canvas));
}

/* ---- The menu --------------------------------------------------------------------------- */

/* One entry, with its key shown at the right as in any menu. */
static void
append_entry (GMenu      *section,
              const char *label,
              const char *action,
              GVariant   *target,
              guint       number)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);
  g_autofree char *accel = lb_window_preset_accel (number);

  g_menu_item_set_action_and_target_value (item, action, target);
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (section, item);
}

void
lb_window_rebuild_presets_menu (LbWindow *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) presets = g_menu_new ();
  g_autoptr (GMenu) stored = g_menu_new ();
  g_autoptr (GMenu) other = g_menu_new ();
  const LbDicomImageInfo *info = NULL;
  const char *modality = NULL;
  guint number = 1;

  self->n_presets = 0;
  if (self->document != NULL)
    {
      info = lb_document_get_image_info (self->document);
      modality = lb_document_get_modality (self->document);
    }
  if (modality != NULL)
    self->n_presets = MIN (lb_dicom_presets_for_modality (modality, self->presets, LB_MAX_PRESETS),
                           LB_MAX_PRESETS);

  for (guint i = 0; i < self->n_presets; i++, number++)
    {
      const LbDicomPreset *p = self->presets[i];
      /* Translators: a preset in the menu: name, centre and width, range shown */
      g_autofree char *label = g_strdup_printf (_("%s   C %g / W %g   [%g … %g]"), _(p->label),
                                                p->center, p->width, p->lower, p->upper);

      append_entry (presets, label, "win.window-preset", g_variant_new_string (p->name), number);
    }
  for (guint i = 0; info != NULL && i < info->n_windows; i++, number++)
    {
      const char *expl = info->windows[i].explanation;
      g_autofree char *safe = expl != NULL ? lb_dicom_escape_text (expl) : NULL;
      g_autofree char *label = g_strdup_printf (_("File: %s   C %g / W %g"),
                                                safe != NULL && *safe ? safe : _("stored window"),
                                                info->windows[i].center, info->windows[i].width);

      append_entry (stored, label, "win.window-stored", g_variant_new_uint32 (i), number);
    }
  g_menu_append (other, _("Auto (minimum to maximum)"), "win.window-auto");
  g_menu_append (other, _("Custom…"), "win.window-custom");

  if (self->n_presets > 0)
    g_menu_append_section (menu, modality, G_MENU_MODEL (presets));
  if (info != NULL && info->n_windows > 0)
    g_menu_append_section (menu, _("Stored in the file"), G_MENU_MODEL (stored));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  /* Its popover is built when the menu opens: for every file opened it cost 12 M instructions,
   * the first time before the first image. */
  lb_menu_button_set_menu_model_lazily (self->preset_button, G_MENU_MODEL (menu));
}

void
lb_window_apply_numbered_window (LbWindow *self,
                                 guint     number)
{
  const LbDicomImageInfo *info;

  if (self->document == NULL || number == 0)
    return;
  if (number <= self->n_presets)
    {
      const LbDicomPreset *p = self->presets[number - 1];
      lb_image_canvas_set_window (self->canvas, p->center, p->width, LB_WINDOW_SOURCE_PRESET,
                                  _(p->label));
      return;
    }
  info = lb_document_get_image_info (self->document);
  if (info != NULL && number - 1 - self->n_presets < info->n_windows)
    lb_image_canvas_use_stored_window (self->canvas, number - 1 - self->n_presets);
}

/* After the canvas took a new document: a greyscale CT that stores no window gets the soft
 * tissue preset rather than minimum to maximum. The label then names the preset as its
 * source, so the reader knows the window came from Lightbox, not from the file. */
void
lb_window_choose_initial_window (LbWindow *self)
{
  const LbDicomFrame *frame = lb_document_get_frame (self->document);
  const char *modality = lb_document_get_modality (self->document);
  const LbDicomPreset *p = lb_dicom_preset_lookup (CT_DEFAULT_PRESET);

  if (frame == NULL || frame->samples != 1 || p == NULL
      || lb_image_canvas_get_window_source (self->canvas) != LB_WINDOW_SOURCE_AUTO
      || g_strcmp0 (modality, "CT") != 0)
    return;
  lb_image_canvas_set_window (self->canvas, p->center, p->width, LB_WINDOW_SOURCE_PRESET,
                              _(p->label));
}
