#!/usr/bin/python3
"""lightbox-cli scan of a DICOMDIR and of a zip (issue 12 §2, CLI.md scan): both list the same
patients, studies and series as a scan of the files themselves; a DICOMDIR's referenced files
are found case-insensitively (CD names) and a missing one is listed as missing, in the series
its records place it in, also when the records have no offsets; a zip is read in place
(members named ZIP!/member/path), and a damaged zip or a zip bomb gives a message and exit 2
within a bounded amount of memory."""
import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import warnings

import pydicom

import testfiles
from testfiles import sample

warnings.simplefilter("ignore")

CLI = os.environ["LB_CLI"]
CORPUS = os.environ.get("LB_CORPUS", "")
SOURCE = os.environ["LB_SOURCE_ROOT"]
PYDICOM_DIRS = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files",
                            "dicomdirtests")
DICOMDIR_DIR = sample("derived/dicomdir")
PHANTOM = os.path.join(SOURCE, "data/samples/phantom")
CT = sample("dicompyler-core/ct.0.dcm")
ERROR_LINE = re.compile(r"^lightbox-cli: (.+?): (.+)$")
# AddressSanitizer reserves terabytes of shadow memory: a sanitized build cannot start under a
# memory limit, so the bomb test checks its answer there and its memory bound here only.
with open(CLI, "rb") as _f:
    SANITIZED = b"__asan_init" in _f.read()


def run(*args, limit_data=None):
    def limit():
        if limit_data and not SANITIZED:
            resource.setrlimit(resource.RLIMIT_DATA, (limit_data, limit_data))
    proc = subprocess.run([CLI] + list(args), capture_output=True, timeout=300,
                          preexec_fn=limit, env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def scan(*paths, **kw):
    rc, out, err = run("scan", "--json", *paths, **kw)
    return rc, (json.loads(out) if out else None), err


def tree(d, prefix):
    """The patients / studies / series / slices of a scan, paths made relative to `prefix`."""
    def rel(path):
        assert path.startswith(prefix), (path, prefix)
        return path[len(prefix):].lstrip("/")
    return [{**p, "studies": [{**st, "series": [{**s, "slices": [{**i, "path": rel(i["path"])}
                                                                  for i in s["slices"]]}
                                                for s in st["series"]]}
                              for st in p["studies"]]}
            for p in d["patients"]]


def series_uids(d):
    return sorted(s["uid"] for p in d["patients"] for st in p["studies"] for s in st["series"])


class Tmp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="lb-scan-archive-")

    def tearDown(self):
        shutil.rmtree(self.tmp)


class Dicomdir(Tmp):
    def media(self, dicomdir_name="DICOMDIR"):
        """pydicom's dicomdirtests with one DICOMDIR variant, as a CD would hold it."""
        media = os.path.join(self.tmp, dicomdir_name)
        os.mkdir(media)
        for name in os.listdir(PYDICOM_DIRS):
            src = os.path.join(PYDICOM_DIRS, name)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(media, name))
        target = os.path.join(media, "DICOMDIR")
        if dicomdir_name in ("zeroed", "wrong"):
            # Offsets all 0, or all pointing between records: the tree is the record order.
            ds = pydicom.dcmread(os.path.join(PYDICOM_DIRS, "DICOMDIR"))
            shift = 0 if dicomdir_name == "zeroed" else 2
            ds.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity += shift
            for r in ds.DirectoryRecordSequence:
                for key in ("OffsetOfTheNextDirectoryRecord",
                            "OffsetOfReferencedLowerLevelDirectoryEntity"):
                    setattr(r, key, getattr(r, key) + shift if shift else 0)
            if not shift:
                ds.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = 0
            ds.save_as(target, write_like_original=True)
        else:
            shutil.copy(os.path.join(PYDICOM_DIRS, dicomdir_name), target)
        return media

    def test_same_as_the_files(self):
        # Offsets right, records reordered (offsets still right), offsets absent, implicit VR
        # and big endian DICOMDIRs: the same series as the files themselves.
        for variant in ("DICOMDIR", "DICOMDIR-reordered", "DICOMDIR-nooffset",
                        "DICOMDIR-implicit", "DICOMDIR-bigEnd", "zeroed", "wrong"):
            with self.subTest(variant=variant):
                media = self.media(variant)
                rc, d, err = scan(os.path.join(media, "DICOMDIR"))
                self.assertEqual((rc, err), (0, ""))
                # The folders hold more files than the DICOMDIRs reference.
                records = pydicom.dcmread(os.path.join(PYDICOM_DIRS, "DICOMDIR")).DirectoryRecordSequence
                files = [os.path.join(media, *r.ReferencedFileID) for r in records
                         if "ReferencedFileID" in r]
                rc, ref, err = scan(*files)
                self.assertEqual((rc, err), (0, ""))
                self.assertEqual(d["dicom"], ref["dicom"] + 1)
                self.assertEqual(d["missing"], [])
                self.assertEqual(tree(d, media), tree(ref, media))
                shutil.rmtree(media)

    def test_missing_file_in_its_series(self):
        # Each variant loses one image of a study of several series: it is listed as missing,
        # with the series its records place it in (from the offsets, also when the zero ones
        # are left out or the records are stored out of order; from the record order when the
        # offsets are all 0 or all wrong), and the scan says so with exit 2.
        for variant in ("DICOMDIR", "DICOMDIR-reordered", "DICOMDIR-nooffset", "zeroed", "wrong"):
            with self.subTest(variant=variant):
                media = self.media(variant)
                gone = os.path.join(media, "77654033", "CR2", "6247")
                truth = pydicom.dcmread(gone, stop_before_pixels=True)
                os.remove(gone)
                rc, d, err = scan(os.path.join(media, "DICOMDIR"))
                self.assertEqual(rc, 2)
                lines = [ERROR_LINE.match(line) for line in err.splitlines()]
                self.assertEqual([m.group(1) for m in lines], [gone])
                self.assertEqual(len(d["missing"]), 1)
                m = d["missing"][0]
                self.assertEqual((m["path"], m["series_uid"], m["study_uid"], m["patient_id"],
                                  m["modality"]),
                                 (gone, truth.SeriesInstanceUID, truth.StudyInstanceUID,
                                  truth.PatientID, truth.Modality))
                self.assertNotIn(truth.SeriesInstanceUID, series_uids(d))
                shutil.rmtree(media)

    def test_cd_names_in_lower_case(self):
        # dcmmkdir wrote IMAGES/MR000001; the copy off the CD is images/mr000001.
        media = os.path.join(self.tmp, "cd")
        shutil.copytree(DICOMDIR_DIR, media)
        os.rename(os.path.join(media, "IMAGES"), os.path.join(media, "images"))
        for name in os.listdir(os.path.join(media, "images")):
            os.rename(os.path.join(media, "images", name),
                      os.path.join(media, "images", name.lower()))
        rc, d, err = scan(os.path.join(media, "DICOMDIR"))
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual((d["files"], d["dicom"], d["dicomdir"], d["missing"]), (4, 4, 1, []))
        rc, ref, _ = scan(os.path.join(media, "images"))
        self.assertEqual(tree(d, media), tree(ref, media))

    def test_missing_file_text(self):
        media = os.path.join(self.tmp, "cd")
        shutil.copytree(DICOMDIR_DIR, media)
        gone = os.path.join(media, "IMAGES", "PT000002")
        os.remove(gone)
        rc, out, err = run("scan", media)
        self.assertEqual(rc, 2)
        self.assertIn(f"Missing {gone} (series ", out)
        self.assertIn(f"lightbox-cli: {gone}: referenced by the DICOMDIR but missing", err)
        self.assertIn("3 files: 3 DICOM (1 DICOMDIR)", out)


class Zip(Tmp):
    def folder(self):
        """A folder as a PACS portal zips it: a DICOMDIR media, a series in nested folders, a
        README and a thumbnail that are not DICOM."""
        root = os.path.join(self.tmp, "study")
        shutil.copytree(DICOMDIR_DIR, os.path.join(root, "cd"))
        shutil.copytree(PHANTOM, os.path.join(root, "a", "b", "phantom"))
        shutil.copy(CT, os.path.join(root, "a", "ct.dcm"))
        with open(os.path.join(root, "README.txt"), "w") as f:
            f.write("not DICOM\n")
        with open(os.path.join(root, "a", "thumb.png"), "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + bytes(100))
        return root

    def make_zip(self, root, name="study.zip", compression=zipfile.ZIP_DEFLATED):
        path = os.path.join(self.tmp, name)
        with zipfile.ZipFile(path, "w", compression) as z:
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames.sort()
                z.write(dirpath, os.path.relpath(dirpath, root) + "/")
                for f in sorted(filenames):
                    full = os.path.join(dirpath, f)
                    z.write(full, os.path.relpath(full, root))
        return path

    def test_same_as_the_folder(self):
        root = self.folder()
        for compression in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
            with self.subTest(compression=compression):
                path = self.make_zip(root, compression=compression)
                rc, d, err = scan(path)
                self.assertEqual((rc, err), (0, ""))
                rc, ref, err = scan(root)
                self.assertEqual((rc, err), (0, ""))
                for key in ("files", "dicom", "dicomdir", "not_dicom", "unreadable"):
                    self.assertEqual(d[key], ref[key], key)
                self.assertEqual(d["not_dicom"], 2)
                self.assertEqual(tree(d, path + "!"), tree(ref, root))
                paths = [i["path"] for p in d["patients"] for st in p["studies"]
                         for s in st["series"] for i in s["slices"]]
                self.assertIn(path + "!/a/b/phantom/CT01.dcm", paths)
                os.remove(path)

    def test_text_names_members(self):
        path = self.make_zip(self.folder())
        rc, out, err = run("scan", path)
        self.assertEqual((rc, err), (0, ""))
        self.assertIn(f"{path}!/a/ct.dcm\n", out)

    def test_truncated(self):
        path = self.make_zip(self.folder())
        rc, whole, err = scan(path)
        with open(path, "rb") as f:
            data = f.read()
        for cut in (len(data) // 2, 100):
            with self.subTest(cut=cut):
                short = os.path.join(self.tmp, "short.zip")
                with open(short, "wb") as f:
                    f.write(data[:cut])
                rc, d, err = scan(short)
                self.assertEqual(rc, 2, err)
                lines = [ERROR_LINE.match(line) for line in err.splitlines()]
                self.assertTrue(lines and all(lines), err)
                self.assertTrue(any(m.group(1).startswith(short) for m in lines), err)
        # Only the end record is cut off: every member is whole and read as from a stream.
        short = os.path.join(self.tmp, "short.zip")
        with open(short, "wb") as f:
            f.write(data[:-30])
        rc, d, err = scan(short)
        self.assertEqual((rc, err, d["dicom"]), (0, "", whole["dicom"]))

    def test_corrupt_member(self):
        # The deflate stream of one member is damaged: that member is named in a message,
        # the others are still listed.
        root = os.path.join(self.tmp, "two")
        os.mkdir(root)
        shutil.copy(CT, os.path.join(root, "1.dcm"))
        shutil.copy(os.path.join(PHANTOM, "CT01.dcm"), os.path.join(root, "2.dcm"))
        path = self.make_zip(root)
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("1.dcm")
        with open(path, "r+b") as f:
            f.seek(info.header_offset + 30 + len("1.dcm") + 200)
            f.write(bytes(range(7, 250)))
        rc, d, err = scan(path)
        self.assertEqual(rc, 2)
        lines = [ERROR_LINE.match(line) for line in err.splitlines()]
        self.assertTrue(lines and all(lines), err)
        self.assertIn(path + "!/1.dcm", [m.group(1) for m in lines])
        self.assertIn(path + "!/2.dcm", [i["path"] for p in d["patients"] for st in p["studies"]
                                         for s in st["series"] for i in s["slices"]])

    def test_bomb(self):
        # 400 MB of zeros (not DICOM) and a DICOM header whose last element claims 4 GB and is
        # followed by 400 MB of zeros; 1 MB compressed. The scan reads headers only: it lists
        # the good member, counts the zeros, names the bomb, and stays under 256 MB of data.
        path = os.path.join(self.tmp, "bomb.zip")
        with open(CT, "rb") as f:
            ds = pydicom.dcmread(f, stop_before_pixels=True)
        head = os.path.join(self.tmp, "head.dcm")
        ds.save_as(head)
        with open(head, "rb") as f:
            header = f.read()
        # (0009,0010) OB, undefined... an explicit VR OB element of length 0xFFFFFFF0
        header += b"\x09\x00\x10\x10OB\x00\x00" + (0xFFFFFFF0).to_bytes(4, "little")
        chunk = bytes(1 << 20)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.write(CT, "good.dcm")
            with z.open("zeros.bin", "w", force_zip64=True) as m:
                for _ in range(400):
                    m.write(chunk)
            with z.open("bomb.dcm", "w", force_zip64=True) as m:
                m.write(header)
                for _ in range(400):
                    m.write(chunk)
        rc, d, err = scan(path, limit_data=256 << 20)
        self.assertEqual(rc, 2, err)
        self.assertEqual((d["files"], d["dicom"], d["not_dicom"], d["unreadable"]), (3, 1, 1, 1))
        lines = [ERROR_LINE.match(line) for line in err.splitlines()]
        self.assertEqual([m.group(1) for m in lines], [path + "!/bomb.dcm"], err)

    def test_not_a_zip_named_zip(self):
        path = os.path.join(self.tmp, "fake.zip")
        with open(path, "wb") as f:
            f.write(b"PK\x03\x04" + bytes(50))
        rc, d, err = scan(path)
        self.assertEqual(rc, 2)
        self.assertTrue(all(ERROR_LINE.match(line) for line in err.splitlines()), err)

    @unittest.skipUnless(testfiles.have_corpus(CORPUS), "no DICOM corpus (LB_CORPUS)")
    def test_corpus_folder_as_zip(self):
        root = os.path.join(CORPUS, "suyashkumar-dicom")
        path = self.make_zip(root, "corpus.zip")
        rc, d, err = scan(path)
        rc2, ref, err2 = scan(root)
        self.assertEqual((rc, err), (rc2, err2.replace(root, path + "!")))
        self.assertEqual(tree(d, path + "!"), tree(ref, root))


if __name__ == "__main__":
    unittest.main(verbosity=2)
