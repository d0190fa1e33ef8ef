/* lb-frame-label.h: the frame number in words, for the window's subtitle and the canvas corner.
 * The number is the file's own (frame 1 is the first stored); where the frames are shown in
 * order of position (enhanced objects whose stored order is not their order in space) the text
 * also says where the frame comes by position, which is the cine bar's count. */
#pragma once

#include "lb-document.h"

G_BEGIN_DECLS

typedef enum {
  LB_FRAME_LABEL_TITLE,                /* "Frame 2 of 2 (#1 by position)" */
  LB_FRAME_LABEL_CORNER,               /* "Frame 2 / 2 (#1 by position)" */
} LbFrameLabelStyle;

/* `frame` (in the file) and `place` (by position) count from 0; `by_position`: the frames are
 * shown in an order other than the file's. */
char *lb_frame_label_format       (LbFrameLabelStyle style,
                                   guint             frame,
                                   guint             place,
                                   guint             count,
                                   gboolean          by_position);
/* The label of `document`'s frame on show among the `count` it holds. */
char *lb_frame_label_for_document (LbFrameLabelStyle style,
                                   LbDocument       *document,
                                   guint             count);

G_END_DECLS
