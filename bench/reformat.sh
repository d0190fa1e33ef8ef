#!/bin/sh
# bench/reformat.sh: the volume and its planes (issue 16 §3) on the 600-slice 512^2 CT of the
# workload, beside a numpy reformat of the same series read with pydicom (bench/reformat-numpy.py),
# alternately, ROUNDS times (default 3), both allowed both cores (Lightbox samples on 2 threads;
# numpy runs on one). Per round each tool reports the median of RUNS redraws (default 21); the
# table gives the median over rounds and the median of the per-round ratios numpy / Lightbox.
# Goals: three views redrawn at >= 30 frames/s, a 20 mm MIP slab at >= 15, one copy of the
# volume (300 MiB) plus views.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
: "${ROUNDS:=3}"
: "${RUNS:=21}"
sh tools/deps bench
[ -f build-bench/build.ninja ] || meson setup build-bench --buildtype=release >/dev/null
ninja -C build-bench bench/lb-bench-volume src/cli/lightbox-cli >/dev/null
[ -d "$LB_WORKLOAD/ct600" ] || ../shared/tools/make-workload --only ct "$LB_WORKLOAD" >&2
SERIES="$LB_WORKLOAD/ct600"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
i=0
while [ "$i" -lt "$ROUNDS" ]; do
  taskset -c 0,1 build-bench/bench/lb-bench-volume "$SERIES" "$RUNS" 2 > "$OUT/lb.$i"
  taskset -c 0,1 /usr/bin/python3 bench/reformat-numpy.py "$SERIES" "$RUNS" > "$OUT/np.$i"
  i=$((i + 1))
done
head -n 1 "$OUT/lb.0"
head -n 1 "$OUT/np.0"
echo
/usr/bin/python3 - "$OUT" "$ROUNDS" <<'PY'
import re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def rows(path):
    r = {}
    for line in open(path):
        m = re.match(r"\| ([^|]+?) \| ([0-9.]+) ms \| (.*) \|$", line.strip())
        if m:
            key = re.sub(r" \(.*\)$", "", m.group(1))
            key = re.sub(r"^build the volume.*", "build the volume", key)
            r[key] = (float(m.group(2)), m.group(3))
    return r
lb = [rows(f"{out}/lb.{i}") for i in range(rounds)]
np_ = [rows(f"{out}/np.{i}") for i in range(rounds)]
print("| What | Lightbox | frames/s | numpy | frames/s | numpy / Lightbox |")
print("|---|---|---|---|---|---|")
for key in lb[0]:
    a = statistics.median(r[key][0] for r in lb)
    b = statistics.median(r[key][0] for r in np_ if key in r) if key in np_[0] else float("nan")
    ratio = statistics.median(np_[i][key][0] / lb[i][key][0] for i in range(rounds)) if key in np_[0] else float("nan")
    if key == "build the volume":
        rss_a = statistics.median(float(re.search(r"([0-9.]+) MiB", r[key][1]).group(1)) for r in lb)
        rss_b = statistics.median(float(re.search(r"([0-9.]+) MiB", r[key][1]).group(1)) for r in np_)
        print(f"| build the volume (600 files) | {a:.0f} ms | peak RSS {rss_a:.0f} MiB | {b:.0f} ms | "
              f"peak RSS {rss_b:.0f} MiB | {ratio:.2f}x |")
    else:
        print(f"| {key} | {a:.2f} ms | {1000 / a:.0f} | {b:.2f} ms | {1000 / b:.0f} | {ratio:.2f}x |")
PY
echo
echo "lightbox-cli reformat end to end (build the volume, sample, PNG), sagittal 20 mm MIP:"
s=$(date +%s%N)
build-bench/src/cli/lightbox-cli reformat --force --plane sagittal --position 0 --slab 20 --mode mip \
  --preset bone "$SERIES" -o "$OUT/sag.png"
echo "$(( ($(date +%s%N) - s) / 1000000 )) ms, peak RSS $(peak_rss_mib build-bench/src/cli/lightbox-cli reformat \
  --force --plane sagittal --position 0 "$SERIES" -o "$OUT/sag.png") MiB"
