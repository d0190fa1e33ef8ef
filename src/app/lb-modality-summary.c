/* lb-modality-summary.c: a grid of label, value and tag for each field of the modality's
 * summary table. The table and its values come from src/dicom (dicom-summary.c), the same
 * code `lightbox-cli info` prints, so the panel and the CLI cannot disagree. */
#include "config.h"

#define G_LOG_DOMAIN "lb-modality-summary"

#include <glib/gi18n.h>

#include "lb-dicom-summary.h"
#include "lb-modality-summary.h"
#include "lb-paint-log.h"

struct _LbModalitySummary
{
  GtkWidget parent_instance;

  GtkLabel *heading;
  GtkGrid *grid;
  LbDocument *document;
};

G_DEFINE_FINAL_TYPE (LbModalitySummary, lb_modality_summary, GTK_TYPE_WIDGET)

static GtkWidget *
cell (const char *text, const char *style, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
clear_grid (LbModalitySummary *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static void
add_row (LbModalitySummary *self, int row, const LbDicomSummaryField *field,
         const LbDicomFile *file)
{
  g_autofree char *value = lb_dicom_summary_value_text (file, field);
  g_autofree char *shown = NULL;
  g_autofree char *tag = g_strdup_printf ("(%04X,%04X)", LB_DICOM_TAG_GROUP (field->tag),
                                          LB_DICOM_TAG_ELEMENT (field->tag));
  GtkWidget *value_label;

  if (value == NULL)
    shown = g_strdup (_("not in this file"));
  else if (field->unit != NULL)
    shown = g_strdup_printf ("%s %s", value, field->unit);
  else
    shown = g_strdup (value);
  value_label = cell (shown, value == NULL ? "dim-label" : NULL, 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), value != NULL);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (self->grid, cell (_(field->label), "summary-label", 0), 0, row, 1, 1);
  gtk_grid_attach (self->grid, value_label, 1, row, 1, 1);
  gtk_grid_attach (self->grid, cell (tag, "dim-label", 1), 2, row, 1, 1);
}

/* For the GUI tests (G_MESSAGES_DEBUG=lb-modality-summary): "shown: What a CT file says" once
 * painted. The page is often hidden when the document is set; it notes again when mapped. */
static void
note_shown (LbModalitySummary *self)
{
  const char *heading = gtk_label_get_text (self->heading);

  if (*heading != '\0' && gtk_widget_get_mapped (GTK_WIDGET (self)))
    lb_paint_log_note (GTK_WIDGET (self), G_LOG_DOMAIN, heading);
}

static void
rebuild (LbModalitySummary *self)
{
  const LbDicomFile *file = self->document != NULL ? lb_document_get_dicom (self->document) : NULL;
  const char *modality = self->document != NULL ? lb_document_get_modality (self->document) : NULL;
  size_t n;
  const LbDicomSummaryField *fields = lb_dicom_summary_fields (modality, &n);

  clear_grid (self);
  if (file == NULL)
    {
      gtk_label_set_text (self->heading, "");
      return;
    }
  g_autofree char *heading =
    modality != NULL && *modality != '\0'
    /* Translators: above the summary fields; %s is the modality, e.g. "CT" */
    ? g_strdup_printf (_("What a %s file says"), modality)
    : g_strdup (_("What this file says"));
  gtk_label_set_text (self->heading, heading);
  for (size_t i = 0; i < n; i++)
    add_row (self, (int) i, &fields[i], file);
  note_shown (self);
}

void
lb_modality_summary_set_document (LbModalitySummary *self,
                                  LbDocument        *document)
{
  g_return_if_fail (LB_IS_MODALITY_SUMMARY (self));

  if (!g_set_object (&self->document, document))
    return;
  rebuild (self);
}

char *
lb_modality_summary_dup_text (LbModalitySummary *self)
{
  GString *out = g_string_new (NULL);

  for (int row = 0;; row++)
    {
      GtkWidget *cells[3];
      for (int col = 0; col < 3; col++)
        cells[col] = gtk_grid_get_child_at (self->grid, col, row);
      if (cells[0] == NULL)
        break;
      g_string_append_printf (out, "%s\t%s\t%s\n", gtk_label_get_text (GTK_LABEL (cells[0])),
                              gtk_label_get_text (GTK_LABEL (cells[1])),
                              gtk_label_get_text (GTK_LABEL (cells[2])));
    }
  return g_string_free (out, FALSE);
}

static void
lb_modality_summary_dispose (GObject *object)
{
  LbModalitySummary *self = LB_MODALITY_SUMMARY (object);
  GtkWidget *child;

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_MODALITY_SUMMARY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_modality_summary_parent_class)->dispose (object);
}

static void
lb_modality_summary_class_init (LbModalitySummaryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lb_modality_summary_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-modality-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, LbModalitySummary, heading);
  gtk_widget_class_bind_template_child (widget_class, LbModalitySummary, grid);
}

static void
lb_modality_summary_init (LbModalitySummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (note_shown), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Modality summary"), -1);
}

GtkWidget *
lb_modality_summary_new (void)
{
  return g_object_new (LB_TYPE_MODALITY_SUMMARY, NULL);
}
