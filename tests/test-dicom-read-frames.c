/* test-dicom-read-frames.c: native frames read from the file when they are decoded
 * (LB_DICOM_READ_FRAMES_ON_DEMAND, dicom-read-frames.c): every frame equals the whole read's,
 * only the header is held, files the flag does not apply to are read whole, and a file that
 * shrinks or is rewritten while open gives an error for the frame, never a crash nor the
 * pixels of another version. */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dicom-builder.h"
#include "lb-test-read.h"
#include "lb-dicom.h"
#include "lb-dicom-pixel.h"

#define FRAMES 30
#define ROWS 64
#define COLS 48

static char *
sample_path (const char *rel)
{
  return g_build_filename (LB_SAMPLES, rel, NULL);
}

/* A 30-frame 16-bit MONOCHROME2 file, explicit VR little endian; frame f's pixel i holds
 * (f * 1000 + i) & 0xffff + `version`, so frames and versions all differ. */
static char *
write_generated (const char *dir, guint version)
{
  Builder ds = builder (TRUE, FALSE);
  str (&ds, 0x0008, 0x0060, "CS", "OT");
  us (&ds, 0x0028, 0x0002, 1);
  str (&ds, 0x0028, 0x0004, "CS", "MONOCHROME2");
  str (&ds, 0x0028, 0x0008, "IS", "30");
  us (&ds, 0x0028, 0x0010, ROWS);
  us (&ds, 0x0028, 0x0011, COLS);
  us (&ds, 0x0028, 0x0100, 16);
  us (&ds, 0x0028, 0x0101, 16);
  us (&ds, 0x0028, 0x0102, 15);
  us (&ds, 0x0028, 0x0103, 0);
  header (&ds, 0x7fe0, 0x0010, "OW", FRAMES * ROWS * COLS * 2);
  for (guint f = 0; f < FRAMES; f++)
    for (guint i = 0; i < ROWS * COLS; i++)
      put16 (&ds, (guint16) (f * 1000 + i + version));
  g_autoptr (GBytes) bytes = make_file ("1.2.840.10008.1.2.1", &ds, TRUE);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  char *path = g_build_filename (dir, version == 0 ? "gen30.dcm" : "gen30-v2.dcm", NULL);
  g_assert_true (g_file_set_contents (path, data, size, NULL));
  return path;
}

static guint
frame_count (LbDicomFile *f)
{
  LbDicomFrameInfo info;
  g_assert_true (lb_dicom_file_get_frame_info (f, &info, NULL));
  return info.frames;
}

/* Every frame on demand, in an order that jumps about, against the whole read's. */
static void
compare_all_frames (const char *path, gboolean expect_on_demand)
{
  LbDicomFile *whole = open_file (path, LB_DICOM_READ_DEFAULT);
  LbDicomFile *lazy = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
  guint n = frame_count (whole);

  g_assert_cmpint (lb_dicom_file_reads_frames_on_demand (lazy), ==, expect_on_demand);
  g_assert_false (lb_dicom_file_reads_frames_on_demand (whole));
  g_assert_cmpuint (frame_count (lazy), ==, n);
  g_assert_cmpuint (n, >, 1);
  for (guint k = 0; k < 2 * n; k++)
    {
      guint i = (k * 7) % n;
      LbDicomFrame *a = decode (whole, i), *b = decode (lazy, i);
      g_assert_cmpuint (a->data_len, ==, b->data_len);
      g_assert_true (memcmp (a->data, b->data, a->data_len) == 0);
      lb_dicom_frame_free (a);
      lb_dicom_frame_free (b);
    }
  /* The tag tree's dump shows the value's first bytes: still there after the decodes. */
  size_t la = 0, lb = 0;
  const uint8_t *va = lb_dicom_element_get_bytes (lb_dicom_file_lookup (whole, 0x7fe00010u), &la);
  const uint8_t *vb = lb_dicom_element_get_bytes (lb_dicom_file_lookup (lazy, 0x7fe00010u), &lb);
  g_assert_cmpuint (la, ==, lb);
  g_assert_true (memcmp (va, vb, MIN (la, (size_t) 4096)) == 0);
  if (expect_on_demand)
    g_assert_cmpuint (lb_dicom_file_get_held_bytes (lazy), <, lb_dicom_file_get_held_bytes (whole) / 2);
  lb_dicom_file_free (whole);
  lb_dicom_file_free (lazy);
}

static void
test_generated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-frames-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 0);
  compare_all_frames (path, TRUE);
  /* Frame 21 holds what was written, not a neighbour's bytes. */
  LbDicomFile *f = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
  LbDicomFrame *frame = decode (f, 20);
  g_assert_cmpfloat (lb_dicom_frame_get_sample (frame, 5), ==, (guint16) (20 * 1000 + 5));
  lb_dicom_frame_free (frame);
  lb_dicom_file_free (f);
  g_unlink (path);
  g_rmdir (dir);
}

/* Native little endian: on demand. Deflated and big endian: read whole, same frames. */
static void
test_samples (void)
{
  g_autofree char *native = sample_path ("pydicom-data/emri_small.dcm");
  g_autofree char *big = sample_path ("pydicom-data/emri_small_big_endian.dcm");
  g_autofree char *deflated = sample_path ("generated/emri_small_deflated.dcm");
  compare_all_frames (native, TRUE);
  compare_all_frames (big, FALSE);
  compare_all_frames (deflated, FALSE);
}

static void
assert_frame_fails (LbDicomFile *f, guint index)
{
  LbDicomFrame *frame = NULL;
  LbDicomError *err = NULL;
  g_assert_false (lb_dicom_file_decode_frame (f, index, &frame, &err));
  g_assert_null (frame);
  g_assert_cmpint (err->code, ==, LB_DICOM_ERROR_CHANGED);
  g_assert_nonnull (strstr (err->message, "changed after it was opened"));
  g_assert_nonnull (strstr (err->message, "gen30.dcm"));
  lb_dicom_error_free (err);
}

/* Before: with the whole file in memory this read frame 20 of the version opened; on demand
 * it is an error (no SIGBUS, no zeros from past the end). */
static void
test_shrink_while_open (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-frames-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 0);
  LbDicomFile *f = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
  LbDicomFrame *first = decode (f, 0);
  g_assert_cmpint (truncate (path, 4000), ==, 0);
  assert_frame_fails (f, 19);
  assert_frame_fails (f, 0);
  lb_dicom_frame_free (first);
  lb_dicom_file_free (f);
  g_unlink (path);
  g_rmdir (dir);
}

/* A new version written over the open file (same size, other pixels, another mtime): an
 * error, never the new version's pixels under the old header. */
static void
test_rewritten_in_place (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-frames-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 0);
  g_autofree char *v2 = write_generated (dir, 7);
  LbDicomFile *f = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (v2, &bytes, &len, NULL));
  g_usleep (20000);   /* not a wait for the app: a later mtime than the version opened */
  FILE *out = fopen (path, "r+b");   /* in place: same inode, as `cp` over it does */
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (bytes, 1, len, out), ==, len);
  fclose (out);
  assert_frame_fails (f, 19);
  lb_dicom_file_free (f);
  g_unlink (v2);
  g_unlink (path);
  g_rmdir (dir);
}

/* A file replaced by rename keeps the open version: its frames are still the ones opened. */
static void
test_renamed_over (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-frames-XXXXXX", NULL);
  g_autofree char *path = write_generated (dir, 0);
  g_autofree char *v2 = write_generated (dir, 7);
  LbDicomFile *f = open_file (path, LB_DICOM_READ_FRAMES_ON_DEMAND);
  g_assert_cmpint (g_rename (v2, path), ==, 0);
  LbDicomFrame *frame = decode (f, 19);
  g_assert_cmpfloat (lb_dicom_frame_get_sample (frame, 5), ==, (guint16) (19 * 1000 + 5));
  lb_dicom_frame_free (frame);
  lb_dicom_file_free (f);
  g_unlink (path);
  g_rmdir (dir);
}

/* Decodes frame `index` of both reads: the same outcome, the same samples. */
static void
assert_same_frame (const char *path, LbDicomFile *whole, LbDicomFile *lazy, guint index)
{
  LbDicomFrame *a = NULL, *b = NULL;
  LbDicomError *ea = NULL, *eb = NULL;
  gboolean oka = lb_dicom_file_decode_frame (whole, index, &a, &ea);
  gboolean okb = lb_dicom_file_decode_frame (lazy, index, &b, &eb);
  if (oka != okb)
    g_error ("%s frame %u: whole read %s, on demand %s", path, index + 1,
             oka ? "ok" : ea->message, okb ? "ok" : eb->message);
  if (oka)
    {
      g_assert_cmpuint (a->data_len, ==, b->data_len);
      g_assert_true (memcmp (a->data, b->data, a->data_len) == 0);
    }
  lb_dicom_frame_free (a);
  lb_dicom_frame_free (b);
  lb_dicom_error_free (ea);
  lb_dicom_error_free (eb);
}

/* Every file of tests/samples (damaged ones too): the flag changes nothing but memory. */
static void
compare_tree (const char *dir, guint *n_files, guint *n_on_demand)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          compare_tree (path, n_files, n_on_demand);
          continue;
        }
      LbDicomFile *whole = lb_dicom_file_new (NULL), *lazy = lb_dicom_file_new (NULL);
      gboolean oka = lb_dicom_file_read_path (whole, path, LB_DICOM_READ_DEFAULT, NULL);
      gboolean okb = lb_dicom_file_read_path (lazy, path, LB_DICOM_READ_FRAMES_ON_DEMAND, NULL);
      g_assert_cmpint (oka, ==, okb);
      LbDicomFrameInfo info;
      if (oka && lb_dicom_file_get_frame_info (whole, &info, NULL))
        for (guint i = 0; i < MIN (info.frames, 4u); i++)
          assert_same_frame (path, whole, lazy, i);
      *n_files += 1;
      *n_on_demand += lb_dicom_file_reads_frames_on_demand (lazy);
      lb_dicom_file_free (whole);
      lb_dicom_file_free (lazy);
    }
  g_dir_close (d);
}

static void
test_every_sample (void)
{
  guint n_files = 0, n_on_demand = 0;
  compare_tree (LB_SAMPLES, &n_files, &n_on_demand);
  g_test_message ("%u files, %u read on demand", n_files, n_on_demand);
  g_assert_cmpuint (n_on_demand, >, 0);
}

static void
test_every_corpus_file (void)
{
  const char *root = g_getenv ("LB_CORPUS");
  guint n_files = 0, n_on_demand = 0;
  if (root == NULL)
    root = LB_CORPUS;
  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus (../shared/corpus)");
      return;
    }
  compare_tree (root, &n_files, &n_on_demand);
  g_test_message ("%u files, %u read on demand", n_files, n_on_demand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frames-on-demand/generated", test_generated);
  g_test_add_func ("/frames-on-demand/samples", test_samples);
  g_test_add_func ("/frames-on-demand/shrink-while-open", test_shrink_while_open);
  g_test_add_func ("/frames-on-demand/rewritten-in-place", test_rewritten_in_place);
  g_test_add_func ("/frames-on-demand/renamed-over", test_renamed_over);
  g_test_add_func ("/frames-on-demand/every-sample", test_every_sample);
  g_test_add_func ("/frames-on-demand/every-corpus-file", test_every_corpus_file);
  return g_test_run ();
}
