/* lb-window-recent.c: the window's Recent Files menu, fed by GtkRecentManager. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-window-private.h"

/* Newest first: GtkRecentManager hands its items over in no particular order. */
static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  return g_date_time_compare (gtk_recent_info_get_modified ((GtkRecentInfo *) b),
                              gtk_recent_info_get_modified ((GtkRecentInfo *) a));
}

/* "CT05.dcm — phantom": slices of different series often share a name. Underscores doubled, or
 * the menu would take them for mnemonics. */
static char *
recent_label (GtkRecentInfo *info)
{
  g_autoptr (GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent != NULL ? g_file_get_basename (parent) : NULL;
  g_autofree char *label = folder != NULL
    ? g_strdup_printf ("%s — %s", gtk_recent_info_get_display_name (info), folder)
    : g_strdup (gtk_recent_info_get_display_name (info));
  g_auto (GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

void
lb_window_rebuild_recent_menu (LbWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = g_list_sort (gtk_recent_manager_get_items (manager), compare_recent);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < 10; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!gtk_recent_info_has_application (info, g_get_application_name ())
          || !gtk_recent_info_exists (info))
        continue;
      label = recent_label (info);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
lb_window_add_to_recent (LbWindow *self)
{
  GFile *file = self->document != NULL ? lb_document_get_file (self->document) : NULL;
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

  if (uri != NULL)
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}
