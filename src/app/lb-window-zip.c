/* lb-window-zip.c: a .zip handed to the window (Open, drag and drop, recent files, gio open,
 * the command line) is unpacked into the user's cache in a worker (lb-zip-cache.c) and its
 * folder is then opened like any folder: the sidebar lists its series. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include <glib/gi18n.h>

#include "lb-app-module.h"
#include "lb-study-zip.h"
#include "lb-window-private.h"

typedef struct {
  LbWindow *window;
  char *name;
} Unpacking;

static void
zip_not_opened (LbWindow     *self,
                const char   *name,
                const GError *error)
{
  /* Translators: a zip's file name, then why it cannot be opened */
  g_autofree char *message = g_strdup_printf (_("Could not open the zip “%s”: %s"), name,
                                              error->message);

  g_debug ("zip not opened: %s", error->message);
  if (self->document == NULL)
    lb_window_show_status (self, "dialog-error-symbolic", _("Could not open the zip"),
                           message, NULL);
  else
    lb_window_toast (self, message);
  lb_window_finish_start_up (self);
}

static void
on_unpacked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Unpacking *job = user_data;
  g_autoptr (LbWindow) self = job->window;
  g_autofree char *name = job->name;
  g_autoptr (GError) error = NULL;
  guint n_damaged = 0;
  g_autoptr (GFile) folder = lb_app_module_zip (NULL)->unpack_finish (result, &n_damaged,
                                                                       &error);

  g_free (job);
  if (folder == NULL)
    {
      zip_not_opened (self, name, error);
      return;
    }
  {
    g_autofree char *path = g_file_get_path (folder);

    g_debug ("zip unpacked: %s in %s", name, path);
  }
  if (n_damaged > 0)
    {
      /* Translators: a zip's file name */
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u damaged file in “%s” was left out",
                                      "%u damaged files in “%s” were left out", n_damaged),
                         n_damaged, name);

      lb_window_toast (self, message);
    }
  lb_window_open_files (self, &folder, 1);
}

gboolean
lb_window_open_zip (LbWindow *self,
                    GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;
  const LbZipModule *zip;
  Unpacking *job;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR) || !lb_zip_is_zip (path))
    return FALSE;
  /* The unpacking is the module lightbox-zip's (libarchive), loaded at the first zip. */
  zip = lb_app_module_zip (&error);
  if (zip == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      zip_not_opened (self, name, error);
      return TRUE;
    }
  /* The zip, not its unpacked copy, is what Recent Files reopens. */
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  job = g_new0 (Unpacking, 1);
  job->window = g_object_ref (self);
  job->name = g_file_get_basename (file);
  g_debug ("unpacking zip %s", path);
  zip->unpack_async (file, NULL, on_unpacked, job);
  return TRUE;
}
