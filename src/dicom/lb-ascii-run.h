/* lb-ascii-run.h: whether a run of bytes is plain ASCII from `lowest` to '~' with no backslash,
 * eight bytes at a time. The header scan (UIDs, graphic 0x21-0x7e) and the study model (values
 * copied without a character set conversion, printable 0x20-0x7e) ask this of thousands of
 * values a scan. Plain C, header only. */
#ifndef LB_ASCII_RUN_H
#define LB_ASCII_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The "has a byte less than / more than / equal to" word tests, each exact: a word without such
 * a byte gives 0. `lowest` is at most 0x7e. */
static inline bool
lb_ascii_run (const uint8_t *b, size_t n, uint8_t lowest)
{
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  size_t k = 0;
  for (; k + 8 <= n; k += 8)
    {
      uint64_t x;
      memcpy (&x, b + k, sizeof x);
      uint64_t below = (x - ones * lowest) & ~x & highs;
      uint64_t above = ((x + ones * (0x7f - 0x7e)) | x) & highs;
      uint64_t bs = x ^ ones * '\\';
      uint64_t backslash = (bs - ones) & ~bs & highs;
      if ((below | above | backslash) != 0)
        return false;
    }
  for (; k < n; k++)
    if (b[k] < lowest || b[k] > 0x7e || b[k] == '\\')
      return false;
  return true;
}

#endif
