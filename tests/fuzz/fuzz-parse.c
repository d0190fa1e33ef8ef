/* fuzz-parse.c: libFuzzer target for the parser, full and header-only, and every accessor a
 * viewer calls on what was read (values, formatting, sequences, fragments). */
#include <stdint.h>
#include <stdlib.h>

#include "lb-dicom.h"

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
      (void) lb_dicom_dict_lookup (lb_dicom_element_get_tag (el));
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

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
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
