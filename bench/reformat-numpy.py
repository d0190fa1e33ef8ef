#!/usr/bin/python3
"""bench/reformat-numpy.py SERIES_DIR [RUNS]: the peer of lb-bench-volume (bench/reformat.sh), a
plain numpy reformat of the same series read with pydicom: the volume stacked as int16, then per
redraw the sagittal plane (a column slice, resampled to square pixels along the rows by linear
interpolation, as Lightbox does), the three planes through a crosshair, and a 20 mm MIP slab,
each mapped through a 40/400 window to 8-bit grey. For series whose rows and columns lie along
the patient axes (the workload's 600-slice CT: rows towards anterior, columns towards left).
Prints the same rows as lb-bench-volume with the numpy times."""
import os
import resource
import sys
import time

import numpy as np
import pydicom


def ms(t0):
    return (time.perf_counter() - t0) * 1000


def window8(v, c=40.0, w=400.0):
    return np.clip((v - (c - w / 2)) * (255.0 / w), 0, 255).astype(np.uint8)


def resample_rows(img, factor):
    """Linear resampling of axis 1 by `factor` (output pixels per input pixel)."""
    n = img.shape[1]
    m = int(np.floor((n - 1) * factor + 1e-6)) + 1
    pos = np.arange(m) / factor
    i0 = np.minimum(np.floor(pos).astype(int), n - 2)
    t = (pos - i0).astype(np.float32)
    a = img[:, i0].astype(np.float32)
    b = img[:, i0 + 1].astype(np.float32)
    return a + t * (b - a)


def main():
    folder = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    t0 = time.perf_counter()
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if not f.startswith("."))
    dss = [pydicom.dcmread(f) for f in files]
    dss.sort(key=lambda d: float(d.ImagePositionPatient[2]))
    slope, icpt = float(getattr(dss[0], "RescaleSlope", 1)), float(getattr(dss[0], "RescaleIntercept", 0))
    vol = np.stack([d.pixel_array for d in dss]).astype(np.int16)   # [k, row, col]
    del dss
    build = ms(t0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    nz, ny, nx = vol.shape
    ps = 0.9375
    factor = ps / 0.625   # rows resampled to the 0.625 mm slice spacing

    # pixel_array[j, i]: i (columns) runs towards anterior (-y), j (rows) towards the left (+x).
    iop = [round(float(v)) for v in pydicom.dcmread(files[0], stop_before_pixels=True).ImageOrientationPatient]
    assert iop == [0, -1, 0, 1, 0, 0], "written for the workload's orientation"

    def sagittal(j, slab=0):
        # through x: a row of every slice; posterior to the right (i reversed), head up
        img = vol[::-1, j, ::-1] if slab == 0 else vol[::-1, j - slab:j + slab + 1, ::-1].max(axis=1)
        return window8(resample_rows(img, factor) * slope + icpt)

    def coronal(i, slab=0):
        # through y: a column of every slice; the left to the right, head up
        img = vol[::-1, :, i] if slab == 0 else vol[::-1, :, i - slab:i + slab + 1].max(axis=2)
        return window8(resample_rows(img, factor) * slope + icpt)

    def axial(k, slab=0):
        img = vol[k] if slab == 0 else vol[k - slab:k + slab + 1].max(axis=0)
        return window8(np.ascontiguousarray(img.T[::-1, :]).astype(np.float32) * slope + icpt)

    def timed(fn):
        t = []
        for i in range(runs):
            f = (i + 0.5) / runs
            t0 = time.perf_counter()
            fn(f)
            t.append(ms(t0))
        return float(np.median(t))

    half_in_plane = int(10 / ps)     # voxel planes within +-10 mm
    half_slices = int(10 / 0.625)
    print(f"numpy {np.__version__}, volume {nx} x {ny} x {nz}, {vol.nbytes / 1048576:.1f} MiB\n")
    print("| What | median | rate |\n|---|---|---|")
    print(f"| build the volume ({len(files)} files, pydicom + np.stack) | {build:.0f} ms | peak RSS {rss:.1f} MiB |")
    rows = [
        ("sagittal view, scrolled", lambda f: sagittal(int(f * (ny - 1)))),
        ("coronal view, scrolled", lambda f: coronal(int(f * (nx - 1)))),
        ("axial view, scrolled", lambda f: axial(int(f * (nz - 1)))),
        ("three views, crosshair moved", lambda f: (sagittal(int(f * (ny - 1))), coronal(int(f * (nx - 1))),
                                                    axial(int(f * (nz - 1))))),
        ("sagittal 20 mm MIP slab", lambda f: sagittal(half_in_plane + int(f * (nx - 1 - 2 * half_in_plane)),
                                                       half_in_plane)),
        ("coronal 20 mm MIP slab", lambda f: coronal(half_in_plane + int(f * (ny - 1 - 2 * half_in_plane)),
                                                     half_in_plane)),
        ("axial 20 mm MIP slab", lambda f: axial(half_slices + int(f * (nz - 1 - 2 * half_slices)), half_slices)),
        ("three views, 20 mm MIP slabs", lambda f: (
            sagittal(half_in_plane + int(f * (nx - 1 - 2 * half_in_plane)), half_in_plane),
            coronal(half_in_plane + int(f * (ny - 1 - 2 * half_in_plane)), half_in_plane),
            axial(half_slices + int(f * (nz - 1 - 2 * half_slices)), half_slices))),
    ]
    for name, fn in rows:
        fn(0.5)
        m = timed(fn)
        print(f"| {name} | {m:.2f} ms | {1000 / m:.1f} frames/s |")


if __name__ == "__main__":
    main()
