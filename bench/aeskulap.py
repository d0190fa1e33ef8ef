#!/usr/bin/python3
"""bench/aeskulap.py APP FOLDER: a folder of a CT series to its first image on screen, Lightbox
beside Aeskulap (Debian package aeskulap, the peer of issue 12 §4), in one private Xvfb,
alternating runs (A B A B ...; RUNS pairs, default 5, after one warm-up pair).

- Lightbox is given the folder (`APP FOLDER`), as a user opens one; its time is from the fork to
  its log line "first image drawn" (G_MESSAGES_DEBUG=lb-image-canvas), as bench/startup.py.
- Aeskulap does not open a folder from its command line (it shows its empty study manager), so
  it is given the folder's files (`aeskulap FOLDER/*`), which it opens as one series and shows
  the first of. It logs nothing when it draws, so its screen is polled: `xwd -root` every
  POLL_MS (default 25 ms; each grab and count takes 20-40 ms more on this VM, printed as the
  mean poll period) until at least 2000 pixels are neutral mid-grey (R = G = B, 40..200), which
  its own window (beige GTK 3 theme, black text) does not have before the image: 339 such
  pixels before, 5,198 with the 512² CT shown in its default 600x130 view. Its time is the
  middle of the last flat poll and the first one with the image (error ± half a poll period).
- Lightbox's log line is written when it paints; Aeskulap's figure therefore carries the poll
  resolution on top, which is printed beside it. AESKULAP_SHOT=FILE keeps the last grab (the
  first with the image) to look at: `convert xwd:FILE shot.png`.
Both get the same private HOME and GSETTINGS_BACKEND=memory, so neither reads saved state."""
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
FOLDER = sys.argv[2]
RUNS = int(os.environ.get("RUNS", "5"))
POLL_S = int(os.environ.get("POLL_MS", "25")) / 1000
GREY_PIXELS = 2000
TIMEOUT_S = 60


def grey_pixels(env):
    """Neutral mid-grey pixels on the screen, from one `xwd -root` (32-bit ZPixmap, BGRX)."""
    import numpy as np

    raw = subprocess.run(["xwd", "-root", "-silent"], env=env, capture_output=True).stdout
    if os.environ.get("AESKULAP_SHOT"):        # the last grab, to look at: convert xwd:F F.png
        with open(os.environ["AESKULAP_SHOT"], "wb") as f:
            f.write(raw)
    head = np.frombuffer(raw[:100], dtype=">u4")
    header_size, width, height, bytes_per_line, ncolors = (int(head[0]), int(head[4]),
                                                           int(head[5]), int(head[12]),
                                                           int(head[19]))
    start = header_size + ncolors * 12
    pixels = np.frombuffer(raw[start:start + bytes_per_line * height], dtype=np.uint8)
    pixels = pixels.reshape(height, bytes_per_line)[:, :width * 4].reshape(height, width, 4)
    b, g, r = (pixels[..., i].astype(np.int16) for i in range(3))
    return int(((r == g) & (g == b) & (r >= 40) & (r <= 200)).sum())


def run_lightbox(env):
    """Milliseconds from the fork to "first image drawn", read unbuffered."""
    start = time.monotonic()
    proc = subprocess.Popen([APP, FOLDER], env=dict(env, G_MESSAGES_DEBUG="lb-image-canvas"),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=0)
    seen, elapsed = b"", None
    try:
        while time.monotonic() < start + TIMEOUT_S:
            if not select.select([proc.stdout], [], [], 0.05)[0]:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            seen = seen[-64:] + chunk
            if b"first image drawn" in seen:
                elapsed = (time.monotonic() - start) * 1000
                break
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    return elapsed


def run_aeskulap(env, files):
    """Milliseconds from the fork to the middle of the poll interval where the image came, and
    the mean poll period."""
    start = time.monotonic()
    proc = subprocess.Popen(["aeskulap"] + files, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    last_flat, elapsed, polls = start, None, 0
    try:
        while time.monotonic() < start + TIMEOUT_S and proc.poll() is None:
            now = time.monotonic()
            polls += 1
            if grey_pixels(env) >= GREY_PIXELS:
                elapsed = ((last_flat + now) / 2 - start) * 1000
                break
            last_flat = now
            time.sleep(POLL_S)
    finally:
        proc.kill()
        proc.wait()
    period = (time.monotonic() - start) * 1000 / max(polls, 1)
    return elapsed, period


def main():
    files = sorted(os.path.join(FOLDER, f) for f in os.listdir(FOLDER))
    xvfb, display = start_xvfb(400, "aeskulap.py")
    try:
        with tempfile.TemporaryDirectory() as home:
            runtime = os.path.join(home, "run")
            os.mkdir(runtime, 0o700)
            env = dict(os.environ, DISPLAY=display, HOME=home, XDG_RUNTIME_DIR=runtime,
                       XDG_CONFIG_HOME=os.path.join(home, "config"),
                       XDG_DATA_HOME=os.path.join(home, "data"),
                       XDG_CACHE_HOME=os.path.join(home, "cache"),
                       GSETTINGS_BACKEND="memory", GDK_BACKEND="x11", GSK_RENDERER="cairo",
                       NO_AT_BRIDGE="1", GTK_A11Y="none")
            env.pop("WAYLAND_DISPLAY", None)
            if grey_pixels(env) >= GREY_PIXELS:
                raise SystemExit("aeskulap.py: the empty screen is not flat")
            run_lightbox(env)
            run_aeskulap(env, files)
            lb, ae, periods, ratios = [], [], [], []
            for _ in range(RUNS):
                a = run_lightbox(env)
                b, period = run_aeskulap(env, files)
                if a is None or b is None:
                    print(f"a run failed (Lightbox {a}, Aeskulap {b})", file=sys.stderr)
                    continue
                lb.append(a)
                ae.append(b)
                periods.append(period)
                ratios.append(b / a)
    finally:
        xvfb.kill()
        xvfb.wait()
    if not lb:
        raise SystemExit("aeskulap.py: no run finished")
    print(f"| {len(files)} files to the first image | Lightbox {statistics.median(lb):.0f} ms "
          f"({min(lb):.0f}-{max(lb):.0f}) | Aeskulap {statistics.median(ae):.0f} ms "
          f"({min(ae):.0f}-{max(ae):.0f}; screen polled every {statistics.mean(periods):.0f} ms) "
          f"| **{statistics.median(ratios):.1f}x** (median of {len(lb)} paired ratios) |")


if __name__ == "__main__":
    main()
