#!/usr/bin/python3
"""Writes seeds for the codec fuzz target (fuzz-codec.c): the first compressed frame of corpus
files, one file per (codec, source file), each prefixed with the 5-byte header fuzz-codec.c
reads (codec selector, rows - 1, columns - 1, format bits, BitsStored - 1).

Only frames of at most 256 x 256 pixels fit the header; codecs with few of them also get one or
two larger frames, with rows and columns clamped (the decoder first meets a size mismatch, but
the fuzzer can shrink the stream's own header to match). The corpus has no Deflated Image Frame
Compression file, so deflate seeds are made here from a synthetic gradient.

Usage: make-codec-seeds.py CORPUS_DIR OUTPUT_DIR [PER_CODEC]
"""
import os
import struct
import sys
import zlib

import pydicom
from pydicom.encaps import generate_pixel_data_frame

CODECS = ["rle", "deflate", "jpeg8", "jpeg-lossless", "jpeg-ext12", "jpegls", "j2k"]
BITS = {8: 0, 16: 1, 1: 2, 32: 3}
PHOTOMETRIC = ["MONOCHROME2", "MONOCHROME1", "RGB", "YBR_FULL", "YBR_FULL_422",
               "YBR_PARTIAL_420", "YBR_ICT", "YBR_RCT"]


def jpeg_sof(frame):
    """(marker, precision) of the first SOF segment of a JPEG stream, or (None, None)."""
    i = 2
    while i + 4 <= len(frame):
        if frame[i] != 0xFF:
            i += 1
            continue
        marker = frame[i + 1]
        if marker in (0xFF, 0x01) or 0xD0 <= marker <= 0xD8:
            i += 2 if marker != 0xFF else 1
            continue
        length = struct.unpack(">H", frame[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return marker, frame[i + 4] if i + 4 < len(frame) else None
        i += 2 + length
    return None, None


def codec_of(ts, frame):
    if ts == "1.2.840.10008.1.2.5":
        return 0
    if ts == "1.2.840.10008.1.2.8.1":
        return 1
    if ts in ("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"):
        return 5
    if ts.startswith("1.2.840.10008.1.2.4.9") or ts.startswith("1.2.840.10008.1.2.4.20"):
        return 6
    if ts.startswith("1.2.840.10008.1.2.4."):
        marker, precision = jpeg_sof(frame)
        if marker in (0xC3, 0xC7):
            return 3
        if marker in (0xC1, 0xC2) and precision == 12:
            return 4
        if marker is not None:
            return 2
    return None


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    per_codec = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    os.makedirs(out, exist_ok=True)
    found = {}   # codec -> [(pixels, name, bytes)]
    for root, _, names in os.walk(corpus):
        for name in sorted(names):
            path = os.path.join(root, name)
            try:
                ds = pydicom.dcmread(path)
                ts = str(ds.file_meta.TransferSyntaxUID)
                if not ds.file_meta.TransferSyntaxUID.is_encapsulated:
                    continue
                nframes = int(getattr(ds, "NumberOfFrames", 1) or 1)
                frame = next(generate_pixel_data_frame(ds.PixelData, nframes))
                rows, cols = int(ds.Rows), int(ds.Columns)
                bits = int(ds.BitsAllocated)
                spp = int(ds.SamplesPerPixel)
            except Exception:   # not DICOM, no pixels, odd encapsulation: not a seed
                continue
            codec = codec_of(ts, frame)
            if codec is None or bits not in BITS:
                continue
            pi = str(getattr(ds, "PhotometricInterpretation", "MONOCHROME2")).strip()
            fmt = (BITS[bits] | (4 if spp == 3 else 0)
                   | (8 if int(getattr(ds, "PixelRepresentation", 0)) else 0)
                   | (16 if int(getattr(ds, "PlanarConfiguration", 0) or 0) else 0)
                   | (PHOTOMETRIC.index(pi) << 5 if pi in PHOTOMETRIC else 0))
            stored = int(getattr(ds, "BitsStored", bits))
            header = bytes([codec, min(rows, 256) - 1, min(cols, 256) - 1, fmt,
                            (stored - 1) % bits])
            rel = os.path.relpath(path, corpus).replace(os.sep, "_")
            found.setdefault(codec, []).append((rows * cols, rows <= 256 and cols <= 256, rel,
                                                header + bytes(frame)))
    for codec, seeds in sorted(found.items()):
        small = [s for s in seeds if s[1]]
        large = [s for s in seeds if not s[1]]
        chosen = sorted(small)[:per_codec] + sorted(large)[:max(1, per_codec - len(small)) // 2]
        for _, _, rel, data in chosen:
            target = os.path.join(out, "%s-%s" % (CODECS[codec], rel))
            with open(target, "wb") as f:
                f.write(data)
            print("%s  %d bytes" % (target, len(data)))
    # Deflated Image Frame Compression: raw deflate of the native frame (8-bit grey 16 x 16,
    # 16-bit grey 7 x 5, 1-bit 9 x 3 packed).
    for name, header, raw in (
            ("gradient8", bytes([1, 15, 15, 0, 7]), bytes(range(256))),
            ("gradient16", bytes([1, 4, 6, 1, 11]), b"".join(struct.pack("<H", i * 97)
                                                           for i in range(35))),
            ("bits1", bytes([1, 2, 8, 2, 0]), bytes([0xA5, 0x5A, 0xFF, 0x00]))):
        z = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = header + z.compress(raw) + z.flush()
        found.setdefault(1, [])
        target = os.path.join(out, "deflate-%s" % name)
        with open(target, "wb") as f:
            f.write(data)
        print("%s  %d bytes" % (target, len(data)))
    missing = [CODECS[c] for c in range(len(CODECS)) if c not in found]
    if missing:
        print("no corpus frame for: " + ", ".join(missing), file=sys.stderr)


if __name__ == "__main__":
    main()
