#!/bin/sh
# A left drag on the image changes the window (log, label) and the pixels.
. "$(dirname "$0")/common.sh"
"$T/gui-run" -W -o "$WORK/after.png" -x 'wait-log "opened" 15' -x 'sleep 0.5' \
  -x "shot $WORK/before.png" -x 'drag 550 350 400 300 12' -x 'wait-log "window drag ended" 5' \
  -x 'sleep 0.3' -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 \
  || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -q "window drag ended" "$WORK/log.txt" || fail "no drag seen"
n=$(diffpx "$WORK/before.png" "$WORK/after.png" "$CANVAS")
echo "pixels changed: $n"
[ "$n" -gt 5000 ] || fail "the drag did not change the image"
b=$(mean "$WORK/before.png" "$CANVAS"); a=$(mean "$WORK/after.png" "$CANVAS")
echo "mean grey $b -> $a (left and up: narrower window, lower centre, brighter)"
awk "BEGIN { exit !($a > $b) }" || fail "image did not get brighter"
echo "PASS"
