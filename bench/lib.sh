# bench/lib.sh: shared helpers for the benchmark scripts (sourced, POSIX sh).
# Method of ../shared/guide/PERFORMANCE.md: warm cache, one untimed warm-up, paired alternating
# runs pinned to one core, the median of the per-pair ratios.

: "${LB_WORKLOAD:=/tmp/lightbox-workload}"
: "${RUNS:=15}"
# The cores the paired runs may use (taskset -c): one by default; "0,1" for the rows that
# measure work split over both cores (export.sh), the peer getting the same two.
: "${BENCH_CPUS:=1}"
CLI="$PWD/build-bench/src/cli/lightbox-cli"

bench_setup () {
  sh tools/deps bench
  [ -f build-bench/build.ninja ] || meson setup build-bench --buildtype=release >/dev/null
  ninja -C build-bench >/dev/null
  if [ ! -d "$LB_WORKLOAD/ct600" ] || [ ! -f "$LB_WORKLOAD/cr4096.dcm" ] || [ ! -d "$LB_WORKLOAD/codec" ]; then
    ../shared/tools/make-workload "$LB_WORKLOAD" >&2
  fi
}

# usec CMD...: wall time of one run in microseconds, output discarded: from its spawn to its exit
# (bench/spawn-time.c), so no shell, taskset or `date` start is counted. Without the build's
# spawn-time (a plain `sh bench/x.sh` before bench_setup), the old way: between two `date` calls.
SPAWN_TIME="$PWD/build-bench/bench/spawn-time"
usec () {
  if [ -x "$SPAWN_TIME" ]; then
    "$SPAWN_TIME" "$@" || echo 0
    return
  fi
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  echo $(( ($(date +%s%N) - s) / 1000 ))
}

# usec_pinned "CMD": usec of a shell command line on $BENCH_CPUS (taskset starts spawn-time,
# which the command inherits the CPUs from; spawn-time runs CMD without a shell when it can).
usec_pinned () {
  if [ -x "$SPAWN_TIME" ]; then
    taskset -c "$BENCH_CPUS" "$SPAWN_TIME" -c "$1" || echo 0
  else
    usec taskset -c "$BENCH_CPUS" sh -c "$1"
  fi
}

# median: reads numbers, prints the median.
median () {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# paired NAME_A "CMD A" NAME_B "CMD B": alternating runs A B A B ..., prints the median time of
# each (ms) and the median of the per-pair ratios B / A (how many times faster A is).
paired () {
  name_a=$1; cmd_a=$2; name_b=$3; cmd_b=$4
  sh -c "$cmd_a" >/dev/null 2>&1 || true; sh -c "$cmd_b" >/dev/null 2>&1 || true
  tmp=$(mktemp)
  i=0
  while [ $i -lt "$RUNS" ]; do
    # sync first: a command that writes (export's atomic write fsyncs its file and folder) must
    # not pay for the other's dirty pages, which ext4's journal commit would flush with its own.
    sync; a=$(usec_pinned "$cmd_a")
    sync; b=$(usec_pinned "$cmd_b")
    echo "$a $b" >> "$tmp"
    i=$((i + 1))
  done
  ma=$(awk '{ print $1 / 1000 }' "$tmp" | median)
  mb=$(awk '{ print $2 / 1000 }' "$tmp" | median)
  mr=$(awk '{ print $2 / $1 }' "$tmp" | median)
  rm -f "$tmp"
  printf '| %s | %.1f ms | %s | %.1f ms | %.2fx |\n' "$name_a" "$ma" "$name_b" "$mb" "$mr"
}

# peak_rss_mib CMD...: maximum resident set size in MiB.
peak_rss_mib () {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'
}
