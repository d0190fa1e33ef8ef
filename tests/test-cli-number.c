/* test-cli-number.c: scan's hand-made number formats (src/cli/cli-number.c) against snprintf. */
#include <inttypes.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cli-number.h"

static void
check_int (int64_t v)
{
  char want[64], got[64];
  snprintf (want, sizeof want, "%-5" PRId64, v);
  size_t n = lb_cli_format_int_left (got, v, 5);
  got[n] = '\0';
  g_assert_cmpstr (got, ==, want);
}

static void
test_int_left (void)
{
  const int64_t edges[] = { 0, 1, -1, 9, 10, 99999, 100000, -9999, -10000, INT64_MAX, INT64_MIN,
                            INT64_MIN + 1, 4294967296, -4294967296 };
  for (size_t i = 0; i < G_N_ELEMENTS (edges); i++)
    check_int (edges[i]);
  GRand *rand = g_rand_new_with_seed (15);
  for (int i = 0; i < 200000; i++)
    {
      int64_t v = (int64_t) ((uint64_t) g_rand_int (rand) << 32 | g_rand_int (rand));
      check_int (v >> g_rand_int_range (rand, 0, 63));
    }
  g_rand_free (rand);
}

/* Returns whether the hand path took it; checks it printed what snprintf prints. */
static gboolean
check_fixed (double x)
{
  char want[512], got[64];
  snprintf (want, sizeof want, "%10.3f", x);
  size_t n = lb_cli_format_fixed3 (got, x);
  if (n == 0)
    return FALSE;
  got[n] = '\0';
  if (strcmp (got, want) != 0)
    g_error ("%.17g: \"%s\", snprintf \"%s\"", x, got, want);
  return TRUE;
}

static void
test_fixed3 (void)
{
  /* Slice positions as files write them, and their neighbours. */
  const double exact[] = { -300.0, 0.625, 1.5, -1.5, 172.399994, -253.100006, 263.299988,
                           999999.999, -999999.999, 0.001, -0.001, 12345.678, 1e8, -1e8,
                           0.0006, -0.0006, 2.0014, -2.0016, 123456789.1234 };
  for (size_t i = 0; i < G_N_ELEMENTS (exact); i++)
    g_assert_true (check_fixed (exact[i]));
  /* For snprintf: not finite, huge, zero and the values that print as zero (the sign of
   * -0.0001 shows), and values half way between thousandths. */
  const double others[] = { NAN, -NAN, INFINITY, -INFINITY, 1e9, -1e9, 1e300, 0.0, -0.0, 0.0004,
                            -0.0004, 0.0005, -0.0005, 0.0004999, 1.0005, 2.0015, 2.00150001, 1e-300,
                            DBL_MIN, -DBL_MIN };
  for (size_t i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (check_fixed (others[i]));

  GRand *rand = g_rand_new_with_seed (3);
  int taken = 0;
  for (int i = 0; i < 300000; i++)
    {
      double x;
      switch (i % 4)
        {
        case 0:   /* a decimal of up to six digits after the point, as text in a file */
          {
            char text[64];
            snprintf (text, sizeof text, "%.*f", g_rand_int_range (rand, 0, 7),
                      g_rand_double_range (rand, -5000, 5000));
            x = g_ascii_strtod (text, NULL);
            break;
          }
        case 1:   /* thousandths, and a hair off them */
          x = (double) g_rand_int_range (rand, -10000000, 10000000) / 1000.0
              + g_rand_double_range (rand, -2e-9, 2e-9);
          break;
        case 2:   /* anything, of any size */
          {
            uint64_t bits = (uint64_t) g_rand_int (rand) << 32 | g_rand_int (rand);
            memcpy (&x, &bits, sizeof x);
            break;
          }
        default:   /* near zero and near the ties */
          x = (g_rand_int_range (rand, -2000, 2000) + 0.5) / 1000.0
              + g_rand_double_range (rand, -1e-12, 1e-12);
          break;
        }
      taken += check_fixed (x);
    }
  g_rand_free (rand);
  /* The hand path is the common one. */
  g_assert_cmpint (taken, >, 100000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-number/int-left", test_int_left);
  g_test_add_func ("/cli-number/fixed3", test_fixed3);
  return g_test_run ();
}
