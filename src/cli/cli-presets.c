/* cli-presets.c: `lightbox-cli presets [--json]`: the window presets with the value range they
 * show and the published source of their numbers (dicom-presets.c). */
#include "config.h"

#include <stdio.h>

#include "cli-json.h"
#include "cli.h"
#include "lb-dicom-pixel.h"

int
lb_cli_presets (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    lb_cli_command_context ("presets",
                            _("List the window presets: name, modality, centre, width, the "
                              "value range [C - W/2, C + W/2] they show, and the source of "
                              "the numbers."), entries);
  if (!lb_cli_parse_options (context, &argc, &argv))
    return LB_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      lb_cli_print_error (argv[1], _("presets takes no arguments"));
      return LB_CLI_EXIT_USAGE;
    }

  size_t n = 0;
  const LbDicomPreset *presets = lb_dicom_presets (&n);

  if (json)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      LbJson j;
      lb_json_init (&j, out, TRUE);
      lb_json_begin_array (&j);
      for (size_t i = 0; i < n; i++)
        {
          lb_json_begin_object (&j);
          lb_json_member_string (&j, "name", presets[i].name);
          lb_json_member_string (&j, "label", presets[i].label);
          lb_json_member_string (&j, "modality", presets[i].modality);
          lb_json_member_double (&j, "center", presets[i].center);
          lb_json_member_double (&j, "width", presets[i].width);
          lb_json_member_double (&j, "lower", presets[i].lower);
          lb_json_member_double (&j, "upper", presets[i].upper);
          lb_json_member_string (&j, "source", presets[i].source);
          lb_json_end_object (&j);
        }
      lb_json_end_array (&j);
      g_string_append_c (out, '\n');
      fputs (out->str, stdout);
      return LB_CLI_EXIT_OK;
    }

  /* Numbers and names are not translated (scripts read them); the label is. */
  printf ("%-12s %-8s %7s %7s  %-18s %s\n", _("NAME"), _("MODALITY"), _("CENTRE"), _("WIDTH"),
          _("RANGE"), _("SOURCE"));
  for (size_t i = 0; i < n; i++)
    {
      g_autofree char *range = g_strdup_printf ("[%g, %g]", presets[i].lower, presets[i].upper);
      printf ("%-12s %-8s %7g %7g  %-18s %s\n", presets[i].name, presets[i].modality,
              presets[i].center, presets[i].width, range, presets[i].source);
    }
  return LB_CLI_EXIT_OK;
}
