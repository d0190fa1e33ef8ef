/* cli-zip-module.h: lightbox-cli's zip reader, the module lightbox-cli-zip.
 *
 * Zips are read with libarchive (lb-study-zip.h), which brings libxml2, ICU, lz4, zstd, bz2,
 * acl and nettle: ~0.85 ms of dynamic loading at every start of lightbox-cli-commands, paid by
 * every command though only a scan or an anonymization of a zip needs them. So they are a
 * module (plain C, no GLib: it links libarchive and libc only) that lightbox-cli-commands loads
 * at the first zip (cli-zip.c, which gives that program the functions of lb-study-zip.h). It
 * is found beside the running program (the build tree), else in LB_CLI_MODULE_DIR. */
#ifndef CLI_ZIP_MODULE_H
#define CLI_ZIP_MODULE_H

#include "lb-study-zip.h"

#define LB_CLI_ZIP_MODULE        "lightbox-cli-zip.so"
#define LB_CLI_ZIP_MODULE_SYMBOL "lb_cli_zip_module_get"

/* lb_zip_open, lb_zip_close, lb_zip_next and lb_zip_read of the module. */
typedef struct {
  LbZip    *(*open)  (const char *path, char **error);
  void      (*close) (LbZip *zip);
  LbZipNext (*next)  (LbZip *zip, const char **name, int64_t *declared_size, char **error);
  ssize_t   (*read)  (LbZip *zip, void *buf, size_t len, char **error);
} LbCliZipModule;

typedef const LbCliZipModule *(*LbCliZipModuleGet) (void);

#endif
