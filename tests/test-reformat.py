#!/usr/bin/python3
"""lightbox-cli reformat (issue 16 §4) against a numpy reformat of the same series read with
pydicom: exact for planes through voxel centres without resampling, within 1 HU for 99 % of the
pixels when resampled; slabs (mip, minip, mean); the Patient Orientation text chunks; the
refusals (mixed orientation, irregular spacing naming the slices, gantry tilt, the memory bound,
a position outside). Series: the phantom (24 slices, 10 mm apart: sagittal and coronal are
resampled), a dense series written here with pydicom (1 mm voxels: nothing is resampled), an
enhanced multi-frame CT written here (per-frame positions, frames shuffled), a series turned 30
degrees (the oblique path), and
with the shared corpus its enhanced CT (per-frame positions, row direction towards the right).
Run by meson with LB_CLI set; 'corpus' as argument runs only the corpus part (skips without it)."""
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testfiles  # noqa: E402

CLI = os.environ.get("LB_CLI", "lightbox-cli")
failures = []

# Plane axes in patient LPS: (normal, right, down), as in src/volume/lb-volume.h.
AXES = {
    "axial": ((0, 0, 1), (1, 0, 0), (0, 1, 0)),
    "sagittal": ((1, 0, 0), (0, 1, 0), (0, 0, -1)),
    "coronal": ((0, 1, 0), (1, 0, 0), (0, 0, -1)),
}
ORIENTATION = {"axial": "L\\P", "sagittal": "P\\F", "coronal": "L\\F"}


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def cli(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, LC_ALL="C", LANGUAGE=""))


def reformat16(tmp, name, source, plane, pos, *extra):
    """`reformat` of `source` into tmp/name as a 16-bit PNG of modality values: (the values, or
    None when the CLI failed; its stderr; the PNG's path)."""
    out = os.path.join(tmp, name)
    r = cli("reformat", "--plane", plane, "--position", str(pos), *extra, "--bits", "16",
            "--modality", source, "-o", out)
    return (png16(out) - 32768 if r.returncode == 0 else None), r.stderr.strip(), out


def png_texts(path):
    return dict(Image.open(path).text)


def png16(path):
    return np.asarray(Image.open(path)).astype(np.int64)


class Series:
    """A series read with pydicom: the volume V[k, j, i] (modality values) sorted along the
    normal, and its geometry."""

    def __init__(self, paths):
        slices = []
        for path in paths:
            ds = pydicom.dcmread(path)
            arr = ds.pixel_array.astype(np.float64)
            if "PerFrameFunctionalGroupsSequence" in ds:
                shared = ds.SharedFunctionalGroupsSequence[0]
                iop = [float(v) for v in shared.PlaneOrientationSequence[0].ImageOrientationPatient]
                ps = [float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing]
                pvt = shared.PixelValueTransformationSequence[0]
                slope, icpt = float(pvt.RescaleSlope), float(pvt.RescaleIntercept)
                for f, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
                    ipp = [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient]
                    slices.append((ipp, arr[f] * slope + icpt))
            else:
                iop = [float(v) for v in ds.ImageOrientationPatient]
                ps = [float(v) for v in ds.PixelSpacing]
                slope = float(getattr(ds, "RescaleSlope", 1))
                icpt = float(getattr(ds, "RescaleIntercept", 0))
                slices.append(([float(v) for v in ds.ImagePositionPatient], arr * slope + icpt))
        self.row = np.array(iop[:3])
        self.col = np.array(iop[3:])
        self.normal = np.cross(self.row, self.col)
        slices.sort(key=lambda s: float(np.dot(s[0], self.normal)))
        self.origin = np.array(slices[0][0])
        d = [float(np.dot(s[0], self.normal)) for s in slices]
        self.spacing = np.array([ps[1], ps[0], (d[-1] - d[0]) / (len(d) - 1)])
        self.V = np.stack([s[1] for s in slices])          # [k, j, i]
        self.affine = np.column_stack([self.row * self.spacing[0], self.col * self.spacing[1],
                                       self.normal * self.spacing[2]])

    def corners(self):
        nz, ny, nx = self.V.shape
        return [self.origin + self.affine @ np.array([i, j, k])
                for i in (0, nx - 1) for j in (0, ny - 1) for k in (0, nz - 1)]

    def plane_grid(self, plane, pixel):
        """Patient points of the output pixel centres (h, w, 3) at position 0 along the normal."""
        normal, right, down = (np.array(a, float) for a in AXES[plane])
        pts = self.corners()
        r = [float(np.dot(p, right)) for p in pts]
        dn = [float(np.dot(p, down)) for p in pts]
        w = int(np.floor((max(r) - min(r)) / pixel + 1e-6)) + 1
        h = int(np.floor((max(dn) - min(dn)) / pixel + 1e-6)) + 1
        xs = min(r) + pixel * np.arange(w)
        ys = min(dn) + pixel * np.arange(h)
        return (xs[None, :, None] * right + ys[:, None, None] * down), normal

    def sample(self, points):
        """Trilinear modality values at patient points (..., 3); NaN outside."""
        ijk = np.linalg.solve(self.affine, (points - self.origin).reshape(-1, 3).T).T
        nz, ny, nx = self.V.shape
        size = np.array([nx, ny, nz])
        inside = np.all((ijk >= -1e-6) & (ijk <= size - 1 + 1e-6), axis=1)
        ijk = np.clip(ijk, 0, size - 1)
        i0 = np.minimum(np.floor(ijk).astype(int), size - 2)
        t = ijk - i0
        out = np.zeros(len(ijk))
        for c in range(8):
            o = np.array([c & 1, (c >> 1) & 1, (c >> 2) & 1])
            wgt = np.prod(np.where(o, t, 1 - t), axis=1)
            idx = i0 + o
            out += wgt * self.V[idx[:, 2], idx[:, 1], idx[:, 0]]
        out[~inside] = np.nan
        return out.reshape(points.shape[:-1])

    def reformat(self, plane, position, pixel):
        grid, normal = self.plane_grid(plane, pixel)
        return self.sample(grid + position * normal)


def write_dense_series(folder, n=40, size=48, tweak=None):
    """A CT series of n slices of size x size, 1 mm voxels, unsigned 12-bit with intercept
    -1024, written in shuffled order with names that do not sort by position. tweak(index, ds)
    may change a slice. Returns the HU volume [k, j, i] in position order."""
    rng = np.random.default_rng(16)
    k, j, i = np.mgrid[0:n, 0:size, 0:size]
    hu = (400 * np.sin(i / 5.0) * np.cos(j / 7.0) + 300 * np.cos(k / 4.0) + 5 * i - 3 * j + 7 * k
          + rng.integers(-40, 40, size=(n, size, size))).astype(np.int64)
    series_uid, study_uid, frame_uid = generate_uid(), generate_uid(), generate_uid()
    order = rng.permutation(n)
    os.makedirs(folder, exist_ok=True)
    for file_index, s in enumerate(order):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study_uid, series_uid, frame_uid
        ds.Modality = "CT"
        ds.PatientName = "Dense^Series"
        ds.InstanceNumber = int(s) + 1
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.ImagePositionPatient = [-24.0, -20.0, -10.0 + float(s)]
        ds.PixelSpacing = [1.0, 1.0]
        ds.SliceThickness = 3.0          # deliberately not the spacing: positions decide
        ds.Rows = ds.Columns = size
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
        ds.PixelData = (hu[s] + 1024).astype(np.uint16).tobytes()
        if tweak is not None:
            tweak(int(s), ds)
        ds.save_as(os.path.join(folder, f"im{file_index:03d}.dcm"), write_like_original=False)
    return hu


def dense_tests(tmp):
    folder = os.path.join(tmp, "dense")
    hu = write_dense_series(folder)
    n, size = hu.shape[0], hu.shape[1]
    series = Series([os.path.join(folder, f) for f in sorted(os.listdir(folder))])
    check(np.array_equal(series.V, hu), "pydicom reads the dense series back")

    def run16(name, *args):
        out = os.path.join(tmp, name)
        r = cli("reformat", *args, "--bits", "16", "--modality", folder, "-o", out)
        ok = r.returncode == 0
        check(ok, f"reformat {' '.join(args)} exits 0 ({r.stderr.strip()})")
        return (png16(out) - 32768 if ok else None), out

    # Through voxel centres with equal spacings: exact, one pixel per voxel, with the flips of the
    # conventions (sagittal: anterior left, head up; coronal: right left, head up).
    col, row, k = 17, 29, 23
    x_mm, y_mm, z_mm = -24.0 + col, -20.0 + row, -10.0 + k
    expected = {
        ("axial", z_mm): hu[k],
        ("sagittal", x_mm): hu[::-1, :, col],
        ("coronal", y_mm): hu[::-1, row, :],
    }
    for (plane, pos), want in expected.items():
        got, out = run16(f"{plane}.png", "--plane", plane, "--position", str(pos))
        if got is None:
            continue
        check(got.shape == want.shape and np.array_equal(got, want),
              f"dense {plane} at {pos} mm equals the numpy slice exactly "
              f"(shape {got.shape} vs {want.shape})")
        texts = png_texts(out)
        check(texts.get("PatientOrientation") == ORIENTATION[plane],
              f"{plane}: PatientOrientation text {texts.get('PatientOrientation')!r}")
        check(texts.get("Offset") == "32768", f"{plane}: 16-bit modality offset 32768 stated")

    # Slabs of 5 mm: the planes whose centres lie within +-2.5 mm, here 5 of them.
    block = hu[::-1, :, col - 2:col + 3]
    for mode, fn in (("mip", np.max), ("minip", np.min), ("mean", np.mean)):
        got, out = run16(f"slab-{mode}.png", "--plane", "sagittal", "--position", str(x_mm),
                         "--slab", "5", "--mode", mode)
        if got is None:
            continue
        want = fn(block, axis=2)
        diff = np.abs(got - want)
        tol = 0.5 if mode == "mean" else 0
        check(got.shape == want.shape and diff.max() <= tol,
              f"sagittal 5 mm {mode} slab matches numpy (max diff {diff.max()})")
        check(png_texts(out).get("Slab") == f"{mode} 5 mm", f"{mode}: Slab text chunk")
    # A slab thinner than a voxel takes the nearest plane; a coronal MIP slab too.
    got, _ = run16("slab-thin.png", "--plane", "coronal", "--position", str(y_mm + 0.2),
                   "--slab", "0.5", "--mode", "mip")
    check(got is not None and np.array_equal(got, hu[::-1, row, :]),
          "a slab thinner than a voxel is the nearest plane")
    got, _ = run16("slab-cor.png", "--plane", "coronal", "--position", str(y_mm), "--slab", "3")
    check(got is not None and np.array_equal(got, hu[::-1, row - 1:row + 2, :].max(axis=1)),
          "coronal 3 mm slab (mip by default) matches numpy")

    # Between voxel planes: linear interpolation (within 1 HU of numpy), nearest with the option.
    got, _ = run16("between.png", "--plane", "axial", "--position", str(z_mm + 0.25))
    want = series.reformat("axial", z_mm + 0.25, 1.0)
    check(got is not None and np.abs(got - want).max() <= 1,
          "axial between two slices: linear, within 1 HU of numpy")
    got, _ = run16("nearest.png", "--plane", "axial", "--position", str(z_mm + 0.25),
                   "--interpolation", "nearest")
    check(got is not None and np.array_equal(got, hu[k]), "--interpolation nearest takes the nearest slice")

    # The 8-bit output is windowed as export windows: the same numbers as export of the slice.
    src = [f for f in os.listdir(folder)
           if pydicom.dcmread(os.path.join(folder, f), stop_before_pixels=True).InstanceNumber == k + 1][0]
    a8, e8 = os.path.join(tmp, "axial8.png"), os.path.join(tmp, "export8.png")
    r1 = cli("reformat", "--plane", "axial", "--position", str(z_mm), "--window", "40,400", folder, "-o", a8)
    r2 = cli("export", "--window", "40,400", os.path.join(folder, src), "-o", e8)
    check(r1.returncode == 0 and r2.returncode == 0
          and np.array_equal(png16(a8), png16(e8)), "8-bit axial reformat equals export of that slice")
    r1 = cli("reformat", "--plane", "axial", "--position", str(z_mm), "--preset", "bone", folder, "-o", a8)
    check(r1.returncode != 0 and "exists; --force" in r1.stderr, "an existing output needs --force")
    r1 = cli("reformat", "--force", "--plane", "axial", "--position", str(z_mm), "--preset", "bone",
             folder, "-o", a8)
    check(r1.returncode == 0 and "bone" in png_texts(a8).get("Window", ""), "--force replaces it; --preset")

    # Errors: a position outside, usage errors, the memory bound.
    r = cli("reformat", "--plane", "axial", "--position", "500", folder, "-o", os.path.join(tmp, "o.png"))
    check(r.returncode == 2 and "500" in r.stderr and "outside" in r.stderr,
          f"a position outside the series: exit 2 and says so ({r.stderr.strip()})")
    for args in (["--plane", "oblique", "--position", "0"], ["--plane", "axial"],
                 ["--plane", "axial", "--position", "0", "--mode", "mip"],
                 ["--plane", "axial", "--position", "0", "--modality"],
                 ["--plane", "axial", "--position", "x"]):
        r = cli("reformat", *args, folder, "-o", os.path.join(tmp, "u.png"))
        check(r.returncode == 1, f"usage error {args}: exit 1 ({r.stderr.strip()})")
    r = cli("reformat", "--plane", "axial", "--position", "0", "--max-memory", "0.1", folder,
            "-o", os.path.join(tmp, "big.png"))
    need = n * size * size * 2 / 1048576
    check(r.returncode == 2 and f"{need:.1f} MiB" in r.stderr and "0.1 MiB" in r.stderr,
          f"over the memory bound: refused with the size named ({r.stderr.strip()})")
    check(not os.path.exists(os.path.join(tmp, "big.png")), "nothing written when refused")
    missing = os.path.join(tmp, "no-such-series")
    r = cli("reformat", "--plane", "axial", "--position", "0", missing, "-o", os.path.join(tmp, "m.png"))
    check(r.returncode == 2 and r.stderr.count(missing) == 1 and "No such file" in r.stderr,
          f"a missing input: exit 2, named once ({r.stderr.strip()})")
    fifo = os.path.join(tmp, "fifo.dcm")
    os.mkfifo(fifo)
    r = cli("reformat", "--plane", "axial", "--position", "0", fifo, "-o", os.path.join(tmp, "f.png"))
    check(r.returncode == 2 and "FIFO" in r.stderr, f"a FIFO is refused at once ({r.stderr.strip()})")
    os.unlink(fifo)


def enhanced_tests(tmp):
    """An enhanced multi-frame CT written here: one file, frames in shuffled order, each placed by
    its Plane Position in the Per-Frame Functional Groups; orientation, spacing and rescale in the
    Shared ones. The volume must be the same as from single files: exact through voxel centres."""
    from pydicom.sequence import Sequence
    from pydicom.dataset import Dataset
    n, size = 12, 20
    rng = np.random.default_rng(7)
    hu = rng.integers(-1000, 2000, size=(n, size, size)).astype(np.int64)
    order = rng.permutation(n)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2.1"   # Enhanced CT Image Storage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality = "CT"
    ds.Rows = ds.Columns = size
    ds.NumberOfFrames = n
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    measures, orient, pvt = Dataset(), Dataset(), Dataset()
    measures.PixelSpacing = [0.5, 0.5]
    measures.SliceThickness = 9
    orient.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    pvt.RescaleSlope, pvt.RescaleIntercept, pvt.RescaleType = 1, 0, "HU"
    shared = Dataset()
    shared.PixelMeasuresSequence = Sequence([measures])
    shared.PlaneOrientationSequence = Sequence([orient])
    shared.PixelValueTransformationSequence = Sequence([pvt])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    frames = []
    for s in order:
        pos, item = Dataset(), Dataset()
        pos.ImagePositionPatient = [-5.0, -5.0, 100.0 + 0.5 * float(s)]
        item.PlanePositionSequence = Sequence([pos])
        frames.append(item)
    ds.PerFrameFunctionalGroupsSequence = Sequence(frames)
    ds.PixelData = np.concatenate([hu[s].astype(np.int16).ravel() for s in order]).tobytes()
    path = os.path.join(tmp, "enhanced.dcm")
    ds.save_as(path, write_like_original=False)

    col, k = 7, 5
    for plane, pos, want in (("sagittal", -5.0 + 0.5 * col, hu[::-1, :, col]), ("axial", 100.0 + 0.5 * k, hu[k])):
        got, err, _ = reformat16(tmp, f"enh-{plane}.png", path, plane, pos)
        check(got is not None and got.shape == want.shape and np.array_equal(got, want),
              f"enhanced multi-frame (frames shuffled), {plane}: exact ({err})")


def oblique_tests(tmp):
    """Rows and columns turned 30 degrees about z: no output axis runs along a voxel axis, so
    every pixel is sampled trilinearly (the oblique path); numpy does the same."""
    folder = os.path.join(tmp, "oblique")
    c, s_ = np.cos(np.radians(30)), np.sin(np.radians(30))

    def turn(s, ds):
        ds.ImageOrientationPatient = [c, s_, 0, -s_, c, 0]
    write_dense_series(folder, n=16, size=32, tweak=turn)
    series = Series([os.path.join(folder, f) for f in sorted(os.listdir(folder))])
    for plane, pos in (("axial", -3.0), ("sagittal", -10.3), ("coronal", 2.0)):
        got, err, out = reformat16(tmp, f"obl-{plane}.png", folder, plane, pos)
        if got is None:
            check(False, f"oblique {plane}: {err}")
            continue
        want = series.reformat(plane, pos, float(png_texts(out)["PixelSpacingMM"]))
        inside = np.isfinite(want)
        close = np.abs(got - np.where(inside, want, 0)) <= 1
        check(got.shape == want.shape and inside.mean() > 0.3 and close[inside].mean() >= 0.99,
              f"oblique series, {plane}: {100 * close[inside].mean():.2f} % of {inside.sum()} pixels "
              "within 1 HU of numpy")
        outside = got[~inside]
        check(outside.size == 0 or (outside == outside.min()).mean() > 0.95,
              f"oblique series, {plane}: outside the volume is the fill value")
    # Absurd slabs and positions: bounded work, a clear answer (they once looped for minutes).
    for args in (["--position", "1e300", "--slab", "3e300"], ["--position", "0", "--slab", "1e300"]):
        for where in (folder, os.path.join(tmp, "dense")):
            r = subprocess.run([CLI, "reformat", "--force", "--plane", "sagittal", *args, where, "-o",
                                os.path.join(tmp, "absurd.png")], capture_output=True, text=True, timeout=60)
            check(r.returncode in (0, 2), f"{' '.join(args)} on {os.path.basename(where)}: exit {r.returncode}")


def refusal_tests(tmp):
    def refused(name, tweak, words):
        folder = os.path.join(tmp, name)
        write_dense_series(folder, n=12, size=16, tweak=tweak)
        r = cli("reformat", "--plane", "sagittal", "--position", "-20", folder,
                "-o", os.path.join(tmp, name + ".png"))
        line = r.stderr.strip()
        check(r.returncode == 2 and all(w in line for w in words) and line.startswith("lightbox-cli: "),
              f"{name}: refused, exit 2, message names {words} ({line})")

    def name_of(folder, instance):
        for f in sorted(os.listdir(folder)):
            if pydicom.dcmread(os.path.join(folder, f), stop_before_pixels=True).InstanceNumber == instance:
                return f
        return "?"

    def oblique(s, ds):
        if s == 5:
            ds.ImageOrientationPatient = [1, 0, 0, 0, 0.96, -0.28]
    refused("mixed-orientation", oblique, ["Image Orientation"])
    folder = os.path.join(tmp, "mixed-orientation")
    r = cli("reformat", "--plane", "sagittal", "--position", "-20", folder, "-o", os.path.join(tmp, "m.png"))
    check(name_of(folder, 6) in r.stderr, "mixed orientation: the odd slice's file is named")

    def gap(s, ds):
        if s >= 7:
            ds.ImagePositionPatient = [-24.0, -20.0, -10.0 + s + 0.6]
    refused("irregular", gap, ["irregular slice spacing", "1.600 mm", "1.000 mm"])
    folder = os.path.join(tmp, "irregular")
    r = cli("reformat", "--plane", "sagittal", "--position", "-20", folder, "-o", os.path.join(tmp, "i.png"))
    check(name_of(folder, 7) in r.stderr and name_of(folder, 8) in r.stderr,
          "irregular spacing: the two slices around the gap are named")

    def tilt(s, ds):
        ds.ImagePositionPatient = [-24.0, -20.0 + 0.3 * s, -10.0 + s]   # about 16.7 degrees
    refused("tilt", tilt, ["gantry tilt", "16.7 degrees"])

    def same(s, ds):
        if s == 3:
            ds.ImagePositionPatient = [-24.0, -20.0, -10.0 + 2]
    refused("same-position", same, ["same position"])


def phantom_tests(tmp):
    folder = os.path.join(tmp, "phantom")
    r = cli("phantom", folder)
    check(r.returncode == 0, "phantom written")
    paths = [os.path.join(folder, f) for f in sorted(os.listdir(folder))]
    series = Series(paths)
    # Axial at a slice centre: exact; sagittal and coronal (10 mm slices, 1.25 mm pixels):
    # resampled, within 1 HU of numpy for 99 % of the pixels.
    for plane, pos in (("axial", 5.0), ("sagittal", 0.625), ("coronal", -20.625), ("sagittal", -60.0),
                       ("coronal", 33.0)):
        got, err, _ = reformat16(tmp, f"ph-{plane}-{pos}.png", folder, plane, pos)
        if got is None:
            check(False, f"phantom {plane} {pos}: {err}")
            continue
        want = series.reformat(plane, pos, 1.25)
        if plane == "axial":
            check(got.shape == want.shape and np.array_equal(got, np.rint(want)),
                  f"phantom axial at a slice centre ({pos} mm) is exact")
            continue
        close = np.abs(got - want) <= 1
        check(got.shape == want.shape and close.mean() >= 0.99,
              f"phantom {plane} at {pos} mm: {100 * close.mean():.2f} % within 1 HU of numpy "
              f"(shape {got.shape}, pixel 1.25 mm)")
    # The skull is at the top of the sagittal image and the spine behind (right of) the middle.
    sag, err, _ = reformat16(tmp, "ph-sag.png", folder, "sagittal", 0)
    check(sag is not None, f"phantom sagittal at 0 mm ({err})")
    if sag is not None:
        h, w = sag.shape
        check(sag[: h // 8].max() > 700, "sagittal: bone (skull) in the top eighth (head up)")
        chest = sag[int(h * 0.5):int(h * 0.7)]
        bone_cols = np.where((chest > 300).sum(axis=0) > 3)[0]
        check(len(bone_cols) > 0 and bone_cols.mean() > w / 2,
              "sagittal: the spine lies right of the middle (posterior on the right)")
    # A 20 mm MIP slab: the voxel planes (rows j) whose centres lie within +-10 mm of y = 0 are
    # projected on the native grid first, then resampled (lb-volume.h), so the numpy reference
    # does the same: the maximum over those rows, then the trilinear reformat.
    got, err, _ = reformat16(tmp, "ph-mip.png", folder, "coronal", 0, "--slab", "20", "--mode", "mip")
    rows = [j for j in range(256) if abs(-159.375 + 1.25 * j) <= 10 + 1e-6]
    projected = series.V[:, rows, :].max(axis=1)
    saved = series.V
    series.V = np.repeat(projected[:, None, :], saved.shape[1], axis=1)
    want = series.reformat("coronal", 0.0, 1.25)
    series.V = saved
    close = got is not None and got.shape == want.shape and (np.abs(got - want) <= 1).mean() >= 0.99
    check(close and len(rows) == 16, f"phantom coronal 20 mm MIP: {len(rows)} planes, within 1 HU of numpy for 99 %")
    check(got is not None and (got >= np.rint(series.reformat("coronal", 0.0, 1.25)) - 1).all(),
          "the MIP is nowhere darker than the thin plane through its centre")


def corpus_tests(tmp):
    path = os.path.join(testfiles.CORPUS or "", "pydicom-data", "eCT_Supplemental.dcm")
    if not os.path.isfile(path):
        print("SKIP  corpus: no enhanced multi-frame CT (pydicom-data/eCT_Supplemental.dcm) "
              "without the shared corpus; the corpus holds no CT series of single-frame slices")
        return False
    series = Series([path])
    for plane, pos in (("axial", -149.0), ("sagittal", 0.0), ("coronal", -200.0)):
        got, err, _ = reformat16(tmp, f"ect-{plane}.png", path, plane, pos)
        if got is None:
            check(False, f"enhanced CT {plane}: {err}")
            continue
        want = series.reformat(plane, pos, 0.388672)
        if plane == "axial":
            # The centre of frame 1 (k = 0: the normal points to the feet); rows run towards the patient's right in the file, so the image is
            # mirrored to put the patient's right on the left.
            ok = got.shape == want.shape and np.array_equal(got, np.rint(want))
            check(ok and np.array_equal(got, series.V[0][:, ::-1]),
                  "enhanced CT axial at a frame is exact and mirrored (row direction -x)")
            continue
        close = np.abs(got - want) <= 1
        check(got.shape == want.shape and close.mean() >= 0.99,
              f"enhanced CT {plane}: {100 * close.mean():.2f} % within 1 HU of numpy (2 frames, 10 mm)")
    return True


def main():
    only_corpus = len(sys.argv) > 1 and sys.argv[1] == "corpus"
    warnings.simplefilter("ignore")
    tmp = tempfile.mkdtemp(prefix="lb-reformat-")
    try:
        if only_corpus:
            testfiles.skip_without_corpus("the reformat of the corpus's enhanced CT")
            if not corpus_tests(tmp):
                sys.exit(77)
        else:
            dense_tests(tmp)
            enhanced_tests(tmp)
            oblique_tests(tmp)
            refusal_tests(tmp)
            phantom_tests(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
