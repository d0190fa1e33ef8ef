/* lb-element-bytes.c: the bytes behind an element, as a student reads them in a hex editor.
 *
 * The bytes come from the parser's copy of the file, made when it was opened (LbDocument keeps
 * it): they are the bytes that were parsed, even if the file has changed on disk since. The
 * header is laid out as PS3.5 7.1 says: tag (group, element), then in explicit VR the two VR
 * letters and a 2-byte length, or for OB, OW, SQ, UN... (7.1.2) two reserved bytes and a
 * 4-byte length; in implicit VR a 4-byte length. For a deflated file the dataset's offsets
 * count in the inflated stream, which is said under the dump. */
#include "config.h"

#define G_LOG_DOMAIN "lb-element-bytes"

#include <glib/gi18n.h>

#include "lb-element-bytes.h"
#include "lb-paint-log.h"

#define BYTES_PER_LINE 8

struct _LbElementBytes
{
  GtkWidget parent_instance;

  GtkLabel *heading;
  GtkLabel *dump;
  char *text;
};

G_DEFINE_FINAL_TYPE (LbElementBytes, lb_element_bytes, GTK_TYPE_WIDGET)

/* Where the element's header and value lie in memory, and how they are laid out. */
typedef struct {
  const guint8 *header;  /* the tag's first byte */
  gsize header_len;      /* 8 or 12 */
  gsize available;       /* bytes from `header` on that are in the buffer */
  gboolean explicit_vr;
  gboolean big_endian;
  gboolean long_length;  /* explicit VR with reserved bytes and a 4-byte length */
} Layout;

static gboolean
is_meta (const LbDicomElement *el)
{
  return LB_DICOM_TAG_GROUP (lb_dicom_element_get_tag (el)) == 0x0002;
}

static guint32
load (const guint8 *p, gsize n, gboolean big_endian)
{
  guint32 v = 0;
  for (gsize i = 0; i < n; i++)
    v |= (guint32) p[big_endian ? n - 1 - i : i] << (8 * i);
  return v;
}

/* Whether the header at `h` (`len` bytes: 8 or 12) is this element's in explicit VR: its VR
 * letters name a VR, and the length field holds the element's length. The letters are the
 * file's, which may differ from the dictionary VR the parser gave the element (a "UN" in the
 * file for a known tag). */
static gboolean
is_explicit_header (const guint8 *h, gsize len, gboolean big_endian, guint32 length)
{
  LbDicomVR vr = lb_dicom_vr_from_chars ((char) h[4], (char) h[5]);

  if (vr == LB_DICOM_VR_NONE || lb_dicom_vr_has_long_length (vr) != (len == 12))
    return FALSE;
  if (len == 12)
    return h[6] == 0 && h[7] == 0 && load (h + 8, 4, big_endian) == length;
  return load (h + 6, 2, big_endian) == length;
}

static gboolean
is_tag (const guint8 *h, gboolean big_endian, uint32_t tag)
{
  return load (h, 2, big_endian) == LB_DICOM_TAG_GROUP (tag)
         && load (h + 2, 2, big_endian) == LB_DICOM_TAG_ELEMENT (tag);
}

/* Finds the header in the buffer the element was parsed from, and reads its layout from the
 * bytes themselves. In the parsed buffer (the inflated one for a deflated file's dataset) the
 * header starts at the element's offset and, when there is a value pointer, ends where the
 * value starts. The meta group of a deflated file is not in that buffer: its header is found
 * before its value, explicit VR little endian as PS3.10 7.1 says. */
static gboolean
find_layout (const LbDicomFile *file, const LbDicomElement *el, Layout *out)
{
  gsize base_len, value_len;
  const guint8 *base = lb_dicom_file_get_bytes (file, &base_len);
  const guint8 *value = lb_dicom_element_get_bytes (el, &value_len);
  guint64 offset = lb_dicom_element_get_offset (el);
  guint32 length = lb_dicom_element_get_length (el);
  uint32_t tag = lb_dicom_element_get_tag (el);
  gboolean in_base = !(is_meta (el) && lb_dicom_file_is_deflated (file));
  gboolean may_be_explicit = is_meta (el) || lb_dicom_file_is_explicit_vr (file);

  out->big_endian = lb_dicom_element_is_big_endian (el);
  if (in_base)
    {
      if (base == NULL || offset + 8 > base_len)
        return FALSE;
      out->header = base + offset;
      out->available = base_len - offset;
      if (value != NULL)
        {
          if (value < out->header + 8 || value > base + base_len)
            return FALSE;
          out->header_len = value - out->header;
          if (out->header_len != 8 && out->header_len != 12)
            return FALSE;
        }
      else
        out->header_len = out->available >= 12 && may_be_explicit
                          && is_explicit_header (out->header, 12, out->big_endian, length)
                          ? 12 : 8;
    }
  else
    {
      /* Meta elements always have a value pointer; a 12-byte header needs the offset room. */
      if (value == NULL)
        return FALSE;
      out->header_len = offset >= 4 && is_explicit_header (value - 12, 12, FALSE, length)
                        ? 12 : 8;
      out->header = value - out->header_len;
      out->available = out->header_len + value_len;
    }
  if (!is_tag (out->header, out->big_endian, tag))
    return FALSE;
  out->explicit_vr = may_be_explicit
                     && is_explicit_header (out->header, out->header_len, out->big_endian, length);
  out->long_length = out->explicit_vr && out->header_len == 12;
  return out->explicit_vr || out->header_len == 8;
}

static void
append_hex (GString *out, const guint8 *bytes, gsize n, gsize column_bytes)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (out, "%02x ", bytes[i]);
  for (gsize i = n; i < column_bytes; i++)
    g_string_append (out, "   ");
  g_string_append (out, " ");
}

static void
append_ascii (GString *out, const guint8 *bytes, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char) bytes[i] : '.');
}

/* One header field: its offset, its bytes, then what they mean. */
static void
append_field (GString *out, guint64 offset, const guint8 *bytes, gsize n, const char *meaning)
{
  g_string_append_printf (out, "%08" G_GINT64_MODIFIER "x  ", offset);
  append_hex (out, bytes, n, BYTES_PER_LINE);
  g_string_append_printf (out, "%s\n", meaning);
}


static void
append_header (GString *out, const Layout *l, guint64 offset, guint32 length)
{
  const guint8 *h = l->header;
  guint32 group = load (h, 2, l->big_endian), element = load (h + 2, 2, l->big_endian);
  g_autofree char *tag = g_strdup_printf (_("tag (%04X,%04X)"), group, element);

  append_field (out, offset, h, 4, tag);
  if (l->explicit_vr)
    {
      g_autofree char *vr = g_strdup_printf (_("VR %c%c"), h[4], h[5]);
      append_field (out, offset + 4, h + 4, 2, vr);
      if (l->long_length)
        append_field (out, offset + 6, h + 6, 2, _("reserved"));
    }
  gsize at = l->explicit_vr ? (l->long_length ? 8 : 6) : 4;
  gsize size = l->header_len - at;
  g_autofree char *len = length == LB_DICOM_UNDEFINED_LENGTH
                         ? g_strdup (_("length undefined (ends at a delimiter)"))
                         : g_strdup_printf (_("length %u"), length);
  append_field (out, offset + at, h + at, size, len);
}

static void
append_value (GString *out, const Layout *l, guint64 offset, guint32 length)
{
  gsize have = l->available > l->header_len ? l->available - l->header_len : 0;
  gsize value_len = length == LB_DICOM_UNDEFINED_LENGTH ? 0 : MIN ((gsize) length, have);
  gsize shown = MIN (value_len, (gsize) LB_ELEMENT_BYTES_MAX_VALUE);
  const guint8 *v = l->header + l->header_len;

  for (gsize i = 0; i < shown; i += BYTES_PER_LINE)
    {
      gsize n = MIN ((gsize) BYTES_PER_LINE, shown - i);
      g_string_append_printf (out, "%08" G_GINT64_MODIFIER "x  ", offset + l->header_len + i);
      append_hex (out, v + i, n, BYTES_PER_LINE);
      append_ascii (out, v + i, n);
      g_string_append_c (out, '\n');
    }
  if (value_len > shown)
    /* Translators: after the first bytes of a long value: how many are not shown */
    {
      g_string_append_printf (out, _("… (%lu more)"), (unsigned long) (value_len - shown));
      g_string_append_c (out, '\n');
    }
}

char *
lb_element_bytes_format (const LbDicomFile *file, const LbDicomElement *el)
{
  GString *out = g_string_new (NULL);
  guint64 offset = lb_dicom_element_get_offset (el);
  guint32 length = lb_dicom_element_get_length (el);
  Layout l;

  if (!find_layout (file, el, &l))
    {
      g_string_append (out, _("The bytes of this element are not kept."));
      return g_string_free (out, FALSE);
    }
  /* Translators: above the bytes: the element's offset in decimal and hex, the byte order and
   * the VR encoding, e.g. "offset 378 (0x17a) · little endian · explicit VR" */
  g_string_append_printf (out, _("offset %llu (0x%llx) · %s · %s"), (unsigned long long) offset,
                          (unsigned long long) offset,
                          l.big_endian ? _("big endian") : _("little endian"),
                          l.explicit_vr ? _("explicit VR") : _("implicit VR"));
  g_string_append_c (out, '\n');
  append_header (out, &l, offset, length);
  if (lb_dicom_element_is_sequence (el))
    g_string_append_printf (out, _("then %lu items (open the row to see their elements)"),
                            (unsigned long) lb_dicom_element_get_item_count (el));
  else if (lb_dicom_element_is_encapsulated (el))
    g_string_append_printf (out, _("then %lu fragments of compressed pixel data"),
                            (unsigned long) lb_dicom_element_get_fragment_count (el));
  else
    append_value (out, &l, offset, length);
  if (lb_dicom_element_is_sequence (el) || lb_dicom_element_is_encapsulated (el))
    g_string_append_c (out, '\n');
  if (lb_dicom_file_is_deflated (file) && !is_meta (el))
    {
      g_string_append (out, _("Deflated file: offsets count in the inflated dataset."));
      g_string_append_c (out, '\n');
    }
  g_string_append (out, _("Bytes as read when the file was opened."));
  return g_string_free (out, FALSE);
}

void
lb_element_bytes_set_element (LbElementBytes       *self,
                              LbDocument           *document,
                              const LbDicomElement *element)
{
  g_return_if_fail (LB_IS_ELEMENT_BYTES (self));

  g_clear_pointer (&self->text, g_free);
  if (document == NULL || element == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  uint32_t tag = lb_dicom_element_get_tag (element);
  g_autofree char *heading =
    g_strdup_printf (_("Bytes of (%04X,%04X) %s"), LB_DICOM_TAG_GROUP (tag),
                     LB_DICOM_TAG_ELEMENT (tag), lb_dicom_vr_name (lb_dicom_element_get_vr (element)));
  g_autofree char *dump = lb_element_bytes_format (lb_document_get_dicom (document), element);

  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->dump, dump);
  self->text = g_strdup_printf ("%s\n%s", heading, dump);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  /* For the GUI tests (G_MESSAGES_DEBUG=lb-element-bytes): the dump is on screen. */
  if (lb_paint_log_enabled (G_LOG_DOMAIN))
    lb_paint_log_note (GTK_WIDGET (self), G_LOG_DOMAIN, heading);
}

const char *
lb_element_bytes_get_text (LbElementBytes *self)
{
  return self->text != NULL ? self->text : "";
}

static void
lb_element_bytes_dispose (GObject *object)
{
  LbElementBytes *self = LB_ELEMENT_BYTES (object);

  GtkWidget *child;

  g_clear_pointer (&self->text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_ELEMENT_BYTES);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_element_bytes_parent_class)->dispose (object);
}

static void
lb_element_bytes_class_init (LbElementBytesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lb_element_bytes_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/lightboxviewer/Lightbox/lb-element-bytes.ui");
  gtk_widget_class_bind_template_child (widget_class, LbElementBytes, heading);
  gtk_widget_class_bind_template_child (widget_class, LbElementBytes, dump);
}

static void
lb_element_bytes_init (LbElementBytes *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Element bytes"), -1);
}

GtkWidget *
lb_element_bytes_new (void)
{
  return g_object_new (LB_TYPE_ELEMENT_BYTES, NULL);
}
