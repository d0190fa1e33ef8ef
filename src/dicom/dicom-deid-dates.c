/* dicom-deid-dates.c: dates moved by a whole number of days, for the Retain Longitudinal
 * Temporal Information with Modified Dates option of PS3.15 (lb-dicom-deid.h). */
#include "dicom-deid-internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms). */
static int64_t
days_from_civil (int64_t y, unsigned m, unsigned d)
{
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t) doe - 719468;
}

static void
civil_from_days (int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (int64_t) yoe + era * 400 + (*m <= 2);
}

static bool
digits (const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

bool
lb_deid_shift_date (const char *value, int days, char *out, size_t out_size)
{
  /* DA is YYYYMMDD; DT starts with one and goes on with time and offset, which stay. */
  size_t len = strlen (value);
  if (len < 8 || !digits (value, 8) || len + 1 > out_size)
    return false;
  int64_t y = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10
              + (value[3] - '0');
  unsigned m = (unsigned) ((value[4] - '0') * 10 + (value[5] - '0'));
  unsigned d = (unsigned) ((value[6] - '0') * 10 + (value[7] - '0'));
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  civil_from_days (days_from_civil (y, m, d) + days, &y, &m, &d);
  if (y < 1 || y > 9999)
    return false;
  char head[16];
  snprintf (head, sizeof head, "%04u%02u%02u", (unsigned) y, m, d);
  memcpy (out, head, 8);
  memcpy (out + 8, value + 8, len - 8 + 1);
  return true;
}
