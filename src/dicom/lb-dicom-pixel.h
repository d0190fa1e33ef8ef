/* lb-dicom-pixel.h: image description, frame decoding and the display pipeline.
 * Owned by the pixel pipeline (dicom-pixel.c, dicom-voi.c, dicom-presets.c). No GLib.
 *
 * The pipeline of PS3.3 C.11 / PS3.4 N.2, one pure stage at a time:
 *
 *   stored value --(Modality LUT: slope/intercept or LUT)--> modality value (HU for CT)
 *                --(VOI: window LINEAR/LINEAR_EXACT/SIGMOID or VOI LUT)--> 0..255
 *                --(presentation: MONOCHROME1, Presentation LUT Shape INVERSE)--> display grey
 *
 * For frames whose stored values are integers of at most 16 bits the three stages fold into one
 * table of at most 65,536 entries indexed by the stored value (LbDicomDisplayLut). A window drag
 * rebuilds that table (lb_dicom_display_lut_build) and re-maps the frame (lb_dicom_render); the
 * frame is never decoded again. 32-bit and float frames go through the same functions per pixel.
 *
 * Colour (RGB, YBR_*, PALETTE COLOR) skips modality and VOI. decode_frame converts YBR_FULL,
 * YBR_FULL_422 (and YBR_PARTIAL_420 from codecs) to RGB, to the sample what DCMTK shows
 * (dicom-ybr.c), and looks PALETTE COLOR indices up in the palette, so every colour frame comes
 * out as interleaved RGB. JPEG colour is converted by the Photometric Interpretation alone, never
 * by the stream's JFIF/Adobe markers or component ids (codec-jpeg8.c).
 */
#pragma once

#include "lb-dicom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  LB_DICOM_PHOTOMETRIC_UNKNOWN = 0,
  LB_DICOM_PHOTOMETRIC_MONOCHROME1,
  LB_DICOM_PHOTOMETRIC_MONOCHROME2,
  LB_DICOM_PHOTOMETRIC_RGB,
  LB_DICOM_PHOTOMETRIC_YBR_FULL,
  LB_DICOM_PHOTOMETRIC_YBR_FULL_422,
  LB_DICOM_PHOTOMETRIC_YBR_PARTIAL_420,
  LB_DICOM_PHOTOMETRIC_YBR_RCT,
  LB_DICOM_PHOTOMETRIC_YBR_ICT,
  LB_DICOM_PHOTOMETRIC_PALETTE_COLOR,
} LbDicomPhotometric;

LbDicomPhotometric lb_dicom_photometric_from_string (const char *value);   /* trims padding */
const char        *lb_dicom_photometric_name (LbDicomPhotometric p);       /* "MONOCHROME2" */
/* MONOCHROME1 and MONOCHROME2. */
bool               lb_dicom_photometric_is_grey (LbDicomPhotometric p);

/* What one frame looks like, from the Image Pixel module. */
typedef struct {
  uint32_t rows;
  uint32_t columns;
  uint32_t frames;                 /* Number of Frames, 1 when absent */
  uint16_t samples_per_pixel;
  uint16_t bits_allocated;         /* 1, 8, 16, 32 (64 for Double Float Pixel Data) */
  uint16_t bits_stored;
  uint16_t high_bit;
  uint16_t pixel_representation;   /* 0 unsigned, 1 two's complement */
  uint16_t planar_configuration;   /* 0 interleaved (R1G1B1...), 1 planar (RRR...GGG...BBB) */
  LbDicomPhotometric photometric;
  bool     is_float;               /* Float (7FE0,0008) or Double Float (7FE0,0009) Pixel Data */
} LbDicomFrameInfo;

/* Reads (0028,0002/0004/0006/0008/0010/0011/0100/0101/0102/0103) and which pixel data element
 * is present, and checks them: rows, columns, samples (1 or 3), bits allocated (1, 8, 16, 32,
 * or 32/64 for float), bits stored <= allocated, high bit = stored - 1 (other high bits are
 * accepted if they fit), and the decoded frame size rows * columns * samples * bytes against
 * limits.max_frame_bytes with overflow-checked products. false + error (NO_PIXELS when there
 * is no image, MALFORMED or LIMIT otherwise). */
bool lb_dicom_file_get_frame_info (const LbDicomFile *file, LbDicomFrameInfo *info,
                                   LbDicomError **error);

/* ---- Decoded frames --------------------------------------------------------------------- */

/* The C type of one sample in LbDicomFrame.data. Choice (memory first):
 *   grey, BitsAllocated 1 or 8     -> U8 or S8    (1-bit unpacked to one byte per pixel, 0/1)
 *   grey, BitsAllocated 16         -> U16 or S16  (4096^2 costs 32 MiB, not 64)
 *   grey, BitsAllocated 32         -> U32 or S32
 *   Float / Double Float Pixel Data -> F32 / F64
 *   colour (after YBR->RGB, palette lookup) -> U8 or U16 RGB interleaved (U32 for 32-bit RGB)
 * Signed types hold the sign-extended value of BitsStored bits; unsigned ones are masked to
 * BitsStored. Colour from a palette with 16-bit entries is U16 with bits = 16. */
typedef enum {
  LB_DICOM_SAMPLE_U8,
  LB_DICOM_SAMPLE_S8,
  LB_DICOM_SAMPLE_U16,
  LB_DICOM_SAMPLE_S16,
  LB_DICOM_SAMPLE_U32,
  LB_DICOM_SAMPLE_S32,
  LB_DICOM_SAMPLE_F32,
  LB_DICOM_SAMPLE_F64,
} LbDicomSampleType;

size_t lb_dicom_sample_type_size (LbDicomSampleType type);   /* 1, 2, 4 or 8 */

typedef struct {
  uint32_t index;                  /* 0-based frame number */
  uint32_t width;                  /* columns */
  uint32_t height;                 /* rows */
  uint16_t samples;                /* 1 grey, 3 RGB interleaved */
  uint16_t bits;                   /* significant bits: BitsStored (palette: bits per entry) */
  bool is_signed;                  /* grey stored values are two's complement */
  LbDicomSampleType type;
  LbDicomPhotometric photometric;  /* MONOCHROME1/2 or RGB (colour is always RGB here) */
  void *data;                      /* width * height * samples samples, rows top to bottom */
  size_t data_len;                 /* bytes */
  double min;                      /* smallest / largest stored value (all samples for colour; */
  double max;                      /*  NaN and infinities are skipped for float frames) */
} LbDicomFrame;

/* Decodes frame `index` (0-based) into stored values: native (BitsAllocated 1/8/16/32, float,
 * double, big endian, planar configuration 1, 1-bit frames not starting on a byte boundary,
 * YBR_FULL_422 subsampled native data) or encapsulated through the codec of the transfer
 * syntax (frames found by Extended Offset Table, Basic Offset Table, one fragment per frame, or
 * JPEG SOI/EOI scanning). Unsupported syntaxes (MPEG, H.264...) give LB_DICOM_ERROR_UNSUPPORTED
 * with the syntax named. Short or missing pixel data gives TRUNCATED / NO_PIXELS.
 * *out must be NULL on entry; free with lb_dicom_frame_free(). The frame does not refer to the
 * file's buffer, so it outlives the file. */
bool lb_dicom_file_decode_frame (LbDicomFile *file, uint32_t index, LbDicomFrame **out,
                                 LbDicomError **error);
void lb_dicom_frame_free (LbDicomFrame *frame);

/* The order to show the frames of an enhanced multi-frame object in: a malloc'd array of
 * n_frames entries, entry i the frame (0-based) at place i, sorted by the per-frame Plane
 * Position (Patient) along the normal of the Plane Orientation (Patient)
 * (dicom-frame-order.c). NULL when the stored order stands: fewer per-frame items than frames,
 * a frame without a position, no orientation, or frames already in that order. free(). */
uint32_t *lb_dicom_file_frame_order (const LbDicomFile *file, uint32_t n_frames);

/* A reduced copy of a frame at width x height (each at most the source size), each output
 * pixel the mean of the source box it covers (rounded; signed kept). For the canvas: map only
 * what is shown, then run the LUT on the copy. NULL on allocation failure or bad size. */
LbDicomFrame *lb_dicom_frame_reduce (const LbDicomFrame *frame, uint32_t width, uint32_t height);

/* Sample `i` (pixel * samples + channel) as a double, whatever the type. */
double lb_dicom_frame_get_sample (const LbDicomFrame *frame, size_t i);

/* ---- Lookup tables (Modality LUT, VOI LUT, palette) -------------------------------------- */

typedef struct {
  int32_t   first_mapped;   /* LUT Descriptor value 2: the input value mapped to entry 0 */
  uint32_t  count;          /* LUT Descriptor value 1 (0 means 65536) */
  uint16_t  bits;           /* LUT Descriptor value 3: bits per entry (8..16) */
  uint16_t *data;           /* count entries (segmented palettes already expanded) */
  char     *explanation;    /* LUT Explanation (0028,3003), UTF-8, or NULL */
  char     *type;           /* Modality LUT Type (0028,3004), e.g. "HU", or NULL */
} LbDicomLut;

/* Entry for input x: clamps to the first / last entry (PS3.3 C.11.1.1 / C.11.2.1.1). */
uint16_t lb_dicom_lut_lookup (const LbDicomLut *lut, double x);

/* ---- The pipeline's numbers as stored in the file --------------------------------------- */

typedef enum {
  LB_DICOM_VOI_LINEAR = 0,   /* VOILUTFunction LINEAR or absent */
  LB_DICOM_VOI_LINEAR_EXACT,
  LB_DICOM_VOI_SIGMOID,
} LbDicomVoiFunction;

const char *lb_dicom_voi_function_name (LbDicomVoiFunction f);            /* "LINEAR" ... */
LbDicomVoiFunction lb_dicom_voi_function_from_string (const char *value); /* unknown: LINEAR */

typedef struct {
  double center;             /* Window Center (0028,1050) value i */
  double width;              /* Window Width (0028,1051) value i */
  char  *explanation;        /* Window Center & Width Explanation (0028,1055) value i, or NULL */
} LbDicomWindow;

/* Everything the display pipeline reads from the file, for one frame (enhanced multi-frame
 * objects keep rescale and windows in the Shared (5200,9229) and Per-Frame (5200,9230)
 * Functional Groups: those win over the top-level elements). */
typedef struct {
  LbDicomFrameInfo frame_info;
  /* Modality LUT stage */
  bool        has_rescale;       /* Rescale Slope / Intercept present */
  double      rescale_slope;     /* (0028,1053), 1 when absent */
  double      rescale_intercept; /* (0028,1052), 0 when absent */
  char       *rescale_type;      /* (0028,1054), or NULL */
  LbDicomLut *modality_lut;      /* Modality LUT Sequence (0028,3000) item 1, or NULL */
  /* VOI stage */
  LbDicomVoiFunction voi_function;  /* VOILUTFunction (0028,1056) */
  size_t         n_windows;
  LbDicomWindow *windows;        /* every stored Window Center/Width pair, in order */
  size_t         n_voi_luts;
  LbDicomLut    *voi_luts;       /* VOI LUT Sequence (0028,3010) items */
  /* Presentation stage */
  bool presentation_inverse;     /* Presentation LUT Shape (2050,0020) INVERSE */
  /* PALETTE COLOR: red, green, blue descriptors and data (NULL otherwise). decode_frame
   * already applies them; these are here to be shown. */
  LbDicomLut *palette[3];
} LbDicomImageInfo;

/* Reads the numbers above for frame `index` (0-based). NULL + error on malformed values
 * (a LUT whose data is shorter than its descriptor, a window width of 0 is kept as stored
 * and only clamped when used). */
LbDicomImageInfo *lb_dicom_file_get_image_info (const LbDicomFile *file, uint32_t index,
                                                LbDicomError **error);
void lb_dicom_image_info_free (LbDicomImageInfo *info);

/* ---- The pipeline state a viewer changes ------------------------------------------------ */

typedef enum {
  LB_DICOM_VOI_SOURCE_WINDOW,    /* center/width with `function` */
  LB_DICOM_VOI_SOURCE_LUT,       /* voi_lut */
  LB_DICOM_VOI_SOURCE_NONE,      /* identity: modality values clamped to the frame range */
} LbDicomVoiSource;

typedef struct {
  /* modality: when modality_lut is set it replaces slope/intercept */
  double            slope;
  double            intercept;
  const LbDicomLut *modality_lut;    /* borrowed from LbDicomImageInfo */
  /* VOI */
  LbDicomVoiSource   voi_source;
  LbDicomVoiFunction function;
  double             center;
  double             width;
  const LbDicomLut  *voi_lut;        /* borrowed */
  /* presentation: MONOCHROME1 XOR Presentation LUT Shape INVERSE (a user toggle may flip it) */
  bool               invert;
} LbDicomDisplay;

/* Default display of a frame: rescale or Modality LUT; the first stored window, else the first
 * VOI LUT, else min/max of the frame's modality values (frame may be NULL: then identity);
 * inversion for MONOCHROME1 / INVERSE. */
void lb_dicom_display_init (LbDicomDisplay *display, const LbDicomImageInfo *info,
                            const LbDicomFrame *frame);
/* Selects stored window `index` (0-based) with the file's VOILUTFunction. false if no such. */
bool lb_dicom_display_set_stored_window (LbDicomDisplay *display, const LbDicomImageInfo *info,
                                         size_t index);
/* Selects VOI LUT `index` (0-based). false if no such. */
bool lb_dicom_display_set_voi_lut (LbDicomDisplay *display, const LbDicomImageInfo *info,
                                   size_t index);
/* Window centre/width in modality units (HU for CT); keeps the current function. */
void lb_dicom_display_set_window (LbDicomDisplay *display, double center, double width);
/* Window over the frame's modality value range: centre = (min + max) / 2, width = max - min,
 * LINEAR_EXACT so that min maps to 0 and max to 255. */
void lb_dicom_display_set_minmax (LbDicomDisplay *display, const LbDicomFrame *frame);

/* ---- Each stage as a pure function (teaching view, tests) -------------------------------- */

/* Modality value of one stored value: LUT entry if modality_lut, else slope * x + intercept. */
double lb_dicom_stored_to_modality (const LbDicomDisplay *display, double stored);
/* The VOI window functions of PS3.3 C.11.2.1.2 exactly, output in [y_min, y_max]:
 * LINEAR:        x <= c - 0.5 - (w-1)/2 -> y_min; x > c - 0.5 + (w-1)/2 -> y_max;
 *                else ((x - (c - 0.5)) / (w-1) + 0.5) * (y_max - y_min) + y_min   (w >= 1)
 * LINEAR_EXACT:  x <= c - w/2 -> y_min; x > c + w/2 -> y_max;
 *                else (x - c) / w + 0.5) * (y_max - y_min) + y_min                 (w > 0)
 * SIGMOID:       (y_max - y_min) / (1 + exp (-4 (x - c) / w)) + y_min              (w > 0)
 * A width below the minimum is clamped to it (1 for LINEAR, tiny for the others). */
double lb_dicom_voi_window (LbDicomVoiFunction function, double center, double width, double x,
                            double y_min, double y_max);
/* VOI stage of `display` for one modality value, in [0, 1] before presentation. */
double lb_dicom_modality_to_voi (const LbDicomDisplay *display, double modality);
/* The whole pipeline for one stored value: display grey 0..255, inversion included. The
 * output is truncated, not rounded, and LINEAR is evaluated as offset + value * gradient over
 * [low, high] (reversed when inverted), with modality values of integer data truncated to
 * integers when |slope| >= 1: DCMTK's arithmetic, so exports match dcm2pnm pixel for pixel
 * (corpus/reference). lb_dicom_voi_window stays the exact formula of the standard. */
uint8_t lb_dicom_display_map (const LbDicomDisplay *display, double stored);

/* ---- The folded table and rendering ----------------------------------------------------- */

typedef struct {
  int32_t  first;            /* stored value of entry 0: 0, or -2^(bits-1) when signed */
  uint32_t count;            /* 2^bits, at most 65,536; 0 when the frame is not indexable */
  uint8_t *table;            /* count entries, display grey */
  LbDicomDisplay display;    /* copy of the display the table was built for */
} LbDicomDisplayLut;

/* A table for frames like `frame` (grey, integer, bits <= 16: indexable; otherwise count = 0
 * and rendering computes each pixel). NULL on allocation failure. */
LbDicomDisplayLut *lb_dicom_display_lut_new (const LbDicomFrame *frame);
/* Fills the table for `display`: count evaluations of lb_dicom_display_map. No allocation. */
void lb_dicom_display_lut_build (LbDicomDisplayLut *lut, const LbDicomDisplay *display);
void lb_dicom_display_lut_free (LbDicomDisplayLut *lut);

typedef enum {
  LB_DICOM_RENDER_GREY8,     /* 1 byte per pixel (colour frames: rounded luma BT.601) */
  LB_DICOM_RENDER_RGB24,     /* R, G, B bytes */
  LB_DICOM_RENDER_XRGB32,    /* native-endian uint32 0xffRRGGBB (cairo RGB24 / ARGB32) */
} LbDicomRenderFormat;

/* Maps `frame` to display pixels in `dst` (height rows of `dst_stride` bytes). Grey frames go
 * through lut (required); colour frames ignore it (NULL allowed) and are scaled from `bits` to
 * 8 bits. Sizes must match the frame; the caller owns dst. */
void lb_dicom_render (const LbDicomDisplayLut *lut, const LbDicomFrame *frame,
                      LbDicomRenderFormat format, uint8_t *dst, size_t dst_stride);

/* ---- Histogram of modality values ------------------------------------------------------- */

typedef struct {
  uint32_t  n_bins;
  uint64_t *bins;            /* n_bins counts over [min, max]; bin = (v - min) / bin_width */
  double    bin_width;
  double    min, max;        /* modality values (HU for CT) */
  double    mean, sd;        /* population standard deviation */
  uint64_t  count;           /* pixels counted (non-finite float values are skipped) */
} LbDicomHistogram;

/* Histogram of a grey frame's modality values under display's modality stage. n_bins 0 means
 * one bin per integer modality value when that is at most 65,536 bins, else 256.
 * NULL for colour frames or allocation failure. */
LbDicomHistogram *lb_dicom_histogram_new (const LbDicomFrame *frame, const LbDicomDisplay *display,
                                          uint32_t n_bins);
void lb_dicom_histogram_free (LbDicomHistogram *histogram);

/* ---- Window presets (dicom-presets.c) --------------------------------------------------- */

typedef struct {
  const char *name;          /* plain lower-case word a teacher types: "lung" */
  const char *label;         /* "Lung" (English; the GUI translates with N_ markers) */
  const char *modality;      /* "CT" */
  double      center;
  double      width;
  double      lower;         /* center - width / 2: the lowest value shown (HU for CT) */
  double      upper;         /* center + width / 2 */
  const char *source;        /* where the numbers are published */
} LbDicomPreset;

/* All presets, in display order; *n_presets set. Static; never NULL. */
const LbDicomPreset *lb_dicom_presets (size_t *n_presets);
/* By name (case-insensitive), NULL if unknown. */
const LbDicomPreset *lb_dicom_preset_lookup (const char *name);
/* Presets for a modality ("CT"): writes up to `max` pointers to out, returns how many exist. */
size_t lb_dicom_presets_for_modality (const char *modality, const LbDicomPreset **out, size_t max);

#ifdef __cplusplus
}
#endif
