/* test-orientation-overlay.c: the letters the canvas draws for a document (lb-orientation-overlay.c):
 * from the file's Image Orientation, from a Patient Orientation stated for a reformatted plane
 * (which has no file), none for a document that knows neither; following turns and the mirror. */
#include "config.h"

#include <glib.h>
#include <stdlib.h>

#include "lb-orientation-overlay.h"
#include "lb-phantom.h"
#include "lb-test-dirs.h"
#include "lb-test-document.h"

static LbDicomFrame *
tiny_frame (void)
{
  LbDicomFrame *f = calloc (1, sizeof *f);
  f->width = f->height = 2;
  f->samples = 1;
  f->bits = 16;
  f->is_signed = true;
  f->type = LB_DICOM_SAMPLE_S16;
  f->photometric = LB_DICOM_PHOTOMETRIC_MONOCHROME2;
  f->data_len = 8;
  f->data = calloc (1, 8);
  return f;
}

static void
assert_describe (LbDocument *doc, int turns, gboolean flip, const char *want)
{
  g_autofree char *got = lb_orientation_overlay_describe (doc, turns, flip);
  g_assert_cmpstr (got, ==, want);
}

/* A reformatted plane: no file, its Patient Orientation stated by the view. */
static void
test_plane (void)
{
  g_autoptr (LbDocument) doc = lb_document_new_for_frame (NULL, NULL, tiny_frame ());
  assert_describe (doc, 0, FALSE, "no labels");
  lb_orientation_overlay_set_patient_orientation (doc, "P\\F");          /* sagittal */
  assert_describe (doc, 0, FALSE, "labels A P H F");
  assert_describe (doc, 1, FALSE, "labels F H A P");
  assert_describe (doc, 0, TRUE, "labels P A H F");
  lb_orientation_overlay_set_patient_orientation (doc, "L\\F");          /* coronal */
  assert_describe (doc, 0, FALSE, "labels R L H F");
  lb_orientation_overlay_set_patient_orientation (doc, "L\\P");          /* axial */
  assert_describe (doc, 2, FALSE, "labels L R P A");
  lb_orientation_overlay_set_patient_orientation (doc, NULL);
  assert_describe (doc, 0, FALSE, "no labels");
  assert_describe (NULL, 0, FALSE, "no labels");
}

/* A phantom slice: the file's Image Orientation; a stated orientation wins. */
static void
test_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lb-orientation-XXXXXX", NULL);
  g_assert_true (lb_phantom_write (dir, LB_DICOM_WRITE_NO_REPLACE, NULL));
  g_autofree char *path = g_build_filename (dir, "CT12.dcm", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LbDocument) doc = try_load (path, &error);
  g_assert_no_error (error);
  assert_describe (doc, 0, FALSE, "labels R L A P");
  assert_describe (doc, 1, TRUE, "labels P A L R");
  lb_orientation_overlay_set_patient_orientation (doc, "L\\F");
  assert_describe (doc, 0, FALSE, "labels R L H F");
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/orientation-overlay/plane", test_plane);
  g_test_add_func ("/orientation-overlay/file", test_file);
  return g_test_run ();
}
