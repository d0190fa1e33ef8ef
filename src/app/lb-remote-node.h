/* lb-remote-node.h: a row of the Remote place's results: a patient, a study or a series, built
 * from the LbRemoteRecords of a QIDO-RS search. Patients and studies hold their children in a
 * GListStore (a GtkTreeListModel's child model); a study's series arrive with a second search. */
#pragma once

#include <gio/gio.h>

#include "lb-remote.h"

G_BEGIN_DECLS

#define LB_TYPE_REMOTE_NODE (lb_remote_node_get_type ())

G_DECLARE_FINAL_TYPE (LbRemoteNode, lb_remote_node, LB, REMOTE_NODE, GObject)

typedef enum {
  LB_REMOTE_NODE_PATIENT,
  LB_REMOTE_NODE_STUDY,
  LB_REMOTE_NODE_SERIES,
} LbRemoteNodeKind;

/* Groups study records by patient (ID and name), in the order they came: a GListStore of patient
 * nodes, each holding its study nodes. Takes the records out of `studies` (which may then be
 * freed); series-level records are left there. */
GListModel       *lb_remote_node_group_studies (GPtrArray    *studies);
/* Fills a study node's children with series nodes, by series number, taking the records. */
void              lb_remote_node_set_series    (LbRemoteNode *study,
                                                GPtrArray    *series);
LbRemoteNodeKind  lb_remote_node_get_kind      (LbRemoteNode *self);
/* The first line of the row: patient name, study description or series description. */
const char       *lb_remote_node_get_title     (LbRemoteNode *self);
/* The second line: patient ID; date, modalities and counts of a study; modality, number and
 * images of a series. */
const char       *lb_remote_node_get_detail    (LbRemoteNode *self);
/* The record of a study or series, NULL for a patient. */
const LbRemoteRecord *lb_remote_node_get_record (LbRemoteNode *self);
/* The child nodes of a patient or study (owned by the node), NULL for a series. */
GListModel       *lb_remote_node_get_children  (LbRemoteNode *self);

G_END_DECLS
