#!/bin/sh
# bench/all.sh: every benchmark in one run (run on a quiet machine; figures go to bench/README.md).
set -eu
cd "$(dirname "$0")/.."
sh bench/scan.sh
echo
sh bench/export.sh
echo
sh bench/decode.sh
echo
sh bench/rewindow.sh
echo
sh bench/drag.sh
sh bench/planes.sh
echo
sh bench/drag-rois.sh
echo
sh bench/dump-private.sh
echo
echo "## Viewer start-up"
echo
# The middle slice of the 600-slice series, opened in its folder as a user would: the sidebar
# scans the other 599 after the image is up. Lightbox and a bare GTK 4 window, alternately.
WL=${LB_WORKLOAD:-/tmp/lightbox-workload}
/usr/bin/python3 bench/startup.py "$PWD/build-bench/src/app/lightbox" "$WL/ct600/IM0300.dcm" \
  "$PWD/build-bench/bench/gtk-baseline"
echo "With GTK's default GL renderer (Mesa llvmpipe here):"
STARTUP_RENDERER=gl /usr/bin/python3 bench/startup.py "$PWD/build-bench/src/app/lightbox" \
  "$WL/ct600/IM0300.dcm" "$PWD/build-bench/bench/gtk-baseline"
