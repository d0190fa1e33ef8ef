/* cli-number.c: integers and millimetres of scan's listing by hand.
 *
 * A 600-file scan prints 600 lines of "#%-5" PRId64 " %10.3f mm": two snprintf() calls a line
 * took some 2 M instructions, a tenth of the scan, most of them in glibc's exact decimal
 * conversion of the double (printf_fp, multi-precision arithmetic). printf rounds the exact
 * binary value to the nearest thousandth. x * 1000 in double arithmetic is within half a unit
 * in the last place of the exact product (under 1e-4 for the magnitudes taken here), so when
 * it lies clearly closer to one integer r than to the next (not within 1e-3 of a half), the
 * exact product is closer to r too and printf prints r with the point put in, whatever the
 * digits further on. Any value where that is not sure (r of 0, where the sign of -0.0001
 * shows; a value near a half; a large one; not finite) is left to
 * snprintf by the caller. */
#include "cli-number.h"

#include <math.h>
#include <string.h>

/* The decimal digits of v, right-aligned to end (no NUL): the count. */
static size_t
digits_before (char *end, uint64_t v)
{
  size_t n = 0;
  do
    {
      *--end = (char) ('0' + v % 10);
      v /= 10;
      n++;
    }
  while (v != 0);
  return n;
}

size_t
lb_cli_format_int_left (char *out, int64_t v, unsigned width)
{
  char digits[24];
  /* The magnitude as unsigned: -INT64_MIN does not fit an int64_t. */
  uint64_t magnitude = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
  size_t n = digits_before (digits + sizeof digits, magnitude);
  size_t len = 0;
  if (v < 0)
    out[len++] = '-';
  memcpy (out + len, digits + sizeof digits - n, n);
  len += n;
  while (len < width)
    out[len++] = ' ';
  return len;
}

/* Values of magnitude below this: x * 1000 is below 1e12, where half a unit in the last place
 * is 2^-14 (6.1e-5). */
#define FIXED3_LIMIT 1e9
/* How close to a half of a thousandth (a rounding tie) x * 1000 may come: well above the
 * product's own error. */
#define FIXED3_MARGIN 1e-3

size_t
lb_cli_format_fixed3 (char *out, double x)
{
  if (!(fabs (x) < FIXED3_LIMIT))   /* also NaN */
    return 0;
  double scaled = x * 1000.0;
  /* The nearest integer (a wrong one only fails the test below). */
  int64_t thousandths = (int64_t) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
  if (thousandths == 0 || fabs (scaled - (double) thousandths) > 0.5 - FIXED3_MARGIN)
    return 0;
  uint64_t magnitude = thousandths < 0 ? (uint64_t) -thousandths : (uint64_t) thousandths;
  char buf[32];
  char *end = buf + sizeof buf;
  /* Three decimals, the point, then at least one integer digit, as printf. */
  char *p = end;
  for (int i = 0; i < 3; i++)
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  *--p = '.';
  p -= digits_before (p, magnitude);
  if (thousandths < 0)
    *--p = '-';
  size_t len = (size_t) (end - p);
  size_t pad = len < 10 ? 10 - len : 0;
  memset (out, ' ', pad);
  memcpy (out + pad, p, len);
  return pad + len;
}
