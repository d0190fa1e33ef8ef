/* lb-image-canvas-overlay.c: the four-corner text and the pixel probe of the canvas: what a
 * student reads about the pixel under the pointer (stored value, modality value, grey). */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include <glib/gi18n.h>
#include <math.h>

#include "lb-frames-held.h"
#include "lb-image-canvas-private.h"
#include "lb-orientation-overlay.h"
#include "lb-paint-log.h"

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           gboolean     right,
           gboolean     bottom)
{
  int tw, th;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &tw, &th);
  if (right)
    x -= tw;
  if (bottom)
    y -= th;
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_move_to (cr, x + 1, y + 1);
  pango_cairo_show_layout (cr, layout);
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.85);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
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

void
lb_image_canvas_draw_overlay (LbImageCanvas *self,
              cairo_t       *cr,
              int            width,
              int            height)
{
  LbDocument *doc = self->document;
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr (GString) tl = g_string_new (NULL);
  g_autoptr (GString) tr = g_string_new (NULL);
  g_autoptr (GString) bl = g_string_new (NULL);
  g_autoptr (GString) br = g_string_new (NULL);
  g_autofree char *patient = lb_document_dup_string (doc, LB_DICOM_TAG (0x0010, 0x0010));
  g_autofree char *patient_id = lb_document_dup_string (doc, LB_DICOM_TAG (0x0010, 0x0020));
  g_autofree char *date = lb_document_dup_string (doc, LB_DICOM_TAG (0x0008, 0x0020));
  g_autofree char *series = lb_document_dup_string (doc, LB_DICOM_TAG (0x0008, 0x103e));
  g_autofree char *series_no = lb_document_dup_string (doc, LB_DICOM_TAG (0x0020, 0x0011));
  g_autofree char *location = lb_document_dup_string (doc, LB_DICOM_TAG (0x0020, 0x1041));
  const char *modality = lb_document_get_modality (doc);
  guint n_frames = lb_count_frames_held (doc);   /* not more than the data hold */

  if (patient != NULL)
    g_string_append_printf (tl, "%s\n", patient);
  if (patient_id != NULL)
    g_string_append_printf (tl, "%s\n", patient_id);

  if (date != NULL && strlen (date) == 8)
    g_string_append_printf (tr, "%.4s-%.2s-%.2s\n", date, date + 4, date + 6);
  else if (date != NULL)
    g_string_append_printf (tr, "%s\n", date);
  if (series != NULL || series_no != NULL)
    /* Translators: series number and description in the overlay */
    g_string_append_printf (tr, _("Series %s %s\n"), series_no ? series_no : "",
                            series ? series : "");
  if (modality != NULL)
    g_string_append_printf (tr, "%s\n", modality);

  if (self->frame != NULL && self->frame->samples == 1)
    /* Translators: window centre and width with where they came from, in the overlay */
    g_string_append_printf (bl, _("C %.0f  W %.0f (%s)\n"), self->display.center,
                            self->display.width, source_label (self));
  g_string_append_printf (bl, _("Zoom %.0f %%"), lb_image_canvas_effective_scale (self) * 100.0);

  if (n_frames > 1)
    g_string_append_printf (br, _("Frame %u / %u\n"), lb_document_get_frame_index (doc) + 1,
                            n_frames);
  if (self->series_count > 1)
    g_string_append_printf (br, _("Slice %u / %u\n"), self->series_index + 1, self->series_count);
  if (location == NULL)
    {
      /* No Slice Location: the position along z of Image Position (Patient). */
      const LbDicomFile *dicom = lb_document_get_dicom (doc);
      const LbDicomElement *ipp = dicom != NULL
                                  ? lb_dicom_file_lookup (dicom, LB_DICOM_TAG (0x0020, 0x0032))
                                  : NULL;
      double z;

      if (ipp != NULL && lb_dicom_element_get_double (ipp, 2, &z))
        location = g_strdup_printf ("%g", z);
    }
  if (location != NULL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (location, &end);

      /* DS values carry float noise ("36.0000008436407"): a tenth of a millimetre is enough. */
      if (end != location)
        {
          g_free (location);
          location = g_strdup_printf ("%.1f", v);
        }
      g_string_append_printf (br, _("Position %s mm\n"), location);
    }
  if (br->len > 0 && br->str[br->len - 1] == '\n')
    g_string_truncate (br, br->len - 1);
  if (tl->len > 0)
    g_string_truncate (tl, tl->len - 1);
  if (tr->len > 0)
    g_string_truncate (tr, tr->len - 1);

  draw_text (cr, layout, tl->str, 8, 6, FALSE, FALSE);
  draw_text (cr, layout, tr->str, width - 8, 6, TRUE, FALSE);
  draw_text (cr, layout, bl->str, 8, height - 6, FALSE, TRUE);
  draw_text (cr, layout, br->str, width - 8, height - 6, TRUE, TRUE);
  lb_orientation_overlay_draw (cr, layout, doc, self->rotation, self->flip, width, height);
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
 * W 400.0" once the frame drawn with that window is on screen (lb-paint-log.c says why). */
void
lb_image_canvas_note_shown (LbImageCanvas *self)
{
  g_autofree char *name = NULL;
  g_autofree char *described = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *text = NULL;

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
  lb_paint_log_note (GTK_WIDGET (self), G_LOG_DOMAIN, text);
}
