/* lb-cine-rate.h: the rate a multi-frame object asks to be played at. */
#pragma once

#include <glib.h>

#include "lb-dicom-autoptr.h"

G_BEGIN_DECLS

typedef enum {
  LB_CINE_RATE_DEFAULT,                /* none of the below: LB_CINE_DEFAULT_RATE */
  LB_CINE_RATE_FRAME_TIME,             /* (0018,1063), ms per frame */
  LB_CINE_RATE_FRAME_TIME_VECTOR,      /* (0018,1065), ms between frames, the first 0 */
  LB_CINE_RATE_RECOMMENDED,            /* (0008,2144) Recommended Display Frame Rate */
  LB_CINE_RATE_CINE_RATE,              /* (0018,0040) Cine Rate */
} LbCineRateSource;

/* Frames per second from the first of the tags above that holds a usable value (rates between
 * 0.1 and 1000 frames/s), else LB_CINE_DEFAULT_RATE. `dicom` may be NULL. */
double      lb_cine_rate_for_dicom (const LbDicomFile *dicom,
                                    LbCineRateSource  *source);
/* A short translated name of the source, for the cine bar. */
const char *lb_cine_rate_source_name (LbCineRateSource source);

G_END_DECLS
