#!/bin/sh
# bench/scan-identity.sh: `lightbox-cli scan` and `scan --json` give byte for byte the same
# stdout, stderr and exit status as a reference build (issue 15 §3: the faster scan must not
# change a byte). Usage: bench/scan-identity.sh REFERENCE-CLI [CLI]
# The reference is a lightbox-cli built from main (e.g. `git worktree add` + ninja, or a copy
# of build/src/cli/lightbox-cli taken before the change). The inputs: tests/samples, the
# crashers and fuzz corpus of tests/, pydicom's test files, the corpus (../shared/corpus) when
# present, the 600-slice CT of the workload ($LB_WORKLOAD/ct600) and the 6,000-file tree of
# hard links bench/scan.sh builds, each as one folder, and every file of the small sets named
# one by one. Both read with one CPU and with two (taskset), so the reading thread of the scan
# (cli-scan-ahead.c) is compared too.
set -u
cd "$(dirname "$0")/.."
REF=$1
CLI=${2:-build/src/cli/lightbox-cli}
: "${LB_WORKLOAD:=/work/workload}"
: "${SCAN_TMP:=/tmp/lightbox-scan-bench}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
PYDICOM=/usr/lib/python3/dist-packages/pydicom/data/test_files
fails=0
runs=0

# same ARGS...: both binaries on these arguments, pinned to one core, free, and free with the
# reading thread forced on (LB_SCAN_READER=1: also for folders too small for it), text and
# JSON.
same () {
  for mode in 0 0-1 0-1:1; do
    cpus=${mode%%:*}
    reader=${mode#*:}
    [ "$reader" = "$mode" ] && reader=
    for json in "" --json; do
      runs=$((runs + 1))
      taskset -c "$cpus" "$REF" scan $json "$@" >"$OUT/ref.out" 2>"$OUT/ref.err"
      echo $? >"$OUT/ref.rc"
      LB_SCAN_READER=$reader taskset -c "$cpus" "$CLI" scan $json "$@" >"$OUT/new.out" \
        2>"$OUT/new.err"
      echo $? >"$OUT/new.rc"
      for part in out err rc; do
        if ! cmp -s "$OUT/ref.$part" "$OUT/new.$part"; then
          echo "DIFFERENT $part (cpus $cpus, reader ${reader:-auto}) scan $json $*" >&2
          diff "$OUT/ref.$part" "$OUT/new.$part" | head -5 >&2
          fails=$((fails + 1))
        fi
      done
    done
  done
}

folders="tests/samples tests/crashers tests/fuzz/corpus $PYDICOM"
[ -d ../shared/corpus ] && folders="$folders ../shared/corpus" || echo "skip: no ../shared/corpus" >&2
[ -d "$LB_WORKLOAD/ct600" ] && folders="$folders $LB_WORKLOAD/ct600" || echo "skip: no ct600" >&2
if [ -d "$SCAN_TMP/files6000" ]; then
  folders="$folders $SCAN_TMP/files6000"
else
  echo "skip: no $SCAN_TMP/files6000 (bench/scan.sh makes it)" >&2
fi
for d in $folders; do
  same "$d"
done
# All folders at once (one model across them), also in Korean and Japanese (the listing's
# words are translated), and each small set's files named one by one.
same $folders
LANGUAGE=ko same $folders
LANGUAGE=ja same $folders
for d in tests/samples tests/crashers tests/fuzz/corpus $PYDICOM; do
  find "$d" -type f | sort | while read -r f; do echo "$f"; done > "$OUT/list"
  # shellcheck disable=SC2046
  same $(cat "$OUT/list")
done
echo "$runs comparisons, $fails differences"
[ "$fails" = 0 ]
