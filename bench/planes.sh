#!/bin/sh
# bench/planes.sh: the three-plane view on the 600-slice 512² CT (issue 16 §3): moving the
# crosshair resamples the three planes and renders the three canvases (snapshot + GSK's cairo
# renderer, as bench/drag.sh), thin and as a 20 mm MIP slab; beside it, in the same run, a
# window step of one canvas on one slice of the series (what the single view costs).
# Goals: >= 30 frames/s thin (<= 33 ms a step), >= 15 frames/s with the slab.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
out=$(LB_PLANES_SERIES="$LB_WORKLOAD/ct600" GSETTINGS_SCHEMA_DIR=build-bench/data \
  GSETTINGS_BACKEND=memory GTK_A11Y=test GDK_BACKEND=x11 GSK_RENDERER=cairo \
  xvfb-run -a -s "-screen 0 1280x800x24" taskset -c "$BENCH_CPUS" \
  build-bench/tests/test-gui-planes -p /planes/bench-crosshair --verbose 2>&1)
line=$(echo "$out" | sed -n 's/^# planes crosshair step: //p')
# The planes are sampled in workers: what a step costs the main loop, apart from drawing.
main=$(echo "$out" | sed -n 's/^# planes main thread per step, without drawing: //p')
thin=${line%% ms thin*}
mip=$(echo "$line" | sed -E 's/.*, ([0-9.]+) ms 20 mm MIP.*/\1/')
two=$(echo "$line" | sed -E 's/.*; ([0-9.]+) ms thin in the axial plane.*/\1/')
one=$(echo "$line" | sed -E 's/.*window step ([0-9.]+) ms.*/\1/')
echo "## Three planes, 600-slice CT: crosshair moves"
echo
echo "$line"
echo "main thread, without drawing: $main"
awk -v t="$thin" -v m="$mip" -v o="$one" -v w="$two" 'BEGIN {
  printf "thin: %.0f frames/s (goal >= 30); 20 mm MIP: %.0f frames/s (goal >= 15); ", 1000 / t, 1000 / m
  printf "a drag in the axial view: %.0f frames/s; ", 1000 / w
  printf "a three-plane step costs %.1f one-view window steps\n", t / o }'
