/* lb-png.c: PNG export: libpng writes the chunks, lb-png-idat.c makes the IDAT data (UP filter,
 * no interlace; libdeflate for 16-bit, zlib level 1 + Z_RLE over all cores for 8-bit), text
 * chunks say where the numbers came from, and writes are atomic. */
#include "lb-png.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "dicom-error.h"
#include "lb-dicom-write.h"
#include "lb-png-idat.h"

typedef struct {
  uint8_t *buf;
  size_t len, cap;
  bool failed;
} MemOut;

static void
mem_write (png_structp png, png_bytep data, png_size_t len)
{
  MemOut *m = png_get_io_ptr (png);
  if (m->failed)
    return;
  if (m->len + len > m->cap)
    {
      size_t cap = m->cap ? m->cap : 65536;
      while (cap < m->len + len)
        cap *= 2;
      uint8_t *b = realloc (m->buf, cap);
      if (b == NULL)
        {
          m->failed = true;
          return;
        }
      m->buf = b;
      m->cap = cap;
    }
  memcpy (m->buf + m->len, data, len);
  m->len += len;
}

static void
mem_flush (png_structp png)
{
  (void) png;
}

/* Output to an atomic file through a buffer of our own (not stdio): a failed write keeps its
 * errno in the error ("No space left on device"), where libpng's stdio writer says only
 * "Write Error". */
typedef struct {
  LbAtomicFile *file;
  LbDicomError **error;
  size_t len;
  uint8_t buf[64 * 1024];
} FileOut;

static bool
file_out_flush (FileOut *f)
{
  bool ok = f->len == 0 || lb_atomic_file_write (f->file, f->buf, f->len, f->error);
  f->len = 0;
  return ok;
}

static void
file_write (png_structp png, png_bytep data, png_size_t len)
{
  FileOut *f = png_get_io_ptr (png);
  while (len > 0)
    {
      size_t n = sizeof f->buf - f->len < len ? sizeof f->buf - f->len : len;
      memcpy (f->buf + f->len, data, n);
      f->len += n;
      data += n;
      len -= n;
      if (f->len == sizeof f->buf && !file_out_flush (f))
        png_error (png, "write failed");   /* *f->error already names the reason */
    }
}

static void
file_flush (png_structp png)
{
  (void) png;   /* libpng flushes after IEND; the buffer is flushed before commit instead */
}

static void
png_error_fn (png_structp png, png_const_charp msg)
{
  char *dst = png_get_error_ptr (png);
  snprintf (dst, 200, "%s", msg);
  png_longjmp (png, 1);
}

static void
png_warning_fn (png_structp png, png_const_charp msg)
{
  (void) png;
  (void) msg;
}

/* Produces row y of the image; lets the export render one row at a time instead of a whole
 * frame buffer. */
typedef LbPngRowFunc RowFunc;

/* IDAT chunks of 256 KiB, as common writers split them (one chunk of any size is valid too). */
#define IDAT_CHUNK_BYTES ((size_t) 256 * 1024)

typedef struct {
  const LbPngImage *image;
} PixelRows;

static const void *
pixel_row (void *ctx, uint32_t y, void *scratch)
{
  (void) scratch;
  const LbPngImage *image = ((PixelRows *) ctx)->image;
  return (const uint8_t *) image->pixels + (size_t) y * image->stride;
}

/* Encodes `image` either into `out` (an atomic file) or into `mem`; rows from row_func when
 * given. */
static bool
encode (const LbPngImage *image, RowFunc row_func, void *ctx, FileOut *out, MemOut *mem,
        LbDicomError **error)
{
  char problem[200] = "";
  if (image->width == 0 || image->height == 0 || (image->channels != 1 && image->channels != 3)
      || (image->bit_depth != 8 && image->bit_depth != 16)
      || (image->pixels == NULL && row_func == NULL))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                               "cannot write a %ux%u PNG with %u channels of %u bits",
                               image->width, image->height, image->channels, image->bit_depth);

  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, problem, png_error_fn,
                                             png_warning_fn);
  png_infop info = png != NULL ? png_create_info_struct (png) : NULL;
  /* volatile: assigned after setjmp and freed after a longjmp (a failed write), where a plain
   * local may hold its value from setjmp time. */
  png_textp volatile texts = NULL;
  uint8_t *volatile idat = NULL;
  if (png == NULL || info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                 "out of memory for PNG");
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      free (texts);
      free (idat);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1, "PNG: %s",
                                 problem);
    }
  if (out != NULL)
    png_set_write_fn (png, out, file_write, file_flush);
  else
    png_set_write_fn (png, mem, mem_write, mem_flush);

  png_set_IHDR (png, info, image->width, image->height, image->bit_depth,
                image->channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);

  if (image->n_texts > 0)
    {
      texts = calloc (image->n_texts, sizeof *texts);
      if (texts == NULL)
        png_error (png, "out of memory");
      int n = 0;
      for (size_t i = 0; i < image->n_texts; i++)
        if (image->texts[i].key != NULL && image->texts[i].value != NULL)
          {
            texts[n].compression = PNG_TEXT_COMPRESSION_NONE;
            texts[n].key = (char *) image->texts[i].key;
            texts[n].text = (char *) image->texts[i].value;
            texts[n].text_length = strlen (image->texts[i].value);
            n++;
          }
      png_set_text (png, info, texts, n);
    }
  png_write_info (png, info);
  /* The IDAT data is compressed here rather than by png_write_row (lb-png-idat.h: libdeflate for
   * 16-bit, 8-bit over all cores); libpng still writes the chunks and their CRCs. */
  LbPngIdatLayout layout = { .width = image->width, .height = image->height,
                             .channels = image->channels, .bit_depth = image->bit_depth };
  PixelRows pixel_rows = { image };
  uint8_t *z = NULL;
  size_t z_len = 0;
  if (!lb_png_idat_build (&layout, row_func != NULL ? row_func : pixel_row,
                          row_func != NULL ? ctx : &pixel_rows, &z, &z_len))
    png_error (png, "out of memory");
  idat = z;
  for (size_t at = 0; at < z_len; at += IDAT_CHUNK_BYTES)
    png_write_chunk (png, (png_const_bytep) "IDAT", idat + at,
                     z_len - at < IDAT_CHUNK_BYTES ? z_len - at : IDAT_CHUNK_BYTES);
  png_write_chunk (png, (png_const_bytep) "IEND", NULL, 0);
  png_destroy_write_struct (&png, &info);
  free (texts);
  free (idat);
  if (mem != NULL && mem->failed)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                               "out of memory for PNG");
  return true;
}

bool
lb_png_encode (const LbPngImage *image, uint8_t **out, size_t *out_len, LbDicomError **error)
{
  MemOut m = { 0 };
  if (!encode (image, NULL, NULL, NULL, &m, error))
    {
      free (m.buf);
      return false;
    }
  *out = m.buf;
  *out_len = m.len;
  return true;
}

/* Whether the existing file at `path` may be replaced: only a regular file that is a PNG
 * (never a DICOM file or anything else that happens to have the name), never the input. */
static bool
check_target (const char *path, bool replace, const char *input_path, LbDicomError **error)
{
  struct stat st;
  if (stat (path, &st) != 0)
    return true;   /* nothing there (or unreachable: creating the file will say why) */
  if (input_path != NULL && lb_dicom_path_is_same_file (path, input_path))
    return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                               "%s is the input file; not replaced", path);
  if (!replace)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                               "%s exists; not replaced", path);
  static const uint8_t magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  uint8_t head[8] = { 0 };
  int fd = S_ISREG (st.st_mode) ? open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1;
  bool png = fd >= 0 && read (fd, head, sizeof head) == (ssize_t) sizeof head
             && memcmp (head, magic, sizeof magic) == 0;
  if (fd >= 0)
    close (fd);
  if (!png)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_IO, LB_DICOM_NO_TAG, -1,
                               "%s is not a PNG file; not replaced", path);
  return true;
}

static bool
write_file (const char *path, bool replace, const LbPngImage *image, RowFunc row_func,
            void *ctx, LbDicomError **error)
{
  /* The temporary file sits next to the target, so rename() stays within one file system
   * and readers never see a half-written PNG. Without `replace`, the rename itself refuses
   * a file that appeared since check_target. */
  LbAtomicFile *file = lb_atomic_file_create (path, replace ? LB_DICOM_WRITE_DEFAULT
                                                            : LB_DICOM_WRITE_NO_REPLACE, error);
  if (file == NULL)
    return false;
  FileOut *out = malloc (sizeof *out);
  if (out == NULL)
    {
      lb_atomic_file_abort (file);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                 "out of memory");
    }
  out->file = file;
  out->error = error;
  out->len = 0;
  bool ok = encode (image, row_func, ctx, out, NULL, error) && file_out_flush (out);
  free (out);
  if (!ok)
    {
      lb_atomic_file_abort (file);
      return false;
    }
  return lb_atomic_file_commit (file, error);
}

bool
lb_png_write_replacing (const char *path, const LbPngImage *image, bool replace,
                        const char *input_path, LbDicomError **error)
{
  return check_target (path, replace, input_path, error)
         && write_file (path, replace, image, NULL, NULL, error);
}

bool
lb_png_write (const char *path, const LbPngImage *image, LbDicomError **error)
{
  return lb_png_write_replacing (path, image, false, NULL, error);
}

static uint16_t
clamp16 (double v)
{
  if (!(v > 0))   /* NaN too */
    return 0;
  if (v >= 65535)
    return 65535;
  return (uint16_t) floor (v + 0.5);
}

typedef struct {
  const LbDicomFrame *frame;
  const LbDicomDisplayLut *lut;
  const LbDicomDisplay *display;
  LbPngExportKind kind;
  double offset;
  /* 16-bit data of 16-bit integer frames whose value is stored + an integer (stored values,
   * or a rescale of slope 1 and a whole intercept): a typed loop instead of a double per
   * sample (a fifth of the 16-bit export's time on the 4096² CR went there). */
  bool integer_shift_ok;
  int32_t integer_shift;
} RowCtx;

static void
add_shift_clamped (const LbDicomFrame *f, size_t first, int32_t shift, uint16_t *dst)
{
#define SHIFT_ROW(ctype)                                                                  \
  do                                                                                      \
    {                                                                                     \
      const ctype *src = (const ctype *) f->data + first;                                 \
      for (uint32_t x = 0; x < f->width; x++)                                             \
        {                                                                                 \
          int32_t v = (int32_t) src[x] + shift;                                           \
          dst[x] = (uint16_t) (v < 0 ? 0 : v > 65535 ? 65535 : v);                        \
        }                                                                                 \
    }                                                                                     \
  while (0)
  if (f->type == LB_DICOM_SAMPLE_S16)
    SHIFT_ROW (int16_t);
  else
    SHIFT_ROW (uint16_t);
#undef SHIFT_ROW
}

/* Whether every 16-bit output sample is the stored value plus a whole number (*shift). */
static bool
integer_shift_of (const LbDicomFrame *f, const LbDicomDisplay *display, LbPngExportKind kind,
                  double offset, int32_t *shift)
{
  if (f->samples != 1 || (f->type != LB_DICOM_SAMPLE_U16 && f->type != LB_DICOM_SAMPLE_S16))
    return false;
  double k = offset;
  if (kind == LB_PNG_EXPORT_MODALITY16)
    {
      if (display->modality_lut != NULL || display->slope != 1)
        return false;
      k += display->intercept;
    }
  if (!(fabs (k) < 1e6) || k != floor (k))
    return false;
  *shift = (int32_t) k;
  return true;
}

static const void *
export_row (void *data, uint32_t y, void *scratch)
{
  RowCtx *c = data;
  const LbDicomFrame *f = c->frame;
  size_t first = (size_t) y * f->width * f->samples;
  if (c->kind == LB_PNG_EXPORT_DISPLAY8)
    {
      /* A one-row view of the frame through the same renderer as the canvas. */
      LbDicomFrame view = *f;
      view.height = 1;
      view.data = (uint8_t *) f->data + first * lb_dicom_sample_type_size (f->type);
      lb_dicom_render (c->lut, &view, f->samples == 3 ? LB_DICOM_RENDER_RGB24
                                                      : LB_DICOM_RENDER_GREY8,
                       scratch, (size_t) f->width * f->samples);
      return scratch;
    }
  uint16_t *p = scratch;
  if (c->integer_shift_ok)
    {
      add_shift_clamped (f, first, c->integer_shift, p);
      return p;
    }
  for (uint32_t x = 0; x < f->width; x++)
    {
      double s = lb_dicom_frame_get_sample (f, first + x);
      if (c->kind == LB_PNG_EXPORT_MODALITY16)
        s = lb_dicom_stored_to_modality (c->display, s);
      p[x] = clamp16 (s + c->offset);
    }
  return p;
}


bool
lb_png_export_frame (const LbDicomFrame *frame, const LbPngExportOptions *options,
                     const char *path, double *offset_used, LbDicomError **error)
{
  if (frame == NULL || options == NULL || path == NULL)
    return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                               "nothing to export");
  LbDicomDisplay identity;
  const LbDicomDisplay *display = options->display;
  if (display == NULL)
    {
      lb_dicom_display_init (&identity, NULL, frame);
      display = &identity;
    }

  LbPngImage img = { .width = frame->width, .height = frame->height };
  RowCtx ctx = { .frame = frame, .display = display, .kind = options->kind };
  LbDicomDisplayLut *lut = NULL;
  double offset = 0;

  if (options->kind == LB_PNG_EXPORT_DISPLAY8)
    {
      img.channels = frame->samples == 3 ? 3 : 1;
      img.bit_depth = 8;
      lut = lb_dicom_display_lut_new (frame);
      if (lut != NULL)
        lb_dicom_display_lut_build (lut, display);
      ctx.lut = lut;
    }
  else
    {
      if (frame->samples != 1)
        return lb_dicom_error_set (error, LB_DICOM_ERROR_INVALID_ARGUMENT, LB_DICOM_NO_TAG, -1,
                                   "16-bit data export is for grey images; this one is colour");
      img.channels = 1;
      img.bit_depth = 16;
      if (options->kind == LB_PNG_EXPORT_STORED16)
        /* Signed stored values are shifted into 0..65535 so that order is kept. */
        offset = frame->is_signed ? 32768 : 0;
      else
        {
          offset = options->offset;
          if (isnan (offset))
            {
              double lo = fmin (lb_dicom_stored_to_modality (display, frame->min),
                                lb_dicom_stored_to_modality (display, frame->max));
              offset = frame->is_signed || lo < 0 ? 32768 : 0;
            }
        }
    }
  ctx.offset = offset;
  ctx.integer_shift_ok = options->kind != LB_PNG_EXPORT_DISPLAY8
                         && integer_shift_of (frame, display, options->kind, offset,
                                              &ctx.integer_shift);
  img.stride = (size_t) frame->width * img.channels * (img.bit_depth / 8);
  if (options->kind == LB_PNG_EXPORT_DISPLAY8 && lut == NULL)
    {
      lb_dicom_display_lut_free (lut);
      return lb_dicom_error_set (error, LB_DICOM_ERROR_NO_MEMORY, LB_DICOM_NO_TAG, -1,
                                 "out of memory");
    }

  char frame_s[32], slope_s[64], icpt_s[64], offset_s[64];
  snprintf (frame_s, sizeof frame_s, "%u", frame->index + 1);
  snprintf (slope_s, sizeof slope_s, "%.17g", display->slope);
  snprintf (icpt_s, sizeof icpt_s, "%.17g", display->intercept);
  snprintf (offset_s, sizeof offset_s, "%.17g", offset);
  const char *content = options->kind == LB_PNG_EXPORT_DISPLAY8 ? "display"
                        : options->kind == LB_PNG_EXPORT_STORED16 ? "stored values + Offset"
                        : "modality values + Offset";
  LbPngText texts[] = {
    { "Software", "Lightbox" },
    { "Content", content },
    { "SOPInstanceUID", options->sop_instance_uid },
    { "Frame", frame_s },
    { "Window", options->kind == LB_PNG_EXPORT_DISPLAY8 ? options->window_text : NULL },
    { "RescaleSlope", display->modality_lut == NULL ? slope_s : NULL },
    { "RescaleIntercept", display->modality_lut == NULL ? icpt_s : NULL },
    { "ModalityLUT", display->modality_lut != NULL ? "Modality LUT Sequence" : NULL },
    { "Offset", options->kind == LB_PNG_EXPORT_DISPLAY8 ? NULL : offset_s },
  };
  /* The caller's own chunks (a reformat states its plane and Patient Orientation) follow. */
  enum { N_OWN = sizeof texts / sizeof texts[0], MAX_EXTRA = 16 };
  LbPngText all[N_OWN + MAX_EXTRA];
  size_t n_extra = options->extra_texts != NULL ? options->n_extra_texts : 0;
  if (n_extra > MAX_EXTRA)
    n_extra = MAX_EXTRA;
  memcpy (all, texts, sizeof texts);
  if (n_extra > 0)
    memcpy (all + N_OWN, options->extra_texts, n_extra * sizeof *all);
  img.texts = all;
  img.n_texts = N_OWN + n_extra;
  /* The target is checked once the request is known to be valid, so that a bad request is
   * reported as such whatever lies at the path. */
  bool ok = check_target (path, options->replace, options->input_path, error)
            && write_file (path, options->replace, &img, export_row, &ctx, error);
  lb_dicom_display_lut_free (lut);
  if (ok && offset_used != NULL)
    *offset_used = offset;
  return ok;
}
