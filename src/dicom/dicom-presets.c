/* dicom-presets.c: CT window presets, with the published source of every number.
 *
 * The numbers are those of Radiopaedia's "Windowing (CT)" article (Murphy A, Baba Y et al.,
 * https://radiopaedia.org/articles/windowing-ct, rID 52108), which gives W/L per body region.
 * Where the article gives a range (subdural, soft tissue) we take a value inside it and say so.
 */
#include "lb-dicom-pixel.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#define RADIOPAEDIA "Radiopaedia, \"Windowing (CT)\", https://radiopaedia.org/articles/windowing-ct"

/* lower/upper are computed here once, so the table and `presets` cannot disagree. */
#define PRESET(n, l, m, c, w, s) { n, l, m, c, w, (c) - (w) / 2.0, (c) + (w) / 2.0, s }

static const LbDicomPreset presets[] = {
  PRESET ("brain", "Brain", "CT", 40, 80, RADIOPAEDIA " (brain W:80 L:40)"),
  PRESET ("subdural", "Subdural", "CT", 75, 215,
          RADIOPAEDIA " (subdural W:130-300 L:50-100; W:215 L:75 lies in both ranges)"),
  PRESET ("stroke", "Stroke", "CT", 40, 40,
          RADIOPAEDIA " (stroke W:40 L:40; the narrower W:8 L:32 is also listed)"),
  PRESET ("temporal", "Temporal bone", "CT", 600, 2800,
          RADIOPAEDIA " (temporal bones W:2800 L:600)"),
  PRESET ("softtissue", "Soft tissue", "CT", 50, 350,
          RADIOPAEDIA " (head and neck soft tissues W:350-400 L:20-60)"),
  PRESET ("lung", "Lung", "CT", -600, 1500, RADIOPAEDIA " (lungs W:1500 L:-600)"),
  PRESET ("mediastinum", "Mediastinum", "CT", 50, 350, RADIOPAEDIA " (mediastinum W:350 L:50)"),
  PRESET ("abdomen", "Abdomen", "CT", 50, 400, RADIOPAEDIA " (abdomen soft tissues W:400 L:50)"),
  PRESET ("liver", "Liver", "CT", 30, 150, RADIOPAEDIA " (liver W:150 L:30)"),
  PRESET ("spine", "Spine soft tissue", "CT", 50, 250,
          RADIOPAEDIA " (spine soft tissues W:250 L:50)"),
  PRESET ("bone", "Bone", "CT", 400, 1800, RADIOPAEDIA " (bone W:1800 L:400)"),
};

const LbDicomPreset *
lb_dicom_presets (size_t *n_presets)
{
  if (n_presets != NULL)
    *n_presets = sizeof presets / sizeof presets[0];
  return presets;
}

const LbDicomPreset *
lb_dicom_preset_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
    if (strcasecmp (presets[i].name, name) == 0)
      return &presets[i];
  return NULL;
}

size_t
lb_dicom_presets_for_modality (const char *modality, const LbDicomPreset **out, size_t max)
{
  size_t n = 0;
  if (modality == NULL)
    return 0;
  for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
    if (strcasecmp (presets[i].modality, modality) == 0)
      {
        if (out != NULL && n < max)
          out[n] = &presets[i];
        n++;
      }
  return n;
}
