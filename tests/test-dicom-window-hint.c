/* test-dicom-window-hint.c: lb_dicom_window_hint (dicom-window-hint.c), on files built here
 * with dicom-builder.h and on the PET sample whose own window (C 30157 / W 54282 Bq/ml) lies
 * above its values (at most 12,107): which windows hide the image, on which side, in which
 * colour, and which do not (a CT window leaving the air black, the auto window over a
 * background of zeros, a mask, a flat frame, colour). */
#include <glib.h>
#include <math.h>
#include <string.h>

#include "dicom-builder.h"
#include "lb-dicom.h"
#include "lb-dicom-measure.h"
#include "lb-dicom-pixel.h"

#define SIDE 20
#define N (SIDE * SIDE)

typedef struct {
  LbDicomFile *file;
  LbDicomImageInfo *info;
  LbDicomFrame *frame;
  LbDicomDisplay display;    /* the file's own: lb_dicom_display_init */
} Image;

/* A 20 x 20 unsigned 16-bit file, explicit VR little endian, pixel i holding values[i], with
 * the photometric interpretation, rescale and window given (slope 0: no rescale; width 0: no
 * window). */
static void
image_build (Image *im, const guint16 *values, const char *photometric, double slope,
             double intercept, double center, double width)
{
  Builder ds = builder (TRUE, FALSE);
  char text[64];

  str (&ds, 0x0008, 0x0060, "CS", "PT");
  us (&ds, 0x0028, 0x0002, 1);
  str (&ds, 0x0028, 0x0004, "CS", photometric);
  us (&ds, 0x0028, 0x0010, SIDE);
  us (&ds, 0x0028, 0x0011, SIDE);
  us (&ds, 0x0028, 0x0100, 16);
  us (&ds, 0x0028, 0x0101, 16);
  us (&ds, 0x0028, 0x0102, 15);
  us (&ds, 0x0028, 0x0103, 0);
  if (width > 0)
    {
      g_snprintf (text, sizeof text, "%g", center);
      str (&ds, 0x0028, 0x1050, "DS", text);
      g_snprintf (text, sizeof text, "%g", width);
      str (&ds, 0x0028, 0x1051, "DS", text);
    }
  if (slope != 0)
    {
      g_snprintf (text, sizeof text, "%g", intercept);
      str (&ds, 0x0028, 0x1052, "DS", text);
      g_snprintf (text, sizeof text, "%g", slope);
      str (&ds, 0x0028, 0x1053, "DS", text);
    }
  header (&ds, 0x7fe0, 0x0010, "OW", N * 2);
  for (guint i = 0; i < N; i++)
    put16 (&ds, values[i]);
  g_autoptr (GBytes) bytes = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  LbDicomError *err = NULL;

  im->file = lb_dicom_file_new (NULL);
  if (!lb_dicom_file_read (im->file, data, size, LB_DICOM_READ_DEFAULT, &err))
    g_error ("built file: %s", err->message);
  im->info = lb_dicom_file_get_image_info (im->file, 0, &err);
  g_assert_nonnull (im->info);
  im->frame = NULL;
  if (!lb_dicom_file_decode_frame (im->file, 0, &im->frame, &err))
    g_error ("built frame: %s", err->message);
  lb_dicom_display_init (&im->display, im->info, im->frame);
}

static void
image_load (Image *im, const char *rel)
{
  g_autofree char *path = g_build_filename (LB_SAMPLES, rel, NULL);
  LbDicomError *err = NULL;

  im->file = lb_dicom_file_new (NULL);
  if (!lb_dicom_file_read_path (im->file, path, LB_DICOM_READ_DEFAULT, &err))
    g_error ("%s: %s", path, err->message);
  im->info = lb_dicom_file_get_image_info (im->file, 0, &err);
  g_assert_nonnull (im->info);
  im->frame = NULL;
  if (!lb_dicom_file_decode_frame (im->file, 0, &im->frame, &err))
    g_error ("%s: %s", path, err->message);
  lb_dicom_display_init (&im->display, im->info, im->frame);
}

static void
image_clear (Image *im)
{
  lb_dicom_frame_free (im->frame);
  lb_dicom_image_info_free (im->info);
  lb_dicom_file_free (im->file);
}

/* A PET-like slice: three quarters background (0), the rest uptake 1 .. 100. */
static void
pet_values (guint16 *v)
{
  for (guint i = 0; i < N; i++)
    v[i] = i < N * 3 / 4 ? 0 : (guint16) (1 + (i - N * 3 / 4) % 100);
}

static void
test_window_above_values (void)
{
  guint16 v[N];
  Image im;
  LbDicomWindowHint hint;

  /* Slope 9.12329: uptake 9.1 .. 912.3 Bq/ml; the window [3016, 57297] is far above. */
  pet_values (v);
  image_build (&im, v, "MONOCHROME2", 9.12329, 0, 30157, 54282);
  g_assert_true (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpint (hint.side, ==, LB_DICOM_HIDDEN_BELOW);
  g_assert_true (hint.black);
  g_assert_cmpuint (hint.count, ==, N);
  g_assert_cmpuint (hint.hidden, ==, N);
  g_assert_cmpuint (hint.at_low, ==, N);
  g_assert_cmpuint (hint.at_high, ==, 0);
  g_assert_cmpuint (hint.percent, ==, 100);
  g_assert_cmpfloat (hint.low, ==, 3016);       /* c - 0.5 - (w - 1) / 2 */
  g_assert_cmpfloat (hint.high, ==, 57297);     /* c - 0.5 + (w - 1) / 2 */
  g_assert_cmpfloat (hint.min, ==, 0);
  g_assert_cmpfloat_with_epsilon (hint.max, 100 * 9.12329, 1e-6);

  /* The auto window of the same frame shows the uptake: no hint, though 75 % stays black. */
  lb_dicom_display_set_minmax (&im.display, im.frame);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpint (hint.side, ==, LB_DICOM_HIDDEN_NONE);
  g_assert_cmpuint (hint.at_low, >=, N * 3 / 4);
  g_assert_cmpuint (hint.hidden, ==, 0);

  /* Inverted (the Invert toggle), the hidden pixels are white; the side stays below. */
  lb_dicom_display_set_window (&im.display, 30157, 54282);
  im.display.function = LB_DICOM_VOI_LINEAR;
  im.display.invert = true;
  g_assert_true (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpint (hint.side, ==, LB_DICOM_HIDDEN_BELOW);
  g_assert_false (hint.black);
  image_clear (&im);

  /* MONOCHROME1 turns it over by itself. */
  image_build (&im, v, "MONOCHROME1", 9.12329, 0, 30157, 54282);
  g_assert_true (im.display.invert);
  g_assert_true (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_false (hint.black);
  image_clear (&im);
}

static void
test_window_below_values (void)
{
  guint16 v[N];
  Image im;
  LbDicomWindowHint hint;

  /* Values 1000 .. 1399 under a window [-1000, -801]: everything white, above the window. */
  for (guint i = 0; i < N; i++)
    v[i] = (guint16) (1000 + i);
  image_build (&im, v, "MONOCHROME2", 0, 0, -900, 200);
  g_assert_true (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpint (hint.side, ==, LB_DICOM_HIDDEN_ABOVE);
  g_assert_false (hint.black);
  g_assert_cmpuint (hint.hidden, ==, N);
  g_assert_cmpfloat (hint.min, ==, 1000);
  g_assert_cmpfloat (hint.max, ==, 1399);

  /* A window over the top 6 % of the values leaves 94 % black: not enough to hide it. */
  lb_dicom_display_set_window (&im.display, 1399.5 - 12, 25);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpuint (hint.at_low, ==, 376);   /* x <= c - 0.5 - (w - 1) / 2 = 1375: 94 % */
  /* Over the top 4 %, 96 % black (x <= 1383): hidden. */
  lb_dicom_display_set_window (&im.display, 1399.5 - 8, 17);
  g_assert_true (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpint (hint.side, ==, LB_DICOM_HIDDEN_BELOW);
  g_assert_cmpuint (hint.percent, ==, 96);
  image_clear (&im);
}

static void
test_windows_that_show (void)
{
  guint16 v[N];
  Image im;
  LbDicomWindowHint hint;

  /* A CT slice, half air (-1000 HU) and half soft tissue (20 .. 59 HU), under a brain
   * window (C 40 / W 80): the air is black, the tissue shows. */
  for (guint i = 0; i < N; i++)
    v[i] = i < N / 2 ? 24 : (guint16) (1044 + i % 40);
  image_build (&im, v, "MONOCHROME2", 1, -1024, 40, 80);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpuint (hint.at_low, ==, N / 2);
  image_clear (&im);

  /* 96 % zeros and a little signal, under the auto window: the zeros are black under any
   * window that starts at the lowest value, so this is not the window's fault. */
  for (guint i = 0; i < N; i++)
    v[i] = i < N * 96 / 100 ? 0 : (guint16) (100 + i);
  image_build (&im, v, "MONOCHROME2", 0, 0, 0, 0);
  g_assert_cmpint (im.display.voi_source, ==, LB_DICOM_VOI_SOURCE_NONE);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  lb_dicom_display_set_minmax (&im.display, im.frame);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpuint (hint.at_low, >=, N * 96 / 100);
  image_clear (&im);

  /* A mask, 97 % zeros and 3 % ones, under a window with 0 black and 1 white. */
  for (guint i = 0; i < N; i++)
    v[i] = i < N * 97 / 100 ? 0 : 1;
  image_build (&im, v, "MONOCHROME2", 0, 0, 1, 1);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpuint (hint.at_low, ==, N * 97 / 100);
  image_clear (&im);

  /* One value everywhere: nothing for any window to show. */
  for (guint i = 0; i < N; i++)
    v[i] = 7;
  image_build (&im, v, "MONOCHROME2", 0, 0, 5000, 10);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  image_clear (&im);

  /* Colour frames have no window. */
  guint8 rgb[12] = { 0 };
  LbDicomFrame colour = { .width = 2, .height = 2, .samples = 3, .bits = 8,
                          .type = LB_DICOM_SAMPLE_U8, .photometric = LB_DICOM_PHOTOMETRIC_RGB,
                          .data = rgb, .data_len = sizeof rgb, .min = 0, .max = 0 };
  LbDicomDisplay d = { .slope = 1, .voi_source = LB_DICOM_VOI_SOURCE_WINDOW, .center = 5000,
                       .width = 10 };
  g_assert_false (lb_dicom_window_hint (&colour, &d, &hint));
}

/* The PET sample: 99.8 % of its pixels under the file's window lie below 3016 Bq/ml. */
static void
test_pet_sample (void)
{
  Image im;
  LbDicomWindowHint hint;

  image_load (&im, "derived/dicomdir/IMAGES/PT000001");
  g_assert_cmpuint (im.info->n_windows, ==, 1);
  g_assert_cmpfloat (im.display.center, ==, 30157);
  g_assert_cmpfloat (im.display.width, ==, 54282);
  g_assert_true (lb_dicom_window_hint (im.frame, &im.display, &hint));
  g_assert_cmpint (hint.side, ==, LB_DICOM_HIDDEN_BELOW);
  g_assert_true (hint.black);
  g_assert_cmpuint (hint.count, ==, 168 * 168);
  g_assert_cmpuint (hint.percent, ==, 99);
  /* pydicom: (modality <= 3016).mean () = 0.99812 */
  g_assert_cmpuint (hint.hidden, >=, 28170);
  g_assert_cmpfloat (hint.low, ==, 3016);
  g_assert_cmpfloat (hint.high, ==, 57297);
  g_assert_cmpfloat (hint.min, ==, 0);
  g_assert_cmpfloat_with_epsilon (hint.max, 1327 * 9.12329, 1e-6);   /* 12,106.6 */

  lb_dicom_display_set_minmax (&im.display, im.frame);
  g_assert_false (lb_dicom_window_hint (im.frame, &im.display, &hint));
  image_clear (&im);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-hint/above-values", test_window_above_values);
  g_test_add_func ("/window-hint/below-values", test_window_below_values);
  g_test_add_func ("/window-hint/windows-that-show", test_windows_that_show);
  g_test_add_func ("/window-hint/pet-sample", test_pet_sample);
  return g_test_run ();
}
