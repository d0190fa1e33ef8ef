/* lb-dicom.h: the public API of the Lightbox DICOM parser (libc + zlib, no GLib).
 *
 * One parsed file is an opaque LbDicomFile. It holds two datasets: the file meta information
 * (group 0002, always explicit VR little endian) and the main dataset. A dataset is an ordered
 * list of elements; a sequence element (SQ, or UN holding an undefined-length sequence) holds
 * items, and each item is a dataset again. Encapsulated Pixel Data holds fragments.
 *
 * Threads: there is no global mutable state. Separate LbDicomFile objects may be used on
 * separate threads; one object must not be used by two threads at once.
 *
 * Errors: functions that can fail take `LbDicomError **error` as their last argument, as in
 * GLib. NULL is allowed. When set, *error must be NULL on entry; free it with
 * lb_dicom_error_free(). Messages are English; callers translate from code, tag and offset.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LB_DICOM_TAG(group, element) ((uint32_t) (((uint32_t) (group) << 16) | (uint16_t) (element)))
#define LB_DICOM_TAG_GROUP(tag)      ((uint16_t) ((tag) >> 16))
#define LB_DICOM_TAG_ELEMENT(tag)    ((uint16_t) ((tag) & 0xffffu))
#define LB_DICOM_NO_TAG              0xffffffffu
#define LB_DICOM_UNDEFINED_LENGTH    0xffffffffu

#define LB_DICOM_TAG_PIXEL_DATA      LB_DICOM_TAG (0x7fe0, 0x0010)

/* ---- Errors ---------------------------------------------------------------------------- */

typedef enum {
  LB_DICOM_ERROR_NONE = 0,
  LB_DICOM_ERROR_IO,               /* the file could not be opened or read */
  LB_DICOM_ERROR_NOT_DICOM,        /* neither DICM magic nor a plausible dataset start */
  LB_DICOM_ERROR_TRUNCATED,        /* data ends inside a header or value */
  LB_DICOM_ERROR_MALFORMED,        /* structure is invalid (bad VR, bad item tag, odd length...) */
  LB_DICOM_ERROR_LIMIT,            /* a limit of LbDicomLimits was exceeded */
  LB_DICOM_ERROR_UNSUPPORTED,      /* transfer syntax or pixel format we do not decode */
  LB_DICOM_ERROR_NO_MEMORY,
  LB_DICOM_ERROR_NO_PIXELS,        /* the dataset has no (usable) pixel data */
  LB_DICOM_ERROR_CODEC,            /* compressed pixel data is invalid */
  LB_DICOM_ERROR_INVALID_ARGUMENT, /* a caller error: bad frame index, bad option */
  LB_DICOM_ERROR_CHANGED,          /* the file changed on disk after it was opened or while read */
} LbDicomErrorCode;

typedef struct {
  LbDicomErrorCode code;
  uint32_t tag;       /* the element concerned, or LB_DICOM_NO_TAG */
  int64_t offset;     /* byte offset in the file (or in the inflated stream), or -1 */
  char *message;      /* English, NUL-terminated, e.g. "truncated value of (0028,0010) at byte 812" */
} LbDicomError;

void        lb_dicom_error_free (LbDicomError *error);
const char *lb_dicom_error_code_name (LbDicomErrorCode code);   /* "truncated", "not DICOM", ... */

/* ---- Value representations ------------------------------------------------------------- */

typedef enum {
  LB_DICOM_VR_NONE = 0,   /* items, delimiters: no VR */
  LB_DICOM_VR_AE, LB_DICOM_VR_AS, LB_DICOM_VR_AT, LB_DICOM_VR_CS, LB_DICOM_VR_DA,
  LB_DICOM_VR_DS, LB_DICOM_VR_DT, LB_DICOM_VR_FD, LB_DICOM_VR_FL, LB_DICOM_VR_IS,
  LB_DICOM_VR_LO, LB_DICOM_VR_LT, LB_DICOM_VR_OB, LB_DICOM_VR_OD, LB_DICOM_VR_OF,
  LB_DICOM_VR_OL, LB_DICOM_VR_OV, LB_DICOM_VR_OW, LB_DICOM_VR_PN, LB_DICOM_VR_SH,
  LB_DICOM_VR_SL, LB_DICOM_VR_SQ, LB_DICOM_VR_SS, LB_DICOM_VR_ST, LB_DICOM_VR_SV,
  LB_DICOM_VR_TM, LB_DICOM_VR_UC, LB_DICOM_VR_UI, LB_DICOM_VR_UL, LB_DICOM_VR_UN,
  LB_DICOM_VR_UR, LB_DICOM_VR_US, LB_DICOM_VR_UT, LB_DICOM_VR_UV,
  LB_DICOM_VR_COUNT
} LbDicomVR;

const char *lb_dicom_vr_name (LbDicomVR vr);                     /* "AE" ... "UV", "" for NONE */
LbDicomVR   lb_dicom_vr_from_chars (char c0, char c1);           /* LB_DICOM_VR_NONE if unknown */
bool        lb_dicom_vr_is_string (LbDicomVR vr);                /* AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT */
bool        lb_dicom_vr_has_long_length (LbDicomVR vr);          /* OB OD OF OL OV OW SQ SV UC UN UR UT UV */

/* ---- Data dictionary (PS3.6) ------------------------------------------------------------ */

typedef struct {
  uint32_t tag;           /* for repeating groups the lowest tag, e.g. 0x60000010 for (60xx,0010) */
  uint32_t mask;          /* bits that must match: 0xffffffff, or 0xff00ffff for 50xx/60xx groups */
  const char *keyword;    /* "PatientName" */
  const char *name;       /* "Patient's Name" */
  const char *vr;         /* "PN"; several possible: "US or SS", "OB or OW" */
  const char *vm;         /* "1", "1-n", "2-2n" */
  bool retired;
} LbDicomDictEntry;

/* Fills *out (may be NULL) with the dictionary entry of a public tag and returns true; false if
 * unknown or private. Group length tags (gggg,0000) resolve to a generic "GroupLength" UL entry.
 * The strings are static. (Filled in, not returned as a pointer into the table: the table holds
 * offsets into a string pool so that it needs no relocations at start-up.) */
bool lb_dicom_dict_lookup (uint32_t tag, LbDicomDictEntry *out);
/* Fills *out (may be NULL) with the dictionary entry with this keyword; false if none. */
bool lb_dicom_dict_lookup_keyword (const char *keyword, LbDicomDictEntry *out);
/* The VR used for an implicit-VR element of this tag: the first VR of the entry, UN if unknown. */
LbDicomVR lb_dicom_dict_vr (uint32_t tag);

/* The private dictionary (tools/gen-private-dict.py: pydicom's copy of GDCM's, with the
 * private elements of GE, Siemens, Philips, Toshiba, Agfa ...). Entries are keyed by the
 * private creator string, as in the file but without padding, and by the tag; the block
 * byte of the element does not matter ((0019,10xx) and (0019,11xx) are the same entry). */
typedef struct {
  const char *name;       /* "Horiz. Frame of ref."; private dictionaries have no keywords */
  const char *vm;         /* "1", "1-n" */
  LbDicomVR vr;
} LbDicomPrivateEntry;

/* Fills *out (may be NULL) and returns true when the dictionary knows this private data
 * element (odd group, element 1000-FFFF) of this creator. */
bool lb_dicom_private_dict_lookup (const char *creator, uint32_t tag, LbDicomPrivateEntry *out);

/* ---- Files, datasets, elements ---------------------------------------------------------- */

typedef struct _LbDicomFile    LbDicomFile;
typedef struct _LbDicomDataset LbDicomDataset;
typedef struct _LbDicomElement LbDicomElement;

typedef struct {
  uint32_t max_depth;          /* sequence nesting; default 32 */
  uint32_t max_elements;       /* elements in the whole file; default 1 << 22 */
  uint64_t max_value_length;   /* one value; default 1 GiB */
  uint64_t max_frame_bytes;    /* rows * columns * samples * bytes of one decoded frame; default 1 GiB */
} LbDicomLimits;

void lb_dicom_limits_init_default (LbDicomLimits *limits);

typedef enum {
  LB_DICOM_READ_DEFAULT = 0,
  LB_DICOM_READ_STOP_BEFORE_PIXELS = 1 << 0,  /* stop at (7FE0,0010); read no byte beyond it */
  /* lb_dicom_file_read_path only: native, little-endian pixel data of a defined length are not
   * read; each frame is read from the file when it is decoded (the file stays open). Other
   * pixel data are read whole as without the flag. */
  LB_DICOM_READ_FRAMES_ON_DEMAND = 1 << 1,
} LbDicomReadFlags;

LbDicomFile *lb_dicom_file_new (const LbDicomLimits *limits);   /* NULL = defaults; never fails */
void         lb_dicom_file_free (LbDicomFile *file);

/* Parses `buf`. The buffer is borrowed, not copied: it must stay valid and unchanged until
 * lb_dicom_file_free(). (Deflated datasets are inflated into memory the file owns.)
 * Returns false on error. Elements read before the error stay readable: a failed read
 * keeps what it had, and the error stays available through lb_dicom_file_get_error(). */
bool lb_dicom_file_read (LbDicomFile *file, const uint8_t *buf, size_t len,
                         LbDicomReadFlags flags, LbDicomError **error);

/* Reads the file at `path` into memory the file object owns and parses it (a copy, not a
 * mapping: the file may change or shrink afterwards without harm). Only regular files: a FIFO,
 * device, socket or directory is refused at once (IO error, "a FIFO, not a regular file"); a
 * file that changes size during the read is an IO error; "not DICOM" is decided from the
 * first 16 KiB. With LB_DICOM_READ_STOP_BEFORE_PIXELS only a prefix holding the header is read. */
bool lb_dicom_file_read_path (LbDicomFile *file, const char *path,
                              LbDicomReadFlags flags, LbDicomError **error);

/* Bytes of the file the object holds in memory: the whole file, or with
 * LB_DICOM_READ_FRAMES_ON_DEMAND the header and what follows the pixel data. */
size_t lb_dicom_file_get_held_bytes (const LbDicomFile *file);

/* Whether frames are read from the file when they are decoded (LB_DICOM_READ_FRAMES_ON_DEMAND
 * applied): the file stays open, and a frame of a file changed since is an error. */
bool lb_dicom_file_reads_frames_on_demand (const LbDicomFile *file);

/* The error of the failed read, or NULL. Owned by the file. */
const LbDicomError *lb_dicom_file_get_error (const LbDicomFile *file);

const LbDicomDataset *lb_dicom_file_get_meta (const LbDicomFile *file);     /* group 0002; may be empty */
const LbDicomDataset *lb_dicom_file_get_dataset (const LbDicomFile *file);  /* the main dataset */

/* Looks up a top-level tag: group 0002 in the meta, others in the main dataset. */
const LbDicomElement *lb_dicom_file_lookup (const LbDicomFile *file, uint32_t tag);

/* The transfer syntax UID the dataset was parsed with (from (0002,0010), or inferred for files
 * without file meta). Never NULL after a successful read. */
const char *lb_dicom_file_get_transfer_syntax (const LbDicomFile *file);
bool        lb_dicom_file_has_preamble (const LbDicomFile *file);   /* 128 bytes + "DICM" */
bool        lb_dicom_file_is_big_endian (const LbDicomFile *file);  /* dataset byte order */
bool        lb_dicom_file_is_explicit_vr (const LbDicomFile *file);
bool        lb_dicom_file_is_deflated (const LbDicomFile *file);    /* offsets then refer to the inflated stream */
/* The whole byte buffer the dataset was parsed from (inflated for deflated files). */
const uint8_t *lb_dicom_file_get_bytes (const LbDicomFile *file, size_t *len);
const LbDicomLimits *lb_dicom_file_get_limits (const LbDicomFile *file);

/* Human name of a transfer syntax UID ("Explicit VR Little Endian"), NULL if unknown. */
const char *lb_dicom_transfer_syntax_name (const char *uid);
/* Human name of any registered UID of PS3.6 Annex A: SOP classes ("CT Image Storage"),
 * transfer syntaxes, well-known instances. NULL if unknown. (dicom-dict.c) */
const char *lb_dicom_uid_name (const char *uid);

/* Datasets */
size_t                lb_dicom_dataset_count (const LbDicomDataset *ds);
const LbDicomElement *lb_dicom_dataset_get (const LbDicomDataset *ds, size_t index);
const LbDicomElement *lb_dicom_dataset_lookup (const LbDicomDataset *ds, uint32_t tag);
/* out[i] = lb_dicom_dataset_lookup (ds, tags[i]) for n tags in strictly ascending order, in one
 * pass over the dataset when it is sorted (the study model's dozen and a half tags a file). */
void                  lb_dicom_dataset_lookup_tags (const LbDicomDataset *ds,
                                                    const uint32_t *tags, size_t n,
                                                    const LbDicomElement **out);
/* The Specific Character Set (0008,0005) value in effect for this dataset (inherited from the
 * enclosing dataset when an item has none), exactly as in the file; NULL = default repertoire. */
const char           *lb_dicom_dataset_get_charset (const LbDicomDataset *ds);
/* Nesting depth: 0 for the main dataset and the meta, 1 for items of top-level sequences... */
uint32_t              lb_dicom_dataset_get_depth (const LbDicomDataset *ds);
/* Byte offset of the item header (FFFE,E000), or of the dataset start for top-level. */
uint64_t              lb_dicom_dataset_get_offset (const LbDicomDataset *ds);

/* Elements */
uint32_t  lb_dicom_element_get_tag (const LbDicomElement *el);
LbDicomVR lb_dicom_element_get_vr (const LbDicomElement *el);
/* The value length as stored in the file (LB_DICOM_UNDEFINED_LENGTH for undefined). */
uint32_t  lb_dicom_element_get_length (const LbDicomElement *el);
/* Byte offset of the element's tag in the file (or inflated stream). */
uint64_t  lb_dicom_element_get_offset (const LbDicomElement *el);
/* Raw value bytes, in the dataset's byte order; NULL (and *len = 0) for sequences and
 * encapsulated pixel data. Not NUL-terminated. */
const uint8_t *lb_dicom_element_get_bytes (const LbDicomElement *el, size_t *len);
bool      lb_dicom_element_is_big_endian (const LbDicomElement *el);
/* The dataset that holds this element. */
const LbDicomDataset *lb_dicom_element_get_parent (const LbDicomElement *el);

/* Value multiplicity: the number of values (backslash-separated strings; fixed-size binary
 * numbers; 1 for other binary; items for SQ). 0 for an empty value. */
uint32_t  lb_dicom_element_get_vm (const LbDicomElement *el);

/* Sequences (SQ, or UN whose value parsed as an implicit VR LE undefined-length sequence). */
bool                  lb_dicom_element_is_sequence (const LbDicomElement *el);
size_t                lb_dicom_element_get_item_count (const LbDicomElement *el);
const LbDicomDataset *lb_dicom_element_get_item (const LbDicomElement *el, size_t index);

/* Encapsulated pixel data: fragment 0 is the Basic Offset Table (possibly empty). */
bool           lb_dicom_element_is_encapsulated (const LbDicomElement *el);
size_t         lb_dicom_element_get_fragment_count (const LbDicomElement *el);
const uint8_t *lb_dicom_element_get_fragment (const LbDicomElement *el, size_t index,
                                              size_t *len, uint64_t *offset);

/* Private elements (odd group, element >= 0x0010): the value of the private creator
 * (gggg,00xx) that reserves this block, trimmed, or NULL. */
const char *lb_dicom_element_get_private_creator (const LbDicomElement *el);
/* The dictionary keyword and name. Private tags: "PrivateCreator" / "Private Creator" for
 * (gggg,0010-00ff); for data elements no keyword, and the name from the private dictionary
 * through their creator (lb_dicom_private_dict_lookup), NULL if it has none; NULL for unknown
 * tags. */
const char *lb_dicom_element_get_keyword (const LbDicomElement *el);
const char *lb_dicom_element_get_name (const LbDicomElement *el);

/* ---- Values ----------------------------------------------------------------------------- */

/* The `index`-th value of a string element, converted to UTF-8 from the Specific Character Set
 * in effect (invalid bytes become U+FFFD), with DICOM padding (trailing spaces/NULs; leading
 * spaces except for LT/ST/UT) removed. malloc'd; free(). NULL if there is no such value.
 * For PN the whole value "Alphabetic=Ideographic=Phonetic" is returned. */
char *lb_dicom_element_get_string (const LbDicomElement *el, uint32_t index);
/* The whole value of a string element converted to UTF-8 (values joined by '\'). malloc'd. */
char *lb_dicom_element_get_text (const LbDicomElement *el);
/* Integer value: IS, US, SS, UL, SL, SV, UV, AT (tag as integer), and OB/OW/OL... by element size. */
bool  lb_dicom_element_get_int (const LbDicomElement *el, uint32_t index, int64_t *out);
bool  lb_dicom_element_get_uint (const LbDicomElement *el, uint32_t index, uint64_t *out);
/* Floating value: DS, FL, FD, OF, OD, and every integer VR. */
bool  lb_dicom_element_get_double (const LbDicomElement *el, uint32_t index, double *out);
/* The first `n` values of `el`, each a finite number; false when it has fewer or one is not. */
bool  lb_dicom_element_get_doubles (const LbDicomElement *el, double *out, uint32_t n);
/* Item 0 of the functional group macro `macro_tag` (e.g. Plane Position (0020,9113)) for frame
 * `index` of an enhanced object: the per-frame item (5200,9230) first, then the shared one
 * (5200,9229); NULL when neither holds it. */
const LbDicomDataset *lb_dicom_file_functional_group (const LbDicomFile *file, uint32_t index,
                                                      uint32_t macro_tag);

/* A one-line human-readable value for dump and the GUI: strings converted to UTF-8 with control
 * characters escaped, numbers in decimal, AT as (gggg,eeee), binary as hex bytes, sequences
 * as "(N items)". Cut to at most `max_chars` characters (0 = no limit) with "..." appended.
 * malloc'd; never NULL except on allocation failure. */
char *lb_dicom_element_format_value (const LbDicomElement *el, size_t max_chars);

/* Converts bytes of a string value in `charset` (a (0008,0005) value, may be NULL or
 * multi-valued with '\\') to UTF-8. Handles ISO 2022 code extensions (IR 149 Korean, IR 87 and
 * IR 13 Japanese, IR 58...). Invalid input becomes U+FFFD. malloc'd, NUL-terminated.
 * `is_pn`: PN component groups each start in the initial state. */
char *lb_dicom_charset_to_utf8 (const char *charset, const uint8_t *bytes, size_t len, bool is_pn);

/* Escapes a UTF-8 string for safe display: control characters as \xNN (or \n, \t), invalid
 * UTF-8 as U+FFFD. malloc'd. */
char *lb_dicom_escape_text (const char *utf8);

/* ---- Convenience lookups on the main dataset -------------------------------------------- */

char *lb_dicom_file_get_string (const LbDicomFile *file, uint32_t tag);   /* value 0, or NULL */
bool  lb_dicom_file_get_int (const LbDicomFile *file, uint32_t tag, int64_t *out);
bool  lb_dicom_file_get_double (const LbDicomFile *file, uint32_t tag, double *out);

#ifdef __cplusplus
}
#endif
