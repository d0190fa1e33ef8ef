"""linkcheck.py: what an executable or module links, and what the dynamic loader opened while a
program ran, for the tests that check how lightbox and lightbox-cli are linked
(test-cli-link.py, test-app-link.py)."""
import glob
import os
import re
import subprocess

SANITIZER_RUNTIME = re.compile(r"^lib(asan|ubsan|lsan|tsan)\.so")


def needed(path):
    """The NEEDED entries of an ELF file."""
    out = subprocess.run(["readelf", "-d", path], capture_output=True, check=True,
                         text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)


def forbidden(names, prefixes):
    """The names (paths or sonames) that start with one of the prefixes."""
    return sorted(n for n in names if any(os.path.basename(n).startswith(p) for p in prefixes))


def loaded_files(trace_prefix):
    """The files the loader opened, from the LD_DEBUG=files output written to trace_prefix.PID:
    libraries needed at start and modules loaded later. In a sanitized build the sanitizers'
    runtimes need libstdc++ themselves (and their dlopen interceptor loads the modules): what
    only they need is left out."""
    loaded = set()
    for path in glob.glob(trace_prefix + ".*"):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.search(r"\bfile=(\S+)\s+\[\d+\];\s+(needed by|dynamically loaded by)"
                              r"\s+(\S+)", line)
                if m and not (m.group(2) == "needed by"
                              and SANITIZER_RUNTIME.match(os.path.basename(m.group(3)))):
                    loaded.add(m.group(1))
    return loaded
