#!/bin/sh
# bench/export.sh: PNG export, Lightbox against dcm2pnm (DCMTK), PERFORMANCE.md tables b and c.
# Goals: 4096x4096 16-bit CR >= 5x faster than dcm2pnm; peak memory <= 2.5x the decoded frame
# (32 MiB for 4096^2 x 16 bits, so <= 80 MiB).
set -eu
# --force: each paired run writes the same PNG again (without it the runs after the first are
# refusals, and the timings meaningless).
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
CR="$LB_WORKLOAD/cr4096.dcm"
CT="$LB_WORKLOAD/ct600/IM0300.dcm"
echo "## PNG export, $RUNS paired runs, pinned to core 1"
echo
echo '| Lightbox | time | peer | time | peer / Lightbox |'
echo '|---|---|---|---|---|'
paired "export cr4096 2048/4096" "$CLI export --force --window 2048,4096 $CR -o $out/a.png" \
       "dcm2pnm +Ww 2048 4096 +on" "dcm2pnm +Ww 2048 4096 +on $CR $out/b.png"
paired "export ct 512² 40/80" "$CLI export --force --window 40,80 $CT -o $out/c.png" \
       "dcm2pnm +Ww 40 80 +on" "dcm2pnm +Ww 40 80 +on $CT $out/d.png"
paired "export cr4096 --bits 16" "$CLI export --force --bits 16 $CR -o $out/e.png" \
       "dcm2pnm +on2 (16-bit)" "dcm2pnm +on2 $CR $out/f.png"
echo
# The 8-bit IDAT data is compressed in one block of rows per core (src/export/lb-png-idat.c):
# the same rows with both cores allowed to both tools (dcm2pnm uses one either way).
echo "Both cores (taskset -c 0,1):"
echo
echo '| Lightbox | time | peer | time | peer / Lightbox |'
echo '|---|---|---|---|---|'
BENCH_CPUS=0,1 paired "export cr4096 2048/4096" \
       "$CLI export --force --window 2048,4096 $CR -o $out/a.png" \
       "dcm2pnm +Ww 2048 4096 +on" "dcm2pnm +Ww 2048 4096 +on $CR $out/b.png"
BENCH_CPUS=0,1 paired "export cr4096 --bits 16" "$CLI export --force --bits 16 $CR -o $out/e.png" \
       "dcm2pnm +on2 (16-bit)" "dcm2pnm +on2 $CR $out/f.png"
echo
echo "Peak RSS, cr4096 to 8-bit PNG: lightbox-cli $(peak_rss_mib "$CLI" export --force --window 2048,4096 "$CR" -o "$out/g.png") MiB" \
  "(decoded frame 32 MiB), dcm2pnm $(peak_rss_mib dcm2pnm +Ww 2048 4096 +on "$CR" "$out/h.png") MiB"
echo "Sizes: 8-bit lightbox $(stat -c %s "$out/a.png") bytes, dcm2pnm $(stat -c %s "$out/b.png") bytes;" \
  "16-bit lightbox $(stat -c %s "$out/e.png"), dcm2pnm $(stat -c %s "$out/f.png") bytes"
