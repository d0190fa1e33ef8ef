#!/usr/bin/python3
"""Every frame Lightbox decodes must equal pydicom's pixel_array (TAP output).

Runs tests/pixel-dump (lb_dicom_file_decode_frame) on each corpus file that pydicom can decode
and compares stored values exactly. Colour: pydicom's YBR arrays (it leaves them in YBR) are
converted with DCMTK's arithmetic, which Lightbox follows (src/dicom/dicom-ybr.c): dcmimage's
for native and non-JPEG data, libjpeg's for the JPEG syntaxes; compared exactly. PALETTE COLOR
with apply_color_lut. Files pydicom cannot decode (no handler for the syntax) are skipped.

Usage: test-pixel-pydicom.py PIXEL_DUMP CORPUS_DIR [FILTER]
  FILTER "native" (default) checks uncompressed syntaxes; "all" checks every file pydicom reads.
"""
import os
import subprocess
import sys
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_color_lut

import tap  # tests/tap.py, beside this script
import testfiles  # tests/testfiles.py, beside this script

warnings.filterwarnings("ignore")

NATIVE = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2",
          "1.2.840.10008.1.2.1.99"}
# Files where pydicom and GDCM disagree and we follow GDCM, with the reason.
DISAGREE = {
    "pylibjpeg-data/JPEG2000Lossless/TOSHIBA_J2K_SIZ1_PixRep0.dcm":
        "J2K codestream signed, PixelRepresentation 0: pydicom adds 2^15, GDCM (gdcmconv --raw) "
        "keeps the bit pattern, as we do",
}
TYPES = {"u8": np.uint8, "i8": np.int8, "u16": np.uint16, "i16": np.int16, "u32": np.uint32,
         "i32": np.int32, "f32": np.float32, "f64": np.float64}


def lightbox_frames(dump, path):
    out = subprocess.run([dump, path], capture_output=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode(errors="replace").strip())
    data, frames, pos = out.stdout, [], 0
    while pos < len(data):
        nl = data.index(b"\n", pos)
        _, _, w, h, s, t, mn, mx = data[pos:nl].decode().split()
        w, h, s = int(w), int(h), int(s)
        dt = np.dtype(TYPES[t])
        n = w * h * s * dt.itemsize
        arr = np.frombuffer(data[nl + 1:nl + 1 + n], dtype=dt).reshape((h, w, s) if s > 1 else (h, w))
        frames.append((arr, float(mn), float(mx)))
        pos = nl + 1 + n
    return frames


JPEG_SYNTAXES = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                 "1.2.840.10008.1.2.4.70"}


def ybr_like_dcmimage(arr, pi, bits):
    """DCMTK's dcmimage (diybrpxt.h, diyf2pxt.h): 8-bit YBR_FULL through tables of truncated
    terms, anything else in double with the sum truncated; max = 2^bits - 1."""
    top = (1 << bits) - 1
    y, cb, cr = (arr[..., k].astype(np.int64) for k in range(3))
    if pi == "YBR_FULL" and bits == 8 and arr.dtype == np.uint8:
        lv = np.arange(256.0)
        t = [np.trunc(1.4020 * lv - 0.7010 * top), np.trunc(0.3441 * lv),
             np.trunc(0.7141 * lv - 0.5291 * top), np.trunc(1.7720 * lv - 0.8859 * top)]
        rgb = np.stack([y + t[0][cr], y - t[1][cb] - t[2][cr], y + t[3][cb]], axis=-1)
    else:
        y, cb, cr = y.astype(float), cb.astype(float), cr.astype(float)
        rgb = np.trunc(np.stack([y + 1.4020 * cr - 0.7010 * top,
                                 y - 0.3441 * cb - 0.7141 * cr + 0.5291 * top,
                                 y + 1.7720 * cb - 0.8859 * top], axis=-1))
    return np.clip(rgb, 0, top).astype(arr.dtype)


def ybr_like_libjpeg(arr, bits):
    """libjpeg's JFIF fixed point (what DCMTK's JPEG decoder converts with)."""
    top, centre = (1 << bits) - 1, 1 << (bits - 1)
    y = arr[..., 0].astype(np.int64)
    cb, cr = arr[..., 1].astype(np.int64) - centre, arr[..., 2].astype(np.int64) - centre
    half = 1 << 15
    rgb = np.stack([y + ((91881 * cr + half) >> 16),
                    y + ((-22554 * cb - 46802 * cr + half) >> 16),
                    y + ((116130 * cb + half) >> 16)], axis=-1)
    return np.clip(rgb, 0, top).astype(arr.dtype)


def reference(ds):
    arr = ds.pixel_array
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    spp = int(getattr(ds, "SamplesPerPixel", 1))
    if frames == 1:
        arr = arr[np.newaxis]
    pi = str(getattr(ds, "PhotometricInterpretation", "")).strip()
    tol = 0
    if (not ds.is_little_endian and int(ds.BitsAllocated) == 8 and "PixelData" in ds
            and ds["PixelData"].VR == "OW"):
        # Big-endian OW swaps each 16-bit word, 8-bit samples included (PS3.5 7.3); pydicom 2.3
        # does not undo it for 8-bit data (OBXXXX1A_expb), DCMTK does: swap the pairs back.
        flat = arr.reshape(-1).copy()
        flat[0:len(flat) - 1:2], flat[1::2] = flat[1::2], flat[0:len(flat) - 1:2].copy()
        arr = flat.reshape(arr.shape)
    if int(ds.BitsAllocated) == 1:
        arr = (arr != 0).astype(np.uint8)   # pydicom's J2K path gives 0/128 for 1-bit data
    if pi in ("YBR_FULL", "YBR_FULL_422") and spp == 3:
        # pydicom leaves YBR alone; convert as DCMTK does, and as Lightbox does.
        bits = int(getattr(ds, "BitsStored", 8))
        if str(ds.file_meta.TransferSyntaxUID) in JPEG_SYNTAXES:
            arr = ybr_like_libjpeg(arr, bits)
        else:
            arr = ybr_like_dcmimage(arr, pi, bits)
    elif pi == "PALETTE COLOR":
        if not ds.is_little_endian:
            # pydicom 2.3 reads big-endian LUT data as little endian (OBXXXX1A_expb gives a
            # palette 256 times too small); hand it the words in the order it expects.
            for kw in ("Red", "Green", "Blue"):
                for form in ("%sPaletteColorLookupTableData", "Segmented%sPaletteColorLookupTableData"):
                    name = form % kw
                    if name in ds:
                        v = bytearray(ds[name].value)
                        v[0::2], v[1::2] = v[1::2], v[0::2]
                        ds[name].value = bytes(v)
        arr = np.stack([apply_color_lut(a, ds) for a in arr])
    bits_alloc = int(getattr(ds, "BitsAllocated", 0) or 0)
    bits_stored = int(getattr(ds, "BitsStored", bits_alloc) or bits_alloc)
    if (arr.dtype.kind == "i" and bits_stored < bits_alloc and
            int(getattr(ds, "PixelRepresentation", 0)) == 1):
        # PS3.5 8.1.1: bits above HighBit are not part of the value. pydicom 2.3 keeps them
        # when a file fills them inconsistently (mlut_18: 0x0FAD reads as 4013, not -83);
        # apply the standard's masking and sign extension to the reference.
        mask, sign = (1 << bits_stored) - 1, 1 << (bits_stored - 1)
        a64 = arr.astype(np.int64) & mask
        arr = ((a64 ^ sign) - sign).astype(arr.dtype)
    return arr, tol


def main():
    dump, corpus = sys.argv[1], sys.argv[2]
    which = sys.argv[3] if len(sys.argv) > 3 else "native"
    if not os.path.isdir(corpus):
        testfiles.skip_without_corpus("pixel-pydicom", corpus)
    files = []
    for root, _, names in os.walk(corpus):
        for n in sorted(names):
            if n.endswith(".dcm") or "IMAGES" in root:
                files.append(os.path.join(root, n))
    files.sort()
    results = []
    for path in files:
        rel = os.path.relpath(path, corpus)
        if rel in DISAGREE:
            results.append((rel, None, DISAGREE[rel]))
            continue
        try:
            ds = pydicom.dcmread(path, force=True)
            if "TransferSyntaxUID" not in ds.file_meta:
                # No file meta (OT-PAL-8-face): the parser infers implicit VR LE; tell pydicom.
                ds.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian
            ts = str(ds.file_meta.TransferSyntaxUID) if "TransferSyntaxUID" in ds.file_meta else ""
            if not any(t in ds for t in ("PixelData", "FloatPixelData", "DoubleFloatPixelData")):
                continue
            if which == "native" and ts and ts not in NATIVE:
                continue
            ref, tol = reference(ds)
        except Exception as e:  # pydicom cannot decode: nothing to compare against
            results.append((rel, None, f"pydicom cannot decode: {type(e).__name__}"))
            continue
        try:
            got = lightbox_frames(dump, path)
        except Exception as e:
            results.append((rel, False, f"lightbox failed: {e}"))
            continue
        if len(got) != len(ref):
            results.append((rel, False, f"{len(got)} frames, pydicom {len(ref)}"))
            continue
        problem = None
        for i, ((a, mn, mx), r) in enumerate(zip(got, ref)):
            r = np.asarray(r)
            if a.shape != r.shape:
                problem = f"frame {i + 1}: shape {a.shape} vs {r.shape}"
                break
            if a.dtype.kind == "f":
                ok = np.array_equal(a, r.astype(a.dtype), equal_nan=True)
            else:
                d = np.abs(a.astype(np.int64) - r.astype(np.int64))
                ok = d.max() <= tol
            if not ok:
                problem = f"frame {i + 1}: values differ (max diff {np.abs(a.astype(float) - r.astype(float)).max()})"
                break
            fin = a[np.isfinite(a)] if a.dtype.kind == "f" else a
            if fin.size and (mn != float(fin.min()) or mx != float(fin.max())):
                problem = f"frame {i + 1}: min/max {mn}/{mx} vs {fin.min()}/{fin.max()}"
                break
        results.append((rel, problem is None, problem or f"{len(got)} frame(s) equal"))

    return tap.report(results)


if __name__ == "__main__":
    sys.exit(main())
