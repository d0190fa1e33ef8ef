#!/bin/sh
# bench/dump-private.sh: `lightbox-cli dump` of files with many unsorted private elements (blocks
# interleaved, creators after their elements), text and --json, beside dcmdump. Finding each
# element's creator once scanned the dataset, so the text dump was quadratic (50,000 elements
# 1.45 s, 200,000 25 s); it must stay linear: the time per 1000 elements must not grow with N.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
DIR="$LB_WORKLOAD/private"
mkdir -p "$DIR"
for n in 50000 200000 1000000; do
  [ -f "$DIR/p$n.dcm" ] || /usr/bin/python3 - "$n" "$DIR/p$n.dcm" <<'PY'
import struct, sys
n, path = int(sys.argv[1]), sys.argv[2]
def el(g, e, vr, v):
    v += b" " * (len(v) % 2)
    return struct.pack("<HH2sH", g, e, vr, len(v)) + v
meta = el(2, 0x10, b"UI", b"1.2.840.10008.1.2.1\0")
out = bytearray(bytes(128) + b"DICM" + struct.pack("<HH2sHI", 2, 0, b"UL", 4, len(meta)) + meta)
out += el(8, 0x60, b"CS", b"CT")
per_group = 0xf0 * 0x100
for i in range(n):
    out += el(0x29 + 2 * (i // per_group), ((0x10 + i % 0xf0) << 8) | (i // 0xf0 % 0x100),
              b"LO", b"v%d" % i)
for g in range(0x29, 0x29 + 2 * (n // per_group + 1), 2):
    for block in range(0x10, 0x100):
        out += el(g, block, b"LO", b"CREATOR %02X" % block)
open(path, "wb").write(out)
PY
done
echo "## dump of N unsorted private elements, median of $RUNS paired runs, pinned to core 1"
echo
echo '| Lightbox | time | peer | time | peer / Lightbox |'
echo '|---|---|---|---|---|'
# dcmdump is quadratic here itself (1,000,000 elements take about 3 minutes): beside it only
# up to 200,000.
for n in 50000 200000; do
  paired "dump, $n" "$CLI dump $DIR/p$n.dcm" "dcmdump, $n" "dcmdump -q $DIR/p$n.dcm"
done
for n in 50000 200000 1000000; do
  paired "dump --json, $n" "$CLI dump --json $DIR/p$n.dcm" "dump (text), $n" "$CLI dump $DIR/p$n.dcm"
done
