/* test-volume.c: src/volume against numbers worked out by hand: the phantom's geometry (voxel <->
 * patient, the three planes' output size, origin and position range), loading with progress and
 * cancelling, the probe, and the orientation letters of known orientations under every rotation
 * and mirror the canvas offers. */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom-write.h"
#include "lb-orientation.h"
#include "lb-phantom.h"
#include "lb-test-dirs.h"
#include "lb-volume.h"

/* ---- The phantom as a volume -------------------------------------------------------------- */

typedef struct {
  char *dir;
  GPtrArray *paths;    /* written in reverse order, so sorting is tested */
} Phantom;

static void
phantom_setup (Phantom *p, gconstpointer data)
{
  (void) data;
  p->dir = g_dir_make_tmp ("lb-volume-XXXXXX", NULL);
  g_assert_nonnull (p->dir);
  g_assert_true (lb_phantom_write (p->dir, LB_DICOM_WRITE_NO_REPLACE, NULL));
  p->paths = g_ptr_array_new_with_free_func (g_free);
  for (int i = LB_PHANTOM_SLICES - 1; i >= 0; i--)
    {
      char name[16];
      lb_phantom_file_name ((unsigned) i, name);
      g_ptr_array_add (p->paths, g_build_filename (p->dir, name, NULL));
    }
}

static void
phantom_teardown (Phantom *p, gconstpointer data)
{
  (void) data;
  remove_dir (p->dir);
  g_free (p->dir);
  g_ptr_array_unref (p->paths);
}

static LbVolume *
phantom_volume (Phantom *p)
{
  LbVolumeError *error = NULL;
  LbVolume *v = lb_volume_new_from_files ((const char *const *) p->paths->pdata, p->paths->len, NULL, NULL,
                                          NULL, &error);
  g_assert_null (error);
  g_assert_nonnull (v);
  return v;
}

static void
assert_vec (const double a[3], double x, double y, double z)
{
  g_assert_cmpfloat_with_epsilon (a[0], x, 1e-9);
  g_assert_cmpfloat_with_epsilon (a[1], y, 1e-9);
  g_assert_cmpfloat_with_epsilon (a[2], z, 1e-9);
}

/* Slices 10 mm apart from z = +115 (instance 1, head) to -115: sorted along the normal (+z), so
 * k = 0 is the lowest slice; pixel (0, 0) is at (-159.375, -159.375). */
static void
test_geometry (Phantom *p, gconstpointer data)
{
  (void) data;
  LbVolume *v = phantom_volume (p);
  const LbVolumeGeometry *g = lb_volume_get_geometry (v);
  g_assert_cmpuint (g->nx, ==, 256);
  g_assert_cmpuint (g->ny, ==, 256);
  g_assert_cmpuint (g->nz, ==, 24);
  assert_vec (g->row_dir, 1, 0, 0);
  assert_vec (g->col_dir, 0, 1, 0);
  assert_vec (g->normal, 0, 0, 1);
  assert_vec (g->spacing, 1.25, 1.25, 10);
  assert_vec (g->origin, -159.375, -159.375, -115);
  g_assert_cmpuint (lb_volume_get_bytes (v), ==, 256u * 256 * 24 * 2);
  g_assert_cmpint (lb_volume_get_sample_type (v), ==, LB_DICOM_SAMPLE_S16);
  uint32_t frame = 99;
  g_assert_true (g_str_has_suffix (lb_volume_get_slice_path (v, 0, &frame), "CT24.dcm"));
  g_assert_cmpuint (frame, ==, 0);
  g_assert_true (g_str_has_suffix (lb_volume_get_slice_path (v, 23, NULL), "CT01.dcm"));

  double ijk[3] = { 10, 20, 3 }, xyz[3], back[3];
  lb_volume_geometry_voxel_to_patient (g, ijk, xyz);
  assert_vec (xyz, -159.375 + 12.5, -159.375 + 25, -85);
  lb_volume_geometry_patient_to_voxel (g, xyz, back);
  assert_vec (back, 10, 20, 3);
  lb_volume_free (v);
}

static void
test_planes (Phantom *p, gconstpointer data)
{
  (void) data;
  LbVolume *v = phantom_volume (p);
  LbVolumePlaneRequest r;
  LbVolumePlaneGeometry pg;

  lb_volume_plane_request_init (&r, LB_VOLUME_PLANE_AXIAL, 5);
  g_assert_true (lb_volume_plane_geometry (v, &r, &pg, NULL));
  g_assert_cmpuint (pg.width, ==, 256);
  g_assert_cmpuint (pg.height, ==, 256);
  g_assert_cmpfloat (pg.pixel_mm, ==, 1.25);
  g_assert_cmpstr (pg.patient_orientation, ==, "L\\P");
  g_assert_cmpfloat_with_epsilon (pg.position_min, -115, 1e-9);
  g_assert_cmpfloat_with_epsilon (pg.position_max, 115, 1e-9);
  g_assert_cmpfloat (pg.position_step, ==, 10);

  /* Sagittal: x along +y (posterior) from -159.375, y down from the head (z = 115); 230 mm of
   * slices in 1.25 mm pixels is 185 rows. */
  lb_volume_plane_request_init (&r, LB_VOLUME_PLANE_SAGITTAL, 0);
  g_assert_true (lb_volume_plane_geometry (v, &r, &pg, NULL));
  g_assert_cmpuint (pg.width, ==, 256);
  g_assert_cmpuint (pg.height, ==, 185);
  g_assert_cmpstr (pg.patient_orientation, ==, "P\\F");
  double xyz[3], x, y;
  lb_volume_plane_pixel_to_patient (&pg, 12.5, 0, 0, xyz);
  assert_vec (xyz, 12.5, -159.375, 115);
  lb_volume_plane_pixel_to_patient (&pg, 12.5, 2, 4, xyz);
  assert_vec (xyz, 12.5, -159.375 + 2.5, 115 - 5);
  lb_volume_plane_patient_to_pixel (&pg, xyz, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 4, 1e-9);

  lb_volume_plane_request_init (&r, LB_VOLUME_PLANE_CORONAL, 0);
  r.pixel_mm = 2.5;   /* a chosen pixel size: half as many pixels */
  g_assert_true (lb_volume_plane_geometry (v, &r, &pg, NULL));
  g_assert_cmpuint (pg.width, ==, 128);
  g_assert_cmpuint (pg.height, ==, 93);
  g_assert_cmpstr (pg.patient_orientation, ==, "L\\F");

  /* A position outside the volume is refused with the range. */
  lb_volume_plane_request_init (&r, LB_VOLUME_PLANE_AXIAL, 200);
  g_assert_true (lb_volume_plane_geometry (v, &r, &pg, NULL));
  float *out = g_new (float, (gsize) pg.width * pg.height);
  LbVolumeError *error = NULL;
  g_assert_false (lb_volume_sample_plane (v, &r, &pg, out, &error));
  g_assert_cmpint (error->code, ==, LB_VOLUME_ERROR_INVALID_ARGUMENT);
  g_assert_cmpfloat (error->value, ==, 200);
  g_assert_cmpfloat_with_epsilon (error->expected, -115, 1e-9);
  g_assert_cmpfloat_with_epsilon (error->expected_high, 115, 1e-9);
  lb_volume_error_free (error);
  /* ... unless a slab reaches into it: the planes within 100 mm of 200 mm are none, 90 mm of 200
   * reach 115 (the top slice). */
  r.slab_mm = 180;
  g_assert_true (lb_volume_sample_plane (v, &r, &pg, out, NULL));
  g_free (out);
  lb_volume_free (v);
}

/* The water vial is 0 HU on every slice, air about -1000. */
static void
test_probe (Phantom *p, gconstpointer data)
{
  (void) data;
  LbVolume *v = phantom_volume (p);
  double vial[3] = { -159.375 + 1.25 * LB_PHANTOM_VIAL_COLUMN, -159.375 + 1.25 * LB_PHANTOM_VIAL_ROW, 0 };
  double hu = NAN;
  g_assert_true (lb_volume_probe (v, vial, &hu));
  g_assert_cmpfloat (fabs (hu), <, 15);
  double air[3] = { -159.375 + 1.25 * LB_PHANTOM_AIR_COLUMN, -159.375 + 1.25 * LB_PHANTOM_AIR_ROW, 50 };
  g_assert_true (lb_volume_probe (v, air, &hu));
  g_assert_cmpfloat (hu, <, -900);
  double outside[3] = { 0, 0, 120 };
  g_assert_false (lb_volume_probe (v, outside, &hu));
  lb_volume_free (v);
}

typedef struct {
  guint calls;
  guint stop_after;
  guint last_loaded;
  gboolean increasing;
} Progress;

static bool
on_progress (const LbVolume *v, uint32_t slice, uint32_t n_loaded, uint32_t n_slices, void *data)
{
  Progress *p = data;
  p->calls++;
  g_assert_cmpuint (n_slices, ==, 24);
  g_assert_true (lb_volume_is_slice_loaded (v, slice));
  if (n_loaded <= p->last_loaded)
    p->increasing = FALSE;
  p->last_loaded = n_loaded;
  return p->stop_after == 0 || p->calls < p->stop_after;
}

static void
test_progress (Phantom *ph, gconstpointer data)
{
  (void) data;
  LbVolumeError *error = NULL;
  LbVolume *v = lb_volume_plan ((const char *const *) ph->paths->pdata, ph->paths->len, NULL, &error);
  g_assert_nonnull (v);
  g_assert_cmpuint (lb_volume_get_loaded_count (v), ==, 0);
  g_assert_false (lb_volume_is_slice_loaded (v, 0));

  /* Not loaded: a plane samples as the fill value. */
  LbVolumePlaneRequest r;
  LbVolumePlaneGeometry pg;
  lb_volume_plane_request_init (&r, LB_VOLUME_PLANE_CORONAL, 0);
  r.fill_stored = -2000;
  g_assert_true (lb_volume_plane_geometry (v, &r, &pg, NULL));
  float *out = g_new (float, (gsize) pg.width * pg.height);
  g_assert_true (lb_volume_sample_plane (v, &r, &pg, out, NULL));
  g_assert_cmpfloat (out[0], ==, -2000);
  g_assert_cmpfloat (out[(gsize) pg.width * pg.height / 2], ==, -2000);

  /* Cancel after 5 slices: CANCELLED, and those slices stay loaded. */
  Progress p = { .stop_after = 5, .increasing = TRUE };
  g_assert_false (lb_volume_load (v, on_progress, &p, &error));
  g_assert_cmpint (error->code, ==, LB_VOLUME_ERROR_CANCELLED);
  lb_volume_error_free (error);
  error = NULL;
  guint loaded = lb_volume_get_loaded_count (v);
  g_assert_cmpuint (loaded, >=, 5);
  g_assert_cmpuint (loaded, <, 24);

  /* Loading again loads the rest only. */
  Progress rest = { .increasing = TRUE, .last_loaded = loaded };
  g_assert_true (lb_volume_load (v, on_progress, &rest, &error));
  g_assert_cmpuint (rest.calls, ==, 24 - loaded);
  g_assert_true (rest.increasing);
  g_assert_cmpuint (lb_volume_get_loaded_count (v), ==, 24);
  g_assert_true (lb_volume_sample_plane (v, &r, &pg, out, NULL));
  g_assert_cmpfloat (out[(gsize) pg.width * (pg.height / 2) + pg.width / 2], >, -1500);
  g_free (out);
  lb_volume_free (v);
}

static gpointer
load_thread (gpointer data)
{
  return GINT_TO_POINTER (lb_volume_load (data, NULL, NULL, NULL));
}

/* Sampling while another thread loads (what the viewer does): every image is either a slice's
 * values or the fill, never a torn mixture, and once loaded the plane is whole. */
static void
test_sample_while_loading (Phantom *ph, gconstpointer data)
{
  (void) data;
  LbVolume *v = lb_volume_plan ((const char *const *) ph->paths->pdata, ph->paths->len, NULL, NULL);
  g_assert_nonnull (v);
  LbVolumePlaneRequest r;
  LbVolumePlaneGeometry pg;
  lb_volume_plane_request_init (&r, LB_VOLUME_PLANE_SAGITTAL, 0.625);
  r.fill_stored = -3000;
  r.interp = LB_VOLUME_INTERP_NEAREST;
  g_assert_true (lb_volume_plane_geometry (v, &r, &pg, NULL));
  float *out = g_new (float, (gsize) pg.width * pg.height);
  GThread *loader = g_thread_new ("load", load_thread, v);
  guint rounds = 0;
  while (lb_volume_get_loaded_count (v) < 24 || rounds == 0)
    {
      g_assert_true (lb_volume_sample_plane (v, &r, &pg, out, NULL));
      /* Rows of one slice (8 output rows per 10 mm slice): all fill or none. */
      for (guint y = 0; y < pg.height; y++)
        {
          guint fills = 0;
          for (guint x = 0; x < pg.width; x++)
            fills += out[(gsize) y * pg.width + x] == -3000;
          g_assert_true (fills == 0 || fills == pg.width);
        }
      rounds++;
    }
  g_assert_true (GPOINTER_TO_INT (g_thread_join (loader)));
  g_assert_true (lb_volume_sample_plane (v, &r, &pg, out, NULL));
  for (gsize i = 0; i < (gsize) pg.width * pg.height; i++)
    g_assert_cmpfloat (out[i], !=, -3000);
  g_free (out);
  lb_volume_free (v);
}

static void
test_refusals (Phantom *p, gconstpointer data)
{
  (void) data;
  LbVolumeError *error = NULL;
  LbVolumeOptions o;
  lb_volume_options_init (&o);
  o.max_bytes = 1 << 20;
  g_assert_null (lb_volume_plan ((const char *const *) p->paths->pdata, p->paths->len, &o, &error));
  g_assert_cmpint (error->code, ==, LB_VOLUME_ERROR_TOO_LARGE);
  g_assert_cmpuint (error->bytes, ==, 256u * 256 * 24 * 2);
  g_assert_cmpuint (error->limit, ==, 1u << 20);
  g_assert_nonnull (strstr (error->message, "3.0 MiB"));
  lb_volume_error_free (error);
  error = NULL;

  g_assert_null (lb_volume_plan ((const char *const *) p->paths->pdata, 1, NULL, &error));
  g_assert_cmpint (error->code, ==, LB_VOLUME_ERROR_TOO_FEW_SLICES);
  lb_volume_error_free (error);
  error = NULL;

  const char *not_dicom[] = { LB_TEST_DATA "/../meson.build" };
  g_assert_null (lb_volume_plan (not_dicom, 1, NULL, &error));
  g_assert_cmpint (error->code, ==, LB_VOLUME_ERROR_NO_SLICES);
  lb_volume_error_free (error);
}

/* ---- Orientation letters ------------------------------------------------------------------ */

static void
assert_labels (const LbOrientationLabels *l, const char *left, const char *right, const char *top,
               const char *bottom)
{
  g_assert_cmpstr (l->left, ==, left);
  g_assert_cmpstr (l->right, ==, right);
  g_assert_cmpstr (l->top, ==, top);
  g_assert_cmpstr (l->bottom, ==, bottom);
}

static void
test_letters (void)
{
  char s[LB_ORIENTATION_LABEL_MAX];
  lb_orientation_letters ((double[]) { 1, 0, 0 }, 2, s);
  g_assert_cmpstr (s, ==, "L");
  lb_orientation_letters ((double[]) { 0, -2, 0 }, 2, s);
  g_assert_cmpstr (s, ==, "A");
  lb_orientation_letters ((double[]) { 0, 0, -1 }, 2, s);
  g_assert_cmpstr (s, ==, "F");
  lb_orientation_letters ((double[]) { -0.866, 0.5, 0 }, 2, s);
  g_assert_cmpstr (s, ==, "RP");
  lb_orientation_letters ((double[]) { 0.1, 0.2, 0.97 }, 2, s);   /* under 14 degrees off: one letter */
  g_assert_cmpstr (s, ==, "H");
  lb_orientation_letters ((double[]) { 0.6, -0.5, 0.62 }, 2, s);
  g_assert_cmpstr (s, ==, "HL");
  lb_orientation_letters ((double[]) { 0.6, -0.5, 0.62 }, 3, s);
  g_assert_cmpstr (s, ==, "HLA");
  lb_orientation_letters ((double[]) { 0, 0, 0 }, 2, s);
  g_assert_cmpstr (s, ==, "");
  lb_orientation_letters ((double[]) { NAN, 0, 1 }, 2, s);
  g_assert_cmpstr (s, ==, "");
}

static const double AX_ROW[3] = { 1, 0, 0 }, AX_COL[3] = { 0, 1, 0 };
static const double SAG_ROW[3] = { 0, 1, 0 }, SAG_COL[3] = { 0, 0, -1 };
static const double COR_ROW[3] = { 1, 0, 0 }, COR_COL[3] = { 0, 0, -1 };

static void
test_edges_plain (void)
{
  LbOrientationLabels l;
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, 0, false, &l));
  assert_labels (&l, "R", "L", "A", "P");   /* patient's left on the viewer's right */
  g_assert_true (lb_orientation_edge_labels (SAG_ROW, SAG_COL, 0, false, &l));
  assert_labels (&l, "A", "P", "H", "F");
  g_assert_true (lb_orientation_edge_labels (COR_ROW, COR_COL, 0, false, &l));
  assert_labels (&l, "R", "L", "H", "F");
  /* The corpus's enhanced CT has its rows towards the patient's right. */
  g_assert_true (lb_orientation_edge_labels ((double[]) { -1, 0, 0 }, AX_COL, 0, false, &l));
  assert_labels (&l, "L", "R", "A", "P");
  /* Oblique: 30 degrees about z. */
  g_assert_true (lb_orientation_edge_labels ((double[]) { 0.866, 0.5, 0 }, (double[]) { -0.5, 0.866, 0 },
                                             0, false, &l));
  assert_labels (&l, "RA", "LP", "AL", "PR");
}

/* Turning a quarter clockwise carries the top edge's letter to the right edge; mirroring swaps
 * left and right; the canvas mirrors first, then turns. */
static void
test_edges_turned (void)
{
  LbOrientationLabels l;
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, 1, false, &l));
  assert_labels (&l, "P", "A", "R", "L");
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, 2, false, &l));
  assert_labels (&l, "L", "R", "P", "A");
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, 3, false, &l));
  assert_labels (&l, "A", "P", "L", "R");
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, -1, false, &l));
  assert_labels (&l, "A", "P", "L", "R");
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, 4, false, &l));
  assert_labels (&l, "R", "L", "A", "P");
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, 0, true, &l));
  assert_labels (&l, "L", "R", "A", "P");
  /* Mirrored, then turned: the mirrored top (A) goes to the right, the mirrored left (L) up. */
  g_assert_true (lb_orientation_edge_labels (AX_ROW, AX_COL, 1, true, &l));
  assert_labels (&l, "P", "A", "L", "R");
  g_assert_true (lb_orientation_edge_labels (SAG_ROW, SAG_COL, 1, false, &l));
  assert_labels (&l, "F", "H", "A", "P");
  g_assert_true (lb_orientation_edge_labels (SAG_ROW, SAG_COL, 0, true, &l));
  assert_labels (&l, "P", "A", "H", "F");
  g_assert_true (lb_orientation_edge_labels (COR_ROW, COR_COL, 2, true, &l));
  assert_labels (&l, "R", "L", "F", "H");
}

static void
test_edges_unknown (void)
{
  LbOrientationLabels l;
  g_assert_false (lb_orientation_edge_labels ((double[]) { 0, 0, 0 }, AX_COL, 0, false, &l));
  assert_labels (&l, "", "", "", "");
  g_assert_false (lb_orientation_edge_labels (AX_ROW, AX_ROW, 0, false, &l));
  g_assert_false (lb_orientation_edge_labels (NULL, AX_COL, 0, false, &l));
  g_assert_false (lb_orientation_edge_labels ((double[]) { INFINITY, 0, 0 }, AX_COL, 0, false, &l));

  g_assert_true (lb_orientation_edge_labels_from_patient_orientation ("L\\P", 0, false, &l));
  assert_labels (&l, "R", "L", "A", "P");
  g_assert_true (lb_orientation_edge_labels_from_patient_orientation ("A\\F", 1, false, &l));
  assert_labels (&l, "F", "H", "P", "A");
  g_assert_true (lb_orientation_edge_labels_from_patient_orientation ("LA\\PL ", 0, false, &l));
  g_assert_cmpstr (l.right, ==, "LA");
  g_assert_false (lb_orientation_edge_labels_from_patient_orientation ("", 0, false, &l));
  g_assert_false (lb_orientation_edge_labels_from_patient_orientation ("L", 0, false, &l));
  g_assert_false (lb_orientation_edge_labels_from_patient_orientation ("X\\P", 0, false, &l));
  g_assert_false (lb_orientation_edge_labels_from_patient_orientation (NULL, 0, false, &l));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/volume/geometry", Phantom, NULL, phantom_setup, test_geometry, phantom_teardown);
  g_test_add ("/volume/planes", Phantom, NULL, phantom_setup, test_planes, phantom_teardown);
  g_test_add ("/volume/probe", Phantom, NULL, phantom_setup, test_probe, phantom_teardown);
  g_test_add ("/volume/progress", Phantom, NULL, phantom_setup, test_progress, phantom_teardown);
  g_test_add ("/volume/sample-while-loading", Phantom, NULL, phantom_setup, test_sample_while_loading,
              phantom_teardown);
  g_test_add ("/volume/refusals", Phantom, NULL, phantom_setup, test_refusals, phantom_teardown);
  g_test_add_func ("/orientation/letters", test_letters);
  g_test_add_func ("/orientation/edges-plain", test_edges_plain);
  g_test_add_func ("/orientation/edges-turned", test_edges_turned);
  g_test_add_func ("/orientation/edges-unknown", test_edges_unknown);
  return g_test_run ();
}
