/* lb-remote.h: a DICOMweb client (PS3.18) for the CLI and the viewer: QIDO-RS search,
 * WADO-RS retrieve streamed to disk, STOW-RS upload. GLib + libsoup 3 + json-glib, no GTK.
 *
 * Every operation is asynchronous (GTask) and cancellable; its callback runs in the thread-default
 * main context of the caller. The network work runs in a worker thread with its own SoupSession,
 * so a long retrieve never blocks the caller's main loop. Credentials are HTTP Basic; they are
 * sent in the Authorization header and never logged or put in an error message. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LB_REMOTE_ERROR (lb_remote_error_quark ())
GQuark lb_remote_error_quark (void);

typedef enum {
  LB_REMOTE_ERROR_INVALID_URL,   /* not an http(s) URL */
  LB_REMOTE_ERROR_UNREACHABLE,   /* name not resolved, no route, time-out */
  LB_REMOTE_ERROR_REFUSED,       /* nothing listens on the port */
  LB_REMOTE_ERROR_AUTH,          /* HTTP 401 or 403: the credentials */
  LB_REMOTE_ERROR_NOT_FOUND,     /* HTTP 404 */
  LB_REMOTE_ERROR_HTTP,          /* any other HTTP status that is not a success */
  LB_REMOTE_ERROR_INTERRUPTED,   /* the connection ended in the middle of an answer */
  LB_REMOTE_ERROR_PROTOCOL,      /* an answer that is not what PS3.18 says */
  LB_REMOTE_ERROR_REJECTED,      /* STOW-RS: the server refused some instances */
  LB_REMOTE_ERROR_LOCAL,         /* writing into the destination failed */
} LbRemoteErrorCode;

/* ---- The client ---------------------------------------------------------------------------- */

#define LB_TYPE_REMOTE_CLIENT (lb_remote_client_get_type ())
G_DECLARE_FINAL_TYPE (LbRemoteClient, lb_remote_client, LB, REMOTE_CLIENT, GObject)

/* url is the DICOMweb root (Orthanc: http://host:8042/dicom-web). User and password may be NULL;
 * user-info in the URL is used when they are. Fails with LB_REMOTE_ERROR_INVALID_URL. */
LbRemoteClient *lb_remote_client_new (const char *url, const char *user, const char *password,
                                      GError **error);
/* The root URL without user-info: safe to print. */
const char *lb_remote_client_get_display_url (LbRemoteClient *client);
/* Seconds to wait for a connection or for the next bytes of an answer (default 30). */
void lb_remote_client_set_timeout (LbRemoteClient *client, guint seconds);

/* ---- QIDO-RS search -------------------------------------------------------------------------- */

typedef struct {
  char *patient_name;   /* PN matching: '*' and '?' wildcards */
  char *patient_id;
  char *modality;       /* ModalitiesInStudy for studies, Modality for series */
  char *date_range;     /* YYYYMMDD, YYYYMMDD-YYYYMMDD, -YYYYMMDD or YYYYMMDD- */
  char *accession;
  char *study_uid;      /* set: search the series of this study */
} LbRemoteQuery;

/* Frees the query's strings (not the struct): g_auto (LbRemoteQuery) for one on the stack. */
void lb_remote_query_clear (LbRemoteQuery *query);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LbRemoteQuery, lb_remote_query_clear)

typedef enum { LB_REMOTE_LEVEL_STUDY, LB_REMOTE_LEVEL_SERIES } LbRemoteLevel;

/* One study or series found; strings are UTF-8 (empty when the server gave none). */
typedef struct {
  LbRemoteLevel level;
  char *study_uid;
  char *series_uid;        /* series level only */
  char *patient_name;
  char *patient_id;
  char *study_date;
  char *study_description;
  char *accession;
  char *modalities;        /* studies: ModalitiesInStudy joined by '\'; series: Modality */
  char *series_description;
  int series_number;       /* -1 when absent */
  int n_series;            /* -1 when absent */
  int n_instances;         /* -1 when absent */
} LbRemoteRecord;

void lb_remote_record_free (LbRemoteRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LbRemoteRecord, lb_remote_record_free)

/* Studies matching the query, or with query->study_uid the series of that study. The query is
 * copied. Finish returns a GPtrArray of LbRemoteRecord (owned, freed with the array). */
void lb_remote_client_search_async (LbRemoteClient *client, const LbRemoteQuery *query,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
GPtrArray *lb_remote_client_search_finish (LbRemoteClient *client, GAsyncResult *result,
                                           GError **error);

/* ---- WADO-RS retrieve ---------------------------------------------------------------------- */

/* Called in the caller's main context after each instance is written (path is the final file),
 * so a viewer can show the first image at once. */
typedef void (*LbRemoteProgressFunc) (guint n_instances, guint64 n_bytes, const char *path,
                                      gpointer user_data);

typedef enum {
  LB_REMOTE_RETRIEVE_DEFAULT = 0,
  LB_REMOTE_RETRIEVE_OVERWRITE = 1 << 0,   /* replace a DICOM file of the same name */
} LbRemoteRetrieveFlags;

/* Retrieves a study (series_uid NULL) or a series into dest_dir, one Part 10 file per instance
 * named SOPInstanceUID.dcm. The answer is parsed as it arrives: one instance at most is in
 * flight, written to a temporary file in dest_dir, synced and renamed; on any failure or
 * cancellation the temporary file is removed. */
void lb_remote_client_retrieve_async (LbRemoteClient *client, const char *study_uid,
                                      const char *series_uid, const char *dest_dir,
                                      LbRemoteRetrieveFlags flags,
                                      LbRemoteProgressFunc progress, gpointer progress_data,
                                      GDestroyNotify progress_data_free,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data);
/* n_instances: the instances written, also when the retrieve failed part-way. */
gboolean lb_remote_client_retrieve_finish (LbRemoteClient *client, GAsyncResult *result,
                                           guint *n_instances, GError **error);

/* ---- STOW-RS upload ------------------------------------------------------------------------ */

/* Stores the files (Part 10, paths) on the server, one request per file, each streamed from
 * its file (memory never holds an instance). progress is called after each stored file. Fails with
 * LB_REMOTE_ERROR_REJECTED naming the first refused file when the server refuses any. */
void lb_remote_client_upload_async (LbRemoteClient *client, const char *const *paths,
                                    LbRemoteProgressFunc progress, gpointer progress_data,
                                    GDestroyNotify progress_data_free,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data);
gboolean lb_remote_client_upload_finish (LbRemoteClient *client, GAsyncResult *result,
                                         guint *n_stored, GError **error);

G_END_DECLS
