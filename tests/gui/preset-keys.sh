#!/bin/sh
# Every CT preset has a key: 1–9, 0 for the tenth (Spine soft tissue), Shift+1 for the eleventh
# (Bone); keys 1–9 reached nine of eleven. Typed as a person types them.
. "$(dirname "$0")/common.sh"
{ ready CT12.dcm
  echo "key 0"
  echo "wait-log \"window preset C 50 W 250\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
  echo "key shift+1"
  echo "wait-log \"window preset C 400 W 1800\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep "window preset" "$WORK/log.txt"
echo "PASS"
