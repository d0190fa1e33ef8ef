/* lb-reformat-sampler.h: the three-plane view's planes sampled off the main thread.
 *
 * The main loop hands over a request per plane (lb_reformat_sampler_request); a worker samples it
 * (lb_volume_sample_plane_frame: the same call and the same pixels as sampling in place) and the
 * frame comes back to the main context the sampler was made in, through the sampler's function.
 *
 * The newest request of a plane wins: a plane has at most one sample running and one request
 * waiting, the newest (a newer request replaces the waiting one, which is never sampled). A
 * sample whose plane got a request for another place (position, slab, projection...) while it ran
 * is dropped: it is never shown, so no view shows a plane older than one asked for after it. A
 * request for the same place as the running sample does not drop it (while the volume loads, the
 * views are asked again as slices arrive: the running sample is shown, then the new one, with the
 * slices that came meanwhile).
 *
 * lb_reformat_sampler_cancel (and a new volume, and dispose) drops every request: the function is
 * not called again for any made before. A sample still running keeps its volume alive through
 * the hold given with it until it ends; it does not keep the sampler: the owner's last unref
 * disposes the sampler at once, and a sample that ends after that is dropped. */
#pragma once

#include <glib-object.h>

#include "lb-volume.h"

G_BEGIN_DECLS

#define LB_TYPE_REFORMAT_SAMPLER (lb_reformat_sampler_get_type ())

G_DECLARE_FINAL_TYPE (LbReformatSampler, lb_reformat_sampler, LB, REFORMAT_SAMPLER, GObject)

/* A plane sampled for `request` (frame: transfer full, free with lb_dicom_frame_free). */
typedef void (*LbReformatSamplerFunc) (const LbVolumePlaneRequest *request,
                                       LbDicomFrame               *frame,
                                       gpointer                    user_data);

LbReformatSampler *lb_reformat_sampler_new        (LbReformatSamplerFunc       func,
                                                   gpointer                    user_data);
/* The volume planes are sampled from, or NULL. `hold` is one reference that keeps `volume`
 * alive; the sampler takes it and calls `release (hold)` once no sample uses the volume any
 * more (maybe on a worker thread). Drops every request, as lb_reformat_sampler_cancel. */
void               lb_reformat_sampler_set_volume (LbReformatSampler          *self,
                                                   LbVolume                   *volume,
                                                   gpointer                    hold,
                                                   GDestroyNotify              release);
/* Samples request->plane for `request` with `geometry` (lb_volume_plane_geometry) in a worker.
 * Without a volume, nothing. */
void               lb_reformat_sampler_request    (LbReformatSampler          *self,
                                                   const LbVolumePlaneRequest *request,
                                                   const LbVolumePlaneGeometry *geometry);
/* Drops every request, waiting or running: none of them reaches the function. */
void               lb_reformat_sampler_cancel     (LbReformatSampler          *self);
/* A request is waiting or its sample running. */
gboolean           lb_reformat_sampler_is_busy    (LbReformatSampler          *self);
/* Samples started (for tests: a request replaced while it waited is never sampled). */
guint              lb_reformat_sampler_get_n_started (LbReformatSampler       *self);

G_END_DECLS
