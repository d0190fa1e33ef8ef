#!/usr/bin/python3
"""The study model through lightbox-cli scan (issue 12 §1): a made-up folder of pydicom-written
files with two series, a localizer of another orientation and size inside the first, a
duplicate SOP Instance UID, and two files that share a series UID but not their modality. The
scan splits each where it must and lists the duplicate once."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import warnings

import pydicom
from pydicom.uid import generate_uid

from testfiles import sample

warnings.simplefilter("ignore")

CLI = os.environ["LB_CLI"]
CT = sample("dicompyler-core/ct.0.dcm")
AXIAL = [1, 0, 0, 0, 1, 0]
CORONAL = [1, 0, 0, 0, 0, -1]


def scan(folder):
    proc = subprocess.run([CLI, "scan", "--json", folder], capture_output=True, timeout=120,
                          env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
    return proc.returncode, json.loads(proc.stdout.decode("utf-8")), proc.stderr.decode("utf-8")


class MadeUpFolder(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="lb-study-model-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.src = pydicom.dcmread(CT)
        self.study = generate_uid()
        self.axial_series = generate_uid()
        self.other_series = generate_uid()

    def write(self, name, series_uid, number, instance, z, orientation=AXIAL, size=None,
              modality="CT", sop_uid=None):
        ds = self.src.copy()
        ds.StudyInstanceUID = self.study
        ds.SeriesInstanceUID = series_uid
        ds.SeriesNumber = number
        ds.InstanceNumber = instance
        ds.Modality = modality
        ds.ImageOrientationPatient = orientation
        ds.ImagePositionPatient = [0, 0, z]
        ds.SOPInstanceUID = sop_uid or generate_uid()
        if size is not None:
            ds.Rows, ds.Columns = size
            ds.PixelData = bytes(size[0] * size[1] * 2)
        path = os.path.join(self.tmp, name)
        ds.save_as(path)
        return path

    def test_split_and_duplicates(self):
        # Series 1: five axial slices, written out of order, and a coronal 64x64 localizer
        # (instance 1) whose position would put it in the middle of the axial stack.
        axial = {}
        for k, z in enumerate([30, 10, 50, 20, 40]):
            axial[z] = self.write("a%d.dcm" % k, self.axial_series, 1, k + 2, z)
        localizer = self.write("loc.dcm", self.axial_series, 1, 1, 25, CORONAL, (64, 64))
        # The same object twice under another name: listed once, reported.
        kept_uid = pydicom.dcmread(axial[30]).SOPInstanceUID
        twin = os.path.join(self.tmp, "zz-copy.dcm")
        shutil.copyfile(axial[30], twin)
        # Series 2: one CT and one "MR" sharing its series UID: two series, not one.
        ct2 = self.write("b0.dcm", self.other_series, 2, 1, 0)
        mr2 = self.write("b1.dcm", self.other_series, 2, 2, 0, modality="MR")

        rc, d, err = scan(self.tmp)
        self.assertEqual(rc, 0, err)
        self.assertEqual(d["dicom"], 9)
        self.assertEqual(d["duplicates"], [{"path": twin, "kept": axial[30],
                                            "sop_instance_uid": kept_uid}])
        series = [se for p in d["patients"] for st in p["studies"] for se in st["series"]]
        self.assertEqual([(se["number"], se["modality"], se["instances"]) for se in series],
                         [(1, "CT", 6), (2, "CT", 1), (2, "MR", 1)])
        self.assertEqual(series[1]["uid"], series[2]["uid"])
        self.assertEqual([s["path"] for s in series[1]["slices"]], [ct2])
        self.assertEqual([s["path"] for s in series[2]["slices"]], [mr2])

        first = series[0]
        self.assertEqual([(st["rows"], st["columns"], st["plane"], st["first"], st["instances"])
                          for st in first["stacks"]],
                         [(512, 512, "axial", 0, 5), (64, 64, "coronal", 5, 1)])
        # The axial stack in order along its normal, the localizer after it, not among it.
        self.assertEqual([s["path"] for s in first["slices"]],
                         [axial[z] for z in (10, 20, 30, 40, 50)] + [localizer])
        self.assertEqual([s["stack"] for s in first["slices"]], [0, 0, 0, 0, 0, 1])

        # The text output says the same.
        proc = subprocess.run([CLI, "scan", self.tmp], capture_output=True, text=True,
                              env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
        self.assertIn("Duplicate %s: same SOP Instance UID as %s" % (twin, axial[30]),
                      proc.stdout)
        self.assertIn("Stack 2: 64×64 coronal, 1 instances", proc.stdout)

    def test_orientation_within_tolerance_is_one_stack(self):
        # A scanner's cosines wobble in the last digits: still one stack.
        self.write("a.dcm", self.axial_series, 1, 1, 0, [1, 0, 0, 0, 1, 0])
        self.write("b.dcm", self.axial_series, 1, 2, 5, [0.99999, 0.001, 0, -0.001, 0.99999, 0])
        rc, d, err = scan(self.tmp)
        self.assertEqual(rc, 0, err)
        (se,) = d["patients"][0]["studies"][0]["series"]
        self.assertEqual(len(se["stacks"]), 1)



class ReadAhead(unittest.TestCase):
    """The read-ahead worker of a cold scan (cli-scan-ahead.c) only asks the kernel for bytes:
    forced on (LB_SCAN_READ_AHEAD=1) or off, the listing is the same, in every folder of the
    samples and of pydicom's files, duplicates and all."""

    def listing(self, folder, force):
        proc = subprocess.run([CLI, "scan", "--json", folder], capture_output=True, timeout=120,
                              env=dict(os.environ, LC_ALL="C", LANGUAGE="",
                                       LB_SCAN_READ_AHEAD=force))
        return proc.returncode, proc.stdout, proc.stderr

    def test_same_listing_with_and_without(self):
        folders = [os.path.dirname(os.path.dirname(CT)),
                   os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")]
        for folder in folders:
            with self.subTest(folder=folder):
                on = self.listing(folder, "1")
                self.assertEqual(on, self.listing(folder, "0"))
                self.assertGreater(json.loads(on[1].decode("utf-8"))["dicom"], 20)

if __name__ == "__main__":
    unittest.main()
