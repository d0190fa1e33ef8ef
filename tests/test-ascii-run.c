/* test-ascii-run.c: lb_ascii_run() (src/dicom/lb-ascii-run.h), which tests eight bytes at a time,
 * gives what a byte-by-byte loop gives, for runs of every length up to 40 made of the bytes at
 * and around its bounds (below `lowest`, '~', DEL, the backslash, high bytes), at both lowest
 * values the scan uses. */
#include <glib.h>

#include "lb-ascii-run.h"

static gboolean
byte_loop (const guint8 *b, gsize n, guint8 lowest)
{
  for (gsize k = 0; k < n; k++)
    if (b[k] < lowest || b[k] > 0x7e || b[k] == '\\')
      return FALSE;
  return TRUE;
}

static void
test_against_bytes (void)
{
  static const guint8 edges[] = { 0x00, 0x1f, 0x20, 0x21, 0x22, '0', '9', '.', 'A', 'z', 0x5b,
                                  0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0x81, 0xa0, 0xfe, 0xff };
  GRand *rand = g_rand_new_with_seed (20261207);
  guint8 buf[40];
  guint n_true = 0, n_false = 0;

  for (guint round = 0; round < 200000; round++)
    {
      gsize n = (gsize) g_rand_int_range (rand, 0, sizeof buf + 1);
      /* Mostly plain characters, so that runs that pass are common too. */
      for (gsize k = 0; k < n; k++)
        buf[k] = g_rand_int_range (rand, 0, 8) == 0
                 ? edges[g_rand_int_range (rand, 0, G_N_ELEMENTS (edges))]
                 : (guint8) g_rand_int_range (rand, 0x30, 0x3a);
      for (guint8 lowest = 0x20; lowest <= 0x21; lowest++)
        {
          gboolean want = byte_loop (buf, n, lowest);

          g_assert_cmpint (lb_ascii_run (buf, n, lowest), ==, want);
          if (want)
            n_true++;
          else
            n_false++;
        }
    }
  g_assert_cmpuint (n_true, >, 10000);
  g_assert_cmpuint (n_false, >, 10000);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ascii-run/against-bytes", test_against_bytes);
  return g_test_run ();
}
