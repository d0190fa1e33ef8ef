#!/usr/bin/python3
"""The teaching phantom: `lightbox-cli phantom` writes 24 valid, deterministic CT slices whose
HU values are where a class expects them. Run by meson with LB_CLI set."""
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pydicom

CLI = os.environ.get("LB_CLI", "lightbox-cli")
SLICES = 24
SIZE = 256
PIXEL_MM = 1.25
# Keep in step with src/export/lb-phantom.h.
VIAL = (232, 24)          # column, row
VIAL_ROI_RADIUS = 7
AIR = (20, 20)
FIRST_CHEST = 10

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def pixel(x_mm, y_mm):
    """Column and row of the pixel nearest to a point in mm from the image centre."""
    return round(x_mm / PIXEL_MM + (SIZE - 1) / 2), round(y_mm / PIXEL_MM + (SIZE - 1) / 2)


def run_phantom(outdir, *extra):
    return subprocess.run([CLI, "phantom", *extra, outdir], capture_output=True, text=True)


def main():
    tmp = tempfile.mkdtemp(prefix="lb-phantom-")
    try:
        first = os.path.join(tmp, "first", "nested")   # OUTDIR is created, parents too
        second = os.path.join(tmp, "second")
        r = run_phantom(first)
        check(r.returncode == 0, f"phantom exits 0 (stderr: {r.stderr.strip()})")
        names = sorted(n for n in os.listdir(first) if n.endswith(".dcm"))
        check(len(names) == SLICES, f"{SLICES} files written (got {len(names)})")
        check(sorted(os.listdir(first)) == names, "no temporary files left behind")

        # Deterministic: a second run elsewhere gives the same bytes.
        r = run_phantom(second)
        identical = r.returncode == 0 and all(
            open(os.path.join(first, n), "rb").read() == open(os.path.join(second, n), "rb").read()
            for n in names)
        check(identical, "two runs write byte-identical files")

        # Existing files: identical ones are left, different ones are refused without --force.
        r = run_phantom(second)
        check(r.returncode == 0, "a rerun over identical files succeeds")
        victim = os.path.join(second, names[0])
        with open(victim, "wb") as f:
            f.write(b"not the phantom")
        r = run_phantom(second)
        check(r.returncode == 2 and open(victim, "rb").read() == b"not the phantom",
              "a different existing file is not replaced without --force (exit 2)")
        r = run_phantom(second, "--force")
        check(r.returncode == 0 and open(victim, "rb").read() == open(os.path.join(first, names[0]), "rb").read(),
              "--force replaces it")
        check(subprocess.run([CLI, "phantom"], capture_output=True).returncode == 1,
              "no OUTDIR is a usage error (exit 1)")

        # pydicom reads every file with warnings as errors and strict value checking.
        pydicom.config.enforce_valid_values = True
        datasets = []
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for n in names:
                try:
                    ds = pydicom.dcmread(os.path.join(first, n))
                    ds.pixel_array  # decode too
                    for elem in ds.iterall():
                        elem.value  # every value converts (PN, DS, IS, UTF-8 text)
                    datasets.append(ds)
                except Exception as e:  # noqa: BLE001 - report any failure as a test failure
                    check(False, f"pydicom reads {n}: {e}")
        check(len(datasets) == SLICES, "pydicom reads every file without warnings")
        if len(datasets) != SLICES:
            return

        ds0 = datasets[0]
        check(ds0.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1", "explicit VR little endian")
        check(ds0.file_meta.ImplementationVersionName == "LIGHTBOX_010", "implementation version name")
        check(str(ds0.PatientName).startswith("Phantom^Teaching="), "patient name")
        check(len({d.SeriesInstanceUID for d in datasets}) == 1
              and len({d.SOPInstanceUID for d in datasets}) == SLICES, "one series, unique instances")

        # Sorted by position: instance order follows z, 10 mm apart, from the head down.
        by_instance = sorted(datasets, key=lambda d: int(d.InstanceNumber))
        z = [float(d.ImagePositionPatient[2]) for d in by_instance]
        check([int(d.InstanceNumber) for d in datasets] == list(range(1, SLICES + 1)),
              "file names sort in instance order")
        check(all(abs((a - b) - float(ds0.SliceThickness)) < 1e-6 for a, b in zip(z, z[1:])),
              "z falls by the slice thickness from each instance to the next")

        hu = [d.pixel_array.astype(np.float64) * float(d.RescaleSlope) + float(d.RescaleIntercept)
              for d in by_instance]
        yy, xx = np.mgrid[:SIZE, :SIZE]
        vial = (xx - VIAL[0]) ** 2 + (yy - VIAL[1]) ** 2 <= VIAL_ROI_RADIUS ** 2
        means = [img[vial].mean() for img in hu]
        sds = [img[vial].std() for img in hu]
        check(all(abs(m) <= 3 for m in means), f"water vial mean within 0 +- 3 HU (worst {max(means, key=abs):.2f})")
        check(all(2 <= s <= 10 for s in sds), f"water vial SD plausible ({min(sds):.1f} .. {max(sds):.1f} HU)")
        air = [img[AIR[1] - 5:AIR[1] + 6, AIR[0] - 5:AIR[0] + 6].mean() for img in hu]
        check(all(abs(a + 1000) <= 5 for a in air), f"air about -1000 HU (worst {max(air, key=lambda a: abs(a + 1000)):.1f})")

        chest = hu[FIRST_CHEST + 3]
        cx, cy = pixel(0, 52)      # vertebral body, cancellous bone
        check(chest[cy - 2:cy + 3, cx - 2:cx + 3].mean() > 300, "vertebral body > 300 HU")
        check(hu[4].max() > 700, "skull cortex > 700 HU")
        lx, ly = pixel(-56, 3)     # middle of the right lung
        lung = np.median(chest[ly - 7:ly + 8, lx - 7:lx + 8])
        check(abs(lung + 850) <= 30, f"lung median about -850 HU ({lung:.0f})")

        # dciodvfy (dicom3tools): no errors.
        if shutil.which("dciodvfy") is None:
            print("skip  dciodvfy not installed: IOD check skipped")
        else:
            bad = []
            for n in names:
                out = subprocess.run(["dciodvfy", os.path.join(first, n)], capture_output=True, text=True)
                lines = [l for l in (out.stdout + out.stderr).splitlines() if l.startswith("Error")]
                if lines:
                    bad.append(f"{n}: {lines[0]}")
            check(not bad, "dciodvfy reports no errors" + (f" ({bad[0]})" if bad else ""))
        if shutil.which("dcmdump") is None:
            print("skip  dcmdump not installed")
        else:
            out = subprocess.run(["dcmdump", "-q", *[os.path.join(first, n) for n in names]],
                                 capture_output=True, text=True)
            check(out.returncode == 0 and out.stderr.strip() == "", "dcmdump prints no warnings or errors")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
