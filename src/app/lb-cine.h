/* lb-cine.h: playing the frames of a multi-frame object or the slices of a series at a rate,
 * ticked by a widget's GdkFrameClock. The cine knows positions only: what it plays (a viewer,
 * a viewport) is given as an LbCineTarget. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LB_TYPE_CINE (lb_cine_get_type ())

G_DECLARE_FINAL_TYPE (LbCine, lb_cine, LB, CINE, GObject)

typedef struct {
  guint    (*count)    (gpointer data);                   /* positions, 0 when none */
  guint    (*position) (gpointer data);                   /* the position on show */
  /* Shows `position` if it is decoded (TRUE); else asks for it urgently (FALSE, not shown). */
  gboolean (*show)     (gpointer data, guint position);
  /* Asks for `positions` to be decoded ahead, in this order; forgets earlier asks. */
  void     (*want)     (gpointer data, const guint *positions, guint n);
} LbCineTarget;

/* Frames per second when the object says none. */
#define LB_CINE_DEFAULT_RATE 10.0

LbCine     *lb_cine_new          (void);
/* `widget` gives the frame clock; `target` and `data` must outlive the cine or the next call. */
void        lb_cine_set_target   (LbCine             *self,
                                  GtkWidget          *widget,
                                  const LbCineTarget *target,
                                  gpointer            data);
void        lb_cine_set_rate     (LbCine             *self,
                                  double              frames_per_second,
                                  const char         *source);
double      lb_cine_get_rate     (LbCine             *self);
const char *lb_cine_get_rate_source (LbCine          *self);
void        lb_cine_set_playing  (LbCine             *self,
                                  gboolean            playing);
gboolean    lb_cine_get_playing  (LbCine             *self);
void        lb_cine_set_speed    (LbCine             *self,
                                  double              speed);
double      lb_cine_get_speed    (LbCine             *self);
/* The next speed up (+1) or down (-1) among ¼×, ½×, 1×, 2×, 4×. */
void        lb_cine_step_speed   (LbCine             *self,
                                  int                 direction);
void        lb_cine_set_bounce   (LbCine             *self,
                                  gboolean            bounce);
gboolean    lb_cine_get_bounce   (LbCine             *self);
guint       lb_cine_get_n_shown  (LbCine             *self);
guint       lb_cine_get_n_dropped (LbCine            *self);
/* The position after `position` going `*direction`, looping or bouncing (which turns
 * *direction round at the ends). */
guint       lb_cine_next_position (guint              position,
                                   guint              count,
                                   gboolean           bounce,
                                   int               *direction);

G_END_DECLS
