#!/usr/bin/python3
"""lightbox-cli and the files it reads and writes (CLI.md, Conventions): only regular files are
read, at once (a FIFO never blocks, a device is never read); a file that changes while it is
read gives an error line, never a signal; export never replaces what it should not (an existing
file without --force, a file that is not a PNG, an input), never merges two inputs into one
name, leaves no temporary file behind (failures, SIGINT, SIGTERM), and names the real reason
when the disk is full."""
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import warnings

import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

warnings.simplefilter("ignore")

CLI = os.environ["LB_CLI"]
CORPUS = os.environ["LB_CORPUS"]
ERROR_LINE = re.compile(r"^lightbox-cli: (.+?): (.+)$")
CT = os.path.join(CORPUS, "dicompyler-core/ct.0.dcm")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# A bound for "at once": far above any honest run, far below "forever". Not a speed goal.
HANG = 30


def run(*args, limit_memory=False, **kw):
    def limits():
        if limit_memory:   # what a runaway read would take, refused instead of swapping
            resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    proc = subprocess.run([CLI] + list(args), capture_output=True, timeout=HANG,
                          env=dict(os.environ, LC_ALL="C", LANGUAGE=""), preexec_fn=limits, **kw)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def error_lines(stderr):
    return [ERROR_LINE.match(line) for line in stderr.splitlines() if line]


def write_cine(path, frames=40, size=256):
    """A multi-frame native file whose frames differ (frame k is all k * 100 + gradient)."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7.3"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.Rows = ds.Columns = size
    ds.NumberOfFrames = frames
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    grad = np.arange(size, dtype=np.uint16)[None, :].repeat(size, 0)
    ds.PixelData = np.stack([grad + 100 * k for k in range(frames)]).astype("<u2").tobytes()
    ds.save_as(path, write_like_original=False)


class Tmp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="lb-cli-files-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)


class NotRegularFiles(Tmp):
    def test_fifo_refused_at_once(self):
        fifo = self.path("x.dcm")
        os.mkfifo(fifo)
        for command in (["info"], ["dump"], ["dump", "--json"], ["scan"],
                        ["export", "-o", self.path("x.png")]):
            rc, out, err = run(*command, fifo)
            self.assertEqual(rc, 2, command)
            (m,) = error_lines(err)
            self.assertEqual(m.groups(), (fifo, "a FIFO, not a regular file"), command)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["x.dcm"])

    def test_fifo_in_a_folder_is_skipped(self):
        os.mkfifo(self.path("x.dcm"))
        shutil.copy(CT, self.path("ct.dcm"))
        rc, out, err = run("scan", self.tmp)
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("1 DICOM", out)

    def test_device_refused_not_read(self):
        zero = self.path("z.dcm")
        os.symlink("/dev/zero", zero)
        for command in (["info"], ["dump"], ["export", "-o", self.path("z.png")]):
            rc, out, err = run(*command, zero, limit_memory=True)
            self.assertEqual(rc, 2, command)
            (m,) = error_lines(err)
            self.assertEqual(m.groups(), (zero, "a character device, not a regular file"),
                             command)

    def test_directory_named_as_a_file(self):
        rc, out, err = run("info", self.tmp)
        self.assertEqual(rc, 2)
        (m,) = error_lines(err)
        self.assertEqual(m.groups(), (self.tmp, "a directory, not a regular file"))


class ChangingFiles(Tmp):
    def test_export_while_the_file_is_rewritten(self):
        """A new version copied over the file in place (truncate, then write) while export
        reads it: each run exports or names the problem; none dies of SIGBUS."""
        src = self.path("cine.dcm")
        write_cine(src)
        with open(src, "rb") as f:
            data = f.read()
        stop = threading.Event()

        def rewrite():
            while not stop.is_set():
                with open(src, "r+b") as f:
                    f.truncate(2000)
                    f.flush()
                    os.fsync(f.fileno())
                    f.seek(2000)
                    f.write(data[2000:])
        writer = threading.Thread(target=rewrite)
        writer.start()
        outcomes = []
        try:
            for i in range(20):
                # Every frame: the read spans many rewrites.
                rc, _, err = run("export", "--all-frames", src, "-o", self.path("out%d" % i))
                outcomes.append((rc, err))
        finally:
            stop.set()
            writer.join()
        for rc, err in outcomes:
            self.assertIn(rc, (0, 2), err)
            if rc == 2:
                (m,) = error_lines(err)
                self.assertEqual(m.group(1), src)
        left = [n for _, _, names in os.walk(self.tmp) for n in names if "tmp" in n]
        self.assertEqual(left, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
