/* lb-test-files.h: where the C tests find their DICOM files.
 *
 * tests/samples holds small, redistributable copies of corpus files under their corpus paths
 * (plus generated/); a test that needs a particular file reads it there, so it runs in a clone
 * of the project alone. The shared corpus (LB_CORPUS) is only for the corpus-wide tests, which
 * skip with a message when it is absent. */
#pragma once

#include <glib.h>

#ifndef LB_SAMPLES
#define LB_SAMPLES "tests/samples"
#endif
#ifndef LB_CORPUS
#define LB_CORPUS "../shared/corpus"
#endif

/* The in-repo copy when there is one, else the corpus file of that path (which may not exist:
 * callers skip then). */
static inline char *
lb_test_file (const char *rel)
{
  const char *samples = g_getenv ("LB_SAMPLES");
  const char *corpus = g_getenv ("LB_CORPUS");
  char *path = g_build_filename (samples != NULL && *samples ? samples : LB_SAMPLES, rel, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_build_filename (corpus != NULL && *corpus ? corpus : LB_CORPUS, rel, NULL);
}
