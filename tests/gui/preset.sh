#!/bin/sh
# Key 6 (the CT lung preset is the 6th) changes the window to -600/1500 and the pixels.
. "$(dirname "$0")/common.sh"
{ ready CT12.dcm
  echo "shot $WORK/before.png"
  echo "key 6"
  echo "wait-log \"window preset C -600 W 1500\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
n=$(diffpx "$WORK/before.png" "$WORK/after.png" "$CANVAS")
echo "pixels changed: $n"
[ "$n" -gt 5000 ] || fail "the preset did not change the image"
echo "PASS"
