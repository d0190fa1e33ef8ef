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

typedef struct {
  GtkWindow *owner;
  LbOutputFolderChosen chosen;
} Choice;

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (folder != NULL)
        choice->chosen (choice->owner, folder);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_free (choice);
}

void
lb_output_folder_choose (GtkWindow            *owner,
                         const char           *title,
                         GFile                *near,
                         LbOutputFolderChosen  chosen)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, owner, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                 _("_Select"), _("_Cancel"));
  g_autoptr (GFile) above = near != NULL ? g_file_get_parent (near) : NULL;
  Choice *choice = g_new0 (Choice, 1);

  choice->owner = owner;
  choice->chosen = chosen;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (above != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), above, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
