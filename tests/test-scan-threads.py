#!/usr/bin/python3
"""lightbox-cli scan with its reading thread (issue 15 §3): a folder read on two CPUs gives
byte for byte the listing, the messages and the exit status it gives on one. The folder mixes
what the thread hands over in the middle of its batches: a 24-slice phantom copied ten times
(240 files, 216 of them duplicates), a file that is not DICOM, a header cut short, an empty
file, a file whose header is longer than the prefix the scan reads first, and a file only the
full parser reads (implicit VR)."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import warnings

import pydicom

from testfiles import sample

warnings.simplefilter("ignore")

CLI = os.environ["LB_CLI"]


def scan(folder, reader, cpus, *args):
    env = dict(os.environ, LC_ALL="C", LANGUAGE="", LB_SCAN_READER=reader)
    proc = subprocess.run(["taskset", "-c", cpus, CLI, "scan"] + list(args) + [folder],
                          capture_output=True, timeout=120, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def both_cpus():
    """The first two CPUs this process may use (one on a one-CPU machine), for taskset."""
    cpus = sorted(os.sched_getaffinity(0))[:2]
    return ",".join(str(c) for c in cpus)


class ReadingThread(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lb-scan-threads-")
        phantom = os.path.join(cls.tmp, "phantom")
        subprocess.run([CLI, "phantom", phantom], check=True, capture_output=True, timeout=120)
        cls.folder = os.path.join(cls.tmp, "folder")
        os.mkdir(cls.folder)
        slices = sorted(os.listdir(phantom))
        for copy in range(10):
            for name in slices:
                shutil.copy(os.path.join(phantom, name),
                            os.path.join(cls.folder, "%02d-%s" % (copy, name)))
        first = os.path.join(phantom, slices[0])
        with open(first, "rb") as f:
            head = f.read(600)
        with open(os.path.join(cls.folder, "03-cut.dcm"), "wb") as f:
            f.write(head)
        open(os.path.join(cls.folder, "05-empty"), "wb").close()
        with open(os.path.join(cls.folder, "04-readme.txt"), "w") as f:
            f.write("not DICOM\n")
        ds = pydicom.dcmread(first)
        # A file only the full parser reads (implicit VR), mid-folder.
        implicit = ds.copy()
        implicit.SOPInstanceUID = pydicom.uid.generate_uid()
        implicit.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian
        implicit.is_implicit_VR = True
        implicit.is_little_endian = True
        implicit.save_as(os.path.join(cls.folder, "06-implicit.dcm"), write_like_original=False)
        # A header longer than the 16 KiB the scan reads of its first file, mid-folder.
        ds.SOPInstanceUID = pydicom.uid.generate_uid()
        ds.add_new(0x00091010, "OB", b"\0" * 40000)
        ds.save_as(os.path.join(cls.folder, "07-long-header.dcm"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_same_on_one_and_two_cpus(self):
        cpus = both_cpus()
        for args in ([], ["--json"]):
            alone = scan(self.folder, "0", both_cpus().split(",")[0], *args)
            threaded = scan(self.folder, "1", cpus, *args)
            self.assertEqual(alone, threaded, args)
        status, out, err = alone
        self.assertNotEqual(status, 0)                 # the header cut short
        self.assertIn(b"03-cut.dcm", err)
        listing = json.loads(out)
        self.assertEqual((listing["files"], listing["dicom"], listing["not_dicom"],
                          listing["unreadable"], len(listing["duplicates"])),
                         (245, 242, 2, 1, 216))
        series = listing["patients"][0]["studies"][0]["series"][0]
        names = [os.path.basename(s["path"]) for s in series["slices"]]
        self.assertIn("06-implicit.dcm", names)
        self.assertIn("07-long-header.dcm", names)

    def test_samples(self):
        folder = os.path.dirname(sample("pydicom-data/MR_small_implicit.dcm"))
        self.assertEqual(scan(folder, "0", both_cpus().split(",")[0]), scan(folder, "1", both_cpus()))


if __name__ == "__main__":
    unittest.main()
