/* test-codec.c: the codecs against reference decoders, on every compressed corpus file.
 *
 * For each corpus file whose transfer syntax has a codec, every frame is decoded and compared
 * with the raw output of a reference decoder run at test time (gdcmconv --raw, or DCMTK's
 * dcmdjpls/dcmdjpeg/dcmdrle where GDCM fails). Files neither decodes are checked against a
 * sibling file holding the same image in another syntax. Our parser reads the fragments and
 * the reference's native pixels; frames are gathered here from the fragments, independently
 * of the pixel module's frame extraction. Lossless must be bit-exact, lossy within one level.
 * Then corrupt input: truncations and byte flips must give an error or an image, never a crash
 * (run under ASan/valgrind to make "never" mean something; -m slow flips more).
 *
 * `test-codec -m perf` also times the codec workload (make-workload --only codec) found in
 * $LB_CODEC_WORKLOAD (default /tmp/wl/codec). */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "dicom-codec.h"
#include "lb-dicom.h"

#ifndef LB_CORPUS
#define LB_CORPUS "../shared/corpus"
#endif

/* Files that neither GDCM nor DCMTK decodes, and a corpus file with the same pixels. */
static const struct {
  const char *file, *sibling;
} siblings[] = {
  { "pydicom-data/liver_rle.dcm", "pydicom-data/liver_j2k.dcm" },
  { "pydicom-data/liver_deflate.dcm", "pydicom-data/liver_j2k.dcm" },
  { "pydicom-data/liver_nonbyte_aligned_rle.dcm", "pydicom-data/liver_nonbyte_aligned_j2k.dcm" },
  { "pydicom-data/liver_nonbyte_aligned_deflate.dcm",
    "pydicom-data/liver_nonbyte_aligned_j2k.dcm" },
};

typedef struct {
  char *path;      /* relative to the corpus */
  char *ts;
  char *dcmtk;     /* dcmtk_decode column */
  char *gdcm;      /* gdcm_decode column */
} Row;

typedef struct {
  LbDicomFrameInfo info;
  char photometric[32];
  char ref_photometric[32];
  GPtrArray *frames;   /* GBytes */
  GBytes *ref;         /* NULL when there is no reference */
  char *ref_tool;
} Case;

static char *corpus;
static char *tmp_root;

static gboolean
run (const char *const *argv, char **err_out)
{
  int status = 0;
  g_autoptr (GError) gerr = NULL;
  g_autofree char *err = NULL;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &gerr))
    {
      if (err_out)
        *err_out = g_strdup (gerr->message);
      return FALSE;
    }
  if (err_out)
    *err_out = g_steal_pointer (&err);
  return g_spawn_check_wait_status (status, NULL);
}

static void
row_free (Row *r)
{
  g_free (r->path);
  g_free (r->ts);
  g_free (r->dcmtk);
  g_free (r->gdcm);
  g_free (r);
}

static GPtrArray *
load_manifest (void)
{
  g_autofree char *path = g_build_filename (corpus, "MANIFEST.tsv", NULL);
  g_autofree char *text = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return rows;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (size_t i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) < 16 || lb_dicom_codec_find (f[4]) == NULL)
        continue;
      Row *r = g_new0 (Row, 1);
      r->path = g_strdup (f[0]);
      r->ts = g_strdup (f[4]);
      r->dcmtk = g_strdup (f[14]);
      r->gdcm = g_strdup (f[15]);
      g_ptr_array_add (rows, r);
    }
  return rows;
}

static void
case_clear (Case *c)
{
  if (c->frames)
    g_ptr_array_unref (c->frames);
  if (c->ref)
    g_bytes_unref (c->ref);
  g_free (c->ref_tool);
  memset (c, 0, sizeof *c);
}

/* Runs the reference decoder on `file` into `out`; returns its name or NULL. */
static const char *
reference_decode (const char *file, const char *ts, const char *dcmtk, const char *gdcm,
                  const char *out)
{
  if (g_strcmp0 (gdcm, "ok") == 0)
    {
      const char *argv[] = { "gdcmconv", "--raw", file, out, NULL };
      if (run (argv, NULL))
        return "gdcmconv --raw";
    }
  if (g_strcmp0 (dcmtk, "none") != 0 && dcmtk != NULL)
    {
      const char *tool = g_str_has_prefix (ts, "1.2.840.10008.1.2.4.8") ? "dcmdjpls"
                         : g_str_has_prefix (ts, "1.2.840.10008.1.2.4.") ? "dcmdjpeg"
                         : g_str_equal (ts, "1.2.840.10008.1.2.5") ? "dcmdrle" : NULL;
      const char *argv[] = { tool, file, out, NULL };
      if (tool != NULL && run (argv, NULL))
        return tool;
    }
  return NULL;
}

static size_t frame_size (const LbDicomFrameInfo *info);

static uint32_t
le32 (const uint8_t *p)
{
  return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* The compressed frames: one fragment per frame when there are as many fragments as frames,
 * else split by the Basic Offset Table, else (single frame) all fragments concatenated. */
static GPtrArray *
gather_frames (const LbDicomElement *el, uint32_t nframes)
{
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  size_t nfrag = lb_dicom_element_get_fragment_count (el);
  size_t bot_len = 0;
  const uint8_t *bot = nfrag > 0 ? lb_dicom_element_get_fragment (el, 0, &bot_len, NULL) : NULL;

  if (nfrag < 2)
    return frames;
  if (nframes > 1 && nfrag - 1 == nframes)
    {
      for (size_t i = 1; i < nfrag; i++)
        {
          size_t len;
          const uint8_t *p = lb_dicom_element_get_fragment (el, i, &len, NULL);
          g_ptr_array_add (frames, g_bytes_new (p, len));
        }
      return frames;
    }

  /* Concatenate, remembering where each item starts (offsets in the table count the 8-byte
   * item headers, `all` has none). */
  GByteArray *all = g_byte_array_new ();
  g_autoptr (GArray) item_at = g_array_new (FALSE, FALSE, sizeof (uint64_t));
  g_autoptr (GArray) data_at = g_array_new (FALSE, FALSE, sizeof (uint64_t));
  uint64_t pos = 0;
  for (size_t i = 1; i < nfrag; i++)
    {
      size_t len;
      const uint8_t *p = lb_dicom_element_get_fragment (el, i, &len, NULL);
      uint64_t d = all->len;
      g_array_append_val (item_at, pos);
      g_array_append_val (data_at, d);
      g_byte_array_append (all, p, (guint) len);
      pos += 8 + len;
    }
  if (nframes > 1 && bot != NULL && bot_len == 4u * nframes)
    for (uint32_t f = 0; f < nframes; f++)
      {
        uint64_t start = le32 (bot + 4 * f);
        uint64_t end = f + 1 < nframes ? le32 (bot + 4 * f + 4) : pos;
        size_t from = all->len, to = all->len;
        for (guint i = 0; i < item_at->len; i++)
          {
            uint64_t it = g_array_index (item_at, uint64_t, i);
            if (it == start)
              from = g_array_index (data_at, uint64_t, i);
            if (it == end)
              to = g_array_index (data_at, uint64_t, i);
          }
        g_ptr_array_add (frames, g_bytes_new (all->data + from, to > from ? to - from : 0));
      }
  else
    g_ptr_array_add (frames, g_bytes_new (all->data, all->len));
  g_byte_array_unref (all);
  return frames;
}

/* The reference's native pixel data in our codec layout: interleaved, 1-bit frames packed
 * from their first bit (GDCM writes them as one byte per pixel). */
static GBytes *
read_reference (const char *path, const LbDicomFrameInfo *want, char *photometric, size_t size)
{
  LbDicomFile *file = lb_dicom_file_new (NULL);
  LbDicomFrameInfo ri;
  GBytes *out = NULL;
  size_t len = 0;

  if (lb_dicom_file_read_path (file, path, LB_DICOM_READ_DEFAULT, NULL)
      && lb_dicom_file_get_frame_info (file, &ri, NULL))
    {
      const LbDicomElement *el = lb_dicom_file_lookup (file, LB_DICOM_TAG_PIXEL_DATA);
      const uint8_t *raw = el ? lb_dicom_element_get_bytes (el, &len) : NULL;
      size_t n = (size_t) want->rows * want->columns * want->samples_per_pixel;
      size_t fsize = frame_size (want), nf = want->frames;
      uint8_t *buf = g_malloc0 (fsize * nf);

      g_snprintf (photometric, size, "%s", lb_dicom_photometric_name (ri.photometric));
      if (raw == NULL)
        ;
      else if (want->bits_allocated == 1)
        for (size_t k = 0; k < nf; k++)
          for (size_t i = 0; i < n; i++)
            {
              size_t bit = k * n + i;
              gboolean on = ri.bits_allocated == 1
                            ? bit / 8 < len && (raw[bit / 8] >> (bit % 8)) & 1
                            : bit < len && raw[bit] != 0;
              if (on)
                buf[k * fsize + i / 8] |= (uint8_t) (1u << (i % 8));
            }
      else if (ri.samples_per_pixel > 1 && ri.planar_configuration == 1)
        {
          size_t bytes = want->bits_allocated / 8u, spp = ri.samples_per_pixel;
          size_t px = (size_t) want->rows * want->columns;
          for (size_t k = 0; k < nf; k++)
            for (size_t c = 0; c < spp; c++)
              for (size_t i = 0; i < px; i++)
                {
                  size_t from = ((k * spp + c) * px + i) * bytes;
                  if (from + bytes <= len)
                    memcpy (buf + k * fsize + (i * spp + c) * bytes, raw + from, bytes);
                }
        }
      else
        memcpy (buf, raw, MIN (len, fsize * nf));
      if (raw != NULL)
        out = g_bytes_new_take (buf, fsize * nf);
      else
        g_free (buf);
    }
  lb_dicom_file_free (file);
  return out;
}

static gboolean
load_case (const Row *row, Case *c)
{
  g_autofree char *file = g_build_filename (corpus, row->path, NULL);
  g_autofree char *dir = g_build_filename (tmp_root, "case-XXXXXX", NULL);
  g_autofree char *refdcm = NULL;
  LbDicomError *error = NULL;
  const char *tool;

  memset (c, 0, sizeof *c);
  LbDicomFile *df = lb_dicom_file_new (NULL);
  /* a failed read keeps what it had: the too-short file still has its fragments */
  if (!lb_dicom_file_read_path (df, file, LB_DICOM_READ_DEFAULT, &error))
    g_test_message ("%s: read: %s", row->path, error->message);
  g_clear_pointer (&error, lb_dicom_error_free);
  const LbDicomElement *el = lb_dicom_file_lookup (df, LB_DICOM_TAG_PIXEL_DATA);
  if (el == NULL || !lb_dicom_element_is_encapsulated (el)
      || !lb_dicom_file_get_frame_info (df, &c->info, &error))
    {
      g_test_message ("%s: no encapsulated pixel data%s%s", row->path, error ? ": " : "",
                      error ? error->message : "");
      lb_dicom_error_free (error);
      lb_dicom_file_free (df);
      return FALSE;
    }
  g_snprintf (c->photometric, sizeof c->photometric, "%s",
              lb_dicom_photometric_name (c->info.photometric));
  c->frames = gather_frames (el, c->info.frames);
  lb_dicom_file_free (df);

  if (g_mkdtemp (dir) == NULL)
    return FALSE;
  refdcm = g_build_filename (dir, "ref.dcm", NULL);
  tool = reference_decode (file, row->ts, row->dcmtk, row->gdcm, refdcm);
  if (tool == NULL)
    for (size_t i = 0; i < G_N_ELEMENTS (siblings); i++)
      if (g_str_equal (row->path, siblings[i].file))
        {
          g_autofree char *sib = g_build_filename (corpus, siblings[i].sibling, NULL);
          if (reference_decode (sib, "", "none", "ok", refdcm) != NULL)
            tool = siblings[i].sibling;
        }
  c->ref_tool = g_strdup (tool);
  g_strlcpy (c->ref_photometric, "-", sizeof c->ref_photometric);
  if (tool != NULL)
    c->ref = read_reference (refdcm, &c->info, c->ref_photometric, sizeof c->ref_photometric);
  g_unlink (refdcm);
  g_rmdir (dir);
  return c->frames->len > 0;
}

static size_t
frame_size (const LbDicomFrameInfo *info)
{
  size_t n = (size_t) info->rows * info->columns * info->samples_per_pixel;
  return info->bits_allocated == 1 ? (n + 7) / 8 : n * (info->bits_allocated / 8u);
}

/* A sample as a number: masked to BitsStored and sign-extended, as the pixel module will. */
static int64_t
sample_value (const uint8_t *p, const LbDicomFrameInfo *info)
{
  uint32_t v = p[0];
  if (info->bits_allocated >= 16)
    v |= (uint32_t) p[1] << 8;
  if (info->bits_allocated == 32)
    v |= (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
  unsigned bs = info->bits_stored ? info->bits_stored : info->bits_allocated;
  if (bs < 32)
    {
      v &= (1u << bs) - 1;
      if (info->pixel_representation && (v >> (bs - 1)) & 1)
        return (int64_t) v - ((int64_t) 1 << bs);
    }
  return info->pixel_representation ? (int64_t) (int32_t) v : (int64_t) v;
}

static gboolean
syntax_is_lossy (const char *ts)
{
  return g_str_equal (ts, "1.2.840.10008.1.2.4.50") || g_str_equal (ts, "1.2.840.10008.1.2.4.51")
         || g_str_equal (ts, "1.2.840.10008.1.2.4.81") || g_str_equal (ts, "1.2.840.10008.1.2.4.91")
         || g_str_equal (ts, "1.2.840.10008.1.2.4.203");
}

static void
test_corpus_file (gconstpointer data)
{
  const Row *row = data;
  const LbDicomCodec *codec = lb_dicom_codec_find (row->ts);
  Case c;

  g_assert_nonnull (codec);
  if (!load_case (row, &c))
    {
      g_test_skip ("could not read the frames");
      case_clear (&c);
      return;
    }
  size_t fsize = frame_size (&c.info);
  gboolean lossy = syntax_is_lossy (row->ts);
  int64_t max_diff = 0;
  size_t differing = 0, decoded = 0, unsupported = 0;

  if (c.ref == NULL)
    g_test_message ("%s: no reference decoder; checking that frames decode", row->path);
  else if (g_bytes_get_size (c.ref) < fsize * c.frames->len)
    g_test_message ("%s: reference has %zu bytes, %u frames need %zu", row->path,
                    g_bytes_get_size (c.ref), c.frames->len, fsize * c.frames->len);
  for (unsigned f = 0; f < c.frames->len; f++)
    {
      size_t len;
      const uint8_t *src = g_bytes_get_data (c.frames->pdata[f], &len);
      uint8_t *dst = g_malloc (fsize);
      LbDicomError *error = NULL;
      /* an exact-size copy, so that a sanitizer sees any read beyond the fragment */
      uint8_t *copy = g_memdup2 (src, len);
      gboolean ok = codec->decode (copy, len, &c.info, dst, fsize, &error);
      g_free (copy);
      if (!ok && error != NULL && error->code == LB_DICOM_ERROR_UNSUPPORTED)
        {
          g_test_message ("%s frame %u: unsupported: %s", row->path, f, error->message);
          unsupported++;
        }
      else if (!ok)
        g_error ("%s frame %u: %s", row->path, f, error ? error->message : "(no error set)");
      else
        {
          g_assert_null (error);
          decoded++;
          size_t rlen = 0;
          const uint8_t *ref = c.ref ? g_bytes_get_data (c.ref, &rlen) : NULL;
          if (ref != NULL && rlen >= (f + 1) * fsize)
            {
              ref += f * fsize;
              if (c.info.bits_allocated == 1)
                differing += memcmp (ref, dst, fsize) != 0;
              else
                {
                  size_t step = c.info.bits_allocated / 8u;
                  for (size_t i = 0; i < fsize; i += step)
                    {
                      int64_t d = sample_value (dst + i, &c.info) - sample_value (ref + i, &c.info);
                      if (d != 0)
                        {
                          differing++;
                          max_diff = MAX (max_diff, ABS (d));
                        }
                    }
                }
            }
        }
      lb_dicom_error_free (error);
      g_free (dst);
    }

  g_test_message ("%s: %zu/%u frames decoded, reference %s, %zu samples differ, max diff %"
                  G_GINT64_FORMAT "%s", row->path, decoded, c.frames->len,
                  c.ref_tool ? c.ref_tool : "none", differing, max_diff, lossy ? " (lossy)" : "");
  if (c.ref != NULL && strcmp (c.ref_photometric, "-") != 0)
    {
      if (!g_str_equal (c.ref_photometric, c.photometric))
        g_test_message ("%s: reference output is %s, dataset says %s", row->path,
                        c.ref_photometric, c.photometric);
    }
  if (unsupported > 0 && decoded == 0)
    g_test_skip ("decoder not available yet");
  else if (lossy)
    g_assert_cmpint (max_diff, <=, 1);
  else
    g_assert_cmpuint (differing, ==, 0);
  case_clear (&c);
}

/* Nothing else here decodes HTJ2K: check the lossy file against the lossless one (the same
 * picture), which at least shows that both decode to the same image. */
static void
test_htj2k_pair (void)
{
  g_autoptr (GPtrArray) rows = load_manifest ();
  Case lossless = { 0 }, lossy = { 0 };
  const char *names[] = { "pydicom-data/HTJ2KLossless_08_RGB.dcm",
                          "pydicom-data/HTJ2K_08_RGB.dcm" };
  Case *cases[] = { &lossless, &lossy };
  uint8_t *out[2] = { NULL, NULL };

  for (int k = 0; k < 2; k++)
    for (unsigned i = 0; i < rows->len; i++)
      {
        Row r = *(Row *) rows->pdata[i];
        if (!g_str_equal (r.path, names[k]))
          continue;
        r.gdcm = "fail", r.dcmtk = "none";
        g_assert_true (load_case (&r, cases[k]));
        size_t len, fsize = frame_size (&cases[k]->info);
        const uint8_t *src = g_bytes_get_data (cases[k]->frames->pdata[0], &len);
        out[k] = g_malloc (fsize);
        g_assert_true (lb_dicom_codec_find (r.ts)->decode (src, len, &cases[k]->info, out[k],
                                                           fsize, NULL));
      }
  if (out[0] == NULL || out[1] == NULL)
    {
      g_test_skip ("HTJ2K files not in the corpus");
      return;
    }
  size_t n = frame_size (&lossless.info);
  int max_diff = 0;
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    {
      int d = ABS ((int) out[0][i] - (int) out[1][i]);
      max_diff = MAX (max_diff, d);
      sum += d;
    }
  g_test_message ("HTJ2K lossy vs lossless: max diff %d, mean %.3f", max_diff, sum / (double) n);
  g_assert_cmpint (max_diff, <=, 16);
  g_assert_cmpfloat (sum / (double) n, <, 1.0);
  g_free (out[0]);
  g_free (out[1]);
  case_clear (&lossless);
  case_clear (&lossy);
}

/* ---- Corrupt input ------------------------------------------------------------------------ */

/* Frames to mutilate: one file per codec and colour layout. */
static const char *const corrupt_files[] = {
  "pydicom-data/emri_small_RLE.dcm",
  "pydicom-data/OBXXXX1A_rle.dcm",
  "pydicom-data/liver_nonbyte_aligned_deflate.dcm",
  "pylibjpeg-data/JPEGBaseline/JPEGBaseline_1s_1f_u_08_08.dcm",
  "derived/US_rgb_jpeg_baseline_ybr422.dcm",
  "pydicom-data/JLSL_RGB_ILV1.dcm",
  "pydicom-data/emri_small_jpeg_ls_lossless.dcm",
  "pydicom-data/emri_small_jpeg_2k_lossless.dcm",
  "pydicom-data/US1_J2KI.dcm",
  "pydicom-data/HTJ2KLossless_08_RGB.dcm",
  "pylibjpeg-data/JPEG2000/ELSCINT1_JP2vsJ2K.dcm",
};

static gboolean
try_decode (const LbDicomCodec *codec, const uint8_t *src, size_t len, const Case *c,
            size_t fsize)
{
  uint8_t *copy = g_memdup2 (src, len);
  uint8_t *dst = g_malloc (fsize);
  LbDicomError *error = NULL;
  gboolean ok = codec->decode (copy, len, &c->info, dst, fsize, &error);
  /* the contract: an error exactly when decoding failed, with a message */
  if (ok)
    g_assert_null (error);
  else
    {
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      g_assert_true (error->code == LB_DICOM_ERROR_CODEC
                     || error->code == LB_DICOM_ERROR_UNSUPPORTED
                     || error->code == LB_DICOM_ERROR_NO_MEMORY);
    }
  lb_dicom_error_free (error);
  g_free (dst);
  g_free (copy);
  return ok;
}

static void
test_corrupt (gconstpointer data)
{
  const char *path = data;
  g_autoptr (GPtrArray) rows = load_manifest ();
  const Row *row = NULL;
  Case c;

  for (unsigned i = 0; i < rows->len; i++)
    if (g_str_equal (((Row *) rows->pdata[i])->path, path))
      row = rows->pdata[i];
  if (row == NULL)
    {
      g_test_skip ("file not in this corpus");
      return;
    }
  Row norefs = *row;
  norefs.gdcm = "fail";            /* frames only, no reference needed */
  norefs.dcmtk = "none";
  g_assert_true (load_case (&norefs, &c));
  const LbDicomCodec *codec = lb_dicom_codec_find (row->ts);
  size_t fsize = frame_size (&c.info);
  size_t len;
  const uint8_t *src = g_bytes_get_data (c.frames->pdata[0], &len);
  g_assert_true (try_decode (codec, src, len, &c, fsize));

  /* Truncations: everywhere in the first 256 bytes (headers), then spread over the rest.
   * Cutting more than the last few bytes must fail: the image cannot be complete. */
  size_t cuts = 0, accepted_short = 0;
  for (size_t cut = 0; cut < len; cut += cut < 256 ? 1 : MAX (len / 97, 1), cuts++)
    if (try_decode (codec, src, cut, &c, fsize) && cut + 16 < len)
      {
        accepted_short++;
        g_test_message ("%s: accepted a frame cut to %zu of %zu bytes", path, cut, len);
      }
  for (size_t cut = len > 16 ? len - 16 : 0; cut < len; cut++, cuts++)
    try_decode (codec, src, cut, &c, fsize);

  /* Byte flips, reproducible. */
  GRand *rand = g_rand_new_with_seed (0x1b0c5);
  uint8_t *buf = g_memdup2 (src, len);
  size_t flips = g_test_slow () ? 2000 : 300, survived = 0;
  for (size_t i = 0; i < flips; i++)
    {
      memcpy (buf, src, len);
      int n = g_rand_int_range (rand, 1, 5);
      for (int k = 0; k < n; k++)
        buf[g_rand_int_range (rand, 0, (gint32) len)] ^= (uint8_t) g_rand_int_range (rand, 1, 256);
      survived += try_decode (codec, buf, len, &c, fsize);
    }
  g_free (buf);
  g_rand_free (rand);
  g_test_message ("%s: %zu truncations, %zu accepted short; %zu flipped frames, %zu decoded",
                  path, cuts, accepted_short, flips, survived);
  g_assert_cmpuint (accepted_short, ==, 0);
  case_clear (&c);
}

/* ---- Hand-made streams ---------------------------------------------------------------------- */

static void
test_registry (void)
{
  g_assert_cmpstr (lb_dicom_codec_find ("1.2.840.10008.1.2.4.80")->name, ==, "JPEG-LS Lossless");
  g_assert_nonnull (lb_dicom_codec_find ("1.2.840.10008.1.2.5"));
  g_assert_nonnull (lb_dicom_codec_find ("1.2.840.10008.1.2.4.90 "));   /* padded UI value */
  g_assert_nonnull (lb_dicom_codec_find ("1.2.840.10008.1.2.4.203"));
  g_assert_null (lb_dicom_codec_find ("1.2.840.10008.1.2.1"));
  g_assert_null (lb_dicom_codec_find ("1.2.840.10008.1.2.4.100"));     /* MPEG2 */
  g_assert_null (lb_dicom_codec_find ("1.2.840.10008.1.2.4.5"));       /* a prefix of .50 */
  g_assert_null (lb_dicom_codec_find (NULL));
  g_assert_false (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2"));
  g_assert_false (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2.1"));
  g_assert_false (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2.2"));
  g_assert_false (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2.1.99"));
  g_assert_true (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2.4.50"));
  g_assert_true (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2.4.102"));  /* H.264 */
  g_assert_true (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2.4.110")); /* JXL */
  g_assert_true (lb_dicom_transfer_syntax_is_encapsulated ("1.2.840.10008.1.2.8.1"));
}

static void
put_le32 (uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t) v, p[1] = (uint8_t) (v >> 8);
  p[2] = (uint8_t) (v >> 16), p[3] = (uint8_t) (v >> 24);
}

static void
test_rle (void)
{
  /* 2x3 pixels of 16 bits: segment 1 holds the high bytes, segment 2 the low bytes. */
  LbDicomFrameInfo info = { .rows = 2, .columns = 3, .frames = 1, .samples_per_pixel = 1,
                            .bits_allocated = 16, .bits_stored = 16 };
  uint8_t src[64 + 4 + 8] = { 0 };
  put_le32 (src, 2);
  put_le32 (src + 4, 64);
  put_le32 (src + 8, 68);
  /* high: repeat 0x12 six times (-5), then a pad byte; low: literal 6 bytes 0..5, odd + pad */
  const uint8_t seg1[] = { 0xfb, 0x12, 0x80, 0x00 };
  const uint8_t seg2[] = { 0x05, 0, 1, 2, 3, 4, 5, 0x00 };
  memcpy (src + 64, seg1, sizeof seg1);
  memcpy (src + 68, seg2, sizeof seg2);
  uint8_t dst[12];
  LbDicomError *error = NULL;
  g_assert_true (lb_dicom_codec_rle_decode (src, sizeof src, &info, dst, sizeof dst, &error));
  for (int i = 0; i < 6; i++)
    g_assert_cmpuint (dst[2 * i] | dst[2 * i + 1] << 8, ==, 0x1200u + (unsigned) i);

  /* bad offsets, segment count, short segment, short header */
  uint8_t bad[sizeof src];
  memcpy (bad, src, sizeof src);
  put_le32 (bad + 8, 4000);
  g_assert_false (lb_dicom_codec_rle_decode (bad, sizeof bad, &info, dst, sizeof dst, &error));
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_CODEC);
  g_clear_pointer (&error, lb_dicom_error_free);
  memcpy (bad, src, sizeof src);
  put_le32 (bad, 3);
  g_assert_false (lb_dicom_codec_rle_decode (bad, sizeof bad, &info, dst, sizeof dst, &error));
  g_clear_pointer (&error, lb_dicom_error_free);
  g_assert_false (lb_dicom_codec_rle_decode (src, 70, &info, dst, sizeof dst, &error));
  g_assert_nonnull (strstr (error->message, "segment 2"));
  g_clear_pointer (&error, lb_dicom_error_free);
  g_assert_false (lb_dicom_codec_rle_decode (src, 10, &info, dst, sizeof dst, &error));
  g_clear_pointer (&error, lb_dicom_error_free);
  g_assert_false (lb_dicom_codec_rle_decode (src, sizeof src, &info, dst, 10, &error));
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_INVALID_ARGUMENT);
  g_clear_pointer (&error, lb_dicom_error_free);

  /* RGB 8-bit: three segments, output interleaved */
  LbDicomFrameInfo rgb = { .rows = 1, .columns = 2, .frames = 1, .samples_per_pixel = 3,
                           .bits_allocated = 8, .bits_stored = 8,
                           .photometric = LB_DICOM_PHOTOMETRIC_RGB };
  uint8_t s3[64 + 6] = { 0 };
  put_le32 (s3, 3);
  put_le32 (s3 + 4, 64);
  put_le32 (s3 + 8, 66);
  put_le32 (s3 + 12, 68);
  const uint8_t segs[] = { 0xff, 10, 0xff, 20, 0x01, 30, 31 };   /* R R, G G, B literal */
  memcpy (s3 + 64, segs, 6);
  uint8_t out[6];
  g_assert_false (lb_dicom_codec_rle_decode (s3, sizeof s3, &rgb, out, sizeof out, &error));
  g_clear_pointer (&error, lb_dicom_error_free);       /* the blue literal is cut short */
  uint8_t s3b[64 + 7];
  memcpy (s3b, s3, 64);
  memcpy (s3b + 64, segs, 7);
  g_assert_true (lb_dicom_codec_rle_decode (s3b, sizeof s3b, &rgb, out, sizeof out, &error));
  const uint8_t want[] = { 10, 20, 30, 10, 20, 31 };
  g_assert_cmpmem (out, 6, want, 6);
}

static void
test_deflate (void)
{
  /* raw deflate of "abcabcabcabc" (12 bytes), made with zlib at level 9, window -15 */
  const uint8_t z[] = { 0x4b, 0x4c, 0x4a, 0x4e, 0x84, 0x21, 0x00 };
  LbDicomFrameInfo info = { .rows = 3, .columns = 4, .frames = 1, .samples_per_pixel = 1,
                            .bits_allocated = 8, .bits_stored = 8 };
  uint8_t dst[16];
  LbDicomError *error = NULL;
  g_assert_true (lb_dicom_codec_deflate_decode (z, sizeof z, &info, dst, 12, &error));
  g_assert_cmpmem (dst, 12, "abcabcabcabc", 12);
  g_assert_false (lb_dicom_codec_deflate_decode (z, sizeof z, &info, dst, 11, &error));
  g_assert_cmpint (error->code, ==, LB_DICOM_ERROR_CODEC);
  g_clear_pointer (&error, lb_dicom_error_free);
  g_assert_false (lb_dicom_codec_deflate_decode (z, sizeof z, &info, dst, 13, &error));
  g_clear_pointer (&error, lb_dicom_error_free);
  g_assert_false (lb_dicom_codec_deflate_decode (z, 3, &info, dst, 12, &error));
  g_clear_pointer (&error, lb_dicom_error_free);
}

/* ---- Speed ---------------------------------------------------------------------------------- */

static void
test_perf (void)
{
  const char *wl = g_getenv ("LB_CODEC_WORKLOAD");
  if (wl == NULL)
    wl = "/tmp/wl/codec";
  g_autofree char *probe = g_build_filename (wl, "RG2_JLSL.dcm", NULL);

  if (!g_file_test (probe, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no codec workload (make-workload --only codec)");
      return;
    }
  g_autoptr (GDir) dir = g_dir_open (wl, 0, NULL);
  for (const char *name; dir && (name = g_dir_read_name (dir)) != NULL;)
    {
      if (!g_str_has_prefix (name, "RG2_"))
        continue;
      g_autofree char *full = g_build_filename (wl, name, NULL);
      LbDicomFile *wf = lb_dicom_file_new (NULL);
      g_autofree char *ts = NULL;
      if (lb_dicom_file_read_path (wf, full, LB_DICOM_READ_STOP_BEFORE_PIXELS, NULL))
        ts = g_strdup (lb_dicom_file_get_transfer_syntax (wf));
      lb_dicom_file_free (wf);
      if (ts == NULL)
        continue;
      if (lb_dicom_codec_find (ts) == NULL)
        continue;
      Row row = { (char *) name, ts, "none", "fail" };
      g_autofree char *saved = corpus;
      corpus = g_strdup (wl);
      Case c;
      gboolean loaded = load_case (&row, &c);
      g_free (corpus);
      corpus = g_steal_pointer (&saved);
      if (!loaded)
        continue;
      const LbDicomCodec *codec = lb_dicom_codec_find (ts);
      size_t fsize = frame_size (&c.info), len;
      const uint8_t *src = g_bytes_get_data (c.frames->pdata[0], &len);
      uint8_t *dst = g_malloc (fsize);
      double times[11];
      gboolean ok = TRUE;
      for (int r = 0; r < 11 && ok; r++)
        {
          gint64 t0 = g_get_monotonic_time ();
          ok = codec->decode (src, len, &c.info, dst, fsize, NULL);
          times[r] = (double) (g_get_monotonic_time () - t0) / 1e6;
        }
      if (ok)
        {
          /* drop the warm-up run, take the median of the other ten */
          double *t = times + 1;
          for (int i = 0; i < 10; i++)
            for (int j = i + 1; j < 10; j++)
              if (t[j] < t[i])
                {
                  double x = t[i];
                  t[i] = t[j], t[j] = x;
                }
          double med = (t[4] + t[5]) / 2, mpx = (double) c.info.rows * c.info.columns / 1e6;
          g_test_minimized_result (med, "%s (%s): %.1f ms, %.1f Mpx/s", name, codec->name,
                                   med * 1e3, mpx / med);
          printf ("# %s (%s): %.1f ms, %.1f Mpx/s\n", name, codec->name, med * 1e3, mpx / med);
        }
      else
        printf ("# %s: decode failed\n", name);
      g_free (dst);
      case_clear (&c);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  corpus = g_strdup (g_getenv ("LB_CORPUS") ? g_getenv ("LB_CORPUS") : LB_CORPUS);
  tmp_root = g_dir_make_tmp ("lb-test-codec-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);

  g_test_add_func ("/codec/registry", test_registry);
  g_test_add_func ("/codec/rle", test_rle);
  g_test_add_func ("/codec/deflate", test_deflate);
  g_test_add_func ("/codec/htj2k-lossy-vs-lossless", test_htj2k_pair);

  g_autoptr (GPtrArray) rows = load_manifest ();
  if (rows->len == 0)
    g_test_message ("no corpus at %s: corpus tests not added", corpus);
  for (unsigned i = 0; i < rows->len; i++)
    {
      Row *r = rows->pdata[i];
      g_autofree char *name = g_strdup_printf ("/codec/corpus/%s", r->path);
      g_test_add_data_func (name, r, test_corpus_file);
    }
  if (rows->len > 0)
    for (size_t i = 0; i < G_N_ELEMENTS (corrupt_files); i++)
      {
        g_autofree char *name = g_strdup_printf ("/codec/corrupt/%s", corrupt_files[i]);
        g_test_add_data_func (name, corrupt_files[i], test_corrupt);
      }
  if (g_test_perf ())
    g_test_add_func ("/codec/perf", test_perf);

  int ret = g_test_run ();
  const char *rm[] = { "rm", "-rf", tmp_root, NULL };
  run (rm, NULL);
  g_free (tmp_root);
  g_free (corpus);
  return ret;
}
