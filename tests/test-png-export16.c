/* test-png-export16.c: 16-bit data export of 16-bit integer frames (lb_png_export_frame): the
 * typed row loop for "stored value + a whole number" must give what the general path gives,
 * clamp16 (round (slope * stored + intercept + offset)), at the edges of the range too. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <png.h>
#include <string.h>

#include "lb-png.h"

static const int16_t signed_values[] = { -32768, -1025, -1024, -1, 0, 1, 1000, 31743, 32767 };

static uint16_t
expected (double v)
{
  if (!(v > 0))
    return 0;
  return v >= 65535 ? 65535 : (uint16_t) floor (v + 0.5);
}

/* Exports a one-row frame and returns its 16-bit samples (read back through libpng). */
static uint16_t *
export_row (LbDicomSampleType type, const void *data, size_t n, LbPngExportKind kind,
            double slope, double intercept, double offset)
{
  LbDicomFrame f;
  memset (&f, 0, sizeof f);
  f.width = (uint32_t) n;
  f.height = 1;
  f.samples = 1;
  f.bits = 16;
  f.is_signed = type == LB_DICOM_SAMPLE_S16;
  f.type = type;
  f.photometric = LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  f.data = (void *) data;
  f.data_len = n * 2;
  f.min = -32768;
  f.max = 65535;
  LbDicomDisplay d;
  lb_dicom_display_init (&d, NULL, &f);
  d.slope = slope;
  d.intercept = intercept;
  LbPngExportOptions o = { .kind = kind, .display = &d, .offset = offset, .replace = true };
  char *dir = g_dir_make_tmp ("lb-png16-XXXXXX", NULL);
  char *path = g_build_filename (dir, "out.png", NULL);
  g_assert_true (lb_png_export_frame (&f, &o, path, NULL, NULL));
  png_image r = { .version = PNG_IMAGE_VERSION };
  g_assert_true (png_image_begin_read_from_file (&r, path));
  r.format = PNG_FORMAT_LINEAR_Y;
  g_assert_cmpuint (r.width, ==, n);
  uint16_t *out = g_new (uint16_t, n);
  g_assert_true (png_image_finish_read (&r, NULL, out, 0, NULL));
  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
  return out;
}

static void
check (LbDicomSampleType type, const void *data, size_t n, LbPngExportKind kind, double slope,
       double intercept, double offset)
{
  uint16_t *out = export_row (type, data, n, kind, slope, intercept, offset);
  for (size_t i = 0; i < n; i++)
    {
      double s = type == LB_DICOM_SAMPLE_S16 ? ((const int16_t *) data)[i]
                                             : ((const uint16_t *) data)[i];
      double v = kind == LB_PNG_EXPORT_STORED16 ? s + offset : slope * s + intercept + offset;
      g_assert_cmpuint (out[i], ==, expected (v));
    }
  g_free (out);
}

static void
test_signed (void)
{
  size_t n = G_N_ELEMENTS (signed_values);
  check (LB_DICOM_SAMPLE_S16, signed_values, n, LB_PNG_EXPORT_STORED16, 1, 0, 32768);
  /* CT: HU + 32768, and HU with no offset (negatives clamp to 0). */
  check (LB_DICOM_SAMPLE_S16, signed_values, n, LB_PNG_EXPORT_MODALITY16, 1, -1024, 32768);
  check (LB_DICOM_SAMPLE_S16, signed_values, n, LB_PNG_EXPORT_MODALITY16, 1, -1024, 0);
  check (LB_DICOM_SAMPLE_S16, signed_values, n, LB_PNG_EXPORT_MODALITY16, 1, 40000, 32768);
  /* Not a whole shift, or not slope 1: the general path. */
  check (LB_DICOM_SAMPLE_S16, signed_values, n, LB_PNG_EXPORT_MODALITY16, 1, 0.5, 32768);
  check (LB_DICOM_SAMPLE_S16, signed_values, n, LB_PNG_EXPORT_MODALITY16, 2, -1024, 32768);
}

static void
test_unsigned (void)
{
  static const uint16_t v[] = { 0, 1, 1023, 1024, 4095, 32768, 65534, 65535 };
  size_t n = G_N_ELEMENTS (v);
  check (LB_DICOM_SAMPLE_U16, v, n, LB_PNG_EXPORT_STORED16, 1, 0, 0);
  check (LB_DICOM_SAMPLE_U16, v, n, LB_PNG_EXPORT_MODALITY16, 1, -1024, 0);
  check (LB_DICOM_SAMPLE_U16, v, n, LB_PNG_EXPORT_MODALITY16, 1, 1000, 0);
  check (LB_DICOM_SAMPLE_U16, v, n, LB_PNG_EXPORT_MODALITY16, 1, -1024, 32768);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png-export16/signed", test_signed);
  g_test_add_func ("/png-export16/unsigned", test_unsigned);
  return g_test_run ();
}
