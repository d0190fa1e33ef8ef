/* lb-cine.c: cine play driven by the frame clock.
 *
 * Each tick works out from the clock how many frames are due since play started (rate × speed),
 * advances that many positions (looping or bouncing), and shows the last one if it is decoded.
 * A position passed without being shown (its time came and it was not decoded, or two were due
 * in one tick) counts as dropped: the clock never waits for a decode, so the UI never blocks.
 * The counters go to the debug log (G_MESSAGES_DEBUG=lb-cine), which bench/cine.py reads. */
#include "config.h"

#define G_LOG_DOMAIN "lb-cine"

#include "lb-cine.h"

/* Positions asked for ahead of the one on show. */
#define READ_AHEAD 8

static const double speeds[] = { 0.25, 0.5, 1.0, 2.0, 4.0 };

struct _LbCine
{
  GObject parent_instance;

  GtkWidget *widget;                   /* weak: gives the frame clock */
  const LbCineTarget *target;
  gpointer target_data;
  guint tick_id;

  gboolean playing;
  double rate;
  char *rate_source;
  double speed;
  gboolean bounce;

  /* Since play (or the rate) started: */
  gint64 start_time;                   /* frame clock time, µs; 0 until the first tick */
  guint64 steps_done;
  guint position;
  int direction;

  guint n_shown;
  guint n_dropped;
};

G_DEFINE_FINAL_TYPE (LbCine, lb_cine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_RATE,
  PROP_SPEED,
  PROP_BOUNCE,
  PROP_N_SHOWN,
  PROP_N_DROPPED,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

guint
lb_cine_next_position (guint     position,
                       guint     count,
                       gboolean  bounce,
                       int      *direction)
{
  if (count <= 1)
    return 0;
  if (!bounce)
    return *direction > 0 ? (position + 1) % count : (position + count - 1) % count;
  if (*direction > 0 && position + 1 >= count)
    *direction = -1;
  else if (*direction < 0 && position == 0)
    *direction = 1;
  return *direction > 0 ? position + 1 : position - 1;
}

static void
want_ahead (LbCine *self,
            guint   count)
{
  guint positions[READ_AHEAD];
  guint n = MIN (READ_AHEAD, count - 1);
  guint p = self->position;
  int direction = self->direction;

  for (guint i = 0; i < n; i++)
    positions[i] = p = lb_cine_next_position (p, count, self->bounce, &direction);
  self->target->want (self->target_data, positions, n);
}

static void
restart_clock (LbCine *self)
{
  self->start_time = 0;
  self->steps_done = 0;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  LbCine *self = user_data;
  guint count = self->target->count (self->target_data);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  guint64 due;
  guint passed = 0;

  if (count <= 1)
    {
      lb_cine_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  if (self->start_time == 0)
    {
      self->start_time = now;
      self->position = MIN (self->target->position (self->target_data), count - 1);
      want_ahead (self, count);
      return G_SOURCE_CONTINUE;
    }
  due = (guint64) ((now - self->start_time) * self->rate * self->speed / G_USEC_PER_SEC);
  while (self->steps_done < due)
    {
      self->position = lb_cine_next_position (self->position, count, self->bounce,
                                              &self->direction);
      self->steps_done++;
      passed++;
    }
  if (passed == 0)
    return G_SOURCE_CONTINUE;
  /* Positions passed over in one tick were never on screen. */
  self->n_dropped += passed - 1;
  if (self->target->show (self->target_data, self->position))
    {
      self->n_shown++;
      g_debug ("cine frame %u shown (%u shown, %u dropped)", self->position + 1, self->n_shown,
               self->n_dropped);
    }
  else
    {
      self->n_dropped++;
      g_debug ("cine frame %u dropped: not decoded in time (%u shown, %u dropped)",
               self->position + 1, self->n_shown, self->n_dropped);
    }
  if (passed > 1)
    g_debug ("cine: %u frames due in one tick, %u dropped", passed, passed - 1);
  want_ahead (self, count);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (LbCine *self)
{
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
}

void
lb_cine_set_playing (LbCine   *self,
                     gboolean  playing)
{
  g_return_if_fail (LB_IS_CINE (self));
  playing = playing && self->target != NULL && self->widget != NULL
            && self->target->count (self->target_data) > 1;
  if (playing == self->playing)
    return;
  self->playing = playing;
  stop_ticking (self);
  if (playing)
    {
      restart_clock (self);
      self->direction = 1;
      self->n_shown = 0;
      self->n_dropped = 0;
      self->tick_id = gtk_widget_add_tick_callback (self->widget, on_tick, self, NULL);
      g_debug ("cine: playing at %.3g frames/s × %.3g (%s)", self->rate, self->speed,
               self->rate_source);
    }
  else
    g_debug ("cine: paused (%u shown, %u dropped)", self->n_shown, self->n_dropped);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PLAYING]);
}

gboolean
lb_cine_get_playing (LbCine *self)
{
  g_return_val_if_fail (LB_IS_CINE (self), FALSE);
  return self->playing;
}

void
lb_cine_set_target (LbCine             *self,
                    GtkWidget          *widget,
                    const LbCineTarget *target,
                    gpointer            data)
{
  g_return_if_fail (LB_IS_CINE (self));
  lb_cine_set_playing (self, FALSE);
  if (self->widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
  self->widget = widget;
  if (widget != NULL)
    g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->widget);
  self->target = target;
  self->target_data = data;
}

void
lb_cine_set_rate (LbCine     *self,
                  double      frames_per_second,
                  const char *source)
{
  g_return_if_fail (LB_IS_CINE (self));
  if (!(frames_per_second > 0))
    frames_per_second = LB_CINE_DEFAULT_RATE;
  g_free (self->rate_source);
  self->rate_source = g_strdup (source);
  if (self->rate == frames_per_second)
    return;
  self->rate = frames_per_second;
  restart_clock (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_RATE]);
}

double
lb_cine_get_rate (LbCine *self)
{
  g_return_val_if_fail (LB_IS_CINE (self), LB_CINE_DEFAULT_RATE);
  return self->rate;
}

const char *
lb_cine_get_rate_source (LbCine *self)
{
  g_return_val_if_fail (LB_IS_CINE (self), NULL);
  return self->rate_source;
}

void
lb_cine_set_speed (LbCine *self,
                   double  speed)
{
  g_return_if_fail (LB_IS_CINE (self));
  speed = CLAMP (speed, speeds[0], speeds[G_N_ELEMENTS (speeds) - 1]);
  if (self->speed == speed)
    return;
  self->speed = speed;
  /* Count from here at the new speed, from the position on show. */
  restart_clock (self);
  g_debug ("cine: speed %.3g×", speed);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SPEED]);
}

double
lb_cine_get_speed (LbCine *self)
{
  g_return_val_if_fail (LB_IS_CINE (self), 1.0);
  return self->speed;
}

void
lb_cine_step_speed (LbCine *self,
                    int     direction)
{
  guint i = 0;

  g_return_if_fail (LB_IS_CINE (self));
  while (i + 1 < G_N_ELEMENTS (speeds) && speeds[i] < self->speed)
    i++;
  if (direction > 0 && i + 1 < G_N_ELEMENTS (speeds))
    i++;
  else if (direction < 0 && i > 0)
    i--;
  lb_cine_set_speed (self, speeds[i]);
}

void
lb_cine_set_bounce (LbCine   *self,
                    gboolean  bounce)
{
  g_return_if_fail (LB_IS_CINE (self));
  bounce = !!bounce;
  if (self->bounce == bounce)
    return;
  self->bounce = bounce;
  self->direction = 1;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BOUNCE]);
}

gboolean
lb_cine_get_bounce (LbCine *self)
{
  g_return_val_if_fail (LB_IS_CINE (self), FALSE);
  return self->bounce;
}

guint
lb_cine_get_n_shown (LbCine *self)
{
  g_return_val_if_fail (LB_IS_CINE (self), 0);
  return self->n_shown;
}

guint
lb_cine_get_n_dropped (LbCine *self)
{
  g_return_val_if_fail (LB_IS_CINE (self), 0);
  return self->n_dropped;
}

static void
lb_cine_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LbCine *self = LB_CINE (object);

  switch (prop_id)
    {
    case PROP_PLAYING: g_value_set_boolean (value, self->playing); break;
    case PROP_RATE: g_value_set_double (value, self->rate); break;
    case PROP_SPEED: g_value_set_double (value, self->speed); break;
    case PROP_BOUNCE: g_value_set_boolean (value, self->bounce); break;
    case PROP_N_SHOWN: g_value_set_uint (value, self->n_shown); break;
    case PROP_N_DROPPED: g_value_set_uint (value, self->n_dropped); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_cine_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  LbCine *self = LB_CINE (object);

  switch (prop_id)
    {
    case PROP_PLAYING: lb_cine_set_playing (self, g_value_get_boolean (value)); break;
    case PROP_SPEED: lb_cine_set_speed (self, g_value_get_double (value)); break;
    case PROP_BOUNCE: lb_cine_set_bounce (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_cine_dispose (GObject *object)
{
  LbCine *self = LB_CINE (object);

  stop_ticking (self);
  lb_cine_set_target (self, NULL, NULL, NULL);
  G_OBJECT_CLASS (lb_cine_parent_class)->dispose (object);
}

static void
lb_cine_finalize (GObject *object)
{
  g_free (LB_CINE (object)->rate_source);
  G_OBJECT_CLASS (lb_cine_parent_class)->finalize (object);
}

static void
lb_cine_class_init (LbCineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = lb_cine_get_property;
  object_class->set_property = lb_cine_set_property;
  object_class->dispose = lb_cine_dispose;
  object_class->finalize = lb_cine_finalize;

  props[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  props[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE,
                                          LB_CINE_DEFAULT_RATE, ro);
  props[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, 0.25, 4, 1, rw);
  props[PROP_BOUNCE] = g_param_spec_boolean ("bounce", NULL, NULL, FALSE, rw);
  props[PROP_N_SHOWN] = g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0, ro);
  props[PROP_N_DROPPED] = g_param_spec_uint ("n-dropped", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
lb_cine_init (LbCine *self)
{
  self->rate = LB_CINE_DEFAULT_RATE;
  self->speed = 1.0;
  self->direction = 1;
}

LbCine *
lb_cine_new (void)
{
  return g_object_new (LB_TYPE_CINE, NULL);
}
