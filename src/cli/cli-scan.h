/* cli-scan.h: what the parts of `lightbox-cli scan` share (cli-scan.c walks folders and
 * prints, cli-scan-dicomdir.c follows DICOMDIRs, cli-scan-zip.c reads zips in place). */
#ifndef CLI_SCAN_H
#define CLI_SCAN_H

#include <glib.h>

#include "cli-json.h"
#include "lb-dicom.h"
#include "lb-study.h"

typedef struct {
  GStringChunk *strings;
  GHashTable *visited_paths;   /* files already read (a DICOMDIR and the walk both find them) */
  gboolean walk_may_repeat;    /* a path the walk finds may have been read already (below) */
  gboolean may_name_zips;      /* a path on the command line may be a zip (else none is) */
  GHashTable *visited_dirs;    /* "dev:ino" of directories, against symlink loops */
  LbStudyModel *model;         /* patients, studies, series, stacks (src/study) */
  LbDicomScanner *scanner;     /* reads the headers of a folder's files (lb-dicom-scan.h) */
  GPtrArray *missing;          /* of ScanMissing: files a DICOMDIR names that are not there */
  guint n_files, n_dicom, n_not_dicom, n_failed, n_dicomdir, n_duplicates;
  gboolean failed;
} Scan;

/* A file a DICOMDIR references that is not on the media, with what its records say of it. */
typedef struct {
  const char *path;            /* where it should be: the DICOMDIR's folder + the File ID */
  const char *dicomdir;
  const char *patient_id, *patient_name, *study_uid, *series_uid, *modality;
} ScanMissing;

void lb_scan_path (Scan *scan, const char *path, gboolean named);
void lb_scan_file (Scan *scan, const char *path, gboolean named);
/* Counts and files the result of one read: an instance, a DICOMDIR (followed unless it is
 * inside an archive), not DICOM, or damaged. */
void lb_scan_take_read (Scan *scan, const char *path, const LbDicomFile *file, gboolean ok,
                        const LbDicomError *error, gboolean named, gboolean in_archive);

void lb_scan_follow_dicomdir (Scan *scan, const char *path, const LbDicomFile *file);
void lb_scan_print_missing_text (GString *out, Scan *scan);
void lb_scan_print_missing_json (LbJson *json, Scan *scan);

/* The zip at `path`, member by member (cli-scan-zip.c, in lightbox-cli-commands; lightbox-cli
 * itself runs a scan that names a zip there, cli-program.h). */
void lb_scan_zip (Scan *scan, const char *path);

/* A worker asking the kernel for the prefixes of files[from..] ahead of the scan
 * (cli-scan-ahead.c); NULL when no thread could be made. */
typedef struct _ScanAhead ScanAhead;
ScanAhead *lb_scan_ahead_start (GPtrArray *files, guint from, gsize bytes);
void       lb_scan_ahead_stop (ScanAhead *ahead);

/* A thread reading the first `prefix` bytes of files[from..] (names from name_at, relative to
 * dir_fd) in batches, in order (cli-scan-ahead.c); NULL when no thread could be made. */
typedef struct _ScanReader ScanReader;
typedef struct _ScanBatch ScanBatch;
ScanReader *lb_scan_reader_start (GPtrArray *files, guint from, int dir_fd, gsize name_at,
                                  gsize prefix);
/* The bytes read of files[index], valid until the next call; indices must ascend one by one
 * from `from`. `prefix` is what to read of the files not read yet. FALSE when the file could
 * not be opened. */
gboolean    lb_scan_reader_take (ScanReader *reader, guint index, gsize prefix,
                                 const guint8 **bytes, gsize *len, gboolean *whole);
/* Once every file was taken. */
void        lb_scan_reader_stop (ScanReader *reader);

#endif
