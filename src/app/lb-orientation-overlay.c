/* lb-orientation-overlay.c: the orientation letters at the canvas edges. The letters are not
 * translated: R, L, A, P, H, F are the standard's (PS3.3 C.7.6.1.1.1) and what every viewer and
 * textbook shows. */
#include "config.h"

#define G_LOG_DOMAIN "lb-image-canvas"

#include <string.h>

#include "lb-orientation-overlay.h"
#include "lb-orientation.h"

#define PATIENT_ORIENTATION_KEY "lb-patient-orientation"

void
lb_orientation_overlay_set_patient_orientation (LbDocument *document,
                                                const char *patient_orientation)
{
  g_return_if_fail (LB_IS_DOCUMENT (document));
  g_object_set_data_full (G_OBJECT (document), PATIENT_ORIENTATION_KEY, g_strdup (patient_orientation),
                          g_free);
}

static gboolean
document_labels (LbDocument *document, int quarter_turns, gboolean flip, LbOrientationLabels *labels)
{
  const char *stated;
  const LbDicomFile *dicom;

  memset (labels, 0, sizeof *labels);
  if (document == NULL)
    return FALSE;
  stated = g_object_get_data (G_OBJECT (document), PATIENT_ORIENTATION_KEY);
  if (stated != NULL)
    return lb_orientation_edge_labels_from_patient_orientation (stated, quarter_turns, flip, labels);
  dicom = lb_document_get_dicom (document);
  return dicom != NULL
         && lb_orientation_edge_labels_of_frame (dicom, lb_document_get_frame_index (document), quarter_turns,
                                                 flip, labels);
}

/* One label centred on (x, y) moved inside by its own size towards the centre, in the overlay's
 * colours (light text with a dark shadow, readable on any grey). */
static void
draw_label (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double align_x,
            double align_y)
{
  int tw, th;

  if (text[0] == '\0')
    return;
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  x -= tw * align_x;
  y -= th * align_y;
  cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
  cairo_move_to (cr, x + 1, y + 1);
  pango_cairo_show_layout (cr, layout);
  cairo_set_source_rgb (cr, 1.0, 0.85, 0.3);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
lb_orientation_overlay_draw (cairo_t     *cr,
                             PangoLayout *layout,
                             LbDocument  *document,
                             int          quarter_turns,
                             gboolean     flip,
                             int          width,
                             int          height)
{
  LbOrientationLabels labels;
  g_autoptr (PangoFontDescription) font = NULL;

  if (!document_labels (document, quarter_turns, flip, &labels))
    return;
  font = pango_font_description_from_string ("Sans Bold 13");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  draw_label (cr, layout, labels.left, 8, height / 2.0, 0, 0.5);
  draw_label (cr, layout, labels.right, width - 8, height / 2.0, 1, 0.5);
  draw_label (cr, layout, labels.top, width / 2.0, 6, 0.5, 0);
  draw_label (cr, layout, labels.bottom, width / 2.0, height - 6, 0.5, 1);
  pango_layout_set_font_description (layout, NULL);
}

char *
lb_orientation_overlay_describe (LbDocument *document,
                                 int         quarter_turns,
                                 gboolean    flip)
{
  LbOrientationLabels l;

  if (!document_labels (document, quarter_turns, flip, &l))
    return g_strdup ("no labels");
  return g_strdup_printf ("labels %s %s %s %s", l.left, l.right, l.top, l.bottom);
}
