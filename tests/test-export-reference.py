#!/usr/bin/python3
"""lightbox-cli export against independent references (TAP).

1. The 12 DCMTK references in corpus/reference (dcm2pnm +Wi 1): every pixel within 1 grey level,
   at least 99.9 % equal.
2. Every other grey file DCMTK decodes (dcm2pnm, dcmj2pnm, dcml2pnm per MANIFEST.tsv), frame 1,
   rendered by DCMTK at test time with the same window (stored window 1, else +Ww over the
   pydicom modality range); colour files as RGB.
3. 16-bit export: stored values (+32768 when signed) and, with --modality, modality values plus
   the stated offset, against pydicom; the tEXt chunks carry the numbers.
4. CLI contract: negative --window centre in both spellings, presets, exit codes, no temporary
   files left, the input never overwritten.

1-3 need the shared corpus and are skipped without it; 4 and the in-repo files of 3 use
tests/samples, so they run in a clone of the project alone.

Usage: test-export-reference.py  (LB_CLI, LB_CORPUS and LB_SAMPLES from the environment)
"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pydicom
from PIL import Image

import tap  # tests/tap.py, beside this script
import testfiles  # tests/testfiles.py, beside this script

warnings.filterwarnings("ignore")
CLI = os.environ["LB_CLI"]
CORPUS = os.environ["LB_CORPUS"]
TMP = tempfile.mkdtemp(prefix="lb-export-")
results = []
LOSSY = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81",
         "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.203"}


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def skip(name, why):
    results.append((name, None, why))


def cli(*args):
    # The checks reuse a few output names from file to file: exports replace them (--force;
    # a PNG only, never an input, as the victim check below shows).
    if args and args[0] == "export":
        args = ("export", "--force", *args[1:])
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


def png(path):
    return np.asarray(Image.open(path)).astype(np.int64)


def compare(a, b, tol, min_equal):
    if a.shape != b.shape:
        return False, f"shape {a.shape} vs {b.shape}"
    d = np.abs(a - b)
    eq = float((d == 0).mean())
    return d.max() <= tol and eq >= min_equal, f"max diff {d.max()}, {100 * eq:.3f} % equal"


def first(v):
    return float(v[0]) if isinstance(v, pydicom.multival.MultiValue) else float(v)


def references():
    ref_dir = os.path.join(CORPUS, "reference")
    for name in sorted(os.listdir(ref_dir)):
        if not name.endswith(".win1.png"):
            continue
        src = os.path.join(CORPUS, name[:-len(".win1.png")].replace("__", "/"))
        out = os.path.join(TMP, name)
        r = cli("export", "--voi", "1", src, "-o", out)
        if r.returncode != 0:
            check(f"reference {name}", False, r.stderr.strip())
            continue
        ok, detail = compare(png(out), png(os.path.join(ref_dir, name)), 1, 0.999)
        check(f"reference {name}", ok, detail)


def dcmtk_files():
    with open(os.path.join(CORPUS, "MANIFEST.tsv")) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    refs = {n[:-len(".win1.png")].replace("__", "/") for n in os.listdir(os.path.join(CORPUS, "reference"))}
    for row in rows:
        tool = row["dcmtk_decode"]
        path = row["path"]
        if tool not in ("dcm2pnm", "dcmj2pnm", "dcml2pnm") or path in refs:
            continue
        if shutil.which(tool) is None:
            skip(f"dcmtk {path}", f"{tool} not installed")
            continue
        src = os.path.join(CORPUS, path)
        ds = pydicom.dcmread(src, force=True)
        pi = row["photometric"]
        ours = os.path.join(TMP, path.replace("/", "__") + ".png")
        theirs = ours + ".dcmtk.png"
        if pi in ("MONOCHROME1", "MONOCHROME2"):
            if "WindowCenter" in ds and "WindowWidth" in ds:
                a = ["--voi", "1"]
                b = ["+Wi", "1"]
            else:
                slope = float(getattr(ds, "RescaleSlope", 1))
                icpt = float(getattr(ds, "RescaleIntercept", 0))
                try:
                    arr = ds.pixel_array
                    if int(getattr(ds, "NumberOfFrames", 1) or 1) > 1:
                        arr = arr[0]
                    lo, hi = float(arr.min()), float(arr.max())
                except Exception:
                    # pydicom has no decoder for it: window over the BitsStored range instead.
                    bs = int(ds.BitsStored)
                    lo, hi = (-(1 << (bs - 1)), (1 << (bs - 1)) - 1) if int(ds.PixelRepresentation) \
                        else (0, (1 << bs) - 1)
                m = np.array([lo, hi]) * slope + icpt
                c, w = round((m.min() + m.max()) / 2), max(2, round(m.max() - m.min()))
                a = [f"--window={c},{w}"]
                b = ["+Ww", str(c), str(w)]
            tol, need = 1, 0.999
        else:
            a, b = [], []
            # Colour, YBR included: Lightbox converts YBR with DCMTK's own arithmetic
            # (src/dicom/dicom-ybr.c), so every sample is equal.
            tol, need = 0, 1.0
        if row["transfer_syntax_uid"] in LOSSY:
            # Lossy JPEG: IDCT implementations may differ by one level (ISO 10918-2 allows it).
            tol, need = max(tol, 1), min(need, 0.99)
        r = cli("export", *a, src, "-o", ours)
        # -O: DCMTK burns overlays in by default; the export shows pixel data only.
        d = subprocess.run([tool, *b, "-O", "+on", src, theirs], capture_output=True, text=True)
        if r.returncode != 0:
            check(f"dcmtk {path}", False, "lightbox: " + r.stderr.strip())
            continue
        if d.returncode != 0 or not os.path.exists(theirs):
            skip(f"dcmtk {path}", f"{tool} failed")
            continue
        ok, detail = compare(png(ours), png(theirs), tol, need)
        check(f"dcmtk {path} ({' '.join(b) or 'colour'})", ok, detail)


def sixteen_bit():
    for path in ("pydicom-data/693_UNCR.dcm", "imgproc/ID_0000_AGE_0060_CONTRAST_1_CT.dcm",
                 "derived/CT_signed14_expb.dcm", "pydicom-data/MR2_UNCR.dcm",
                 "derived/CR_mono1_15bit_odd977.dcm", "dicompyler-core/ct.0.dcm",
                 "generated/CR_mono1_15bit_160.dcm"):
        src = testfiles.find(path)
        if src is None:
            skip(f"16-bit {path}", "not in tests/samples and no corpus")
            continue
        ds = pydicom.dcmread(src)
        stored = ds.pixel_array.astype(np.int64)
        signed = int(ds.PixelRepresentation) == 1
        out = os.path.join(TMP, "s16.png")
        r = cli("export", "--bits", "16", src, "-o", out)
        if r.returncode != 0:
            check(f"16-bit stored {path}", False, r.stderr)
            continue
        im = Image.open(out)
        got = np.asarray(im).astype(np.int64)
        want = stored + (32768 if signed else 0)
        check(f"16-bit stored {path}", im.mode.startswith("I") and np.array_equal(got, want),
              f"mode {im.mode}, offset {im.text.get('Offset')}")
        check(f"16-bit text {path}", im.text.get("SOPInstanceUID") == str(ds.SOPInstanceUID)
              and im.text.get("Frame") == "1" and float(im.text.get("Offset")) == (32768 if signed else 0),
              str(im.text))
        slope = float(getattr(ds, "RescaleSlope", 1))
        icpt = float(getattr(ds, "RescaleIntercept", 0))
        r = cli("export", "--bits", "16", "--modality", src, "-o", out)
        im = Image.open(out)
        got = np.asarray(im).astype(np.int64)
        off = float(im.text["Offset"])
        mod = stored * slope + icpt
        want = np.clip(np.floor(mod + off + 0.5), 0, 65535).astype(np.int64)
        ok = np.array_equal(got, want) and float(im.text["RescaleSlope"]) == slope \
            and float(im.text["RescaleIntercept"]) == icpt
        if getattr(ds, "Modality", "") == "CT":
            ok = ok and off == 32768   # CLI.md: HU + 32768
        check(f"16-bit modality {path}", ok, f"offset {off}")


def contract():
    src = testfiles.sample("dicompyler-core/ct.0.dcm")   # a signed CT
    a, b, c = (os.path.join(TMP, n) for n in ("neg1.png", "neg2.png", "lung.png"))
    r1 = cli("export", "--window", "-600,1500", src, "-o", a)
    r2 = cli("export", "--window=-600,1500", src, "-o", b)
    r3 = cli("export", "--preset", "lung", src, "-o", c)
    check("--window -600,1500 and --window=-600,1500",
          r1.returncode == 0 and r2.returncode == 0 and np.array_equal(png(a), png(b)),
          r1.stderr + r2.stderr)
    check("--preset lung is -600,1500", r3.returncode == 0 and np.array_equal(png(a), png(c)))
    theirs = os.path.join(TMP, "neg.dcmtk.png")
    subprocess.run(["dcm2pnm", "+Ww", "-600", "1500", "+on", src, theirs], capture_output=True)
    if os.path.exists(theirs):
        ok, detail = compare(png(a), png(theirs), 1, 0.999)
        check("--window -600,1500 vs dcm2pnm +Ww -600 1500", ok, detail)
    check("unknown preset is a usage error", cli("export", "--preset", "nope", src, "-o", a).returncode == 1)
    check("two window options are a usage error",
          cli("export", "--minmax", "--voi", "2", src, "-o", a).returncode == 1)
    check("bad --bits is a usage error", cli("export", "--bits", "12", src, "-o", a).returncode == 1)
    outdir = os.path.join(TMP, "mixed")
    r = cli("export", "/etc/hostname", src, "-o", outdir)
    check("unreadable input: exit 2, error line, other input exported",
          r.returncode == 2 and r.stderr.startswith("lightbox-cli: /etc/hostname: ")
          and os.listdir(outdir) == ["ct.0-1.png"], f"{r.returncode} {r.stderr!r} {os.listdir(outdir)}")
    mf = testfiles.sample("pydicom-data/emri_small.dcm")
    outdir = os.path.join(TMP, "frames")
    r = cli("export", "--all-frames", mf, "-o", outdir)
    names = sorted(os.listdir(outdir))
    check("--all-frames writes one PNG per frame, no temporary files",
          r.returncode == 0 and len(names) == 10 and all(n.endswith(".png") for n in names), str(names))
    ds = pydicom.dcmread(mf)
    r = cli("export", "--frame", "7", "--bits", "16", mf, "-o", os.path.join(TMP, "f7.png"))
    check("--frame 7 --bits 16 is frame 7's stored values",
          r.returncode == 0 and np.array_equal(png(os.path.join(TMP, "f7.png")), ds.pixel_array[6]))
    check("--frame past the end: exit 2",
          cli("export", "--frame", "11", mf, "-o", os.path.join(TMP, "f11.png")).returncode == 2)
    victim = os.path.join(TMP, "victim.png")
    shutil.copy(src, victim)
    before = open(victim, "rb").read()
    r = cli("export", victim, "-o", victim)
    check("refuses to overwrite its input", r.returncode == 2 and open(victim, "rb").read() == before,
          r.stderr)
    r = cli("presets", "--json")
    import json
    p = {x["name"]: x for x in json.loads(r.stdout)}
    need = {"brain", "subdural", "stroke", "lung", "mediastinum", "abdomen", "liver", "bone"}
    check("presets --json", r.returncode == 0 and need <= set(p)
          and p["lung"]["lower"] == -1350 and p["lung"]["upper"] == 150
          and all(x["source"] for x in p.values()))
    r = cli("presets")
    check("presets text", r.returncode == 0 and "lung" in r.stdout and "-600" in r.stdout)


def main():
    if testfiles.have_corpus():
        references()
        dcmtk_files()
    else:
        skip("references and DCMTK comparisons", f"no DICOM corpus at {CORPUS} (-Dcorpus=PATH)")
    sixteen_bit()
    contract()
    shutil.rmtree(TMP, ignore_errors=True)
    return tap.report(results)


if __name__ == "__main__":
    sys.exit(main())
