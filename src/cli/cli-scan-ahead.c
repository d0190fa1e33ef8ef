/* cli-scan-ahead.c: a read-ahead worker for `lightbox-cli scan` on a cold page cache.
 *
 * When the headers are not in memory every pread() of the scan waits for the disk, one file
 * at a time. This worker, on the other core, runs ahead through the same sorted list asking
 * the kernel for each file's prefix (open, posix_fadvise(WILLNEED), close), so that several
 * reads are in flight and the scan finds them done; the scan itself stays one thread in file
 * order, so the output is the same. On a warm cache it only doubles the system calls (the
 * 6,000-file floor went from 31 to 70 ms in bench/scan-floor.c), so cli-scan.c starts it only
 * when the first reads of a folder were slow. */
#include "config.h"

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
