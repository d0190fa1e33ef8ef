/* lb-window-dicomdir.c: a DICOMDIR handed to the window is checked, in a worker, for the files
 * its records name: those that are not on the media (looked up as lightbox-cli scan does,
 * case-insensitively for CD names) are named in a toast and listed on the Studies page under
 * their series. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-study-browser-missing.h"
#include "lb-window-private.h"

static void
find_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_task_return_pointer (task, lb_dicomdir_missing_find (g_file_peek_path (task_data)),
                         (GDestroyNotify) lb_dicomdir_missing_free);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (LbWindow) self = user_data;
  LbDicomdirMissing *missing = g_task_propagate_pointer (G_TASK (result), NULL);

  if (missing == NULL)
    return;
  g_debug ("dicomdir: %u of %u referenced files missing", missing->n_missing,
           missing->n_referenced);
  if (missing->n_missing > 0)
    {
      const LbMissingSeries *first = g_ptr_array_index (missing->series, 0);
      /* Translators: a count, then the first missing file's path as the DICOMDIR names it */
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u file the DICOMDIR lists is missing: %s",
                                      "%u files the DICOMDIR lists are missing, the first: %s",
                                      missing->n_missing),
                         missing->n_missing, (const char *) g_ptr_array_index (first->file_ids, 0));

      lb_window_toast (self, message);
    }
  /* The Studies page lists them under their series (lb-study-browser-missing.c). */
  lb_study_browser_set_missing (self->study_browser, missing);
}

void
lb_window_check_dicomdir (LbWindow *self,
                          GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (GTask) task = NULL;

  if (name == NULL || g_ascii_strcasecmp (name, "DICOMDIR") != 0 || g_file_peek_path (file) == NULL)
    return;
  task = g_task_new (NULL, NULL, on_found, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, find_thread);
}
