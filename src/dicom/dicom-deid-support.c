/* dicom-deid-support.c: the run's UID and pseudonym map, new UIDs, and the output's transfer
 * syntax for de-identification (dicom-deid-internal.h). */
#define _GNU_SOURCE
#include "dicom-deid-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* ---- Map ------------------------------------------------------------------------------- */

static uint64_t
hash (char kind, const char *key)
{
  uint64_t h = 1469598103934665603ull ^ (uint8_t) kind;   /* FNV-1a */
  for (const unsigned char *p = (const unsigned char *) key; *p; p++)
    h = (h ^ *p) * 1099511628211ull;
  return h;
}

static size_t
probe (const LbDeidMap *map, char kind, const char *key)
{
  size_t i = (size_t) hash (kind, key) & (map->cap - 1);
  while (map->keys[i] != NULL && !(map->keys[i][0] == kind && strcmp (map->keys[i] + 1, key) == 0))
    i = (i + 1) & (map->cap - 1);
  return i;
}

const char *
lb_deid_map_get (const LbDeidMap *map, char kind, const char *key)
{
  if (map->cap == 0)
    return NULL;
  size_t i = probe (map, kind, key);
  return map->keys[i] != NULL ? map->values[i] : NULL;
}

static bool
grow (LbDeidMap *map)
{
  size_t cap = map->cap ? map->cap * 2 : 256;
  LbDeidMap bigger = { calloc (cap, sizeof (char *)), calloc (cap, sizeof (char *)), map->n, cap };
  if (bigger.keys == NULL || bigger.values == NULL)
    {
      free (bigger.keys);
      free (bigger.values);
      return false;
    }
  for (size_t i = 0; i < map->cap; i++)
    if (map->keys[i] != NULL)
      {
        size_t j = probe (&bigger, map->keys[i][0], map->keys[i] + 1);
        bigger.keys[j] = map->keys[i];
        bigger.values[j] = map->values[i];
      }
  free (map->keys);
  free (map->values);
  *map = bigger;
  return true;
}

const char *
lb_deid_map_put (LbDeidMap *map, char kind, const char *key, const char *value)
{
  if ((map->n + 1) * 2 > map->cap && !grow (map))   /* at most half full */
    return NULL;
  size_t i = probe (map, kind, key);
  if (map->keys[i] != NULL)
    return map->values[i];
  size_t klen = strlen (key);
  char *k = malloc (klen + 2), *v = strdup (value);
  if (k == NULL || v == NULL)
    {
      free (k);
      free (v);
      return NULL;
    }
  k[0] = kind;
  memcpy (k + 1, key, klen + 1);
  map->keys[i] = k;
  map->values[i] = v;
  map->n++;
  return v;
}

void
lb_deid_map_clear (LbDeidMap *map)
{
  for (size_t i = 0; i < map->cap; i++)
    {
      free (map->keys[i]);
      free (map->values[i]);
    }
  free (map->keys);
  free (map->values);
  memset (map, 0, sizeof *map);
}

/* ---- UIDs ------------------------------------------------------------------------------ */

static bool
random_bytes (uint8_t *buf, size_t len)
{
  size_t got = 0;
  while (got < len)
    {
      ssize_t n = getrandom (buf + got, len - got, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      got += (size_t) n;
    }
  return true;
}

bool
lb_deid_new_uid (char out[65])
{
  uint8_t b[16];
  if (!random_bytes (b, sizeof b))
    return false;
  /* A version 4 (random) UUID, as ITU-T X.667 / RFC 4122 4.4 set its bits. */
  b[6] = (uint8_t) ((b[6] & 0x0f) | 0x40);
  b[8] = (uint8_t) ((b[8] & 0x3f) | 0x80);
  unsigned __int128 v = 0;
  for (size_t i = 0; i < sizeof b; i++)
    v = (v << 8) | b[i];
  /* PS3.5 B.2: "2.25." and the UUID as one unsigned decimal integer, no leading zeros. */
  char digits[40];
  size_t n = 0;
  do
    {
      digits[n++] = (char) ('0' + (int) (v % 10));
      v /= 10;
    }
  while (v != 0);
  memcpy (out, "2.25.", 5);
  for (size_t i = 0; i < n; i++)
    out[5 + i] = digits[n - 1 - i];
  out[5 + n] = '\0';
  return true;
}

/* ---- Transfer syntax ------------------------------------------------------------------- */

void
lb_deid_choose_transfer_syntax (const LbDicomFile *file, LbDeidResult *result)
{
  const char *ts = lb_dicom_file_get_transfer_syntax (file);
  /* Explicit VR big endian is retired (PS3.5 A.3); its values are copied in little endian
   * order, so the output says explicit VR little endian. Every other syntax is kept. */
  if (ts == NULL || strcmp (ts, "1.2.840.10008.1.2.2") == 0)
    ts = LB_DICOM_UID_EXPLICIT_VR_LE;
  snprintf (result->transfer_syntax, sizeof result->transfer_syntax, "%s", ts);
}
