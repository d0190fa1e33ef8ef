/* cli-scan-ahead.c: the threads of `lightbox-cli scan` on a cold page cache: a read-ahead
 * worker, and (below) a reading thread.
 *
 * When the headers are not in memory every pread() of the scan waits for the disk, one file
 * at a time. This worker, on the other core, runs ahead through the same sorted list asking
 * the kernel for each file's prefix (open, posix_fadvise(WILLNEED), close), so that several
 * reads are in flight and the scan finds them done; the scan itself stays one thread in file
 * order, so the output is the same. On a warm cache it only doubles the system calls (the
 * 6,000-file floor went from 31 to 70 ms in bench/scan-floor.c), so cli-scan.c starts it only
 * when the first reads of a folder were slow. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "cli-scan.h"

struct _ScanAhead {
  GThread *thread;
  GPtrArray *files;            /* borrowed: the folder's sorted paths */
  guint from;
  gsize bytes;
  gint stop;                   /* atomic */
};

static gpointer
read_ahead (gpointer data)
{
  ScanAhead *ahead = data;
  for (guint i = ahead->from; i < ahead->files->len && !g_atomic_int_get (&ahead->stop); i++)
    {
      int fd = open (ahead->files->pdata[i], O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0)
        continue;
      (void) posix_fadvise (fd, 0, (off_t) ahead->bytes, POSIX_FADV_WILLNEED);
      close (fd);
    }
  return NULL;
}

ScanAhead *
lb_scan_ahead_start (GPtrArray *files, guint from, gsize bytes)
{
  ScanAhead *ahead = g_new0 (ScanAhead, 1);
  ahead->files = files;
  ahead->from = from;
  ahead->bytes = bytes;
  ahead->thread = g_thread_try_new ("scan-ahead", read_ahead, ahead, NULL);
  if (ahead->thread == NULL)
    {
      g_free (ahead);
      return NULL;   /* no thread: the scan reads on alone */
    }
  return ahead;
}

void
lb_scan_ahead_stop (ScanAhead *ahead)
{
  if (ahead == NULL)
    return;
  g_atomic_int_set (&ahead->stop, 1);
  g_thread_join (ahead->thread);
  g_free (ahead);
}

/* ---- The reading thread -------------------------------------------------------------------
 *
 * On a cold page cache with a second CPU, the system calls of a folder's files (open, pread,
 * close) move to a thread of their own: it reads each file's prefix, in file order, into
 * batches that the scan takes in the same order, walks and files, and hands back. Only the bytes cross threads; the reading of headers, the model and every message stay
 * in the scan's thread, in file order, so the output is the same whatever the timing. A file
 * the thread could not open, or whose header is longer than what it read, is read again by
 * the scan itself as before. */

#define BATCH_FILES 32    /* files per batch: two queue operations amortised over them */
#define N_BATCHES   4     /* batches in flight: a bound on memory (4 x 32 x the prefix) */
/* The most read of one file here: a longer header (the scanner's prefix follows the last
 * header, up to 4 MiB) is read on by the scan itself, so the batches stay within 4 MiB. */
#define MAX_PREFIX  ((gsize) 32 * 1024)

struct _ScanBatch {
  guint first, n;
  guint8 *bytes;
  gsize cap;
  gsize offset[BATCH_FILES], len[BATCH_FILES];
  gboolean read[BATCH_FILES], whole[BATCH_FILES];
};

struct _ScanReader {
  GThread *thread;
  GPtrArray *files;            /* borrowed: the folder's sorted paths */
  guint from;
  int dir_fd;
  gsize name_at;
  GAsyncQueue *empty, *full;   /* of ScanBatch */
  ScanBatch batches[N_BATCHES];
  gint prefix;                 /* atomic: the bytes to read of each file */
  ScanBatch *current;          /* the batch the scan is taking files from */
};

static gboolean
ensure_room (ScanBatch *batch, gsize size)
{
  if (size <= batch->cap)
    return TRUE;
  guint8 *grown = g_try_realloc (batch->bytes, size);
  if (grown == NULL)
    return FALSE;
  batch->bytes = grown;
  batch->cap = size;
  return TRUE;
}

/* The first `want` bytes of one file into the batch. */
static void
read_one (ScanReader *reader, ScanBatch *batch, guint k, gsize want)
{
  batch->read[k] = FALSE;
  gsize at = k == 0 ? 0 : batch->offset[k - 1] + batch->len[k - 1];
  batch->offset[k] = at;
  batch->len[k] = 0;
  const char *path = reader->files->pdata[batch->first + k];
  if (!ensure_room (batch, at + want))
    return;
  int fd = openat (reader->dir_fd, path + reader->name_at, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return;
  gsize have = 0;
  while (have < want)
    {
      ssize_t r = pread (fd, batch->bytes + at + have, want - have, (off_t) have);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      have += (gsize) r;
    }
  close (fd);
  batch->len[k] = have;
  batch->whole[k] = have < want;
  batch->read[k] = TRUE;
}

static gpointer
read_batches (gpointer data)
{
  ScanReader *reader = data;
  for (guint first = reader->from; first < reader->files->len; first += BATCH_FILES)
    {
      ScanBatch *batch = g_async_queue_pop (reader->empty);
      batch->first = first;
      batch->n = MIN (BATCH_FILES, reader->files->len - first);
      gsize want = (gsize) g_atomic_int_get (&reader->prefix);
      for (guint k = 0; k < batch->n; k++)
        read_one (reader, batch, k, want);
      g_async_queue_push (reader->full, batch);
    }
  return NULL;
}

ScanReader *
lb_scan_reader_start (GPtrArray *files, guint from, int dir_fd, gsize name_at, gsize prefix)
{
  ScanReader *reader = g_new0 (ScanReader, 1);
  reader->files = files;
  reader->from = from;
  reader->dir_fd = dir_fd;
  reader->name_at = name_at;
  reader->prefix = (gint) MIN (prefix, MAX_PREFIX);
  reader->empty = g_async_queue_new ();
  reader->full = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (reader->empty, &reader->batches[i]);
  reader->thread = g_thread_try_new ("scan-reader", read_batches, reader, NULL);
  if (reader->thread == NULL)
    {
      lb_scan_reader_stop (reader);
      return NULL;   /* no thread: the scan reads alone */
    }
  return reader;
}

gboolean
lb_scan_reader_take (ScanReader *reader, guint index, gsize prefix, const guint8 **bytes,
                     gsize *len, gboolean *whole)
{
  g_atomic_int_set (&reader->prefix, (gint) MIN (prefix, MAX_PREFIX));
  ScanBatch *batch = reader->current;
  if (batch != NULL && index >= batch->first + batch->n)
    {
      g_async_queue_push (reader->empty, batch);
      batch = reader->current = NULL;
    }
  if (batch == NULL)
    batch = reader->current = g_async_queue_pop (reader->full);
  g_assert (index >= batch->first && index < batch->first + batch->n);
  guint k = index - batch->first;
  *bytes = batch->bytes + batch->offset[k];
  *len = batch->len[k];
  *whole = batch->whole[k];
  return batch->read[k];
}

void
lb_scan_reader_stop (ScanReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->thread != NULL)
    {
      /* Take what is left so that the thread ends (the scan took every file). */
      if (reader->current != NULL)
        g_async_queue_push (reader->empty, reader->current);
      g_thread_join (reader->thread);
    }
  for (guint i = 0; i < N_BATCHES; i++)
    g_free (reader->batches[i].bytes);
  g_async_queue_unref (reader->empty);
  g_async_queue_unref (reader->full);
  g_free (reader);
}
