/* lb-study-zip.h: reading the members of a .zip in place (libarchive), plain C.
 *
 * A zip from a PACS portal or a public archive is read member by member, without extracting it
 * to disk: the caller reads each member's bytes in pieces and decides how many it needs (a
 * header-only scan stops at Pixel Data), so neither a member declared at 4 GB nor a zip bomb
 * ever needs more memory than the caller's own bound. Damage (a truncated archive, a member
 * whose CRC or deflate stream is wrong) is reported as a message, never a crash. */
#ifndef LB_STUDY_ZIP_H
#define LB_STUDY_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct LbZip LbZip;

/* true when the file at `path` starts like a zip (a local file header "PK\3\4" or the end
 * record of an empty zip "PK\5\6"). */
bool lb_zip_is_zip (const char *path);

/* Opens the zip at `path`; NULL and a message in *error (free() it) when it cannot. */
LbZip *lb_zip_open (const char *path, char **error);
void   lb_zip_close (LbZip *zip);

typedef enum {
  LB_ZIP_MEMBER,   /* *name is the next regular file (borrowed until the next call) */
  LB_ZIP_END,      /* no more members */
  LB_ZIP_DAMAGED,  /* the archive cannot be read further: message in *error (free() it) */
} LbZipNext;

/* Moves to the next regular-file member (folders, links and devices are passed over).
 * *declared_size is the size its header states, or -1 when it states none. */
LbZipNext lb_zip_next (LbZip *zip, const char **name, int64_t *declared_size, char **error);

/* Reads up to `len` bytes of the current member: the count read, 0 at its end, -1 when the
 * member is damaged (message in *error; the next member may still be readable). */
ssize_t lb_zip_read (LbZip *zip, void *buf, size_t len, char **error);

/* A member name that stays inside a folder it is extracted to: relative, no "." or ".."
 * component, no empty component. */
bool lb_zip_member_name_is_safe (const char *name);

#endif
