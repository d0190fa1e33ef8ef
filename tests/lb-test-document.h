/* lb-test-document.h: the widget tests' way to load a file into an LbDocument, waiting on the
 * main context as the viewer's loads would (included by the tests/test-gui-*.c programs). */
#pragma once

#include <gio/gio.h>

#include "lb-document.h"
#include "lb-test-wait.h"

/* What a load ended with: the document, or the error that stopped it. */
typedef struct
{
  gboolean    done;
  LbDocument *doc;
  GError     *error;
} LbTestLoad;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LbTestLoad *load = user_data;

  load->doc = lb_document_load_finish (result, &load->error);
  load->done = TRUE;
}

/* The document of the file at `path`, loaded in the viewer's worker, or NULL with `error` set
 * when it cannot be loaded (for tests that walk files some of which are unreadable). */
G_GNUC_UNUSED static LbDocument *
try_load (const char *path,
          GError    **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  LbTestLoad load = { FALSE, NULL, NULL };

  lb_document_load_async (file, 0, NULL, on_loaded, &load);
  lb_test_wait_while (!load.done);
  if (load.error != NULL)
    g_propagate_error (error, load.error);
  return load.doc;
}

/* The document of the file at `path`; the test fails when it cannot be loaded. */
G_GNUC_UNUSED static LbDocument *
load (const char *path)
{
  g_autoptr (GError) error = NULL;
  LbDocument *doc = try_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}
