#!/usr/bin/python3
"""bench/cine.py: cine and scrolling in the viewer (issue 12 §3, §4), in a private X session
(../shared/tools/gui-run), read from the viewer's own debug log.

- cine: the 200-frame 640x480 RGB ultrasound of the workload (us200.dcm, Frame Time 33.3 ms:
  30 frames/s) and a JPEG baseline copy of it (dcmcjpeg +eb), played for SECONDS each: frames
  shown per second and frames dropped (lb-cine's counters, "cine: paused (N shown, M dropped)"),
  against the file's own rate;
- scrolling: the 600-slice CT (ct600), 150 wheel notches sent as fast as xdotool sends them:
  slices painted per second ("shown: IMxxxx.dcm" after each paint), and whether every slice
  passed was painted;
- memory: the viewer's peak resident memory (VmHWM) after each run, against the frame cache
  bound (frame-cache-mb, set through a keyfile GSettings backend).

Usage: bench/cine.py [SECONDS [cine|scroll...]]   (LB_WORKLOAD, default /tmp/lightbox-workload; LB_APP, default
build/src/app/lightbox; LB_CACHE_MB, default 256)."""
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.environ.get("LB_GUI_TOOLS", os.path.join(ROOT, "..", "shared", "tools"))
WORKLOAD = os.environ.get("LB_WORKLOAD", "/tmp/lightbox-workload")
APP = os.environ.get("LB_APP", os.path.join(ROOT, "build", "src", "app", "lightbox"))
CACHE_MB = int(os.environ.get("LB_CACHE_MB", "256"))
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 10


def run_app(path, actions, work):
    """Runs the viewer on `path` with gui-run `actions`; returns its log and peak RSS (kB)."""
    config = os.path.join(work, "config")
    keyfile = os.path.join(config, "glib-2.0", "settings", "keyfile")
    os.makedirs(os.path.dirname(keyfile), exist_ok=True)
    with open(keyfile, "w") as f:
        f.write(f"[io/github/lightboxviewer/Lightbox]\nframe-cache-mb={CACHE_MB}\n")
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config,
               XDG_DATA_HOME=os.path.join(work, "data"),
               G_MESSAGES_DEBUG=os.environ.get("LB_BENCH_DEBUG", "lb-cine,lb-image-canvas,lb-window,lb-file-browser"))
    log = os.path.join(work, "log.txt")
    rss = os.path.join(work, "rss.txt")
    actions = actions + [f"sh grep VmHWM /proc/$(xdotool getwindowpid $WID)/status > {rss}"]
    with open(os.path.join(work, "actions.txt"), "w") as f:
        f.write("\n".join(actions) + "\n")
    run = subprocess.run([os.path.join(TOOLS, "gui-run"), "-q", "-W", "-a", f.name, "-l", log,
                          "--", APP, path], env=env)
    if run.returncode != 0:
        with open(log, errors="replace") as f:
            sys.exit("gui-run failed; the end of the viewer's log:\n" + "".join(f.readlines()[-400:]))
    with open(log, errors="replace") as f:
        text = f.read()
    if os.environ.get("LB_BENCH_KEEP_LOG"):
        with open(os.environ["LB_BENCH_KEEP_LOG"], "w") as f:
            f.write(text)
    with open(rss) as f:
        peak = int(f.read().split()[1])
    return text, peak


def stamp(line):
    m = re.search(r"(\d\d):(\d\d):(\d\d\.\d+)", line)
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))


def cine(path, name):
    with tempfile.TemporaryDirectory() as work:
        base = os.path.basename(path)
        text, peak = run_app(path, [
            f'wait-log "shown: {base} frame 1," 120', "settle", "key space",
            'wait-log "cine: playing" 30', f"sleep {SECONDS}", "key space",
            'wait-log "cine: paused" 30'], work)
    m = re.search(r"playing at ([\d.]+) frames/s .*\((.*)\)", text)
    rate, source = float(m.group(1)), m.group(2)
    start = stamp(next(l for l in text.splitlines() if "cine: playing" in l))
    end_line = next(l for l in text.splitlines() if "cine: paused" in l)
    shown, dropped = map(int, re.search(r"\((\d+) shown, (\d+) dropped\)", end_line).groups())
    seconds = stamp(end_line) - start
    print(f"| {name} | {rate:.3g} ({source}) | {shown / seconds:.1f} | {dropped} "
          f"({100 * dropped / max(shown + dropped, 1):.1f} %) | {peak / 1024:.0f} MB |")


def scroll(folder, notches=150):
    """Opens the first file of the folder; its place in the series (sorted by position) decides
    which way the wheel goes."""
    first = sorted(os.listdir(folder))[0]
    wait_count = os.path.join(ROOT, "tests", "gui", "wait-count")
    with tempfile.TemporaryDirectory() as work:
        text, peak = run_app(os.path.join(folder, first), [
            f'wait-log "shown: {first} frame 1," 120', 'wait-log "scanned [0-9]+ DICOM" 120',
            "settle", "sh xdotool mousemove --window $WID 500 350",
            # first down; at the end of the series that does nothing, then up
            f"sh xdotool click --repeat {notches} --delay 4 5",
            f"sh xdotool click --repeat {notches} --delay 4 4",
            f'sh {wait_count} "shown: IM[0-9]+\\.dcm frame" {notches + 1} 120', "settle"], work)
    shown = [(stamp(l), int(re.search(r"shown: IM(\d+)", l).group(1)))
             for l in text.splitlines() if re.search(r"shown: IM\d+\.dcm frame", l)]
    moving = shown[1:notches + 1]
    order = [n for _, n in moving]
    step = order[0] - shown[0][1]
    seconds = moving[-1][0] - moving[0][0]
    every = order == [shown[0][1] + step * (i + 1) for i in range(notches)]
    print(f"| ct600, {notches} wheel notches | {(len(order) - 1) / seconds:.1f} slices/s | "
          f"{'every slice painted, in order' if every else 'SKIPPED: ' + str(order)} | "
          f"{peak / 1024:.0f} MB |")


def main():
    parts = sys.argv[2:] or ["cine", "scroll"]
    us = os.path.join(WORKLOAD, "us200.dcm")
    if not os.path.exists(us) or not os.path.isdir(os.path.join(WORKLOAD, "ct600")):
        sys.exit(f"no workload in {WORKLOAD}: ../shared/tools/make-workload {WORKLOAD}")
    print(f"# bench/cine.py, {datetime.now():%Y-%m-%d %H:%M}, {SECONDS:g} s each, "
          f"frame cache {CACHE_MB} MB\n")
    if "cine" in parts:
        print("| file | its rate, frames/s | shown/s | dropped | peak RSS |")
        print("|---|---|---|---|---|")
        cine(us, "us200 (640x480 RGB, native)")
        with tempfile.TemporaryDirectory() as tmp:
            jpeg = os.path.join(tmp, "us200-jpeg.dcm")
            subprocess.run(["dcmcjpeg", "+eb", us, jpeg], check=True)
            cine(jpeg, "us200 JPEG baseline (dcmcjpeg +eb)")
    if "scroll" in parts:
        print("\n| series | painted | order | peak RSS |")
        print("|---|---|---|---|")
        scroll(os.path.join(WORKLOAD, "ct600"))


if __name__ == "__main__":
    main()
