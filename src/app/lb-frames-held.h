/* lb-frames-held.h: the frames a file's pixel data hold, which its header may overstate. */
#pragma once

#include "lb-document.h"

G_BEGIN_DECLS

/* lb_document_get_n_frames (what Number of Frames says), capped at what the pixel data hold;
 * at least 1. */
guint lb_count_frames_held (LbDocument *document);

G_END_DECLS
