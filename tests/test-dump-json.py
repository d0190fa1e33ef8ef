#!/usr/bin/python3
"""`lightbox-cli dump --json` against pydicom's Dataset.to_json_dict(), file by file.

For every file of MANIFEST.tsv in LB_CORPUS and every file of pydicom's own test files (its
odd cases: private sequences, ambiguous VRs in implicit VR, DICOMDIRs), both JSON trees are compared element by element,
sequences recursively: the same tags, the same VR, the same values (numbers compared as
numbers, PN by component group, binary values by their bytes: an InlineBinary is decoded, a
BulkDataURI is read from the file at its offset and length). The file meta group must be absent
without --meta and must match pydicom's file_meta with it.

Where pydicom and the DICOM JSON Model (or the file) disagree by convention, the difference is
accepted by a rule in `convention_equal` that says why; nothing is skipped silently. Every
accepted difference is counted and printed, so the report shows what differs and why.
"""
import base64
import concurrent.futures
import json
import math
import os
import subprocess
import sys
import urllib.parse
import warnings
from collections import Counter

import pydicom
from pydicom import config

import testfiles  # tests/testfiles.py, beside this script

CLI = os.environ["LB_CLI"]
CORPUS = os.environ["LB_CORPUS"]
INLINE_MAX = 1024
PYDICOM_TEST_FILES = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")
PYDICOM_PREFIX = "pydicom-test-files/"

# An explicit-VR UN element of a known tag is read with the dictionary VR, by pydicom
# (config.replace_un_with_known_vr, on by default) and by the parser alike: say so here, so
# the comparison does not depend on pydicom's default.
config.replace_un_with_known_vr = True
# pydicom warns about every invalid value it meets; the comparison reports what matters.
warnings.simplefilter("ignore")

# Files that must fail (MANIFEST.tsv notes): dump exits 2 with an error line naming the
# element, and every element read before it still agrees with pydicom.
EXPECTED_FAILURES = {
    "pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm": (
        "7FE00010", "truncated: the sequence delimiter of the encapsulated Pixel Data is "
        "missing; pydicom warns and drops the element, the parser reports it"),
    PYDICOM_PREFIX + "MR_truncated.dcm": (
        "7FE00010", "truncated: Pixel Data cut short; pydicom keeps the bytes there are, the "
        "parser reports it"),
    PYDICOM_PREFIX + "rtplan_truncated.dcm": (
        "300A00B0", "truncated inside a sequence; pydicom keeps what it read of it, the parser "
        "reports it"),
}

# Not DICOM: dump exits 2 saying so, where pydicom's dcmread(force=True) makes elements of
# whatever bytes it is given.
NOT_DICOM = {
    PYDICOM_PREFIX + "no_meta.dcm": "a stray byte before the first tag (dcmdump fails too); "
                                    "pydicom's force reads a (0820,0500) of garbage",
    PYDICOM_PREFIX + "dicomdirtests/TINY_ALPHA/README": "a text file; pydicom's force reads it "
                                                         "as a UN element",
}

# Elements whose value is invalid: pydicom drops them from its JSON (suppress_invalid_tags),
# the parser keeps the text that is in the file.
INVALID_KEPT = {
    PYDICOM_PREFIX + "badVR.dcm": "00280008",
}

accepted = Counter()      # reason -> count
accepted_where = {}       # reason -> first example


def corpus_files():
    """(path, name in the report) of every file to compare."""
    with open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    files = [(os.path.join(CORPUS, r[0]), r[0]) for r in rows if r and r[0]]
    for root, _dirs, names in os.walk(PYDICOM_TEST_FILES):
        for name in sorted(names):
            if name.endswith((".txt", ".json", ".dump", ".gz", ".py")):
                continue   # pydicom's notes, references and compressed copies
            path = os.path.join(root, name)
            files.append((path, PYDICOM_PREFIX + os.path.relpath(path, PYDICOM_TEST_FILES)))
    return sorted(files, key=lambda f: f[1])


def accept(reason, where):
    accepted[reason] += 1
    accepted_where.setdefault(reason, where)
    return True


def bulk_bytes(uri):
    path, _, query = uri.partition("?")
    q = urllib.parse.parse_qs(query)
    offset, length = int(q["offset"][0]), int(q["length"][0])
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(length)


def binary_of(elem, where, errors):
    if "InlineBinary" in elem:
        return base64.b64decode(elem["InlineBinary"])
    if "BulkDataURI" in elem:
        data = bulk_bytes(elem["BulkDataURI"])
        if len(data) <= INLINE_MAX:
            errors.append(f"{where}: BulkDataURI for {len(data)} bytes (threshold {INLINE_MAX})")
        return data
    return b""


def numbers_equal(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) or isinstance(b, float):
            if math.isnan(a) and math.isnan(b):
                return True
            return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-300)
        return a == b
    return False


def pn_normal(v):
    if v is None:
        return {}
    return {k: s for k, s in v.items() if s not in ("", None)}


def value_equal(vr, ours, ref, where, errors):
    if ours == ref:
        return True
    # PS3.18 F.2.5 writes an empty value inside a multi-valued element as null; pydicom 2.3
    # keeps "" for strings.
    if ours is None and ref in ("", {}, None):
        return accept("empty value: null (PS3.18 F.2.5) vs pydicom's \"\"", where)
    if vr == "PN":
        if pn_normal(ours) == pn_normal(ref):
            return accept("PN: pydicom lists empty component groups, we omit them", where)
        return False
    if vr in ("DS", "IS", "FL", "FD", "SL", "SS", "UL", "US", "SV", "UV"):
        if numbers_equal(ours, ref):
            return True
        if isinstance(ours, str) and isinstance(ref, str) and ours.strip() == ref.strip():
            # Not a number in the file: both keep the text.
            return accept(f"{vr} value that is not a number kept as text", where)
        return False
    if isinstance(ours, str) and isinstance(ref, str):
        # pydicom strips trailing padding but keeps leading spaces of every VR; PS3.5 6.2
        # makes leading spaces insignificant for all VRs but LT, ST, UT.
        if vr not in ("LT", "ST", "UT") and ours == ref.strip(" "):
            return accept("leading spaces: insignificant by PS3.5 6.2, pydicom keeps them", where)
        if vr in ("LT", "ST", "UT", "UC", "UR") and ours == ref.rstrip(" \0"):
            return accept("trailing padding of a text VR", where)
    return False


STRING_VRS = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "SH", "ST", "TM", "UC",
              "UI", "UR", "UT"}


def compare_element(tag, ours, ref, where, errors):
    where = f"{where}/{tag}"
    vr_o, vr_r = ours.get("vr"), ref.get("vr")
    # Private elements are typed through their creator's dictionary, and "US or SS" / "US or
    # OW" by Pixel Representation / LUT Descriptor, as pydicom does: every VR must agree.
    if vr_o != vr_r:
        if {vr_o, vr_r} <= {"OB", "OW", "OB or OW"} and tag in ("7FE00010",):
            accept("Pixel Data VR: OB/OW both valid per PS3.5 A.1", where)
        else:
            errors.append(f"{where}: vr {vr_o} != pydicom {vr_r}")
            return
    vr = vr_r if vr_r in ("SQ",) else vr_o
    binary_o = "InlineBinary" in ours or "BulkDataURI" in ours
    binary_r = "InlineBinary" in ref or "BulkDataURI" in ref
    if binary_o or binary_r:
        a = binary_of(ours, where, errors)
        b = binary_of(ref, where, errors)
        if a != b:
            errors.append(f"{where}: binary differs ({len(a)} vs pydicom {len(b)} bytes)")
        return
    vo, vref = ours.get("Value"), ref.get("Value")
    if vo is None and vref is None:
        return
    if vo is None or vref is None:
        if vref is not None and all(v in ("", None) for v in vref):
            accept("value of empty strings: PS3.18 omits Value", where)
            return
        errors.append(f"{where}: Value {vo!r:.80} vs pydicom {vref!r:.80}")
        return
    if len(vo) != len(vref):
        errors.append(f"{where}: VM {len(vo)} vs pydicom {len(vref)}: {vo!r:.80} / {vref!r:.80}")
        return
    for i, (a, b) in enumerate(zip(vo, vref)):
        if vr == "SQ" or (isinstance(a, dict) and isinstance(b, dict) and vr != "PN"):
            compare_dataset(a, b, f"{where}[{i}]", errors)
        elif not value_equal(vr, a, b, f"{where}[{i}]", errors):
            errors.append(f"{where}[{i}]: {a!r:.80} vs pydicom {b!r:.80}")


def compare_dataset(ours, ref, where, errors):
    if not isinstance(ours, dict) or not isinstance(ref, dict):
        errors.append(f"{where}: not an object")
        return
    for tag in sorted(set(ours) | set(ref)):
        if tag not in ours:
            errors.append(f"{where}/{tag}: missing (pydicom: {ref[tag]!r:.80})")
        elif tag not in ref:
            errors.append(f"{where}/{tag}: extra (ours: {ours[tag]!r:.80})")
        else:
            compare_element(tag, ours[tag], ref[tag], where, errors)


def run_dump(path, meta):
    args = [CLI, "dump", "--json", "--inline-max", str(INLINE_MAX)]
    if meta:
        args.append("--meta")
    proc = subprocess.run(args + [path], capture_output=True, timeout=60)
    return proc


def check_file(path, rel, proc, proc_meta):
    errors = []
    if rel in NOT_DICOM:
        if proc.returncode != 2 or "not a DICOM file" not in proc.stderr.decode():
            errors.append(f"{rel}: expected exit 2, not DICOM; got {proc.returncode}")
        accept(NOT_DICOM[rel], rel)
        return rel, errors, "not-dicom"
    try:
        ds = pydicom.dcmread(path, force=True)
        ref = ds.to_json_dict(bulk_data_threshold=10 ** 12, suppress_invalid_tags=True)
    except Exception as exc:   # pydicom cannot read it: we must fail cleanly then too
        if proc.returncode not in (0, 2) or proc.returncode == 2 and \
                not proc.stderr.decode(errors="replace").startswith("lightbox-cli: "):
            errors.append(f"{rel}: pydicom fails ({exc}) and dump exits {proc.returncode}")
        return rel, errors, "pydicom-error"
    stderr = proc.stderr.decode(errors="replace").strip()
    expected = EXPECTED_FAILURES.get(rel)
    if expected is not None:
        tag, reason = expected
        if proc.returncode != 2 or not stderr.startswith("lightbox-cli: ") or \
                f"({tag[:4]},{tag[4:]})" not in stderr:
            errors.append(f"{rel}: expected exit 2 naming ({tag[:4]},{tag[4:]}), got "
                          f"{proc.returncode}: {stderr}")
        accept(reason, rel)
    elif proc.returncode != 0:
        errors.append(f"{rel}: exit {proc.returncode}: {stderr}")
    try:
        ours = json.loads(proc.stdout) if proc.stdout.strip() else {}
    except json.JSONDecodeError as exc:
        errors.append(f"{rel}: invalid JSON: {exc}")
        return rel, errors, "invalid"
    if any(k.startswith("0002") for k in ours):
        errors.append(f"{rel}: group 0002 present without --meta")
    if rel in INVALID_KEPT:
        tag = INVALID_KEPT[rel]
        if tag in ref or tag not in ours:
            errors.append(f"{rel}/{tag}: expected an invalid value pydicom drops and we keep")
        ours.pop(tag, None)
        accept("invalid value: pydicom drops the element from its JSON, the parser keeps the "
               "text in the file", rel)
    if expected is not None:
        ours.pop(expected[0], None)
        ref.pop(expected[0], None)
    compare_dataset(ours, ref, rel, errors)

    # --meta: the meta group first, matching pydicom's file_meta.
    try:
        ours_meta = json.loads(proc_meta.stdout) if proc_meta.stdout.strip() else {}
    except json.JSONDecodeError as exc:
        errors.append(f"{rel} --meta: invalid JSON: {exc}")
        return rel, errors, "invalid"
    meta_ref = ds.file_meta.to_json_dict(bulk_data_threshold=10 ** 12,
                                         suppress_invalid_tags=True) \
        if getattr(ds, "file_meta", None) is not None else {}
    ours_meta_only = {k: v for k, v in ours_meta.items() if k.startswith("0002")}
    compare_dataset(ours_meta_only, meta_ref, rel + " --meta", errors)
    return rel, errors, "compared"


def main():
    testfiles.skip_without_corpus("dump-json", CORPUS)
    files = corpus_files()
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        procs = list(pool.map(lambda f: (run_dump(f[0], False), run_dump(f[0], True)), files))
    agree, failed = 0, []
    for (path, rel), (proc, proc_meta) in zip(files, procs):
        rel, errors, kind = check_file(path, rel, proc, proc_meta)
        if errors:
            failed.append((rel, errors))
        else:
            agree += 1
    for rel, errors in failed:
        print(f"FAIL {rel}: {len(errors)} difference(s)")
        for e in errors[:15]:
            print("   ", e)
        if len(errors) > 15:
            print(f"    ... {len(errors) - 15} more")
    print(f"\n{agree} of {len(files)} corpus files agree with pydicom {pydicom.__version__}")
    if accepted:
        print("Accepted differences (convention, not error):")
        for reason, n in accepted.most_common():
            print(f"  {n:6d} x {reason}  (e.g. {accepted_where[reason]})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
