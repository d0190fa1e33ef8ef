/* lb-frame-label.c: the frame number in words (see lb-frame-label.h).
 *
 * Two counters on screen that disagree confuse a student: the cine bar counts by position, the
 * subtitle and the corner by the file's frame number. Where the two differ the texts say both,
 * and say which is which; a file shown in its own order keeps the plain texts. The place is a
 * number (“#1”), not an English ordinal: Korean and Japanese put their own counter word
 * around it (“1번째”, “1 番目”), and no rule for “1st, 2nd, 3rd, 11th” is needed. */
#include "config.h"

#include <glib/gi18n.h>

#include "lb-frame-label.h"

static char *
plain_label (LbFrameLabelStyle style,
             guint             frame,
             guint             count)
{
  if (style == LB_FRAME_LABEL_TITLE)
    return g_strdup_printf (_("Frame %u of %u"), frame + 1, count);
  /* The corner's message keeps its old form (a trailing newline) and so its translations. */
  return g_strchomp (g_strdup_printf (_("Frame %u / %u\n"), frame + 1, count));
}

char *
lb_frame_label_format (LbFrameLabelStyle style,
                       guint             frame,
                       guint             place,
                       guint             count,
                       gboolean          by_position)
{
  if (!by_position)
    return plain_label (style, frame, count);
  if (style == LB_FRAME_LABEL_TITLE)
    /* Translators: the subtitle of a multi-frame file shown in order of position: the frame's
     * number in the file, how many, then its place counted by position (the cine bar's count) */
    return g_strdup_printf (_("Frame %u of %u (#%u by position)"), frame + 1, count, place + 1);
  /* Translators: the canvas corner of a multi-frame file shown in order of position: the frame's
   * number in the file / how many, then its place counted by position (keep it short) */
  return g_strdup_printf (_("Frame %u / %u (#%u by position)"), frame + 1, count, place + 1);
}

char *
lb_frame_label_for_document (LbFrameLabelStyle style,
                             LbDocument       *document,
                             guint             count)
{
  guint frame = lb_document_get_frame_index (document);

  return lb_frame_label_format (style, frame, lb_document_place_of (document, frame), count,
                                lb_document_frames_reordered (document));
}
