#!/bin/sh
# bench/scan.sh: header-only scan of the 600-slice CT series, Lightbox against gdcmdump and
# dcmdump (PERFORMANCE.md table a). Goal: >= 8x faster than gdcmdump, peak RSS <= 16 MiB.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
CT="$LB_WORKLOAD/ct600"
echo "## Header-only scan of ct600 (600 files), $RUNS paired runs, pinned to core 1"
echo
echo '| Lightbox | time | peer | time | peer / Lightbox |'
echo '|---|---|---|---|---|'
paired "lightbox-cli scan" "$CLI scan $CT" "gdcmdump -i" "gdcmdump -i $CT"
paired "lightbox-cli scan" "$CLI scan $CT" "dcmdump -q -M +sd" "dcmdump -q -M +sd $CT"
echo
echo "Peak RSS: lightbox-cli scan $(peak_rss_mib "$CLI" scan "$CT") MiB," \
  "gdcmdump $(peak_rss_mib gdcmdump -i "$CT") MiB, dcmdump $(peak_rss_mib dcmdump -q -M +sd "$CT") MiB"
