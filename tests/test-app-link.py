#!/usr/bin/python3
"""How the viewer is linked (issue 15 §2, start-up; src/app/lb-remote-module.h,
lb-zip-module.h): the `lightbox` executable needs none of the network and keyring libraries
(libsoup, json-glib, libsecret and their chain), which are its module lightbox-remote's, nor
libarchive and its chain (libxml2, ICU), which are lightbox-zip's; starting it with a file loads
none of them nor either module before the first image; starting it with a zip loads lightbox-zip
(and libarchive) but not lightbox-remote. CharLS, the JPEG-LS decoder, is C++ and not linked
either: the first JPEG-LS frame opens it (src/dicom/codec-jpegls-charls.h). Needs an X display
(meson test runs under xvfb-run)."""
import os
import select
import signal
import subprocess
import tempfile
import time
import unittest
import zipfile

import linkcheck
from linkcheck import loaded_files, needed
from testfiles import sample

APP = os.environ["LB_APP"]
MODULE = "lightbox-remote.so"
ZIP_MODULE = "lightbox-zip.so"
CT = sample("dicompyler-core/ct.0.dcm")
NETWORK = ["libsoup", "libjson-glib", "libsecret", "libgcrypt", "libnghttp2", "libsqlite3",
           "libpsl", "libgssapi", "libkrb5", "libidn2"]
ARCHIVE = ["libarchive", "libxml2", "libicu", "liblz4", "libbz2", "libacl", "libnettle"]
# What the start may not load: libarchive's chain may come in anyway, by another way (Mesa's
# llvmpipe needs libxml2 and so ICU).
NOT_AT_START = NETWORK + ["libarchive"]
CHARLS_SONAME = "libcharls.so.2"
# CharLS and the C++ runtime it needs: never NEEDED by the viewer (libstdc++ may come at start
# anyway, by another way: Mesa's llvmpipe is C++).
CHARLS = ["libcharls", "libstdc++", "libgcc_s"]
JPEG_LS = sample("pydicom-data/JLSL_08_07_0_1F.dcm")
def forbidden(names, prefixes=NETWORK + ARCHIVE):
    return linkcheck.forbidden(names, prefixes)


def start_traced(*args, line=b"start-up finished"):
    """Starts the viewer with the dynamic loader's file trace until it logs that its start-up
    finished (the idle after the frame that drew the first image), then stops it; returns the
    files the loader opened."""
    with tempfile.TemporaryDirectory() as work:
        runtime = os.path.join(work, "runtime")
        os.mkdir(runtime, 0o700)
        env = dict(os.environ, LC_ALL="C", LANGUAGE="", LD_DEBUG="files",
                   LD_DEBUG_OUTPUT=os.path.join(work, "trace"), GSETTINGS_BACKEND="memory",
                   GTK_A11Y="none", G_MESSAGES_DEBUG="lb-window", XDG_RUNTIME_DIR=runtime,
                   DBUS_SESSION_BUS_ADDRESS="disabled:")
        proc = subprocess.Popen([APP] + list(args), env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, bufsize=0)
        seen = b""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and line not in seen:
            ready, _, _ = select.select([proc.stdout], [], [], 0.5)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                seen = seen[-4096:] + chunk
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        proc.stdout.close()
        if line not in seen:
            raise AssertionError(f"the viewer never logged '{line.decode()}':\n{seen.decode()}")
        return loaded_files(os.path.join(work, "trace"))


class LinkTest(unittest.TestCase):
    def test_executable_needs_no_network_library(self):
        names = needed(APP)
        self.assertIn("libgtk-4.so.1", names)
        self.assertEqual(forbidden(names), [], f"lightbox NEEDED: {names}")
        self.assertEqual(forbidden(names, CHARLS), [], f"lightbox NEEDED: {names}")

    def test_zip_module_beside_the_executable_holds_libarchive(self):
        module = os.path.join(os.path.dirname(APP), ZIP_MODULE)
        self.assertTrue(os.path.isfile(module), module)
        names = needed(module)
        self.assertIn("libarchive.so.13", names)
        self.assertEqual(forbidden(names, NETWORK), [])
        exported = subprocess.run(["nm", "-D", "--defined-only", module], capture_output=True,
                                  check=True, text=True).stdout.split()
        self.assertIn("lb_zip_module_get", exported)
        self.assertEqual([s for s in exported if s.startswith(("lb_zip_open", "lb_dicom"))], [])

    def test_module_beside_the_executable_holds_them(self):
        module = os.path.join(os.path.dirname(APP), MODULE)
        self.assertTrue(os.path.isfile(module), module)
        names = needed(module)
        for library in ("libsoup-3.0.so.0", "libjson-glib-1.0.so.0", "libsecret-1.so.0"):
            self.assertIn(library, names)
        exported = subprocess.run(["nm", "-D", "--defined-only", module], capture_output=True,
                                  check=True, text=True).stdout.split()
        self.assertIn("lb_remote_module_get", exported)
        # The module's static code stays its own: no parser or client function is exported.
        self.assertEqual([s for s in exported if s.startswith(("lb_dicom", "lb_remote_client"))],
                         [])

    def test_start_with_a_file_loads_neither_module_nor_network_library(self):
        loaded = start_traced(CT)
        self.assertTrue(any("libgtk-4" in n for n in loaded), loaded)
        self.assertFalse(any(os.path.basename(n) in (MODULE, ZIP_MODULE) for n in loaded),
                         loaded)
        self.assertEqual(forbidden(loaded, NOT_AT_START), [])
        self.assertNotIn(CHARLS_SONAME, [os.path.basename(n) for n in loaded])

    def test_start_with_a_jpeg_ls_file_loads_charls(self):
        loaded = start_traced(JPEG_LS)
        self.assertIn(CHARLS_SONAME, [os.path.basename(n) for n in loaded])

    def test_start_with_a_zip_loads_the_zip_module_only(self):
        with tempfile.TemporaryDirectory() as work:
            path = os.path.join(work, "case.zip")
            with zipfile.ZipFile(path, "w") as z:
                z.write(CT, "case/ct.0.dcm")
            env_cache = os.environ.get("XDG_CACHE_HOME")
            os.environ["XDG_CACHE_HOME"] = os.path.join(work, "cache")
            try:
                loaded = start_traced(path)
            finally:
                if env_cache is None:
                    del os.environ["XDG_CACHE_HOME"]
                else:
                    os.environ["XDG_CACHE_HOME"] = env_cache
        self.assertTrue(any(os.path.basename(n) == ZIP_MODULE for n in loaded), loaded)
        self.assertTrue(any(os.path.basename(n).startswith("libarchive") for n in loaded), loaded)
        self.assertFalse(any(os.path.basename(n) == MODULE for n in loaded), loaded)
        self.assertEqual(forbidden(loaded, NETWORK), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
