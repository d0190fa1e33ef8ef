/* test-zip-cache.c: a zip unpacked into the user's cache (src/app/lb-zip-cache.c, GIO only):
 * nested folders kept, names that would leave the folder left out, the same folder reused for
 * the same zip and a new one for a changed zip, and nothing left behind by a zip bomb (over the
 * limit) or a truncated zip. The zips are written here with libarchive. */
#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lb-zip-cache.h"
#include "lb-test-dirs.h"

static char *cache_home;

static void
add_member (struct archive *a, const char *name, const char *data, gsize len)
{
  struct archive_entry *e = archive_entry_new ();

  archive_entry_set_pathname (e, name);
  archive_entry_set_size (e, (la_int64_t) len);
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (a, data, len), ==, (la_ssize_t) len);
  archive_entry_free (e);
}

/* A zip at `path`: `names` and `contents` in pairs; a member of `big` zero bytes last if > 0. */
static void
write_zip (const char *path, const char *const *members, gsize big)
{
  struct archive *a = archive_write_new ();

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; members[i] != NULL; i += 2)
    add_member (a, members[i], members[i + 1], strlen (members[i + 1]));
  if (big > 0)
    {
      g_autofree char *zeros = g_malloc0 (big);
      add_member (a, "big.bin", zeros, big);
    }
  archive_write_close (a);
  archive_write_free (a);
}

static char *
zip_root (void)
{
  return g_build_filename (cache_home, "lightbox", "zip", NULL);
}

static void
test_unpack_and_reuse (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-zip-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "study.zip", NULL);
  const char *members[] = { "a/b/c/slice.dcm", "DICM", "top.txt", "hello",
                            "../evil.txt", "x", "/tmp/lb-zip-evil.txt", "x", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) zip = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) again = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *root = zip_root ();
  g_autofree char *base = NULL;
  g_autofree char *contents = NULL;

  write_zip (path, members, 0);
  zip = g_file_new_for_path (path);
  folder = lb_zip_cache_unpack (zip, LB_ZIP_CACHE_DEFAULT_LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  folder_path = g_file_get_path (folder);
  base = g_path_get_basename (folder_path);
  g_assert_cmpstr (base, ==, "study.zip");                  /* the name the sidebar shows */
  {
    g_autofree char *keyed = g_path_get_dirname (folder_path);
    g_autofree char *key = g_path_get_basename (keyed);
    g_autofree char *keyed_parent = g_path_get_dirname (keyed);

    g_assert_cmpstr (keyed_parent, ==, root);
    g_assert_cmpuint (strlen (key), ==, 64);                /* a SHA-256 in hex */
  }
  nested = g_build_filename (folder_path, "a", "b", "c", "slice.dcm", NULL);
  g_assert_true (g_file_get_contents (nested, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "DICM");
  g_assert_cmpuint (count_entries (folder_path), ==, 2);    /* a/ and top.txt, no evil.txt */
  g_assert_false (g_file_test ("/tmp/lb-zip-evil.txt", G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (root), ==, 1);           /* no .part folder left */

  /* The same zip again: the copy in the cache is used as it is. */
  marker = g_build_filename (folder_path, "marker", NULL);
  g_assert_true (g_file_set_contents (marker, "", 0, NULL));
  again = lb_zip_cache_unpack (zip, LB_ZIP_CACHE_DEFAULT_LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (again, folder));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* A changed zip is unpacked afresh. */
  {
    const char *changed[] = { "other.dcm", "DICM2", NULL };
    g_autoptr (GFile) third = NULL;

    g_usleep (10000);
    write_zip (path, changed, 0);
    third = lb_zip_cache_unpack (zip, LB_ZIP_CACHE_DEFAULT_LIMIT, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (g_file_equal (third, folder));
    g_assert_cmpuint (count_entries (root), ==, 2);
  }
}

static void
test_over_the_limit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-zip-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bomb.zip", NULL);
  const char *members[] = { "first.dcm", "DICM", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) zip = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autofree char *root = zip_root ();
  guint before;

  write_zip (path, members, 3 << 20);
  g_mkdir_with_parents (root, 0700);
  before = count_entries (root);
  zip = g_file_new_for_path (path);
  folder = lb_zip_cache_unpack (zip, 1 << 20, NULL, NULL, &error);
  g_assert_null (folder);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "more than 1 MB"));
  g_assert_cmpuint (count_entries (root), ==, before);      /* nothing left behind */
}

static void
test_truncated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-zip-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cut.zip", NULL);
  const char *members[] = { "a.dcm", "DICM", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) zip = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autofree char *data = NULL;
  g_autofree char *root = zip_root ();
  gsize len;
  guint before;

  write_zip (path, members, 200000);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len / 2, NULL));
  g_mkdir_with_parents (root, 0700);
  before = count_entries (root);
  zip = g_file_new_for_path (path);
  folder = lb_zip_cache_unpack (zip, LB_ZIP_CACHE_DEFAULT_LIMIT, NULL, NULL, &error);
  g_assert_null (folder);
  g_assert_nonnull (error);
  g_assert_cmpuint (count_entries (root), ==, before);
}

int
main (int argc, char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("lb-zip-cache-XXXXXX", NULL);

  /* g_get_user_cache_dir() reads XDG_CACHE_HOME once, before anything else asks. */
  cache_home = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/zip-cache/unpack-and-reuse", test_unpack_and_reuse);
  g_test_add_func ("/zip-cache/over-the-limit", test_over_the_limit);
  g_test_add_func ("/zip-cache/truncated", test_truncated);
  return g_test_run ();
}
