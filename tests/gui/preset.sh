#!/bin/sh
# Key 6 (the CT lung preset is the 6th) changes the window to -600/1500 and the pixels.
. "$(dirname "$0")/common.sh"
"$T/gui-run" -W -o "$WORK/after.png" -x 'wait-log "opened" 15' -x 'sleep 0.5' \
  -x "shot $WORK/before.png" -x 'key 6' -x 'wait-log "window preset C -600 W 1500" 5' \
  -x 'sleep 0.3' -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 \
  || { cat "$WORK/log.txt"; fail "gui-run"; }
n=$(diffpx "$WORK/before.png" "$WORK/after.png" "$CANVAS")
echo "pixels changed: $n"
[ "$n" -gt 5000 ] || fail "the preset did not change the image"
echo "PASS"
