/* test-dicom-measure.c: lb-dicom-measure.h against numbers worked out by hand: the pixel-centre
 * rule on its edges, clipping, empty shapes, colour, padding, anisotropic spacing, the spacing
 * rules of PS3.3 10.7.1, the unit, and the stage histograms with their clipped counts. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom-measure.h"
#include "lb-dicom-write.h"

#define T(g, e) LB_DICOM_TAG (0x##g, 0x##e)

/* A w x h grey frame of uint16 (or int16) values v[i] = i * step + offset. */
static LbDicomFrame *
frame_new (uint32_t w, uint32_t h, bool is_signed, int step, int offset)
{
  LbDicomFrame *f = calloc (1, sizeof *f);
  f->width = w;
  f->height = h;
  f->samples = 1;
  f->bits = 16;
  f->is_signed = is_signed;
  f->type = is_signed ? LB_DICOM_SAMPLE_S16 : LB_DICOM_SAMPLE_U16;
  f->photometric = LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  f->data_len = (size_t) w * h * 2;
  f->data = malloc (f->data_len);
  f->min = INFINITY;
  f->max = -INFINITY;
  for (size_t i = 0; i < (size_t) w * h; i++)
    {
      int v = (int) i * step + offset;
      if (is_signed)
        ((int16_t *) f->data)[i] = (int16_t) v;
      else
        ((uint16_t *) f->data)[i] = (uint16_t) v;
      f->min = fmin (f->min, v);
      f->max = fmax (f->max, v);
    }
  return f;
}

static LbDicomDisplay
identity (void)
{
  LbDicomDisplay d;
  memset (&d, 0, sizeof d);
  d.slope = 1;
  d.voi_source = LB_DICOM_VOI_SOURCE_NONE;
  return d;
}

static LbDicomRoiStats
stats (const LbDicomFrame *f, const LbDicomDisplay *d, LbDicomRoiKind kind, double a, double b,
       double c, double e)
{
  LbDicomSpacing sp = { LB_DICOM_SPACING_PIXEL, LB_DICOM_CALIBRATION_PATIENT, 0.5, 0.5, 0 };
  LbDicomRoi roi = { kind, a, b, c, e };
  LbDicomRoiStats st;
  g_assert_true (lb_dicom_roi_stats (f, d, &sp, &roi, NAN, NAN, &st));
  return st;
}

static void
test_rect_centres (void)
{
  /* 4 x 4, values 0..15 row by row. */
  LbDicomFrame *f = frame_new (4, 4, false, 1, 0);
  LbDicomDisplay d = identity ();

  /* The 2 x 2 top-left block: 0, 1, 4, 5; mean 2.5, population SD sqrt (4.25). */
  LbDicomRoiStats st = stats (f, &d, LB_DICOM_ROI_RECT, 0, 0, 2, 2);
  g_assert_cmpuint (st.pixels, ==, 4);
  g_assert_true (st.has_values && !st.clipped);
  g_assert_cmpfloat (st.mean, ==, 2.5);
  g_assert_cmpfloat_with_epsilon (st.sd, sqrt (4.25), 1e-12);
  g_assert_cmpfloat (st.min, ==, 0);
  g_assert_cmpfloat (st.max, ==, 5);
  g_assert_cmpfloat (st.area_px, ==, 4);
  g_assert_cmpfloat (st.area_mm2, ==, 1);   /* 4 pixels of 0.5 x 0.5 mm */

  /* Half-open: [0.5, 1.5) holds the centre 0.5 of pixel 0, not 1.5 of pixel 1. */
  st = stats (f, &d, LB_DICOM_ROI_RECT, 0.5, 0.5, 1, 1);
  g_assert_cmpuint (st.pixels, ==, 1);
  g_assert_cmpfloat (st.mean, ==, 0);

  /* A rect dragged up and to the left is the same rect. */
  st = stats (f, &d, LB_DICOM_ROI_RECT, 4, 4, -2, -2);
  g_assert_cmpuint (st.pixels, ==, 4);
  g_assert_cmpfloat (st.mean, ==, (10 + 11 + 14 + 15) / 4.0);
  lb_dicom_frame_free (f);
}

static void
test_ellipse_centres (void)
{
  LbDicomFrame *f = frame_new (4, 4, false, 1, 0);
  LbDicomDisplay d = identity ();
  /* Radius 1 around (2, 2): the four centres at distance 0.707; (0.5, 1.5) is 1.58 away. */
  LbDicomRoiStats st = stats (f, &d, LB_DICOM_ROI_ELLIPSE, 2, 2, 1, 1);
  g_assert_cmpuint (st.pixels, ==, 4);
  g_assert_cmpfloat (st.mean, ==, (5 + 6 + 9 + 10) / 4.0);
  g_assert_cmpfloat_with_epsilon (st.area_px, M_PI, 1e-12);
  /* Closed: centres exactly on the ellipse count. Around (1.5, 1.5) radius 1: the centre pixel
   * and its four neighbours at distance exactly 1. */
  st = stats (f, &d, LB_DICOM_ROI_ELLIPSE, 1.5, 1.5, 1, 1);
  g_assert_cmpuint (st.pixels, ==, 5);
  g_assert_cmpfloat (st.mean, ==, (5 + 1 + 4 + 6 + 9) / 5.0);
  /* An elongated one: semi-axes 2 x 0.5 at (2, 0.5) hold the top row's 4 centres
   * (|dx| <= 1.5 < 2, dy = 0). */
  st = stats (f, &d, LB_DICOM_ROI_ELLIPSE, 2, 0.5, 2, 0.5);
  g_assert_cmpuint (st.pixels, ==, 4);
  g_assert_cmpfloat (st.max, ==, 3);
  lb_dicom_frame_free (f);
}

static void
test_clipped_and_empty (void)
{
  LbDicomFrame *f = frame_new (4, 4, false, 1, 0);
  LbDicomDisplay d = identity ();
  LbDicomRoiStats st = stats (f, &d, LB_DICOM_ROI_RECT, -1, -1, 2, 2);
  g_assert_cmpuint (st.pixels, ==, 1);
  g_assert_true (st.clipped);
  g_assert_cmpfloat (st.area_px, ==, 1);   /* only the part inside the image */
  /* Half an ellipse outside the left edge: area pi / 2 of radius 1 inside. */
  st = stats (f, &d, LB_DICOM_ROI_ELLIPSE, 0, 2, 1, 1);
  g_assert_true (st.clipped);
  g_assert_cmpfloat_with_epsilon (st.area_px, M_PI / 2, 1e-6);
  /* Wholly outside. */
  st = stats (f, &d, LB_DICOM_ROI_RECT, 10, 10, 3, 3);
  g_assert_cmpuint (st.pixels, ==, 0);
  g_assert_true (st.clipped && !st.has_values);
  g_assert_true (isnan (st.mean) && isnan (st.sd));
  /* Zero width, zero radius: nothing, not a crash or a division by zero. */
  st = stats (f, &d, LB_DICOM_ROI_RECT, 1, 1, 0, 2);
  g_assert_cmpuint (st.pixels, ==, 0);
  g_assert_cmpfloat (st.area_px, ==, 0);
  g_assert_false (st.has_values);
  st = stats (f, &d, LB_DICOM_ROI_ELLIPSE, 2, 2, 0, 1);
  g_assert_cmpuint (st.pixels, ==, 0);
  g_assert_false (st.has_values);
  lb_dicom_frame_free (f);
}

static void
test_modality_signed_padding (void)
{
  /* Signed: -8 .. 7; slope 2, intercept -10. */
  LbDicomFrame *f = frame_new (4, 4, true, 1, -8);
  LbDicomDisplay d = identity ();
  d.slope = 2;
  d.intercept = -10;
  LbDicomRoiStats st = stats (f, &d, LB_DICOM_ROI_RECT, 0, 0, 4, 1);   /* -8 -7 -6 -5 */
  g_assert_cmpfloat (st.stored_mean, ==, -6.5);
  g_assert_cmpfloat (st.stored_min, ==, -8);
  g_assert_cmpfloat (st.stored_max, ==, -5);
  g_assert_cmpfloat (st.mean, ==, -23);
  g_assert_cmpfloat (st.min, ==, -26);
  g_assert_cmpfloat (st.max, ==, -20);
  g_assert_cmpfloat_with_epsilon (st.sd, 2 * sqrt (1.25), 1e-12);

  /* Pixel Padding -8..-7 leaves two of the four out. */
  LbDicomSpacing none = { 0 };
  LbDicomRoi roi = { LB_DICOM_ROI_RECT, 0, 0, 4, 1 };
  g_assert_true (lb_dicom_roi_stats (f, &d, &none, &roi, -8, -7, &st));
  g_assert_cmpuint (st.pixels, ==, 4);
  g_assert_cmpuint (st.padding, ==, 2);
  g_assert_cmpfloat (st.stored_mean, ==, -5.5);
  g_assert_true (isnan (st.area_mm2));   /* no spacing, no mm */
  g_assert_cmpfloat (st.area_px, ==, 4);
  lb_dicom_frame_free (f);
}

static void
test_colour (void)
{
  LbDicomFrame *f = calloc (1, sizeof *f);
  f->width = f->height = 2;
  f->samples = 3;
  f->bits = 8;
  f->type = LB_DICOM_SAMPLE_U8;
  f->photometric = LB_DICOM_PHOTOMETRIC_RGB;
  f->data_len = 12;
  f->data = calloc (1, 12);
  LbDicomDisplay d = identity ();
  LbDicomRoiStats st = stats (f, &d, LB_DICOM_ROI_RECT, 0, 0, 2, 2);
  g_assert_cmpuint (st.pixels, ==, 4);
  g_assert_false (st.has_values);
  g_assert_true (isnan (st.mean));
  g_assert_null (lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_STORED, 0, false));
  lb_dicom_frame_free (f);
}

static void
test_line_angle (void)
{
  LbDicomSpacing sp = { LB_DICOM_SPACING_PIXEL, LB_DICOM_CALIBRATION_PATIENT, 2, 1, 0 };
  double px, mm;
  /* 3 columns and 4 rows: 5 px; 3 x 1 mm and 4 x 2 mm. */
  lb_dicom_measure_line (&sp, 0.5, 0.5, 3.5, 4.5, &px, &mm);
  g_assert_cmpfloat (px, ==, 5);
  g_assert_cmpfloat_with_epsilon (mm, sqrt (9 + 64), 1e-12);
  LbDicomSpacing none = { 0 };
  lb_dicom_measure_line (&none, 0, 0, 3, 4, &px, &mm);
  g_assert_cmpfloat (px, ==, 5);
  g_assert_true (isnan (mm));

  g_assert_cmpfloat_with_epsilon (lb_dicom_measure_angle (&none, 5, 0, 0, 0, 0, 5), 90, 1e-12);
  g_assert_cmpfloat_with_epsilon (lb_dicom_measure_angle (&none, -1, 0, 0, 0, 1, 0), 180, 1e-12);
  g_assert_cmpfloat_with_epsilon (lb_dicom_measure_angle (&none, 1, 0, 0, 0, 1, 1), 45, 1e-12);
  /* Rows twice as far apart as columns: the diagonal pixel step is atan (2) from the x axis. */
  g_assert_cmpfloat_with_epsilon (lb_dicom_measure_angle (&sp, 1, 0, 0, 0, 1, 1),
                                  atan (2) * 180 / M_PI, 1e-12);
  g_assert_true (isnan (lb_dicom_measure_angle (&none, 0, 0, 0, 0, 1, 1)));
}

/* ---- Spacing and unit from a dataset ---------------------------------------------------- */

typedef struct {
  uint8_t *bytes;
  LbDicomFile *file;
} File;

static LbDicomBuilder *
builder_new (const char *modality)
{
  LbDicomBuilder *b = lb_dicom_builder_new ();
  g_assert_true (lb_dicom_builder_set_string (b, T (0008, 0016), LB_DICOM_VR_UI,
                                              "1.2.840.10008.5.1.4.1.1.7", NULL));
  g_assert_true (lb_dicom_builder_set_string (b, T (0008, 0018), LB_DICOM_VR_UI, "1.2.3.4",
                                              NULL));
  g_assert_true (lb_dicom_builder_set_string (b, T (0008, 0060), LB_DICOM_VR_CS, modality,
                                              NULL));
  return b;
}

static void
set_pair (LbDicomBuilder *b, uint32_t tag, double row, double column)
{
  double v[2] = { row, column };
  g_assert_true (lb_dicom_builder_set_ds (b, tag, v, 2, NULL));
}

static File
file_from (LbDicomBuilder *b)
{
  File f = { 0 };
  size_t len = 0;
  f.bytes = lb_dicom_builder_encode (b, NULL, &len, NULL);
  g_assert_nonnull (f.bytes);
  f.file = lb_dicom_file_new (NULL);
  g_assert_true (lb_dicom_file_read (f.file, f.bytes, len, LB_DICOM_READ_DEFAULT, NULL));
  lb_dicom_builder_free (b);
  return f;
}

static void
file_free (File *f)
{
  lb_dicom_file_free (f->file);
  free (f->bytes);
}

static LbDicomSpacing
spacing_of (LbDicomBuilder *b)
{
  File f = file_from (b);
  LbDicomSpacing sp;
  lb_dicom_file_get_spacing (f.file, 0, &sp);
  file_free (&f);
  return sp;
}

static void
test_spacing_rules (void)
{
  LbDicomBuilder *b = builder_new ("CT");
  set_pair (b, T (0028, 0030), 0.7, 0.6);
  LbDicomSpacing sp = spacing_of (b);
  g_assert_cmpint (sp.source, ==, LB_DICOM_SPACING_PIXEL);
  g_assert_cmpint (sp.calibration, ==, LB_DICOM_CALIBRATION_PATIENT);
  g_assert_cmpfloat (sp.row_mm, ==, 0.7);
  g_assert_cmpfloat (sp.column_mm, ==, 0.6);

  /* CR with Imager Pixel Spacing only: at the detector. */
  b = builder_new ("CR");
  set_pair (b, T (0018, 1164), 0.2, 0.2);
  sp = spacing_of (b);
  g_assert_cmpint (sp.source, ==, LB_DICOM_SPACING_IMAGER);
  g_assert_cmpint (sp.calibration, ==, LB_DICOM_CALIBRATION_DETECTOR);
  g_assert_cmpfloat (sp.row_mm, ==, 0.2);
  g_assert_nonnull (lb_dicom_calibration_note (sp.calibration));
  g_assert_cmpstr (lb_dicom_calibration_name (sp.calibration), ==, "detector");

  /* ... with ERMF 1.25: 0.16 mm, an estimate. */
  b = builder_new ("DX");
  set_pair (b, T (0018, 1164), 0.2, 0.2);
  double ermf = 1.25;
  g_assert_true (lb_dicom_builder_set_ds (b, T (0018, 1114), &ermf, 1, NULL));
  sp = spacing_of (b);
  g_assert_cmpint (sp.source, ==, LB_DICOM_SPACING_IMAGER);
  g_assert_cmpint (sp.calibration, ==, LB_DICOM_CALIBRATION_ERMF);
  g_assert_cmpfloat_with_epsilon (sp.row_mm, 0.16, 1e-12);

  /* Pixel Spacing equal to Imager Pixel Spacing: a copy, not calibrated. */
  b = builder_new ("DX");
  set_pair (b, T (0018, 1164), 0.15, 0.15);
  set_pair (b, T (0028, 0030), 0.15, 0.15);
  sp = spacing_of (b);
  g_assert_cmpint (sp.source, ==, LB_DICOM_SPACING_PIXEL);
  g_assert_cmpint (sp.calibration, ==, LB_DICOM_CALIBRATION_DETECTOR);

  /* Different: calibrated. */
  b = builder_new ("DX");
  set_pair (b, T (0018, 1164), 0.15, 0.15);
  set_pair (b, T (0028, 0030), 0.13, 0.13);
  sp = spacing_of (b);
  g_assert_cmpint (sp.calibration, ==, LB_DICOM_CALIBRATION_PATIENT);
  g_assert_cmpfloat (sp.row_mm, ==, 0.13);

  /* A projection radiograph with Pixel Spacing alone: unknown. */
  b = builder_new ("MG");
  set_pair (b, T (0028, 0030), 0.1, 0.1);
  sp = spacing_of (b);
  g_assert_cmpint (sp.calibration, ==, LB_DICOM_CALIBRATION_UNKNOWN);

  /* Scanned film. */
  b = builder_new ("OT");
  set_pair (b, T (0018, 2010), 0.3, 0.3);
  sp = spacing_of (b);
  g_assert_cmpint (sp.source, ==, LB_DICOM_SPACING_NOMINAL_SCANNED);
  g_assert_cmpint (sp.calibration, ==, LB_DICOM_CALIBRATION_FILM);

  /* Nothing, or nonsense (0, negative): none. */
  sp = spacing_of (builder_new ("US"));
  g_assert_cmpint (sp.source, ==, LB_DICOM_SPACING_NONE);
  b = builder_new ("CT");
  set_pair (b, T (0028, 0030), 0, -1);
  sp = spacing_of (b);
  g_assert_cmpint (sp.source, ==, LB_DICOM_SPACING_NONE);
  g_assert_cmpstr (lb_dicom_spacing_source_name (sp.source), ==, "none");

  /* Enhanced: Pixel Measures in the per-frame group of frame 2 wins over the shared one. */
  b = builder_new ("MR");
  LbDicomBuilder *shared = lb_dicom_builder_add_item (b, T (5200, 9229), NULL);
  set_pair (lb_dicom_builder_add_item (shared, T (0028, 9110), NULL), T (0028, 0030), 0.9, 0.9);
  lb_dicom_builder_add_item (b, T (5200, 9230), NULL);
  LbDicomBuilder *frame2 = lb_dicom_builder_add_item (b, T (5200, 9230), NULL);
  set_pair (lb_dicom_builder_add_item (frame2, T (0028, 9110), NULL), T (0028, 0030), 0.4, 0.5);
  File f = file_from (b);
  lb_dicom_file_get_spacing (f.file, 0, &sp);
  g_assert_cmpfloat (sp.row_mm, ==, 0.9);
  lb_dicom_file_get_spacing (f.file, 1, &sp);
  g_assert_cmpfloat (sp.row_mm, ==, 0.4);
  g_assert_cmpfloat (sp.column_mm, ==, 0.5);
  file_free (&f);
}

static void
check_unit (LbDicomBuilder *b, const char *want)
{
  File f = file_from (b);
  char unit[32];
  lb_dicom_file_get_modality_unit (f.file, 0, unit, sizeof unit);
  g_assert_cmpstr (unit, ==, want);
  file_free (&f);
}

static void
test_unit (void)
{
  check_unit (builder_new ("CT"), "HU");
  check_unit (builder_new ("MR"), "");
  LbDicomBuilder *b = builder_new ("PT");
  g_assert_true (lb_dicom_builder_set_string (b, T (0054, 1001), LB_DICOM_VR_CS, "BQML", NULL));
  check_unit (b, "BQML");
  b = builder_new ("MR");
  g_assert_true (lb_dicom_builder_set_string (b, T (0028, 1054), LB_DICOM_VR_LO, "US", NULL));
  check_unit (b, "");   /* "US" is unspecified, not microseconds */
  b = builder_new ("XA");
  g_assert_true (lb_dicom_builder_set_string (b, T (0028, 1054), LB_DICOM_VR_LO, "OD", NULL));
  check_unit (b, "OD");
}

/* ---- Stage histograms ------------------------------------------------------------------- */

static uint64_t
total (const LbDicomStageHistogram *h)
{
  uint64_t n = 0;
  for (uint32_t k = 0; k < h->n_bins; k++)
    n += h->bins[k].count;
  return n;
}

static void
test_histogram_stages (void)
{
  /* 100 values 0..99, slope 2, intercept -100: modality -100..98 in steps of 2. */
  LbDicomFrame *f = frame_new (10, 10, false, 1, 0);
  LbDicomDisplay d = identity ();
  d.slope = 2;
  d.intercept = -100;

  LbDicomStageHistogram *h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_STORED, 0,
                                                           false);
  g_assert_true (h->integer_bins);
  g_assert_cmpuint (h->n_bins, ==, 100);
  g_assert_cmpfloat (h->bins[7].low, ==, 7);
  g_assert_cmpfloat (h->bins[7].high, ==, 8);
  g_assert_cmpuint (h->bins[7].count, ==, 1);
  g_assert_cmpfloat (h->mean, ==, 49.5);
  g_assert_cmpfloat_with_epsilon (h->sd, sqrt ((100.0 * 100 - 1) / 12), 1e-9);
  g_assert_false (h->has_clipping);
  lb_dicom_stage_histogram_free (h);

  h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_MODALITY, 0, false);
  g_assert_true (h->integer_bins);
  g_assert_cmpuint (h->n_bins, ==, 199);        /* -100 .. 98, every integer */
  g_assert_cmpuint (h->bins[0].count, ==, 1);
  g_assert_cmpuint (h->bins[1].count, ==, 0);   /* odd values never occur */
  g_assert_cmpfloat (h->min, ==, -100);
  g_assert_cmpfloat (h->max, ==, 98);
  g_assert_cmpuint (total (h), ==, 100);
  lb_dicom_stage_histogram_free (h);

  /* Slope 0.5: values are not integers, so 256 equal bins; --bins 4 gives 4. */
  d.slope = 0.5;
  d.intercept = 0;
  h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_MODALITY, 0, false);
  g_assert_false (h->integer_bins);
  g_assert_cmpuint (h->n_bins, ==, 256);
  g_assert_cmpuint (total (h), ==, 100);
  g_assert_cmpfloat (h->bins[255].high, ==, 49.5);
  lb_dicom_stage_histogram_free (h);
  h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_MODALITY, 4, false);
  g_assert_cmpuint (h->n_bins, ==, 4);
  g_assert_cmpuint (h->bins[0].count, ==, 25);  /* [0, 12.375): stored 0..24 */
  g_assert_cmpuint (h->bins[3].count, ==, 25);  /* the last bin includes 49.5 */
  lb_dicom_stage_histogram_free (h);

  /* More than 4096 integers: 256 bins. */
  LbDicomFrame *wide = frame_new (100, 50, false, 3, 0);   /* 0 .. 14997 */
  d = identity ();
  h = lb_dicom_stage_histogram_new (wide, &d, LB_DICOM_STAGE_STORED, 0, false);
  g_assert_false (h->integer_bins);
  g_assert_cmpuint (h->n_bins, ==, 256);
  g_assert_cmpuint (total (h), ==, 5000);
  lb_dicom_stage_histogram_free (h);
  lb_dicom_frame_free (wide);
  lb_dicom_frame_free (f);
}

static void
test_histogram_clipping (void)
{
  LbDicomFrame *f = frame_new (10, 10, false, 1, 0);   /* 0 .. 99 */
  LbDicomDisplay d = identity ();
  d.voi_source = LB_DICOM_VOI_SOURCE_WINDOW;
  d.function = LB_DICOM_VOI_LINEAR;
  d.center = 50;
  d.width = 21;
  /* LINEAR: x <= c - 0.5 - (w-1)/2 = 39.5 is below (0..39: 40), x > 59.5 above (60..99: 40). */
  LbDicomStageHistogram *h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_DISPLAY, 0,
                                                           true);
  g_assert_cmpuint (h->below, ==, 40);
  g_assert_cmpuint (h->above, ==, 40);
  g_assert_cmpfloat (h->min, ==, 0);
  g_assert_cmpfloat (h->max, ==, 255);
  g_assert_cmpuint (h->bins[0].count, >=, 40);
  g_assert_cmpuint (h->bins[h->n_bins - 1].count, >=, 40);
  lb_dicom_stage_histogram_free (h);
  /* LINEAR_EXACT: x <= 39.5 below, x > 60.5 above (61..99: 39). */
  d.function = LB_DICOM_VOI_LINEAR_EXACT;
  h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_MODALITY, 0, true);
  g_assert_cmpuint (h->below, ==, 40);
  g_assert_cmpuint (h->above, ==, 39);
  lb_dicom_stage_histogram_free (h);
  /* SIGMOID never reaches its ends. */
  d.function = LB_DICOM_VOI_SIGMOID;
  h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_MODALITY, 0, true);
  g_assert_cmpuint (h->below + h->above, ==, 0);
  lb_dicom_stage_histogram_free (h);
  g_assert_cmpint (lb_dicom_voi_clips (&d, 1e9), ==, 0);

  /* A VOI LUT mapping 10 .. 29 clamps below 10 (0..9) and above 29 (30..99). */
  uint16_t entries[20] = { 0 };
  LbDicomLut lut = { .first_mapped = 10, .count = 20, .bits = 8, .data = entries };
  d.voi_source = LB_DICOM_VOI_SOURCE_LUT;
  d.voi_lut = &lut;
  h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_MODALITY, 0, true);
  g_assert_cmpuint (h->below, ==, 10);
  g_assert_cmpuint (h->above, ==, 70);
  lb_dicom_stage_histogram_free (h);
  /* No window (identity over the frame range) clips nothing. */
  d.voi_source = LB_DICOM_VOI_SOURCE_NONE;
  h = lb_dicom_stage_histogram_new (f, &d, LB_DICOM_STAGE_MODALITY, 0, true);
  g_assert_cmpuint (h->below + h->above, ==, 0);
  lb_dicom_stage_histogram_free (h);

  LbDicomStage s;
  g_assert_true (lb_dicom_stage_from_name ("Display", &s) && s == LB_DICOM_STAGE_DISPLAY);
  g_assert_false (lb_dicom_stage_from_name ("hu", &s));
  lb_dicom_frame_free (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/measure/rect-centres", test_rect_centres);
  g_test_add_func ("/measure/ellipse-centres", test_ellipse_centres);
  g_test_add_func ("/measure/clipped-and-empty", test_clipped_and_empty);
  g_test_add_func ("/measure/modality-signed-padding", test_modality_signed_padding);
  g_test_add_func ("/measure/colour", test_colour);
  g_test_add_func ("/measure/line-angle", test_line_angle);
  g_test_add_func ("/measure/spacing-rules", test_spacing_rules);
  g_test_add_func ("/measure/unit", test_unit);
  g_test_add_func ("/histogram/stages", test_histogram_stages);
  g_test_add_func ("/histogram/clipping", test_histogram_clipping);
  return g_test_run ();
}
