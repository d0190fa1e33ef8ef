#!/usr/bin/python3
"""bench/startup.py APP FILE [BASELINE]: start to first image of a 512x512 CT in the viewer
(goal <= 400 ms).

Starts one private Xvfb, then launches `APP FILE` RUNS times and measures, from the fork, the
time until the canvas logs that it painted the first image (lb-image-canvas logs "first image
drawn" under G_MESSAGES_DEBUG). One warm-up run; median and range printed. With BASELINE (a
program that prints the same line, bench/gtk-baseline.c), the two run alternately, A B A B ...,
so drift of a shared machine hits both alike, and the median of the per-pair ratios is printed
too.

STARTUP_LINE sets the log line waited for instead (e.g. "studies listed": the study browser
has listed the whole folder), GOAL_MS the goal printed."""
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time

APP = sys.argv[1]
FILE = sys.argv[2]
BASELINE = sys.argv[3] if len(sys.argv) > 3 else None
RUNS = int(os.environ.get("RUNS", "15"))
LINE = os.environ.get("STARTUP_LINE", "first image drawn").encode()
GOAL_MS = int(os.environ.get("GOAL_MS", "400"))


def start_xvfb():
    """A private X server on a free display number, once its socket is there."""
    for n in range(150 + os.getpid() % 50, 400):
        if os.path.exists(f"/tmp/.X11-unix/X{n}") or os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                time.sleep(0.2)
                return xvfb, f":{n}"
            if xvfb.poll() is not None:
                break
            time.sleep(0.05)
        xvfb.kill()
    raise SystemExit("startup: could not start Xvfb")


def one_run(env, app=APP):
    """Milliseconds from the fork to the log line, read unbuffered: a text-mode pipe reads
    ahead in blocks and would see the line late."""
    start = time.monotonic()
    proc = subprocess.Popen([app, FILE], env=env, stdout=subprocess.PIPE,
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
        if LINE in seen:
            elapsed = (time.monotonic() - start) * 1000
            break
    proc.kill()
    proc.wait()
    proc.stdout.close()
    return elapsed


def main():
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as runtime:
            os.chmod(runtime, 0o700)
            # GTK's default renderer is GL (here Mesa's software llvmpipe); cairo is what
            # gui-run uses. STARTUP_RENDERER=gl measures the default.
            env = dict(os.environ, DISPLAY=display, GDK_BACKEND="x11",
                       GSK_RENDERER=os.environ.get("STARTUP_RENDERER", "cairo"),
                       GTK_A11Y="none", GSETTINGS_BACKEND="memory", XDG_RUNTIME_DIR=runtime,
                       G_MESSAGES_DEBUG="lb-image-canvas,lb-study-browser", DBUS_SESSION_BUS_ADDRESS="disabled:")
            one_run(env)
            if BASELINE:
                one_run(env, BASELINE)
            times, base = [], []
            for _ in range(RUNS):
                times.append(one_run(env))
                if BASELINE:
                    base.append(one_run(env, BASELINE))
    finally:
        xvfb.kill()
    pairs = [(t, b) for t, b in zip(times, base) if t is not None and b is not None]
    times = [t for t in times if t is not None]
    if not times:
        print(f"startup: no run logged '{LINE.decode()}'")
        return 1
    print(f"start to '{LINE.decode()}' of {os.path.basename(FILE)}: median {statistics.median(times):.0f} ms"
          f" (min {min(times):.0f}, max {max(times):.0f}, {len(times)} runs; goal <= {GOAL_MS} ms)")
    if pairs:
        b = [p[1] for p in pairs]
        print(f"baseline {os.path.basename(BASELINE)}: median {statistics.median(b):.0f} ms"
              f" (min {min(b):.0f}, max {max(b):.0f}); paired ratio {statistics.median([t / b for t, b in pairs]):.2f},"
              f" paired difference {statistics.median([t - b for t, b in pairs]):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
