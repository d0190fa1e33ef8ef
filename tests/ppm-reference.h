/* ppm-reference.h: compares a decoded frame of a tests/data fixture with the PPM that DCMTK wrote
 * for it (tests/data/make-colour-fixtures.py): binary P6 with maxval 255, or ASCII P3 (dcm2pnm
 * +opw) with maxval 65535. Header-only, for the GTest programs. */
#pragma once

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "lb-dicom-pixel.h"

#ifndef LB_TEST_DATA
#define LB_TEST_DATA "tests/data"
#endif

/* The samples of a PPM file as unsigned ints (width * height * 3), NULL when unreadable. */
static inline guint *
ppm_reference_read (const char *path, guint *width, guint *height)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &text, &len, NULL) || len < 3)
    return NULL;
  bool binary = text[0] == 'P' && text[1] == '6';
  if (!binary && !(text[0] == 'P' && text[1] == '3'))
    return NULL;
  /* Four numbers (after "Px": width, height, maxval), skipping comments. */
  char *p = text + 2;
  guint head[3];
  for (int k = 0; k < 3; k++)
    {
      while (*p == '#' || g_ascii_isspace (*p))
        {
          if (*p == '#')
            while (*p != '\n' && *p != '\0')
              p++;
          else
            p++;
        }
      head[k] = (guint) strtoul (p, &p, 10);
    }
  p++;                                        /* the single whitespace before the raster */
  *width = head[0];
  *height = head[1];
  gsize n = (gsize) head[0] * head[1] * 3;
  guint *out = g_new (guint, n);
  for (gsize i = 0; i < n; i++)
    {
      if (binary)
        {
          if ((gsize) (p - text) >= len)
            return g_free (out), NULL;
          out[i] = (guint8) *p++;
        }
      else
        out[i] = (guint) strtoul (p, &p, 10);
    }
  return out;
}

/* Decodes frame 1 of tests/data/NAME.dcm and compares it with tests/data/NAME.ppm: fails the
 * test when a sample differs by more than tol, and reports the maximum difference and how
 * many samples are not equal. */
static inline void
ppm_reference_check (const char *name, guint tol)
{
  g_autofree char *dcm_name = g_strconcat (name, ".dcm", NULL);
  g_autofree char *ppm_name = g_strconcat (name, ".ppm", NULL);
  g_autofree char *dcm = g_build_filename (LB_TEST_DATA, dcm_name, NULL);
  g_autofree char *ppm = g_build_filename (LB_TEST_DATA, ppm_name, NULL);
  guint w = 0, h = 0;
  g_autofree guint *ref = ppm_reference_read (ppm, &w, &h);
  g_assert_nonnull (ref);

  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomError *error = NULL;
  LbDicomFrame *frame = NULL;
  g_assert_true (lb_dicom_file_read_path (file, dcm, LB_DICOM_READ_DEFAULT, &error));
  g_assert_true (lb_dicom_file_decode_frame (file, 0, &frame, &error));
  g_assert_null (error);
  g_assert_cmpuint (frame->width, ==, w);
  g_assert_cmpuint (frame->height, ==, h);
  g_assert_cmpuint (frame->samples, ==, 3);

  gsize n = (gsize) w * h * 3, differ = 0;
  guint worst = 0;
  for (gsize i = 0; i < n; i++)
    {
      double v = lb_dicom_frame_get_sample (frame, i);
      guint d = (guint) (v > ref[i] ? v - ref[i] : ref[i] - v);
      differ += d != 0;
      worst = MAX (worst, d);
    }
  g_test_message ("%s: max difference %u from DCMTK, %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                  " samples differ", name, worst, differ, n);
  g_assert_cmpuint (worst, <=, tol);
  lb_dicom_frame_free (frame);
  lb_dicom_file_free (file);
}
