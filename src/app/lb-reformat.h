/* lb-reformat.h: the three-plane view of a series: the volume (src/volume, built in a worker,
 * shown as its slices arrive), the crosshair point in patient mm, and the axial, sagittal and
 * coronal planes through it, each shown in a viewport's canvas as a frame of its own
 * (lb_document_new_for_plane). A click in a view moves the crosshair there (Shift+drag drags
 * it), which moves the other two planes; the wheel moves the view's own plane; the pointer's
 * patient coordinate and value (HU for CT) are the probe text. The planes are sampled off the
 * main thread (lb-reformat-sampler.h) and shown as they come back. */
#pragma once

#include "lb-viewport.h"
#include "lb-volume.h"

G_BEGIN_DECLS

#define LB_TYPE_REFORMAT (lb_reformat_get_type ())

G_DECLARE_FINAL_TYPE (LbReformat, lb_reformat, LB, REFORMAT, GObject)

/* The three viewports show the axial, sagittal and coronal planes while it runs. */
LbReformat *lb_reformat_new           (LbViewport  *axial,
                                       LbViewport  *sagittal,
                                       LbViewport  *coronal);
/* Builds the volume of `files` (GFile, the series of `source`) in a worker; the crosshair
 * starts at the centre of `source`'s slice. A volume that cannot be built ends in ::failed. */
void        lb_reformat_start         (LbReformat  *self,
                                       LbDocument  *source,
                                       GPtrArray   *files);
void        lb_reformat_stop          (LbReformat  *self);
gboolean    lb_reformat_is_running    (LbReformat  *self);
/* The crosshair point, patient mm (LPS); moving it moves the planes through it. */
void        lb_reformat_get_point     (LbReformat  *self,
                                       double       xyz[3]);
void        lb_reformat_set_point     (LbReformat  *self,
                                       const double xyz[3]);
/* Moves the plane of `viewport` by `delta` voxel steps along its normal. */
void        lb_reformat_scroll        (LbReformat  *self,
                                       LbViewport  *viewport,
                                       int          delta);
/* Slab thickness in mm (0: thin planes) and projection. */
void        lb_reformat_set_slab      (LbReformat       *self,
                                       double            mm,
                                       LbVolumeSlabMode  mode);
const char *lb_reformat_get_probe_text (LbReformat *self);
/* Asks for all three planes again (they are sampled in workers and shown as they come back). */
void        lb_reformat_refresh       (LbReformat  *self);
/* A plane asked for is not on show yet (for tests and the bench: wait while TRUE). */
gboolean    lb_reformat_is_sampling   (LbReformat  *self);

G_END_DECLS
