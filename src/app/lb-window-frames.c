/* lb-window-frames.c: moving through the frames of a multi-frame object or the slices of a
 * series, through the frame cache, and playing them (cine).
 *
 * Positions are the frames of the document when it has more than one, else the files of the
 * series. Values come from the window's LbFrameCache: a decoded frame (LbDecodedFrame) of the
 * document, or a loaded slice (LbDocument). Arrows and the wheel move the target one position
 * at a time; a frame clock tick shows the next position toward the target as soon as it is
 * decoded, so a held key shows every slice it passes and the last one asked for. Page keys,
 * Home and End jump straight to their target. Reading ahead follows the direction of travel. */
#include "config.h"

#define G_LOG_DOMAIN "lb-window"

#include "lb-cine-rate.h"
#include "lb-error.h"
#include "lb-file-version.h"
#include "lb-window-private.h"

/* Positions read ahead of the one on show, at most, and at most half the cache. */
#define MAX_READ_AHEAD 24

static gboolean
is_multiframe (LbWindow *self)
{
  return self->document != NULL && lb_count_frames_held (self->document) > 1;
}

guint
lb_window_count_positions (LbWindow *self)
{
  if (self->document == NULL)
    return 0;
  if (is_multiframe (self))
    return lb_count_frames_held (self->document);
  if (self->series != NULL && self->series->len > 1)
    return self->series->len;
  return 1;
}

guint
lb_window_get_position (LbWindow *self)
{
  if (is_multiframe (self))
    return lb_document_place_of (self->document, lb_document_get_frame_index (self->document));
  return self->series_index;
}

static char *
key_for (LbWindow *self,
         guint     position)
{
  if (is_multiframe (self))
    return g_strdup_printf ("frame %u of document %u", position,
                            lb_document_get_serial (self->document));
  return lb_file_version_key (g_ptr_array_index (self->series, position));
}

/* ---- Loads (worker threads) ------------------------------------------------------------- */

static gpointer
load_frame (GObject         *source,
            guint            index,
            gsize           *size,
            GDestroyNotify  *destroy,
            GCancellable    *cancellable,
            GError         **error)
{
  LbDecodedFrame *entry = lb_document_decode_frame (LB_DOCUMENT (source), index, cancellable,
                                                    error);

  if (entry != NULL)
    {
      *size = lb_decoded_frame_get_size (entry);
      *destroy = (GDestroyNotify) lb_decoded_frame_unref;
    }
  return entry;
}

static gpointer
load_slice (GObject         *source,
            guint            index,
            gsize           *size,
            GDestroyNotify  *destroy,
            GCancellable    *cancellable,
            GError         **error)
{
  LbDocument *document = lb_document_load (G_FILE (source), 0, cancellable, error);

  if (document != NULL)
    {
      *size = lb_document_get_size (document);
      *destroy = g_object_unref;
    }
  return document;
}

static void
fetch (LbWindow *self,
       guint     position,
       gboolean  urgent)
{
  g_autofree char *key = key_for (self, position);

  if (is_multiframe (self))
    lb_frame_cache_fetch (self->frame_cache, key, load_frame, G_OBJECT (self->document),
                          lb_document_frame_at (self->document, position), urgent);
  else
    lb_frame_cache_fetch (self->frame_cache, key, load_slice,
                          g_ptr_array_index (self->series, position), position, urgent);
}

/* The value on show goes into the cache too, so that going back finds it. */
static void
cache_current (LbWindow *self)
{
  g_autofree char *key = NULL;

  if (lb_window_count_positions (self) <= 1)
    return;
  /* A slice under the key of the version it was read from: one rewritten since is read again. */
  key = !is_multiframe (self) && lb_document_get_version_key (self->document) != NULL
        ? g_strdup (lb_document_get_version_key (self->document))
        : key_for (self, lb_window_get_position (self));
  if (lb_frame_cache_contains (self->frame_cache, key))
    return;
  if (is_multiframe (self))
    {
      LbDecodedFrame *entry = lb_document_get_decoded_frame (self->document);

      if (entry != NULL)
        lb_frame_cache_insert (self->frame_cache, key, lb_decoded_frame_ref (entry),
                               lb_decoded_frame_get_size (entry),
                               (GDestroyNotify) lb_decoded_frame_unref);
    }
  else if (lb_document_get_frame (self->document) != NULL)
    lb_frame_cache_insert (self->frame_cache, key, g_object_ref (self->document),
                           lb_document_get_size (self->document), g_object_unref);
}

/* How many positions fit in half the cache, from the size of the one on show. */
static guint
read_ahead_count (LbWindow *self)
{
  gsize one = 0;

  if (is_multiframe (self))
    {
      LbDecodedFrame *entry = lb_document_get_decoded_frame (self->document);

      one = entry != NULL ? lb_decoded_frame_get_size (entry) : 0;
    }
  else
    one = lb_document_get_size (self->document);
  if (one == 0)
    return 1;
  return (guint) CLAMP (lb_frame_cache_get_bound (self->frame_cache) / 2 / one, 1,
                        MAX_READ_AHEAD);
}

/* Asks for `positions` in order, after forgetting the asks not started yet. */
static void
want_positions (LbWindow    *self,
                const guint *positions,
                guint        n)
{
  lb_frame_cache_cancel_fetches (self->frame_cache, FALSE);
  for (guint i = 0; i < n; i++)
    fetch (self, positions[i], FALSE);
}

/* ---- Showing a position ----------------------------------------------------------------- */

/* The panes beside the image (tags, histogram) follow once the positions stop changing: filling
 * them for every slice passed would take most of the time of a step. */
#define PANES_DELAY_MS 150

static gboolean
on_panes_timeout (gpointer user_data)
{
  LbWindow *self = user_data;

  self->panes_timeout = 0;
  lb_window_update_task_title (self);
  if (lb_cine_get_playing (self->cine))
    return G_SOURCE_REMOVE;
  g_debug ("panes follow position %u", lb_window_get_position (self) + 1);
  lb_window_update_panes (self);
  return G_SOURCE_REMOVE;
}

static void
update_panes_later (LbWindow *self)
{
  g_clear_handle_id (&self->panes_timeout, g_source_remove);
  self->panes_timeout = g_timeout_add (PANES_DELAY_MS, on_panes_timeout, self);
}

/* Shows `position` if it is in the cache. */
static gboolean
show_position (LbWindow *self,
               guint     position)
{
  g_autofree char *key = key_for (self, position);
  gpointer value = lb_frame_cache_lookup (self->frame_cache, key);

  if (value == NULL)
    return FALSE;
  g_debug ("show position %u", position + 1);
  if (is_multiframe (self))
    {
      lb_document_show_frame (self->document, value);
      lb_window_frame_changed (self);
    }
  else
    {
      g_autoptr (LbDocument) document = g_object_ref (value);

      self->series_index = position;
      self->quick_show = TRUE;
      lb_window_present_document (self, document, TRUE);
      self->quick_show = FALSE;
    }
  update_panes_later (self);
  return TRUE;
}

/* ---- Stepping toward the target --------------------------------------------------------- */

/* A step is shown only once the one before it has been painted: two steps in one frame would
 * put only the second on screen, and a held key must show every slice it passes. */
static void
on_after_paint (GdkFrameClock *clock,
                LbWindow      *self)
{
  self->step_painted = TRUE;
}

static gboolean
may_step (LbWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->canvas));

  if (clock == NULL)
    return TRUE;
  if (clock != self->paint_clock)
    {
      self->paint_clock = clock;
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), self, 0);
      self->step_painted = TRUE;
    }
  return self->step_painted;
}

static void
read_ahead_from (LbWindow *self,
                 guint     from,
                 int       direction)
{
  guint count = lb_window_count_positions (self);
  guint n = read_ahead_count (self);
  g_autofree guint *positions = g_new (guint, n + 1);
  guint len = 0;
  gint64 p = from;

  for (guint i = 0; i < n; i++)
    {
      p += direction;
      if (p < 0 || p >= count)
        break;
      positions[len++] = p;
    }
  want_positions (self, positions, len);
}

static gboolean
on_step_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  LbWindow *self = user_data;
  guint position = lb_window_get_position (self);
  guint next;

  if (self->document == NULL || self->step_target >= lb_window_count_positions (self)
      || position == self->step_target)
    {
      self->step_tick = 0;
      return G_SOURCE_REMOVE;
    }
  next = self->step_jump ? self->step_target
                         : position + (self->step_target > position ? 1 : -1);
  if (!may_step (self))
    return G_SOURCE_CONTINUE;
  if (show_position (self, next))
    self->step_painted = FALSE;
  else
    {
      g_debug ("step: position %u not decoded yet", next + 1);
      fetch (self, next, TRUE);
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_stepping (LbWindow *self)
{
  if (self->step_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas), self->step_tick);
  self->step_tick = 0;
}

/* A load that failed for the position the steps wait for: say so and stay where we are. */
static void
on_cache_loaded (LbFrameCache *cache,
                 const char   *key,
                 GError       *error,
                 LbWindow     *self)
{
  guint position;
  g_autofree char *wanted = NULL;

  if (error == NULL || self->step_tick == 0)
    return;
  position = lb_window_get_position (self);
  wanted = key_for (self, self->step_jump ? self->step_target
                                          : position + (self->step_target > position ? 1 : -1));
  if (g_strcmp0 (key, wanted) == 0)
    {
      g_autofree char *reason = lb_error_get_reason (error);
      g_autofree char *details = lb_error_get_details (error);

      stop_stepping (self);
      lb_window_file_toast (self, reason, details, NULL, NULL);
    }
}

void
lb_window_navigate (LbWindow *self,
                    int       delta)
{
  guint count = lb_window_count_positions (self);
  guint position, from;
  gint64 target;
  int direction = delta > 0 ? 1 : -1;

  /* The three-plane layout moves its own plane; linked viewports follow the step. */
  if (self->document != NULL && delta != 0)
    {
      if (lb_window_reformat_navigate (self, delta))
        return;
      lb_layout_follow_navigation (self->layout, delta);
    }
  if (count <= 1 || delta == 0)
    return;
  g_debug ("navigate %d", delta);
  lb_cine_set_playing (self->cine, FALSE);
  cache_current (self);
  position = lb_window_get_position (self);
  /* Steps add to the steps not shown yet; a jump goes from where the image is. */
  from = self->step_tick != 0 && !self->step_jump ? self->step_target : position;
  target = CLAMP ((gint64) from + delta, 0, (gint64) count - 1);
  if (self->step_tick != 0 && self->step_direction != direction)
    lb_frame_cache_cancel_fetches (self->frame_cache, TRUE);
  self->step_target = target;
  self->step_jump = ABS (delta) > 1;
  self->step_direction = direction;
  if ((guint) target == position)
    {
      stop_stepping (self);
      return;
    }
  fetch (self, target, TRUE);
  read_ahead_from (self, self->step_jump ? (guint) target : position, direction);
  if (self->step_tick == 0)
    {
      /* The first step shows at once when it is decoded; the rest follow the frame clock. */
      on_step_tick (GTK_WIDGET (self->canvas), NULL, self);
      if (lb_window_get_position (self) != self->step_target)
        self->step_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->canvas), on_step_tick,
                                                        self, NULL);
    }
}

/* ---- Cine -------------------------------------------------------------------------------- */

static guint
cine_count (gpointer data)
{
  return lb_window_count_positions (data);
}

static guint
cine_position (gpointer data)
{
  return lb_window_get_position (data);
}

static gboolean
cine_show (gpointer data,
           guint    position)
{
  LbWindow *self = data;

  if (show_position (self, position))
    return TRUE;
  fetch (self, position, TRUE);
  return FALSE;
}

static void
cine_want (gpointer     data,
           const guint *positions,
           guint        n)
{
  LbWindow *self = data;

  want_positions (self, positions, MIN (n, read_ahead_count (self)));
}

static const LbCineTarget cine_target = {
  cine_count, cine_position, cine_show, cine_want,
};

/* The rate of the object on show; a series plays at the rate its first slice names. */
static void
update_cine_rate (LbWindow *self)
{
  LbCineRateSource source;
  const LbDicomFile *dicom = self->document != NULL ? lb_document_get_dicom (self->document)
                                                    : NULL;
  double rate = lb_cine_rate_for_dicom (dicom, &source);

  lb_cine_set_rate (self->cine, rate, lb_cine_rate_source_name (source));
}

static void
on_cine_playing (LbWindow *self)
{
  cache_current (self);
  stop_stepping (self);
  /* While playing the panes wait; they follow the frame on show at pause. */
  if (!lb_cine_get_playing (self->cine))
    update_panes_later (self);
}

/* The bar under the image, made when there is first something to step through: a single
 * file at start-up does not need it, and it cost 5.6 M instructions before the first image
 * though hidden (bench/README.md, "Start-up at GTK's own cost"). */
static LbCineBar *
ensure_cine_bar (LbWindow *self)
{
  if (self->cine_bar == NULL)
    {
      self->cine_bar = LB_CINE_BAR (g_object_new (LB_TYPE_CINE_BAR, "visible", FALSE, NULL));
      gtk_box_append (GTK_BOX (self->image_page), GTK_WIDGET (self->cine_bar));
      lb_cine_bar_set_cine (self->cine_bar, self->cine);
    }
  return self->cine_bar;
}

/* The document on show changed (a file opened, a slice or frame shown): the bar follows. */
void
lb_window_frames_document_changed (LbWindow *self)
{
  guint count = lb_window_count_positions (self);

  if (!lb_cine_get_playing (self->cine))
    update_cine_rate (self);
  if (count <= 1 && self->cine_bar == NULL)
    return;
  lb_cine_bar_set_position (ensure_cine_bar (self), lb_window_get_position (self), count);
  gtk_widget_set_visible (GTK_WIDGET (self->cine_bar), count > 1);
}

/* A new series or file from outside: forget the steps and loads of the old one. */
void
lb_window_frames_reset (LbWindow *self)
{
  lb_cine_set_playing (self->cine, FALSE);
  stop_stepping (self);
  lb_frame_cache_cancel_fetches (self->frame_cache, TRUE);
}

static gboolean
same_files (GPtrArray *a,
            GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_file_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* The series is about to be `series`. The sidebar hands over the series of the file on show
 * once its folder is read, often after play began: the same files, or other files around a
 * multi-frame object (whose positions are its frames), leave play and steps alone. */
void
lb_window_frames_series_changing (LbWindow  *self,
                                  GPtrArray *series)
{
  if (same_files (self->series, series) || is_multiframe (self))
    return;
  lb_window_frames_reset (self);
}

static void
on_cache_size_changed (LbWindow *self)
{
  guint mb = g_settings_get_uint (self->settings, "frame-cache-mb");
  guint64 bound = mb > 0 ? (guint64) mb * 1024 * 1024 : lb_frame_cache_default_bound ();

  g_debug ("frame cache bound %" G_GUINT64_FORMAT " MiB", bound / 1024 / 1024);
  lb_frame_cache_set_bound (self->frame_cache, bound);
}

static void
toggle_play_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  LbWindow *self = LB_WINDOW (widget);

  lb_window_frames_document_changed (self);
  lb_cine_set_playing (self->cine, !lb_cine_get_playing (self->cine));
}

static void
cine_speed_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  lb_cine_step_speed (LB_WINDOW (widget)->cine, g_variant_get_int32 (param));
}

void
lb_window_frames_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (LB_TYPE_CINE_BAR);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, image_page);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, toggle_play_action);
  gtk_widget_class_install_action (widget_class, "win.cine-speed", "i", cine_speed_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "win.cine-speed",
                                       "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "win.cine-speed",
                                       "i", -1);
}

/* GtkWindow binds Space to activating the focused widget, ahead of a subclass's bindings: the
 * canvas, which has the keys while the image is on show, takes Space itself (as it takes the
 * arrows). */
static void
add_play_key (LbWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                      gtk_named_action_new ("win.play")));
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), shortcuts);
}

void
lb_window_frames_init (LbWindow *self)
{
  add_play_key (self);
  self->frame_cache = lb_frame_cache_new (lb_frame_cache_default_bound ());
  g_signal_connect_object (self->frame_cache, "loaded", G_CALLBACK (on_cache_loaded), self, 0);
  g_signal_connect_object (self->settings, "changed::frame-cache-mb",
                           G_CALLBACK (on_cache_size_changed), self, G_CONNECT_SWAPPED);
  on_cache_size_changed (self);
  self->cine = lb_cine_new ();
  lb_cine_set_target (self->cine, GTK_WIDGET (self->canvas), &cine_target, self);
  g_signal_connect_object (self->cine, "notify::playing", G_CALLBACK (on_cine_playing), self,
                           G_CONNECT_SWAPPED);
}

void
lb_window_frames_dispose (LbWindow *self)
{
  if (self->cine != NULL)
    lb_cine_set_target (self->cine, NULL, NULL, NULL);
  g_clear_object (&self->cine);
  if (self->frame_cache != NULL)
    lb_frame_cache_cancel_fetches (self->frame_cache, TRUE);
  g_clear_object (&self->frame_cache);
  g_clear_handle_id (&self->panes_timeout, g_source_remove);
  self->step_tick = 0;
}
