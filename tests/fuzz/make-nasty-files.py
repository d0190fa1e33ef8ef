#!/usr/bin/python3
"""Writes hand-made hostile DICOM files into a directory (tests/crashers/ in the repository):
each must be refused or shown without a crash, a hang, a leak or a sanitizer report by every
fuzz target's replay (meson test --suite fuzz) and by lightbox-cli.

Usage: make-nasty-files.py OUTPUT_DIR
"""
import os
import struct
import sys
import zlib

LONG_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR",
            b"UT", b"UV"}
UNDEFINED = 0xFFFFFFFF


def el(group, element, vr, value=b"", length=None):
    """Explicit VR little endian element; `length` overrides the real value length."""
    vr = vr.encode()
    if len(value) % 2 and vr != b"OB":
        value += b"\0" if vr == b"UI" else b" "
    n = len(value) if length is None else length
    head = struct.pack("<HH", group, element) + vr
    head += struct.pack("<HI", 0, n) if vr in LONG_VRS else struct.pack("<H", n)
    return head + value


def us(group, element, *values):
    return el(group, element, "US", b"".join(struct.pack("<H", v) for v in values))


def ul(group, element, *values):
    return el(group, element, "UL", b"".join(struct.pack("<I", v) for v in values))


def item(payload=b"", length=None):
    return struct.pack("<HHI", 0xFFFE, 0xE000, len(payload) if length is None else length) + payload


ITEM_END = struct.pack("<HHI", 0xFFFE, 0xE00D, 0)
SEQ_END = struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)


def part10(ts, dataset, sop_class="1.2.840.10008.5.1.4.1.1.7"):
    meta = (el(0x0002, 0x0001, "OB", b"\0\1") + el(0x0002, 0x0002, "UI", sop_class.encode())
            + el(0x0002, 0x0003, "UI", b"1.2.826.0.1.3680043.8.498.1")
            + el(0x0002, 0x0010, "UI", ts.encode()))
    meta = ul(0x0002, 0x0000, len(meta)) + meta
    return b"\0" * 128 + b"DICM" + meta + dataset


def image(rows, cols, bits=8, spp=1, photometric="MONOCHROME2", frames=None, signed=0,
          stored=None):
    d = us(0x0028, 0x0002, spp) + el(0x0028, 0x0004, "CS", photometric.encode())
    if frames is not None:
        d += el(0x0028, 0x0008, "IS", str(frames).encode())
    stored = bits if stored is None else stored
    d += (us(0x0028, 0x0010, rows) + us(0x0028, 0x0011, cols) + us(0x0028, 0x0100, bits)
          + us(0x0028, 0x0101, stored) + us(0x0028, 0x0102, stored - 1)
          + us(0x0028, 0x0103, signed))
    return d


def encapsulated(fragments, bot=b""):
    body = item(bot) + b"".join(item(f) for f in fragments) + SEQ_END
    return el(0x7FE0, 0x0010, "OB", b"", UNDEFINED) + body


EXPLICIT = "1.2.840.10008.1.2.1"
RLE = "1.2.840.10008.1.2.5"
JPEG_BASELINE = "1.2.840.10008.1.2.4.50"
JPEG_LOSSLESS = "1.2.840.10008.1.2.4.70"
J2K = "1.2.840.10008.1.2.4.90"
JPEGLS = "1.2.840.10008.1.2.4.80"
DEFLATED = "1.2.840.10008.1.2.1.99"


def nested(levels, closed):
    d = b""
    for _ in range(levels):
        d += el(0x0040, 0xA730, "SQ", b"", UNDEFINED) + item(b"", UNDEFINED)
    d += el(0x0040, 0xA040, "CS", b"TEXT")
    if closed:
        d += (ITEM_END + SEQ_END) * levels
    return d


def jpeg_sof(width, height, marker=0xC0, precision=8, components=1):
    sof = struct.pack(">BHHB", precision, height, width, components)
    for c in range(components):
        sof += bytes([c + 1, 0x11, 0])
    return b"\xff\xd8" + struct.pack(">BBH", 0xFF, marker, 2 + len(sof)) + sof


def files():
    out = {}
    # Nesting: 3000 levels, open and closed; items with lengths past their sequence.
    out["nest-3000-open.dcm"] = part10(EXPLICIT, nested(3000, False))
    out["nest-3000-closed.dcm"] = part10(EXPLICIT, nested(3000, True))
    inner = el(0x0008, 0x0100, "SH", b"CODE") + el(0x0040, 0xA730, "SQ", b"", UNDEFINED)
    out["item-longer-than-sequence.dcm"] = part10(
        EXPLICIT, el(0x0040, 0xA730, "SQ", item(inner, 0xFFFFFFF0), 24) + item(inner, 8))
    out["item-delimiters-without-items.dcm"] = part10(
        EXPLICIT, el(0x0040, 0xA730, "SQ", b"", UNDEFINED) + ITEM_END * 50 + SEQ_END * 3
        + el(0x0010, 0x0010, "PN", b"Doe^John"))
    # Item "loops": DICOMDIR records whose offsets point at themselves or each other.
    rec_a_at = 128 + 4 + 0  # patched below once the meta length is known
    def dicomdir(next_a, lower_a, next_b):
        rec_a = (ul(0x0004, 0x1400, next_a) + us(0x0004, 0x1410, 0xFFFF)
                 + ul(0x0004, 0x1420, lower_a) + el(0x0004, 0x1430, "CS", b"PATIENT")
                 + el(0x0010, 0x0010, "PN", b"Loop^Patient") + el(0x0010, 0x0020, "LO", b"L1"))
        rec_b = (ul(0x0004, 0x1400, next_b) + us(0x0004, 0x1410, 0xFFFF)
                 + ul(0x0004, 0x1420, 0) + el(0x0004, 0x1430, "CS", b"STUDY")
                 + el(0x0020, 0x000D, "UI", b"1.2.3") + el(0x0008, 0x0020, "DA", b"20240101"))
        return rec_a, rec_b
    for name, kind in (("dicomdir-self-loop.dcm", 0), ("dicomdir-two-record-loop.dcm", 1),
                       ("dicomdir-offsets-past-end.dcm", 2)):
        # Two passes: the first finds the offsets of the two items, the second writes them.
        offs = (0, 0)
        for _ in range(2):
            if kind == 0:
                rec_a, rec_b = dicomdir(offs[0], offs[0], offs[1])
            elif kind == 1:
                rec_a, rec_b = dicomdir(offs[1], offs[1], offs[0])
            else:
                rec_a, rec_b = dicomdir(0xFFFFFFF0, 0x7FFFFFFF, 0xFFFFFFFF)
            head = (el(0x0004, 0x1130, "CS", b"LOOP") + ul(0x0004, 0x1200, offs[0])
                    + ul(0x0004, 0x1202, offs[1]) + us(0x0004, 0x1212, 0)
                    + el(0x0004, 0x1220, "SQ", b"", UNDEFINED))
            data = part10(EXPLICIT, head, "1.2.840.10008.1.3.10")
            a_at = len(data)
            b_at = a_at + 8 + len(rec_a) + 8
            offs = (a_at, b_at)
        out[name] = data + item(rec_a, UNDEFINED) + ITEM_END + item(rec_b, UNDEFINED) + ITEM_END \
            + SEQ_END
    # Lengths: 0xFFFFFFF0 on a text, a sequence, a pixel data element and a group length.
    out["length-fffffff0-ut.dcm"] = part10(EXPLICIT, el(0x0008, 0x0060, "CS", b"OT")
                                           + el(0x0018, 0x9074, "UT", b"x" * 16, 0xFFFFFFF0))
    out["length-fffffff0-sq.dcm"] = part10(EXPLICIT, el(0x0040, 0xA730, "SQ", item(b""),
                                                        0xFFFFFFF0))
    out["length-fffffff0-pixels.dcm"] = part10(EXPLICIT, image(512, 512, 16)
                                               + el(0x7FE0, 0x0010, "OW", b"\0" * 64, 0xFFFFFFF0))
    out["length-fffffff0-item.dcm"] = part10(EXPLICIT, el(0x0040, 0xA730, "SQ", b"", UNDEFINED)
                                             + item(b"\0" * 16, 0xFFFFFFF0))
    # 1-bit frames of odd sizes: 3 x 5 x 3 frames (45 bits a frame, frames not byte-aligned),
    # exact, one byte short, and a single 1 x 1 frame.
    bits = bytes([0xA5, 0x3C, 0xFF, 0x01, 0x80, 0x55, 0xAA, 0x0F, 0xF0, 0x99, 0x66, 0x11,
                  0x22, 0x44, 0x88, 0x00, 0x7E])
    need = (3 * 5 * 3 + 7) // 8
    out["bits1-3x5x3-odd.dcm"] = part10(EXPLICIT, image(3, 5, 1, frames=3)
                                        + el(0x7FE0, 0x0010, "OB", bits[:need + (need & 1)]))
    out["bits1-3x5x3-short.dcm"] = part10(EXPLICIT, image(3, 5, 1, frames=3)
                                          + el(0x7FE0, 0x0010, "OB", bits[:need - 2]))
    out["bits1-1x1x7-mono1.dcm"] = part10(EXPLICIT, image(1, 1, 1, frames=7,
                                                          photometric="MONOCHROME1")
                                          + el(0x7FE0, 0x0010, "OB", b"\x5b\x00"))
    out["bits1-rgb.dcm"] = part10(EXPLICIT, image(3, 3, 1, spp=3, photometric="RGB")
                                  + el(0x7FE0, 0x0010, "OB", bits[:4]))
    # JPEG whose SOF declares huge (or zero) dimensions against a 16 x 16 dataset.
    for name, w, h, marker, p in (("jpeg-sof-65535x65535.dcm", 65535, 65535, 0xC0, 8),
                                  ("jpeg-sof-0x0.dcm", 0, 0, 0xC0, 8),
                                  ("jpeg-lossless-sof-65535x65535.dcm", 65535, 65535, 0xC3, 16),
                                  ("jpeg-ext12-sof-65535x1.dcm", 65535, 1, 0xC1, 12)):
        stream = jpeg_sof(w, h, marker, p) + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" \
            + b"\x12\x34" * 32 + b"\xff\xd9"
        out[name] = part10(JPEG_LOSSLESS if marker == 0xC3 else JPEG_BASELINE,
                           image(16, 16, 8 if p == 8 else 16, stored=p) + encapsulated([stream]))
    # JPEG with 255 components in SOF and a 16 x 16 dataset.
    out["jpeg-sof-255-components.dcm"] = part10(JPEG_BASELINE, image(16, 16) + encapsulated(
        [jpeg_sof(16, 16, 0xC0, 8, 255) + b"\xff\xd9"]))
    # RLE: offsets past the end, decreasing offsets, 15 segments for 1 sample, 0 segments.
    def rle_frame(n, offsets, tail=b"\x7f" + b"\x00" * 128):
        offs = list(offsets) + [0] * (15 - len(offsets))
        return struct.pack("<16I", n, *offs) + tail
    for name, frame in (("rle-offsets-past-end.dcm", rle_frame(2, [64, 0xFFFFFFF0])),
                        ("rle-offset-before-header.dcm", rle_frame(1, [8])),
                        ("rle-offsets-decreasing.dcm", rle_frame(2, [100, 64])),
                        ("rle-15-segments.dcm", rle_frame(15, [64 + i for i in range(15)])),
                        ("rle-zero-segments.dcm", rle_frame(0, [])),
                        ("rle-run-past-frame.dcm", rle_frame(1, [64], b"\x81\x55" * 40))):
        out[name] = part10(RLE, image(8, 8) + encapsulated([frame]))
    # J2K: SIZ with huge sizes, 16384 components, zero tile size, then nothing.
    def siz(xsiz, ysiz, xt, yt, comps):
        body = struct.pack(">HIIIIIIIIH", 0, xsiz, ysiz, 0, 0, xt, yt, 0, 0, comps)
        body += b"\x0f\x01\x01" * min(comps, 64)
        return b"\xff\x4f\xff\x51" + struct.pack(">H", 2 + len(body)) + body
    cod = b"\xff\x52\x00\x0c\x00\x00\x00\x01\x00\x05\x04\x04\x00\x01"
    qcd = b"\xff\x5c\x00\x04\x40\x00"
    for name, stream in (
            ("j2k-siz-huge.dcm", siz(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 1) + cod + qcd
             + b"\xff\xd9"),
            ("j2k-siz-16384-components.dcm", siz(16, 16, 16, 16, 16384) + cod + qcd + b"\xff\xd9"),
            ("j2k-siz-tiny-tiles.dcm", siz(65535, 65535, 1, 1, 1) + cod + qcd + b"\xff\xd9"),
            ("jp2-box-huge-length.dcm", struct.pack(">I4s", 12, b"jP  ") + b"\r\n\x87\n"
             + struct.pack(">I4s", 0xFFFFFFF0, b"jp2c") + siz(16, 16, 16, 16, 1))):
        out[name] = part10(J2K, image(16, 16, 16) + encapsulated([stream]))
    # Offset tables: a Basic Offset Table past the end, an Extended Offset Table with huge
    # values, and 2^31 - 1 frames declared for 1 fragment.
    out["bot-offsets-past-end.dcm"] = part10(
        JPEG_BASELINE, image(16, 16, frames=3)
        + encapsulated([jpeg_sof(16, 16) + b"\xff\xd9"] * 2,
                       struct.pack("<3I", 0, 0xFFFFFFF0, 0x7FFFFFFF)))
    out["eot-huge.dcm"] = part10(
        JPEG_BASELINE, image(16, 16, frames=2)
        + el(0x7FE0, 0x0001, "OV", struct.pack("<2Q", 0, 0xFFFFFFFFFFFFFFF0))
        + el(0x7FE0, 0x0002, "OV", struct.pack("<2Q", 0xFFFFFFFFFFFFFFFF, 16))
        + encapsulated([jpeg_sof(16, 16) + b"\xff\xd9"]))
    out["frames-2147483647.dcm"] = part10(
        JPEGLS, image(16, 16, frames=2147483647) + encapsulated([b"\xff\xd8\xff\xd9"]))
    out["native-frames-huge.dcm"] = part10(
        EXPLICIT, image(64, 64, 16, frames=4000000000) + el(0x7FE0, 0x0010, "OW", b"\0" * 8192))
    # Palette colour: descriptor of 65536 entries with 4 bytes of data, 0-bit entries, and a
    # segmented palette whose segments point backwards.
    pal = (image(4, 4, 8, photometric="PALETTE COLOR")
           + us(0x0028, 0x1101, 0, 0, 16) + us(0x0028, 0x1102, 0, 0, 0)
           + us(0x0028, 0x1103, 0xFFFF, 0x8000, 16)
           + el(0x0028, 0x1201, "OW", b"\xff\xff\0\0") + el(0x0028, 0x1202, "OW", b"")
           + el(0x0028, 0x1203, "OW", b"\1\0")
           + el(0x0028, 0x1221, "OW", struct.pack("<6H", 2, 0xFFFF, 0xFFFF, 1, 0, 0))
           + el(0x7FE0, 0x0010, "OB", bytes(range(16))))
    out["palette-short-and-zero-bits.dcm"] = part10(EXPLICIT, pal)
    # Modality and VOI LUTs with a descriptor that asks for more than they hold; NaN rescale.
    lut = (el(0x0028, 0x3002, "US", struct.pack("<3H", 0, 0x8000, 16))
           + el(0x0028, 0x3006, "OW", b"\1\0"))
    out["luts-short-nan-rescale.dcm"] = part10(
        EXPLICIT, image(4, 4, 16, signed=1, stored=12)
        + el(0x0028, 0x1050, "DS", b"NaN\\inf\\-1e308") + el(0x0028, 0x1051, "DS", b"0\\-5\\1e308")
        + el(0x0028, 0x1052, "DS", b"1e308") + el(0x0028, 0x1053, "DS", b"nan")
        + el(0x0028, 0x3000, "SQ", item(lut)) + el(0x0028, 0x3010, "SQ", item(lut) * 3)
        + el(0x7FE0, 0x0010, "OW", bytes(range(32))))
    # Deflated dataset that stops mid-stream, and one with trailing garbage.
    body = el(0x0010, 0x0010, "PN", b"Deflate^Cut") + image(8, 8) + el(0x7FE0, 0x0010, "OB",
                                                                       b"\x11" * 64)
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp = z.compress(body) + z.flush()
    out["deflate-cut.dcm"] = part10(DEFLATED, comp[:len(comp) // 2])
    out["deflate-trailing-garbage.dcm"] = part10(DEFLATED, comp + b"\xde\xad\xbe\xef" * 8)
    # JPEG-LS whose header asks for 65535 x 65535 x 4 components against 16 x 16.
    out["jpegls-sof-huge.dcm"] = part10(JPEGLS, image(16, 16, 16) + encapsulated(
        [b"\xff\xd8\xff\xf7\x00\x14\x10\xff\xff\xff\xff\x04" + b"\x01\x11\x00\x02\x11\x00"
         b"\x03\x11\x00\x04\x11\x00" + b"\xff\xd9"]))
    return out


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name, data in sorted(files().items()):
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        print("%s  %d bytes" % (name, len(data)))


if __name__ == "__main__":
    main()
