/* test-frame-label.c: the frame number in words (lb-frame-label.h). A file shown in its own
 * order keeps the texts it always had; one shown in order of position says where the frame
 * comes by position too, in the subtitle and in the corner. */
#include "config.h"

#include "lb-frame-label.h"

static void
assert_label (LbFrameLabelStyle style,
              guint             frame,
              guint             place,
              guint             count,
              gboolean          by_position,
              const char       *expected)
{
  g_autofree char *label = lb_frame_label_format (style, frame, place, count, by_position);

  g_assert_cmpstr (label, ==, expected);
}

static void
test_file_order (void)
{
  assert_label (LB_FRAME_LABEL_TITLE, 0, 0, 2, FALSE, "Frame 1 of 2");
  assert_label (LB_FRAME_LABEL_TITLE, 29, 29, 30, FALSE, "Frame 30 of 30");
  /* the corner's message has a trailing newline (for its old translations): none is drawn */
  assert_label (LB_FRAME_LABEL_CORNER, 0, 0, 2, FALSE, "Frame 1 / 2");
  assert_label (LB_FRAME_LABEL_CORNER, 11, 11, 12, FALSE, "Frame 12 / 12");
}

static void
test_by_position (void)
{
  /* pydicom's eCT_Supplemental.dcm: its second frame comes first by position */
  assert_label (LB_FRAME_LABEL_TITLE, 1, 0, 2, TRUE, "Frame 2 of 2 (#1 by position)");
  assert_label (LB_FRAME_LABEL_CORNER, 1, 0, 2, TRUE, "Frame 2 / 2 (#1 by position)");
  assert_label (LB_FRAME_LABEL_TITLE, 0, 1, 2, TRUE, "Frame 1 of 2 (#2 by position)");
  /* a frame at the same place in both orders is still named by both: the counters agree on
   * it, and the text does not change form from one frame to the next */
  assert_label (LB_FRAME_LABEL_TITLE, 5, 5, 11, TRUE, "Frame 6 of 11 (#6 by position)");
  assert_label (LB_FRAME_LABEL_CORNER, 10, 0, 11, TRUE, "Frame 11 / 11 (#1 by position)");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frame-label/file-order", test_file_order);
  g_test_add_func ("/frame-label/by-position", test_by_position);
  return g_test_run ();
}
