/* study-zip-magic.c: whether a file is a zip (lb-study-zip.h), by its first bytes. Apart from
 * study-zip.c so that a program asking only this (lightbox-cli scan of a folder) does not link
 * libarchive: the zip itself is read in lightbox-cli's commands module. */
#include "lb-study-zip.h"

#include <fcntl.h>
#include <unistd.h>

bool
lb_zip_is_zip (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  unsigned char magic[4];
  bool zip = read (fd, magic, 4) == 4 && magic[0] == 'P' && magic[1] == 'K'
             && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
  close (fd);
  return zip;
}
