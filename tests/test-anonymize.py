#!/usr/bin/python3
"""`lightbox-cli anonymize` (issue 13 §1): the PS3.15 Annex E profile on the teaching phantom, on
the Korean and Japanese files of pydicom's charset_files and on the whole shared corpus: every
profile attribute gone or replaced at any depth, private elements gone, UIDs replaced
consistently over a run, pixel data and transfer syntax kept, output read by pydicom (warnings
as errors), dcmdump and dciodvfy with no error the input did not have, originals unchanged.
Run by meson with LB_CLI, LB_SOURCE_ROOT and LB_CORPUS set, as two tests:
  test-anonymize.py in-repo   the phantom, pydicom's charset files and tests/samples (always runs)
  test-anonymize.py corpus    the whole shared corpus (exit 77, SKIP, with a message without it)
With no argument, both."""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

import pydicom
import pydicom.config
from pydicom.tag import Tag

import testfiles  # tests/testfiles.py, beside this script

CLI = os.environ.get("LB_CLI", "lightbox-cli")
SOURCE = os.environ.get("LB_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
CORPUS = os.environ.get("LB_CORPUS", "")
CHARSET_FILES = "/usr/lib/python3/dist-packages/pydicom/data/charset_files"
WELL_KNOWN = "1.2.840.10008."
# What the output says about its de-identification (checked on their own).
RECORDS = {0x00120062, 0x00120063, 0x00120064, 0x00280303}
# The dummies of action D: a value that already was one stays the same.
DUMMIES = {"19000101", "19000101000000", "000000", "000Y", "0", "ANONYMIZED"}
UID_RE = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$")

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)
    return condition


# ---- The profile table, read back from the generated header --------------------------------

def load_profile():
    """[(tag, mask, action)] with the action the library takes without options: U > D > Z > X."""
    rules = []
    path = os.path.join(SOURCE, "src", "dicom", "dicom-deid-table.h")
    for m in re.finditer(r"\{ 0x([0-9a-f]{8})u, 0x([0-9a-f]{8})u, ([A-Z_| ]+), ", open(path).read()):
        bits = m.group(3)
        action = next(a for a in "UDZX" if f"LB_DEID_{a}" in bits)
        rules.append((int(m.group(1), 16), int(m.group(2), 16), action))
    return rules


PROFILE = load_profile()
EXACT = {tag: action for tag, mask, action in PROFILE if mask == 0xFFFFFFFF}
MASKED = [(tag, mask, action) for tag, mask, action in PROFILE if mask != 0xFFFFFFFF]


def profile_action(tag):
    if tag in EXACT:
        return EXACT[tag]
    for t, mask, action in MASKED:
        if tag & mask == t:
            return action
    return None


# ---- Reading -------------------------------------------------------------------------------

def read_strict(path, allow_deprecation=False):
    """pydicom with its validation raising and every warning an error; the dataset or the error.
    pydicom 2.x deprecates its own DicomDir class for every DICOMDIR: allow_deprecation=True
    lets that one pass."""
    old = pydicom.config.settings.reading_validation_mode
    pydicom.config.settings.reading_validation_mode = pydicom.config.RAISE
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            if allow_deprecation:
                warnings.simplefilter("ignore", DeprecationWarning)
            ds = pydicom.dcmread(path)
            for elem in ds.iterall():   # decodes every value, text in its character set too
                elem.value
            return ds, None
    except Exception as e:   # noqa: BLE001 - any failure is the answer
        return None, f"{type(e).__name__}: {e}"
    finally:
        pydicom.config.settings.reading_validation_mode = old


def read_lenient(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pydicom.dcmread(path)


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def hashes(paths):
    return {p: sha256(p) for p in paths}


def dicom_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                head = f.read(132)
            if len(head) == 132 and head[128:] == b"DICM":
                out.append(path)
    return out


def anonymize(inputs, outdir, *options):
    r = subprocess.run([CLI, "anonymize", *options, *inputs, "-o", outdir], capture_output=True)
    pairs = {}
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        if " -> " in line and not line.startswith(" "):
            src, dst = line.split(" -> ", 1)
            pairs[src] = dst
    return r, pairs


# ---- Checks on one input/output pair --------------------------------------------------------

def is_private(tag):
    return tag.group % 2 == 1 and tag.group > 8 and tag.group != 0xFFFF


def value_empty(elem):
    return elem.value is None or elem.value == "" or elem.value == b"" or \
        (elem.VR == "SQ" and len(elem.value) == 0)


def compare_dataset(src, dst, where, problems, seen_tags, uid_pairs):
    """Every element of src as the profile wants it in dst, recursively."""
    for elem in src:
        tag = elem.tag
        label = f"{where}({tag.group:04X},{tag.element:04X})"
        if tag.element == 0 or tag == Tag(0xFFFC, 0xFFFC) or int(tag) in RECORDS:
            continue
        if is_private(tag) or 0x6000 <= tag.group <= 0x601E:
            if tag in dst:
                problems.append(f"{label} private or overlay element still there")
            continue
        action = profile_action(int(tag))
        if action is not None:
            seen_tags.add(int(tag))
        out = dst.get(tag)
        if action == "X":
            if out is not None:
                problems.append(f"{label} should be removed")
        elif action == "Z":
            if out is not None and not value_empty(out):
                problems.append(f"{label} should be empty, is {out.value!r:.60}")
        elif action in ("D", "U") and elem.VR != "SQ":
            if out is None:
                problems.append(f"{label} missing (should be replaced)")
            elif not value_empty(elem) and out.value == elem.value:
                old = str(elem.value)
                if not (action == "U" and old.startswith(WELL_KNOWN)) and old not in DUMMIES:
                    problems.append(f"{label} not replaced: {old:.60}")
            elif action == "U":
                olds = elem.value if elem.VM > 1 else [elem.value]
                news = out.value if out.VM > 1 else [out.value]
                for o, n in zip(olds, news):
                    if not str(n).startswith(WELL_KNOWN) and o and \
                            (not str(n).startswith("2.25.") or not UID_RE.match(str(n))
                             or len(str(n)) > 64):
                        problems.append(f"{label} new UID {n} is not a 2.25 UID")
                    uid_pairs.append((str(o), str(n), label))
        elif elem.VR == "SQ" and out is not None:   # kept, D or U on a sequence: items recurse
            if action != "Z":
                if len(out.value) != len(elem.value):
                    problems.append(f"{label} has {len(out.value)} items, not {len(elem.value)}")
                for i, (a, b) in enumerate(zip(elem.value, out.value), 1):
                    compare_dataset(a, b, f"{label}[{i}]/", problems, seen_tags, uid_pairs)
        elif action is None and out is None and tag != Tag(0x7FE0, 0x0010):
            problems.append(f"{label} outside the profile but removed")


def check_pair(src_path, dst_path, seen_tags, uid_pairs, strict_ok, expect_pixels_same=True):
    """Returns a list of problems (empty: fine)."""
    problems = []
    src = read_lenient(src_path)
    dst, err = read_strict(dst_path)
    if dst is None:
        if strict_ok:
            return [f"pydicom (strict) fails on the output: {err}"]
        dst = read_lenient(dst_path)
    compare_dataset(src, dst, "", problems, seen_tags, uid_pairs)
    codes = {i.get("CodeValue") for i in dst.get("DeidentificationMethodCodeSequence", [])}
    if "113100" not in codes:
        problems.append("no code 113100 in the De-identification Method Code Sequence")
    if dst.get("PatientIdentityRemoved") != "YES":
        problems.append("PatientIdentityRemoved is not YES")
    if not dst.get("DeidentificationMethod"):
        problems.append("no DeidentificationMethod")
    if dst.file_meta.MediaStorageSOPInstanceUID != dst.SOPInstanceUID:
        problems.append("MediaStorageSOPInstanceUID differs from SOPInstanceUID")
    if not re.fullmatch(re.escape(dst.SOPInstanceUID) + r"(-[0-9]+)?\.dcm",
                        os.path.basename(dst_path)):
        problems.append(f"output name {os.path.basename(dst_path)} is not the new SOP Instance UID")
    ts_in = str(src.file_meta.TransferSyntaxUID)
    ts_out = str(dst.file_meta.TransferSyntaxUID)
    big_endian = ts_in == "1.2.840.10008.1.2.2"
    if ts_out != (ts_in if not big_endian else "1.2.840.10008.1.2.1"):
        problems.append(f"transfer syntax {ts_in} became {ts_out}")
    if expect_pixels_same and "PixelData" in src and not big_endian:
        if "PixelData" not in dst or dst.PixelData != src.PixelData:
            problems.append("pixel data differs")
    if expect_pixels_same and "PixelData" in src and big_endian:
        # pydicom reads 8-bit OW big endian data differently from DCMTK; DCMTK is the judge.
        # DCMTK cannot render some (32-bit RGB): then pydicom, which can, judges.
        before, after = render(src_path), render(dst_path)
        if before is None:
            same = src.pixel_array.tobytes() == dst.pixel_array.tobytes()
        else:
            same = before == after
        if not same:
            problems.append("pixels differ (big endian input, as DCMTK or else pydicom decodes them)")
    return problems


def render(path):
    """DCMTK's 8-bit rendering of frame 1 (bytes), or None when it cannot render the file."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "frame.pnm")
        r = subprocess.run(["dcm2pnm", "--write-raw-pnm", path, out], capture_output=True)
        return open(out, "rb").read() if r.returncode == 0 and os.path.exists(out) else None


def dciodvfy_errors(path):
    r = subprocess.run(["dciodvfy", path], capture_output=True, text=True, errors="replace")
    # Values differ after de-identification; the kind of error and its attribute do not.
    return {re.sub(r"<[^>]*>|\[[^\]]*\]|\"[^\"]*\"|- Value = .*", "", line).strip()
            for line in (r.stdout + r.stderr).splitlines() if line.startswith("Error")}


def dcmdump_ok(path):
    r = subprocess.run(["dcmdump", "-q", path], capture_output=True, text=True, errors="replace")
    return r.returncode == 0 and "E:" not in r.stderr


def check_consistent(uid_pairs, what):
    forward, backward, bad = {}, {}, []
    for old, new, label in uid_pairs:
        if old.startswith(WELL_KNOWN) or not old:
            continue
        if forward.setdefault(old, new) != new:
            bad.append(f"{label}: {old} gave {forward[old]} and {new}")
        if backward.setdefault(new, old) != old:
            bad.append(f"{label}: {new} came from {backward[new]} and {old}")
        if old == new:
            bad.append(f"{label}: {old} kept")
    check(not bad, f"{what}: UIDs replaced one to one over the run ({len(forward)} UIDs)"
          + (f": {bad[:3]}" if bad else ""))


# ---- The phantom (always) ---------------------------------------------------------------------

def phantom_part(tmp):
    src = os.path.join(tmp, "phantom")
    subprocess.run([CLI, "phantom", src], check=True, capture_output=True)
    inputs = dicom_files(src)
    check(len(inputs) == 24, "the phantom has 24 files")
    before = hashes(inputs)
    out = os.path.join(tmp, "phantom-anon")
    r, pairs = anonymize([src], out)
    check(r.returncode == 0, f"anonymize of the phantom folder exits 0 ({r.stderr.decode()[:200]})")
    written = sorted(os.listdir(out))
    check(len(written) == 24 and len(pairs) == 24, f"24 files written ({len(written)})")
    check(all(re.fullmatch(r"2\.25\.[0-9]+\.dcm", n) for n in written),
          "output names are 2.25 UIDs, nothing of the patient")

    seen, uid_pairs, problems = set(), [], []
    studies, series, frames = set(), set(), set()
    for s, d in sorted(pairs.items()):
        p = check_pair(s, d, seen, uid_pairs, strict_ok=True)
        problems += [f"{os.path.basename(s)}: {x}" for x in p]
        ds = read_lenient(d)
        studies.add(ds.StudyInstanceUID)
        series.add(ds.SeriesInstanceUID)
        frames.add(ds.FrameOfReferenceUID)
        if ds.PatientName or "PhantomLIGHTBOX" in str(ds.PatientID):
            problems.append(f"{d}: patient name or ID left")
    check(not problems, "phantom: every profile attribute gone or replaced, pixels identical, "
          "transfer syntax kept, pydicom strict reads every output" + (f": {problems[:5]}" if problems else ""))
    orig = read_lenient(inputs[0])
    check(len(studies) == 1 and orig.StudyInstanceUID not in studies,
          "one new Study Instance UID for the 24 slices, not the old one")
    check(len(series) == 1 and orig.SeriesInstanceUID not in series,
          "one new Series Instance UID for the 24 slices, not the old one")
    check(len(frames) == 1 and orig.FrameOfReferenceUID not in frames,
          "one new Frame of Reference UID for the 24 slices")
    check_consistent(uid_pairs, "phantom")
    check(hashes(inputs) == before, "originals unchanged (SHA-256 before and after)")

    new_errors = {}
    for s, d in list(pairs.items())[:3]:
        extra = dciodvfy_errors(d) - dciodvfy_errors(s)
        if extra:
            new_errors[s] = sorted(extra)
    check(not new_errors, f"dciodvfy: no new errors on the phantom {new_errors}")
    check(all(dcmdump_ok(d) for d in pairs.values()), "dcmdump reads every phantom output")

    # --diff: old and new values of what changed.
    r, _ = anonymize([inputs[0]], os.path.join(tmp, "diff"), "--diff")
    text = r.stdout.decode()
    check(r.returncode == 0 and re.search(r"emptied +\(0010,0010\) PatientName \"Phantom\^Teaching", text)
          and re.search(r"replaced \(0020,000D\) StudyInstanceUID \"[0-9.]+\" -> \"2\.25\.[0-9]+\"", text)
          and re.search(r"removed +\(0020,4000\) ImageComments", text),
          "--diff lists emptied, replaced (old -> new) and removed elements")

    # Options: dates, patient characteristics, --keep, a user's name in the file's charset.
    r, p = anonymize([inputs[0]], os.path.join(tmp, "retain"), "--retain", "dates",
                     "--retain=patient-characteristics", "--keep", "SeriesDescription",
                     "--keep", "(0008,1030)", "--patient-name", "홍^길동", "--patient-id", "CASE-7")
    ds = read_lenient(next(iter(p.values()))) if p else None
    check(ds is not None and ds.StudyDate == orig.StudyDate and ds.PatientSex == orig.PatientSex
          and ds.SeriesDescription == orig.SeriesDescription
          and ds.StudyDescription == orig.StudyDescription
          and str(ds.PatientName) == "홍^길동" and ds.PatientID == "CASE-7"
          and ds.LongitudinalTemporalInformationModified == "UNMODIFIED"
          and {i.CodeValue for i in ds.DeidentificationMethodCodeSequence} >= {"113100", "113106", "113108"},
          "--retain dates/patient-characteristics, --keep, --patient-name/-id are applied and recorded")

    # --shift-dates: one offset for the patient's 24 slices, 365 to 3652 days back.
    r, p = anonymize([src], os.path.join(tmp, "shift"), "--shift-dates")
    dates = {read_lenient(d).StudyDate for d in p.values()}
    shifted = read_lenient(next(iter(p.values()))) if p else None
    import datetime
    days = (datetime.date(*map(int, (orig.StudyDate[:4], orig.StudyDate[4:6], orig.StudyDate[6:])))
            - datetime.date(*map(int, (min(dates)[:4], min(dates)[4:6], min(dates)[6:])))).days \
        if len(dates) == 1 else None
    check(r.returncode == 0 and len(p) == 24 and days is not None and 365 <= days <= 3652
          and shifted.LongitudinalTemporalInformationModified == "MODIFIED"
          and "113107" in {i.CodeValue for i in shifted.DeidentificationMethodCodeSequence},
          f"--shift-dates moves the 24 slices' dates by one offset ({days} days) and says so")
    r2 = subprocess.run([CLI, "anonymize", "--shift-dates", "--retain", "dates", inputs[0], "-o", out],
                        capture_output=True)
    check(r2.returncode == 1, "--shift-dates with --retain dates: exit 1")

    # --blackout: the rectangle is black (the frame's minimum), the rest untouched.
    r, p = anonymize([inputs[0]], os.path.join(tmp, "blackout"), "--blackout", "10,20,30,5")
    ds = read_lenient(next(iter(p.values()))) if p else None
    if check(r.returncode == 0 and ds is not None, "--blackout on native pixels writes the file"):
        a, b = orig.pixel_array, ds.pixel_array
        inside = b[20:25, 10:40]
        outside = b.copy()
        outside[20:25, 10:40] = a[20:25, 10:40]
        check((inside == a.min()).all() and (outside == a).all() and (a[20:25, 10:40] != a.min()).any(),
              "--blackout blanks exactly the rectangle with the frame's darkest value")

    # Usage and input errors.
    r = subprocess.run([CLI, "anonymize", inputs[0]], capture_output=True, text=True)
    check(r.returncode == 1, "no -o OUTDIR: exit 1")
    r = subprocess.run([CLI, "anonymize", "--retain", "everything", inputs[0], "-o", out],
                       capture_output=True, text=True)
    check(r.returncode == 1, "--retain with an unknown option: exit 1")
    junk = os.path.join(tmp, "junk.dcm")
    open(junk, "wb").write(b"not dicom at all")
    r = subprocess.run([CLI, "anonymize", junk, "-o", os.path.join(tmp, "junk-out")],
                       capture_output=True, text=True)
    check(r.returncode == 2 and r.stderr.startswith(f"lightbox-cli: {junk}: "),
          f"a file that is not DICOM: exit 2, 'lightbox-cli: PATH: REASON' ({r.stderr.strip()})")


# ---- Korean and Japanese ------------------------------------------------------------------------

def charset_part(tmp):
    names = ["chrH31.dcm", "chrH32.dcm", "chrJapMulti.dcm", "chrKoreanMulti.dcm", "chrX1.dcm",
             "chrX2.dcm"]   # chrSQEncoding*: no SOP Instance UID, refused
    inputs = [os.path.join(CHARSET_FILES, n) for n in names
              if os.path.exists(os.path.join(CHARSET_FILES, n))]
    if not inputs:
        print("skip  pydicom's charset_files are not installed")
        return
    before = hashes(inputs)
    out = os.path.join(tmp, "charset")
    r, pairs = anonymize(inputs, out)
    ok_all, problems = True, []
    for s, d in pairs.items():
        strict = read_strict(s)[0] is not None
        p = check_pair(s, d, set(), [], strict_ok=strict)
        raw = open(d, "rb").read()
        dst = read_lenient(d)
        name = dst.get("PatientName")
        if name is not None and str(name) != "":
            p.append(f"PatientName left: {name}")
        # No escape sequence may be left where only a removed or emptied value had one.
        if b"\x1b" in raw and b"\x1b" not in b"".join(
                e.value if isinstance(e.value, bytes) else b"" for e in read_lenient(d).iterall()
                if e.tag != Tag(0x7FE0, 0x0010)) and all(
                e.VR not in ("PN", "LO", "SH", "ST", "LT", "UT", "UC") for e in dst.iterall()):
            p.append("stray escape bytes")
        problems += [f"{os.path.basename(s)}: {x}" for x in p]
    check(r.returncode == 0 and len(pairs) == len(inputs) and not problems,
          f"Korean/Japanese/UTF-8 files: names removed, the rest decodes strictly {problems[:4]}")
    check(hashes(inputs) == before, "charset originals unchanged")

    # A new name in Korean (ISO 2022 IR 149) and Japanese (ISO 2022 IR 87) files.
    for name, value in (("chrKoreanMulti.dcm", "홍^길동"), ("chrH31.dcm", "=山田^花子")):
        src = os.path.join(CHARSET_FILES, name)
        if not os.path.exists(src):
            continue
        r, p = anonymize([src], os.path.join(tmp, "name-" + name), "--patient-name", value)
        ds, err = read_strict(next(iter(p.values()))) if p else (None, r.stderr)
        check(ds is not None and str(ds.PatientName) == value,
              f"--patient-name {value} written in {name}'s character set and read back "
              f"({err or (ds.PatientName if ds else '')})")


# ---- A folder of files: tests/samples, the corpus --------------------------------------------

def folder_part(tmp, root, label, min_attributes):
    """Every DICOM file under root anonymized in one run and checked; label names the folder
    in the messages, min_attributes is how many attributes of the profile table it must meet."""
    inputs = [p for p in dicom_files(root) if os.path.basename(p) != "DICOMDIR"]
    before = hashes(inputs)
    out = os.path.join(tmp, label)
    r, pairs = anonymize([root], out)
    check(len(pairs) > 0.8 * len(inputs),
          f"{label} in one run: {len(pairs)} of {len(inputs)} files written "
          f"(exit {r.returncode}; refused: {r.stderr.decode()[:300]})")
    seen, uid_pairs, problems, new_errors, dump_errors = set(), [], [], {}, []
    for s, d in sorted(pairs.items()):
        strict = read_strict(s)[0] is not None
        try:
            p = check_pair(s, d, seen, uid_pairs, strict_ok=strict)
        except Exception as e:   # noqa: BLE001
            p = [f"{type(e).__name__}: {e}"]
        problems += [f"{os.path.relpath(s, root)}: {x}" for x in p]
        extra = dciodvfy_errors(d) - dciodvfy_errors(s)
        if extra:
            new_errors[os.path.relpath(s, root)] = sorted(extra)[:3]
        if dcmdump_ok(s) and not dcmdump_ok(d):
            dump_errors.append(os.path.relpath(s, root))
    for line in problems[:40]:
        print("      " + line)
    check(not problems, f"{label}: every profile attribute gone or replaced at any depth, private "
          f"elements gone, pixels and transfer syntax kept, pydicom strict where the input was "
          f"({len(problems)} problems)")
    check(not new_errors, f"{label}: dciodvfy finds no new errors {dict(list(new_errors.items())[:4])}")
    check(not dump_errors, f"{label}: dcmdump reads every output it read the input of {dump_errors[:5]}")
    check_consistent(uid_pairs, label)
    print(f"      {len(seen)} distinct attributes of the profile table met in {label}")
    check(len(seen) >= min_attributes,
          f"{label} exercises at least {min_attributes} attributes of the profile table")
    check(hashes(inputs) == before, f"{label} originals unchanged (SHA-256 before and after)")


def dicomdir_part(tmp):
    """A DICOMDIR input gives a file-set: the copies in a CD-safe layout and a new DICOMDIR over
    them, with de-identified record keys and record links at the right byte offsets."""
    src = testfiles.sample("derived/dicomdir/DICOMDIR")
    members = [p for p in dicom_files(os.path.dirname(src)) if not p.endswith("DICOMDIR")]
    before = hashes(members + [src])
    out = os.path.join(tmp, "fileset")
    r, pairs = anonymize([src], out)
    dicomdir = os.path.join(out, "DICOMDIR")
    check(r.returncode == 0 and os.path.isfile(dicomdir) and len(pairs) == len(members),
          f"DICOMDIR input: exit 0, {len(members)} copies and a new DICOMDIR "
          f"({r.returncode}, {len(pairs)}, {r.stderr.decode().strip()})")
    if not os.path.isfile(dicomdir):
        return
    written = {os.path.relpath(d, out) for d in pairs.values()}
    check(all(re.fullmatch(r"[A-Z0-9_]{1,8}(/[A-Z0-9_]{1,8}){0,7}", w) for w in written),
          f"copies in a CD-safe layout (components of 8 of A-Z 0-9 _, 8 levels) {sorted(written)}")
    check(dcmdump_ok(dicomdir), "dcmdump reads the new DICOMDIR without error")
    errors = dciodvfy_errors(dicomdir)
    check(not errors, f"dciodvfy finds no error in the new DICOMDIR {errors}")
    ds, err = read_strict(dicomdir, allow_deprecation=True)
    check(ds is not None, f"pydicom reads the new DICOMDIR strictly ({err})")
    if ds is None:
        return
    # Every link names the first byte of a record's item, counted from the file's first byte.
    records = ds.DirectoryRecordSequence
    starts = {item.seq_item_tell for item in records}
    links = [ds.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity,
             ds.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity]
    for item in records:
        links += [item.OffsetOfTheNextDirectoryRecord,
                  item.OffsetOfReferencedLowerLevelDirectoryEntity]
    check(all(o == 0 or o in starts for o in links) and links[0] == min(starts),
          "every record link is the offset of a record")
    from pydicom.fileset import FileSet
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        fs = FileSet(ds)
    listed = {os.path.relpath(str(inst.path), out): inst for inst in fs}
    check(set(listed) == written, f"pydicom's FileSet lists exactly the copies {sorted(listed)}")
    for rel, inst in listed.items():
        copy = read_lenient(os.path.join(out, rel))
        check(inst.ReferencedSOPInstanceUIDInFile == copy.SOPInstanceUID
              and inst.PatientID == copy.PatientID and inst.StudyInstanceUID ==
              copy.StudyInstanceUID and inst.SeriesInstanceUID == copy.SeriesInstanceUID,
              f"{rel}: its records carry the copy's de-identified keys and UIDs")
    names = {str(item.get("PatientName", "")) for item in records if item.DirectoryRecordType ==
             "PATIENT"}
    check(names == {""}, f"the PATIENT records' names are emptied {names}")
    scan = subprocess.run([CLI, "scan", dicomdir], capture_output=True, text=True)
    check(scan.returncode == 0 and all(d in scan.stdout for d in pairs.values()),
          "lightbox-cli scan of the new DICOMDIR lists every copy")
    again, _ = anonymize([src], out)
    check(again.returncode != 0 and hashes([dicomdir]) != {} and b"exists" in again.stderr,
          "a second run into the same folder refuses to replace the DICOMDIR and the copies")
    check(hashes(members + [src]) == before, "DICOMDIR input: originals unchanged")
    phantom_dicomdir(tmp)
    pydicom_dicomdirs(tmp)


def pydicom_dicomdirs(tmp):
    """pydicom's own file-sets (two patients, several studies and series; 50 files in
    TINY_ALPHA): each gives a DICOMDIR that dciodvfy accepts and pydicom's FileSet loads whole."""
    from pydicom.fileset import FileSet
    base = "/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests"
    for rel, n in (("DICOMDIR", 31), ("TINY_ALPHA/DICOMDIR", 50)):
        src = os.path.join(base, rel)
        if not os.path.isfile(src):
            print(f"skip  pydicom's {rel} is not installed")
            continue
        out = os.path.join(tmp, "pydicom-" + rel.replace("/", "-"))
        r, pairs = anonymize([src], out)
        dicomdir = os.path.join(out, "DICOMDIR")
        check(r.returncode == 0 and len(pairs) == n and os.path.isfile(dicomdir),
              f"pydicom's {rel}: {n} copies and a new DICOMDIR ({r.returncode}, {len(pairs)})")
        if not os.path.isfile(dicomdir):
            continue
        errors = dciodvfy_errors(dicomdir)
        check(not errors, f"pydicom's {rel}: dciodvfy finds no error in the new DICOMDIR {errors}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            listed = [inst for inst in FileSet(pydicom.dcmread(dicomdir))]
        check(sorted(str(i.path) for i in listed) == sorted(pairs.values()),
              f"pydicom's {rel}: FileSet lists exactly the {n} copies")


def phantom_dicomdir(tmp):
    """The 24-file phantom on a CD made by DCMTK's dcmgpdir: one PATIENT, STUDY and SERIES
    record over 24 IMAGE records, in order, that dciodvfy and lightbox-cli scan accept."""
    if shutil.which("dcmgpdir") is None:
        print("skip  the phantom DICOMDIR: dcmgpdir (DCMTK) is not installed")
        return
    cd = os.path.join(tmp, "cd")
    os.makedirs(os.path.join(cd, "IMAGES"))
    subprocess.run([CLI, "phantom", os.path.join(tmp, "cd-phantom")], check=True,
                   capture_output=True)
    for name in sorted(os.listdir(os.path.join(tmp, "cd-phantom"))):
        shutil.copy(os.path.join(tmp, "cd-phantom", name),
                    os.path.join(cd, "IMAGES", name.removesuffix(".dcm")))
    subprocess.run(["dcmgpdir", "-q", "+r", "+I", "IMAGES"], cwd=cd, check=True)
    out = os.path.join(tmp, "cd-anonymized")
    r, pairs = anonymize([os.path.join(cd, "DICOMDIR")], out)
    dicomdir = os.path.join(out, "DICOMDIR")
    check(r.returncode == 0 and len(pairs) == 24, f"the phantom's DICOMDIR: 24 copies ({r.returncode})")
    ds = read_lenient(dicomdir)
    types = [item.DirectoryRecordType for item in ds.DirectoryRecordSequence]
    check(types == ["PATIENT", "STUDY", "SERIES"] + ["IMAGE"] * 24,
          f"one PATIENT, STUDY and SERIES record over 24 IMAGE records {types[:5]}")
    numbers = [int(item.InstanceNumber) for item in ds.DirectoryRecordSequence[3:]]
    check(numbers == list(range(1, 25)), f"IMAGE records in slice order {numbers}")
    errors = dciodvfy_errors(dicomdir)
    check(not errors, f"dciodvfy finds no error in the phantom's new DICOMDIR {errors}")
    scan = subprocess.run([CLI, "scan", dicomdir], capture_output=True, text=True)
    check("24 instances" in scan.stdout, "lightbox-cli scan: one series of 24 instances")


def zip_part(tmp):
    """A .zip (CLI.md: FILE|DIR|DICOMDIR|ZIP) is read in place: its DICOM members are anonymized,
    a README beside them is passed over; a truncated archive is an error, not a crash."""
    import zipfile
    phantom = os.path.join(tmp, "zip-phantom")
    subprocess.run([CLI, "phantom", phantom], check=True, capture_output=True)
    archive = os.path.join(tmp, "study.zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(os.listdir(phantom)):
            z.write(os.path.join(phantom, name), "study/" + name)
        z.writestr("README.txt", "not DICOM")
    before = hashes([archive])
    out = os.path.join(tmp, "zip-out")
    r, pairs = anonymize([archive], out)
    check(r.returncode == 0 and len(pairs) == 24
          and all(src.startswith(archive + "!/study/") for src in pairs),
          f"a zip of the phantom: 24 copies of its DICOM members ({r.returncode}, {len(pairs)}, "
          f"{r.stderr.decode().strip()})")
    outs = [read_lenient(d) for d in pairs.values()]
    srcs = {int(read_lenient(os.path.join(phantom, n)).InstanceNumber):
            read_lenient(os.path.join(phantom, n)) for n in os.listdir(phantom)}
    check(len({d.SeriesInstanceUID for d in outs}) == 1
          and all(d.PixelData == srcs[int(d.InstanceNumber)].PixelData for d in outs)
          and all(str(d.get("PatientName", "")) == "" for d in outs),
          "the zip's copies: one series, the same pixels, no patient name")
    check(hashes([archive]) == before, "the zip is unchanged")
    # A zipped CD: its DICOMDIR is passed over with a message (a copy would break its offsets).
    cd_zip = os.path.join(tmp, "cd.zip")
    cd_dir = os.path.dirname(testfiles.sample("derived/dicomdir/DICOMDIR"))
    with zipfile.ZipFile(cd_zip, "w") as z:
        for dirpath, _, names in os.walk(cd_dir):
            for name in names:
                path = os.path.join(dirpath, name)
                z.write(path, os.path.relpath(path, cd_dir))
    r, pairs = anonymize([cd_zip], os.path.join(tmp, "cd-zip-out"))
    check(r.returncode == 0 and len(pairs) == 3 and not any(s.endswith("DICOMDIR") for s in pairs)
          and b"DICOMDIR in a zip is passed over" in r.stderr,
          f"a zipped CD: its 3 images copied, its DICOMDIR passed over with a message ({len(pairs)})")
    truncated = os.path.join(tmp, "truncated.zip")
    with open(archive, "rb") as f, open(truncated, "wb") as g:
        g.write(f.read()[: os.path.getsize(archive) // 2])
    r, _ = anonymize([truncated], os.path.join(tmp, "zip-out-2"))
    check(r.returncode == 2 and b"truncated.zip" in r.stderr,
          f"a truncated zip: exit 2 and a message naming it ({r.stderr.decode().strip()[:120]})")


def blackout_compressed_part(tmp):
    """Compressed pixel data cannot be blanked: an error, and no file."""
    for rel in ("pydicom-data/JPEG-LL.dcm", "pydicom-data/liver_j2k.dcm"):
        bo = os.path.join(tmp, "blackout-" + os.path.basename(rel))
        r, p = anonymize([testfiles.sample(rel)], bo, "--blackout", "0,0,10,10")
        check(r.returncode == 2 and not p and (not os.path.isdir(bo) or not os.listdir(bo)),
              f"--blackout on compressed pixel data ({rel}): exit 2, nothing written "
              f"({r.stderr.decode().strip()})")


def main():
    parts = testfiles.parts_asked("anonymize-corpus", CORPUS)
    if parts is None:
        return 2
    tmp = tempfile.mkdtemp(prefix="lb-anonymize-")
    try:
        if "in-repo" in parts:
            phantom_part(tmp)
            charset_part(tmp)
            folder_part(tmp, testfiles.SAMPLES, "tests/samples", 40)
            blackout_compressed_part(tmp)
            dicomdir_part(tmp)
            zip_part(tmp)
        if "corpus" in parts:
            if testfiles.have_corpus(CORPUS):
                folder_part(tmp, CORPUS, "the corpus", 40)
            else:
                print(f"skip  the corpus ({CORPUS or 'LB_CORPUS unset'}) is absent")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
