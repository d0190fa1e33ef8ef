/* CharLS loaded at the first JPEG-LS frame (src/dicom/codec-jpegls-charls.h): not before, in no
 * program that never decodes one; and a CharLS that cannot be loaded is a decode error naming
 * the library and the loader's reason, never a crash. Each case runs in a fresh process
 * (g_test_trap_subprocess), since a process loads the library once. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "codec-jpegls-charls.h"
#include "lb-dicom-pixel.h"
#include "lb-dicom.h"
#include "lb-test-files.h"

#define SONAME "libcharls.so.2"
#define JPEG_LS "pydicom-data/JLSL_08_07_0_1F.dcm"
#define JPEG_LS_RGB "pydicom-data/JLSN_RGB_ILV0.dcm"
#define NATIVE_CT "dicompyler-core/ct.0.dcm"

/* Whether a library whose file name starts with `prefix` is mapped in this process. */
static gboolean
mapped (const char *prefix)
{
  g_autofree char *maps = NULL;
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (maps, "\n", -1);
  for (char **line = lines; *line != NULL; line++)
    {
      const char *slash = strrchr (*line, '/');
      if (slash != NULL && g_str_has_prefix (slash + 1, prefix))
        return TRUE;
    }
  return FALSE;
}

/* Whether the C++ runtime came with CharLS only: the sanitizers' runtimes bring it at start. */
static gboolean
cxx_runtime_is_charls_own (void)
{
  return !mapped ("libasan") && !mapped ("libubsan") && !mapped ("libtsan");
}

/* Decodes the first frame of a sample; the error (free it) or NULL. */
static LbDicomError *
decode (const char *rel)
{
  g_autofree char *path = lb_test_file (rel);
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomFrame *frame = NULL;
  LbDicomError *error = NULL;

  g_assert_true (lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, &error));
  if (lb_dicom_file_decode_frame (file, 0, &frame, &error))
    g_assert_nonnull (frame);
  else
    g_assert_nonnull (error);
  lb_dicom_frame_free (frame);
  lb_dicom_file_free (file);
  return error;
}

static void
test_loaded_at_first_frame (void)
{
  if (g_test_subprocess ())
    {
      /* Fails where CharLS is a NEEDED library of the program (it was, and brought the C++
       * runtime with it). */
      gboolean cxx = cxx_runtime_is_charls_own ();
      g_assert_false (mapped ("libcharls"));
      g_assert_false (cxx && mapped ("libstdc++"));
      g_assert_null (decode (NATIVE_CT));
      g_assert_false (mapped ("libcharls"));
      g_assert_false (cxx && mapped ("libstdc++"));
      g_assert_null (decode (JPEG_LS));
      g_assert_true (mapped ("libcharls"));
      g_assert_true (mapped ("libstdc++"));
      g_assert_null (decode (JPEG_LS_RGB));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A worker's decode while others start theirs: one load, every decode right. */
static gpointer
decode_in_thread (gpointer data)
{
  return decode (data);
}

static void
test_loaded_once_by_threads (void)
{
  if (g_test_subprocess ())
    {
      GThread *threads[8];
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("decode", decode_in_thread, i % 2 ? JPEG_LS : JPEG_LS_RGB);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        g_assert_null (g_thread_join (threads[i]));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Runs the current test's subprocess with `folder` searched first for libraries, so that the
 * decoder's dlopen("libcharls.so.2") finds what the folder holds under that name. */
static void
trap_with_library_folder (const char *folder)
{
  g_autofree char *old = g_strdup (g_getenv ("LD_LIBRARY_PATH"));
  g_setenv ("LD_LIBRARY_PATH", folder, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (old != NULL)
    g_setenv ("LD_LIBRARY_PATH", old, TRUE);
  else
    g_unsetenv ("LD_LIBRARY_PATH");
}

/* In the subprocess: a JPEG-LS decode fails with the error of a decoder that cannot be loaded,
 * whose reason contains `reason`; again on the next frame; other files still decode. */
static void
assert_unloadable (const char *reason)
{
  for (int round = 0; round < 2; round++)
    {
      LbDicomError *error = decode (JPEG_LS);
      g_assert_nonnull (error);
      g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_UNSUPPORTED);
      g_assert_cmpuint (error->tag, ==, LB_DICOM_TAG_PIXEL_DATA);
      /* "frame 1: " before it: the frame reader names the frame. */
      const char *what = strstr (error->message, "JPEG-LS decoder (" SONAME ") cannot be loaded: ");
      g_assert_nonnull (what);
      g_assert_nonnull (strstr (what, reason));
      lb_dicom_error_free (error);
    }
  g_assert_false (cxx_runtime_is_charls_own () && mapped ("libstdc++"));
  g_assert_null (decode (NATIVE_CT));
}

static void
test_not_a_library (void)
{
  if (g_test_subprocess ())
    {
      assert_unloadable ("invalid ELF header");
      return;
    }
  g_autofree char *folder = g_dir_make_tmp ("lb-charls-XXXXXX", NULL);
  g_autofree char *fake = g_build_filename (folder, SONAME, NULL);
  /* Longer than an ELF header, so the loader reads one and finds it is not. */
  g_autofree char *text = g_strnfill (200, '#');
  g_assert_true (g_file_set_contents (fake, text, -1, NULL));
  trap_with_library_folder (folder);
  g_remove (fake);
  g_rmdir (folder);
  g_test_trap_assert_passed ();
}

static void
test_library_without_its_functions (void)
{
  if (g_test_subprocess ())
    {
      assert_unloadable ("undefined symbol: charls_get_error_message");
      return;
    }
  /* A real library of another name (zlib) under CharLS's. */
  g_autofree char *folder = g_dir_make_tmp ("lb-charls-XXXXXX", NULL);
  g_autofree char *fake = g_build_filename (folder, SONAME, NULL);
  const char *zlib = "/usr/lib/x86_64-linux-gnu/libz.so.1";
  if (!g_file_test (zlib, G_FILE_TEST_EXISTS))
    zlib = "/lib/x86_64-linux-gnu/libz.so.1";
  if (!g_file_test (zlib, G_FILE_TEST_EXISTS))
    {
      g_rmdir (folder);
      g_test_skip ("no libz.so.1 where Debian has it");
      return;
    }
  g_assert_cmpint (symlink (zlib, fake), ==, 0);
  trap_with_library_folder (folder);
  g_remove (fake);
  g_rmdir (folder);
  g_test_trap_assert_passed ();
}

/* The loading step itself: the reasons it gives, named without repeating the library. */
static void
test_open_reasons (void)
{
  LbCharls functions;
  char reason[512];

  g_assert_null (lb_dicom_charls_open ("/nonexistent/" SONAME, &functions, reason,
                                       sizeof reason));
  g_assert_cmpstr (reason, ==, "cannot open shared object file: No such file or directory");
  g_assert_null (lb_dicom_charls_open ("libz.so.1", &functions, reason, sizeof reason));
  g_assert_nonnull (strstr (reason, "undefined symbol: charls_get_error_message"));
  /* A reason longer than the room is cut, not overrun. */
  char small[8];
  g_assert_null (lb_dicom_charls_open ("/nonexistent/" SONAME, &functions, small,
                                       sizeof small));
  g_assert_cmpstr (small, ==, "cannot ");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/codec-jpegls-load/loaded-at-first-frame", test_loaded_at_first_frame);
  g_test_add_func ("/codec-jpegls-load/loaded-once-by-threads", test_loaded_once_by_threads);
  g_test_add_func ("/codec-jpegls-load/not-a-library", test_not_a_library);
  g_test_add_func ("/codec-jpegls-load/library-without-its-functions",
                   test_library_without_its_functions);
  g_test_add_func ("/codec-jpegls-load/open-reasons", test_open_reasons);
  return g_test_run ();
}
