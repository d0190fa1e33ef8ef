#!/bin/sh
# A left drag on the image changes the window (log, label) and the pixels.
. "$(dirname "$0")/common.sh"
{ ready CT12.dcm
  echo "shot $WORK/before.png"
  echo "drag 550 350 400 300 12"
  echo "wait-log \"window drag ended\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -q "window drag ended" "$WORK/log.txt" || fail "no drag seen"
n=$(diffpx "$WORK/before.png" "$WORK/after.png" "$CANVAS")
echo "pixels changed: $n"
[ "$n" -gt 5000 ] || fail "the drag did not change the image"
b=$(mean "$WORK/before.png" "$CANVAS"); a=$(mean "$WORK/after.png" "$CANVAS")
echo "mean grey $b -> $a (left and up: narrower window, lower centre, brighter)"
awk "BEGIN { exit !($a > $b) }" || fail "image did not get brighter"
echo "PASS"
