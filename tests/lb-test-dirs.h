/* lb-test-dirs.h: counting and removing the flat temporary folders the C tests write into. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* How many entries the folder holds (0 when it cannot be read). */
G_GNUC_UNUSED static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Removes the folder and the files in it (not subfolders: the tests write none). */
G_GNUC_UNUSED static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}
