#!/bin/sh
# Dragging inside the histogram's window band moves the window; the image follows.
. "$(dirname "$0")/common.sh"
# The band of the file's window (C 40 W 400) sits in the middle of the histogram under the
# image (window x 226..746, histogram y 670..755 at 1280x800).
{ ready CT12.dcm
  echo "shot $WORK/before.png"
  echo "drag 504 715 430 715 10"
  echo "wait-log \"histogram drag ended\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
n=$(diffpx "$WORK/before.png" "$WORK/after.png" 500x400+240+100)
echo "image pixels changed: $n"
[ "$n" -gt 5000 ] || fail "dragging the band did not change the image"
b=$(mean "$WORK/before.png" 500x400+240+100); a=$(mean "$WORK/after.png" 500x400+240+100)
echo "mean grey $b -> $a (band moved to lower values: brighter)"
awk "BEGIN { exit !($a > $b) }" || fail "image did not get brighter"
echo "PASS"
