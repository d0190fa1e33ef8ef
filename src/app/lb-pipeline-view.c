/* lb-pipeline-view.c: see lb-pipeline-view.h. The stored and modality histograms depend on the
 * frame only and are made when the frame changes; the displayed one, the clipped counts and the
 * formulas follow every window change (notify::window-width: the canvas notifies it with the
 * centre on each drag step and on each new document). */
#include "config.h"

#define G_LOG_DOMAIN "lb-pipeline"

#include <glib/gi18n.h>

#include "lb-hidden-window.h"
#include "lb-pipeline-view.h"
#include "lb-stage-histogram.h"

struct _LbPipelineView
{
  GtkWindow parent_instance;

  /* template children */
  GtkToggleButton *tint_button;
  GtkLabel *stored_title, *modality_title, *display_title;
  GtkLabel *stored_stats, *modality_stats, *display_stats;
  LbStageHistogram *stored_histogram, *modality_histogram, *display_histogram;
  GtkLabel *modality_formula, *voi_formula, *presentation_formula, *probe_line;
  GtkLabel *hint_line;                 /* the window hides the image: lb-hidden-window.c */

  LbImageCanvas *canvas;               /* weak: the canvas outlives its window's children */
  LbDocument *document;                /* held so that its address is not reused unseen */
  const LbDicomFrame *frame;
  guint frame_index;
};

G_DEFINE_FINAL_TYPE (LbPipelineView, lb_pipeline_view, GTK_TYPE_WINDOW)

/* A number as a teacher writes it: at most two decimals, no trailing zeros, "-0" as "0". */
static char *
format_number (double v)
{
  char *s = g_strdup_printf ("%.2f", v);
  char *end = s + strlen (s) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  if (g_str_equal (s, "-0"))
    s[0] = '0', s[1] = '\0';
  return s;
}

/* A term added in a formula: "+ 20" or "+ (-1024)", so the file's number stands as stored. */
static char *
format_term (double v)
{
  g_autofree char *n = format_number (v);

  return v < 0 && !g_str_equal (n, "0") ? g_strdup_printf ("(%s)", n) : g_strdup (n);
}

static char *
dup_unit (LbPipelineView *self)
{
  char unit[64] = "";

  lb_dicom_file_get_modality_unit (lb_document_get_dicom (self->document), self->frame_index,
                                   unit, sizeof unit);
  return g_strdup (unit[0] != '\0' ? unit : _("value"));
}

static char *
dup_stats (const LbDicomStageHistogram *h)
{
  g_autofree char *min = NULL, *max = NULL, *mean = NULL, *sd = NULL;

  if (h == NULL)
    return g_strdup ("");
  min = format_number (h->min);
  max = format_number (h->max);
  mean = format_number (h->mean);
  sd = format_number (h->sd);
  return g_strdup_printf (_("min %s   max %s   mean %s   SD %s"), min, max, mean, sd);
}

/* The modality step: HU = stored × slope + intercept with the file's numbers, or the LUT. */
static char *
dup_modality_formula (LbPipelineView        *self,
                      const LbDicomDisplay *display)
{
  const LbDicomImageInfo *info = lb_document_get_image_info (self->document);
  g_autofree char *unit = dup_unit (self);
  g_autofree char *slope = format_number (display->slope);
  g_autofree char *intercept = format_term (display->intercept);

  if (display->modality_lut != NULL)
    {
      guint count = display->modality_lut->count != 0 ? display->modality_lut->count : 65536;

      return g_strdup_printf (_("%s = Modality LUT[stored]   (Modality LUT Sequence: %u entries, "
                                "the first for stored value %d)"),
                              unit, count, (int) display->modality_lut->first_mapped);
    }
  if (info == NULL || !info->has_rescale)
    return g_strdup_printf (_("%s = stored × %s + %s   (no Rescale Slope and Intercept in the "
                              "file: 1 and 0)"), unit, slope, intercept);
  return g_strdup_printf (_("%s = stored × %s + %s   (Rescale Slope (0028,1053), Rescale "
                            "Intercept (0028,1052))"), unit, slope, intercept);
}

/* The VOI step: the function, C and W, and its formula with the numbers put in. */
static char *
dup_voi_formula (const LbDicomDisplay *display)
{
  g_autofree char *c = format_number (display->center);
  g_autofree char *w = format_number (display->width);
  g_autofree char *c_term = format_term (display->center);
  g_autofree char *low = NULL, *high = NULL;
  double lo = 0, hi = 0;   /* set for every source but NONE, returned above */

  if (display->voi_source == LB_DICOM_VOI_SOURCE_NONE)
    return g_strdup (_("No window: the frame’s modality values are scaled from their minimum to "
                       "their maximum"));
  if (display->voi_source == LB_DICOM_VOI_SOURCE_LUT)
    {
      lb_dicom_voi_bounds (display, &lo, &hi);
      low = format_number (lo);
      high = format_number (hi);
      return g_strdup_printf (_("VOI LUT (%u entries): y = VOI LUT[x] for %s ≤ x ≤ %s, the first "
                                "or last entry outside"),
                              (guint) (hi - lo + 1), low, high);
    }
  lb_dicom_voi_bounds (display, &lo, &hi);
  low = format_number (lo);
  high = format_number (hi);
  switch (display->function)
    {
    case LB_DICOM_VOI_LINEAR_EXACT:
      return g_strdup_printf ("LINEAR_EXACT   C = %s   W = %s\n"
                              "y = ((x − %s) / %s + 0.5) × 255      x ≤ %s → 0,  x > %s → 255",
                              c, w, c_term, w, low, high);
    case LB_DICOM_VOI_SIGMOID:
      return g_strdup_printf ("SIGMOID   C = %s   W = %s\n"
                              "y = 255 / (1 + exp(−4 × (x − %s) / %s))",
                              c, w, c_term, w);
    case LB_DICOM_VOI_LINEAR:
    default:
      {
        /* LINEAR needs W ≥ 1: the formula shows the width the pipeline uses. */
        g_autofree char *w_used = format_number (MAX (display->width, 1));

        return g_strdup_printf ("LINEAR   C = %s   W = %s\n"
                                "y = ((x − (%s − 0.5)) / (%s − 1) + 0.5) × 255      "
                                "x ≤ %s → 0,  x > %s → 255",
                                c, w, c, w_used, low, high);
      }
    }
}

/* The presentation step, and why the grey is or is not turned over. */
static char *
dup_presentation_formula (LbPipelineView        *self,
                          const LbDicomDisplay *display)
{
  const LbDicomImageInfo *info = lb_document_get_image_info (self->document);
  gboolean mono1 = info != NULL
                   && info->frame_info.photometric == LB_DICOM_PHOTOMETRIC_MONOCHROME1;
  gboolean shape_inverse = info != NULL && info->presentation_inverse;
  gboolean by_file = mono1 != shape_inverse;
  const char *why;

  if (display->invert == by_file)
    why = mono1 ? (shape_inverse ? _("MONOCHROME1 and Presentation LUT Shape INVERSE cancel out")
                                 : _("MONOCHROME1: low values are white"))
                : (shape_inverse ? _("Presentation LUT Shape INVERSE")
                                 : _("MONOCHROME2, Presentation LUT Shape IDENTITY"));
  else
    why = _("turned over by Invert (I)");
  return g_strdup_printf ("%s      (%s)", display->invert ? "grey = 255 − y" : "grey = y", why);
}

static void
refresh_frame_histograms (LbPipelineView        *self,
                          const LbDicomDisplay *display)
{
  g_autofree char *unit = dup_unit (self);
  g_autofree char *title = g_strdup_printf (_("2  Modality values (%s)"), unit);
  g_autofree char *stored_stats = NULL, *modality_stats = NULL;

  gtk_label_set_text (self->modality_title, title);
  lb_stage_histogram_take (self->stored_histogram,
                           lb_dicom_stage_histogram_new (self->frame, display,
                                                         LB_DICOM_STAGE_STORED, 0, false));
  lb_stage_histogram_take (self->modality_histogram,
                           lb_dicom_stage_histogram_new (self->frame, display,
                                                         LB_DICOM_STAGE_MODALITY, 0, false));
  stored_stats = dup_stats (lb_stage_histogram_get (self->stored_histogram));
  modality_stats = dup_stats (lb_stage_histogram_get (self->modality_histogram));
  gtk_label_set_text (self->stored_stats, stored_stats);
  gtk_label_set_text (self->modality_stats, modality_stats);
}

static void
clear (LbPipelineView *self)
{
  lb_stage_histogram_take (self->stored_histogram, NULL);
  lb_stage_histogram_take (self->modality_histogram, NULL);
  lb_stage_histogram_take (self->display_histogram, NULL);
  gtk_label_set_text (self->stored_stats, "");
  gtk_label_set_text (self->modality_stats, "");
  gtk_label_set_text (self->display_stats, "");
  gtk_label_set_text (self->modality_formula, _("No grey image is shown."));
  gtk_label_set_text (self->voi_formula, "");
  gtk_label_set_text (self->presentation_formula, "");
  lb_hidden_window_update_label (self->hint_line, NULL, NULL);
}

static void
refresh (LbPipelineView *self)
{
  LbDocument *document = self->canvas != NULL ? lb_image_canvas_get_document (self->canvas) : NULL;
  const LbDicomFrame *frame = document != NULL ? lb_document_get_frame (document) : NULL;
  const LbDicomDisplay *display;
  const LbDicomStageHistogram *shown;
  g_autofree char *modality = NULL, *voi = NULL, *presentation = NULL, *stats = NULL;
  double low, high;

  /* Hidden, the view costs nothing while the window is dragged: it catches up when shown. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  if (frame == NULL || frame->samples != 1)
    {
      g_clear_object (&self->document);
      self->frame = NULL;
      clear (self);
      return;
    }
  display = lb_image_canvas_get_display (self->canvas);
  if (document != self->document || frame != self->frame
      || lb_document_get_frame_index (document) != self->frame_index)
    {
      g_set_object (&self->document, document);
      self->frame = frame;
      self->frame_index = lb_document_get_frame_index (document);
      refresh_frame_histograms (self, display);
    }

  lb_stage_histogram_take (self->display_histogram,
                           lb_dicom_stage_histogram_new (frame, display, LB_DICOM_STAGE_DISPLAY,
                                                         0, true));
  shown = lb_stage_histogram_get (self->display_histogram);
  if (lb_dicom_voi_bounds (display, &low, &high))
    lb_stage_histogram_set_band (self->modality_histogram, low, high);
  else
    lb_stage_histogram_set_band (self->modality_histogram, 1, 0);
  if (shown != NULL && shown->has_clipping)
    {
      g_autofree char *basic = dup_stats (shown);
      g_autofree char *below = g_strdup_printf ("%" G_GUINT64_FORMAT, shown->below);
      g_autofree char *above = g_strdup_printf ("%" G_GUINT64_FORMAT, shown->above);

      /* Translators: under the displayed-grey histogram; the colours are the tint's */
      stats = g_strdup_printf (_("%s\n%s pixels below the window (blue), %s above it (orange)"),
                               basic, below, above);
    }
  else
    stats = dup_stats (shown);
  gtk_label_set_text (self->display_stats, stats);

  modality = dup_modality_formula (self, display);
  voi = dup_voi_formula (display);
  presentation = dup_presentation_formula (self, display);
  gtk_label_set_text (self->modality_formula, modality);
  gtk_label_set_text (self->voi_formula, voi);
  gtk_label_set_text (self->presentation_formula, presentation);
  lb_hidden_window_update_label (self->hint_line, frame, display);
  g_debug ("pipeline: %s | %s", modality, voi);
}

static void
refresh_probe (LbPipelineView *self)
{
  const char *text = self->canvas != NULL ? lb_image_canvas_get_probe_text (self->canvas) : NULL;

  gtk_label_set_text (self->probe_line,
                      text != NULL ? text
                                   : _("Point at the image to follow one pixel through the steps"));
}

static void
on_tint_toggled (LbPipelineView *self)
{
  gboolean tint = gtk_toggle_button_get_active (self->tint_button);

  lb_stage_histogram_set_tint (self->modality_histogram, tint);
  if (self->canvas != NULL)
    lb_image_canvas_set_tint_clipped (self->canvas, tint);
  g_debug ("pipeline tint: %s", tint ? "on" : "off");
}

LbPipelineView *
lb_pipeline_view_new (GtkWindow     *parent,
                      LbImageCanvas *canvas)
{
  LbPipelineView *self = g_object_new (LB_TYPE_PIPELINE_VIEW, "transient-for", parent, NULL);

  self->canvas = canvas;
  g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
  g_signal_connect_object (canvas, "notify::window-width", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (canvas, "notify::invert", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (canvas, "notify::probe-text", G_CALLBACK (refresh_probe), self,
                           G_CONNECT_SWAPPED);
  refresh (self);
  refresh_probe (self);
  return self;
}

const LbDicomStageHistogram *
lb_pipeline_view_get_histogram (LbPipelineView *self,
                                LbDicomStage    stage)
{
  g_return_val_if_fail (LB_IS_PIPELINE_VIEW (self), NULL);
  switch (stage)
    {
    case LB_DICOM_STAGE_STORED:
      return lb_stage_histogram_get (self->stored_histogram);
    case LB_DICOM_STAGE_MODALITY:
      return lb_stage_histogram_get (self->modality_histogram);
    case LB_DICOM_STAGE_DISPLAY:
    default:
      return lb_stage_histogram_get (self->display_histogram);
    }
}

char *
lb_pipeline_view_dup_formulas (LbPipelineView *self)
{
  g_return_val_if_fail (LB_IS_PIPELINE_VIEW (self), NULL);
  return g_strjoin ("\n", gtk_label_get_text (self->modality_formula),
                    gtk_label_get_text (self->voi_formula),
                    gtk_label_get_text (self->presentation_formula), NULL);
}

const char *
lb_pipeline_view_get_hint (LbPipelineView *self)
{
  g_return_val_if_fail (LB_IS_PIPELINE_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->hint_line))
           ? gtk_label_get_text (self->hint_line) : NULL;
}

gboolean
lb_pipeline_view_get_tint (LbPipelineView *self)
{
  g_return_val_if_fail (LB_IS_PIPELINE_VIEW (self), FALSE);
  return gtk_toggle_button_get_active (self->tint_button);
}

void
lb_pipeline_view_set_tint (LbPipelineView *self,
                           gboolean        tint)
{
  g_return_if_fail (LB_IS_PIPELINE_VIEW (self));
  gtk_toggle_button_set_active (self->tint_button, tint);
}

static void
lb_pipeline_view_dispose (GObject *object)
{
  LbPipelineView *self = LB_PIPELINE_VIEW (object);

  if (self->canvas != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
  self->canvas = NULL;
  g_clear_object (&self->document);
  G_OBJECT_CLASS (lb_pipeline_view_parent_class)->dispose (object);
}

static void
lb_pipeline_view_class_init (LbPipelineViewClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lb_pipeline_view_dispose;
  g_type_ensure (LB_TYPE_STAGE_HISTOGRAM);
  gtk_widget_class_set_template_from_resource (
    wc, "/io/github/lightboxviewer/Lightbox/lb-pipeline-view.ui");
  gtk_widget_class_bind_template_child (wc, LbPipelineView, tint_button);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, stored_title);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, modality_title);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, display_title);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, stored_stats);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, modality_stats);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, display_stats);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, stored_histogram);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, modality_histogram);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, display_histogram);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, modality_formula);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, voi_formula);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, presentation_formula);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, probe_line);
  gtk_widget_class_bind_template_child (wc, LbPipelineView, hint_line);
  gtk_widget_class_bind_template_callback (wc, on_tint_toggled);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_F4, 0, "window.close", NULL);
}

/* A tint left on with its explanation gone would puzzle: hiding the view takes it off. The
 * document is let go, so that showing the view again builds everything afresh. */
static void
on_hide (LbPipelineView *self)
{
  gtk_toggle_button_set_active (self->tint_button, FALSE);
  g_clear_object (&self->document);
  self->frame = NULL;
}

static void
lb_pipeline_view_init (LbPipelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "hide", G_CALLBACK (on_hide), NULL);
  g_signal_connect (self, "show", G_CALLBACK (refresh), NULL);
  gtk_label_set_text (self->stored_title, _("1  Stored values"));
  gtk_label_set_text (self->modality_title, _("2  Modality values"));
  gtk_label_set_text (self->display_title, _("3  Displayed grey"));
}
