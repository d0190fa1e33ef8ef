/* lb-reformat-note.c: the overlay line of a reformatted plane (see lb-reformat-note.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "lb-reformat-note.h"

static const char *
plane_label (LbVolumePlane plane)
{
  switch (plane)
    {
    case LB_VOLUME_PLANE_AXIAL: return C_("plane", "Axial");
    case LB_VOLUME_PLANE_SAGITTAL: return C_("plane", "Sagittal");
    case LB_VOLUME_PLANE_CORONAL:
    default: return C_("plane", "Coronal");
    }
}

/* The slab as the Layout menu names it: "MIP 20 mm"; NULL for a thin plane. */
static char *
slab_label (double           slab_mm,
            LbVolumeSlabMode mode)
{
  if (slab_mm <= 0)
    return NULL;
  switch (mode)
    {
    case LB_VOLUME_SLAB_MIP:
      /* Translators: a maximum intensity projection slab and its thickness, in a view */
      return g_strdup_printf (_("MIP %.0f mm"), slab_mm);
    case LB_VOLUME_SLAB_MINIP:
      /* Translators: a minimum intensity projection slab and its thickness, in a view */
      return g_strdup_printf (_("MinIP %.0f mm"), slab_mm);
    case LB_VOLUME_SLAB_MEAN:
    default:
      /* Translators: an averaged slab and its thickness, in a view */
      return g_strdup_printf (_("Mean %.0f mm"), slab_mm);
    }
}

char *
lb_reformat_note (LbVolumePlane    plane,
                  double           position_mm,
                  double           slab_mm,
                  LbVolumeSlabMode mode)
{
  g_autofree char *slab = slab_label (slab_mm, mode);
  /* Translators: a reformatted plane and its position, e.g. "Sagittal 12.5 mm" */
  g_autofree char *where = g_strdup_printf (_("%s %.1f mm"), plane_label (plane), position_mm);

  /* Two short lines rather than one long one: they fit beside the window's line in a third of
   * the window, where one line would be hidden. */
  return slab != NULL ? g_strconcat (where, "\n", slab, NULL) : g_steal_pointer (&where);
}
