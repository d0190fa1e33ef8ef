/* test-thumbnail-trim.c: the thumbnail cache's bound (lb-thumbnail-trim.h): past the bound the
 * oldest PNGs go, newest first kept; other files and a small folder are left alone. */
#include "config.h"

#include <utime.h>
#include <glib/gstdio.h>

#include "lb-thumbnail-trim.h"

/* A file of `size` bytes at folder/name, last written `age` seconds before `now`. */
static void
write_file (const char *folder,
            const char *name,
            gsize       size,
            gint64      now,
            int         age)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *bytes = g_malloc0 (size);
  struct utimbuf times = { .actime = now - age, .modtime = now - age };

  g_assert_true (g_file_set_contents (path, bytes, size, NULL));
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static gboolean
exists (const char *folder,
        const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
remove_all (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (folder);
}

static void
test_oldest_go (void)
{
  g_autofree char *folder = g_dir_make_tmp ("lb-thumb-trim-XXXXXX", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Five thumbnails of 1000 bytes, a.png the oldest; a note that is not a thumbnail, older
   * than all; a write under way. */
  write_file (folder, "a.png", 1000, now, 500);
  write_file (folder, "b.png", 1000, now, 400);
  write_file (folder, "c.png", 1000, now, 300);
  write_file (folder, "d.png", 1000, now, 200);
  write_file (folder, "e.png", 1000, now, 100);
  write_file (folder, "notes.txt", 5000, now, 900);
  write_file (folder, ".e.png.tmp", 5000, now, 900);

  /* Within the bound: nothing goes. */
  g_assert_cmpuint (lb_thumbnail_trim_folder (folder, 5000), ==, 0);
  g_assert_true (exists (folder, "a.png"));

  /* 2500 bytes at most: the three oldest go, the two newest stay. */
  g_assert_cmpuint (lb_thumbnail_trim_folder (folder, 2500), ==, 3);
  g_assert_false (exists (folder, "a.png"));
  g_assert_false (exists (folder, "b.png"));
  g_assert_false (exists (folder, "c.png"));
  g_assert_true (exists (folder, "d.png"));
  g_assert_true (exists (folder, "e.png"));
  g_assert_true (exists (folder, "notes.txt"));
  g_assert_true (exists (folder, ".e.png.tmp"));

  /* A second trim to the same bound finds nothing to do. */
  g_assert_cmpuint (lb_thumbnail_trim_folder (folder, 2500), ==, 0);
  remove_all (folder);
}

static void
test_missing_folder (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("lb-thumb-trim-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (tmp, "not-there", NULL);

  g_assert_cmpuint (lb_thumbnail_trim_folder (missing, 0), ==, 0);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/thumbnail-trim/oldest-go", test_oldest_go);
  g_test_add_func ("/thumbnail-trim/missing-folder", test_missing_folder);
  return g_test_run ();
}
