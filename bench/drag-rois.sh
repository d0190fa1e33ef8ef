#!/bin/sh
# bench/drag-rois.sh: a window drag on the 4096² CR of the workload in the real canvas widget
# (1000x800, fitted), with and without three ROIs shown (rectangle, ellipse, line), alternating
# in one process (lb-bench-drag-rois). Goal: >= 50 steps/s with the ROIs (issue 11).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
sh tools/deps bench
[ -f build-bench/build.ninja ] || meson setup build-bench --buildtype=release >/dev/null
ninja -C build-bench bench/lb-bench-drag-rois >/dev/null
if [ ! -f "$LB_WORKLOAD/cr4096.dcm" ]; then
  ../shared/tools/make-workload "$LB_WORKLOAD" >&2
fi
echo "## Window drag with three ROIs, 4096x4096 in the canvas"
echo
GSETTINGS_SCHEMA_DIR=build-bench/data GSETTINGS_BACKEND=memory GTK_A11Y=none GDK_BACKEND=x11 \
  GSK_RENDERER=cairo xvfb-run -a -s "-screen 0 1280x800x24" taskset -c "$BENCH_CPUS" \
  build-bench/bench/lb-bench-drag-rois "$LB_WORKLOAD/cr4096.dcm" "${RUNS:-11}" 2>&1
