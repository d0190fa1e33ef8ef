/* test-dicom-read.c: reading files from paths (dicom-read.c): only regular files, at once
 * (a FIFO never blocks, a device is never read), "not DICOM" decided from a prefix, and a file
 * that shrinks after it was read never kills the process (CLI.md, Conventions). */
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lb-dicom.h"
#include "lb-dicom-pixel.h"
#include "lb-test-read.h"

static char *
corpus_path (const char *rel)
{
  const char *root = g_getenv ("LB_CORPUS");
  return g_build_filename (root != NULL ? root : LB_CORPUS, rel, NULL);
}

/* Reads `path` fully and returns the error (the read must fail). */
static LbDicomError *
read_error (const char *path)
{
  LbDicomFile *f = lb_dicom_file_new (NULL);
  LbDicomError *err = NULL;
  g_assert_false (lb_dicom_file_read_path (f, path, LB_DICOM_READ_DEFAULT, &err));
  g_assert_nonnull (err);
  lb_dicom_file_free (f);
  return err;
}

/* Before: open() of a FIFO without a writer waited forever. */
static void
test_fifo_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-read-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "x.dcm", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (int header_only = 0; header_only < 2; header_only++)
    {
      LbDicomFile *f = lb_dicom_file_new (NULL);
      LbDicomError *err = NULL;
      g_assert_false (lb_dicom_file_read_path (f, fifo, header_only
                                                        ? LB_DICOM_READ_STOP_BEFORE_PIXELS
                                                        : LB_DICOM_READ_DEFAULT, &err));
      g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_IO);
      g_assert_nonnull (strstr (err->message, "a FIFO, not a regular file"));
      lb_dicom_error_free (err);
      lb_dicom_file_free (f);
    }
  g_unlink (fifo);
  g_rmdir (dir);
}

/* Before: /dev/zero was read until 2 GiB of memory, then refused as too large. */
static void
test_device_refused (void)
{
  LbDicomError *err = read_error ("/dev/zero");
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_IO);
  g_assert_nonnull (strstr (err->message, "a character device, not a regular file"));
  lb_dicom_error_free (err);

  g_autofree char *dir = g_dir_make_tmp ("lb-read-XXXXXX", NULL);
  err = read_error (dir);
  g_assert_nonnull (strstr (err->message, "a directory, not a regular file"));
  lb_dicom_error_free (err);
  g_rmdir (dir);
}

/* A large file that is not DICOM is refused from its first bytes, not read whole. */
static void
test_large_not_dicom_read_by_prefix (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.dcm", NULL);
  const char text[] = "This is a text file of notes, not an image.\n";
  FILE *fp = fopen (path, "wb");
  g_assert_nonnull (fp);
  fwrite (text, 1, sizeof text - 1, fp);
  fclose (fp);
  g_assert_cmpint (truncate (path, (off_t) 1 << 30), ==, 0);   /* sparse: no disk used */

  LbDicomError *err = read_error (path);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_NOT_DICOM);
  g_clear_pointer (&err, lb_dicom_error_free);
  /* The header-only read of a scan too (before: prefixes of growing size, up to the whole
   * file). */
  LbDicomFile *f = lb_dicom_file_new (NULL);
  g_assert_false (lb_dicom_file_read_path (f, path, LB_DICOM_READ_STOP_BEFORE_PIXELS, &err));
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_NOT_DICOM);
  lb_dicom_error_free (err);
  lb_dicom_file_free (f);
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  g_assert_cmpint (ru.ru_maxrss, <, 256 * 1024);   /* KiB: far below the 1 GiB of the file */
  g_unlink (path);
  g_rmdir (dir);
}

/* Before: the file was mapped, and a frame decoded after the file shrank (a new version
 * copied over an open file) died with SIGBUS. Now the read is a copy: the later frame is the
 * one of the version that was read. */
static void
test_shrink_after_read (void)
{
  g_autofree char *src = corpus_path ("pydicom-data/emri_small.dcm");
  if (!g_file_test (src, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no corpus");
      return;
    }
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_autofree char *dir = g_dir_make_tmp ("lb-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cine.dcm", NULL);
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));

  LbDicomFile *reference = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read (reference, (const uint8_t *) contents, len, 0, NULL));
  LbDicomFrame *want = decode (reference, 9);

  LbDicomFile *f = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read_path (f, path, LB_DICOM_READ_DEFAULT, NULL));
  g_assert_cmpint (truncate (path, 1000), ==, 0);
  LbDicomFrame *got = decode (f, 9);
  g_assert_cmpuint (got->data_len, ==, want->data_len);
  g_assert_cmpmem (got->data, got->data_len, want->data, want->data_len);

  lb_dicom_frame_free (got);
  lb_dicom_frame_free (want);
  lb_dicom_file_free (f);
  lb_dicom_file_free (reference);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/read/fifo-refused", test_fifo_refused);
  g_test_add_func ("/read/device-refused", test_device_refused);
  g_test_add_func ("/read/large-not-dicom-by-prefix", test_large_not_dicom_read_by_prefix);
  g_test_add_func ("/read/shrink-after-read", test_shrink_after_read);
  return g_test_run ();
}
