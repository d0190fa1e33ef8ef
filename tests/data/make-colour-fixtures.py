#!/usr/bin/python3
"""Makes the colour fixtures in tests/data and their DCMTK references (issue 10 section 3).

JPEG (what the JPEG codec must do with a colour stream; the Photometric Interpretation decides).
Generated here with Pillow from one 48x32 test pattern; an RGB stream is made by handing Pillow
the R, G, B planes as if they were Y, Cb, Cr (so it stores them untransformed), then its JFIF
segment is dropped and the component ids are rewritten:
  jpeg-rgb-ids012.dcm      PI RGB, baseline 4:4:4, ids 0,1,2, no JFIF/Adobe marker
  jpeg-rgb-420-ids123.dcm  PI RGB, 4:2:0, ids 1,2,3, no marker (libjpeg guesses YCbCr for both)
  jpeg-rgb-jfif.dcm        PI RGB, ids 1,2,3 with a JFIF APP0 segment
  jpeg-rgb-adobe1.dcm      PI RGB, ids 0,1,2 with an Adobe APP14 segment saying transform 1
  jpeg-ybr-ids-rgb.dcm     PI YBR_FULL, a real YCbCr stream, ids 'R','G','B', no marker
                           (libjpeg guesses RGB)
  jpeg-ll-ybr-full.dcm     ybr-full-8.dcm below through dcmcjpeg +el: JPEG lossless, YBR_FULL,
                           the same samples (DCMTK shows it through libjpeg's arithmetic)
  jpeg-rgb-gdcm-420.dcm    pydicom's SC_rgb_jpeg_lossy_gdcm.dcm, unchanged (MIT, pydicom test
                           files): PI RGB, written by GDCM 2.6.3, 4:2:0, ids 1,2,3, no marker
Native YBR (DCMTK's arithmetic), all generated here from a seeded random generator:
  ybr-full-8.dcm, ybr-full-422-8.dcm, ybr-full-16.dcm
Each X.dcm gets X.ppm: what DCMTK 3.6.7 renders (dcmj2pnm / dcm2pnm; 16-bit as ASCII P3 via +opw).
The script also prints what GDCM (gdcmconv --raw) and pydicom give for the JPEG fixtures, to
show that the peers agree (run it by hand; the tests only read the outputs).
"""
import io
import os
import shutil
import subprocess
import sys

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import ExplicitVRLittleEndian, JPEGBaseline8Bit, generate_uid

HERE = os.path.dirname(os.path.abspath(__file__))
PYDICOM_FILES = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")


def out(name):
    return os.path.join(HERE, name)


def pattern():
    y, x = np.mgrid[0:32, 0:48]
    rgb = np.stack([x * 5, y * 8, 255 - x * 5], axis=2)
    rgb[4:12, 4:20] = [255, 0, 0]
    rgb[4:12, 24:40] = [0, 255, 0]
    rgb[18:28, 4:20] = [0, 0, 255]
    rgb[18:28, 24:40] = [250, 240, 20]
    return np.clip(rgb, 0, 255).astype(np.uint8)


def segments(stream):
    """(marker, start, end) of the segments before the first SOS."""
    i, out = 2, []
    while stream[i + 1] != 0xDA:
        n = stream[i + 2] << 8 | stream[i + 3]
        out.append((stream[i + 1], i, i + 2 + n))
        i += 2 + n
    return out, i


def jpeg(rgb, subsampling, ids, keep_jfif=False, insert=b"", untransformed=True):
    im = Image.fromarray(rgb, "RGB")
    if untransformed:
        im = Image.merge("YCbCr", im.split())   # Pillow stores YCbCr planes as they are
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, subsampling=subsampling)
    s = bytearray(buf.getvalue())
    segs, sos = segments(s)
    for m, a, _ in segs:
        if m in (0xC0, 0xC1):
            for k in range(3):
                s[a + 10 + 3 * k] = ids[k]
    for k in range(3):
        s[sos + 5 + 2 * k] = ids[k]
    app0 = [(a, e) for m, a, e in segs if m == 0xE0]
    if app0 and not keep_jfif:
        del s[app0[0][0]:app0[0][1]]
    return bytes(s[:2]) + insert + bytes(s[2:])


def encapsulated(name, pi, rgb, stream):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = pi
    ds.PlanarConfiguration = 0
    ds.Rows, ds.Columns = rgb.shape[0], rgb.shape[1]
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.LossyImageCompression = "01"
    ds.PixelData = encapsulate([stream])
    ds["PixelData"].VR = "OB"
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(out(name), write_like_original=False)


def native(name, pi, bits, arr):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = pi
    ds.PlanarConfiguration = 0
    ds.Rows, ds.Columns = arr.shape[0], arr.shape[1]
    ds.BitsAllocated = ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    if pi == "YBR_FULL_422":
        # Y1 Y2 Cb Cr per pair of pixels (PS3.3 C.7.6.3.1.2), chroma of the pair's first pixel
        y = arr[..., 0].reshape(arr.shape[0], -1, 2)
        cb = arr[:, 0::2, 1][..., None]
        cr = arr[:, 0::2, 2][..., None]
        data = np.concatenate([y, cb, cr], axis=2).astype(np.uint8)
    else:
        data = arr.astype(np.uint8 if bits == 8 else "<u2")
    ds.PixelData = data.tobytes()
    ds.save_as(out(name), write_like_original=False)


def ybr_samples(rng, rows, cols, top):
    a = rng.integers(0, top + 1, size=(rows, cols, 3))
    # the corners of the cube, where clamping and the rounding of negative terms show
    corners = np.array([[y, b, r] for y in (0, top) for b in (0, top) for r in (0, top)])
    a[0, :8] = corners
    a[1, :3] = [[0, top // 2 + 1, top // 2 + 1], [top, top // 2, top // 2], [top // 2] * 3]
    return a


def dcmtk_reference(name, tool, sixteen=False):
    args = [tool, "+opw" if sixteen else "+op", out(name), out(name[:-4] + ".ppm")]
    subprocess.run(args, check=True, capture_output=True)


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"P6":
        parts = data.split(maxsplit=4)
        w, h = int(parts[1]), int(parts[2])
        return np.frombuffer(parts[4][:w * h * 3], np.uint8).reshape(h, w, 3).astype(int)
    nums = data.split()
    w, h = int(nums[1]), int(nums[2])
    return np.array([int(v) for v in nums[4:4 + w * h * 3]]).reshape(h, w, 3)


def peers_agree(name):
    ref = read_ppm(out(name[:-4] + ".ppm"))
    raw = out("gdcm-raw.tmp.dcm")
    subprocess.run(["gdcmconv", "--raw", out(name), raw], check=True, capture_output=True)
    g = pydicom.dcmread(raw)
    os.unlink(raw)
    p = pydicom.dcmread(out(name))
    from pydicom.pixel_data_handlers.util import convert_color_space
    for who, ds in (("gdcm", g), ("pydicom", p)):
        try:
            arr = ds.pixel_array.astype(int)
        except Exception as e:   # Pillow cannot draft YCbCr from a stream it reads as RGB
            print(f"  {name}: {who} cannot decode it ({e})")
            continue
        if str(ds.PhotometricInterpretation).startswith("YBR"):
            arr = convert_color_space(arr.astype(np.uint8), ds.PhotometricInterpretation, "RGB")
        d = np.abs(arr.astype(int) - ref)
        print(f"  {name}: {who} ({ds.PhotometricInterpretation}) vs DCMTK: max diff {d.max()}")


def main():
    shutil.copy(os.path.join(PYDICOM_FILES, "SC_rgb_jpeg_lossy_gdcm.dcm"),
                out("jpeg-rgb-gdcm-420.dcm"))
    rgb = pattern()
    jfif = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    adobe1 = b"\xff\xee\x00\x0eAdobe\x00\x64\x00\x00\x00\x00\x01"
    encapsulated("jpeg-rgb-ids012.dcm", "RGB", rgb, jpeg(rgb, 0, (0, 1, 2)))
    encapsulated("jpeg-rgb-420-ids123.dcm", "RGB", rgb, jpeg(rgb, 2, (1, 2, 3)))
    encapsulated("jpeg-rgb-jfif.dcm", "RGB", rgb, jpeg(rgb, 0, (1, 2, 3), keep_jfif=True))
    encapsulated("jpeg-rgb-adobe1.dcm", "RGB", rgb, jpeg(rgb, 0, (0, 1, 2), insert=adobe1))
    encapsulated("jpeg-ybr-ids-rgb.dcm", "YBR_FULL", rgb,
                 jpeg(rgb, 0, (82, 71, 66), untransformed=False))
    for name in ("jpeg-rgb-ids012.dcm", "jpeg-rgb-420-ids123.dcm", "jpeg-rgb-jfif.dcm",
                 "jpeg-rgb-adobe1.dcm", "jpeg-ybr-ids-rgb.dcm", "jpeg-rgb-gdcm-420.dcm"):
        dcmtk_reference(name, "dcmj2pnm")
        peers_agree(name)

    rng = np.random.default_rng(10)
    native("ybr-full-8.dcm", "YBR_FULL", 8, ybr_samples(rng, 24, 32, 255))
    native("ybr-full-422-8.dcm", "YBR_FULL_422", 8, ybr_samples(rng, 24, 32, 255))
    native("ybr-full-16.dcm", "YBR_FULL", 16, ybr_samples(rng, 16, 16, 65535))
    dcmtk_reference("ybr-full-8.dcm", "dcm2pnm")
    dcmtk_reference("ybr-full-422-8.dcm", "dcm2pnm")
    dcmtk_reference("ybr-full-16.dcm", "dcm2pnm", sixteen=True)
    subprocess.run(["dcmcjpeg", "+el", out("ybr-full-8.dcm"), out("jpeg-ll-ybr-full.dcm")],
                   check=True, capture_output=True)
    dcmtk_reference("jpeg-ll-ybr-full.dcm", "dcmj2pnm")


if __name__ == "__main__":
    sys.exit(main())
