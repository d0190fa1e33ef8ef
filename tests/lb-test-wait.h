/* lb-test-wait.h: waiting on the main loop for a state, with a bound. A test whose state never
 * comes fails after LB_TEST_WAIT_SECONDS with the file, the line and the condition, instead of
 * sleeping in poll() until meson kills it with nothing said (the CI hang of gui-anonymize-dialog
 * under ASan). The bound is far above any wait here (a few seconds under ASan on a busy
 * machine) and below meson's timeouts. */
#pragma once

#include <glib.h>

#define LB_TEST_WAIT_SECONDS 60

/* Wakes the main loop now and then, so that the bound is checked even when nothing happens. */
G_GNUC_UNUSED static gboolean
lb_test_wait_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

G_GNUC_UNUSED static void
lb_test_wait_expired (const char *file,
                      int         line,
                      const char *condition)
{
  g_error ("%s:%d: still waiting after %d s while %s", file, line, LB_TEST_WAIT_SECONDS,
           condition);
}

/* Iterates the default main context while `condition` holds. */
#define lb_test_wait_while(condition)                                                       \
  G_STMT_START                                                                              \
  {                                                                                         \
    gint64 lb_wait_deadline_ = g_get_monotonic_time () + LB_TEST_WAIT_SECONDS * G_USEC_PER_SEC; \
    guint lb_wait_tick_ = g_timeout_add (100, lb_test_wait_tick, NULL);                     \
    while (condition)                                                                       \
      {                                                                                     \
        if (g_get_monotonic_time () > lb_wait_deadline_)                                    \
          lb_test_wait_expired (__FILE__, __LINE__, #condition);                            \
        g_main_context_iteration (NULL, TRUE);                                              \
      }                                                                                     \
    g_source_remove (lb_wait_tick_);                                                        \
  }                                                                                         \
  G_STMT_END
