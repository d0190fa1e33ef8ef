/* lb-series-row.c: a stack of a series in the study browser (lb-series-row.h). */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lb-series-row.h"

struct _LbSeriesRow
{
  GtkListBoxRow parent_instance;

  GtkPicture *thumbnail;
  GtkLabel *title_label;
  GtkLabel *detail_label;

  const LbStudyStack *stack;          /* borrowed from the browser's model */
  gboolean has_thumbnail;
};

G_DEFINE_FINAL_TYPE (LbSeriesRow, lb_series_row, GTK_TYPE_LIST_BOX_ROW)

/* "20061217" as "2006-12-17"; anything else as it is. */
static char *
format_date (const char *date)
{
  if (strlen (date) == 8 && strspn (date, "0123456789") == 8)
    return g_strdup_printf ("%.4s-%.2s-%.2s", date, date + 4, date + 6);
  return g_strdup (date);
}

static char *
describe_size (const LbStudyStack *stack)
{
  gint64 frames = lb_study_stack_frames (stack);
  guint n = stack->n_instances;

  /* One multi-frame object (a loop, an enhanced CT): its frames are what counts. */
  if (n == 1 && frames > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u frame", "%u frames", frames),
                            (guint) frames);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image", "%u images", n), n);
}

/* "coronal 64×64": the plane and size that set a stack apart from the others of its series. */
static char *
describe_stack (const LbStudyStack *stack)
{
  const char *plane;

  switch (lb_study_stack_plane (stack))
    {
    case LB_STUDY_PLANE_AXIAL: plane = _("axial"); break;
    case LB_STUDY_PLANE_CORONAL: plane = _("coronal"); break;
    case LB_STUDY_PLANE_SAGITTAL: plane = _("sagittal"); break;
    case LB_STUDY_PLANE_OBLIQUE: plane = _("oblique"); break;
    case LB_STUDY_PLANE_NONE: default: plane = _("no orientation"); break;
    }
  return g_strdup_printf ("%s %u×%u", plane, stack->columns, stack->rows);
}

static void
describe (LbSeriesRow         *self,
          const LbStudySeries *series,
          guint                stack_index,
          const char          *study_date)
{
  g_autofree char *modality = lb_dicom_escape_text (series->modality[0] ? series->modality : "?");
  g_autofree char *description = lb_dicom_escape_text (series->description);
  g_autofree char *date = format_date (series->date[0] ? series->date : study_date);
  g_autofree char *size = describe_size (self->stack);
  g_autofree char *number = series->has_number
    ? g_strdup_printf ("%" G_GINT64_FORMAT, series->number) : g_strdup ("–");
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;

  title = description[0] ? g_strconcat (modality, " ", description, NULL)
                         : g_strdup (modality);
  /* Translators: a series' number, its date and its number of images or frames */
  detail = g_strdup_printf (_("#%s · %s · %s"), number, date[0] ? date : "–", size);
  gtk_label_set_text (self->title_label, title);
  if (series->n_stacks > 1)
    {
      /* A series split into stacks: which one this is, in words (the localizer's plane and
       * size), where the date would be; the full title says "part k of n". */
      g_autofree char *part = g_strdup_printf (_("%s (part %u of %zu)"), title,
                                               stack_index + 1, series->n_stacks);
      g_autofree char *which = describe_stack (self->stack);

      g_free (detail);
      detail = g_strdup_printf (_("#%s · %s · %s"), number, which, size);
      g_free (title);
      title = g_steal_pointer (&part);
    }
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), title);
  /* Translators: the accessible name of a row of the study browser: series number and title */
  name = g_strdup_printf (_("Series %s: %s, %s"), number, title, size);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

GtkWidget *
lb_series_row_new (const LbStudySeries *series,
                   guint                stack_index,
                   const char          *study_date)
{
  LbSeriesRow *self = g_object_new (LB_TYPE_SERIES_ROW, NULL);

  self->stack = series->stacks[stack_index];
  describe (self, series, stack_index, study_date);
  return GTK_WIDGET (self);
}

/* The viewer's slice order, the one the Files list uses (lb_file_item_compare_slices): slices
 * with a position from the highest along the normal (the head end of an axial stack) down,
 * then the others by Instance Number. The model sorts the positions upwards, as `scan` prints
 * them: the positioned part is walked backwards. */
GPtrArray *
lb_series_row_get_files (LbSeriesRow *self,
                         guint       *middle)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  const LbStudyStack *stack = self->stack;
  const LbStudyInstance *shown = stack->instances[stack->n_instances / 2];
  size_t n_positioned = 0;

  while (n_positioned < stack->n_instances && stack->instances[n_positioned]->has_position)
    n_positioned++;
  for (size_t k = 0; k < stack->n_instances; k++)
    {
      const LbStudyInstance *inst = k < n_positioned ? stack->instances[n_positioned - 1 - k]
                                                     : stack->instances[k];

      if (inst == shown && middle != NULL)
        *middle = files->len;
      g_ptr_array_add (files, g_file_new_for_path (inst->path));
    }
  return files;
}

const char *
lb_series_row_get_thumbnail_path (LbSeriesRow *self,
                                  guint       *frame)
{
  const LbStudyInstance *inst = self->stack->instances[self->stack->n_instances / 2];

  /* One multi-frame object: its middle frame. */
  *frame = self->stack->n_instances == 1 ? (guint) (inst->frames / 2) : 0;
  return inst->path;
}

void
lb_series_row_set_thumbnail (LbSeriesRow *self,
                             GdkTexture  *texture)
{
  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  self->has_thumbnail = texture != NULL;
}

gboolean
lb_series_row_has_thumbnail (LbSeriesRow *self)
{
  return self->has_thumbnail;
}

static void
lb_series_row_class_init (LbSeriesRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lightboxviewer/Lightbox/lb-series-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LbSeriesRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, LbSeriesRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LbSeriesRow, detail_label);
}

static void
lb_series_row_init (LbSeriesRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
