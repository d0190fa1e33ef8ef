/* lb-reformat-note.h: the lines a reformatted plane shows in its view: which plane and where,
 * then which slab ("Sagittal 12.5 mm\nMIP 20 mm"), so the active slab is visible on screen. */
#pragma once

#include <glib.h>

#include "lb-volume.h"

G_BEGIN_DECLS

char *lb_reformat_note (LbVolumePlane    plane,
                        double           position_mm,
                        double           slab_mm,
                        LbVolumeSlabMode mode);

G_END_DECLS
