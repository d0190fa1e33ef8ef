#!/usr/bin/python3
"""bench/startup-instructions.py APP FILE [BASELINE...]: instructions from the start of the
viewer to its first image, counted by callgrind: the steady figure behind bench/startup.py's
wall times, which drift by 2x on a shared machine (issue 15 §2, bench/README.md "Start-up at
GTK's own cost").

Starts one private Xvfb and runs `APP FILE` under `valgrind --tool=callgrind
--separate-threads=yes`, with callgrind dumping the main thread's counts when
lb_window_finish_start_up() is first called (the idle right after the frame that drew the first
image); the process is stopped when it logs "start-up finished". Each BASELINE (a command, words
split on spaces, e.g. bench/gtk-baseline.c) runs the same way until it prints "first image
drawn" and is stopped there. Prints, per program, the main thread's instructions and the other
threads' (GTK's icon theme, fontconfig, the file read; counted until the process is stopped, a
few milliseconds later), and their sum. Counts usually repeat to within 0.5 %; now and then a
run counts some 75 M more on the main thread (threads interleaved otherwise): run it twice.

Environment as bench/startup.py (cairo renderer, no accessibility bus, memory GSettings);
GSETTINGS_SCHEMA_DIR must name the build's data/ folder (the script sets it from APP's build
directory when unset). Takes about 15 s a program."""
import glob
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvfb import start_xvfb  # noqa: E402

APP = sys.argv[1]
FILE = sys.argv[2]
BASELINES = [b.split() for b in sys.argv[3:]]
DUMP_AT = "lb_window_finish_start_up"


def totals(path):
    with open(path) as f:
        m = re.search(r"^totals: (\d+)", f.read(), re.M)
    if not m:
        raise SystemExit(f"startup-instructions: no totals in {path}")
    return int(m.group(1))


def run(env, argv, out, line, dump_at):
    """Runs argv under callgrind until `line` is logged; returns (main thread, other threads)."""
    cmd = ["valgrind", "--tool=callgrind", "--separate-threads=yes",
           f"--callgrind-out-file={out}"]
    if dump_at:
        cmd.append(f"--dump-before={dump_at}")
    proc = subprocess.Popen(cmd + argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            bufsize=0)
    fd = proc.stdout.fileno()
    seen = b""
    deadline = time.monotonic() + 300
    found = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        seen = seen[-256:] + chunk
        if line in seen:
            found = True
            break
    proc.send_signal(signal.SIGTERM)   # callgrind writes its files at the end
    proc.wait()
    proc.stdout.close()
    if not found:
        raise SystemExit(f"startup-instructions: {argv[0]} never logged '{line.decode()}'")
    # Thread 1's counts: from the dump at dump_at (part 1), else from the end.
    main_file = f"{out}.1-01" if dump_at else f"{out}-01"
    others = [p for p in glob.glob(f"{out}-*") if not p.endswith("-01")]
    return totals(main_file), sum(totals(p) for p in others)


def main():
    xvfb, display = start_xvfb(450, "startup-instructions")
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(APP))))
    rows = []
    try:
        with tempfile.TemporaryDirectory() as work:
            runtime = os.path.join(work, "runtime")
            os.mkdir(runtime, 0o700)
            env = dict(os.environ, DISPLAY=display, GDK_BACKEND="x11", GSK_RENDERER="cairo",
                       GTK_A11Y="none", GSETTINGS_BACKEND="memory", XDG_RUNTIME_DIR=runtime,
                       G_MESSAGES_DEBUG="lb-image-canvas,lb-window",
                       DBUS_SESSION_BUS_ADDRESS="disabled:")
            env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(build, "data"))
            programs = [([APP, FILE], b"start-up finished", DUMP_AT)]
            programs += [(argv, b"first image drawn", None) for argv in BASELINES]
            for i, (argv, line, dump_at) in enumerate(programs):
                main_i, other_i = run(env, argv, os.path.join(work, f"cg{i}.out"), line, dump_at)
                rows.append((" ".join([os.path.basename(argv[0])] + argv[1 + (i == 0):]),
                             main_i, other_i))
    finally:
        xvfb.kill()
    print(f"start to first image of {os.path.basename(FILE)}, callgrind (instructions):")
    print()
    print("| Program | main thread | other threads | all |")
    print("|---|---|---|---|")
    for name, main_i, other_i in rows:
        print(f"| `{name}` | {main_i / 1e6:.0f} M | {other_i / 1e6:.0f} M"
              f" | {(main_i + other_i) / 1e6:.0f} M |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
