#!/bin/sh
# bench/scan-budget.sh: where the time of a 600-file header scan goes, in the conditions of
# scan.sh's pairs (issue 15 §3). In a pair, `lightbox-cli scan` runs right after `gdcmdump -r -i`,
# which leaves the CPU's caches and the kernel's dentry, inode and page-cache lines cold for it:
# the scan then takes about 1 ms more than when it runs again and again. So each command here runs
# right after a `gdcmdump -r -i` of the same folder, pinned to the same core, RUNS times:
#
#   /bin/true              the start of any dynamically linked program (ld.so, libc, the
#                          CPU-feature probes that trap to the hypervisor on this VM)
#   lightbox-cli --version lightbox-cli's own start (GLib, its locale, its libraries)
#   scan-floor             the system calls of the scan and nothing else (bench/scan-floor.c)
#   lightbox-cli scan      the scan
#
# and the table splits the scan's time into the start, the system calls and the rest (the walk,
# the study model, the listing), beside the budget that 1/50 of gdcmdump's time leaves.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
: "${SCAN_TMP:=/tmp/lightbox-scan-bench}"
[ -f build-bench/build.ninja ] || meson setup build-bench --buildtype=release >/dev/null
ninja -C build-bench src/cli/lightbox-cli bench/spawn-time >/dev/null
[ -d "$LB_WORKLOAD/ct600" ] || ../shared/tools/make-workload "$LB_WORKLOAD" >&2
FLOOR="$SCAN_TMP/scan-floor"
mkdir -p "$SCAN_TMP"
cc -O2 -o "$FLOOR" bench/scan-floor.c -lpthread
CT="$LB_WORKLOAD/ct600"
TRUE=$(command -v true)
case $TRUE in /*) ;; *) TRUE=/bin/true ;; esac

# after_gdcmdump CMD: median wall time (us) of CMD, each run right after a gdcmdump of the folder.
after_gdcmdump () {
  i=0
  while [ $i -lt "$RUNS" ]; do
    taskset -c "$BENCH_CPUS" gdcmdump -r -i "$CT" >/dev/null 2>&1 || true
    usec_pinned "$1"
    i=$((i + 1))
  done | median
}

g=$(i=0; while [ $i -lt "$RUNS" ]; do usec_pinned "gdcmdump -r -i $CT"; i=$((i + 1)); done | median)
t=$(after_gdcmdump "$TRUE")
v=$(after_gdcmdump "$CLI --version")
f=$(after_gdcmdump "$FLOOR $CT")
s=$(after_gdcmdump "$CLI scan $CT")

echo "## Where a 600-file scan's time goes (ct600, each run right after gdcmdump -r -i, pinned to core $BENCH_CPUS, medians of $RUNS)"
echo
echo '| Part | How measured | ms |'
echo '|---|---|---|'
awk -v g="$g" -v t="$t" -v v="$v" -v f="$f" -v s="$s" 'BEGIN {
  printf "| gdcmdump -r -i | its own runs | %.1f |\n", g / 1000
  printf "| budget: 1/50 of gdcmdump | | %.2f |\n", g / 50000
  printf "| lightbox-cli scan | | %.2f |\n", s / 1000
  printf "| any program'"'"'s start | /bin/true | %.2f |\n", t / 1000
  printf "| lightbox-cli'"'"'s own start | --version minus /bin/true | %.2f |\n", (v - t) / 1000
  printf "| the system calls | scan-floor minus /bin/true | %.2f |\n", (f - t) / 1000
  printf "| the walk, the model, the listing | scan minus floor minus own start | %.2f |\n", (s - f - (v - t)) / 1000
  printf "| gdcmdump / scan | | %.1fx |\n", g / s
}'
