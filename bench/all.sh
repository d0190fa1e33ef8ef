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
echo
echo "## Viewer start-up"
echo
CT1=$(mktemp -d)
cp "${LB_WORKLOAD:-/tmp/lightbox-workload}/ct600/IM0300.dcm" "$CT1/"
echo "Lightbox: $(/usr/bin/python3 bench/startup.py "$PWD/build-bench/src/app/lightbox" "$CT1/IM0300.dcm")"
echo "Bare GTK 4 window (bench/gtk-baseline.c): $(/usr/bin/python3 bench/startup.py "$PWD/build-bench/bench/gtk-baseline" "$CT1/IM0300.dcm")"
rm -rf "$CT1"
