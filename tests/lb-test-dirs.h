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

/* Writes the teaching phantom (24 CT slices) into `dir` with `lightbox-cli phantom` (`cli` is
 * the executable's path, LB_CLI_PATH in the tests that have it). */
G_GNUC_UNUSED static void
write_phantom (const char *cli,
               const char *dir)
{
  const char *argv[] = { cli, "phantom", dir, NULL };
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &wait_status, NULL));
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}
