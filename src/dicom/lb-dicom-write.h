/* lb-dicom-write.h: the public API of the Lightbox DICOM writer (libc only, no GLib).
 *
 * An LbDicomBuilder is a dataset under construction: elements kept in ascending tag order, each
 * a tag, a VR and little-endian value bytes, or for SQ a list of items (each a builder again),
 * or for encapsulated Pixel Data a list of fragments. Setting a tag that is already present
 * replaces it. Values are padded to even length when they are set: strings with a space, UI
 * with NUL, binary (OB, UN) with a zero byte.
 *
 * lb_dicom_builder_write_file() writes a PS3.10 file: 128-byte preamble, "DICM", a generated
 * file meta group 0002 (group length, version, SOP class/instance, transfer syntax,
 * implementation UID and version name), then the dataset in explicit VR little endian, sequences
 * and items with defined lengths. The write is atomic: a temporary file in the target folder,
 * fsync, then rename (or link, when replacing is not allowed), so readers never see half a file.
 *
 * The writer is general on purpose: the phantom builds its datasets from scratch, anonymize
 * copies elements from a parsed LbDicomFile (lb_dicom_builder_copy_element) and then edits them.
 *
 * Errors follow lb-dicom.h: `LbDicomError **error` last, NULL allowed.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lb-dicom.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Lightbox UID root: 2.25 followed by the decimal form of a UUID made once for this project
 * (795bb43d-8bdb-42d1-84da-6a9e28f00265), so no registration is needed. Sub-arcs: .1 the
 * implementation class, .2 the teaching phantom. */
#define LB_DICOM_UID_ROOT                  "2.25.161312742214031547267150863500632392293"
#define LB_DICOM_IMPLEMENTATION_CLASS_UID  LB_DICOM_UID_ROOT ".1"
#define LB_DICOM_IMPLEMENTATION_VERSION    "LIGHTBOX_010"

#define LB_DICOM_UID_EXPLICIT_VR_LE        "1.2.840.10008.1.2.1"
#define LB_DICOM_UID_IMPLICIT_VR_LE        "1.2.840.10008.1.2"
#define LB_DICOM_UID_DEFLATED_EXPLICIT_VR_LE "1.2.840.10008.1.2.1.99"

typedef struct _LbDicomBuilder LbDicomBuilder;

LbDicomBuilder *lb_dicom_builder_new (void);            /* NULL only when out of memory */
void            lb_dicom_builder_free (LbDicomBuilder *builder);

/* Number of top-level elements, and whether a tag is present. */
size_t lb_dicom_builder_count (const LbDicomBuilder *builder);
bool   lb_dicom_builder_has (const LbDicomBuilder *builder, uint32_t tag);
/* Removes a tag; returns whether it was present. */
bool   lb_dicom_builder_remove (LbDicomBuilder *builder, uint32_t tag);

/* Sets an element from raw little-endian value bytes (copied). Odd lengths are padded as
 * described above; OW, US, SS, UL, SL, FL, FD... must have a whole number of values.
 * `vr` must not be SQ (use add_item) or NONE. Group 0002 is generated on write: refused here. */
bool lb_dicom_builder_set_bytes (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                                 const void *value, size_t len, LbDicomError **error);

/* Sets a string element (AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT) from bytes in the
 * Specific Character Set of the dataset (UTF-8 when it is ISO_IR 192). Multiple values are
 * joined by '\' by the caller: "ORIGINAL\\PRIMARY\\AXIAL". NULL or "" makes an empty value,
 * which is how Type 2 attributes are written when unknown. */
bool lb_dicom_builder_set_string (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                                  const char *value, LbDicomError **error);

/* Binary numbers: US, SS, UL, SL, SV, UV (n values, stored little endian). */
bool lb_dicom_builder_set_uint (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                                const uint64_t *values, size_t n, LbDicomError **error);
bool lb_dicom_builder_set_int (LbDicomBuilder *builder, uint32_t tag, LbDicomVR vr,
                               const int64_t *values, size_t n, LbDicomError **error);
/* Convenience for the common single US value. */
bool lb_dicom_builder_set_u16 (LbDicomBuilder *builder, uint32_t tag, uint16_t value,
                               LbDicomError **error);

/* Decimal strings: DS (each value formatted in at most 16 characters, "C" locale, shortest
 * exact form first) and IS. */
bool lb_dicom_builder_set_ds (LbDicomBuilder *builder, uint32_t tag, const double *values,
                              size_t n, LbDicomError **error);
bool lb_dicom_builder_set_is (LbDicomBuilder *builder, uint32_t tag, int64_t value,
                              LbDicomError **error);

/* Appends an item to the sequence `tag` (created, empty, if absent; an element of another VR
 * is replaced). The item belongs to the builder; NULL when out of memory. An empty sequence
 * (Type 2) is made with lb_dicom_builder_set_empty_sequence. */
LbDicomBuilder *lb_dicom_builder_add_item (LbDicomBuilder *builder, uint32_t tag,
                                           LbDicomError **error);
bool lb_dicom_builder_set_empty_sequence (LbDicomBuilder *builder, uint32_t tag,
                                          LbDicomError **error);

/* Encapsulated Pixel Data (7FE0,0010) OB with undefined length: the fragments in order,
 * fragment 0 being the Basic Offset Table (may be empty). Each fragment is copied. Only valid
 * with an encapsulated transfer syntax in LbDicomWriteOptions. */
bool lb_dicom_builder_set_encapsulated (LbDicomBuilder *builder, uint32_t tag,
                                        const uint8_t *const *fragments, const size_t *lengths,
                                        size_t n_fragments, LbDicomError **error);

/* Copies a parsed element (and for sequences every item, recursively), converting its value to
 * little endian when the source was big endian. Group length elements (gggg,0000) and group
 * 0002 are skipped (returns true), as is dataset trailing padding (FFFC,FFFC): the writer makes
 * its own. Encapsulated pixel data keeps its fragments. */
bool lb_dicom_builder_copy_element (LbDicomBuilder *builder, const LbDicomElement *el,
                                    LbDicomError **error);
/* Copies every element of a parsed dataset as above. */
bool lb_dicom_builder_copy_dataset (LbDicomBuilder *builder, const LbDicomDataset *ds,
                                    LbDicomError **error);

typedef struct {
  const char *sop_class_uid;        /* NULL: the value of (0008,0016) */
  const char *sop_instance_uid;     /* NULL: the value of (0008,0018) */
  const char *transfer_syntax_uid;  /* NULL: explicit VR little endian; else implicit VR
                                       little endian, deflated explicit VR little endian, or
                                       an encapsulated syntax (JPEG..., RLE, JPEG 2000...),
                                       which is explicit VR little endian for the dataset */
  const char *source_ae_title;      /* NULL: no (0002,0016) */
} LbDicomWriteOptions;

typedef enum {
  LB_DICOM_WRITE_DEFAULT = 0,
  LB_DICOM_WRITE_NO_REPLACE = 1 << 0,  /* fail (IO error, EEXIST) if `path` exists */
  LB_DICOM_WRITE_NO_SYNC = 1 << 1,     /* skip fsync (tests, scratch output) */
} LbDicomWriteFlags;

/* The whole PS3.10 file in memory: malloc'd, *len set. NULL on error (missing SOP UIDs,
 * an item or value too long for a 32-bit length, encapsulated data with a native syntax...). */
uint8_t *lb_dicom_builder_encode (const LbDicomBuilder *builder, const LbDicomWriteOptions *options,
                                  size_t *len, LbDicomError **error);

/* Encodes and writes atomically to `path` (see the top of this file). The temporary file is
 * removed on any failure. `options` may be NULL. */
bool lb_dicom_builder_write_file (const LbDicomBuilder *builder, const char *path,
                                  const LbDicomWriteOptions *options, LbDicomWriteFlags flags,
                                  LbDicomError **error);

/* Writes any bytes (e.g. from lb_dicom_builder_encode) to `path` with the same atomic
 * temporary-file-then-rename procedure and flags. */
bool lb_dicom_write_bytes (const char *path, const uint8_t *data, size_t len,
                           LbDicomWriteFlags flags, LbDicomError **error);

/* ---- Atomic output files ------------------------------------------------------------
 * A file written in pieces (a PNG row by row) with the same procedure as
 * lb_dicom_write_bytes(): a temporary file next to the target with a short hidden name
 * (".lightbox-XXXXXX", so a name near NAME_MAX still works), fsync, rename, fsync of the
 * folder. The temporary file is removed on any failure, by lb_atomic_file_abort(), and on
 * SIGINT/SIGTERM/SIGHUP once lb_atomic_file_remove_on_signals() was called. Errors keep the
 * system's reason ("No space left on device"). */
typedef struct _LbAtomicFile LbAtomicFile;

/* Creates the temporary file for `path`; NULL (error set) if it cannot. `flags` as for
 * lb_dicom_write_bytes (NO_REPLACE: commit fails with EEXIST if `path` exists then). */
LbAtomicFile *lb_atomic_file_create (const char *path, LbDicomWriteFlags flags,
                                     LbDicomError **error);
/* Appends bytes; false (error set, naming `path` and errno's text) on a failed write. */
bool lb_atomic_file_write (LbAtomicFile *file, const void *data, size_t len,
                           LbDicomError **error);
/* fsync, close, rename to the target; frees `file`. On failure the temporary file is removed. */
bool lb_atomic_file_commit (LbAtomicFile *file, LbDicomError **error);
/* Closes and removes the temporary file; frees `file`. NULL is allowed. */
void lb_atomic_file_abort (LbAtomicFile *file);
/* Installs SIGINT, SIGTERM and SIGHUP handlers that remove the temporary files being written,
 * then die of the same signal (for command-line programs; call once, early). */
void lb_atomic_file_remove_on_signals (void);

/* Whether two paths name the same existing file (same device and inode), so that a command
 * can refuse to write over one of its inputs. False if either does not exist. */
bool lb_dicom_path_is_same_file (const char *a, const char *b);

#ifdef __cplusplus
}
#endif
