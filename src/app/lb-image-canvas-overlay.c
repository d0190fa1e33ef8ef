/* lb-image-canvas-overlay.c: the four-corner text and the pixel probe of the canvas: what a
 * student reads about the pixel under the pointer (stored value, modality value, grey). */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lb-canvas-corners.h"
#include "lb-frame-label.h"
#include "lb-frames-held.h"
#include "lb-image-canvas-private.h"
#include "lb-orientation-overlay.h"
#include "lb-paint-log.h"

/* One line or letter at its place, light on a dark shadow, readable on any grey. */
static void
draw_text (cairo_t            *cr,
           PangoLayout        *layout,
           const char         *text,
           const LbCanvasRect *at,
           double              red,
           double              green,
           double              blue)
{
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_move_to (cr, at->x + 1, at->y + 1);
  pango_cairo_show_layout (cr, layout);
  cairo_set_source_rgb (cr, red, green, blue);
  cairo_move_to (cr, at->x, at->y);
  pango_cairo_show_layout (cr, layout);
}

/* The layout's font at `scale` times the widget's size (presentation mode). */
static void
scale_font (PangoLayout *layout,
            double       scale)
{
  PangoContext *context = pango_layout_get_context (layout);
  g_autoptr (PangoFontDescription) font = NULL;

  if (scale <= 1.0)
    return;
  font = pango_font_description_copy (pango_context_get_font_description (context));
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, pango_font_description_get_size (font) * scale);
  else
    pango_font_description_set_size (font, (gint) (pango_font_description_get_size (font) * scale));
  pango_layout_set_font_description (layout, font);
}

static const char *
source_label (LbImageCanvas *self)
{
  switch (self->source)
    {
    case LB_WINDOW_SOURCE_FILE:
      return _("file");
    case LB_WINDOW_SOURCE_PRESET:
      return _("preset");
    case LB_WINDOW_SOURCE_AUTO:
      return _("auto");
    case LB_WINDOW_SOURCE_MANUAL:
      return _("manual");
    case LB_WINDOW_SOURCE_NONE:
    default:
      return "";
    }
}

/* The texts of the overlay: up to four lines in each corner, top line first, and the four
 * orientation letters (left, right, top, bottom). */
typedef struct {
  char *lines[LB_CANVAS_N_CORNERS][LB_CANVAS_CORNER_MAX_LINES];
  int priorities[LB_CANVAS_N_CORNERS][LB_CANVAS_CORNER_MAX_LINES];
  LbOrientationLabels letters;
} OverlayTexts;

static void
overlay_texts_clear (OverlayTexts *texts)
{
  for (int c = 0; c < LB_CANVAS_N_CORNERS; c++)
    for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
      g_clear_pointer (&texts->lines[c][k], g_free);
}

/* Adds a line (taken) to a corner; nothing for NULL. */
static void
add_line (OverlayTexts     *texts,
          LbCanvasCorner    corner,
          LbCanvasPriority  priority,
          char             *line)
{
  for (int k = 0; line != NULL && k < LB_CANVAS_CORNER_MAX_LINES; k++)
    if (texts->lines[corner][k] == NULL)
      {
        texts->lines[corner][k] = line;
        texts->priorities[corner][k] = priority;
        return;
      }
  g_free (line);
}

/* The slice position in mm: Slice Location, else z of Image Position (Patient); NULL if none. */
static char *
position_line (LbDocument *doc)
{
  g_autofree char *location = lb_document_dup_string (doc, LB_DICOM_TAG (0x0020, 0x1041));
  char *end = NULL;
  double v;

  if (location == NULL)
    {
      const LbDicomFile *dicom = lb_document_get_dicom (doc);
      const LbDicomElement *ipp = dicom != NULL
                                  ? lb_dicom_file_lookup (dicom, LB_DICOM_TAG (0x0020, 0x0032))
                                  : NULL;
      double z;

      if (ipp != NULL && lb_dicom_element_get_double (ipp, 2, &z))
        location = g_strdup_printf ("%g", z);
    }
  if (location == NULL)
    return NULL;
  /* DS values carry float noise ("36.0000008436407"): a tenth of a millimetre is enough. */
  v = g_ascii_strtod (location, &end);
  if (end != location)
    {
      g_free (location);
      location = g_strdup_printf ("%.1f", v);
    }
  return g_strdup_printf (_("Position %s mm"), location);
}

static void
collect_texts (LbImageCanvas *self,
               OverlayTexts  *texts)
{
  LbDocument *doc = self->document;
  g_autofree char *date = lb_document_dup_string (doc, LB_DICOM_TAG (0x0008, 0x0020));
  g_autofree char *series = lb_document_dup_string (doc, LB_DICOM_TAG (0x0008, 0x103e));
  g_autofree char *series_no = lb_document_dup_string (doc, LB_DICOM_TAG (0x0020, 0x0011));
  const char *modality = lb_document_get_modality (doc);
  guint n_frames = lb_count_frames_held (doc);   /* not more than the data hold */

  memset (texts, 0, sizeof *texts);
  add_line (texts, LB_CANVAS_TOP_LEFT, LB_CANVAS_PRIORITY_PATIENT,
            lb_document_dup_string (doc, LB_DICOM_TAG (0x0010, 0x0010)));
  add_line (texts, LB_CANVAS_TOP_LEFT, LB_CANVAS_PRIORITY_PATIENT_ID,
            lb_document_dup_string (doc, LB_DICOM_TAG (0x0010, 0x0020)));

  if (date != NULL && strlen (date) == 8)
    add_line (texts, LB_CANVAS_TOP_RIGHT, LB_CANVAS_PRIORITY_DATE,
              g_strdup_printf ("%.4s-%.2s-%.2s", date, date + 4, date + 6));
  else
    add_line (texts, LB_CANVAS_TOP_RIGHT, LB_CANVAS_PRIORITY_DATE, g_strdup (date));
  if (series != NULL || series_no != NULL)
    /* Translators: series number and description in the overlay */
    add_line (texts, LB_CANVAS_TOP_RIGHT, LB_CANVAS_PRIORITY_SERIES,
              g_strchomp (g_strdup_printf (_("Series %s %s\n"), series_no ? series_no : "",
                                           series ? series : "")));
  add_line (texts, LB_CANVAS_TOP_RIGHT, LB_CANVAS_PRIORITY_MODALITY, g_strdup (modality));

  if (self->frame != NULL && self->frame->samples == 1)
    /* Translators: window centre and width with where they came from, in the overlay */
    add_line (texts, LB_CANVAS_BOTTOM_LEFT, LB_CANVAS_PRIORITY_WINDOW,
              g_strchomp (g_strdup_printf (_("C %.0f  W %.0f (%s)\n"), self->display.center,
                                           self->display.width, source_label (self))));
  add_line (texts, LB_CANVAS_BOTTOM_LEFT, LB_CANVAS_PRIORITY_ZOOM,
            g_strdup_printf (_("Zoom %.0f %%"), lb_image_canvas_effective_scale (self) * 100.0));

  if (n_frames > 1)
    add_line (texts, LB_CANVAS_BOTTOM_RIGHT, LB_CANVAS_PRIORITY_FRAME,
              lb_frame_label_for_document (LB_FRAME_LABEL_CORNER, doc, n_frames));
  if (self->series_count > 1)
    add_line (texts, LB_CANVAS_BOTTOM_RIGHT, LB_CANVAS_PRIORITY_FRAME,
              g_strchomp (g_strdup_printf (_("Slice %u / %u\n"), self->series_index + 1,
                                           self->series_count)));
  add_line (texts, LB_CANVAS_BOTTOM_RIGHT, LB_CANVAS_PRIORITY_POSITION, position_line (doc));
  /* A reformatted plane's name and position, then its slab: kept as long as the slice number. */
  if (lb_document_get_overlay_note (doc) != NULL)
    {
      g_auto (GStrv) note = g_strsplit (lb_document_get_overlay_note (doc), "\n", -1);

      for (guint k = 0; note[k] != NULL; k++)
        add_line (texts, LB_CANVAS_BOTTOM_RIGHT, LB_CANVAS_PRIORITY_FRAME, g_strdup (note[k]));
    }

  lb_orientation_overlay_get_labels (doc, self->rotation, self->flip, &texts->letters);
}

static const char *
letter_of (const OverlayTexts *texts,
           LbCanvasEdge        edge)
{
  switch (edge)
    {
    case LB_CANVAS_EDGE_LEFT: return texts->letters.left;
    case LB_CANVAS_EDGE_RIGHT: return texts->letters.right;
    case LB_CANVAS_EDGE_TOP: return texts->letters.top;
    case LB_CANVAS_EDGE_BOTTOM:
    default: return texts->letters.bottom;
    }
}

static void
measure (PangoLayout  *layout,
         const char   *text,
         int           priority,
         LbCanvasText *out)
{
  int tw = 0, th = 0;

  if (text != NULL && text[0] != '\0')
    {
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
    }
  *out = (LbCanvasText) { .width = tw, .height = th, .priority = priority };
}

/* The corner lines in the canvas font (larger in presentation mode), the letters in bold. */
static PangoLayout *
letter_layout (LbImageCanvas *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 13");

  pango_layout_set_font_description (layout, font);
  return layout;
}

static void
layout_texts (const OverlayTexts *texts,
              PangoLayout        *lines,
              PangoLayout        *letters,
              int                 width,
              int                 height,
              LbCanvasOverlay    *overlay)
{
  for (int c = 0; c < LB_CANVAS_N_CORNERS; c++)
    for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
      measure (lines, texts->lines[c][k], texts->priorities[c][k], &overlay->lines[c][k]);
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    measure (letters, letter_of (texts, e), LB_CANVAS_PRIORITY_LETTER, &overlay->letters[e]);
  lb_canvas_overlay_layout (overlay, width, height);
}

void
lb_image_canvas_layout_overlay (LbImageCanvas   *self,
                                int              width,
                                int              height,
                                LbCanvasOverlay *overlay)
{
  g_autoptr (PangoLayout) lines = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr (PangoLayout) letters = letter_layout (self);
  OverlayTexts texts;

  memset (overlay, 0, sizeof *overlay);
  if (self->document == NULL)
    return;
  scale_font (lines, self->text_scale);
  collect_texts (self, &texts);
  layout_texts (&texts, lines, letters, width, height, overlay);
  overlay_texts_clear (&texts);
}

/* The corner texts and the letters, laid out so that none overlaps another
 * (lb-canvas-corners.c): in a narrow view the least needed lines give way. */
void
lb_image_canvas_draw_overlay (LbImageCanvas *self,
                              cairo_t       *cr,
                              int            width,
                              int            height)
{
  g_autoptr (PangoLayout) lines = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr (PangoLayout) letters = letter_layout (self);
  OverlayTexts texts;
  LbCanvasOverlay overlay;

  scale_font (lines, self->text_scale);
  collect_texts (self, &texts);
  layout_texts (&texts, lines, letters, width, height, &overlay);
  for (int c = 0; c < LB_CANVAS_N_CORNERS; c++)
    for (int k = 0; k < LB_CANVAS_CORNER_MAX_LINES; k++)
      if (overlay.lines[c][k].shown)
        draw_text (cr, lines, texts.lines[c][k], &overlay.lines[c][k].rect, 0.95, 0.95, 0.85);
  for (int e = 0; e < LB_CANVAS_N_EDGES; e++)
    if (overlay.letters[e].shown)
      draw_text (cr, letters, letter_of (&texts, e), &overlay.letters[e].rect, 1.0, 0.85, 0.3);
  overlay_texts_clear (&texts);
}

void
lb_image_canvas_update_probe (LbImageCanvas *self)
{
  cairo_matrix_t m;
  cairo_surface_t *dummy;
  cairo_t *cr;
  double x = self->pointer_x, y = self->pointer_y;
  int ix, iy;
  g_autofree char *text = NULL;

  if (self->frame == NULL || !self->pointer_inside)
    goto out;

  /* Invert the same transform the draw function uses. */
  dummy = cairo_image_surface_create (CAIRO_FORMAT_A1, 1, 1);
  cr = cairo_create (dummy);
  lb_image_canvas_setup_transform (self, cr, gtk_widget_get_width (GTK_WIDGET (self)),
                   gtk_widget_get_height (GTK_WIDGET (self)),
                   lb_image_canvas_effective_scale (self));
  cairo_get_matrix (cr, &m);
  cairo_destroy (cr);
  cairo_surface_destroy (dummy);
  if (cairo_matrix_invert (&m) != CAIRO_STATUS_SUCCESS)
    goto out;
  cairo_matrix_transform_point (&m, &x, &y);
  ix = (int) floor (x);
  iy = (int) floor (y);
  if (ix < 0 || iy < 0 || (guint) ix >= self->frame->width || (guint) iy >= self->frame->height)
    goto out;

  if (self->frame->samples == 1)
    {
      size_t i = (size_t) iy * self->frame->width + ix;
      double stored = lb_dicom_frame_get_sample (self->frame, i);
      double modality = lb_dicom_stored_to_modality (&self->display, stored);
      const char *unit = g_strcmp0 (lb_document_get_modality (self->document), "CT") == 0
                         ? "HU" : _("value");

      /* Translators: pixel probe: position, stored value, modality value (HU), display grey */
      text = g_strdup_printf (_("x %d  y %d   stored %g   %s %g   grey %u"), ix, iy, stored, unit,
                              modality, lb_dicom_display_map (&self->display, stored));
    }
  else
    {
      size_t i = ((size_t) iy * self->frame->width + ix) * self->frame->samples;

      text = g_strdup_printf (_("x %d  y %d   RGB %g %g %g"), ix, iy,
                              lb_dicom_frame_get_sample (self->frame, i),
                              lb_dicom_frame_get_sample (self->frame, i + 1),
                              lb_dicom_frame_get_sample (self->frame, i + 2));
    }

out:
  if (g_strcmp0 (text, self->probe_text) != 0)
    {
      g_free (self->probe_text);
      self->probe_text = g_steal_pointer (&text);
      lb_image_canvas_notify_probe (self);
    }
}

/* For the GUI tests (G_MESSAGES_DEBUG=lb-image-canvas): "shown: CT12.dcm frame 1, window C 40.0
 * W 400.0, labels R L A P" (and a multi-frame file's corner line) once the frame drawn with that
 * window is on screen (lb-paint-log.c says why). */
void
lb_image_canvas_note_shown (LbImageCanvas *self)
{
  g_autofree char *name = NULL;
  g_autofree char *described = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *text = NULL;
  guint n_frames;

  if (self->document == NULL || !lb_paint_log_enabled (G_LOG_DOMAIN))
    return;
  name = g_file_get_basename (lb_document_get_file (self->document));
  text = g_strdup_printf ("%s frame %u, window C %.1f W %.1f%s", name,
                          lb_document_get_frame_index (self->document) + 1,
                          self->display.center, self->display.width,
                          self->invert ? ", inverted" : "");
  /* The orientation letters drawn, last: "..., labels R L A P" (left, right, top, bottom). */
  described = lb_orientation_overlay_describe (self->document, self->rotation, self->flip);
  labels = g_strdup_printf ("%s, %s", text, described);
  g_free (text);
  text = g_steal_pointer (&labels);
  /* A multi-frame file's frame line in the corner, as drawn: ", corner Frame 2 / 2 (...)". */
  if ((n_frames = lb_count_frames_held (self->document)) > 1)
    {
      g_autofree char *corner = lb_frame_label_for_document (LB_FRAME_LABEL_CORNER,
                                                             self->document, n_frames);

      labels = g_strdup_printf ("%s, corner %s", text, corner);
      g_free (text);
      text = g_steal_pointer (&labels);
    }
  lb_paint_log_note (GTK_WIDGET (self), G_LOG_DOMAIN, text);
}

/* The banner: one line, large and bold, centred near the top (between the corner texts, above
 * the anatomy), so that the back of a lecture room reads the window while it is dragged. */
void
lb_image_canvas_draw_banner (LbImageCanvas *self,
                             cairo_t       *cr,
                             int            width,
                             int            height)
{
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoFontDescription) font = NULL;
  int tw, th;
  double x, y;

  if (self->banner == NULL)
    return;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->banner);
  font = pango_font_description_from_string ("Sans Bold");
  /* About a tenth of the view's height, never under 24 px. */
  pango_font_description_set_absolute_size (font, MAX (24, MIN (height / 10, width / 14))
                                                  * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_get_pixel_size (layout, &tw, &th);
  x = (width - tw) / 2.0;
  y = height / 12.0;
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.7);
  cairo_rectangle (cr, x - th / 3.0, y, tw + th * 2 / 3.0, th);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 0.85);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
lb_image_canvas_set_text_scale (LbImageCanvas *self,
                                double         scale)
{
  g_return_if_fail (LB_IS_IMAGE_CANVAS (self));
  if (self->text_scale == scale)
    return;
  self->text_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lb_image_canvas_set_banner (LbImageCanvas *self,
                            const char    *text)
{
  g_return_if_fail (LB_IS_IMAGE_CANVAS (self));
  if (g_strcmp0 (self->banner, text) == 0)
    return;
  g_free (self->banner);
  self->banner = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
lb_image_canvas_get_banner (LbImageCanvas *self)
{
  return self->banner;
}
