"""clirun.py: how the CLI contract tests (test-cli.py, test-cli-files.py) run lightbox-cli.

LB_CLI names the binary (meson sets it). Runs are in the C locale with no translation, so the
messages checked are the English ones of CLI.md; output is decoded as UTF-8."""
import os
import re
import resource
import subprocess

CLI = os.environ["LB_CLI"]
# An error line as CLI.md defines it: "lightbox-cli: SUBJECT: MESSAGE".
ERROR_LINE = re.compile(r"^lightbox-cli: (.+?): (.+)$")


def run(*args, timeout=60, limit_memory=False, **kw):
    """(exit status, stdout, stderr) of `lightbox-cli ARGS`. limit_memory: 1 GiB of address
    space, so that a runaway read is refused instead of swapping."""
    def limits():
        # Not under AddressSanitizer, whose shadow memory alone reserves terabytes of address
        # space.
        if "ASAN_OPTIONS" not in os.environ:
            resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    proc = subprocess.run([CLI] + list(args), capture_output=True, timeout=timeout,
                          env=dict(os.environ, LC_ALL="C", LANGUAGE=""),
                          preexec_fn=limits if limit_memory else None, **kw)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def error_lines(stderr):
    """The error lines of stderr, matched by ERROR_LINE (None for a line that is not one)."""
    return [ERROR_LINE.match(line) for line in stderr.splitlines() if line]
