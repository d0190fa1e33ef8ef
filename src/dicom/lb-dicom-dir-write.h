/* lb-dicom-dir-write.h: writing a DICOMDIR over a set of files (PS3.3 F, PS3.10), plain C.
 *
 * The writer collects the instances of a file-set one parsed file at a time and gives each its
 * Referenced File ID in a CD-safe layout (PS3.12: components of at most 8 characters from
 * A-Z 0-9 _, at most 8 levels): PATnnnnn/STUnnnnn/SERnnnnn/IMGnnnnn, one folder per patient,
 * study and series, numbered in the order they are first seen. The caller writes the file
 * there (relative to the folder of the DICOMDIR), then asks for the DICOMDIR itself: a Media
 * Storage Directory file with the File-set Identification module and a Directory Record
 * Sequence of PATIENT, STUDY, SERIES and IMAGE records (depth first), linked by the byte offsets
 * of Offset of the Next Directory Record, Offset of Referenced Lower-Level Directory Entity and
 * the root's first and last record, each counted from the first byte of the file (the first
 * byte of the preamble). Record keys are copied from the files; a Type 1 key that the file lacks
 * or left empty (de-identification empties Study ID and removes dates) gets a neutral value.
 * Every instance gets an IMAGE record, whatever its SOP class.
 *
 * Errors follow lb-dicom.h: `LbDicomError **error` last, NULL allowed. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "lb-dicom-write.h"
#include "lb-dicom.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LB_DICOM_UID_MEDIA_STORAGE_DIRECTORY "1.2.840.10008.1.3.10"

typedef struct _LbDicomDirWriter LbDicomDirWriter;

LbDicomDirWriter *lb_dicom_dir_writer_new (void);     /* NULL only when out of memory */
void              lb_dicom_dir_writer_free (LbDicomDirWriter *writer);

/* Adds the instance of `file` (Patient ID, Study, Series and SOP Instance UID from its dataset,
 * the transfer syntax and SOP class from its meta) and returns its Referenced File ID with the
 * components joined by '/', owned by the writer. NULL (error set) when the file has no SOP
 * Instance UID or Study or Series Instance UID, or a level holds more than 99999 entries. */
const char *lb_dicom_dir_writer_add (LbDicomDirWriter *writer, const LbDicomFile *file,
                                     LbDicomError **error);

/* The File ID "PAT00001/STU00001/SER00001/IMG00001" with its NUL. */
#define LB_DICOM_DIR_FILE_ID_SIZE 40

/* The File ID `file` would get if it were added next, without adding it: the caller can look
 * at the place first (is a file there?) and add once the file is written. */
bool lb_dicom_dir_writer_place (const LbDicomDirWriter *writer, const LbDicomFile *file,
                                char file_id[LB_DICOM_DIR_FILE_ID_SIZE], LbDicomError **error);

/* Encodes `builder` with `options`, writes it at its place below the folder `root` (its folders
 * made) with lb_dicom_write_bytes and `flags`, and adds it once written. The path written
 * (malloc'd), or NULL with the error set; the writer is unchanged then. */
char *lb_dicom_dir_writer_write_member (LbDicomDirWriter *writer, const LbDicomBuilder *builder,
                                        const LbDicomWriteOptions *options, const char *root,
                                        LbDicomWriteFlags flags, LbDicomError **error);

/* Number of instances added. */
size_t lb_dicom_dir_writer_count (const LbDicomDirWriter *writer);

/* The DICOMDIR in memory (malloc'd, *len set), with the SOP Instance UID `sop_instance_uid`
 * (the Media Storage SOP Instance UID of the file-set) and File-set ID `fileset_id` (may be
 * NULL: empty). */
uint8_t *lb_dicom_dir_writer_encode (const LbDicomDirWriter *writer, const char *sop_instance_uid,
                                     const char *fileset_id, size_t *len, LbDicomError **error);

/* Encodes and writes atomically to `path` (lb_dicom_write_bytes; `flags` as there). */
bool lb_dicom_dir_writer_write (const LbDicomDirWriter *writer, const char *path,
                                const char *sop_instance_uid, const char *fileset_id,
                                LbDicomWriteFlags flags, LbDicomError **error);

#ifdef __cplusplus
}
#endif
