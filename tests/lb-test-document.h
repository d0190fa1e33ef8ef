/* lb-test-document.h: the widget tests' way to load a file into an LbDocument, waiting on the
 * main context as the viewer's loads would (included by the tests/test-gui-*.c programs). */
#pragma once

#include <gio/gio.h>

#include "lb-document.h"

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LbDocument **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = lb_document_load_finish (result, &error);
  g_assert_no_error (error);
}

/* The document of the file at `path`, loaded in the viewer's worker; the test fails when it
 * cannot be loaded. */
G_GNUC_UNUSED static LbDocument *
load (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  LbDocument *doc = NULL;

  lb_document_load_async (file, 0, NULL, on_loaded, &doc);
  while (doc == NULL)
    g_main_context_iteration (NULL, TRUE);
  return doc;
}
