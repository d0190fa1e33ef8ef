/* test-cine.c: cine play (src/app/lb-cine.c, lb-cine-rate.c): the rate from each tag in order,
 * loop and bounce, the speed steps. */
#include <gtk/gtk.h>

#include "dicom-builder.h"
#include "lb-cine.h"
#include "lb-cine-rate.h"

typedef struct {
  const char *recommended;             /* (0008,2144) IS */
  const char *cine_rate;               /* (0018,0040) IS */
  const char *frame_time;              /* (0018,1063) DS */
  const char *frame_time_vector;       /* (0018,1065) DS */
} RateTags;

static double
rate_of (const RateTags  *tags,
         LbCineRateSource *source)
{
  Builder ds = builder (TRUE, FALSE);
  g_autoptr (GBytes) bytes = NULL;
  LbDicomFile *file = lb_dicom_file_new (NULL);
  size_t len;
  const guint8 *data;
  double rate;

  str (&ds, 0x0008, 0x0060, "CS", "US");
  if (tags->recommended != NULL)
    str (&ds, 0x0008, 0x2144, "IS", tags->recommended);
  if (tags->cine_rate != NULL)
    str (&ds, 0x0018, 0x0040, "IS", tags->cine_rate);
  if (tags->frame_time != NULL)
    str (&ds, 0x0018, 0x1063, "DS", tags->frame_time);
  if (tags->frame_time_vector != NULL)
    str (&ds, 0x0018, 0x1065, "DS", tags->frame_time_vector);
  bytes = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (lb_dicom_file_read (file, data, len, LB_DICOM_READ_DEFAULT, NULL));
  rate = lb_cine_rate_for_dicom (file, source);
  lb_dicom_file_free (file);
  return rate;
}

static void
test_rate_from_tags (void)
{
  LbCineRateSource source;

  /* Each tag alone. */
  g_assert_cmpfloat_with_epsilon (rate_of (&(RateTags) { .frame_time = "40" }, &source), 25,
                                  1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_FRAME_TIME);
  g_assert_cmpfloat_with_epsilon (
    rate_of (&(RateTags) { .frame_time_vector = "0\\50\\50\\50" }, &source), 20, 1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_FRAME_TIME_VECTOR);
  g_assert_cmpfloat_with_epsilon (rate_of (&(RateTags) { .recommended = "15" }, &source), 15,
                                  1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_RECOMMENDED);
  g_assert_cmpfloat_with_epsilon (rate_of (&(RateTags) { .cine_rate = "12" }, &source), 12,
                                  1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_CINE_RATE);
  g_assert_cmpfloat_with_epsilon (rate_of (&(RateTags) { 0 }, &source), LB_CINE_DEFAULT_RATE,
                                  1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_DEFAULT);

  /* Frame Time first, then the vector, then the hints. */
  g_assert_cmpfloat_with_epsilon (
    rate_of (&(RateTags) { "15", "12", "33.333333", "0\\50" }, &source), 30, 1e-3);
  g_assert_cmpint (source, ==, LB_CINE_RATE_FRAME_TIME);
  g_assert_cmpfloat_with_epsilon (rate_of (&(RateTags) { "15", "12", NULL, "0\\50" }, &source),
                                  20, 1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_FRAME_TIME_VECTOR);
  g_assert_cmpfloat_with_epsilon (rate_of (&(RateTags) { "15", "12", NULL, NULL }, &source), 15,
                                  1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_RECOMMENDED);

  /* Unusable values fall through: 0 ms, a vector of zeros, an absurd rate. */
  g_assert_cmpfloat_with_epsilon (
    rate_of (&(RateTags) { "0", "12", "0", "0\\0\\0" }, &source), 12, 1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_CINE_RATE);
  g_assert_cmpfloat_with_epsilon (rate_of (&(RateTags) { .frame_time = "0.0001" }, &source),
                                  LB_CINE_DEFAULT_RATE, 1e-9);
  g_assert_cmpint (source, ==, LB_CINE_RATE_DEFAULT);
}

static void
test_loop_and_bounce (void)
{
  int direction = 1;
  guint p = 0;
  GString *seen = g_string_new (NULL);

  for (int i = 0; i < 7; i++)
    g_string_append_printf (seen, "%u", p = lb_cine_next_position (p, 4, FALSE, &direction));
  g_assert_cmpstr (seen->str, ==, "1230123");
  g_string_truncate (seen, 0);
  p = 0;
  for (int i = 0; i < 9; i++)
    g_string_append_printf (seen, "%u", p = lb_cine_next_position (p, 4, TRUE, &direction));
  g_assert_cmpstr (seen->str, ==, "123210123");
  g_string_free (seen, TRUE);
  g_assert_cmpuint (lb_cine_next_position (0, 1, TRUE, &direction), ==, 0);
}

static void
test_speed_steps (void)
{
  g_autoptr (LbCine) cine = lb_cine_new ();

  g_assert_cmpfloat (lb_cine_get_speed (cine), ==, 1.0);
  lb_cine_step_speed (cine, 1);
  g_assert_cmpfloat (lb_cine_get_speed (cine), ==, 2.0);
  lb_cine_step_speed (cine, 1);
  lb_cine_step_speed (cine, 1);
  g_assert_cmpfloat (lb_cine_get_speed (cine), ==, 4.0);
  for (int i = 0; i < 6; i++)
    lb_cine_step_speed (cine, -1);
  g_assert_cmpfloat (lb_cine_get_speed (cine), ==, 0.25);
  /* Nothing to play: play does not start. */
  lb_cine_set_playing (cine, TRUE);
  g_assert_false (lb_cine_get_playing (cine));
}

/* ---- Enhanced multi-frame: frames placed along the normal --------------------------------- */

static void
one_item_sequence (Builder    *b,
                   guint16     g,
                   guint16     e,
                   guint16     inner_g,
                   guint16     inner_e,
                   const char *value)
{
  header (b, g, e, "SQ", 0xffffffff);
  item (b, 0xffffffff);
  str (b, inner_g, inner_e, "DS", value);
  item_end (b);
  seq_end (b);
}

/* An enhanced object whose frames lie at z = zs[i] (NULL: no position), axial. */
static LbDicomFile *
enhanced_file (const char *const *zs,
               guint              n,
               GBytes           **bytes)
{
  Builder ds = builder (TRUE, FALSE);
  LbDicomFile *file = lb_dicom_file_new (NULL);
  const guint8 *data;
  size_t len;

  header (&ds, 0x5200, 0x9229, "SQ", 0xffffffff);
  item (&ds, 0xffffffff);
  one_item_sequence (&ds, 0x0020, 0x9116, 0x0020, 0x0037, "1\\0\\0\\0\\1\\0");
  item_end (&ds);
  seq_end (&ds);
  header (&ds, 0x5200, 0x9230, "SQ", 0xffffffff);
  for (guint i = 0; i < n; i++)
    {
      item (&ds, 0xffffffff);
      if (zs[i] != NULL)
        {
          g_autofree char *position = g_strdup_printf ("-100\\-100\\%s", zs[i]);

          one_item_sequence (&ds, 0x0020, 0x9113, 0x0020, 0x0032, position);
        }
      item_end (&ds);
    }
  seq_end (&ds);
  *bytes = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  data = g_bytes_get_data (*bytes, &len);
  g_assert_true (lb_dicom_file_read (file, data, len, LB_DICOM_READ_DEFAULT, NULL));
  return file;
}

static void
test_enhanced_frame_order (void)
{
  const char *zs[] = { "10", "-5", "0", "2.5" };
  const char *sorted[] = { "-5", "0", "2.5", "10" };
  const char *gap[] = { "10", NULL, "0", "2.5" };
  uint32_t *order;
  g_autoptr (GBytes) b1 = NULL;
  g_autoptr (GBytes) b2 = NULL;
  g_autoptr (GBytes) b3 = NULL;
  LbDicomFile *file = enhanced_file (zs, 4, &b1);

  order = lb_dicom_file_frame_order (file, 4);
  g_assert_nonnull (order);
  g_assert_cmpuint (order[0], ==, 1);
  g_assert_cmpuint (order[1], ==, 2);
  g_assert_cmpuint (order[2], ==, 3);
  g_assert_cmpuint (order[3], ==, 0);
  free (order);
  /* More frames claimed than there are per-frame items: no order, and no huge allocation. */
  g_assert_null (lb_dicom_file_frame_order (file, G_MAXINT32));
  lb_dicom_file_free (file);
  /* Already in order: nothing to do. */
  file = enhanced_file (sorted, 4, &b2);
  g_assert_null (lb_dicom_file_frame_order (file, 4));
  lb_dicom_file_free (file);
  /* A frame without a position: the stored order stands. */
  file = enhanced_file (gap, 4, &b3);
  g_assert_null (lb_dicom_file_frame_order (file, 4));
  lb_dicom_file_free (file);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cine/rate-from-tags", test_rate_from_tags);
  g_test_add_func ("/cine/loop-and-bounce", test_loop_and_bounce);
  g_test_add_func ("/cine/speed-steps", test_speed_steps);
  g_test_add_func ("/cine/enhanced-frame-order", test_enhanced_frame_order);
  return g_test_run ();
}
