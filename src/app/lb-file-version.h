/* lb-file-version.h: a key for one version of a file on disk, for caches of what was read from
 * it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "URI size mtime inode" of `file` as it is now: a file rewritten in place (new mtime, maybe
 * new size) or replaced by a rename (new inode) gets a new key. A file that cannot be stat'ed
 * (gone, not local) gets its URI alone. Any thread. */
char *lb_file_version_key (GFile *file);

G_END_DECLS
