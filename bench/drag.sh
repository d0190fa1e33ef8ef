#!/bin/sh
# bench/drag.sh: a window drag on a 4096x4096 image in the real canvas widget (1000x800, fitted):
# set the window, snapshot the canvas, render it with GSK's cairo renderer, 30 steps.
# Goal: >= 50 frames/s, i.e. <= 20 ms per step.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
line=$(GSETTINGS_SCHEMA_DIR=build-bench/data GSETTINGS_BACKEND=memory GTK_A11Y=test GDK_BACKEND=x11 \
  GSK_RENDERER=cairo xvfb-run -a -s "-screen 0 1280x800x24" taskset -c 1 \
  build-bench/tests/test-gui-widgets -p /gui/canvas/window-steps-4096 --verbose 2>&1 \
  | sed -n 's/^# 4096x4096 window step: //p')
ms=${line%% ms*}
echo "## Window drag, 4096x4096 in the canvas"
echo
echo "$line per step: $(awk -v m="$ms" 'BEGIN { printf "%.0f", 1000 / m }') steps/s (goal >= 50)"
