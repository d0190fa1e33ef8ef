/* lb-output-folder.c: the default output folder of a series job, and its progress text
 * (lb-output-folder.h). Used by lb-series-export.c and lb-anonymize-job.c, and their dialogs. */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lb-output-folder.h"
#include "lb-zip-cache.h"

char *
lb_output_folder_default (GFile      *source_folder,
                          const char *suffix)
{
  g_autofree char *path = g_file_get_path (source_folder);
  g_autofree char *base = NULL;
  char *candidate;

  if (path == NULL)
    path = g_strdup (g_get_home_dir ());
  /* "/data/ct/" and "/data/ct" name one folder; the output goes beside it, not inside it. */
  while (strlen (path) > 1 && g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    path[strlen (path) - 1] = '\0';
  /* A zip is opened from its copy in the cache (lb-zip-cache.h): the output goes to the home
   * folder then, under the zip's name, not into a cache that may be emptied. */
  if (lb_path_is_in_zip_cache (path))
    {
      g_autofree char *name = g_path_get_basename (path);
      g_free (path);
      path = g_build_filename (g_get_home_dir (), name, NULL);
    }
  base = g_strconcat (path, suffix, NULL);
  candidate = g_strdup (base);
  for (guint n = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, n);
    }
  return candidate;
}

void
lb_output_folder_show_progress (GtkProgressBar *bar,
                                guint           done,
                                guint           total)
{
  /* Translators: files done of all files */
  g_autofree char *text = g_strdup_printf (_("%u of %u"), done, total);

  gtk_progress_bar_set_fraction (bar, total > 0 ? (double) done / total : 1);
  gtk_progress_bar_set_text (bar, text);
}
