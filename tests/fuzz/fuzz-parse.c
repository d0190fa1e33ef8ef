/* fuzz-parse.c: libFuzzer target for the parser, full and header-only, and every accessor a
 * viewer calls on what was read (values, formatting, sequences, fragments). */
#include <stdint.h>
#include <stdlib.h>

#include <string.h>

#include "lb-dicom.h"
#include "lb-dicom-scan.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
walk_dataset (const LbDicomDataset *ds, unsigned depth)
{
  size_t n = lb_dicom_dataset_count (ds);
  for (size_t i = 0; i < n; i++)
    {
      const LbDicomElement *el = lb_dicom_dataset_get (ds, i);
      free (lb_dicom_element_format_value (el, 64));
      free (lb_dicom_element_get_string (el, 0));
      int64_t iv;
      double dv;
      (void) lb_dicom_element_get_int (el, 0, &iv);
      (void) lb_dicom_element_get_double (el, 1, &dv);
      (void) lb_dicom_element_get_vm (el);
      (void) lb_dicom_element_get_private_creator (el);
      (void) lb_dicom_element_get_keyword (el);
      (void) lb_dicom_element_get_name (el);
      LbDicomDictEntry entry;
      (void) lb_dicom_dict_lookup (lb_dicom_element_get_tag (el), &entry);
      uint64_t uv;
      (void) lb_dicom_element_get_uint (el, lb_dicom_element_get_vm (el), &uv);
      size_t blen;
      const uint8_t *bytes = lb_dicom_element_get_bytes (el, &blen);
      if (bytes != NULL && blen > 0)
        {
          /* Touch the last byte: the value must lie inside the input. */
          volatile uint8_t last = bytes[blen - 1];
          (void) last;
        }
      char *text = lb_dicom_element_get_text (el);
      if (text != NULL)
        free (lb_dicom_escape_text (text));
      free (text);
      free (lb_dicom_element_format_value (el, 0));
      size_t items = lb_dicom_element_get_item_count (el);
      for (size_t k = 0; k < items && depth < 64; k++)
        walk_dataset (lb_dicom_element_get_item (el, k), depth + 1);
      size_t frags = lb_dicom_element_get_fragment_count (el);
      for (size_t k = 0; k < frags; k++)
        {
          size_t len;
          uint64_t off;
          (void) lb_dicom_element_get_fragment (el, k, &len, &off);
        }
    }
}

/* The scan reader (lb-dicom-scan.h) on the whole input and on half of it: when its fast walk
 * reads the input, the full parser must read it too and give the same values. */
static void
check_scanner (const uint8_t *data, size_t size)
{
  static const uint32_t tags[] = {
    LB_DICOM_TAG (0x0008, 0x0016), LB_DICOM_TAG (0x0008, 0x0018), LB_DICOM_TAG (0x0010, 0x0010),
    LB_DICOM_TAG (0x0020, 0x000e), LB_DICOM_TAG (0x0020, 0x0032), LB_DICOM_TAG (0x0028, 0x0010),
  };
  LbDicomScanner *scanner = lb_dicom_scanner_new (tags, sizeof tags / sizeof tags[0]);
  if (scanner == NULL)
    return;
  (void) lb_dicom_scanner_walk (scanner, data, size / 2, false);
  if (lb_dicom_scanner_walk (scanner, data, size, true) == LB_DICOM_SCAN_OK)
    {
      const LbDicomFile *fast = lb_dicom_scanner_file (scanner);
      walk_dataset (lb_dicom_file_get_meta (fast), 0);
      walk_dataset (lb_dicom_file_get_dataset (fast), 0);
      LbDicomFile *full = lb_dicom_file_new (NULL);
      if (!lb_dicom_file_read (full, data, size, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
        abort ();   /* the walk accepted what the parser refuses */
      for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++)
        {
          char *a = lb_dicom_file_get_string (fast, tags[t]);
          char *b = lb_dicom_file_get_string (full, tags[t]);
          if ((a == NULL) != (b == NULL) || (a != NULL && strcmp (a, b) != 0))
            abort ();
          free (a);
          free (b);
        }
      lb_dicom_file_free (full);
    }
  lb_dicom_scanner_free (scanner);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  check_scanner (data, size);
  for (int pass = 0; pass < 2; pass++)
    {
      LbDicomFile *file = lb_dicom_file_new (NULL);
      LbDicomError *error = NULL;
      LbDicomReadFlags flags = pass == 0 ? LB_DICOM_READ_DEFAULT : LB_DICOM_READ_STOP_BEFORE_PIXELS;
      (void) lb_dicom_file_read (file, data, size, flags, &error);
      lb_dicom_error_free (error);
      walk_dataset (lb_dicom_file_get_meta (file), 0);
      walk_dataset (lb_dicom_file_get_dataset (file), 0);
      free (lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0010, 0x0010)));
      const char *ts = lb_dicom_file_get_transfer_syntax (file);
      if (ts != NULL)
        {
          (void) lb_dicom_transfer_syntax_name (ts);
          (void) lb_dicom_uid_name (ts);
        }
      char *sop_class = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0008, 0x0016));
      if (sop_class != NULL)
        (void) lb_dicom_uid_name (sop_class);
      free (sop_class);
      (void) lb_dicom_dataset_get_charset (lb_dicom_file_get_dataset (file));
      (void) lb_dicom_file_lookup (file, LB_DICOM_TAG_PIXEL_DATA);
      size_t blen;
      (void) lb_dicom_file_get_bytes (file, &blen);
      (void) lb_dicom_file_get_error (file);
      lb_dicom_file_free (file);
    }
  return 0;
}
