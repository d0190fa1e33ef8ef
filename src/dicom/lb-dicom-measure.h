/* lb-dicom-measure.h: measurements on a decoded frame and histograms of each pipeline stage.
 * No GLib. The viewer's tool controllers, its pipeline view and `lightbox-cli measure` /
 * `lightbox-cli histogram` (CLI.md) all call these, so a number on the canvas, on stdout and in
 * a test comes from one function.
 *
 * Coordinates are continuous image coordinates in pixels: x along the columns, y down the rows,
 * the top-left corner of the image at (0, 0) and the centre of pixel (column i, row j) at
 * (i + 0.5, j + 0.5), as in PS3.3 C.7.6.2.1.1. Geometry (lengths, areas, angles) is computed in
 * these continuous coordinates; integers only appear when pixels are sampled. A pixel belongs to
 * a region when its centre lies inside it:
 *   rect     x <= cx < x + w and y <= cy < y + h (half-open, so a w x h rect on the pixel grid
 *            holds exactly w * h pixels; negative w or h are flipped first);
 *   ellipse  ((cx - CX) / RX)^2 + ((cy - CY) / RY)^2 <= 1 (closed; RX or RY of 0 holds none).
 * Regions are clipped to the image: pixels outside are not counted and the result says so.
 *
 * How a tool controller calls it, on the frame the canvas shows (LbDocument holds the file, the
 * decoded frame and its LbDicomImageInfo; the canvas the LbDicomDisplay):
 *
 *   LbDicomSpacing sp;                               once per frame: spacing and its label
 *   lb_dicom_file_get_spacing (file, frame_index, &sp);
 *   lb_dicom_measure_line (&sp, x1, y1, x2, y2, &px, &mm);     live while dragging
 *   LbDicomRoi roi = { LB_DICOM_ROI_ELLIPSE, cx, cy, rx, ry };
 *   lb_dicom_roi_stats (frame, &display, &sp, &roi, pad_lo, pad_hi, &stats);   on release
 *
 * Only the modality stage of `display` matters to the statistics, so windowing never changes
 * them. Shapes live in image pixel coordinates: zoom, pan, rotation and flips are the view's.
 *
 * Files: dicom-spacing.c (spacing and unit), dicom-measure.c (shapes), dicom-histogram.c,
 * dicom-window-hint.c. */
#pragma once

#include "lb-dicom-pixel.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Spacing and units (dicom-spacing.c) ------------------------------------------------ */

typedef enum {
  LB_DICOM_SPACING_NONE = 0,        /* no spacing: lengths in pixels only */
  LB_DICOM_SPACING_PIXEL,           /* Pixel Spacing (0028,0030), or Pixel Measures (0028,9110) */
  LB_DICOM_SPACING_IMAGER,          /* Imager Pixel Spacing (0018,1164): at the detector */
  LB_DICOM_SPACING_NOMINAL_SCANNED, /* Nominal Scanned Pixel Spacing (0018,2010): on the film */
} LbDicomSpacingSource;

typedef enum {
  LB_DICOM_CALIBRATION_PATIENT = 0, /* a distance in the patient (CT, MR; calibrated projection) */
  LB_DICOM_CALIBRATION_DETECTOR,    /* at the detector plane: magnification not corrected */
  LB_DICOM_CALIBRATION_ERMF,        /* Imager Pixel Spacing / ERMF: an estimate at the patient */
  LB_DICOM_CALIBRATION_UNKNOWN,     /* projection Pixel Spacing without Imager Pixel Spacing */
  LB_DICOM_CALIBRATION_FILM,        /* scanned film: distances on the film */
} LbDicomCalibration;

typedef struct {
  LbDicomSpacingSource source;
  LbDicomCalibration calibration;
  double row_mm;                   /* between the centres of adjacent rows (value 1 of PS3.3) */
  double column_mm;                /* between the centres of adjacent columns (value 2) */
  double ermf;                     /* (0018,1114) when it was applied, else 0 */
} LbDicomSpacing;

/* Resolves the spacing of frame `index` (0-based) by PS3.3 10.7.1.1-10.7.1.3: the Pixel
 * Measures functional group or Pixel Spacing first; Imager Pixel Spacing of a projection
 * radiograph (divided by Estimated Radiographic Magnification Factor when the file has one);
 * Nominal Scanned Pixel Spacing; else none. Pixel Spacing equal to Imager Pixel Spacing is the
 * detector's spacing copied, not calibrated at the patient. Values that are missing, not
 * positive or not finite count as absent. Never fails: *out is always filled. */
void lb_dicom_file_get_spacing (const LbDicomFile *file, uint32_t index, LbDicomSpacing *out);

/* "Pixel Spacing", "Imager Pixel Spacing", "Nominal Scanned Pixel Spacing" or "none". */
const char *lb_dicom_spacing_source_name (LbDicomSpacingSource source);
/* "patient", "detector", "ermf", "unknown", "film": a stable key for machine output. */
const char *lb_dicom_calibration_name (LbDicomCalibration calibration);
/* English sentence for calibrations other than PATIENT ("at the detector: not corrected for
 * magnification"), NULL for PATIENT. The GUI translates its own copy. */
const char *lb_dicom_calibration_note (LbDicomCalibration calibration);

/* The unit of the modality values of frame `index`: "HU" for CT (Rescale Type HU or absent),
 * else Modality LUT Type or Rescale Type (unless "US", unspecified), else PET Units (0054,1001),
 * else "". Written into `out` (at most out_len bytes, NUL-terminated). */
void lb_dicom_file_get_modality_unit (const LbDicomFile *file, uint32_t index, char *out,
                                      size_t out_len);

/* Pixel Padding Value (0028,0120) and Pixel Padding Range Limit (0028,0121) as a closed range
 * of stored values to leave out of statistics. false when the file has no padding value. */
bool lb_dicom_file_get_padding (const LbDicomFile *file, double *low, double *high);

/* ---- Shapes (dicom-measure.c) ----------------------------------------------------------- */

/* Length of the segment (x1, y1)-(x2, y2), in pixels and in mm (NaN when spacing is NONE). */
void lb_dicom_measure_line (const LbDicomSpacing *spacing, double x1, double y1, double x2,
                            double y2, double *length_px, double *length_mm);

/* Angle at vertex (x2, y2) between the rays to (x1, y1) and (x3, y3), 0..180 degrees, measured
 * in mm when the spacing is known (rows and columns may be spaced differently), else in pixels.
 * NaN when a ray has zero length. */
double lb_dicom_measure_angle (const LbDicomSpacing *spacing, double x1, double y1, double x2,
                               double y2, double x3, double y3);

typedef enum {
  LB_DICOM_ROI_RECT,               /* a, b = x, y of a corner; c, d = width, height */
  LB_DICOM_ROI_ELLIPSE,            /* a, b = centre x, y; c, d = semi-axes along x, y */
} LbDicomRoiKind;

typedef struct {
  LbDicomRoiKind kind;
  double a, b, c, d;
} LbDicomRoi;

/* What an ROI holds. Modality values (HU for CT) come from display's modality stage; stats
 * leave out non-finite float samples and Pixel Padding (when given). */
typedef struct {
  uint64_t pixels;                 /* pixels whose centre is inside and inside the image */
  uint64_t padding;                /* of those, left out as Pixel Padding */
  bool     clipped;                /* part of the shape lies outside the image */
  bool     has_values;             /* false: no pixel, or a colour frame (no modality values) */
  double   area_px;                /* geometric area of the shape inside the image, pixels^2 */
  double   area_mm2;               /* area_px x row x column spacing; NaN when spacing is NONE */
  double   mean, sd, min, max;     /* modality values; sd is the population SD */
  double   stored_mean, stored_min, stored_max;
} LbDicomRoiStats;

/* Statistics of `roi` over a grey frame. Colour frames get pixels, area and clipped with
 * has_values false: Lightbox does not turn RGB into a made-up value. padding_low/high: stored
 * values to leave out (NaN, NaN for none). false only on a NULL argument. */
bool lb_dicom_roi_stats (const LbDicomFrame *frame, const LbDicomDisplay *display,
                         const LbDicomSpacing *spacing, const LbDicomRoi *roi,
                         double padding_low, double padding_high, LbDicomRoiStats *out);

/* Whether the centre of pixel (column i, row j) lies inside `roi` (the rule above). */
bool lb_dicom_roi_contains (const LbDicomRoi *roi, uint32_t i, uint32_t j);

/* ---- Histograms of each stage (dicom-histogram.c) ------------------------------------- */

typedef enum {
  LB_DICOM_STAGE_STORED = 0,       /* stored values, as in the file */
  LB_DICOM_STAGE_MODALITY,         /* after rescale / Modality LUT (HU for CT) */
  LB_DICOM_STAGE_DISPLAY,          /* displayed grey 0..255, after VOI and presentation */
} LbDicomStage;

const char *lb_dicom_stage_name (LbDicomStage stage);              /* "stored" ... */
bool        lb_dicom_stage_from_name (const char *name, LbDicomStage *out);

typedef struct {
  double   low, high;              /* [low, high); the last bin includes its high */
  uint64_t count;
} LbDicomBin;

typedef struct {
  LbDicomStage stage;
  uint32_t     n_bins;
  LbDicomBin  *bins;
  bool         integer_bins;       /* one bin per integer value: [v, v + 1) */
  double       min, max, mean, sd; /* of the stage's values; sd is the population SD */
  uint64_t     count;              /* pixels counted (non-finite float values skipped) */
  bool         has_clipping;       /* below/above were counted */
  uint64_t     below, above;       /* pixels the VOI stage clips to its lowest / highest output */
} LbDicomStageHistogram;

/* The histogram of `stage` for a grey frame under `display`. n_bins 0: one bin per integer
 * value when every value is an integer and max - min + 1 <= 4096, else 256 equal bins over
 * [min, max]; otherwise n_bins equal bins. With count_clipping, below/above count pixels whose
 * modality value the VOI stage maps to its first / last output: LINEAR and LINEAR_EXACT by the
 * bounds of PS3.3 C.11.2.1.2, a VOI LUT outside its mapped range; SIGMOID and no window clip
 * nothing. NULL for colour frames or on allocation failure. */
LbDicomStageHistogram *lb_dicom_stage_histogram_new (const LbDicomFrame *frame,
                                                     const LbDicomDisplay *display,
                                                     LbDicomStage stage, uint32_t n_bins,
                                                     bool count_clipping);
void lb_dicom_stage_histogram_free (LbDicomStageHistogram *histogram);

/* Whether the VOI stage clips modality value m: -1 below, +1 above, 0 inside. */
int lb_dicom_voi_clips (const LbDicomDisplay *display, double m);

/* The window's bounds in modality values, the ones lb_dicom_voi_clips uses: LINEAR
 * c - 0.5 -+ (w - 1) / 2 (w >= 1), LINEAR_EXACT and SIGMOID c -+ w / 2, a VOI LUT its first and
 * last mapped value. false when there is no window (VOI source NONE). */
bool lb_dicom_voi_bounds (const LbDicomDisplay *display, double *low, double *high);

/* ---- A window that hides the image (dicom-window-hint.c) ----------------------------------
 * A file's own window can lie far from its values (a PET stored with C 30157 / W 54282 Bq/ml
 * whose values end at 12,107): the image is near black and a student thinks it is broken. */

typedef enum {
  LB_DICOM_HIDDEN_NONE = 0,        /* the window shows the image */
  LB_DICOM_HIDDEN_BELOW,           /* most pixels lie below the window: its lowest output */
  LB_DICOM_HIDDEN_ABOVE,           /* most pixels lie above it: its highest output */
} LbDicomHiddenSide;

typedef struct {
  LbDicomHiddenSide side;
  bool     black;                  /* the hidden pixels are drawn black (else white): the side,
                                    * turned over by MONOCHROME1 / INVERSE / Invert */
  uint64_t count;                  /* pixels counted (non-finite float values skipped) */
  uint64_t at_low, at_high;        /* pixels the window maps to its lowest / highest output */
  uint64_t hidden;                 /* at_low or at_high, by side (0 for NONE) */
  unsigned percent;                /* 100 * hidden / count, rounded down (99.8 % is "99 %") */
  double   low, high;              /* the window's bounds (lb_dicom_voi_bounds) */
  double   min, max;               /* the frame's modality values (HU for CT) */
} LbDicomWindowHint;

/* Whether `display` hides the grey `frame`: true, with `side` set, when its window maps at
 * least 95 % of the pixels, and 95 % of those not at the frame's own extreme on that side, to
 * one end (see dicom-window-hint.c for why). `out` is filled either way (side NONE: false).
 * Colour frames, no window (min/max) and a frame of one value give false. */
bool lb_dicom_window_hint (const LbDicomFrame *frame, const LbDicomDisplay *display,
                           LbDicomWindowHint *out);

#ifdef __cplusplus
}
#endif
