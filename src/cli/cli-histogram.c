/* cli-histogram.c: `lightbox-cli histogram [--json] [--frame N] [--stage stored|modality|display]
 * [--bins N] [--window C,W | --preset NAME | --voi N] [--png FILE [--force]] FILE` (CLI.md): the
 * bins of one pipeline stage, from the functions the pipeline view uses (lb-dicom-measure.h),
 * and optionally the picture of them (lb-histogram-plot.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "cli-frame.h"
#include "cli-json.h"
#include "lb-dicom-measure.h"
#include "lb-histogram-plot.h"

#define PLOT_WIDTH  1024
#define PLOT_HEIGHT 512

typedef struct {
  gboolean json;
  int frame;
  char *stage_name;
  int bins;
  gboolean has_window;
  double center, width;
  char *preset;
  int voi;
  char *png;
  gboolean force;
} Options;

static gboolean
on_window (const char *name, const char *value, gpointer data, GError **error)
{
  (void) name;
  Options *o = data;
  if (!lb_cli_parse_window (value, &o->center, &o->width, error))
    return FALSE;
  o->has_window = TRUE;
  return TRUE;
}

/* Applies --window / --preset / --voi to the frame's default display. FALSE (printed) when the
 * file has no such stored window. */
static gboolean
choose_window (const Options *o, const char *path, LbCliFrame *f)
{
  const LbDicomImageInfo *ii = f->image_info;
  if (o->has_window)
    {
      /* A typed window uses the file's VOILUTFunction, as `export` and the viewer do. */
      f->display.function = ii->voi_function;
      lb_dicom_display_set_window (&f->display, o->center, o->width);
    }
  else if (o->voi > 0 && !lb_dicom_display_set_stored_window (&f->display, ii,
                                                               (size_t) o->voi - 1)
           && o->voi > 1)
    {
      /* --voi 1 without a stored window is the default display, as in `export`. */
      lb_cli_print_error (path, _("no stored window %d (the file has %zu)"), o->voi,
                          ii->n_windows);
      return FALSE;
    }
  return TRUE;
}

/* The window's range in the stage's values, for the band of the picture; NaN when the stage
 * has none (display) or the window cannot be carried back (a Modality LUT, slope 0). */
static void
band_of (const LbDicomDisplay *d, LbDicomStage stage, double *low, double *high)
{
  *low = *high = NAN;
  if (stage == LB_DICOM_STAGE_DISPLAY)
    return;
  if (d->voi_source == LB_DICOM_VOI_SOURCE_WINDOW)
    {
      *low = d->center - d->width / 2;
      *high = d->center + d->width / 2;
    }
  else if (d->voi_source == LB_DICOM_VOI_SOURCE_LUT && d->voi_lut != NULL)
    {
      *low = d->voi_lut->first_mapped;
      *high = *low + d->voi_lut->count - 1;
    }
  if (stage == LB_DICOM_STAGE_STORED && !isnan (*low))
    {
      if (d->modality_lut != NULL || d->slope == 0)
        {
          *low = *high = NAN;
          return;
        }
      double a = (*low - d->intercept) / d->slope, b = (*high - d->intercept) / d->slope;
      *low = fmin (a, b);
      *high = fmax (a, b);
    }
}

/* Without --force an existing file is refused here, with the hint; with it, lb-png.c refuses a
 * file that is not a PNG or is the input. */
static gboolean
may_write (const Options *o)
{
  if (o->force || !g_file_test (o->png, G_FILE_TEST_EXISTS))
    return TRUE;
  lb_cli_print_error (o->png, _("exists; --force replaces it"));
  return FALSE;
}

static gboolean
write_png (const Options *o, const char *path, const LbCliFrame *f,
           const LbDicomStageHistogram *h)
{
  double low, high;
  band_of (&f->display, h->stage, &low, &high);
  g_autofree char *frame = g_strdup_printf ("%u", f->index + 1);
  g_autofree char *window = g_strdup_printf ("%g,%g %s", f->display.center, f->display.width,
                                             lb_dicom_voi_function_name (f->display.function));
  g_autofree char *range = g_strdup_printf ("%g..%g", h->min, h->max);
  g_autofree char *clipped = g_strdup_printf ("below %llu, above %llu",
                                              (unsigned long long) h->below,
                                              (unsigned long long) h->above);
  LbPngText texts[] = {
    { "Software", "Lightbox " PACKAGE_VERSION },
    { "Source", path },
    { "Frame", frame },
    { "Stage", lb_dicom_stage_name (h->stage) },
    { "Range", range },
    { "Window", window },
    { "Clipped", clipped },
  };
  size_t n_texts = G_N_ELEMENTS (texts) - (h->has_clipping ? 0 : 1);
  LbDicomError *error = NULL;
  if (!lb_histogram_plot_write (h, low, high, PLOT_WIDTH, PLOT_HEIGHT, texts, n_texts, o->png,
                                o->force, path, &error))
    {
      lb_cli_print_dicom_error (o->png, error);
      lb_dicom_error_free (error);
      return FALSE;
    }
  return TRUE;
}

static void
print_json (const LbDicomStageHistogram *h)
{
  g_autoptr (GString) out = g_string_new (NULL);
  LbJson j;
  lb_json_init (&j, out, FALSE);
  lb_json_begin_object (&j);
  lb_json_member_string (&j, "stage", lb_dicom_stage_name (h->stage));
  lb_json_key (&j, "bins");
  lb_json_begin_array (&j);
  for (uint32_t k = 0; k < h->n_bins; k++)
    {
      lb_json_begin_object (&j);
      lb_json_member_double (&j, "low", h->bins[k].low);
      lb_json_member_double (&j, "high", h->bins[k].high);
      lb_json_key (&j, "count");
      lb_json_uint (&j, h->bins[k].count);
      lb_json_end_object (&j);
    }
  lb_json_end_array (&j);
  lb_json_member_double (&j, "min", h->min);
  lb_json_member_double (&j, "max", h->max);
  lb_json_member_double (&j, "mean", h->mean);
  lb_json_member_double (&j, "sd", h->sd);
  lb_json_key (&j, "count");
  lb_json_uint (&j, h->count);
  lb_json_key (&j, "below");
  h->has_clipping ? lb_json_uint (&j, h->below) : lb_json_null (&j);
  lb_json_key (&j, "above");
  h->has_clipping ? lb_json_uint (&j, h->above) : lb_json_null (&j);
  lb_json_end_object (&j);
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
}

static void
print_text (const char *path, const LbCliFrame *f, const LbDicomStageHistogram *h)
{
  /* TRANSLATORS: file, frame number, pipeline stage (stored, modality, display) */
  printf (_("%s, frame %u, %s values: %llu pixels, min %g, max %g, mean %.2f, SD %.2f\n"), path,
          f->index + 1, lb_dicom_stage_name (h->stage), (unsigned long long) h->count, h->min,
          h->max, h->mean, h->sd);
  if (h->has_clipping)
    /* TRANSLATORS: the window's centre and width, then pixel counts */
    printf (_("window %g,%g: %llu pixels below it, %llu above it\n"), f->display.center,
            f->display.width, (unsigned long long) h->below, (unsigned long long) h->above);
  /* TRANSLATORS: column heads of the bins table, separated by tabs */
  printf ("%s\n", h->integer_bins ? _("value\tcount") : _("low\thigh\tcount"));
  for (uint32_t k = 0; k < h->n_bins; k++)
    if (h->integer_bins)
      printf ("%g\t%llu\n", h->bins[k].low, (unsigned long long) h->bins[k].count);
    else
      printf ("%g\t%g\t%llu\n", h->bins[k].low, h->bins[k].high,
              (unsigned long long) h->bins[k].count);
}

static int
histogram_file (const Options *o, const char *path, LbDicomStage stage)
{
  LbCliFrame f;
  if (!lb_cli_frame_load (path, o->frame, &f))
    return LB_CLI_EXIT_FAILED;
  int status = LB_CLI_EXIT_OK;
  LbDicomStageHistogram *h = NULL;
  gboolean windowed = o->has_window || o->voi > 0;
  if (f.frame->samples != 1)
    {
      lb_cli_print_error (path, _("colour image: no stored or modality values to count; "
                                  "histograms are of grey images"));
      status = LB_CLI_EXIT_FAILED;
    }
  else if (!choose_window (o, path, &f))
    status = LB_CLI_EXIT_FAILED;
  else if ((h = lb_dicom_stage_histogram_new (f.frame, &f.display, stage, (uint32_t) o->bins,
                                              stage == LB_DICOM_STAGE_DISPLAY || windowed))
           == NULL)
    {
      lb_cli_print_error (path, "%s", _("out of memory"));
      status = LB_CLI_EXIT_FAILED;
    }
  else
    {
      if (o->png != NULL && !(may_write (o) && write_png (o, path, &f, h)))
        status = LB_CLI_EXIT_FAILED;
      if (o->json)
        print_json (h);
      else
        print_text (path, &f, h);
    }
  lb_dicom_stage_histogram_free (h);
  lb_cli_frame_clear (&f);
  return status;
}

int
lb_cli_histogram (int argc, char **argv)
{
  Options o = { .frame = 1 };
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON"), NULL },
    { "frame", 0, 0, G_OPTION_ARG_INT, &o.frame, N_("Use frame N (1-based, default 1)"),
      N_("N") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &o.stage_name,
      N_("Stored values, modality values (HU for CT) or displayed grey (default modality)"),
      N_("stored|modality|display") },
    { "bins", 0, 0, G_OPTION_ARG_INT, &o.bins,
      N_("N equal bins over [min, max] (default: one per integer value up to 4096, else 256)"),
      N_("N") },
    { "window", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_window,
      N_("Window centre and width in modality units (HU for CT)"), N_("C,W") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &o.preset, N_("Use a window preset (see presets)"),
      N_("NAME") },
    { "voi", 0, 0, G_OPTION_ARG_INT, &o.voi, N_("Use the N-th stored window (default 1)"),
      N_("N") },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &o.png,
      N_("Also draw the histogram with the window band to a PNG file"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o.force,
      N_("Replace an existing PNG file (never the input)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = lb_cli_command_context_with_data ("histogram",
    _("The histogram of one stage of the display pipeline: stored values, modality values "
      "(after rescale or Modality LUT) or displayed grey 0..255 (after the window)."),
    entries, &o);

  int status = LB_CLI_EXIT_OK;
  LbDicomStage stage = LB_DICOM_STAGE_MODALITY;
  if (!lb_cli_parse_options (context, &argc, &argv))
    status = LB_CLI_EXIT_USAGE;
  else if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      fprintf (stderr, "lightbox-cli: %s\n", _("histogram needs one FILE"));
      status = LB_CLI_EXIT_USAGE;
    }
  else if (o.has_window + (o.preset != NULL) + (o.voi != 0) > 1)
    {
      fprintf (stderr, "lightbox-cli: %s\n", _("choose one of --window, --preset and --voi"));
      status = LB_CLI_EXIT_USAGE;
    }
  else if (o.frame < 1 || o.bins < 0 || o.bins > 65536 || o.voi < 0)
    {
      fprintf (stderr, "lightbox-cli: %s\n",
               _("invalid option values: --frame N >= 1, --bins N from 1 to 65536, --voi N >= 1"));
      status = LB_CLI_EXIT_USAGE;
    }
  else if (o.stage_name != NULL && !lb_dicom_stage_from_name (o.stage_name, &stage))
    {
      fprintf (stderr, _("lightbox-cli: unknown stage \"%s\": stored, modality or display\n"),
               o.stage_name);
      status = LB_CLI_EXIT_USAGE;
    }
  else if (o.preset != NULL && lb_cli_lookup_preset (o.preset, &o.center, &o.width) == NULL)
    status = LB_CLI_EXIT_USAGE;
  else if (o.preset != NULL)
    o.has_window = TRUE;
  if (status == LB_CLI_EXIT_OK)
    status = histogram_file (&o, files[0], stage);
  g_free (o.stage_name);
  g_free (o.preset);
  g_free (o.png);
  return status;
}
