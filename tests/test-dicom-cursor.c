/* test-dicom-cursor.c: the bounds-checked cursor, element headers and the arena. */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "dicom-private.h"

static void
test_need_bounds (void)
{
  uint8_t buf[8] = { 0 };
  LbCursor c;
  lb_cursor_init (&c, buf, sizeof buf, false);
  g_assert_true (lb_cursor_need (&c, 0));
  g_assert_true (lb_cursor_need (&c, 8));
  g_assert_false (lb_cursor_need (&c, 9));
  c.pos = 8;
  g_assert_true (lb_cursor_need (&c, 0));
  g_assert_false (lb_cursor_need (&c, 1));
  g_assert_cmpuint (lb_cursor_remaining (&c), ==, 0);
  /* pos + n would wrap to a small number; need() must still say no. */
  c.pos = 4;
  g_assert_false (lb_cursor_need (&c, SIZE_MAX));
  g_assert_false (lb_cursor_need (&c, SIZE_MAX - 2));
  g_assert_false (lb_cursor_skip (&c, SIZE_MAX));
  g_assert_cmpuint (c.pos, ==, 4);
  g_assert_null (lb_cursor_take (&c, 5));
  g_assert_nonnull (lb_cursor_take (&c, 4));
  g_assert_cmpuint (c.pos, ==, 8);
  /* A corrupted cursor (pos past len) reads nothing rather than underflowing. */
  c.pos = 9;
  g_assert_false (lb_cursor_need (&c, 0));
  g_assert_cmpuint (lb_cursor_remaining (&c), ==, 0);
}

static void
test_peek_overflow (void)
{
  uint8_t buf[4] = { 1, 2, 3, 4 };
  LbCursor c;
  lb_cursor_init (&c, buf, sizeof buf, false);
  uint32_t v = 0;
  uint16_t s = 0;
  g_assert_false (lb_cursor_peek_u32 (&c, SIZE_MAX, &v));
  g_assert_false (lb_cursor_peek_u32 (&c, SIZE_MAX - 3, &v));
  g_assert_false (lb_cursor_peek_u16 (&c, SIZE_MAX - 1, &s));
  g_assert_false (lb_cursor_peek_u16 (&c, 3, &s));
  g_assert_true (lb_cursor_peek_u16 (&c, 2, &s));
  g_assert_cmphex (s, ==, 0x0403);
  /* NULL buffer: an empty cursor. */
  lb_cursor_init (&c, NULL, 100, false);
  g_assert_false (lb_cursor_need (&c, 1));
}

static void
test_byte_order (void)
{
  const uint8_t buf[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
  LbCursor c;
  lb_cursor_init (&c, buf, sizeof buf, false);
  uint16_t s;
  uint32_t v;
  g_assert_true (lb_cursor_read_u16 (&c, &s));
  g_assert_cmphex (s, ==, 0x0201);
  g_assert_true (lb_cursor_read_u32 (&c, &v));
  g_assert_cmphex (v, ==, 0x06050403);
  g_assert_false (lb_cursor_read_u32 (&c, &v));   /* 2 bytes left */
  g_assert_cmpuint (c.pos, ==, 6);
  lb_cursor_init (&c, buf, sizeof buf, true);
  g_assert_true (lb_cursor_read_u16 (&c, &s));
  g_assert_cmphex (s, ==, 0x0102);
  g_assert_true (lb_cursor_read_u32 (&c, &v));
  g_assert_cmphex (v, ==, 0x03040506);
  g_assert_cmphex (lb_load_u64 (buf, false), ==, G_GUINT64_CONSTANT (0x0807060504030201));
  g_assert_cmphex (lb_load_u64 (buf, true), ==, G_GUINT64_CONSTANT (0x0102030405060708));
}

static void
test_header_explicit (void)
{
  /* (0028,0010) US 2 | (7FE0,0010) OW len 0x100 | (FFFE,E000) len 0xFFFFFFFF */
  const uint8_t buf[] = {
    0x28, 0x00, 0x10, 0x00, 'U', 'S', 0x02, 0x00,
    0xe0, 0x7f, 0x10, 0x00, 'O', 'W', 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
    0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff,
  };
  LbCursor c;
  LbElementHeader h;
  lb_cursor_init (&c, buf, sizeof buf, false);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_OK);
  g_assert_cmphex (h.tag, ==, 0x00280010);
  g_assert_cmpint (h.vr, ==, LB_DICOM_VR_US);
  g_assert_cmpuint (h.length, ==, 2);
  g_assert_cmpuint (h.offset, ==, 0);
  g_assert_cmpuint (c.pos, ==, 8);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_OK);
  g_assert_cmphex (h.tag, ==, 0x7fe00010);
  g_assert_cmpint (h.vr, ==, LB_DICOM_VR_OW);
  g_assert_cmpuint (h.length, ==, 0x100);
  g_assert_cmpuint (c.pos, ==, 20);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_OK);
  g_assert_cmphex (h.tag, ==, 0xfffee000);
  g_assert_cmpint (h.vr, ==, LB_DICOM_VR_NONE);
  g_assert_cmphex (h.length, ==, LB_DICOM_UNDEFINED_LENGTH);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_TRUNCATED);

  /* A long-length VR cut inside its 12-byte header. */
  lb_cursor_init (&c, buf + 8, 10, false);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_TRUNCATED);
  g_assert_cmpuint (c.pos, ==, 0);
}

static void
test_header_big_endian (void)
{
  const uint8_t buf[] = { 0x00, 0x28, 0x00, 0x10, 'U', 'S', 0x00, 0x02,
                          0x7f, 0xe0, 0x00, 0x10, 'O', 'B', 0, 0, 0x00, 0x00, 0x01, 0x02 };
  LbCursor c;
  LbElementHeader h;
  lb_cursor_init (&c, buf, sizeof buf, true);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_OK);
  g_assert_cmphex (h.tag, ==, 0x00280010);
  g_assert_cmpuint (h.length, ==, 2);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_OK);
  g_assert_cmphex (h.tag, ==, 0x7fe00010);
  g_assert_cmpuint (h.length, ==, 0x0102);
}

static void
test_header_implicit_and_bad_vr (void)
{
  const uint8_t implicit[] = { 0x10, 0x00, 0x10, 0x00, 0x08, 0x00, 0x00, 0x00 };
  LbCursor c;
  LbElementHeader h;
  lb_cursor_init (&c, implicit, sizeof implicit, false);
  g_assert_cmpint (lb_cursor_read_element_header (&c, false, &h), ==, LB_HEADER_OK);
  g_assert_cmphex (h.tag, ==, 0x00100010);
  g_assert_cmpint (h.vr, ==, LB_DICOM_VR_NONE);
  g_assert_cmpuint (h.length, ==, 8);
  g_assert_false (h.vr_invalid);

  /* Read as explicit, the bytes 08 00 are no VR: the header falls back to implicit. */
  lb_cursor_init (&c, implicit, sizeof implicit, false);
  g_assert_cmpint (lb_cursor_read_element_header (&c, true, &h), ==, LB_HEADER_OK);
  g_assert_true (h.vr_invalid);
  g_assert_cmpuint (h.length, ==, 8);
  g_assert_cmpuint (c.pos, ==, 8);

  /* Lower-case letters are not a VR either. */
  g_assert_cmpint (lb_dicom_vr_from_chars ('u', 's'), ==, LB_DICOM_VR_NONE);
  g_assert_cmpint (lb_dicom_vr_from_chars ('Z', 'Z'), ==, LB_DICOM_VR_NONE);
}

static void
test_arena (void)
{
  LbArena a = { 0 };
  void *prev = NULL;
  for (int i = 0; i < 10000; i++)
    {
      uint8_t *p = lb_arena_alloc (&a, (size_t) (i % 97) + 1);
      g_assert_nonnull (p);
      g_assert_cmpuint ((uintptr_t) p % 16, ==, 0);
      memset (p, 0xab, (size_t) (i % 97) + 1);
      g_assert_true (p != prev);
      prev = p;
    }
  /* Blocks stay bounded: total is within a small factor of what was asked for. */
  g_assert_cmpuint (a.total, <, 10000 * 112 * 2 + 64 * 1024);
  g_assert_null (lb_arena_alloc (&a, SIZE_MAX - 4));
  const char src[] = "abc";
  char *d = lb_arena_memdup (&a, src, sizeof src);
  g_assert_cmpstr (d, ==, "abc");
  lb_arena_clear (&a);
  g_assert_null (a.head);
}

static void
test_copy_trimmed (void)
{
  char out[8];
  const uint8_t v[] = { ' ', 'A', 'B', ' ', 'C', ' ', '\0' };
  g_assert_cmpuint (lb_copy_trimmed (out, sizeof out, v, sizeof v), ==, 4);
  g_assert_cmpstr (out, ==, "AB C");
  g_assert_cmpuint (lb_copy_trimmed (out, 3, v, sizeof v), ==, 2);
  g_assert_cmpstr (out, ==, "AB");
  g_assert_cmpuint (lb_copy_trimmed (out, sizeof out, v, 0), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dicom-cursor/need-bounds", test_need_bounds);
  g_test_add_func ("/dicom-cursor/peek-overflow", test_peek_overflow);
  g_test_add_func ("/dicom-cursor/byte-order", test_byte_order);
  g_test_add_func ("/dicom-cursor/header-explicit", test_header_explicit);
  g_test_add_func ("/dicom-cursor/header-big-endian", test_header_big_endian);
  g_test_add_func ("/dicom-cursor/header-implicit-bad-vr", test_header_implicit_and_bad_vr);
  g_test_add_func ("/dicom-cursor/arena", test_arena);
  g_test_add_func ("/dicom-cursor/copy-trimmed", test_copy_trimmed);
  return g_test_run ();
}
