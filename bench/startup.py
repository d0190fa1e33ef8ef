#!/usr/bin/python3
"""bench/startup.py APP FILE [BASELINE...]: start to first image of a 512x512 CT in the viewer
(goal <= 400 ms; Lightbox's own time over a bare GTK window <= 45 ms, issue 15 §2).

Starts one private Xvfb, then launches `APP FILE` RUNS times and measures, from the fork, the
time until the canvas logs that it painted the first image (lb-image-canvas logs "first image
drawn" under G_MESSAGES_DEBUG). One warm-up run of each program; medians and ranges printed.
Each BASELINE is a command (words split on spaces) that prints the same line, e.g.
bench/gtk-baseline.c and its stricter `--plain` mode. The programs run in turn, A B C A B C ...,
so drift of a shared machine hits all alike; for each baseline the median of the per-round
ratios and differences (Lightbox's own time) is printed, as a Markdown table row.

Environment: RUNS (rounds, default 15); BENCH_CPUS, the cores all programs may use (taskset -c,
default 1, as bench/lib.sh); BUSY=1 keeps core 0 busy meanwhile (`yes` pinned there), to
measure with a busy core; STARTUP_RENDERER=gl for GTK's default renderer instead of cairo."""
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xvfb import start_xvfb  # noqa: E402

APP = sys.argv[1]
FILE = sys.argv[2]
BASELINES = [b.split() for b in sys.argv[3:]]
RUNS = int(os.environ.get("RUNS", "15"))
CPUS = os.environ.get("BENCH_CPUS", "1")
# STARTUP_LINE: the log line waited for instead (e.g. "studies listed:": the study browser has
# listed the whole folder; bench/folder.sh), or several separated by "|", the first seen ending
# the run; GOAL_MS: the goal printed.
LINE = os.environ.get("STARTUP_LINE", "first image drawn").encode()
LINES = LINE.split(b"|")
GOAL_MS = int(os.environ.get("GOAL_MS", "400"))
BUSY = os.environ.get("BUSY", "") not in ("", "0")


def one_run(env, argv):
    """Milliseconds from the fork to the log line, read unbuffered: a text-mode pipe reads
    ahead in blocks and would see the line late."""
    start = time.monotonic()
    proc = subprocess.Popen(["taskset", "-c", CPUS] + argv, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, bufsize=0)
    fd = proc.stdout.fileno()
    seen = b""
    elapsed = None
    deadline = start + 20
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        seen = seen[-64:] + chunk
        if any(line in seen for line in LINES):
            elapsed = (time.monotonic() - start) * 1000
            break
    proc.kill()
    proc.wait()
    proc.stdout.close()
    return elapsed


def main():
    xvfb, display = start_xvfb(150, "startup")
    busy = None
    programs = [[APP, FILE]] + BASELINES
    times = [[] for _ in programs]
    try:
        with tempfile.TemporaryDirectory() as runtime:
            os.chmod(runtime, 0o700)
            # GTK's default renderer is GL (here Mesa's software llvmpipe); cairo is what
            # gui-run uses. STARTUP_RENDERER=gl measures the default.
            env = dict(os.environ, DISPLAY=display, GDK_BACKEND="x11",
                       GSK_RENDERER=os.environ.get("STARTUP_RENDERER", "cairo"),
                       GTK_A11Y="none", GSETTINGS_BACKEND="memory", XDG_RUNTIME_DIR=runtime,
                       G_MESSAGES_DEBUG="lb-image-canvas,lb-study-browser", DBUS_SESSION_BUS_ADDRESS="disabled:")
            if BUSY:
                busy = subprocess.Popen(["taskset", "-c", "0", "yes"], stdout=subprocess.DEVNULL)
            for argv in programs:
                one_run(env, argv)
            for _ in range(RUNS):
                for i, argv in enumerate(programs):
                    times[i].append(one_run(env, argv))
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
        xvfb.kill()
    app_times = [t for t in times[0] if t is not None]
    if not app_times:
        print(f"startup: no run logged '{LINE.decode()}'")
        return 1
    where = f"cores {CPUS}" + (", core 0 kept busy" if BUSY else "")
    print(f"start to '{LINE.decode()}' of {os.path.basename(FILE)} ({where}): median "
          f"{statistics.median(app_times):.0f} ms (min {min(app_times):.0f},"
          f" max {max(app_times):.0f}, {len(app_times)} runs; goal <= {GOAL_MS} ms)")
    if not BASELINES:
        return 0
    print()
    print("| Cores | Lightbox | baseline | time | Lightbox / baseline"
          " | Lightbox's own time (goal <= 45 ms) |")
    print("|---|---|---|---|---|---|")
    for i, argv in enumerate(BASELINES, start=1):
        name = " ".join([os.path.basename(argv[0])] + argv[1:])
        pairs = [(a, b) for a, b in zip(times[0], times[i]) if a is not None and b is not None]
        if not pairs:
            print(f"| {where} | | `{name}` | no run logged | | |")
            continue
        print(f"| {where} | {statistics.median([p[0] for p in pairs]):.0f} ms | `{name}`"
              f" | {statistics.median([p[1] for p in pairs]):.0f} ms"
              f" (min {min(p[1] for p in pairs):.0f}, max {max(p[1] for p in pairs):.0f})"
              f" | {statistics.median([a / b for a, b in pairs]):.2f}"
              f" | **{statistics.median([a - b for a, b in pairs]):+.0f} ms** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
