#!/bin/sh
# bench/rewindow.sh: in-process re-window (LUT build + map, nothing decoded again).
# Goals: 4096^2 <= 10 ms median, 512^2 <= 0.5 ms; the canvas drag path (reduced copy at the
# shown size, LUT per step) must allow >= 50 steps/s for a 4096^2 image.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
B="$PWD/build-bench/bench/lb-bench"
echo "## Re-window, in-process, pinned to core 1"
echo
taskset -c 1 "$B" rewindow "$LB_WORKLOAD/cr4096.dcm" 21
taskset -c 1 "$B" rewindow "$LB_WORKLOAD/ct600/IM0300.dcm" 101
taskset -c 1 "$B" drag "$LB_WORKLOAD/cr4096.dcm" 1000 1000 101
