/* cli-export.c: `lightbox-cli export [--frame N|--all-frames] [--voi N|--window C,W|--preset NAME|
 * --minmax] [--bits 8|16] [--modality] FILE... -o OUT`: pixels to PNG (CLI.md). The pipeline
 * is the viewer's (lb-dicom-pixel.h), the PNG writer lb-png.c. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli-frame.h"
#include "lb-dicom-pixel.h"
#include "lb-png.h"

typedef struct {
  int frame;              /* 1-based; 0 = not given */
  gboolean all_frames;
  int voi;                /* 1-based; 0 = not given */
  char *window;           /* "C,W" */
  char *preset;
  gboolean minmax;
  int bits;
  gboolean modality;
  char *out;
  gboolean force;
  double center, width;   /* parsed --window / --preset */
  const LbDicomPreset *preset_entry;
  GHashTable *inputs;     /* "device:inode" of every input: never an output (CLI.md) */
  GHashTable *written;    /* output path -> the input it came from, in this run */
} Options;

/* GOptionContext takes "--window -600,1500" as option + value already; "--window=-600,1500"
 * too. What it cannot take is a value that looks like another option and is attached to a
 * short name, which --window has none of. This hook only re-checks the value. */
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

static char *
output_name (const char *input, uint32_t frame)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');
  if (dot != NULL && dot != base && (g_ascii_strcasecmp (dot, ".dcm") == 0
                                     || g_ascii_strcasecmp (dot, ".dicom") == 0))
    *dot = '\0';
  return g_strdup_printf ("%s-%u.png", base, frame);
}

/* "device:inode", or NULL when nothing is at `path`. */
static char *
file_id (const char *path)
{
  struct stat st;
  if (stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%ju:%ju", (uintmax_t) st.st_dev, (uintmax_t) st.st_ino);
}

static GHashTable *
input_ids (char **files)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; files[i] != NULL; i++)
    {
      char *id = file_id (files[i]);
      if (id != NULL)
        g_hash_table_add (ids, id);
    }
  return ids;
}

/* Whether `target` may be written for `input` (message printed when not): never a file
 * written earlier in this run (two inputs of the same name in different folders), never an
 * input, and an existing file only with --force. lb-png.c then refuses, even with --force, a
 * file that is not a PNG. */
static gboolean
target_allowed (const Options *o, const char *input, const char *target)
{
  const char *other = g_hash_table_lookup (o->written, target);
  if (other != NULL)
    {
      lb_cli_print_error (input, _("%s was already written for %s; two inputs of the same "
                                   "name need separate exports"), target, other);
      return FALSE;
    }
  g_autofree char *id = file_id (target);
  if (id != NULL && g_hash_table_contains (o->inputs, id))
    {
      lb_cli_print_error (input, _("%s is one of the inputs; not replaced"), target);
      return FALSE;
    }
  if (id != NULL && !o->force)
    {
      lb_cli_print_error (input, _("%s exists; --force replaces it"), target);
      return FALSE;
    }
  return TRUE;
}

/* Exports the frames of one file; false (message printed) if it could not. */
static gboolean
export_file (const Options *o, const char *path, gboolean out_is_dir)
{
  LbDicomError *error = NULL;
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomFrameInfo info;
  gboolean ok = TRUE;

  if (!lb_dicom_file_read_path (file, path, lb_cli_read_flags (path), &error)
      || !lb_dicom_file_get_frame_info (file, &info, &error))
    {
      /* The reader's I/O messages start with the path; this prints it once. */
      lb_cli_print_dicom_error (path, error);
      lb_dicom_error_free (error);
      lb_dicom_file_free (file);
      return FALSE;
    }
  uint32_t first = o->all_frames ? 0 : (uint32_t) (o->frame > 0 ? o->frame - 1 : 0);
  uint32_t end = o->all_frames ? info.frames : first + 1;
  if (first >= info.frames)
    {
      lb_cli_print_error (path, _("frame %u requested, the file has %u"), first + 1, info.frames);
      lb_dicom_file_free (file);
      return FALSE;
    }
  char *uid = lb_dicom_file_get_string (file, LB_DICOM_TAG (0x0008, 0x0018));

  for (uint32_t i = first; i < end && ok; i++)
    {
      LbDicomFrame *frame = NULL;
      LbDicomImageInfo *ii = NULL;
      if (!lb_dicom_file_decode_frame (file, i, &frame, &error)
          || (ii = lb_dicom_file_get_image_info (file, i, &error)) == NULL)
        {
          g_autofree char *reason = lb_cli_error_reason (error);
          lb_cli_print_error (path, "%s", reason);
          lb_dicom_error_free (error);
          error = NULL;
          lb_dicom_frame_free (frame);
          ok = FALSE;
          break;
        }

      LbDicomDisplay display;
      lb_dicom_display_init (&display, ii, frame);
      g_autofree char *window_text = NULL;
      const char *fn = lb_dicom_voi_function_name (ii->voi_function);
      if (o->window != NULL || o->preset_entry != NULL)
        {
          /* A window typed by the user uses the file's VOILUTFunction (LINEAR when absent),
           * not the LINEAR_EXACT of the min/max fallback that init may have chosen. */
          display.function = ii->voi_function;
          lb_dicom_display_set_window (&display, o->center, o->width);
          window_text = lb_cli_typed_window_text (o->center, o->width, ii->voi_function,
                                                  o->preset_entry);
        }
      else if (o->minmax)
        {
          lb_dicom_display_set_minmax (&display, frame);
          window_text = g_strdup_printf ("%g,%g minmax", display.center, display.width);
        }
      else if (o->voi > 0 && lb_dicom_display_set_stored_window (&display, ii, (size_t) o->voi - 1))
        window_text = g_strdup_printf ("%g,%g %s stored window %d", display.center,
                                       display.width, fn, o->voi);
      else if (o->voi > 1)
        {
          lb_cli_print_error (path, _("no stored window %d (the file has %zu)"), o->voi,
                              ii->n_windows);
          ok = FALSE;
        }
      else if (display.voi_source == LB_DICOM_VOI_SOURCE_LUT)
        window_text = g_strdup ("VOI LUT Sequence item 1");
      else if (display.voi_source == LB_DICOM_VOI_SOURCE_WINDOW)
        window_text = g_strdup_printf ("%g,%g %s stored window 1", display.center, display.width,
                                       fn);
      else
        window_text = g_strdup_printf ("%g,%g minmax", display.center, display.width);

      if (ok)
        {
          g_autofree char *name = out_is_dir ? output_name (path, i + 1) : NULL;
          g_autofree char *target = out_is_dir ? g_build_filename (o->out, name, NULL)
                                               : g_strdup (o->out);
          LbPngExportOptions eo = {
            .kind = o->bits == 16 ? (o->modality ? LB_PNG_EXPORT_MODALITY16
                                                 : LB_PNG_EXPORT_STORED16)
                                  : LB_PNG_EXPORT_DISPLAY8,
            .display = &display,
            .sop_instance_uid = uid,
            .window_text = window_text,
            .offset = NAN,
            .input_path = path,
            .replace = o->force,
          };
          if (!target_allowed (o, path, target))
            ok = FALSE;
          else if (!lb_png_export_frame (frame, &eo, target, NULL, &error))
            {
              /* A write error names the output and the system's reason ("cannot write
               * out.png: No space left on device"); the code's phrase would say "cannot be
               * read". */
              g_autofree char *reason = error->code == LB_DICOM_ERROR_IO
                                        ? g_strdup (error->message)
                                        : lb_cli_error_reason (error);
              lb_cli_print_error (path, "%s", reason);
              lb_dicom_error_free (error);
              error = NULL;
              ok = FALSE;
            }
          else
            g_hash_table_insert (o->written, g_steal_pointer (&target), g_strdup (path));
        }
      lb_dicom_image_info_free (ii);
      lb_dicom_frame_free (frame);
    }
  free (uid);
  lb_dicom_file_free (file);
  return ok;
}

int
lb_cli_export (int argc, char **argv)
{
  Options o = { .bits = 8 };
  g_auto (GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "frame", 0, 0, G_OPTION_ARG_INT, &o.frame, N_("Export frame N (1-based, default 1)"),
      N_("N") },
    { "all-frames", 0, 0, G_OPTION_ARG_NONE, &o.all_frames, N_("Export every frame"), NULL },
    { "voi", 0, 0, G_OPTION_ARG_INT, &o.voi, N_("Use the N-th stored window (default 1)"),
      N_("N") },
    { "window", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_window,
      N_("Window centre and width in modality units (HU for CT)"), N_("C,W") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &o.preset, N_("Use a window preset (see presets)"),
      N_("NAME") },
    { "minmax", 0, 0, G_OPTION_ARG_NONE, &o.minmax, N_("Window over the frame's value range"),
      NULL },
    { "bits", 0, 0, G_OPTION_ARG_INT, &o.bits,
      N_("8: the image as displayed (default); 16: the data"), N_("8|16") },
    { "modality", 0, 0, G_OPTION_ARG_NONE, &o.modality,
      N_("With --bits 16: modality values plus an offset (CT: HU + 32768)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.out,
      N_("A .png file for one frame, or a directory"), N_("OUT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &o.force,
      N_("Replace existing PNG files (never an input, never a file that is not a PNG)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE...") },
    { NULL },
  };
  /* The FILE... part comes from the G_OPTION_REMAINING entry; option syntax is not translated. */
  g_autoptr (GOptionContext) context = g_option_context_new ("-o OUT");
  GOptionGroup *group = g_option_group_new ("export", "", "", &o, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_summary (context, _("Write pixels to PNG."));
  g_set_prgname ("lightbox-cli export");

  gboolean parsed = lb_cli_parse_options (context, &argc, &argv);
  int status = LB_CLI_EXIT_OK;
  if (!parsed)
    status = LB_CLI_EXIT_USAGE;
  else if (files == NULL || files[0] == NULL || o.out == NULL)
    {
      fprintf (stderr, "lightbox-cli: %s\n", _("export needs FILE... and -o OUT"));
      status = LB_CLI_EXIT_USAGE;
    }
  else if ((o.window != NULL) + (o.preset != NULL) + (o.minmax != 0) + (o.voi != 0) > 1)
    {
      fprintf (stderr, "lightbox-cli: %s\n",
               _("choose one of --voi, --window, --preset and --minmax"));
      status = LB_CLI_EXIT_USAGE;
    }
  else if ((o.frame != 0 && o.all_frames) || o.frame < 0 || o.voi < 0
           || (o.bits != 8 && o.bits != 16) || (o.modality && o.bits != 16))
    {
      fprintf (stderr, "lightbox-cli: %s\n",
               _("invalid option values: --frame N >= 1 or --all-frames, --voi N >= 1, "
                 "--bits 8 or 16, --modality only with --bits 16"));
      status = LB_CLI_EXIT_USAGE;
    }
  else if (o.preset != NULL
           && (o.preset_entry = lb_cli_lookup_preset (o.preset, &o.center, &o.width)) == NULL)
    status = LB_CLI_EXIT_USAGE;

  if (status == LB_CLI_EXIT_OK)
    {
      /* Several outputs need a directory; a single one may be a file name. */
      gboolean many = g_strv_length (files) > 1 || o.all_frames;
      /* "out/" names a folder even before it exists. */
      gboolean out_is_dir = g_file_test (o.out, G_FILE_TEST_IS_DIR)
                            || g_str_has_suffix (o.out, "/")
                            || (many && !g_str_has_suffix (o.out, ".png"));
      if (out_is_dir && g_mkdir_with_parents (o.out, 0777) != 0)
        {
          lb_cli_print_error (o.out, "%s", g_strerror (errno));
          status = LB_CLI_EXIT_FAILED;
        }
      else if (many && !out_is_dir)
        {
          lb_cli_print_error (o.out, _("several frames need a directory, not a .png file"));
          status = LB_CLI_EXIT_USAGE;
        }
      else
        {
          o.inputs = input_ids (files);
          o.written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          for (guint i = 0; files[i] != NULL; i++)
            if (!export_file (&o, files[i], out_is_dir))
              status = LB_CLI_EXIT_FAILED;
          g_hash_table_unref (o.inputs);
          g_hash_table_unref (o.written);
        }
    }
  g_free (o.window);
  g_free (o.preset);
  g_free (o.out);
  return status;
}
