/* cli-reformat.c: `lightbox-cli reformat --plane axial|sagittal|coronal --position MM
 * [--slab MM --mode mip|minip|mean] [--window C,W | --preset NAME] [--bits 16 --modality]
 * SERIES_DIR -o OUT.png`: a plane through a series, as the viewer shows it (issue 16 §4).
 * The volume and the sampling are lb-volume.h; windowing and the PNG are export's
 * (lb-dicom-pixel.h, lb-png.h), so the numbers are the viewer's and `export`'s. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli-volume-error.h"
#include "lb-png.h"
#include "lb-volume.h"

typedef struct {
  char *plane;
  double position;
  gboolean has_position;
  double slab;
  char *mode;
  char *window;
  char *preset;
  char *interp;
  int bits;
  gboolean modality;
  double max_memory_mib;
  char *out;
  gboolean force;
  double center, width;
  const LbDicomPreset *preset_entry;
} Options;

static gboolean
on_window (const char *name, const char *value, gpointer data, GError **error)
{
  (void) name;
  Options *o = data;
  if (!lb_cli_parse_window (value, &o->center, &o->width, error))
    return FALSE;
  g_free (o->window);
  o->window = g_strdup (value);
  return TRUE;
}

static gboolean
on_position (const char *name, const char *value, gpointer data, GError **error)
{
  Options *o = data;
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs a number of millimetres, not \"%s\""), name, value);
      return FALSE;
    }
  o->position = v;
  o->has_position = TRUE;
  return TRUE;
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The regular files of a folder (not its subfolders), sorted; or the arguments themselves when
 * they are files. NULL (message printed) when the folder cannot be read. */
static GPtrArray *
series_files (char **args)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (!g_file_test (args[i], G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (paths, g_strdup (args[i]));
          continue;
        }
      g_autoptr (GError) error = NULL;
      g_autoptr (GDir) dir = g_dir_open (args[i], 0, &error);
      if (dir == NULL)
        {
          lb_cli_print_error (args[i], "%s", error->message);
          g_ptr_array_unref (paths);
          return NULL;
        }
      guint first = paths->len;
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          char *path = g_build_filename (args[i], name, NULL);
          if (name[0] != '.' && g_file_test (path, G_FILE_TEST_IS_REGULAR) && !g_str_has_suffix (name, ".png"))
            g_ptr_array_add (paths, path);
          else
            g_free (path);
        }
      qsort (paths->pdata + first, paths->len - first, sizeof (gpointer), compare_paths);
    }
  return paths;
}

/* The display of the output: a typed window or preset, else the first slice's stored window,
 * else the plane's own range (what the viewer does). */
static void
choose_display (const Options *o, const LbVolume *volume, const LbDicomFrame *frame,
                LbDicomDisplay *display, char **window_text)
{
  const LbDicomImageInfo *ii = lb_volume_get_image_info (volume);
  lb_dicom_display_init (display, ii, frame);
  display->slope = lb_volume_get_rescale_slope (volume);
  display->intercept = lb_volume_get_rescale_intercept (volume);
  LbDicomVoiFunction function = ii != NULL ? ii->voi_function : LB_DICOM_VOI_LINEAR;
  if (o->window != NULL || o->preset_entry != NULL)
    {
      display->function = function;
      lb_dicom_display_set_window (display, o->center, o->width);
      *window_text = lb_cli_typed_window_text (o->center, o->width, function, o->preset_entry);
    }
  else if (display->voi_source == LB_DICOM_VOI_SOURCE_WINDOW && ii != NULL && ii->n_windows > 0)
    *window_text = g_strdup_printf ("%g,%g %s stored window 1", display->center, display->width,
                                    lb_dicom_voi_function_name (function));
  else if (display->voi_source == LB_DICOM_VOI_SOURCE_LUT)
    *window_text = g_strdup ("VOI LUT Sequence item 1");
  else
    {
      lb_dicom_display_set_minmax (display, frame);
      *window_text = g_strdup_printf ("%g,%g minmax", display->center, display->width);
    }
}

/* Builds the volume, samples the plane and writes the PNG; an exit code. */
static int
reformat (const Options *o, const char *series, GPtrArray *paths, const LbVolumePlaneRequest *request)
{
  LbVolumeOptions vo;
  lb_volume_options_init (&vo);
  if (o->max_memory_mib > 0)
    vo.max_bytes = (uint64_t) (o->max_memory_mib * 1024.0 * 1024.0);
  LbVolumeError *error = NULL;
  LbVolume *volume = lb_volume_new_from_files ((const char *const *) paths->pdata, paths->len, &vo, NULL,
                                               NULL, &error);
  LbVolumePlaneGeometry plane;
  LbDicomFrame *frame = NULL;
  if (volume == NULL || !lb_volume_plane_geometry (volume, request, &plane, &error)
      || (frame = lb_volume_sample_plane_frame (volume, request, &plane, &error)) == NULL)
    {
      lb_cli_print_volume_error (series, error);
      lb_volume_error_free (error);
      lb_volume_free (volume);
      return LB_CLI_EXIT_FAILED;
    }

  LbDicomDisplay display;
  g_autofree char *window_text = NULL;
  choose_display (o, volume, frame, &display, &window_text);
  char position_s[64], pixel_s[64], slab_s[96], series_s[64];
  g_ascii_formatd (position_s, sizeof position_s, "%.6g", request->position_mm);
  g_ascii_formatd (pixel_s, sizeof pixel_s, "%.6g", plane.pixel_mm);
  if (request->slab_mm > 0)
    {
      char mm[48];
      g_snprintf (slab_s, sizeof slab_s, "%s %s mm", lb_volume_slab_mode_name (request->mode),
                  g_ascii_formatd (mm, sizeof mm, "%.6g", request->slab_mm));
    }
  g_snprintf (series_s, sizeof series_s, "%u", lb_volume_get_geometry (volume)->nz);
  const LbPngText texts[] = {
    { "PatientOrientation", plane.patient_orientation },
    { "Plane", lb_volume_plane_name (request->plane) },
    { "PositionMM", position_s },
    { "PixelSpacingMM", pixel_s },
    { "Slab", request->slab_mm > 0 ? slab_s : NULL },
    { "SeriesInstanceUID", lb_volume_get_series_uid (volume) },
    { "Slices", series_s },
  };
  LbPngExportOptions eo = {
    .kind = o->bits == 16 ? (o->modality ? LB_PNG_EXPORT_MODALITY16 : LB_PNG_EXPORT_STORED16)
                          : LB_PNG_EXPORT_DISPLAY8,
    .display = &display,
    .window_text = window_text,
    .offset = NAN,
    .replace = o->force,
    .extra_texts = texts,
    .n_extra_texts = G_N_ELEMENTS (texts),
  };
  int status = LB_CLI_EXIT_OK;
  LbDicomError *derr = NULL;
  if (g_file_test (o->out, G_FILE_TEST_EXISTS) && !o->force)
    {
      lb_cli_print_error (series, _("%s exists; --force replaces it"), o->out);
      status = LB_CLI_EXIT_FAILED;
    }
  else if (!lb_png_export_frame (frame, &eo, o->out, NULL, &derr))
    {
      g_autofree char *reason = derr->code == LB_DICOM_ERROR_IO ? g_strdup (derr->message)
                                                                 : lb_cli_error_reason (derr);
      lb_cli_print_error (series, "%s", reason);
      lb_dicom_error_free (derr);
      status = LB_CLI_EXIT_FAILED;
    }
  lb_dicom_frame_free (frame);
  lb_volume_free (volume);
  return status;
}

/* Checks the option values; false (message printed) on a usage error. */
static gboolean
check_options (Options *o, char **series, LbVolumePlaneRequest *request)
{
  const char *problem = NULL;
  LbVolumePlane plane = LB_VOLUME_PLANE_AXIAL;
  LbVolumeSlabMode mode = LB_VOLUME_SLAB_MIP;
  if (series == NULL || series[0] == NULL || o->out == NULL || o->plane == NULL || !o->has_position)
    problem = _("reformat needs --plane, --position, SERIES_DIR and -o OUT.png");
  else if (!lb_volume_plane_from_name (o->plane, &plane))
    problem = _("--plane is axial, sagittal or coronal");
  else if (o->mode != NULL && !lb_volume_slab_mode_from_name (o->mode, &mode))
    problem = _("--mode is mip, minip or mean");
  else if (o->mode != NULL && !(o->slab > 0))
    problem = _("--mode needs --slab MM");
  else if (!(o->slab >= 0) || !isfinite (o->slab))
    problem = _("--slab needs a thickness of 0 mm or more");
  else if (o->window != NULL && o->preset != NULL)
    problem = _("choose one of --window and --preset");
  else if ((o->bits != 8 && o->bits != 16) || (o->modality && o->bits != 16))
    problem = _("invalid option values: --bits 8 or 16, --modality only with --bits 16");
  else if (o->interp != NULL && strcmp (o->interp, "linear") != 0 && strcmp (o->interp, "nearest") != 0)
    problem = _("--interpolation is linear or nearest");
  else if (!(o->max_memory_mib >= 0))
    problem = _("--max-memory needs a size in MiB");
  if (problem != NULL)
    {
      fprintf (stderr, "lightbox-cli: %s\n", problem);
      return FALSE;
    }
  if (o->preset != NULL
      && (o->preset_entry = lb_cli_lookup_preset (o->preset, &o->center, &o->width)) == NULL)
    return FALSE;
  lb_volume_plane_request_init (request, plane, o->position);
  request->slab_mm = o->slab;
  request->mode = mode;
  if (o->interp != NULL && strcmp (o->interp, "nearest") == 0)
    request->interp = LB_VOLUME_INTERP_NEAREST;
  return TRUE;
}

int
lb_cli_reformat (int argc, char **argv)
{
  Options o = { .bits = 8 };
  g_auto (GStrv) series = NULL;
  const GOptionEntry entries[] = {
    { "plane", 0, 0, G_OPTION_ARG_STRING, &o.plane, N_("The plane: axial, sagittal or coronal"),
      N_("PLANE") },
    { "position", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_position,
      N_("Where the plane lies along its normal, in patient mm (z, x or y)"), N_("MM") },
    { "slab", 0, 0, G_OPTION_ARG_DOUBLE, &o.slab,
      N_("Slab thickness: the voxel planes within +-MM/2 of the position"), N_("MM") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &o.mode, N_("Slab projection: mip (default), minip or mean"),
      N_("MODE") },
    { "window", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_window,
      N_("Window centre and width in modality units (HU for CT)"), N_("C,W") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &o.preset, N_("Use a window preset (see presets)"),
      N_("NAME") },
    { "bits", 0, 0, G_OPTION_ARG_INT, &o.bits,
      N_("8: the image as displayed (default); 16: the data"), N_("8|16") },
    { "modality", 0, 0, G_OPTION_ARG_NONE, &o.modality,
      N_("With --bits 16: modality values plus an offset (CT: HU + 32768)"), NULL },
    { "interpolation", 0, 0, G_OPTION_ARG_STRING, &o.interp,
      N_("linear (default) or nearest"), N_("KIND") },
    { "max-memory", 0, 0, G_OPTION_ARG_DOUBLE, &o.max_memory_mib,
      N_("Refuse series larger than this as a volume (default 1024 MiB)"), N_("MIB") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.out, N_("The .png file to write"), N_("OUT.png") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &o.force,
      N_("Replace an existing PNG file (never a file that is not a PNG)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &series, NULL, N_("SERIES_DIR") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("-o OUT.png");
  GOptionGroup *group = g_option_group_new ("reformat", "", "", &o, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context, _("Write a plane (axial, sagittal, coronal) or a slab of a series "
                                           "to PNG. Conventions: axial L\\P, sagittal P\\F, coronal L\\F."));
  g_set_prgname ("lightbox-cli reformat");

  int status = LB_CLI_EXIT_OK;
  LbVolumePlaneRequest request;
  if (!lb_cli_parse_options (context, &argc, &argv) || !check_options (&o, series, &request))
    status = LB_CLI_EXIT_USAGE;
  else
    {
      GPtrArray *paths = series_files (series);
      if (paths == NULL)
        status = LB_CLI_EXIT_FAILED;
      else
        status = reformat (&o, series[0], paths, &request);
      if (paths != NULL)
        g_ptr_array_unref (paths);
    }
  g_free (o.plane);
  g_free (o.mode);
  g_free (o.window);
  g_free (o.preset);
  g_free (o.interp);
  g_free (o.out);
  return status;
}
