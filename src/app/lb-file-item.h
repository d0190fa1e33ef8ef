/* lb-file-item.h: a row of the file browser: a folder heading or a DICOM file with the header
 * fields that sort and describe it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LB_TYPE_FILE_ITEM (lb_file_item_get_type ())

G_DECLARE_FINAL_TYPE (LbFileItem, lb_file_item, LB, FILE_ITEM, GObject)

/* Reads the header of `file` (stops before Pixel Data). NULL when it is not a DICOM image. */
LbFileItem *lb_file_item_new_for_file   (GFile       *file);
LbFileItem *lb_file_item_new_for_folder (GFile       *folder,
                                         const char  *label,
                                         guint        depth);
GFile      *lb_file_item_get_file       (LbFileItem  *self);
gboolean    lb_file_item_is_folder      (LbFileItem  *self);
const char *lb_file_item_get_series_uid (LbFileItem  *self);
/* Anatomical order inside a series: position along the slice normal (highest first), then
 * InstanceNumber,
 * then file name. */
int         lb_file_item_compare_slices (LbFileItem  *a,
                                         LbFileItem  *b);
void        lb_file_item_set_depth      (LbFileItem  *self,
                                         guint        depth);

G_END_DECLS
