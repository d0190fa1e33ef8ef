/* lb-hidden-window.c: see lb-hidden-window.h. The numbers are the hint's, written as a teacher
 * writes them on the board: whole numbers with the locale's grouping from 100 up (12,107),
 * two decimals at most below (0.94). */
#include "config.h"

#define G_LOG_DOMAIN "lb-pipeline"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lb-hidden-window.h"

static char *
format_value (double v)
{
  if (fabs (v) >= 100)
    return g_strdup_printf ("%'.0f", v);

  char *s = g_strdup_printf ("%.2f", v);
  char *end = s + strlen (s) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.' || *end == ',')
    *end = '\0';
  if (g_str_equal (s, "-0"))
    s[0] = '0', s[1] = '\0';
  return s;
}

char *
lb_hidden_window_describe (const LbDicomWindowHint *hint)
{
  g_autofree char *low = format_value (hint->low);
  g_autofree char *high = format_value (hint->high);

  g_return_val_if_fail (hint->side != LB_DICOM_HIDDEN_NONE, NULL);
  if (hint->side == LB_DICOM_HIDDEN_BELOW)
    {
      g_autofree char *max = format_value (hint->max);

      return g_strdup_printf (hint->black
                                ? _("The window leaves %u %% of the pixels black: its range "
                                    "%s … %s lies above most values (max %s). Try Auto (A) or "
                                    "a preset.")
                                : _("The window leaves %u %% of the pixels white: its range "
                                    "%s … %s lies above most values (max %s). Try Auto (A) or "
                                    "a preset."),
                              hint->percent, low, high, max);
    }
  g_autofree char *min = format_value (hint->min);

  return g_strdup_printf (hint->black
                            ? _("The window leaves %u %% of the pixels black: its range "
                                "%s … %s lies below most values (min %s). Try Auto (A) or a "
                                "preset.")
                            : _("The window leaves %u %% of the pixels white: its range "
                                "%s … %s lies below most values (min %s). Try Auto (A) or a "
                                "preset."),
                          hint->percent, low, high, min);
}

char *
lb_hidden_window_headline (const LbDicomWindowHint *hint)
{
  return g_strdup_printf (hint->black ? _("The file’s window leaves %u %% of the pixels black")
                                      : _("The file’s window leaves %u %% of the pixels white"),
                          hint->percent);
}

void
lb_hidden_window_update_label (GtkLabel             *label,
                               const LbDicomFrame   *frame,
                               const LbDicomDisplay *display)
{
  LbDicomWindowHint hint;
  gboolean hidden = frame != NULL && lb_dicom_window_hint (frame, display, &hint);
  g_autofree char *text = hidden ? lb_hidden_window_describe (&hint) : NULL;

  /* Logged only when it changes: the view refreshes on every step of a window drag. */
  if (hidden != gtk_widget_get_visible (GTK_WIDGET (label))
      || g_strcmp0 (text, gtk_label_get_text (label)) != 0)
    g_debug ("window %s%s", hidden ? "hides the image: " : "shows the image",
             hidden ? text : "");
  gtk_label_set_text (label, hidden ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), hidden);
}
