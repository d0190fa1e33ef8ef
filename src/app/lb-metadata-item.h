/* lb-metadata-item.h: one row of the tag tree: a DICOM group, an element or a sequence item. */
#pragma once

#include <gio/gio.h>

#include "lb-document.h"

G_BEGIN_DECLS

typedef enum {
  LB_METADATA_ITEM_GROUP,
  LB_METADATA_ITEM_ELEMENT,
  LB_METADATA_ITEM_SEQUENCE_ITEM,
} LbMetadataItemKind;

#define LB_TYPE_METADATA_ITEM (lb_metadata_item_get_type ())

G_DECLARE_FINAL_TYPE (LbMetadataItem, lb_metadata_item, LB, METADATA_ITEM, GObject)

/* The top rows for a document: one per group, in file order, meta first. Only elements that
 * match `search` (tag, keyword, name or value; NULL or "" = all) and their parents are kept. */
GListStore        *lb_metadata_item_build_root   (LbDocument     *document,
                                                  const char     *search);
/* The children of a row (NULL when it has none), filtered by the same search. */
GListModel        *lb_metadata_item_get_children (LbMetadataItem *self);

LbMetadataItemKind lb_metadata_item_get_kind     (LbMetadataItem *self);
guint16            lb_metadata_item_get_group    (LbMetadataItem *self);
const char        *lb_metadata_item_get_tag      (LbMetadataItem *self);
const char        *lb_metadata_item_get_name     (LbMetadataItem *self);
const char        *lb_metadata_item_get_value    (LbMetadataItem *self);
gboolean           lb_metadata_item_get_is_private (LbMetadataItem *self);
/* The element of an ELEMENT row (NULL for groups and items); its document keeps it alive. */
const LbDicomElement *lb_metadata_item_get_element (LbMetadataItem *self);
const char        *lb_metadata_group_name        (guint16         group);

G_END_DECLS
