#!/usr/bin/python3
"""lightbox-cli remote against a real Orthanc with its DICOMweb plugin (issue 14 §3).

The test starts Orthanc on loopback (tests/orthanc.py: free port, temporary storage, DICOMweb
plugin, authentication on), stores the phantom, Korean- and Japanese-named copies and some corpus
files through Orthanc's own REST API, then checks search, retrieve (every element and the pixels
equal to what was stored, compared with pydicom), upload, a wrong password, a refused port, a
missing study, and a server killed in the middle of a retrieve. Without Orthanc it exits 77."""
import glob
import re
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import orthanc  # noqa: E402

CLI = os.environ.get("LB_CLI", "lightbox-cli")
SOURCE = os.environ.get("LB_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
CORPUS = os.environ.get("LB_CORPUS", "")
PHANTOM = os.path.join(SOURCE, "data", "samples", "phantom")
PHANTOM_STUDY = "2.25.161312742214031547267150863500632392293.2.1.1"
PHANTOM_SERIES = "2.25.161312742214031547267150863500632392293.2.1.2"
KOREAN = "홍^길동"
JAPANESE = "山田^太郎=やまだ^たろう"

failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)


def cli(*args, env=None, **kw):
    e = dict(os.environ)
    e.pop("LIGHTBOX_REMOTE_USER", None)
    e.pop("LIGHTBOX_REMOTE_PASSWORD", None)
    e["LANG"] = e["LC_ALL"] = "C.UTF-8"
    e.update(env or {})
    return subprocess.run([CLI, "remote", *args], capture_output=True, text=True, env=e, **kw)


AUTH = {"LIGHTBOX_REMOTE_USER": orthanc.USER, "LIGHTBOX_REMOTE_PASSWORD": orthanc.PASSWORD}


def renamed_copies(pydicom, src_dir, out_dir, name, patient_id, n=None, tile=1, accession=""):
    """Copies of the phantom with a new patient, study, series and instance UIDs, in UTF-8
    (ISO_IR 192). tile > 1 repeats the image to make larger instances."""
    import numpy as np
    from pydicom.uid import generate_uid
    os.makedirs(out_dir, exist_ok=True)
    study, series = generate_uid(), generate_uid()
    sources = sorted(glob.glob(os.path.join(src_dir, "*.dcm")))
    paths = []
    for i in range(n if n is not None else len(sources)):
        ds = pydicom.dcmread(sources[i % len(sources)])
        ds.SpecificCharacterSet = "ISO_IR 192"
        ds.PatientName = name
        ds.PatientID = patient_id
        ds.AccessionNumber = accession
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.InstanceNumber = i + 1
        if tile > 1:
            arr = np.tile(ds.pixel_array, (tile, tile))
            ds.Rows, ds.Columns = arr.shape
            ds.PixelData = arr.tobytes()
        path = os.path.join(out_dir, f"{i + 1:04d}.dcm")
        ds.save_as(path, write_like_original=False)
        paths.append(path)
    return study, series, paths


def search_json(server, *args):
    r = cli("search", server.dicomweb, "--json", *args, env=AUTH)
    if r.returncode != 0:
        print(r.stderr)
        return None
    return json.loads(r.stdout)


def same_dataset(a, b):
    """Every element of a and b equal (nested sequences included); returns the differences."""
    diffs = []
    tags = sorted(set(a.keys()) | set(b.keys()))
    for tag in tags:
        if tag not in a or tag not in b:
            diffs.append(f"{tag} only in {'retrieved' if tag in b else 'original'}")
        elif a[tag].VR != b[tag].VR or a[tag].value != b[tag].value:
            diffs.append(f"{tag} differs")
    return diffs


def leftovers(folder):
    return [n for n in os.listdir(folder) if not n.endswith(".dcm")]


def test_search(server, ko_study, ja_study):
    studies = search_json(server)
    check(studies is not None and len(studies) >= 3, f"search lists every study ({studies and len(studies)})")
    found = search_json(server, "--patient", "Phantom*")
    check(found is not None and [s["study_uid"] for s in found] == [PHANTOM_STUDY],
          "search --patient 'Phantom*' finds the phantom (wildcard)")
    found = search_json(server, "--patient", "phantom^teaching*")
    check(found is not None and [s["study_uid"] for s in found] == [PHANTOM_STUDY],
          "search --patient 'phantom^teaching*' finds the phantom (component separator, case)")
    found = search_json(server, "--patient", KOREAN)
    check(found is not None and [s["study_uid"] for s in found] == [ko_study]
          and found[0]["patient_name"] == KOREAN,
          f"search --patient '{KOREAN}' finds the Korean copy with its name in UTF-8 ({found})")
    found = search_json(server, "--patient", "홍*")
    check(found is not None and [s["study_uid"] for s in found] == [ko_study],
          "search --patient '홍*' finds the Korean copy")
    found = search_json(server, "--patient", "山田*")
    check(found is not None and [s["study_uid"] for s in found] == [ja_study],
          "search --patient '山田*' finds the Japanese copy")
    found = search_json(server, "--patient", "やまだ^たろう")
    check(found is not None and [s["study_uid"] for s in found] == [ja_study],
          "search by the phonetic group 'やまだ^たろう' finds the Japanese copy")
    found = search_json(server, "--patient", "模型*")
    check(found is not None and PHANTOM_STUDY in [s["study_uid"] for s in found],
          "search by the phantom's ideographic name '模型*' finds it")
    found = search_json(server, "--modality", "CT")
    check(found is not None and {PHANTOM_STUDY, ko_study, ja_study} <= {s["study_uid"] for s in found}
          and all("CT" in s["modalities"].split("\\") for s in found),
          "search --modality CT finds the CT studies and only them")
    found = search_json(server, "--modality", "XA")
    check(found == [], "search --modality XA finds nothing in a CT-only server")
    found = search_json(server, "--patient-id", "LIGHTBOX-PHANTOM")
    check(found is not None and [s["study_uid"] for s in found] == [PHANTOM_STUDY],
          "search --patient-id finds the phantom")
    found = search_json(server, "--accession", "ACC-KO-1")
    check(found is not None and [s["study_uid"] for s in found] == [ko_study]
          and found[0]["accession"] == "ACC-KO-1", "search --accession finds the study")
    found = search_json(server, "--accession", "ACC-K?-*")
    check(found is not None and [s["study_uid"] for s in found] == [ko_study],
          "search --accession with wildcards")
    found = search_json(server, "--date", "20250101-20251231", "--patient", "Phantom*")
    check(found is not None and len(found) == 1, "search --date range containing 20250401 finds it")
    found = search_json(server, "--date", "20200101-20201231", "--patient", "Phantom*")
    check(found == [], "search --date range outside the study date finds nothing")
    series = search_json(server, "--study", PHANTOM_STUDY)
    check(series is not None and len(series) == 1 and series[0]["series_uid"] == PHANTOM_SERIES
          and series[0]["modality"] == "CT" and series[0]["instances"] == 24,
          f"search --study lists the phantom's series with 24 instances ({series})")
    r = cli("search", server.dicomweb, "--patient", KOREAN, env=AUTH)
    check(r.returncode == 0 and KOREAN in r.stdout, "the text listing shows the Korean name")


def test_retrieve(server, pydicom, work):
    out = os.path.join(work, "retrieved")
    r = cli("retrieve", server.dicomweb, PHANTOM_STUDY, PHANTOM_SERIES, "-o", out, env=AUTH)
    check(r.returncode == 0, f"retrieve of the phantom series exits 0 ({r.stderr.strip()})")
    originals = {pydicom.dcmread(p).SOPInstanceUID: p
                 for p in glob.glob(os.path.join(PHANTOM, "*.dcm"))}
    got = sorted(os.listdir(out))
    check(sorted(u + ".dcm" for u in originals) == got,
          f"one file per instance, named SOPInstanceUID.dcm ({len(got)} files)")
    bad, identical = [], 0
    for uid, path in originals.items():
        mine = os.path.join(out, uid + ".dcm")
        if not os.path.exists(mine):
            continue
        a, b = pydicom.dcmread(path), pydicom.dcmread(mine)
        diffs = same_dataset(a, b)
        if a.PixelData != b.PixelData:
            diffs.append("pixel bytes")
        if (a.pixel_array != b.pixel_array).any():
            diffs.append("decoded pixels")
        if diffs:
            bad.append(f"{uid}: {diffs[:3]}")
        with open(path, "rb") as f1, open(mine, "rb") as f2:
            identical += f1.read() == f2.read()
    check(not bad, f"every element and every pixel equal to what was stored {bad[:2]}")
    print(f"      ({identical} of {len(originals)} files byte-for-byte identical)")

    r = cli("retrieve", server.dicomweb, PHANTOM_STUDY, PHANTOM_SERIES, "-o", out, env=AUTH)
    check(r.returncode == 2 and "exists" in r.stderr and not leftovers(out),
          "a second retrieve refuses to replace the files without --force, leaving nothing behind")
    r = cli("retrieve", server.dicomweb, PHANTOM_STUDY, "-o", out, "--force", env=AUTH)
    check(r.returncode == 0 and "24 instances" in r.stdout,
          f"retrieve of the whole study with --force writes 24 instances ({r.stdout.strip()})")
    decoy_dir = os.path.join(work, "decoy")
    os.makedirs(decoy_dir)
    decoy = os.path.join(decoy_dir, sorted(originals)[0] + ".dcm")
    with open(decoy, "w") as f:
        f.write("my notes, not an instance\n")
    r = cli("retrieve", server.dicomweb, PHANTOM_STUDY, PHANTOM_SERIES, "-o", decoy_dir, "--force",
            env=AUTH)
    with open(decoy, "rb") as f:
        kept = f.read() == b"my notes, not an instance\n"
    check(r.returncode == 2 and "not a DICOM file" in r.stderr and kept and not leftovers(decoy_dir),
          f"--force never replaces a file that is not DICOM ({r.stderr.strip()})")
    r = cli("retrieve", server.dicomweb, "1.2.3.4.5.6.7.8.9", "-o", os.path.join(work, "none"), env=AUTH)
    check(r.returncode == 2 and "404" in r.stderr and server.dicomweb in r.stderr,
          f"retrieve of a missing study: exit 2 naming the URL and 404 ({r.stderr.strip()})")


def test_upload(server, pydicom, work):
    study, _, paths = renamed_copies(pydicom, PHANTOM, os.path.join(work, "upload"),
                                     "Upload^Test", "UPLOAD-1", n=5)
    check(search_json(server, "--patient-id", "UPLOAD-1") == [], "the new study is not on the server yet")
    r = cli("upload", server.dicomweb, os.path.join(work, "upload"), env=AUTH)
    check(r.returncode == 0 and "5 files stored" in r.stdout,
          f"upload of a folder of 5 files exits 0 ({r.stdout.strip()} {r.stderr.strip()})")
    found = search_json(server, "--patient-id", "UPLOAD-1")
    check(found is not None and [s["study_uid"] for s in found] == [study]
          and found[0]["instances"] == 5, f"search then finds the uploaded study with 5 instances ({found})")
    back = os.path.join(work, "uploaded-back")
    r = cli("retrieve", server.dicomweb, study, "-o", back, env=AUTH)
    same = 0
    for p in paths:
        uid = pydicom.dcmread(p, stop_before_pixels=True).SOPInstanceUID
        mine = os.path.join(back, uid + ".dcm")
        if os.path.exists(mine):
            with open(p, "rb") as f1, open(mine, "rb") as f2:
                same += f1.read() == f2.read()
    check(r.returncode == 0 and same == len(paths),
          f"the uploaded files come back byte for byte ({same} of {len(paths)})")
    not_dicom = os.path.join(work, "notes.txt")
    with open(not_dicom, "w") as f:
        f.write("not DICOM\n")
    r = cli("upload", server.dicomweb, not_dicom, env=AUTH)
    check(r.returncode == 2 and "notes.txt" in r.stderr, "upload of a non-DICOM file: exit 2 naming it")


def test_errors(server, work):
    wrong = {"LIGHTBOX_REMOTE_USER": orthanc.USER, "LIGHTBOX_REMOTE_PASSWORD": "wrong-password-42"}
    r = cli("search", server.dicomweb, env=wrong)
    check(r.returncode == 2 and "401" in r.stderr and server.dicomweb in r.stderr
          and "wrong-password-42" not in r.stderr + r.stdout and len(r.stderr.splitlines()) == 1,
          f"wrong password: exit 2, one line with the URL and 401, password not shown ({r.stderr.strip()})")
    r = cli("search", server.dicomweb)
    check(r.returncode == 2 and "401" in r.stderr, "no credentials: exit 2 and 401")
    userinfo = server.dicomweb.replace("http://", f"http://{orthanc.USER}:{orthanc.PASSWORD}@")
    r = cli("search", userinfo, "--json")
    check(r.returncode == 0 and PHANTOM_STUDY in r.stdout, "credentials in the URL's user-info work")
    bad_userinfo = server.dicomweb.replace("http://", f"http://{orthanc.USER}:sekrit-in-url@")
    r = cli("search", bad_userinfo)
    check(r.returncode == 2 and "401" in r.stderr and "sekrit-in-url" not in r.stderr,
          f"a wrong password in the URL is never printed ({r.stderr.strip()})")
    r = cli("retrieve", server.dicomweb, PHANTOM_STUDY, "-o", os.path.join(work, "denied"), env=wrong)
    check(r.returncode == 2 and "401" in r.stderr and not os.listdir(os.path.join(work, "denied")),
          "retrieve with a wrong password: exit 2, 401, nothing written")
    closed = f"http://127.0.0.1:{orthanc.free_port()}/dicom-web"
    r = cli("search", closed, env=AUTH)
    check(r.returncode == 2 and "refused" in r.stderr and closed in r.stderr,
          f"nothing listening: exit 2, 'refused' and the URL ({r.stderr.strip()})")
    r = cli("search", "http://nonexistent.invalid/dicom-web", env=AUTH)
    check(r.returncode == 2 and "unreachable" in r.stderr,
          f"unknown host: exit 2 and 'unreachable' ({r.stderr.strip()})")
    r = cli("search", "ftp://127.0.0.1/x", env=AUTH)
    check(r.returncode == 2 and "http" in r.stderr, "a non-HTTP URL: exit 2")
    r = cli("retrieve", server.dicomweb, PHANTOM_STUDY)
    check(r.returncode == 1, "retrieve without -o: usage error, exit 1")


def store_big_series(server, pydicom, work):
    """200 instances of 512 KiB: long enough a transfer to be interrupted on purpose."""
    study, series, paths = renamed_copies(pydicom, PHANTOM, os.path.join(work, "big"),
                                          "Big^Series", "BIG-1", n=200, tile=2)
    for p in paths:
        server.store(p)
    return study, series


def start_retrieve(server, study, series, out):
    """Starts a retrieve and returns once its first instance is on disk (bounded wait)."""
    os.makedirs(out)
    e = dict(os.environ, **AUTH)
    proc = subprocess.Popen([CLI, "remote", "retrieve", server.dicomweb, study, series, "-o", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=e)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any(n.endswith(".dcm") for n in os.listdir(out)):
            break
        time.sleep(0.01)
    return proc


def test_interrupted(server, pydicom, work, study, series):
    """SIGINT in the middle of a retrieve (CLI.md): the temporary file is removed. The CLI is
    stopped while the signal is sent, so the transfer cannot end first."""
    out = os.path.join(work, "interrupted")
    proc = start_retrieve(server, study, series, out)
    running = proc.poll() is None
    if running:
        proc.send_signal(signal.SIGSTOP)
        proc.send_signal(signal.SIGINT)
        proc.send_signal(signal.SIGCONT)
    stdout, stderr = proc.communicate(timeout=120)
    written = [n for n in os.listdir(out) if n.endswith(".dcm")]
    check(running and proc.returncode == 2 and re.search(r"\(\d+ instances? arrived\)", stderr),
          f"SIGINT during a retrieve: exit 2 and the count ({stderr.strip()})")
    check(0 < len(written) < 200 and not leftovers(out),
          f"after SIGINT: {len(written)} complete instances, no temporary file ({leftovers(out)})")


def test_killed_server(server, pydicom, work, study, series):
    """kill -9 Orthanc while a 200-instance series is on its way. The CLI is stopped (SIGSTOP)
    once the first instance is on disk, so the server cannot finish before it dies; then the
    CLI continues and must report the broken transfer without leaving a partial file."""
    out = os.path.join(work, "killed")
    proc = start_retrieve(server, study, series, out)
    running = proc.poll() is None
    if running:
        proc.send_signal(signal.SIGSTOP)
    server.kill()
    if running:
        proc.send_signal(signal.SIGCONT)
    try:
        stdout, stderr = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
        check(False, "the CLI ends after the server died (it hung)")
    written = [n for n in os.listdir(out) if n.endswith(".dcm")]
    check(running, "the retrieve was still running when the server was killed")
    check(proc.returncode == 2 and server.dicomweb in stderr and re.search(r"\(\d+ instances? arrived\)", stderr)
          and len(stderr.strip().splitlines()) == 1,
          f"server killed mid-retrieve: exit 2, one line naming the URL and the count ({stderr.strip()})")
    check(0 < len(written) < 200, f"some but not all instances arrived ({len(written)})")
    check(f"({len(written)} instances arrived)" in stderr or f"({len(written)} instance arrived)" in stderr,
          "the message gives the number of instances written")
    check(not leftovers(out), f"no partial or temporary file in the output folder ({leftovers(out)})")
    broken = []
    for n in written:
        ds = pydicom.dcmread(os.path.join(out, n))
        if len(ds.PixelData) != 512 * 512 * 2:
            broken.append(n)
    check(not broken, "every file that arrived is complete")


def main():
    why = orthanc.missing()
    if why:
        print(f"SKIP: {why}")
        return 77
    try:
        import pydicom
    except ImportError:
        print("SKIP: pydicom is not installed (python3-pydicom)")
        return 77
    work = tempfile.mkdtemp(prefix="lb-remote-test-")
    server = orthanc.Orthanc()
    try:
        server.wait_ready()
        for p in sorted(glob.glob(os.path.join(PHANTOM, "*.dcm"))):
            server.store(p)
        ko_study, _, ko = renamed_copies(pydicom, PHANTOM, os.path.join(work, "ko"), KOREAN, "KO-1", n=3,
                                        accession="ACC-KO-1")
        ja_study, _, ja = renamed_copies(pydicom, PHANTOM, os.path.join(work, "ja"), JAPANESE, "JA-1", n=3)
        for p in ko + ja:
            server.store(p)
        n_corpus = 0
        if CORPUS and os.path.isdir(os.path.join(CORPUS, "derived")):
            for p in sorted(glob.glob(os.path.join(CORPUS, "derived", "*.dcm")))[:5]:
                try:
                    server.store(p)
                    n_corpus += 1
                except Exception as e:  # a file Orthanc refuses is Orthanc's business here
                    print(f"      (Orthanc refused {p}: {e})")
        print(f"      (stored the phantom, 6 renamed copies and {n_corpus} corpus files)")
        test_search(server, ko_study, ja_study)
        test_retrieve(server, pydicom, work)
        test_upload(server, pydicom, work)
        test_errors(server, work)
        big_study, big_series = store_big_series(server, pydicom, work)
        test_interrupted(server, pydicom, work, big_study, big_series)
        test_killed_server(server, pydicom, work, big_study, big_series)
    except Exception:
        print(server.log_text()[-3000:])
        raise
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
