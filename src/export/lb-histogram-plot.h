/* lb-histogram-plot.h: a histogram drawn as a picture for slides and handouts (no GLib).
 *
 * Bars on a logarithmic count scale (the air peak of a CT would flatten everything else on a
 * linear one), the window as a pale band with its two borders, and the bars the window clips
 * tinted: blue below the window, red above it, as the viewer's pipeline view tints them.
 * No text: the numbers go into the PNG's tEXt chunks and the caller's output. */
#pragma once

#include "lb-dicom-measure.h"
#include "lb-png.h"

#ifdef __cplusplus
extern "C" {
#endif

/* RGB pixels, width * height * 3 bytes, of `histogram` with the band [band_low, band_high] in
 * the stage's values (NaN, NaN: no band, no tint). malloc'd; NULL on a bad size or no memory. */
uint8_t *lb_histogram_plot_render (const LbDicomStageHistogram *histogram, double band_low,
                                   double band_high, uint32_t width, uint32_t height);

/* Renders at width x height and writes a PNG with `texts` through lb_png_write_replacing
 * (atomically; an existing PNG only when `replace`, never `input_path` or a file that is not a
 * PNG). */
bool lb_histogram_plot_write (const LbDicomStageHistogram *histogram, double band_low,
                              double band_high, uint32_t width, uint32_t height,
                              const LbPngText *texts, size_t n_texts, const char *path,
                              bool replace, const char *input_path, LbDicomError **error);

#ifdef __cplusplus
}
#endif
