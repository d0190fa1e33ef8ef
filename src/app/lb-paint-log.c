/* lb-paint-log.c: "shown: DESCRIPTION" (g_debug) after the frame that painted a new state.
 *
 * The GUI tests wait for these lines before they take a screenshot. A line written when the
 * state changes ("window preset C -600 W 1500") comes before the redraw, and on a loaded
 * machine a screenshot taken a fixed time after it could still show the old image. The
 * frame clock's after-paint comes once the frame is rendered and handed to the display, so a
 * screenshot taken after the line shows the state it names. A description is logged once,
 * when it differs from the last one logged for that widget. */
#include "config.h"

#include "lb-paint-log.h"

typedef struct {
  GtkWidget     *widget;      /* not a reference: the log is freed with the widget */
  GdkFrameClock *clock;
  gulong         handler;
  char          *domain;
  char          *pending;     /* drawn, not yet painted */
  char          *last;        /* last logged */
} PaintLog;

/* GDK destroys a frame clock's handlers when its surface goes (window closed) while our
 * reference keeps the clock alive: disconnect only a handler that is still there. */
static void
paint_log_disconnect (PaintLog *log)
{
  if (log->clock != NULL && log->handler != 0
      && g_signal_handler_is_connected (log->clock, log->handler))
    g_signal_handler_disconnect (log->clock, log->handler);
  log->handler = 0;
}

static void
paint_log_free (gpointer data)
{
  PaintLog *log = data;

  paint_log_disconnect (log);
  g_clear_object (&log->clock);
  g_free (log->domain);
  g_free (log->pending);
  g_free (log->last);
  g_free (log);
}

static void
after_paint (GdkFrameClock *clock,
             gpointer       user_data)
{
  PaintLog *log = user_data;

  if (log->pending == NULL)
    return;
  if (g_strcmp0 (log->pending, log->last) != 0)
    g_log (log->domain, G_LOG_LEVEL_DEBUG, "shown: %s", log->pending);
  g_free (log->last);
  log->last = g_steal_pointer (&log->pending);
}

/* Whether notes would be printed: callers skip building descriptions otherwise. */
gboolean
lb_paint_log_enabled (const char *log_domain)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, log_domain);
}

/* Call while the widget draws the state, or right after a change that makes it redraw. */
void
lb_paint_log_note (GtkWidget  *widget,
                   const char *log_domain,
                   const char *description)
{
  PaintLog *log;
  GdkFrameClock *clock;

  if (!lb_paint_log_enabled (log_domain))
    return;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;   /* not realized: nothing is painted, and a later draw notes again */
  log = g_object_get_data (G_OBJECT (widget), "lb-paint-log");
  if (log == NULL)
    {
      log = g_new0 (PaintLog, 1);
      log->widget = widget;
      log->domain = g_strdup (log_domain);
      g_object_set_data_full (G_OBJECT (widget), "lb-paint-log", log, paint_log_free);
    }
  if (log->clock != clock)
    {
      paint_log_disconnect (log);
      g_set_object (&log->clock, clock);
      log->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), log);
    }
  g_free (log->pending);
  log->pending = g_strdup (description);
}
