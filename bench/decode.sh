#!/bin/sh
# bench/decode.sh: decode throughput per codec on the 2140x1760 CR (make-workload codec/), against
# gdcmconv --raw, dcmdjpeg and dcmdjpls (PERFORMANCE.md table d). Peers are whole processes, so
# their rate is pixels / (time - the same tool's time to copy the native file); Lightbox's is
# in-process (lb-bench decode), plus whole-process `lightbox-cli export --bits 16` for reference.
set -eu
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup
B="$PWD/build-bench/bench/lb-bench"
W="$LB_WORKLOAD/codec"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
px=3766400   # 2140 x 1760
med () { # med CMD...: median wall ms over RUNS runs
  i=0; while [ $i -lt "$RUNS" ]; do usec taskset -c 1 "$@"; i=$((i + 1)); done | awk '{ print $1 / 1000 }' | median
}
rate () { awk -v p=$px -v t="$1" -v b="$2" 'BEGIN { d = t - b; if (d <= 0) print "n/a"; else printf "%.0f", p / d / 1000 }'; }
gdcm_base=$(med gdcmconv --raw "$W/RG2_native.dcm" "$out/n.dcm")
dcmtk_base=$(med dcmconv "$W/RG2_native.dcm" "$out/n2.dcm")
echo "## Decode, 2140x1760 CR (3.77 Mpx), median of $RUNS runs, pinned to core 1"
echo
echo "Copy baselines: gdcmconv --raw ${gdcm_base} ms, dcmconv ${dcmtk_base} ms."
echo
echo '| Codec | Lightbox in-process | peer | peer wall | peer rate | Lightbox / peer rate |'
echo '|---|---|---|---|---|---|'
row () { # row NAME FILE PEERNAME BASE PEERCMD...
  name=$1; file=$2; peer=$3; base=$4; shift 4
  lb=$(taskset -c 1 "$B" decode "$file" "$RUNS" | sed -n 's/.*: \([0-9.]*\) ms median, \([0-9.]*\) Mpx\/s/\1 \2/p')
  lb_ms=${lb% *}; lb_rate=${lb#* }
  t=$(med "$@")
  r=$(rate "$t" "$base")
  ratio=$(awk -v a="$lb_rate" -v b="$r" 'BEGIN { if (b == "n/a" || b == 0) print "n/a"; else printf "%.2fx", a / b }')
  printf '| %s | %s ms, %s Mpx/s | %s | %s ms | %s Mpx/s | %s |\n' "$name" "$lb_ms" "$lb_rate" "$peer" "$t" "$r" "$ratio"
}
row "JPEG lossless SV1 (in-house)" "$W/RG2_JPLL.dcm" "dcmdjpeg" "$dcmtk_base" dcmdjpeg "$W/RG2_JPLL.dcm" "$out/a.dcm"
row "JPEG lossless SV1 (in-house)" "$W/RG2_JPLL.dcm" "gdcmconv --raw" "$gdcm_base" gdcmconv --raw "$W/RG2_JPLL.dcm" "$out/b.dcm"
row "JPEG-LS lossless (CharLS)" "$W/RG2_JLSL.dcm" "dcmdjpls" "$dcmtk_base" dcmdjpls "$W/RG2_JLSL.dcm" "$out/c.dcm"
row "JPEG-LS lossless (CharLS)" "$W/RG2_JLSL.dcm" "gdcmconv --raw" "$gdcm_base" gdcmconv --raw "$W/RG2_JLSL.dcm" "$out/d.dcm"
row "JPEG 2000 lossless (OpenJPEG)" "$W/RG2_J2KR.dcm" "gdcmconv --raw" "$gdcm_base" gdcmconv --raw "$W/RG2_J2KR.dcm" "$out/e.dcm"
