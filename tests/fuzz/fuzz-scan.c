/* fuzz-scan.c: the scan reader's records against fresh walks. A scanner walking one header
 * after another replays the last header's record of each run of plain elements, passes over
 * sequences whose bytes repeat and asks nothing again of private creators it has met
 * (dicom-header-scan*.c): shortcuts that must never change what a walk gives. fuzz-parse.c gives
 * each input a new scanner, so those shortcuts see at most a prefix before the whole; here one
 * scanner walks the input A, a copy B with four bytes changed, and both again, whole and cut,
 * and each walk must give what a new scanner gives on the same bytes: the same result and, when
 * read, the same values, byte order, character set and bytes held.
 *
 * The input's last 8 bytes say where B differs: a 32-bit offset (modulo the size) and the four
 * bytes put there, so a seed is a DICOM file as it is (its last pixel bytes pick the change). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom.h"
#include "lb-dicom-dir.h"
#include "lb-dicom-scan.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const uint32_t tags[] = {
  LB_DICOM_TAG (0x0008, 0x0016), LB_DICOM_TAG (0x0008, 0x0018), LB_DICOM_TAG (0x0008, 0x0060),
  LB_DICOM_TAG (0x0008, 0x103e), LB_DICOM_TAG (0x0010, 0x0010), LB_DICOM_TAG (0x0010, 0x0020),
  LB_DICOM_TAG (0x0020, 0x000d), LB_DICOM_TAG (0x0020, 0x000e), LB_DICOM_TAG (0x0020, 0x0013),
  LB_DICOM_TAG (0x0020, 0x0032), LB_DICOM_TAG (0x0020, 0x0037), LB_DICOM_TAG (0x0028, 0x0010),
  LB_DICOM_TAG (0x0028, 0x0030), LB_DICOM_TAG (0x0002, 0x0002),
};
#define N_TAGS (sizeof tags / sizeof tags[0])

static void
differ (const char *walk, const char *what, uint32_t tag)
{
  fprintf (stderr, "fuzz-scan: walk %s: %s differs from a fresh walk's (tag %08X)\n", walk,
           what, (unsigned) tag);
  abort ();
}

static int
strings_differ (const char *a, const char *b)
{
  return (a == NULL) != (b == NULL) || (a != NULL && strcmp (a, b) != 0);
}

static void
compare_values (const char *walk, const LbDicomFile *a, const LbDicomFile *b)
{
  if (strings_differ (lb_dicom_file_get_transfer_syntax (a), lb_dicom_file_get_transfer_syntax (b)))
    differ (walk, "the transfer syntax", 0);
  if (lb_dicom_file_is_big_endian (a) != lb_dicom_file_is_big_endian (b))
    differ (walk, "the byte order", 0);
  if (lb_dicom_dir_is_dicomdir (a) != lb_dicom_dir_is_dicomdir (b))
    differ (walk, "DICOMDIR or not", 0);
  if (strings_differ (lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (a)),
                      lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (b))))
    differ (walk, "the character set", 0);
  if (lb_dicom_file_get_held_bytes (a) != lb_dicom_file_get_held_bytes (b))
    differ (walk, "the bytes held", 0);
  for (size_t t = 0; t < N_TAGS; t++)
    {
      const LbDicomElement *x = lb_dicom_file_lookup (a, tags[t]);
      const LbDicomElement *y = lb_dicom_file_lookup (b, tags[t]);
      if ((x == NULL) != (y == NULL))
        differ (walk, "being there", tags[t]);
      if (x == NULL)
        continue;
      uint32_t vm = lb_dicom_element_get_vm (x);
      if (vm != lb_dicom_element_get_vm (y))
        differ (walk, "the value multiplicity", tags[t]);
      for (uint32_t i = 0; i < vm && i < 16; i++)
        {
          char *sx = lb_dicom_element_get_string (x, i);
          char *sy = lb_dicom_element_get_string (y, i);
          int d = strings_differ (sx, sy);
          free (sx);
          free (sy);
          if (d)
            differ (walk, "a value", tags[t]);
          double dx = 0, dy = 0;
          if (lb_dicom_element_get_double (x, i, &dx) != lb_dicom_element_get_double (y, i, &dy)
              || memcmp (&dx, &dy, sizeof dx) != 0)
            differ (walk, "a number", tags[t]);
        }
    }
}

/* `scanner` (with the records of the walks before) and a new scanner walk the same bytes. */
static void
walk_as_fresh (LbDicomScanner *scanner, const uint8_t *bytes, size_t len, bool whole,
               const char *walk)
{
  LbDicomScanner *fresh = lb_dicom_scanner_new (tags, N_TAGS);
  if (fresh == NULL)
    return;
  LbDicomScanResult r_fresh = lb_dicom_scanner_walk (fresh, bytes, len, whole);
  LbDicomScanResult r = lb_dicom_scanner_walk (scanner, bytes, len, whole);
  if (r != r_fresh)
    {
      fprintf (stderr, "fuzz-scan: walk %s: %d with records, %d fresh\n", walk, r, r_fresh);
      abort ();
    }
  if (r == LB_DICOM_SCAN_OK)
    compare_values (walk, lb_dicom_scanner_file (scanner), lb_dicom_scanner_file (fresh));
  lb_dicom_scanner_free (fresh);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 16)
    return 0;
  size_t len = size - 8;
  const uint8_t *change = data + len;
  uint32_t offset = (uint32_t) change[0] | (uint32_t) change[1] << 8
                    | (uint32_t) change[2] << 16 | (uint32_t) change[3] << 24;
  uint8_t *a = malloc (len), *b = malloc (len);
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, N_TAGS);
  if (a == NULL || b == NULL || scanner == NULL)
    abort ();
  memcpy (a, data, len);
  memcpy (b, data, len);
  offset %= (uint32_t) len;
  memcpy (b + offset, change + 4, len - offset < 4 ? len - offset : 4);

  walk_as_fresh (scanner, a, len, true, "A");
  walk_as_fresh (scanner, b, len, true, "B after A");
  walk_as_fresh (scanner, a, len, true, "A after B");
  walk_as_fresh (scanner, a, len, true, "A again");
  walk_as_fresh (scanner, b, offset + 4 < len ? offset + 4 : len, false, "B cut after its change");
  walk_as_fresh (scanner, b, len, true, "B after B cut");
  walk_as_fresh (scanner, a, len / 2, false, "A cut in half");
  walk_as_fresh (scanner, b, len, true, "B last");

  lb_dicom_scanner_free (scanner);
  free (a);
  free (b);
  return 0;
}
