/* cli-number.h: the numbers of scan's listing without printf (cli-number.c). */
#ifndef LB_CLI_NUMBER_H
#define LB_CLI_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* snprintf (out, cap, "%-*" PRId64, width, v) for cap >= 21 + width: the characters written
 * (no terminating NUL). */
size_t lb_cli_format_int_left (char *out, int64_t v, unsigned width);

/* snprintf (out, cap, "%10.3f", x) where that is sure without printf's exact decimal
 * conversion: the characters written (no NUL), 0 when x is for snprintf (see cli-number.c).
 * out holds 24 bytes. */
size_t lb_cli_format_fixed3 (char *out, double x);

#endif
