/* lb-element-bytes.h: the bytes behind one element of the tag tree (issue 11 §4): its tag, VR
 * and length fields and the start of its value, in hex and text, with the file offset, the
 * byte order and whether the VR is explicit. */
#pragma once

#include <gtk/gtk.h>

#include "lb-document.h"

G_BEGIN_DECLS

/* At most this many value bytes are shown; the rest is counted ("… (M more)"). */
#define LB_ELEMENT_BYTES_MAX_VALUE 64

#define LB_TYPE_ELEMENT_BYTES (lb_element_bytes_get_type ())

G_DECLARE_FINAL_TYPE (LbElementBytes, lb_element_bytes, LB, ELEMENT_BYTES, GtkWidget)

GtkWidget  *lb_element_bytes_new         (void);
/* Shows `element` of `document` (which keeps it alive); NULL hides the panel. */
void        lb_element_bytes_set_element (LbElementBytes       *self,
                                          LbDocument           *document,
                                          const LbDicomElement *element);
/* What the panel shows: the heading line, then the dump ("" when hidden). */
const char *lb_element_bytes_get_text    (LbElementBytes *self);

/* The dump of `element` as text, as the panel shows it (for the CLI and the tests too). */
char       *lb_element_bytes_format      (const LbDicomFile    *file,
                                          const LbDicomElement *element);

G_END_DECLS
