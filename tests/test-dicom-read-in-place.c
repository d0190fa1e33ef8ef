/* test-dicom-read-in-place.c: native frames read on demand straight into the frame's buffer
 * and finished there (dicom-pixel-in-place.c, issue 15 §1) equal the whole read's decode,
 * which unpacks through the file's buffer: 8-bit, 16-bit unsigned with Bits Stored 12,
 * signed 16-bit, signed and shifted samples, interleaved RGB; planar RGB and YBR (read the
 * old way) alongside. Every sample's bits above High Bit and below its low bit are noise, so a
 * missing mask, shift or sign extension shows. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dicom-builder.h"
#include "lb-test-read.h"
#include "dicom-pixel-internal.h"
#include "lb-dicom.h"
#include "lb-dicom-pixel.h"

#define FRAMES 5
#define ROWS 61   /* odd sizes: no row or frame falls on a page or word boundary by chance */
#define COLS 47

typedef struct {
  const char *name;
  guint16 bits_allocated, bits_stored, high_bit, pixel_representation, samples, planar;
  const char *photometric;   /* even length, padded */
  gboolean in_place;         /* expected to take the in-place path */
} Layout;

/* An explicit VR little endian file of FRAMES frames in `layout`, the pixel bytes from a fixed
 * seed; the first sample's container is `first` (all ones past the low byte for 8-bit). */
static char *
write_layout (const char *dir, const Layout *layout, guint32 first)
{
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0060, "CS", "OT");
  us (&ds, 0x0028, 0x0002, layout->samples);
  str (&ds, 0x0028, 0x0004, "CS", layout->photometric);
  if (layout->samples == 3)
    us (&ds, 0x0028, 0x0006, layout->planar);
  str (&ds, 0x0028, 0x0008, "IS", (char[]) { '0' + FRAMES, '\0' });
  us (&ds, 0x0028, 0x0010, ROWS);
  us (&ds, 0x0028, 0x0011, COLS);
  us (&ds, 0x0028, 0x0100, layout->bits_allocated);
  us (&ds, 0x0028, 0x0101, layout->bits_stored);
  us (&ds, 0x0028, 0x0102, layout->high_bit);
  us (&ds, 0x0028, 0x0103, layout->pixel_representation);
  guint32 len = FRAMES * ROWS * COLS * layout->samples * (layout->bits_allocated / 8);
  guint32 padded = len + (len & 1);
  header (&ds, 0x7fe0, 0x0010, layout->bits_allocated == 8 ? "OB" : "OW", padded);
  GRand *rand = g_rand_new_with_seed (15);
  for (guint i = 0; i < padded; i++)
    {
      guint8 byte = (guint8) g_rand_int (rand);
      g_byte_array_append (ds.b, &byte, 1);
    }
  g_rand_free (rand);
  g_autoptr (GBytes) bytes = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  gsize size;
  const guint8 *built = g_bytes_get_data (bytes, &size);
  guint8 *data = g_memdup2 (built, size);
  guint8 *pixels = data + size - padded;   /* the pixel value ends the file */
  pixels[0] = first & 0xff;
  if (layout->bits_allocated == 16)
    pixels[1] = (first >> 8) & 0xff;
  g_autofree char *name = g_strdup_printf ("%s.dcm", layout->name);
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
  g_free (data);
  return path;
}

/* Every frame on demand equals the whole read's: samples, type, size, range, photometric. */
static void
assert_same_frames (const char *path)
{
  LbDicomFile *whole = open_file (path, LB_DICOM_READ_DEFAULT);
  LbDicomFile *lazy = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
  g_assert_true (lb_dicom_file_reads_frames_on_demand (lazy));
  for (guint k = 0; k < 2 * FRAMES; k++)
    {
      guint i = (k * 3) % FRAMES;
      LbDicomFrame *a = decode (whole, i), *b = decode (lazy, i);
      g_assert_cmpint (a->type, ==, b->type);
      g_assert_cmpuint (a->samples, ==, b->samples);
      g_assert_cmpint (a->photometric, ==, b->photometric);
      g_assert_cmpuint (a->bits, ==, b->bits);
      g_assert_cmpint (a->is_signed, ==, b->is_signed);
      g_assert_cmpuint (a->data_len, ==, b->data_len);
      g_assert_true (memcmp (a->data, b->data, a->data_len) == 0);
      g_assert_cmpfloat (a->min, ==, b->min);
      g_assert_cmpfloat (a->max, ==, b->max);
      lb_dicom_frame_free (a);
      lb_dicom_frame_free (b);
    }
  lb_dicom_file_free (whole);
  lb_dicom_file_free (lazy);
}

typedef struct {
  Layout layout;
  guint32 first;      /* the first sample's stored container */
  gboolean check;     /* whether to check its decoded value (not YBR: converted to RGB) */
  double expected;    /* its decoded value */
} Case;

static const Case cases[] = {
  { { "u8", 8, 8, 7, 0, 1, 0, "MONOCHROME2 ", TRUE }, 0xc8, TRUE, 200 },
  { { "s8", 8, 8, 7, 1, 1, 0, "MONOCHROME2 ", TRUE }, 0xc8, TRUE, -56 },
  { { "s8-bs7-shifted", 8, 7, 7, 1, 1, 0, "MONOCHROME1 ", TRUE }, 0x81, TRUE, -64 },
  { { "u16-bs12", 16, 12, 11, 0, 1, 0, "MONOCHROME2 ", TRUE }, 0xf800, TRUE, 2048 },
  { { "u16-bs16", 16, 16, 15, 0, 1, 0, "MONOCHROME2 ", TRUE }, 0xf800, TRUE, 63488 },
  { { "s16-bs16", 16, 16, 15, 1, 1, 0, "MONOCHROME2 ", TRUE }, 0xf800, TRUE, -2048 },
  { { "s16-bs12", 16, 12, 11, 1, 1, 0, "MONOCHROME2 ", TRUE }, 0xf800, TRUE, -2048 },
  { { "s16-bs12-shifted", 16, 12, 13, 1, 1, 0, "MONOCHROME2 ", TRUE }, 0xfff9, TRUE, -2 },
  { { "u16-bs10-shifted", 16, 10, 12, 0, 1, 0, "MONOCHROME2 ", TRUE }, 0xffff, TRUE, 1023 },
  { { "rgb8", 8, 8, 7, 0, 3, 0, "RGB ", TRUE }, 0x7b, TRUE, 123 },
  { { "rgb16", 16, 16, 15, 0, 3, 0, "RGB ", TRUE }, 0x1234, TRUE, 0x1234 },
  /* Read the old way: rearranged or converted after the read. */
  { { "rgb8-planar", 8, 8, 7, 0, 3, 1, "RGB ", FALSE }, 0x7b, TRUE, 123 },
  { { "ybr8", 8, 8, 7, 0, 3, 0, "YBR_FULL", FALSE }, 0, FALSE, -1 },
};

static void
test_layout (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = g_dir_make_tmp ("lb-in-place-XXXXXX", NULL);
  g_autofree char *path = write_layout (dir, &c->layout, c->first);
  assert_same_frames (path);
  LbDicomFile *probe = open_file (path, LB_DICOM_READ_DEFAULT);
  LbDicomFrameInfo info;
  g_assert_true (lb_dicom_file_get_frame_info (probe, &info, NULL));
  g_assert_cmpint (lb_dicom_frame_fits_in_place (&info, FALSE), ==, c->layout.in_place);
  lb_dicom_file_free (probe);
  if (c->check)
    {
      LbDicomFile *f = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
      LbDicomFrame *frame = decode (f, 0);
      g_assert_cmpfloat (lb_dicom_frame_get_sample (frame, 0), ==, c->expected);
      lb_dicom_frame_free (frame);
      lb_dicom_file_free (f);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* The file shrinking under an in-place read is an error, and the frame is not handed out. */
static void
test_shrunk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-in-place-XXXXXX", NULL);
  g_autofree char *path = write_layout (dir, &cases[3].layout, 0);
  LbDicomFile *f = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
  g_assert_cmpint (truncate (path, 2000), ==, 0);
  LbDicomFrame *frame = NULL;
  LbDicomError *err = NULL;
  g_assert_false (lb_dicom_file_decode_frame (f, 2, &frame, &err));
  g_assert_null (frame);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_CHANGED);
  g_assert_nonnull (strstr (err->message, "u16-bs12.dcm"));
  lb_dicom_error_free (err);
  lb_dicom_file_free (f);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/frames-in-place/%s", cases[i].layout.name);
      g_test_add_data_func (name, &cases[i], test_layout);
    }
  g_test_add_func ("/frames-in-place/shrunk", test_shrunk);
  return g_test_run ();
}
