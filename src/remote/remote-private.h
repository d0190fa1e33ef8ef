/* remote-private.h: what the request files of src/remote share: one SoupSession per worker
 * thread, authorised messages, and HTTP statuses and network errors turned into LB_REMOTE_ERROR. */
#pragma once

#include <libsoup/soup.h>

#include "lb-remote.h"

/* A new session for the calling (worker) thread, with the client's time-outs. */
SoupSession *lb_remote_client_new_session (LbRemoteClient *client);
/* A request to ROOT + path_and_query (path_and_query starts with '/', already escaped), with the
 * Authorization header when the client has credentials. */
SoupMessage *lb_remote_client_new_message (LbRemoteClient *client, const char *method,
                                           const char *path_and_query);
/* FALSE with an error naming the status when msg's status is not 2xx. */
gboolean lb_remote_check_status (SoupMessage *msg, GError **error);
/* Sets *error from a transport error of libsoup/GIO (consumes io_error). */
void lb_remote_take_transport_error (GError *io_error, GError **error);

/* Progress calls marshalled to the caller's main context. */
typedef struct {
  GMainContext *context;
  GThread *thread;                     /* the caller's, where data is freed */
  LbRemoteProgressFunc func;
  gpointer data;
  GDestroyNotify data_free;
} LbRemoteProgress;

void lb_remote_progress_init (LbRemoteProgress *progress, LbRemoteProgressFunc func,
                              gpointer data, GDestroyNotify data_free);
void lb_remote_progress_clear (LbRemoteProgress *progress);
/* From the worker thread: queues func (n, bytes, path) in the caller's context, keeping owner
 * (the GTask that holds progress) alive until it has run. */
void lb_remote_progress_report (LbRemoteProgress *progress, GObject *owner, guint n,
                                guint64 bytes, const char *path);
