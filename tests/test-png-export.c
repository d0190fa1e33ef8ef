/* test-png-export.c: lb-png.c against libpng's own reader: pixels, bit depths, text chunks,
 * the fast settings (no interlace), atomic writes and refusing to overwrite the input. */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <png.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lb-dicom-write.h"
#include "lb-png.h"

typedef struct {
  png_uint_32 width, height;
  int bit_depth, color_type, interlace;
  GByteArray *pixels;     /* rows as PNG stores them (16-bit big endian) */
  GHashTable *texts;
} Decoded;

static void
decoded_clear (Decoded *d)
{
  g_byte_array_unref (d->pixels);
  g_hash_table_unref (d->texts);
}

static Decoded
read_png (const char *path)
{
  Decoded d = { 0 };
  FILE *fp = fopen (path, "rb");
  g_assert_nonnull (fp);
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  g_assert_cmpint (setjmp (png_jmpbuf (png)), ==, 0);
  png_init_io (png, fp);
  png_read_info (png, info);
  png_get_IHDR (png, info, &d.width, &d.height, &d.bit_depth, &d.color_type, &d.interlace, NULL,
                NULL);
  size_t rowbytes = png_get_rowbytes (png, info);
  d.pixels = g_byte_array_sized_new (rowbytes * d.height);
  g_byte_array_set_size (d.pixels, rowbytes * d.height);
  for (png_uint_32 y = 0; y < d.height; y++)
    png_read_row (png, d.pixels->data + y * rowbytes, NULL);
  png_read_end (png, info);
  d.texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  png_textp text;
  int n = png_get_text (png, info, &text, NULL);
  for (int i = 0; i < n; i++)
    g_hash_table_insert (d.texts, g_strdup (text[i].key), g_strdup (text[i].text));
  png_destroy_read_struct (&png, &info, NULL);
  fclose (fp);
  return d;
}

static LbDicomFrame
make_frame (LbDicomSampleType type, void *data, uint32_t w, uint32_t h, uint16_t samples,
            bool is_signed, double min, double max)
{
  LbDicomFrame f;
  memset (&f, 0, sizeof f);
  f.width = w;
  f.height = h;
  f.samples = samples;
  f.bits = (uint16_t) (lb_dicom_sample_type_size (type) * 8);
  f.is_signed = is_signed;
  f.type = type;
  f.photometric = samples == 3 ? LB_DICOM_PHOTOMETRIC_RGB : LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  f.data = data;
  f.data_len = (size_t) w * h * samples * lb_dicom_sample_type_size (type);
  f.min = min;
  f.max = max;
  return f;
}

static void
test_grey8_and_texts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  /* CT stored values 1024 + HU; window 40/400, LINEAR: HU -160 -> 0, 240 -> 255. */
  int16_t px[] = { 1024 - 1000, 1024 - 160, 1024 + 40, 1024 + 240, 1024 + 3000, 1024 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_S16, px, 3, 2, 1, true, 24, 4024);
  f.bits = 16;
  LbDicomDisplay d;
  lb_dicom_display_init (&d, NULL, &f);
  d.slope = 1;
  d.intercept = -1024;
  d.function = LB_DICOM_VOI_LINEAR;
  lb_dicom_display_set_window (&d, 40, 400);
  LbPngExportOptions o = { .kind = LB_PNG_EXPORT_DISPLAY8, .display = &d,
                           .sop_instance_uid = "1.2.3.4", .window_text = "40,400 LINEAR",
                           .offset = NAN };
  LbDicomError *error = NULL;
  g_assert_true (lb_png_export_frame (&f, &o, path, NULL, &error));
  g_assert_null (error);
  Decoded r = read_png (path);
  g_assert_cmpuint (r.width, ==, 3);
  g_assert_cmpuint (r.height, ==, 2);
  g_assert_cmpint (r.bit_depth, ==, 8);
  g_assert_cmpint (r.color_type, ==, PNG_COLOR_TYPE_GRAY);
  g_assert_cmpint (r.interlace, ==, PNG_INTERLACE_NONE);
  for (int i = 0; i < 6; i++)
    g_assert_cmpuint (r.pixels->data[i], ==, lb_dicom_display_map (&d, px[i]));
  g_assert_cmpuint (r.pixels->data[0], ==, 0);
  g_assert_cmpuint (r.pixels->data[4], ==, 255);
  g_assert_cmpstr (g_hash_table_lookup (r.texts, "SOPInstanceUID"), ==, "1.2.3.4");
  g_assert_cmpstr (g_hash_table_lookup (r.texts, "Frame"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (r.texts, "Window"), ==, "40,400 LINEAR");
  g_assert_cmpstr (g_hash_table_lookup (r.texts, "RescaleIntercept"), ==, "-1024");
  g_assert_cmpstr (g_hash_table_lookup (r.texts, "RescaleSlope"), ==, "1");
  decoded_clear (&r);

  /* 16-bit modality: HU + 32768 (automatic offset, the frame is signed). The same name
   * again: replacing a PNG needs to be asked for. */
  o.kind = LB_PNG_EXPORT_MODALITY16;
  o.replace = true;
  double used = 0;
  g_assert_true (lb_png_export_frame (&f, &o, path, &used, &error));
  g_assert_cmpfloat (used, ==, 32768);
  r = read_png (path);
  g_assert_cmpint (r.bit_depth, ==, 16);
  for (int i = 0; i < 6; i++)
    {
      unsigned v = (unsigned) r.pixels->data[2 * i] << 8 | r.pixels->data[2 * i + 1];
      g_assert_cmpuint (v, ==, px[i] - 1024 + 32768);
    }
  g_assert_cmpstr (g_hash_table_lookup (r.texts, "Offset"), ==, "32768");
  decoded_clear (&r);

  /* 16-bit stored: signed values + 32768. */
  o.kind = LB_PNG_EXPORT_STORED16;
  g_assert_true (lb_png_export_frame (&f, &o, path, &used, &error));
  r = read_png (path);
  for (int i = 0; i < 6; i++)
    {
      unsigned v = (unsigned) r.pixels->data[2 * i] << 8 | r.pixels->data[2 * i + 1];
      g_assert_cmpuint (v, ==, px[i] + 32768);
    }
  decoded_clear (&r);

  /* Only out.png is left in the directory: the temporary file was renamed. */
  GDir *gd = g_dir_open (dir, 0, NULL);
  const char *name;
  int count = 0;
  while ((name = g_dir_read_name (gd)) != NULL)
    {
      g_assert_cmpstr (name, ==, "out.png");
      count++;
    }
  g_dir_close (gd);
  g_assert_cmpint (count, ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_rgb (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rgb.png", NULL);
  uint16_t px[] = { 0, 65535, 256, 512, 1024, 2048 };   /* 16-bit RGB -> top 8 bits */
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_U16, px, 2, 1, 3, false, 0, 65535);
  LbPngExportOptions o = { .kind = LB_PNG_EXPORT_DISPLAY8, .offset = NAN };
  g_assert_true (lb_png_export_frame (&f, &o, path, NULL, NULL));
  Decoded r = read_png (path);
  g_assert_cmpint (r.color_type, ==, PNG_COLOR_TYPE_RGB);
  uint8_t want[] = { 0, 255, 1, 2, 4, 8 };
  g_assert_cmpmem (r.pixels->data, 6, want, 6);
  decoded_clear (&r);
  /* Colour has no 16-bit data export. */
  LbDicomError *error = NULL;
  o.kind = LB_PNG_EXPORT_STORED16;
  g_assert_false (lb_png_export_frame (&f, &o, path, NULL, &error));
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_INVALID_ARGUMENT);
  lb_dicom_error_free (error);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_refuse_and_fail (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-png-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "input.dcm", NULL);
  g_assert_true (g_file_set_contents (input, "DICM-ish", -1, NULL));
  uint8_t px[] = { 1, 2, 3, 4 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_U8, px, 2, 2, 1, false, 1, 4);
  LbPngExportOptions o = { .kind = LB_PNG_EXPORT_STORED16, .input_path = input, .offset = NAN };
  LbDicomError *error = NULL;
  g_assert_false (lb_png_export_frame (&f, &o, input, NULL, &error));
  g_assert_nonnull (error);
  lb_dicom_error_free (error);
  error = NULL;
  g_autofree char *content = NULL;
  g_assert_true (g_file_get_contents (input, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "DICM-ish");
  /* A directory that does not exist: an I/O error, nothing written. */
  g_autofree char *bad = g_build_filename (dir, "missing", "x.png", NULL);
  g_assert_false (lb_png_export_frame (&f, &o, bad, NULL, &error));
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_IO);
  lb_dicom_error_free (error);
  g_unlink (input);
  g_rmdir (dir);
}

/* A frame of 64x64 noise: large enough that the PNG is several buffers of output. */
static LbDicomFrame
noise_frame (uint16_t *px, size_t n)
{
  uint32_t x = 12345;
  for (size_t i = 0; i < n; i++)
    px[i] = (uint16_t) ((x = x * 1103515245u + 12345u) >> 16);
  return make_frame (LB_DICOM_SAMPLE_U16, px, 64, (uint32_t) (n / 64), 1, false, 0, 65535);
}

static char *
file_text (const char *path)
{
  char *content = NULL;
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  return content;
}

/* Before: an existing file of any kind was replaced (a DICOM file named b.dcm became a PNG). */
static void
test_replace_policy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-png-XXXXXX", NULL);
  g_autofree char *other = g_build_filename (dir, "b.dcm", NULL);
  g_autofree char *png = g_build_filename (dir, "old.png", NULL);
  g_assert_true (g_file_set_contents (other, "DICM: another study", -1, NULL));
  uint8_t px[] = { 1, 2, 3, 4 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_U8, px, 2, 2, 1, false, 1, 4);
  LbPngExportOptions o = { .kind = LB_PNG_EXPORT_STORED16, .offset = NAN };
  LbDicomError *error = NULL;

  /* Not asked to replace: refused, whatever the file. */
  g_assert_true (lb_png_export_frame (&f, &o, png, NULL, NULL));
  g_assert_false (lb_png_export_frame (&f, &o, png, NULL, &error));
  g_assert_nonnull (strstr (error->message, "exists; not replaced"));
  g_clear_pointer (&error, lb_dicom_error_free);
  /* Asked: a PNG is replaced, a file that is not a PNG never. */
  o.replace = true;
  g_assert_true (lb_png_export_frame (&f, &o, png, NULL, NULL));
  g_assert_false (lb_png_export_frame (&f, &o, other, NULL, &error));
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "is not a PNG file; not replaced"));
  g_clear_pointer (&error, lb_dicom_error_free);
  g_autofree char *content = file_text (other);
  g_assert_cmpstr (content, ==, "DICM: another study");
  /* Nor the input, even when it is a PNG. */
  o.input_path = png;
  g_assert_false (lb_png_export_frame (&f, &o, png, NULL, &error));
  g_assert_nonnull (strstr (error->message, "is the input file"));
  g_clear_pointer (&error, lb_dicom_error_free);

  GDir *gd = g_dir_open (dir, 0, NULL);
  const char *name;
  int count = 0;
  while ((name = g_dir_read_name (gd)) != NULL)
    count++;
  g_dir_close (gd);
  g_assert_cmpint (count, ==, 2);   /* b.dcm and old.png: no temporary file */
  g_unlink (other);
  g_unlink (png);
  g_rmdir (dir);
}

/* Before: the temporary name was the target's plus ".tmp-XXXXXX", past NAME_MAX (255) for a
 * 250-byte name. */
static void
test_long_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-png-XXXXXX", NULL);
  g_autofree char *base = g_strnfill (250, 'n');
  g_autofree char *name = g_strconcat (base, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  uint8_t px[] = { 1, 2, 3, 4 };
  LbDicomFrame f = make_frame (LB_DICOM_SAMPLE_U8, px, 2, 2, 1, false, 1, 4);
  LbPngExportOptions o = { .kind = LB_PNG_EXPORT_DISPLAY8, .offset = NAN };
  LbDicomError *error = NULL;
  if (!lb_png_export_frame (&f, &o, path, NULL, &error))
    g_error ("%s", error->message);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_unlink (path);
  g_rmdir (dir);
}

/* Before: past a file-size limit the process died of SIGXFSZ, or the error said only "PNG:
 * Write Error", and the temporary file stayed. The limit stands in for a full disk: both are
 * a failing write(), and the reason must be the system's. */
static void
test_write_failure_names_the_reason (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.png", NULL);
  static uint16_t px[64 * 1024];
  LbDicomFrame f = noise_frame (px, G_N_ELEMENTS (px));
  LbPngExportOptions o = { .kind = LB_PNG_EXPORT_STORED16, .offset = NAN };
  pid_t pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* The child: a 16 KiB limit on file size, SIGXFSZ ignored as lightbox-cli does. */
      struct rlimit rl = { 16 * 1024, 16 * 1024 };
      setrlimit (RLIMIT_FSIZE, &rl);
      lb_atomic_file_remove_on_signals ();
      LbDicomError *error = NULL;
      bool ok = lb_png_export_frame (&f, &o, path, NULL, &error);
      bool named = !ok && error != NULL && strstr (error->message, "File too large") != NULL
                   && strstr (error->message, path) != NULL;
      lb_dicom_error_free (error);
      _exit (named ? 0 : 1);
    }
  int status = 0;
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  GDir *gd = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (gd));   /* neither big.png nor a temporary file */
  g_dir_close (gd);
  g_rmdir (dir);
}

static void
test_encode_memory (void)
{
  uint16_t px[] = { 0, 1, 65535, 4096 };
  LbPngText texts[] = { { "Key", "value" } };
  LbPngImage img = { .width = 2, .height = 2, .channels = 1, .bit_depth = 16, .pixels = px,
                     .stride = 4, .texts = texts, .n_texts = 1 };
  uint8_t *out = NULL;
  size_t len = 0;
  g_assert_true (lb_png_encode (&img, &out, &len, NULL));
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (out, 8, "\x89PNG\r\n\x1a\n", 8);
  g_free (NULL);
  free (out);
  img.bit_depth = 12;
  LbDicomError *error = NULL;
  g_assert_false (lb_png_encode (&img, &out, &len, &error));
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_INVALID_ARGUMENT);
  lb_dicom_error_free (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png/grey8-texts-16bit", test_grey8_and_texts);
  g_test_add_func ("/png/rgb", test_rgb);
  g_test_add_func ("/png/refuse-and-fail", test_refuse_and_fail);
  g_test_add_func ("/png/encode-memory", test_encode_memory);
  g_test_add_func ("/png/replace-policy", test_replace_policy);
  g_test_add_func ("/png/long-name", test_long_name);
  g_test_add_func ("/png/write-failure-reason", test_write_failure_names_the_reason);
  return g_test_run ();
}
