/* lb-study-browser-missing.c: files a DICOMDIR names but the media lacks
 * (lb-study-browser-missing.h). The study model lists only the files that are there; a CD
 * copied in part, or a file deleted since, would otherwise vanish without a word. */
#include "config.h"

#define G_LOG_DOMAIN "lb-study-browser"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "lb-dicom-dir.h"
#include "lb-study-browser-missing.h"
#include "lb-study-path.h"

/* The tooltip names this many files at most. */
#define TOOLTIP_NAMES 20

static void
missing_series_free (gpointer data)
{
  LbMissingSeries *series = data;

  g_free (series->series_uid);
  g_free (series->series_label);
  g_ptr_array_unref (series->file_ids);
  g_free (series);
}

void
lb_dicomdir_missing_free (LbDicomdirMissing *missing)
{
  if (missing == NULL)
    return;
  g_free (missing->folder);
  g_ptr_array_unref (missing->series);
  g_free (missing);
}

LbMissingSeries *
lb_dicomdir_missing_lookup (LbDicomdirMissing *missing,
                            const char        *series_uid)
{
  for (guint i = 0; missing != NULL && i < missing->series->len; i++)
    {
      LbMissingSeries *series = g_ptr_array_index (missing->series, i);

      if (g_strcmp0 (series->series_uid, series_uid) == 0)
        return series;
    }
  return NULL;
}

/* A trimmed string of the SERIES record above record `index`; "" when there is none. */
static char *
series_value (const LbDicomDir *dir,
              size_t            index,
              uint32_t          tag)
{
  long at = lb_dicom_dir_ancestor (dir, index, LB_DICOM_DIR_SERIES);
  const LbDicomElement *el = at >= 0 ? lb_dicom_dataset_lookup (dir->records[at].item, tag)
                                     : NULL;
  char *value = el != NULL ? lb_dicom_element_get_string (el, 0) : NULL;
  char *copy = g_strstrip (g_strdup (value != NULL ? value : ""));

  free (value);
  return copy;
}

static void
add_missing (LbDicomdirMissing *missing,
             const LbDicomDir  *dir,
             size_t             index)
{
  g_autofree char *uid = series_value (dir, index, LB_DICOM_TAG (0x0020, 0x000e));
  LbMissingSeries *series = lb_dicomdir_missing_lookup (missing, uid);

  if (series == NULL)
    {
      g_autofree char *number = series_value (dir, index, LB_DICOM_TAG (0x0020, 0x0011));
      g_autofree char *modality = series_value (dir, index, LB_DICOM_TAG (0x0008, 0x0060));
      g_autofree char *description = series_value (dir, index, LB_DICOM_TAG (0x0008, 0x103e));
      g_autofree char *label = g_strdup_printf ("#%s %s %s", number, modality, description);

      series = g_new0 (LbMissingSeries, 1);
      series->series_uid = g_steal_pointer (&uid);
      series->series_label = lb_dicom_escape_text (g_strstrip (label));
      series->file_ids = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (missing->series, series);
    }
  g_ptr_array_add (series->file_ids, lb_dicom_escape_text (dir->records[index].file_id));
  missing->n_missing++;
}

LbDicomdirMissing *
lb_dicomdir_missing_find (const char *path)
{
  LbDicomFile *dicom = lb_dicom_file_new (NULL);
  LbDicomdirMissing *missing = NULL;
  LbDicomDir dir;

  if (lb_dicom_file_read_path (dicom, path, LB_DICOM_READ_DEFAULT, NULL)
      && lb_dicom_dir_is_dicomdir (dicom) && lb_dicom_dir_read (dicom, &dir))
    {
      missing = g_new0 (LbDicomdirMissing, 1);
      missing->folder = g_path_get_dirname (path);
      missing->series = g_ptr_array_new_with_free_func (missing_series_free);
      for (size_t i = 0; i < dir.n_records; i++)
        {
          char *found;

          if (dir.records[i].file_id == NULL)
            continue;
          missing->n_referenced++;
          found = lb_study_resolve_file_id (missing->folder, dir.records[i].file_id);
          if (found == NULL)
            add_missing (missing, &dir, i);
          free (found);
        }
      lb_dicom_dir_clear (&dir);
    }
  lb_dicom_file_free (dicom);
  return missing;
}

static char *
names_tooltip (const LbMissingSeries *series)
{
  GString *tooltip = g_string_new (NULL);
  guint n = series->file_ids->len;

  for (guint i = 0; i < n && i < TOOLTIP_NAMES; i++)
    g_string_append_printf (tooltip, "%s%s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (series->file_ids, i));
  if (n > TOOLTIP_NAMES)
    {
      guint more = n - TOOLTIP_NAMES;

      g_string_append_c (tooltip, '\n');
      /* Translators: after the first 20 names of missing files */
      g_string_append_printf (tooltip, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                    "and %u more", more), more);
    }
  return g_string_free (tooltip, FALSE);
}

GtkWidget *
lb_missing_row_new (const LbMissingSeries *series,
                    gboolean               with_label)
{
  guint n = series->file_ids->len;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label;
  g_autofree char *tooltip = names_tooltip (series);
  /* Translators: a row under a series on the Studies page; the tooltip names the files */
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u file named by the DICOMDIR is missing",
                                                         "%u files named by the DICOMDIR are missing",
                                                         n), n);
  g_autofree char *text = with_label && series->series_label[0] != '\0'
                          ? g_strdup_printf ("%s: %s", series->series_label, count)
                          : g_strdup (count);

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_add_css_class (label, "warning");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_tooltip_text (row, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  return row;
}
