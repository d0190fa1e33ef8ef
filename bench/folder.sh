#!/bin/sh
# bench/folder.sh: big folders in the viewer (issue 12 §4). A folder of 6,000 files (the
# 600-slice CT hard-linked ten times) to its first image on screen, beside a bare GTK 4 window
# (goal <= 1 s); a folder of 20,400 files (34 times) to the first look of the study browser
# ("studies so far", listed while it reads, or the whole listing when that comes within the
# first second) and to the whole listing ("studies listed"). A hard
# link repeats its SOP Instance UID, so the browser lists 600 slices and the rest as duplicates,
# reading every header as for distinct files. Then the 600-file CT folder to its first image,
# Lightbox beside Aeskulap (the issue's peer, Debian package aeskulap, in tools/deps' bench
# list) in alternating runs: bench/aeskulap.py, which polls Aeskulap's screen for the image.
# LB_APP runs another build of the viewer (default: build-bench).
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
APP=${LB_APP:-$PWD/build-bench/src/app/lightbox}
: "${RUNS:=5}"
export RUNS

# folder N COPIES: $LB_WORKLOAD/folderN, COPIES hard links of each ct600 file.
folder () {
  dir="$LB_WORKLOAD/folder$1"
  if [ ! -d "$dir" ] || [ "$(ls "$dir" | wc -l)" -ne "$1" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    k=0
    while [ $k -lt "$2" ]; do
      for f in "$LB_WORKLOAD"/ct600/*.dcm; do ln "$f" "$dir/r$k-${f##*/}"; done
      k=$((k + 1))
    done
  fi
  echo "$dir"
}
F6=$(folder 6000 10)
F20=$(folder 20400 34)

echo "## Big folders in the viewer ($RUNS runs each, warm page cache)"
echo
GOAL_MS=1000 /usr/bin/python3 bench/startup.py "$APP" "$F6" "$PWD/build-bench/bench/gtk-baseline"
# The first look: the partial listing, logged once a second while the folder is read, or the
# whole listing when the read takes less than that.
STARTUP_LINE="studies so far:|studies listed:" GOAL_MS=1000 /usr/bin/python3 bench/startup.py "$APP" "$F20"
STARTUP_LINE="studies listed:" GOAL_MS=5000 /usr/bin/python3 bench/startup.py "$APP" "$F20"
echo
if command -v aeskulap >/dev/null; then
  /usr/bin/python3 bench/aeskulap.py "$APP" "$LB_WORKLOAD/ct600"
else
  echo "Aeskulap: not installed (apt-get install aeskulap), not measured"
fi
