#!/usr/bin/python3
"""bench/startup.py: start to first image of a 512x512 CT in the viewer (goal <= 400 ms).

Starts one private Xvfb, then launches `lightbox FILE` RUNS times and measures, from the fork,
the time until the canvas logs that it painted the first image (lb-image-canvas logs
"first image drawn" under G_MESSAGES_DEBUG). One warm-up run; median and range printed."""
import os
import statistics
import subprocess
import sys
import tempfile
import time

APP = sys.argv[1]
FILE = sys.argv[2]
RUNS = int(os.environ.get("RUNS", "15"))


def start_xvfb():
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(w,), stderr=subprocess.DEVNULL)
    os.close(w)
    display = os.read(r, 64).decode().strip()
    os.close(r)
    return xvfb, ":" + display


def one_run(env):
    start = time.monotonic()
    proc = subprocess.Popen([APP, FILE], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    elapsed = None
    deadline = start + 20
    for line in proc.stdout:
        if "first image drawn" in line:
            elapsed = (time.monotonic() - start) * 1000
            break
        if time.monotonic() > deadline:
            break
    proc.kill()
    proc.wait()
    return elapsed


def main():
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as runtime:
            os.chmod(runtime, 0o700)
            env = dict(os.environ, DISPLAY=display, GDK_BACKEND="x11", GSK_RENDERER="cairo",
                       GTK_A11Y="none", GSETTINGS_BACKEND="memory", XDG_RUNTIME_DIR=runtime,
                       G_MESSAGES_DEBUG="lb-image-canvas", DBUS_SESSION_BUS_ADDRESS="disabled:")
            one_run(env)
            times = [t for t in (one_run(env) for _ in range(RUNS)) if t is not None]
    finally:
        xvfb.kill()
    if not times:
        print("startup: no run logged 'first image drawn'")
        return 1
    print(f"start to first image of {os.path.basename(FILE)}: median {statistics.median(times):.0f} ms"
          f" (min {min(times):.0f}, max {max(times):.0f}, {len(times)} runs; goal <= 400 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
