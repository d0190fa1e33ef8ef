/* dicom-private.h: internal structures of the parser: the bounds-checked cursor, the element
 * and dataset layout, and the arena that owns them. Not part of the public API. */
#pragma once

#include "dicom-error.h"
#include "lb-dicom.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

typedef struct _LbDicomFramesOnDemand LbDicomFramesOnDemand;

/* ---- Cursor ------------------------------------------------------------------------------ */

/* Every read of file bytes goes through a cursor. `len` is the end of the readable range (a
 * defined-length item gets a cursor whose len is the item's end), `pos` never exceeds `len`. */
typedef struct {
  const uint8_t *buf;
  size_t len;
  size_t pos;
  bool big_endian;
} LbCursor;

void lb_cursor_init (LbCursor *c, const uint8_t *buf, size_t len, bool big_endian);
/* Whether the element header at the cursor carries a VR (explicit VR). */
bool lb_cursor_at_explicit_vr (const LbCursor *c);

/* true when n more bytes can be read. Written as n <= len - pos so that it cannot wrap. */
static inline bool
lb_cursor_need (const LbCursor *c, size_t n)
{
  return c->pos <= c->len && n <= c->len - c->pos;
}

static inline size_t
lb_cursor_remaining (const LbCursor *c)
{
  return c->pos <= c->len ? c->len - c->pos : 0;
}

static inline uint16_t
lb_load_u16 (const uint8_t *p, bool big_endian)
{
  return big_endian ? (uint16_t) ((p[0] << 8) | p[1]) : (uint16_t) (p[0] | (p[1] << 8));
}

static inline uint32_t
lb_load_u32 (const uint8_t *p, bool big_endian)
{
  if (big_endian)
    return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];
  return ((uint32_t) p[3] << 24) | ((uint32_t) p[2] << 16) | ((uint32_t) p[1] << 8) | p[0];
}

static inline uint64_t
lb_load_u64 (const uint8_t *p, bool big_endian)
{
  uint64_t a = lb_load_u32 (p, big_endian), b = lb_load_u32 (p + 4, big_endian);
  return big_endian ? (a << 32) | b : (b << 32) | a;
}

/* Bounds-checked reads: false (cursor unchanged) when the bytes are not there. */
bool lb_cursor_skip (LbCursor *c, size_t n);
bool lb_cursor_read_u16 (LbCursor *c, uint16_t *out);
bool lb_cursor_read_u32 (LbCursor *c, uint32_t *out);
bool lb_cursor_peek_u16 (const LbCursor *c, size_t ahead, uint16_t *out);
bool lb_cursor_peek_u32 (const LbCursor *c, size_t ahead, uint32_t *out);
/* Returns a pointer to the next n bytes and advances, or NULL when they are not there. */
const uint8_t *lb_cursor_take (LbCursor *c, size_t n);

typedef enum {
  LB_HEADER_OK,
  LB_HEADER_TRUNCATED,   /* fewer bytes left than the header needs */
} LbHeaderStatus;

typedef struct {
  uint32_t tag;
  uint32_t length;        /* as stored; LB_DICOM_UNDEFINED_LENGTH for undefined */
  uint64_t offset;        /* position of the tag in the cursor's buffer */
  LbDicomVR vr;           /* from the file for explicit VR, LB_DICOM_VR_NONE for implicit
                           * (the caller looks it up: only it knows when that is needed) and
                           * for items and delimiters */
  bool vr_invalid;        /* explicit VR bytes were no VR: the element was read as implicit */
} LbElementHeader;

/* Reads a tag, VR and length. Items and delimiters (group FFFE) never have a VR. An explicit
 * VR that is not one of PS3.5 is tolerated the way DCMTK does with such files: the element is
 * read as implicit VR (4-byte length) and vr_invalid is set. */
LbHeaderStatus lb_cursor_read_element_header (LbCursor *c, bool explicit_vr, LbElementHeader *h);

/* ---- Arena ------------------------------------------------------------------------------- */

typedef struct _LbArenaBlock LbArenaBlock;
typedef struct {
  LbArenaBlock *head;
  size_t total;           /* bytes allocated in all blocks */
} LbArena;

void *lb_arena_alloc (LbArena *a, size_t size);       /* 16-byte aligned; NULL on failure */
void *lb_arena_memdup (LbArena *a, const void *src, size_t size);
void  lb_arena_clear (LbArena *a);

/* ---- Elements and datasets --------------------------------------------------------------- */

typedef struct {
  const uint8_t *data;
  uint64_t offset;
  uint32_t length;
} LbDicomFragment;

enum {
  LB_ELEMENT_BIG_ENDIAN   = 1 << 0,
  LB_ELEMENT_SEQUENCE     = 1 << 1,
  LB_ELEMENT_ENCAPSULATED = 1 << 2,
  LB_ELEMENT_UN_SEQUENCE  = 1 << 3,   /* UN whose value was parsed as implicit VR LE items */
  LB_ELEMENT_AMBIGUOUS_VR = 1 << 4,   /* VR from a dictionary entry "US or SS" / "US or OW" */
};

struct _LbDicomElement {
  uint32_t tag;
  uint32_t length;              /* as in the file */
  uint64_t offset;              /* of the tag */
  const uint8_t *value;         /* raw value bytes, or NULL */
  const LbDicomDataset *parent;
  union {
    LbDicomDataset **items;     /* LB_ELEMENT_SEQUENCE */
    LbDicomFragment *fragments; /* LB_ELEMENT_ENCAPSULATED */
    const char *creator;        /* private creator (gggg,0010-00FF): trimmed, NUL-terminated */
  } u;
  uint32_t value_len;           /* bytes at value */
  uint32_t count;               /* items or fragments */
  uint8_t vr;
  uint8_t flags;
  uint32_t creator_index;       /* private data elements: 1 + index of their creator in the
                                 * parent dataset, 0 for none */
};

struct _LbDicomDataset {
  LbDicomElement *elements;
  size_t count;
  const char *charset;          /* NUL-terminated copy, or NULL */
  uint64_t offset;
  uint32_t depth;
  bool sorted;                  /* tags ascending: lookup by binary search */
};

struct _LbDicomFile {
  LbDicomLimits limits;
  LbArena arena;
  LbDicomDataset meta;
  LbDicomDataset dataset;
  LbDicomError *error;          /* the error of a failed read */
  const uint8_t *bytes;         /* the buffer the dataset was parsed from */
  size_t bytes_len;
  uint8_t *inflated;            /* owned: the inflated dataset of a deflated file */
  void *map;                    /* owned: read_path's copy of the file */
  size_t map_len;
  bool map_is_malloc;           /* malloc'd; else a large anonymous mapping (dicom-read.c) */
  bool read_done;
  bool has_preamble;
  bool big_endian;
  bool explicit_vr;
  bool deflated;
  char transfer_syntax[68];
  uint64_t pixels_at;           /* where a STOP_BEFORE_PIXELS parse stopped, in its buffer */
  LbDicomFramesOnDemand *on_demand;  /* native frames read when decoded (dicom-read-frames.c) */
};

/* Private tags: odd groups other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 7.8.1). */
static inline bool
lb_tag_is_private (uint32_t tag)
{
  uint16_t g = LB_DICOM_TAG_GROUP (tag);
  return (g & 1) && g > 0x0008 && g != 0xffff;
}

static inline bool
lb_tag_is_private_creator (uint32_t tag)
{
  uint16_t e = LB_DICOM_TAG_ELEMENT (tag);
  return lb_tag_is_private (tag) && e >= 0x0010 && e <= 0x00ff;
}

/* ---- Private creators and dictionary VRs while parsing ------------------------------------ */

typedef struct {
  uint64_t *keys;               /* (dataset serial << 32) | creator tag; 0 = empty slot */
  uint32_t *values;             /* index of the creator element in its dataset */
  size_t cap, count;
} LbCreatorMap;

/* Records a creator of the dataset with this serial (serials start at 1); a repeated creator
 * keeps its first index. false when out of memory. (dicom-creator-map.c) */
bool lb_creator_map_put (LbCreatorMap *m, uint32_t serial, uint32_t creator_tag, uint32_t index);
bool lb_creator_map_get (const LbCreatorMap *m, uint32_t serial, uint32_t creator_tag,
                         uint32_t *index);
void lb_creator_map_free (LbCreatorMap *m);

/* The VR the private dictionary gives this element of `creator`, UN if it has none or if
 * `length` cannot be a value of it. (dicom-creator-map.c) */
LbDicomVR lb_private_vr (const char *creator, uint32_t tag, uint32_t length);
/* Whether any creator's private dictionary has an SQ entry this element could be (a superset;
 * dicom-private-dict.c). */
bool lb_private_dict_may_be_sequence (uint32_t tag);

/* The implicit-VR VR of a public tag, as lb_dicom_dict_vr(), and whether the dictionary leaves
 * it to other elements: "US or SS" (Pixel Representation) or "US or OW" (LUT Descriptor).
 * (dicom-dict.c) */
LbDicomVR lb_dicom_dict_vr_ambiguous (uint32_t tag, bool *ambiguous);

/* Gives the elements marked LB_ELEMENT_AMBIGUOUS_VR their VR from the elements that decide
 * it, in their dataset or an enclosing one, as pydicom does. (dicom-ambiguous-vr.c) */
void lb_dicom_resolve_ambiguous_vrs (LbDicomFile *file);

/* Inflates the raw deflate stream src[0..n) (at byte `at` of the file) into file->inflated and
 * points file->bytes at it. (dicom-inflate.c) */
bool lb_dicom_inflate_dataset (LbDicomFile *file, LbDicomError **error, const uint8_t *src,
                               size_t n, uint64_t at);

/* ---- Frames read on demand (dicom-read-frames.c) ------------------------------------------ */

/* Sets `file` up to hold the header and read native frames when decoded, when the pixel data
 * allow it (see the file's comment). Returns true when it did (the fd is then the file's);
 * false with *err NULL when the caller should read the file whole, false with *err on error. */
bool lb_dicom_frames_on_demand_open (LbDicomFile *file, int fd, const struct stat *st,
                                     const char *path, LbDicomError **err);
/* Reads bytes [from, to) of the file's buffer from the file, checking first that the file is
 * still the version that was opened. A no-op when the file was read whole. */
bool lb_dicom_frames_on_demand_load (LbDicomFile *file, const uint8_t *from, const uint8_t *to,
                                     LbDicomError **err);
/* Reads bytes [from, to) of the file's buffer from the file into `dst` instead, with the same
 * checks; false (with *err) too when the file was read whole. */
bool lb_dicom_frames_on_demand_read_into (LbDicomFile *file, const uint8_t *from,
                                          const uint8_t *to, void *dst, LbDicomError **err);
/* Gives back the memory of bytes [from, to) after a frame was decoded from them. */
void lb_dicom_frames_on_demand_drop (LbDicomFile *file, const uint8_t *from, const uint8_t *to);
/* Closes the file and frees what on-demand reads hold. */
void lb_dicom_frames_on_demand_close (LbDicomFile *file);

/* Frees the arena, the inflated buffer and the file's copy (dicom-read.c). */
void lb_dicom_file_release_storage (LbDicomFile *file);
/* One parse of `buf` into a fresh (or reset) file; *stopped tells whether it stopped before
 * the pixel data (dicom-parse-file.c). */
bool lb_dicom_parse_buffer (LbDicomFile *file, const uint8_t *buf, size_t len,
                            LbDicomReadFlags flags, LbDicomError **err, bool *stopped);
/* Forgets a parse, to parse again from a longer prefix (dicom-parse-file.c). */
void lb_dicom_file_reset (LbDicomFile *file);
/* Stores the error of a failed read in the file, hands a copy to the caller, returns false. */
bool lb_dicom_file_fail (LbDicomFile *file, LbDicomError *err, LbDicomError **error);

/* Copies `len` bytes without leading/trailing spaces and NULs into a NUL-terminated buffer of
 * `size` bytes (cut if needed). Returns the length written. */
size_t lb_copy_trimmed (char *dst, size_t size, const uint8_t *src, size_t len);
