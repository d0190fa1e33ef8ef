#!/usr/bin/python3
"""`lightbox-cli measure` and `lightbox-cli histogram` (CLI.md) against numpy on pydicom's pixel
array (TAP output).

Two meson tests, by the script's argument:
  test-measure.py in-repo   the phantom, edge cases, pydicom's own test files, tests/samples (a
                            signed CT, multi-frame MR, a signed PET, a MONOCHROME1 CR and CRs
                            made here from it with Imager Pixel Spacing), tests/crashers; always runs
  test-measure.py corpus    the corpus files (CT signed and unsigned, MR with a fractional slope,
                            a MONOCHROME1 CR, multi-frame MR and enhanced CT, a signed PET, float
                            pixels, CRs made from the corpus CR) and never-crash over every corpus
                            file; exit 77 (SKIP) with a message without the corpus
With no argument, both.

Rules checked (lb-dicom-measure.h): pixel centres at integer + 0.5, a pixel counts when its
centre is inside (rect half-open, ellipse closed), clipping to the image, population SD,
Pixel Padding left out, modality values by pydicom's apply_modality_lut, the spacing source and
its calibration note, the unit; histogram bins one per integer up to 4096 values else 256,
below/above by the VOI function's bounds (PS3.3 C.11.2.1.2)."""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut

import tap  # tests/tap.py, beside this script
import testfiles  # tests/testfiles.py, beside this script

warnings.filterwarnings("ignore")

CLI = os.environ.get("LB_CLI", "lightbox-cli")
SOURCE = os.environ.get("LB_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
CORPUS = os.environ.get("LB_CORPUS", "")
PHANTOM = os.path.join(SOURCE, "data", "samples", "phantom")
PYDICOM_FILES = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")

results = []


def case(name, ok, detail=""):
    results.append((name, bool(ok), detail))
    return ok


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def measure(path, shapes, frame=None):
    args = ["measure", "--json"] + (["--frame", str(frame)] if frame else [])
    for kind, values in shapes:
        args.append(f"--{kind}=" + ",".join(repr(float(v)) for v in values))
    r = run(*args, path)
    if r.returncode != 0:
        raise RuntimeError(f"exit {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


# ---- numpy's side -------------------------------------------------------------------------

class NotDecoded(Exception):
    """pydicom cannot decode the pixels: nothing to compare with."""


def functional_group(ds, frame, keyword):
    """Item of functional group macro `keyword` for 1-based `frame`: per-frame, then shared."""
    for seq, index in (("PerFrameFunctionalGroupsSequence", frame - 1),
                       ("SharedFunctionalGroupsSequence", 0)):
        items = ds.get(seq)
        if items is not None and len(items) > index and keyword in items[index]:
            inner = getattr(items[index], keyword)
            if len(inner):
                return inner[0]
    return None


def frame_arrays(path, frame):
    """Stored and modality values of 1-based `frame`, and the dataset. pydicom 2.3 applies
    only top-level rescale and knows no functional groups: enhanced objects keep Pixel Value
    Transformation and Pixel Measures there (PS3.3 C.7.6.16), so they are copied up first."""
    ds = pydicom.dcmread(path)
    try:
        arr = ds.pixel_array
    except Exception as e:
        raise NotDecoded(str(e)) from e
    if int(ds.get("NumberOfFrames", 1) or 1) > 1:
        arr = arr[frame - 1]
    pvt = functional_group(ds, frame, "PixelValueTransformationSequence")
    if pvt is not None and "RescaleSlope" in pvt:
        ds.RescaleSlope, ds.RescaleIntercept = pvt.RescaleSlope, pvt.RescaleIntercept
    pm = functional_group(ds, frame, "PixelMeasuresSequence")
    if pm is not None and "PixelSpacing" in pm:
        ds.PixelSpacing = pm.PixelSpacing
    stored = arr.astype(np.float64)
    modality = apply_modality_lut(arr, ds).astype(np.float64)
    return ds, stored, modality


def centres(shape):
    rows, cols = shape
    return np.meshgrid(np.arange(cols) + 0.5, np.arange(rows) + 0.5)


def mask_of(kind, v, shape):
    cx, cy = centres(shape)
    if kind == "rect":
        x0, x1 = sorted((v[0], v[0] + v[2]))
        y0, y1 = sorted((v[1], v[1] + v[3]))
        return (cx >= x0) & (cx < x1) & (cy >= y0) & (cy < y1)
    rx, ry = abs(v[2]), abs(v[3])
    if rx == 0 or ry == 0:
        return np.zeros(shape, bool)
    return ((cx - v[0]) / rx) ** 2 + ((cy - v[1]) / ry) ** 2 <= 1


def spacing_of(ds):
    """(row, column, source) by the rules of PS3.3 10.7.1 as lb-dicom-measure.h states them."""
    def pair(kw):
        val = ds.get(kw)
        if val is None or len(val) != 2:
            return None
        r, c = float(val[0]), float(val[1])
        return (r, c) if r > 0 and c > 0 else None
    ps, ips = pair("PixelSpacing"), pair("ImagerPixelSpacing")
    if ps:
        return ps[0], ps[1], "Pixel Spacing"
    if ips:
        ermf = float(ds.get("EstimatedRadiographicMagnificationFactor", 0) or 0)
        k = ermf if 1 <= ermf < 100 else 1
        return ips[0] / k, ips[1] / k, "Imager Pixel Spacing"
    nsp = pair("NominalScannedPixelSpacing")
    if nsp:
        return nsp[0], nsp[1], "Nominal Scanned Pixel Spacing"
    return None, None, "none"


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def expected_roi(ds, stored, modality, kind, v):
    m = mask_of(kind, v, stored.shape)
    if "PixelPaddingValue" in ds:
        lo = hi = float(ds.PixelPaddingValue)
        if "PixelPaddingRangeLimit" in ds:
            lo, hi = sorted((lo, float(ds.PixelPaddingRangeLimit)))
        inside = m & ~((stored >= lo) & (stored <= hi))
    else:
        inside = m
    s, mv = stored[inside], modality[inside]
    return int(m.sum()), s, mv


def compare_roi(name, path, ds, stored, modality, kind, v, got, spacing):
    n, s, mv = expected_roi(ds, stored, modality, kind, v)
    problems = []
    if got["pixels"] != n:
        problems.append(f"pixels {got['pixels']} != {n}")
    if len(mv):
        want = {"mean": mv.mean(), "sd": mv.std(), "min": mv.min(), "max": mv.max(),
                "stored_mean": s.mean(), "stored_min": s.min(), "stored_max": s.max()}
        for k, w in want.items():
            if not close(got[k], float(w), 1e-7 if k == "sd" else 1e-9):
                problems.append(f"{k} {got[k]} != {w}")
    elif got["mean"] is not None:
        problems.append(f"mean {got['mean']} for no pixel")
    rows, cols = stored.shape
    if kind == "rect":
        x0, x1 = sorted((v[0], v[0] + v[2]))
        y0, y1 = sorted((v[1], v[1] + v[3]))
        outside = x0 < 0 or y0 < 0 or x1 > cols or y1 > rows
        area = max(0, min(x1, cols) - max(x0, 0)) * max(0, min(y1, rows) - max(y0, 0))
    else:
        outside = (v[0] - abs(v[2]) < 0 or v[1] - abs(v[3]) < 0 or v[0] + abs(v[2]) > cols
                   or v[1] + abs(v[3]) > rows)
        area = math.pi * abs(v[2] * v[3])
    if got["clipped"] != outside:
        problems.append(f"clipped {got['clipped']}")
    if not outside or kind == "rect":
        want_mm2 = area * spacing[0] * spacing[1] if spacing[0] else None
        if not close(got["area_mm2"], want_mm2, 1e-9):
            problems.append(f"area_mm2 {got['area_mm2']} != {want_mm2}")
    if got["spacing_source"] != spacing[2]:
        problems.append(f"spacing_source {got['spacing_source']} != {spacing[2]}")
    return case(f"{name} {kind} {[round(x, 2) for x in v]}", not problems,
                "; ".join(problems) or f"{n} pixels, mean {got['mean']}")


def check_file(name, path, frame=1, n_random=6, unit=None, seed=1):
    """Random rects and ellipses (some over the edges), a line and an angle, against numpy."""
    try:
        ds, stored, modality = frame_arrays(path, frame)
    except NotDecoded as e:
        results.append((f"{name}", None, f"pydicom cannot decode it: {e}"))
        return False
    rows, cols = stored.shape[:2]
    spacing = spacing_of(ds)
    rnd = random.Random(seed)
    shapes = []
    for k in range(n_random):
        x, y = rnd.uniform(-cols * 0.1, cols * 0.9), rnd.uniform(-rows * 0.1, rows * 0.9)
        w, h = rnd.uniform(1, cols * 0.4), rnd.uniform(1, rows * 0.4)
        shapes.append(("rect", (x, y, w, h)) if k % 2 == 0
                      else ("ellipse", (x, y, w / 2, h / 2)))
    shapes.append(("rect", (0, 0, cols, rows)))                 # the whole frame
    shapes.append(("line", (0.5, 0.5, cols - 0.5, rows - 0.5)))
    shapes.append(("angle", (cols, 0, 0, 0, cols / 3, rows / 2)))
    got = measure(path, shapes, frame if frame > 1 else None)
    case(f"{name}: one JSON object per shape, in order",
         [g["shape"] for g in got] == [s[0] for s in shapes], str([g["shape"] for g in got]))
    for (kind, v), g in zip(shapes, got):
        if kind in ("rect", "ellipse"):
            compare_roi(name, path, ds, stored, modality, kind, v, g, spacing)
            if unit is not None:
                case(f"{name} unit", g["unit"] == unit, f"{g['unit']!r}, want {unit!r}")
                unit = None
        elif kind == "line":
            dx, dy = v[2] - v[0], v[3] - v[1]
            mm = math.hypot(dx * spacing[1], dy * spacing[0]) if spacing[0] else None
            case(f"{name} line", close(g["length_px"], math.hypot(dx, dy))
                 and close(g["length_mm"], mm) and g["spacing_source"] == spacing[2],
                 f"{g['length_px']} px, {g['length_mm']} mm, want {mm} ({spacing[2]})")
        else:
            sx, sy = (spacing[1], spacing[0]) if spacing[0] else (1, 1)
            a = np.array([(v[0] - v[2]) * sx, (v[1] - v[3]) * sy])
            b = np.array([(v[4] - v[2]) * sx, (v[5] - v[3]) * sy])
            deg = math.degrees(math.acos(np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b)))
            case(f"{name} angle", close(g["degrees"], deg, 1e-9), f"{g['degrees']} vs {deg}")
    check_histograms(name, path, ds, stored, modality, frame)
    return True


# ---- histograms ---------------------------------------------------------------------------

def expected_bins(values, n_bins=0):
    values = values[np.isfinite(values)]
    lo, hi = float(values.min()), float(values.max())
    if n_bins == 0 and np.all(values == np.floor(values)) and hi - lo + 1 <= 4096:
        counts = np.bincount((values - lo).astype(np.int64), minlength=int(hi - lo + 1))
        return [(lo + k, lo + k + 1, int(c)) for k, c in enumerate(counts)]
    n = n_bins or 256
    width = (hi - lo) / n if hi > lo else 1
    k = np.clip(np.floor((values - lo) / width), 0, n - 1).astype(np.int64)
    counts = np.bincount(k, minlength=n)
    return [(lo + i * width, hi if i == n - 1 and hi > lo else lo + (i + 1) * width, int(c))
            for i, c in enumerate(counts)]


def histogram(path, *extra):
    r = run("histogram", "--json", *extra, path)
    if r.returncode != 0:
        raise RuntimeError(f"exit {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def same_bins(got, want):
    if len(got["bins"]) != len(want):
        return f"{len(got['bins'])} bins, want {len(want)}"
    for g, (lo, hi, c) in zip(got["bins"], want):
        if g["count"] != c or not close(g["low"], lo) or not close(g["high"], hi):
            return f"bin {g} != {(lo, hi, c)}"
    return ""


def clip_counts(modality, c, w, function="LINEAR"):
    if function == "LINEAR_EXACT":
        return int((modality <= c - w / 2).sum()), int((modality > c + w / 2).sum())
    w = max(w, 1)
    return (int((modality <= c - 0.5 - (w - 1) / 2).sum()),
            int((modality > c - 0.5 + (w - 1) / 2).sum()))


def check_histograms(name, path, ds, stored, modality, frame):
    fr = ["--frame", str(frame)] if frame > 1 else []
    for stage, values in (("stored", stored), ("modality", modality)):
        got = histogram(path, "--stage", stage, *fr)
        why = same_bins(got, expected_bins(values.ravel()))
        ok = (not why and got["stage"] == stage and close(got["mean"], values.mean())
              and close(got["sd"], values.std(), 1e-7) and got["min"] == values.min()
              and got["max"] == values.max() and got["below"] is None)
        case(f"{name} histogram {stage}", ok,
             why or f"{len(got['bins'])} bins, mean {got['mean']}, sd {got['sd']}")
    got = histogram(path, "--stage", "modality", "--bins", "50", *fr)
    case(f"{name} histogram --bins 50", not same_bins(got, expected_bins(modality.ravel(), 50)),
         same_bins(got, expected_bins(modality.ravel(), 50)) or "50 bins")
    # A window typed by the teacher, with the file's VOI LUT Function.
    function = str(ds.get("VOILUTFunction", "LINEAR")).strip() or "LINEAR"
    lo, hi = float(modality.min()), float(modality.max())
    c, w = (lo + hi) / 2, max((hi - lo) / 3, 2)
    got = histogram(path, "--window", f"{c!r},{w!r}", *fr)
    below, above = clip_counts(modality, c, w, function)
    case(f"{name} below/above of window {c:g},{w:g}",
         (got["below"], got["above"]) == (below, above),
         f"{got['below']}, {got['above']}, want {below}, {above}")
    if str(ds.get("PhotometricInterpretation", "")).strip() == "MONOCHROME1":
        # MONOCHROME1 shows low values white: what the window clips below lands on grey 255.
        got = histogram(path, "--stage", "display", "--window", f"{c!r},{w!r}", *fr)
        bins = {b["low"]: b["count"] for b in got["bins"]}
        case(f"{name} MONOCHROME1: clipped below is white, above is black",
             bins.get(255, 0) >= below and bins.get(0, 0) >= above and got["max"] == 255,
             f"grey 255: {bins.get(255)}, grey 0: {bins.get(0)}, below {below}, above {above}")


# ---- the teaching sample ------------------------------------------------------------------

def check_phantom(tmp):
    ct20 = os.path.join(PHANTOM, "CT20.dcm")
    # Regions worked out from src/export/lb-phantom.c for slice 20 (index 19): the water vial
    # centred on pixel (232, 24); the anterior subcutaneous fat between the skin ellipses
    # (133 x 93 mm and 112 x 76 mm) at x = 0, 71..88 mm in front of the centre; the posterior
    # arch of the vertebra (cortical bone, 1000 HU) at x = 13.5 mm, y = 74 mm.
    vial = ("ellipse", (232.5, 24.5, 7, 7))
    fat = ("rect", (118, 61, 20, 7))
    bone = ("ellipse", (138.8, 187.2, 2, 2))
    got = measure(ct20, [vial, fat, bone])
    water, fatv, bonev = got
    case("phantom: water vial reads 0 HU within its noise",
         abs(water["mean"]) < 2 * water["sd"] + 1 and water["sd"] < 8 and water["unit"] == "HU",
         f"{water['mean']:.2f} ± {water['sd']:.2f} {water['unit']}, {water['pixels']} pixels")
    case("phantom: fat reads about -100 HU", abs(fatv["mean"] + 100) < 10,
         f"{fatv['mean']:.2f} ± {fatv['sd']:.2f}")
    case("phantom: bone reads over 700 HU", bonev["min"] > 700 and bonev["mean"] > 700,
         f"mean {bonev['mean']:.2f}, min {bonev['min']}")
    # The same numbers through numpy.
    ds, stored, modality = frame_arrays(ct20, 1)
    for (kind, v), g in zip([vial, fat, bone], got):
        compare_roi("phantom CT20", ct20, ds, stored, modality, kind, v, g,
                    (1.25, 1.25, "Pixel Spacing"))
    # The text form says it with the unit.
    r = run("measure", "--ellipse=232.5,24.5,7,7", ct20)
    case("phantom: CT spacing is calibrated at the patient, no note",
         all(g["calibration"] == "patient" and "note" not in g for g in got), json.dumps(got[0]))
    case("phantom: text output names HU and the spacing",
         r.returncode == 0 and " HU" in r.stdout and "Pixel Spacing 1.25 x 1.25 mm" in r.stdout,
         r.stdout.strip().replace("\n", " | "))
    check_file("phantom CT12", os.path.join(PHANTOM, "CT12.dcm"), unit="HU")

    # Display stage of the phantom (slope 1, intercept 0) against the LINEAR formula.
    got = histogram(ct20, "--stage", "display", "--preset", "lung")
    c, w = -600.0, 1500.0
    y = ((modality - (c - 0.5)) / (w - 1) + 0.5) * 255
    y = np.where(modality <= c - 0.5 - (w - 1) / 2, 0,
                 np.where(modality > c - 0.5 + (w - 1) / 2, 255, y))
    grey = np.floor(np.clip(y, 0, 255))
    why = same_bins(got, expected_bins(grey.ravel()))
    below, above = clip_counts(modality, c, w)
    case("phantom: display histogram under the lung preset is the LINEAR formula's",
         not why and (got["below"], got["above"]) == (below, above),
         why or f"below {got['below']}, above {got['above']}")

    # --png: a picture with the band, atomically, never over a file without --force.
    png = os.path.join(tmp, "hist.png")
    r = run("histogram", "--preset", "abdomen", "--png", png, ct20)
    ok = r.returncode == 0 and open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    if ok:
        from PIL import Image
        im = Image.open(png)
        px = np.asarray(im.convert("RGB"))
        colours = {tuple(c) for c in px.reshape(-1, 3)}
        ok = (im.size == (1024, 512) and im.info.get("Stage") == "modality"
              and (255, 243, 196) in colours and (40, 100, 220) in colours
              and (210, 45, 45) in colours)
    case("histogram --png draws bars, the window band and the clipped tints", ok,
         r.stderr.strip() or str(os.listdir(tmp)))
    case("histogram --png leaves no temporary file", os.listdir(tmp) == ["hist.png"],
         str(os.listdir(tmp)))
    before = open(png, "rb").read()
    r = run("histogram", "--preset", "lung", "--png", png, ct20)
    case("histogram --png refuses an existing file without --force",
         r.returncode == 2 and "--force" in r.stderr and open(png, "rb").read() == before,
         f"exit {r.returncode}: {r.stderr.strip()}")
    r = run("histogram", "--preset", "lung", "--force", "--png", png, ct20)
    case("histogram --png --force replaces a PNG",
         r.returncode == 0 and open(png, "rb").read() != before, f"exit {r.returncode}")
    notpng = os.path.join(tmp, "notes.txt")
    open(notpng, "w").write("my notes")
    r = run("histogram", "--force", "--png", notpng, ct20)
    case("histogram --png --force never replaces a file that is not a PNG",
         r.returncode == 2 and open(notpng).read() == "my notes", f"exit {r.returncode}")
    copy = os.path.join(tmp, "input.dcm")
    shutil.copy(ct20, copy)
    r = run("histogram", "--force", "--png", copy, copy)
    case("histogram --png --force never replaces its input",
         r.returncode == 2 and open(copy, "rb").read() == open(ct20, "rb").read(),
         f"exit {r.returncode}: {r.stderr.strip()}")


def check_edges(tmp):
    ct = os.path.join(PHANTOM, "CT20.dcm")
    g = measure(ct, [("rect", (-10, -10, 20, 20)), ("rect", (5, 5, 0, 8)),
                     ("ellipse", (100, 100, 0, 5)), ("angle", (1, 1, 1, 1, 5, 5)),
                     ("line", (3, 3, 3, 3)), ("ellipse", (300, 300, 5, 5))])
    case("ROI partly outside: clipped, counted inside only, and said",
         g[0]["clipped"] and g[0]["pixels"] == 100 and "outside the image" in g[0]["note"],
         json.dumps(g[0]))
    case("zero-width rect: no pixels, no statistics, area 0, said",
         g[1]["pixels"] == 0 and g[1]["mean"] is None and g[1]["area_mm2"] == 0
         and "no pixel" in g[1]["note"], json.dumps(g[1]))
    case("zero-radius ellipse: no pixels", g[2]["pixels"] == 0 and g[2]["sd"] is None,
         json.dumps(g[2]))
    case("angle with a zero-length ray: null degrees and a note",
         g[3]["degrees"] is None and "undefined" in g[3]["note"], json.dumps(g[3]))
    case("zero-length line: 0 px, 0 mm", g[4]["length_px"] == 0 and g[4]["length_mm"] == 0,
         json.dumps(g[4]))
    case("ellipse wholly outside: 0 pixels, clipped",
         g[5]["pixels"] == 0 and g[5]["clipped"] and g[5]["area_mm2"] == 0, json.dumps(g[5]))
    r = run("measure", "--frame", "2", "--line=0,0,1,1", ct)
    case("measure --frame out of range: exit 2, one line naming the frame and the count",
         r.returncode == 2 and r.stderr.strip() == f"lightbox-cli: {ct}: frame 2 requested, the "
         "file has 1" and r.stdout == "", f"exit {r.returncode}: {r.stderr.strip()}")
    r = run("histogram", "--frame", "3", ct)
    case("histogram --frame out of range: exit 2", r.returncode == 2 and "frame 3" in r.stderr,
         f"exit {r.returncode}: {r.stderr.strip()}")
    for args, why in ((["measure", ct], "no shape"), (["measure", "--rect=1,2,3", ct], "3 numbers"),
                      (["measure", "--line=a,b,c,d", ct], "not numbers"),
                      (["measure", "--frame", "0", "--line=0,0,1,1", ct], "frame 0"),
                      (["histogram", "--stage", "hu", ct], "unknown stage"),
                      (["histogram", "--window=1,2", "--preset", "lung", ct], "two windows"),
                      (["histogram", "--bins", "-3", ct], "negative bins"),
                      (["histogram", "--preset", "nosuch", ct], "unknown preset")):
        r = run(*args)
        case(f"usage error ({why}): exit 1", r.returncode == 1 and r.stderr.startswith(
            "lightbox-cli"), f"exit {r.returncode}: {r.stderr.strip()[:100]}")
    bad = os.path.join(tmp, "not.dcm")
    open(bad, "w").write("hello")
    r = run("measure", "--line=0,0,1,1", bad)
    case("measure on a non-DICOM file: exit 2, one error line",
         r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr.strip())
    # Colour: count and area, no statistics, and the note says why; histogram refuses.
    rgb = os.path.join(PYDICOM_FILES, "SC_rgb_rle.dcm")
    if True:
        g = measure(rgb, [("rect", (10, 10, 20, 10))])[0]
        case("colour image: pixels and area, no statistics, a note",
             g["pixels"] == 200 and g["mean"] is None and "colour" in g["note"], json.dumps(g))
        r = run("histogram", rgb)
        case("colour image: histogram exits 2 saying why",
             r.returncode == 2 and "colour" in r.stderr, r.stderr.strip())
    # Help lists both commands.
    r = run("--help")
    case("lightbox-cli --help lists measure and histogram",
         "measure" in r.stdout and "histogram" in r.stdout, "")


def check_projection(tmp, source):
    """CRs with Imager Pixel Spacing made from a CR: detector, ERMF, copied spacing."""
    ds = pydicom.dcmread(source)
    variants = {}
    base = dict(ds=None)
    for name, edit in (
            ("ips", lambda d: (d.__delattr__("PixelSpacing"),
                               setattr(d, "ImagerPixelSpacing", [0.2, 0.1]))),
            ("ermf", lambda d: (d.__delattr__("PixelSpacing"),
                                setattr(d, "ImagerPixelSpacing", [0.2, 0.1]),
                                setattr(d, "EstimatedRadiographicMagnificationFactor", 1.25))),
            ("copied", lambda d: setattr(d, "ImagerPixelSpacing", list(d.PixelSpacing))),
            ("onlyps", lambda d: None)):
        d = pydicom.dcmread(source)
        edit(d)
        path = os.path.join(tmp, f"cr-{name}.dcm")
        d.save_as(path)
        variants[name] = path
    del base
    notes = {"ips": "at the detector", "ermf": "Estimated Radiographic Magnification",
             "copied": "at the detector", "onlyps": "calibration at the patient unknown"}
    kinds = {"ips": "detector", "ermf": "ermf", "copied": "detector", "onlyps": "unknown"}
    for name, path in variants.items():
        check_file(f"CR {name}", path, n_random=2)
        g = measure(path, [("line", (0.5, 0.5, 10.5, 20.5))])[0]
        d = pydicom.dcmread(path, stop_before_pixels=True)
        r, c, src = spacing_of(d)
        case(f"CR {name}: {src}, note \"{notes[name]}\"",
             g["spacing_source"] == src and notes[name] in (g.get("note") or "")
             and g["calibration"] == kinds[name]
             and close(g["length_mm"], math.hypot(10 * c, 20 * r)), json.dumps(g))
    r = run("measure", "--line=0,0,10,0", variants["ips"])
    case("CR text output marks the uncalibrated spacing",
         "note:" in r.stdout and "not calibrated at the patient" in r.stdout, r.stdout.strip())


def check_never_crash(paths, label):
    """Both commands on files that crash parsers: exit 0 or 2 (with one error line), never a
    signal, whatever the bytes (CLI.md)."""
    bad = []
    for path in paths:
        for args in (["measure", "--rect=-3,-3,40,40", "--ellipse=20,20,9,5", path],
                     ["histogram", "--stage", "display", path]):
            r = subprocess.run([CLI, *args], capture_output=True, timeout=120)
            err = r.stderr.decode(errors="replace")
            if r.returncode not in (0, 2) or (r.returncode == 2 and "lightbox-cli: " not in err):
                bad.append(f"{args[0]} {os.path.basename(path)}: exit {r.returncode} {err[-120:]}")
    case(f"measure and histogram never crash on {label} ({len(paths)} files)", not bad,
         "; ".join(bad[:3]) or "exit 0 or 2 each")


# In-repo copies (tests/samples) of the kinds of image the corpus part checks.
SAMPLE_FILES = (
    ("dicompyler-core/ct.0.dcm", 1, "HU"),                  # signed CT
    ("pydicom-data/emri_small.dcm", 5, ""),                 # multi-frame MR, frame 5
    ("derived/dicomdir/IMAGES/PT000001", 1, "BQML"),        # signed PET, slope 9.1
    ("generated/CR_mono1_15bit_160.dcm", 1, ""),            # MONOCHROME1, 15 bits
)
SAMPLE_CR = "generated/CR_mono1_15bit_160.dcm"

CORPUS_FILES = (
    ("pydicom-data/693_UNCR.dcm", 1, "HU"),             # signed 14-bit, padding
    ("imgproc/ID_0000_AGE_0060_CONTRAST_1_CT.dcm", 1, "HU"),  # unsigned, -1024
    ("pydicom-data/MR2_UNCR.dcm", 1, ""),               # slope 3.77, type US
    ("derived/CR_mono1_15bit_odd977.dcm", 1, ""),       # MONOCHROME1
    ("pydicom-data/emri_small.dcm", 5, ""),             # multi-frame MR
    ("pydicom-data/eCT_Supplemental.dcm", 2, "HU"),     # enhanced CT, frame 2
    ("derived/dicomdir/IMAGES/PT000001", 1, "BQML"),    # signed PET
    ("pydicom-data/JPEG2000_UNC.dcm", 1, ""),           # NM, signed 16-bit
    ("pydicom-data/parametric_map_float.dcm", 1, ""),   # Float Pixel Data
    ("pydicom-data/parametric_map_double_float.dcm", 1, ""),  # Double Float
)
CORPUS_CR = "derived/CR_mono1_15bit_odd977.dcm"


def check_files(root, files, label, tmp, cr):
    """measure and histogram against numpy on each (file, frame, unit) of root, and on CRs with
    Imager Pixel Spacing made from root's CR."""
    for rel, frame, unit in files:
        path = os.path.join(root, rel)
        try:
            check_file(f"{label} {rel}" + (f" frame {frame}" if frame > 1 else ""), path,
                       frame=frame, unit=unit)
        except Exception as e:
            case(f"{label} {rel}", False, f"{type(e).__name__}: {e}")
    try:
        check_projection(tmp, os.path.join(root, cr))
    except Exception as e:
        case(f"projection radiographs from {label} {cr}", False, f"{type(e).__name__}: {e}")


def in_repo_part(tmp):
    for step in (check_phantom, check_edges):
        try:
            step(tmp)
        except Exception as e:
            case(step.__name__, False, f"{type(e).__name__}: {e}")
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
    for name, unit in (("CT_small.dcm", "HU"), ("MR_small.dcm", ""), ("rtdose.dcm", None)):
        path = os.path.join(PYDICOM_FILES, name)
        try:
            check_file(f"pydicom {name}", path, unit=unit)
            if name == "rtdose.dcm":
                check_file("pydicom rtdose.dcm frame 7", path, frame=7, n_random=2)
        except Exception as e:
            case(f"pydicom {name}", False, f"{type(e).__name__}: {e}")
    check_files(testfiles.SAMPLES, SAMPLE_FILES, "sample", tmp, SAMPLE_CR)
    check_never_crash(testfiles.manifest_files(testfiles.SAMPLES), "tests/samples")
    crashers = os.path.join(SOURCE, "tests", "crashers")
    check_never_crash(sorted(os.path.join(crashers, f) for f in os.listdir(crashers)),
                      "tests/crashers")


def corpus_part(tmp):
    if not testfiles.have_corpus(CORPUS):
        results.append(("corpus files", None, f"no corpus at {CORPUS!r}"))
        return
    check_never_crash(testfiles.manifest_files(CORPUS), "the corpus")
    check_files(CORPUS, CORPUS_FILES, "corpus", tmp, CORPUS_CR)


def main():
    parts = testfiles.parts_asked("measure-corpus", CORPUS)
    if parts is None:
        return 2
    tmp = tempfile.mkdtemp(prefix="lb-measure-")
    try:
        if "in-repo" in parts:
            in_repo_part(tmp)
        if "corpus" in parts:
            corpus_part(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.report(results)


if __name__ == "__main__":
    sys.exit(main())
