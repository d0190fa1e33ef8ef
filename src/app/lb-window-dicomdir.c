/* lb-window-dicomdir.c: a DICOMDIR handed to the window is checked, in a worker, for the files
 * its records name: those that are not on the media (looked up as lightbox-cli scan does,
 * case-insensitively for CD names) are named in a toast, since the sidebar can only list the
 * files that are there. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "lb-dicom-dir.h"
#include "lb-study-path.h"
#include "lb-window-private.h"

typedef struct {
  guint n_referenced;
  guint n_missing;
  char *first_missing;   /* the File ID, as the DICOMDIR writes it */
} MissingCount;

static void
missing_count_free (gpointer data)
{
  MissingCount *count = data;
  g_free (count->first_missing);
  g_free (count);
}

static void
count_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (G_FILE (task_data));
  g_autofree char *folder = g_path_get_dirname (path);
  LbDicomFile *dicom = lb_dicom_file_new (NULL);
  MissingCount *count = g_new0 (MissingCount, 1);
  LbDicomDir dir;

  if (lb_dicom_file_read_path (dicom, path, LB_DICOM_READ_DEFAULT, NULL)
      && lb_dicom_dir_is_dicomdir (dicom) && lb_dicom_dir_read (dicom, &dir))
    {
      for (size_t i = 0; i < dir.n_records; i++)
        {
          char *found;

          if (dir.records[i].file_id == NULL)
            continue;
          count->n_referenced++;
          found = lb_study_resolve_file_id (folder, dir.records[i].file_id);
          if (found == NULL && count->n_missing++ == 0)
            count->first_missing = g_strdup (dir.records[i].file_id);
          free (found);
        }
      lb_dicom_dir_clear (&dir);
    }
  lb_dicom_file_free (dicom);
  g_task_return_pointer (task, count, missing_count_free);
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (LbWindow) self = user_data;
  MissingCount *count = g_task_propagate_pointer (G_TASK (result), NULL);

  if (count == NULL)
    return;
  g_debug ("dicomdir: %u of %u referenced files missing", count->n_missing,
           count->n_referenced);
  if (count->n_missing > 0)
    {
      /* Translators: a count, then the first missing file's path as the DICOMDIR names it */
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u file the DICOMDIR lists is missing: %s",
                                      "%u files the DICOMDIR lists are missing, the first: %s",
                                      count->n_missing),
                         count->n_missing, count->first_missing);

      lb_window_toast (self, message);
    }
  missing_count_free (count);
}

void
lb_window_check_dicomdir (LbWindow *self,
                          GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (GTask) task = NULL;

  if (name == NULL || g_ascii_strcasecmp (name, "DICOMDIR") != 0 || g_file_peek_path (file) == NULL)
    return;
  task = g_task_new (NULL, NULL, on_counted, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, count_thread);
}
