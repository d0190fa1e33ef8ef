#!/bin/sh
# bench/scan.sh: header-only scan of the 600-slice CT series and of 6,000 and 60,000-file
# folders made of hard links to it (issue 15 §3), against `gdcmdump -r -i`, `dcmdump`, and the
# floor: bench/scan-floor.c, which only lists the folders and opens, preads the same prefix
# and closes each file. Paired runs pinned to one core (bench/lib.sh); then, on both cores, the
# scan against `gdcmdump -r -i` also free to use both, the scan with its reading thread forced on (LB_SCAN_READER=1; by itself it starts only on a cold
# cache) against the same without it, and the scan against the floor. Then peak RSS, and with COLD=1 (root: it drops the page cache,
# sparingly) cold-cache runs of the scan with and without its threads and of the floor, pinned
# to nothing (the threads need the second core). SIZES="600 6000 60000" by default; the 60,000-file row has no gdcmdump (it
# takes minutes) but the scan's time over the 6,000-file scan's, which should be 10.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
: "${SIZES:=600 6000 60000}"
: "${COLD:=0}"
: "${SCAN_TMP:=/tmp/lightbox-scan-bench}"
# Only what this bench runs (bench_setup builds everything).
[ -f build-bench/build.ninja ] || meson setup build-bench --buildtype=release >/dev/null
ninja -C build-bench src/cli/lightbox-cli >/dev/null
[ -d "$LB_WORKLOAD/ct600" ] || ../shared/tools/make-workload "$LB_WORKLOAD" >&2
FLOOR="$SCAN_TMP/scan-floor"
mkdir -p "$SCAN_TMP"
cc -O2 -o "$FLOOR" bench/scan-floor.c -lpthread
CT="$LB_WORKLOAD/ct600"

# folder N: a folder of N files (N / 600 hard-linked copies of ct600 in subfolders).
folder () {
  if [ "$1" = 600 ]; then echo "$CT"; return; fi
  d="$SCAN_TMP/files$1"
  if [ ! -d "$d" ]; then
    mkdir -p "$d.tmp"
    i=1
    while [ $i -le $(($1 / 600)) ]; do cp -al "$CT" "$d.tmp/c$i"; i=$((i + 1)); done
    mv "$d.tmp" "$d"
  fi
  echo "$d"
}

echo "## Header-only scan (ct600 and hard-linked copies), $RUNS paired runs, pinned to core $BENCH_CPUS"
echo
echo '| Lightbox | time | peer | time | peer / Lightbox |'
echo '|---|---|---|---|---|'
for n in $SIZES; do
  dir=$(folder "$n")
  if [ "$n" -le 6000 ]; then
    paired "lightbox-cli scan, $n files" "$CLI scan $dir" "gdcmdump -r -i" "gdcmdump -r -i $dir"
  fi
  if [ "$n" = 600 ]; then
    paired "lightbox-cli scan, $n files" "$CLI scan $dir" "dcmdump -q -M +sd" "dcmdump -q -M +sd $dir"
  fi
  paired "lightbox-cli scan, $n files" "$CLI scan $dir" "floor: scan-floor (open, pread, close)" "$FLOOR $dir"
  if [ "$n" = 60000 ]; then
    paired "lightbox-cli scan, 6000 files" "$CLI scan $(folder 6000)" "lightbox-cli scan, 60000 files" "$CLI scan $dir"
  fi
done
echo
echo "## Both cores (taskset -c 0,1), warm: against gdcmdump on both cores; the reading thread forced on (LB_SCAN_READER=1) against none"
echo
echo '| Lightbox | time | peer | time | peer / Lightbox |'
echo '|---|---|---|---|---|'
for n in $SIZES; do
  dir=$(folder "$n")
  if [ "$n" -le 6000 ]; then
    BENCH_CPUS=0,1 paired "lightbox-cli scan, $n files, 2 cores" "$CLI scan $dir" \
      "gdcmdump -r -i, 2 cores" "gdcmdump -r -i $dir"
  fi
  BENCH_CPUS=0,1 paired "lightbox-cli scan, $n files, 2 cores, reading thread" \
    "LB_SCAN_READER=1 $CLI scan $dir" "the same, LB_SCAN_READER=0" "LB_SCAN_READER=0 $CLI scan $dir"
  BENCH_CPUS=0,1 paired "lightbox-cli scan, $n files, 2 cores" "$CLI scan $dir" \
    "floor, 2 cores" "$FLOOR $dir"
done
echo
echo "Startup alone: \`lightbox-cli --version\` $(for i in 1 2 3 4 5 6 7; do usec "$CLI" --version; done | median | awk '{ printf "%.1f", $1 / 1000 }') ms (median of 7)."
echo
echo '| Files | peak RSS, lightbox-cli scan | gdcmdump -r -i |'
echo '|---|---|---|'
for n in $SIZES; do
  dir=$(folder "$n")
  g=-
  [ "$n" -le 6000 ] && g="$(peak_rss_mib gdcmdump -r -i "$dir") MiB"
  echo "| $n | $(peak_rss_mib "$CLI" scan "$dir") MiB | $g |"
done

if [ "$COLD" = 1 ]; then
  echo
  echo "Cold page cache (dropped before each run; the binary and its libraries read back first)"
  echo
  echo '| Files | lightbox-cli scan | without the reading thread | without it and the read-ahead worker | pinned to one core | floor | floor with read-ahead |'
  echo '|---|---|---|---|---|---|---|'
  libs=$(ldd "$CLI" | awk '/=>/ { print $3 }')
  cold () {
    sync
    echo 3 > /proc/sys/vm/drop_caches
    cat "$CLI" "$FLOOR" $libs > /dev/null
    usec "$@"
  }
  for n in $SIZES; do
    dir=$(folder "$n")
    a=$(cold "$CLI" scan "$dir")
    b=$(cold env LB_SCAN_READER=0 "$CLI" scan "$dir")
    c=$(cold env LB_SCAN_READER=0 LB_SCAN_READ_AHEAD=0 "$CLI" scan "$dir")
    e=$(cold taskset -c 1 "$CLI" scan "$dir")
    f=$(cold "$FLOOR" "$dir")
    g=$(cold "$FLOOR" -r "$dir")
    echo "| $n | $((a / 1000)) ms | $((b / 1000)) ms | $((c / 1000)) ms | $((e / 1000)) ms | $((f / 1000)) ms | $((g / 1000)) ms |"
  done
fi
