#!/usr/bin/python3
"""Damaged inputs: lightbox-cli must fail cleanly, whatever the bytes (CLI.md).

Every corpus file is cut at 20 positions (the first bytes, around the preamble and the meta
group, then spread over the file) and changed in random bytes (fixed seed, several mutants per
file, most changes in the header where the parser decides). `dump --json`, `info`, the text
`dump` (mutants) and, once it exists, `export` run on them: the exit status must be 0 or 2,
never a signal (a crash, an abort, a sanitizer kill) and never a hang (10 s each); exit 2
needs a "lightbox-cli: PATH: REASON" line on stderr.

LB_ROBUSTNESS_MUTANTS (default 3) sets the random mutants per file.
"""
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import testfiles  # tests/testfiles.py, beside this script

CLI = os.environ["LB_CLI"]
CORPUS = os.environ["LB_CORPUS"]
CUTS = 20
MUTANTS = int(os.environ.get("LB_ROBUSTNESS_MUTANTS", "3"))
# A hang, not a slow run: a mutant takes well under a second here, but a sanitized build on a
# loaded machine (ASan makes dump --json of a 2 MB file ~15x slower) needs room.
TIMEOUT = 30 if "ASAN_OPTIONS" in os.environ else 10
ERROR_LINE = re.compile(r"^lightbox-cli: .+: .+$", re.M)


def cut_positions(size):
    # The places where a parser changes state: inside the preamble, at "DICM", inside the
    # first element headers; then evenly over the rest of the file.
    fixed = [0, 1, 64, 128, 130, 132, 136, 140, 200, 300]
    spread = [size * k // (CUTS - len(fixed) + 1) for k in range(1, CUTS - len(fixed) + 1)]
    return sorted({p for p in fixed + spread if p < size})[:CUTS]


def mutate(data, rng):
    b = bytearray(data)
    header = min(len(b), 8192)
    for _ in range(rng.randint(1, 16)):
        # Three in four changes hit the header, where lengths, VRs and tags live.
        span = header if rng.random() < 0.75 else len(b)
        if span == 0:
            break
        i = rng.randrange(span)
        b[i] = rng.choice([0x00, 0xff, 0x7f, 0x80, rng.randrange(256)])
    if rng.random() < 0.3 and len(b) > 200:
        # A length field set to a huge or undefined value.
        i = rng.randrange(132, min(len(b), 4096) - 4)
        b[i:i + 4] = rng.choice([b"\xff\xff\xff\xff", b"\xfe\xff\xff\x7f", b"\x00\x00\x00\x80"])
    return bytes(b)


def export_exists():
    proc = subprocess.run([CLI, "export", "--help"], capture_output=True, timeout=TIMEOUT)
    return proc.returncode == 0


def commands(path, outdir, with_export, kind, index):
    """Cuts mostly exercise the parser's bounds, which `dump --json` (every element, every
    value) and `info` (pixels too) cover; mutants also reach value formatting, so they get
    the text dump as well. Export runs on every mutant and every other cut. This keeps the
    test near a minute on two cores."""
    cmds = [["dump", "--json", path], ["info", path]]
    if kind == "mut":
        cmds.append(["dump", path])
    if with_export and (kind == "mut" or index % 2 == 0):
        cmds.append(["export", path, "-o", outdir])
    return cmds


def run_one(args):
    try:
        proc = subprocess.run([CLI] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"hang (> {TIMEOUT} s): {' '.join(args)}"
    stderr = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode < 0:
        return f"signal {-proc.returncode}: {' '.join(args)}\n      {stderr[-300:]}"
    if proc.returncode not in (0, 2):
        return f"exit {proc.returncode}: {' '.join(args)}\n      {stderr[-300:]}"
    if proc.returncode == 2 and not ERROR_LINE.search(stderr):
        return f"exit 2 without an error line: {' '.join(args)}: {stderr[-300:]!r}"
    if "AddressSanitizer" in stderr or "runtime error:" in stderr:
        return f"sanitizer report: {' '.join(args)}\n      {stderr[-500:]}"
    return None


def check_file(n, path, rng_seed, with_export, tmp):
    """Writes the variants of one file, runs the commands on them, removes them: disk use stays
    at one file's variants per worker."""
    rng = random.Random(rng_seed)
    with open(path, "rb") as f:
        data = f.read()
    variants = [("cut", i, "cut%d" % p, data[:p])
                for i, p in enumerate(cut_positions(len(data)))]
    variants += [("mut", m, "mut%d" % m, mutate(data, rng)) for m in range(MUTANTS)]
    failures, runs = [], 0
    for kind, index, name, content in variants:
        out = os.path.join(tmp, f"{n:03d}-{name}.dcm")
        with open(out, "wb") as f:
            f.write(content)
        outdir = os.path.join(tmp, f"{n:03d}-{name}.out")
        os.mkdir(outdir)
        bad = False
        for args in commands(out, outdir, with_export, kind, index):
            runs += 1
            result = run_one(args)
            if result is not None:
                failures.append(f"{os.path.relpath(path, CORPUS)} {name}: {result}")
                bad = True
        keep = os.environ.get("LB_ROBUSTNESS_KEEP")
        if bad and keep:
            os.makedirs(keep, exist_ok=True)
            shutil.copy(out, keep)
        os.unlink(out)
        shutil.rmtree(outdir)
    return runs, failures


def main():
    with_export = export_exists()
    failures, runs = [], 0
    testfiles.skip_without_corpus("robustness", CORPUS)
    files = testfiles.manifest_files(CORPUS)
    with tempfile.TemporaryDirectory(prefix="lb-robust-") as tmp:
        workers = max(2, (os.cpu_count() or 2))
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(check_file, n, path, 20240611 + n, with_export, tmp)
                       for n, path in enumerate(files)]
            for fut in futures:
                r, f = fut.result()
                runs += r
                failures += f
    for f in failures[:40]:
        print("FAIL", f)
    if len(failures) > 40:
        print(f"... {len(failures) - 40} more")
    print(f"{len(files)} files, {runs} runs ({'with' if with_export else 'without'} export), "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
