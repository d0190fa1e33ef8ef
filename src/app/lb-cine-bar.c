/* lb-cine-bar.c: the cine bar. Its controls follow the LbCine it is given and change it; the
 * play button runs win.play, as Space does. */
#include "config.h"

#define G_LOG_DOMAIN "lb-cine"

#include <glib/gi18n.h>

#include "lb-cine-bar.h"

static const double speeds[] = { 0.25, 0.5, 1.0, 2.0, 4.0 };

struct _LbCineBar
{
  GtkBox parent_instance;

  GtkButton *play_button;
  GtkLabel *position_label;
  GtkDropDown *speed_dropdown;
  GtkCheckButton *bounce_check;
  GtkLabel *rate_label;

  LbCine *cine;
};

G_DEFINE_FINAL_TYPE (LbCineBar, lb_cine_bar, GTK_TYPE_BOX)

static void
on_playing (LbCineBar *self)
{
  gboolean playing = lb_cine_get_playing (self->cine);
  const char *label = playing ? _("Pause") : _("Play");

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_rate (LbCineBar *self)
{
  /* Translators: frames per second, then where the rate comes from (a DICOM attribute name) */
  g_autofree char *text = g_strdup_printf (_("%.3g frames/s (%s)"), lb_cine_get_rate (self->cine),
                                           lb_cine_get_rate_source (self->cine));

  gtk_label_set_text (self->rate_label, text);
}

static void
on_speed (LbCineBar *self)
{
  double speed = lb_cine_get_speed (self->cine);

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] == speed && gtk_drop_down_get_selected (self->speed_dropdown) != i)
      gtk_drop_down_set_selected (self->speed_dropdown, i);
}

static void
on_speed_selected (LbCineBar *self)
{
  guint i = gtk_drop_down_get_selected (self->speed_dropdown);

  if (self->cine != NULL && i < G_N_ELEMENTS (speeds))
    lb_cine_set_speed (self->cine, speeds[i]);
}

void
lb_cine_bar_set_cine (LbCineBar *self,
                      LbCine    *cine)
{
  g_return_if_fail (LB_IS_CINE_BAR (self));
  g_return_if_fail (self->cine == NULL);
  self->cine = g_object_ref (cine);
  g_signal_connect_object (cine, "notify::playing", G_CALLBACK (on_playing), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (cine, "notify::rate", G_CALLBACK (on_rate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cine, "notify::speed", G_CALLBACK (on_speed), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (cine, "bounce", self->bounce_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  on_playing (self);
  on_rate (self);
  on_speed (self);
}

void
lb_cine_bar_set_position (LbCineBar *self,
                          guint      position,
                          guint      count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LB_IS_CINE_BAR (self));
  /* Translators: the position in the cine bar: frame or slice number / how many */
  text = g_strdup_printf (_("%u / %u"), position + 1, count);
  gtk_label_set_text (self->position_label, text);
  if (self->cine != NULL)
    on_rate (self);
}

static void
lb_cine_bar_dispose (GObject *object)
{
  LbCineBar *self = LB_CINE_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_CINE_BAR);
  g_clear_object (&self->cine);
  G_OBJECT_CLASS (lb_cine_bar_parent_class)->dispose (object);
}

static void
lb_cine_bar_class_init (LbCineBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lb_cine_bar_dispose;
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-cine-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LbCineBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, LbCineBar, position_label);
  gtk_widget_class_bind_template_child (widget_class, LbCineBar, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LbCineBar, bounce_check);
  gtk_widget_class_bind_template_child (widget_class, LbCineBar, rate_label);
}

static void
lb_cine_bar_init (LbCineBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_selected (self->speed_dropdown, 2);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected",
                            G_CALLBACK (on_speed_selected), self);
}
