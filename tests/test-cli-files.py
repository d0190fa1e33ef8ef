#!/usr/bin/python3
"""lightbox-cli and the files it reads and writes (CLI.md, Conventions): only regular files are
read, at once (a FIFO never blocks, a device is never read); a file that changes while it is
read gives an error line, never a signal; export never replaces what it should not (an existing
file without --force, a file that is not a PNG, an input), never merges two inputs into one
name, leaves no temporary file behind (failures, SIGINT, SIGTERM), and names the real reason
when the disk is full."""
import contextlib
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

import clirun  # tests/clirun.py, beside this script
from clirun import CLI, error_lines
from testfiles import sample  # tests/testfiles.py, beside this script

warnings.simplefilter("ignore")

# In-repo files (tests/samples), so that the test runs in a clone without the shared corpus.
CT = sample("dicompyler-core/ct.0.dcm")          # 512 x 512, one frame
MR = sample("pydicom-data/emri_small.dcm")        # 64 x 64, another DICOM file
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# A bound for "at once": far above any honest run, far below "forever". Not a speed goal.
HANG = 30


def run(*args, **kw):
    return clirun.run(*args, timeout=HANG, **kw)


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

    @contextlib.contextmanager
    def small_disk(self, size):
        """A tmpfs of `size` at tmp/disk for the block (the test is skipped where mount fails)."""
        disk = self.path("disk")
        os.makedirs(disk)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk],
                          capture_output=True).returncode != 0:
            self.skipTest("mount -t tmpfs refused")
        try:
            yield disk
        finally:
            subprocess.run(["umount", disk])


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


def write_noise(path, size=1024):
    """A one-frame 16-bit image of noise: its PNG is about as large as its pixels (2 MiB)."""
    write_cine(path, frames=1, size=size)
    ds = pydicom.dcmread(path)
    rng = np.random.default_rng(7)
    ds.PixelData = rng.integers(0, 65535, (size, size), dtype="<u2").tobytes()
    ds.save_as(path)


def leftovers(folder):
    """Temporary files of ours (.lightbox-*, or the old NAME.tmp-XXXXXX) under folder."""
    return [n for _, _, names in os.walk(folder) for n in names
            if n.startswith(".lightbox-") or ".tmp" in n]


class ExportNeverDestroys(Tmp):
    def read(self, path):
        with open(path, "rb") as f:
            return f.read()

    def test_other_dicom_file_never_replaced(self):
        other = self.path("b.dcm")
        shutil.copy(MR, other)
        before = self.read(other)
        for force in ([], ["--force"]):
            rc, out, err = run("export", *force, CT, "-o", other)
            self.assertEqual(rc, 2, force)
            (m,) = error_lines(err)
            self.assertEqual(m.group(1), CT)
            self.assertIn(other, m.group(2))
            self.assertEqual(self.read(other), before, force)
        self.assertIn("not a PNG", err)
        self.assertEqual(leftovers(self.tmp), [])

    def test_existing_png_needs_force(self):
        out = self.path("ct.png")
        rc, _, err = run("export", "--window", "40,400", CT, "-o", out)
        self.assertEqual((rc, err), (0, ""))
        first = self.read(out)
        rc, _, err = run("export", "--window", "-600,1500", CT, "-o", out)
        self.assertEqual(rc, 2)
        (m,) = error_lines(err)
        self.assertEqual(m.groups(), (CT, out + " exists; --force replaces it"))
        self.assertEqual(self.read(out), first)
        rc, _, err = run("export", "--force", "--window", "-600,1500", CT, "-o", out)
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(self.read(out).startswith(PNG_MAGIC))
        self.assertNotEqual(self.read(out), first)

    def test_two_inputs_of_one_name_never_merged(self):
        os.makedirs(self.path("d1"))
        os.makedirs(self.path("d2"))
        shutil.copy(CT, self.path("d1", "IM0001"))
        shutil.copy(MR, self.path("d2", "IM0001"))
        outdir = self.path("out")
        for force in ([], ["--force"]):
            rc, out, err = run("export", *force, self.path("d1", "IM0001"),
                               self.path("d2", "IM0001"), "-o", outdir + "/")
            self.assertEqual(rc, 2, force)
            (m,) = error_lines(err)
            self.assertEqual(m.group(1), self.path("d2", "IM0001"))
            self.assertIn("already written for " + self.path("d1", "IM0001"), m.group(2))
            self.assertEqual(os.listdir(outdir), ["IM0001-1.png"])
            # The PNG is d1's CT, 512 wide, not d2's MR (64 wide).
            self.assertEqual(int.from_bytes(self.read(self.path("out", "IM0001-1.png"))[16:20],
                                            "big"), 512)
            shutil.rmtree(outdir)

    def test_an_input_is_never_an_output(self):
        shutil.copy(CT, self.path("a.dcm"))
        shutil.copy(MR, self.path("a-1.png"))
        before = self.read(self.path("a-1.png"))
        for force in ([], ["--force"]):
            rc, out, err = run("export", *force, self.path("a.dcm"), self.path("a-1.png"),
                               "-o", self.tmp)
            self.assertEqual(rc, 2, force)
            self.assertEqual(self.read(self.path("a-1.png")), before, force)
            lines = error_lines(err)
            self.assertEqual([m.group(1) for m in lines], [self.path("a.dcm")], err)
        self.assertIn("is one of the inputs", err)
        self.assertEqual(leftovers(self.tmp), [])

    def test_long_output_name(self):
        out = self.path("n" * 246 + ".png")   # 250 bytes, within NAME_MAX (255)
        rc, _, err = run("export", CT, "-o", out)
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(self.read(out).startswith(PNG_MAGIC))
        self.assertEqual(leftovers(self.tmp), [])

    def interrupt(self, sig):
        src = self.path("big.dcm")
        write_noise(src, 2048)
        outdir = self.path("out")
        os.makedirs(outdir)
        proc = subprocess.Popen([CLI, "export", "--bits", "16", src, "-o", outdir],
                                stderr=subprocess.PIPE)
        # Wait for the temporary file to appear (what the export does first), then interrupt.
        deadline = time.monotonic() + HANG
        while not os.listdir(outdir) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        self.assertIsNone(proc.poll(), "the export ended before the signal")
        proc.send_signal(sig)
        proc.communicate(timeout=HANG)
        self.assertEqual(proc.returncode, -sig)
        self.assertEqual(os.listdir(outdir), [])

    def test_sigint_removes_the_temporary_file(self):
        self.interrupt(signal.SIGINT)

    def test_sigterm_removes_the_temporary_file(self):
        self.interrupt(signal.SIGTERM)

    def test_file_size_limit_names_the_reason(self):
        src = self.path("noise.dcm")
        write_noise(src)
        outdir = self.path("out")

        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))
        proc = subprocess.run([CLI, "export", "--bits", "16", src, "-o", outdir + "/"],
                              capture_output=True, timeout=HANG, preexec_fn=limit,
                              env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
        self.assertEqual(proc.returncode, 2)
        (m,) = error_lines(proc.stderr.decode())
        self.assertEqual(m.groups(), (src, "cannot write %s/noise-1.png: File too large" % outdir))
        self.assertEqual(os.listdir(outdir), [])

    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("mount"), "needs root for a tmpfs")
    def test_full_disk_names_the_reason(self):
        src = self.path("noise.dcm")
        write_noise(src)
        with self.small_disk("1m") as disk:
            rc, out, err = run("export", "--bits", "16", src, "-o", disk)
            self.assertEqual(rc, 2)
            (m,) = error_lines(err)
            self.assertEqual(m.groups(),
                             (src, "cannot write %s/noise-1.png: No space left on device" % disk))
            self.assertEqual(os.listdir(disk), [])

    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("mount"), "needs root for a tmpfs")
    def test_full_disk_anonymize_names_the_input_and_the_reason(self):
        # As export: the line names the input, the message the copy that could not be written.
        src = self.path("noise.dcm")
        write_noise(src)
        with self.small_disk("1m") as disk:
            rc, out, err = run("anonymize", src, "-o", disk)
            self.assertEqual(rc, 2, err)
            # Besides a warning about burned-in text, one line for the copy not written.
            (m,) = [m for m in error_lines(err) if "warning" not in m.group(2)]
            self.assertEqual(m.group(1), src)
            self.assertRegex(m.group(2), r"^cannot write %s/2\.25\.[0-9]+\.dcm: "
                             r"No space left on device$" % re.escape(disk))
            self.assertEqual(os.listdir(disk), [])


class PhantomOnAFullDisk(Tmp):
    @unittest.skipUnless(os.geteuid() == 0 and shutil.which("mount"), "needs root for a tmpfs")
    def test_each_failed_file_named_once_with_the_reason(self):
        with self.small_disk("200k") as disk:
            rc, out, err = run("phantom", disk)
            self.assertEqual(rc, 2)
            lines = error_lines(err)
            self.assertGreater(len(lines), 10)
            for m in lines:
                self.assertEqual(m.group(2), "No space left on device", m.group(0))
                self.assertTrue(m.group(1).startswith(disk + "/CT"), m.group(0))
            self.assertEqual(leftovers(disk), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
