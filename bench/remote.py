#!/usr/bin/python3
"""bench/remote.py: retrieve of the 600-slice CT series from a loopback Orthanc (issue 14 §4),
`lightbox-cli remote retrieve` (WADO-RS) against Orthanc's own zip download
(`GET /series/ID/archive` with curl) and DCMTK's `getscu` (C-GET), in one run.

Method of bench/README.md: the same server for all three, one untimed warm-up each, paired
alternating runs (Lightbox, peer, Lightbox, peer...) pinned to core 1, the median of the per-pair
ratios; every tool writes into a fresh empty folder (removed outside the timing). Peak RSS of
each, and of Lightbox on the 24-slice phantom, to show that its memory does not grow with the
series. Goal: at least as fast as the fastest peer, peak memory independent of the series size.

Environment: LB_WORKLOAD (default /tmp/lightbox-workload, made by ../shared/tools/make-workload
--only ct), RUNS (default 3), LB_CLI (default build-bench/src/cli/lightbox-cli)."""
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import orthanc  # noqa: E402

WORKLOAD = os.environ.get("LB_WORKLOAD", "/tmp/lightbox-workload")
# The peers take tens of seconds each on the 2-core VM: few pairs are enough for a stable ratio.
RUNS = int(os.environ.get("RUNS", "3"))
CLI = os.environ.get("LB_CLI", os.path.join(ROOT, "build-bench", "src", "cli", "lightbox-cli"))


def timed(cmd, out_dir):
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    t = time.monotonic()
    r = subprocess.run(["taskset", "-c", "1", *cmd], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - t
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {r.stderr[-500:]}")
    return elapsed


def peak_rss_mib(cmd, out_dir):
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1]) / 1024


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def du_mb(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs) / 1e6


def main():
    ct = os.path.join(WORKLOAD, "ct600")
    if not os.path.isdir(ct):
        sys.exit(f"no {ct}: run ../shared/tools/make-workload --only ct {WORKLOAD}")
    why = orthanc.missing()
    if why:
        sys.exit(why)
    import pydicom
    first = pydicom.dcmread(sorted(glob.glob(os.path.join(ct, "*.dcm")))[0], stop_before_pixels=True)
    study, series = first.StudyInstanceUID, first.SeriesInstanceUID
    work = tempfile.mkdtemp(prefix="lb-bench-remote-")
    server = orthanc.Orthanc(dicom_server=True)
    try:
        server.wait_ready()
        files = sorted(glob.glob(os.path.join(ct, "*.dcm")))
        for p in files:
            server.store(p)
        for p in sorted(glob.glob(os.path.join(ROOT, "data", "samples", "phantom", "*.dcm"))):
            server.store(p)
        series_id = server.request("POST", "/tools/lookup", series.encode()).decode()
        import json
        series_id = [x["ID"] for x in json.loads(series_id) if x["Type"] == "Series"][0]
        size_mb = sum(os.path.getsize(p) for p in files) / 1e6
        out = os.path.join(work, "out")
        auth = f"{orthanc.USER}:{orthanc.PASSWORD}"
        os.environ["LIGHTBOX_REMOTE_USER"] = orthanc.USER
        os.environ["LIGHTBOX_REMOTE_PASSWORD"] = orthanc.PASSWORD
        lightbox = [CLI, "remote", "retrieve", server.dicomweb, study, series, "-o", out]
        peers = {
            "Orthanc zip (curl /series/ID/archive)":
                ["curl", "-sf", "-u", auth, "-o", os.path.join(out, "series.zip"),
                 f"{server.url}/series/{series_id}/archive"],
            "getscu (C-GET)":
                ["getscu", "-S", "-aec", "ORTHANC", "-k", "QueryRetrieveLevel=SERIES",
                 "-k", f"StudyInstanceUID={study}", "-k", f"SeriesInstanceUID={series}",
                 "-od", out, "127.0.0.1", str(server.dicom_port)],
        }
        timed(lightbox, out)
        check = f"{count_files(out)} files, {du_mb(out):.0f} MB"
        print(f"## Retrieve of ct600 ({len(files)} instances, {size_mb:.0f} MB) from loopback Orthanc "
              f"{RUNS} paired runs, pinned to core 1\n")
        print(f"(lightbox-cli wrote {check})\n")
        print("| Lightbox | time | peer | time | peer / Lightbox |")
        print("|---|---|---|---|---|")
        wrote = []   # said after the table, which a note inside would split
        for name, cmd in peers.items():
            timed(cmd, out)
            wrote.append(f"{name} wrote {count_files(out)} files, {du_mb(out):.0f} MB")
            pairs = []
            for _ in range(RUNS):
                a = timed(lightbox, out)
                b = timed(cmd, out)
                pairs.append((a, b))
            ma = statistics.median(a for a, _ in pairs)
            mb = statistics.median(b for _, b in pairs)
            ratio = statistics.median(b / a for a, b in pairs)
            print(f"| lightbox-cli remote retrieve | {ma * 1000:.0f} ms | {name} | {mb * 1000:.0f} ms "
                  f"| {ratio:.2f}x |", flush=True)
        print()
        print("(" + "; ".join(wrote) + ")\n")
        rss = {"lightbox-cli, ct600": peak_rss_mib(lightbox, out)}
        phantom = [CLI, "remote", "retrieve", server.dicomweb,
                   "2.25.161312742214031547267150863500632392293.2.1.1", "-o", out]
        rss["lightbox-cli, 24-slice phantom"] = peak_rss_mib(phantom, out)
        for name, cmd in peers.items():
            rss[name] = peak_rss_mib(cmd, out)
        print("Peak RSS: " + ", ".join(f"{k} {v:.1f} MiB" for k, v in rss.items()))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
