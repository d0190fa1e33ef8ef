#!/usr/bin/python3
"""How lightbox-cli is linked (issue 15 §3, process start; src/cli/cli-program.h): the executable
needs none of the codec, PNG, archive or network libraries, and GLib is linked in where its
static library is installed; a scan of a folder or a DICOMDIR, --help and --version load none
of them at run time; every other command and a scan of a zip run in the program
lightbox-cli-commands (without the network libraries, and without libarchive, which its module
lightbox-cli-zip brings at the first zip, and without CharLS, the JPEG-LS decoder, which is C++
and opened at the first JPEG-LS frame with the C++ runtime), `remote` in lightbox-cli-remote
(without the codecs and libarchive), and work. A program or module that cannot be run or loaded gives one error
line naming its path and the reason, and exit 2, never a crash. The generated dictionary tables hold
offsets into string pools, not pointers, so the executable has next to no relocations to
write at start-up."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import linkcheck
from linkcheck import loaded_files, needed
from testfiles import sample

CLI = os.environ["LB_CLI"]
COMMANDS = "lightbox-cli-commands"
REMOTE = "lightbox-cli-remote"
ZIP_MODULE = "lightbox-cli-zip.so"
HAVE_REMOTE = os.environ.get("LB_CLI_HAVE_REMOTE", "1") == "1"
INSTALLED_DIR = os.environ.get("LB_CLI_INSTALLED_PROGRAM_DIR", "")
CT = sample("dicompyler-core/ct.0.dcm")
SAMPLES = sample("")
# Libraries only the other programs may bring: lightbox-cli-commands the codecs (CharLS, and with
# it libstdc++, at the first JPEG-LS frame), PNG export and zips (libarchive, and through libxml2
# ICU); lightbox-cli-remote the DICOMweb client and GIO.
PIXELS_AND_ZIPS = ["libjpeg", "libcharls", "libopenjp2", "libstdc++", "libpng", "libdeflate",
                   "libarchive", "libxml2", "libicu"]
NETWORK = ["libsoup", "libjson-glib", "libgio", "libgobject", "libnghttp2", "libsqlite3",
           "libbrotli", "libgssapi", "libkrb5"]
MODULE_ONLY = PIXELS_AND_ZIPS + NETWORK
# What only lightbox-cli-zip brings into lightbox-cli-commands.
ZIPS = ["libarchive", "libxml2", "libicu", "liblz4", "libzstd", "libnettle"]
# What only the first JPEG-LS frame brings (src/dicom/codec-jpegls-charls.h).
CHARLS = ["libcharls", "libstdc++", "libgcc_s"]
CHARLS_SONAME = "libcharls.so.2"
JPEG_LS = sample("pydicom-data/JLSL_08_07_0_1F.dcm")
STATIC_GLIB = all(os.path.exists(f"/usr/lib/x86_64-linux-gnu/lib{name}.a")
                  for name in ("glib-2.0", "pcre2-8"))
ERROR_LINE = re.compile(r"^lightbox-cli: (.+?): (.+)$")


def forbidden(names, prefixes=MODULE_ONLY):
    return linkcheck.forbidden(names, prefixes)


def run_traced(*args, cli=CLI, cwd=None, env=None):
    """Runs lightbox-cli with the dynamic loader's file trace; returns (exit status, stdout,
    stderr, the files the loader opened: libraries needed at start, also those of a program
    run in lightbox-cli's place, which keeps its process and its trace file). env: more
    environment variables."""
    with tempfile.TemporaryDirectory() as trace_dir:
        env = dict(os.environ, **(env or {}), LC_ALL="C", LANGUAGE="", LD_DEBUG="files",
                   LD_DEBUG_OUTPUT=os.path.join(trace_dir, "trace"))
        proc = subprocess.run([cli] + list(args), capture_output=True, timeout=120, env=env,
                              cwd=cwd)
        loaded = loaded_files(os.path.join(trace_dir, "trace"))
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"), loaded)


def program_ran(loaded, name=COMMANDS):
    """Whether the program `name` ran in lightbox-cli's place, told by a library only it needs
    (the loader names every program by its argv[0], "lightbox-cli")."""
    marker = "libpng" if name == COMMANDS else "libsoup"
    return any(os.path.basename(n).startswith(marker) for n in loaded)


class ExecutableTest(unittest.TestCase):
    def test_needs_no_codec_png_archive_or_network_library(self):
        names = needed(CLI)
        self.assertEqual(forbidden(names), [], f"lightbox-cli NEEDED: {names}")
        # Each shared library costs ~0.07 ms at every start here, GLib's ~0.15 ms with its
        # symbol lookups: zlib and GLib are linked in where their static libraries are installed.
        self.assertNotIn("libgmodule-2.0.so.0", names)
        if STATIC_GLIB:
            self.assertNotIn("libglib-2.0.so.0", names)
        else:
            self.assertIn("libglib-2.0.so.0", names)
        if os.path.exists("/usr/lib/x86_64-linux-gnu/libz.a") or os.path.exists("/usr/lib/libz.a"):
            self.assertNotIn("libz.so.1", names)

    def test_dictionary_tables_need_no_relocations(self):
        # Tables of pointers land in .data.rel.ro ("d" for nm) and need a relocation per pointer
        # at every start: the dictionaries' 21,000 were nearly all of the executable's.
        symbols = subprocess.run(["nm", CLI], capture_output=True, check=True,
                                 text=True).stdout
        kinds = {name: kind for kind, name in
                 re.findall(r"^[0-9a-f]+ ([A-Za-z]) (\w+?)(?:\.lto_priv\.\d+)?$", symbols, re.M)}
        tables = ("dict_rows", "dict_strings", "dict_vrs", "dict_vms", "uid_rows", "uid_strings",
                  "private_creators", "private_creator_strings", "private_entries",
                  "private_names", "private_vms")
        for table in tables if kinds else ():   # none in a stripped executable
            self.assertIn(table, kinds, f"{table} not in the symbol table of {CLI}")
            self.assertEqual(kinds[table], "r", f"{table} is not plain read-only data")
        dynamic = subprocess.run(["readelf", "-d", CLI], capture_output=True, check=True,
                                 text=True).stdout
        if re.search(r"Shared library: \[lib(asan|ubsan|tsan)", dynamic):
            return   # the sanitizers' global metadata brings its own relocations
        relocations = subprocess.run(["readelf", "-r", CLI], capture_output=True, check=True,
                                     text=True).stdout
        count = len(re.findall(r"R_X86_64_RELATIVE|R_AARCH64_RELATIVE", relocations))
        self.assertLess(count, 1000, f"{CLI} has {count} relative relocations")

    def check_program(self, name, libraries):
        program = os.path.join(os.path.dirname(CLI), name)
        self.assertTrue(os.access(program, os.X_OK), program)
        names = needed(program)
        for library in libraries:
            self.assertTrue(any(n.startswith(library) for n in names), (library, names))
        return names

    def test_other_programs_are_beside_the_executable_and_hold_the_rest(self):
        names = self.check_program(COMMANDS, ["libpng", "libopenjp2", "libglib-2.0"])
        self.assertEqual(forbidden(names, NETWORK + ZIPS + CHARLS), [])
        if HAVE_REMOTE:
            names = self.check_program(REMOTE, ["libsoup", "libglib-2.0"])
            self.assertEqual(forbidden(names, PIXELS_AND_ZIPS), [])

    def test_zip_module_is_beside_and_holds_libarchive_only(self):
        module = os.path.join(os.path.dirname(CLI), ZIP_MODULE)
        self.assertTrue(os.path.isfile(module), module)
        names = needed(module)
        self.assertIn("libarchive.so.13", names)
        self.assertFalse(any(n.startswith("libglib") for n in names), names)
        exported = subprocess.run(["nm", "-D", "--defined-only", module], capture_output=True,
                                  check=True, text=True).stdout.split()
        self.assertIn("lb_cli_zip_module_get", exported)
        # Its copy of the zip reader stays its own.
        self.assertNotIn("lb_zip_open", exported)


class StartTest(unittest.TestCase):
    def assert_nothing_more_loaded(self, loaded):
        self.assertEqual(any("libglib-2.0" in n for n in loaded), not STATIC_GLIB, loaded)
        self.assertFalse(program_ran(loaded), loaded)
        self.assertEqual(forbidden(loaded), [])

    def test_version_and_help_load_nothing_more(self):
        status, out, _, loaded = run_traced("--version")
        self.assertEqual(status, 0)
        self.assertRegex(out, r"^lightbox-cli \S+\n$")
        self.assert_nothing_more_loaded(loaded)
        status, out, _, loaded = run_traced("--help")
        self.assertEqual(status, 0)
        commands = re.findall(r"^  (\S+) ", out, re.M)
        for name in ("dump", "info", "scan", "export", "presets", "phantom", "anonymize",
                     "measure", "histogram", "reformat"):
            self.assertIn(name, commands)
        self.assert_nothing_more_loaded(loaded)

    def test_scan_of_a_folder_and_dicomdir_loads_no_codec(self):
        # The samples hold JPEG, JPEG-LS, JPEG 2000, RLE and deflated files and a DICOMDIR: a
        # header scan reads none of their pixels.
        status, out, err, loaded = run_traced("scan", SAMPLES)
        self.assertEqual(status, 0, err)
        self.assertRegex(out.splitlines()[0], r"^\d+ files: \d+ DICOM \(1 DICOMDIR\)")
        self.assert_nothing_more_loaded(loaded)
        status, out, err, loaded = run_traced("scan", "--json", sample("derived/dicomdir"))
        self.assertEqual(status, 0, err)
        self.assertIn('"patients"', out)
        self.assert_nothing_more_loaded(loaded)


class ProgramTest(unittest.TestCase):
    def test_scan_of_a_zip_runs_the_commands_program_and_lists_its_members(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "files")
            os.mkdir(folder)
            zpath = os.path.join(tmp, "study.zip")
            with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
                for i, name in enumerate(("dicompyler-core/ct.0.dcm", "pydicom-data/liver_j2k.dcm",
                                          "pydicom-data/emri_small.dcm")):
                    shutil.copy(sample(name), os.path.join(folder, f"f{i}.dcm"))
                    z.write(sample(name), f"dir/f{i}.dcm")
            status, out, err, loaded = run_traced("scan", zpath)
            self.assertEqual(status, 0, err)
            self.assertTrue(program_ran(loaded), loaded)
            self.assertTrue(any(os.path.basename(n) == ZIP_MODULE for n in loaded), loaded)
            self.assertTrue(any("libarchive" in n for n in loaded), loaded)
            # The same listing as a scan of the same files in a folder, names aside, with the
            # options and the other inputs given before and after the zip.
            _, plain, _, _ = run_traced("scan", folder)
            self.assertTrue(out.startswith("3 files: 3 DICOM"), out)
            self.assertEqual(out.replace(zpath + "!/dir", "X"), plain.replace(folder, "X"))
            status, both, err, loaded = run_traced("scan", CT, "--json", zpath, folder)
            self.assertEqual(status, 0, err)
            self.assertTrue(program_ran(loaded), loaded)
            self.assertIn('"files": 7,', both)

    def test_export_runs_the_commands_program_and_writes_the_png(self):
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "ct.png")
            status, _, err, loaded = run_traced("export", CT, "-o", png)
            self.assertEqual(status, 0, err)
            self.assertTrue(program_ran(loaded), loaded)
            self.assertTrue(any("libpng" in n for n in loaded), loaded)
            self.assertFalse(program_ran(loaded, REMOTE), loaded)
            self.assertEqual(forbidden(loaded, NETWORK + ZIPS), [])
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_charls_is_loaded_at_the_first_jpeg_ls_frame_only(self):
        # An `info` and an `export` of other files start lightbox-cli-commands without CharLS
        # and the C++ runtime (they were 0.7 ms of each start); a JPEG-LS export loads them, and
        # so does its `info`, which decodes the first frame for its value range.
        with tempfile.TemporaryDirectory() as tmp:
            status, _, err, loaded = run_traced("info", CT)
            self.assertEqual(status, 0, err)
            self.assertTrue(program_ran(loaded), loaded)
            self.assertEqual(forbidden(loaded, CHARLS), [])
            status, _, err, loaded = run_traced("info", JPEG_LS)
            self.assertEqual(status, 0, err)
            self.assertIn(CHARLS_SONAME, [os.path.basename(n) for n in loaded])
            status, _, err, loaded = run_traced("export", CT, "-o", os.path.join(tmp, "ct.png"))
            self.assertEqual(status, 0, err)
            self.assertTrue(program_ran(loaded), loaded)
            self.assertEqual(forbidden(loaded, CHARLS), [])
            png = os.path.join(tmp, "jls.png")
            status, _, err, loaded = run_traced("export", JPEG_LS, "-o", png)
            self.assertEqual(status, 0, err)
            self.assertIn(CHARLS_SONAME, [os.path.basename(n) for n in loaded])
            # (In a sanitized build libstdc++ came at start, with the sanitizers' runtimes.)
            if not any(linkcheck.SANITIZER_RUNTIME.match(os.path.basename(n)) for n in loaded):
                self.assertTrue(any(os.path.basename(n).startswith("libstdc++")
                                    for n in loaded), loaded)
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_remote_runs_its_own_program_only(self):
        if not HAVE_REMOTE:
            self.skipTest("built without the DICOMweb client")
        status, out, err, loaded = run_traced("remote", "--help")
        self.assertEqual(status, 0, err)
        self.assertIn("search", out)
        self.assertTrue(program_ran(loaded, REMOTE), loaded)
        self.assertFalse(program_ran(loaded, COMMANDS), loaded)
        self.assertEqual(forbidden(loaded, PIXELS_AND_ZIPS), [])

    def test_usage_errors_of_the_other_commands_are_unchanged(self):
        status, _, err, _ = run_traced("info")
        self.assertEqual(status, 1, err)
        status, _, err, _ = run_traced("export", "--bits", "12", CT, "-o", "/nonexistent/x.png")
        self.assertEqual(status, 1, err)


class BrokenProgramTest(unittest.TestCase):
    """The executable copied alone to a folder: the other programs are looked for beside it,
    then in the installed place."""

    def copy_cli(self, tmp):
        cli = os.path.join(tmp, "lightbox-cli")
        shutil.copy(CLI, cli)
        return cli

    def assert_run_error(self, status, err, path):
        self.assertEqual(status, 2, err)
        lines = err.splitlines()
        self.assertEqual(len(lines), 1, err)
        m = ERROR_LINE.match(lines[0])
        self.assertTrue(m, err)
        self.assertEqual(m.group(1), path)
        self.assertIn("cannot run lightbox-cli's program for this command: ", m.group(2))

    def test_a_damaged_program_is_an_error_naming_it(self):
        with tempfile.TemporaryDirectory() as tmp:
            cli = self.copy_cli(tmp)
            program = os.path.join(tmp, COMMANDS)
            for name in (COMMANDS, REMOTE):
                with open(os.path.join(tmp, name), "wb") as f:
                    f.write(b"not a program")
                os.chmod(os.path.join(tmp, name), 0o755)
            for args in (["info", CT], ["export", CT, "-o", tmp]):
                status, _, err, _ = run_traced(*args, cli=cli)
                self.assert_run_error(status, err, program)
                self.assertIn("Exec format error", err)
            if HAVE_REMOTE:
                status, _, err, _ = run_traced("remote", "--help", cli=cli)
                self.assert_run_error(status, err, os.path.join(tmp, REMOTE))
            # A scan of a zip fails as an unreadable input does; the rest of the scan is done.
            zpath = os.path.join(tmp, "a.zip")
            with zipfile.ZipFile(zpath, "w") as z:
                z.write(CT, "ct.dcm")
            status, out, err, _ = run_traced("scan", zpath, CT, cli=cli)
            self.assert_run_error(status, err, program)
            self.assertTrue(out.startswith("1 files: 1 DICOM"), out)
            # Scan of folders needs no other program at all.
            status, out, err, _ = run_traced("scan", SAMPLES, cli=cli)
            self.assertEqual((status, err), (0, ""))

    def test_a_damaged_zip_module_is_an_error_and_the_rest_is_scanned(self):
        with tempfile.TemporaryDirectory() as tmp:
            cli = self.copy_cli(tmp)
            shutil.copy(os.path.join(os.path.dirname(CLI), COMMANDS), tmp)
            module = os.path.join(tmp, ZIP_MODULE)
            with open(module, "wb") as f:
                f.write(b"not a shared object")
            zpath = os.path.join(tmp, "a.zip")
            with zipfile.ZipFile(zpath, "w") as z:
                z.write(CT, "ct.dcm")
            status, out, err, _ = run_traced("scan", zpath, CT, cli=cli)
            self.assertEqual(status, 2, err)
            lines = err.splitlines()
            self.assertEqual(len(lines), 1, err)
            m = ERROR_LINE.match(lines[0])
            self.assertTrue(m, err)
            self.assertEqual(m.group(1), zpath)
            self.assertIn(f"cannot load lightbox-cli's zip reader {module}: ", m.group(2))
            self.assertTrue(out.startswith("1 files: 1 DICOM"), out)
            # Commands without zips do not load it.
            status, out, err, _ = run_traced("info", CT, cli=cli)
            self.assertEqual((status, err), (0, ""))

    def test_a_charls_that_cannot_be_loaded_is_a_decode_error(self):
        # A file that is not a library where the loader looks first for CharLS's soname: the
        # JPEG-LS input fails as an undecodable one does (CLI.md: one line, exit 2), nothing is
        # written for it, and the other input of the command is exported.
        with tempfile.TemporaryDirectory() as tmp:
            libs = os.path.join(tmp, "libs")
            os.mkdir(libs)
            with open(os.path.join(libs, CHARLS_SONAME), "wb") as f:
                f.write(b"#" * 200)
            out_dir = os.path.join(tmp, "out")
            os.mkdir(out_dir)
            status, _, err, loaded = run_traced("export", JPEG_LS, CT, "-o", out_dir,
                                                env={"LD_LIBRARY_PATH": libs})
            self.assertEqual(status, 2, err)
            lines = err.splitlines()
            self.assertEqual(len(lines), 1, err)
            m = ERROR_LINE.match(lines[0])
            self.assertTrue(m, err)
            self.assertEqual(m.group(1), JPEG_LS)
            self.assertEqual(m.group(2), f"frame 1: JPEG-LS decoder ({CHARLS_SONAME}) cannot be "
                             f"loaded: {os.path.join(libs, CHARLS_SONAME)}: invalid ELF header")
            written = os.listdir(out_dir)
            self.assertEqual(len(written), 1, written)
            self.assertTrue(written[0].startswith("ct.0"), written)
            self.assertFalse(any(os.path.basename(n).startswith("libstdc++") for n in loaded),
                             loaded)
            # Without it in the way, the same command exports both.
            shutil.rmtree(out_dir)
            os.mkdir(out_dir)
            status, _, err, _ = run_traced("export", JPEG_LS, CT, "-o", out_dir)
            self.assertEqual(status, 0, err)
            self.assertEqual(len(os.listdir(out_dir)), 2, os.listdir(out_dir))

    def test_a_missing_program_is_an_error_naming_the_installed_path(self):
        installed = os.path.join(INSTALLED_DIR, COMMANDS)
        if not INSTALLED_DIR or os.path.exists(installed):
            self.skipTest(f"the installed program exists ({installed})")
        with tempfile.TemporaryDirectory() as tmp:
            cli = self.copy_cli(tmp)
            status, _, err, _ = run_traced("dump", CT, cli=cli)
            self.assert_run_error(status, err, installed)
            self.assertIn("No such file", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
