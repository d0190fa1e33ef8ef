/* lb-dicom-scan.h: a header reader for folder scans, plain C.
 *
 * A scan needs a handful of tags from each of thousands of headers. The full parser builds
 * every element of every dataset (private dictionary lookups, items in the arena); this reader
 * walks the same bytes, checks the same structure, and keeps only the tags it was asked for,
 * (0008,0005) and the meta group, pointing into one prefix buffer read with one pread() and
 * reused from file to file. Anything it is not sure to read exactly as the full parser does
 * (no DICM preamble, implicit VR, big endian, deflate, a UN that a dictionary could make a
 * sequence, undefined-length values other than sequences, unsorted tags, a DICOMDIR, any error)
 * is handed to lb_dicom_file_read_path(), so values and error messages are the full parser's,
 * byte for byte. */
#ifndef LB_DICOM_SCAN_H
#define LB_DICOM_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lb-dicom.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _LbDicomScanner LbDicomScanner;

typedef enum {
  LB_DICOM_SCAN_OK = 0,     /* read: the scanner's file holds the header */
  LB_DICOM_SCAN_MORE,       /* the header goes on past the bytes given (they were a prefix) */
  LB_DICOM_SCAN_FALLBACK,   /* not for this reader: use the full parser */
} LbDicomScanResult;

/* A scanner keeping these tags of the main dataset (any order, at most 64); NULL when out of
 * memory. One scanner per thread. */
LbDicomScanner *lb_dicom_scanner_new (const uint32_t *tags, size_t n_tags);
void            lb_dicom_scanner_free (LbDicomScanner *scanner);

/* The header of the file at `path`, as lb_dicom_file_read_path() with
 * LB_DICOM_READ_STOP_BEFORE_PIXELS reads it but for the elements not asked for. The file
 * belongs to the scanner and is valid until its next read; NULL (and *error, may be NULL) when
 * the file cannot be read or is not DICOM, with the full parser's error. */
const LbDicomFile *lb_dicom_scanner_read_path (LbDicomScanner *scanner, const char *path,
                                               LbDicomError **error);

/* The same for the file `name` in the folder open as dir_fd (AT_FDCWD: the current one);
 * `path` names it in the full parser's error messages. */
const LbDicomFile *lb_dicom_scanner_read_at (LbDicomScanner *scanner, int dir_fd,
                                             const char *name, const char *path,
                                             LbDicomError **error);

/* The same for a file whose first len bytes were read already into buf (by a reading thread;
 * `whole`: that is all of it); they must stay until the next read. A header longer than them,
 * or a file for the full parser, is read again from the file. */
const LbDicomFile *lb_dicom_scanner_read_prefix (LbDicomScanner *scanner, const uint8_t *buf,
                                                 size_t len, bool whole, int dir_fd,
                                                 const char *name, const char *path,
                                                 LbDicomError **error);

/* lb_dicom_dir_is_dicomdir() of the file the last read gave, without reading its value again
 * when the fast walk read it (that walk leaves DICOMDIRs to the full parser). */
bool lb_dicom_scanner_is_dicomdir (const LbDicomScanner *scanner);

/* The fast walk alone over buf[0..len) (`whole`: the buffer is the whole file, else a prefix
 * that may go on); on LB_DICOM_SCAN_OK lb_dicom_scanner_file() holds what it read, borrowing
 * buf. For tests and the fuzz target. */
LbDicomScanResult  lb_dicom_scanner_walk (LbDicomScanner *scanner, const uint8_t *buf,
                                          size_t len, bool whole);
const LbDicomFile *lb_dicom_scanner_file (const LbDicomScanner *scanner);

/* The bytes the next read will ask for first (16 KiB, then sized from the last header read). */
size_t lb_dicom_scanner_prefix (const LbDicomScanner *scanner);

/* How many reads took the fast walk and how many the full parser (for tests and benches). */
void lb_dicom_scanner_counts (const LbDicomScanner *scanner, uint64_t *fast, uint64_t *full);

/* How many runs of plain elements the walk replayed whole from the last header's record and
 * then left to the general path without looking again, because the last walk stopped there
 * (for tests: the shortcut changes no output, only what is read twice). */
uint64_t lb_dicom_scanner_ended_runs (const LbDicomScanner *scanner);

#ifdef __cplusplus
}
#endif

#endif
