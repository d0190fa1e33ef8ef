#!/bin/sh
# Enhanced multi-frame (issue 12 §3): frames stored in the reverse of their order in space
# (per-frame Plane Position (Patient), z going down) are shown by position: the file opens on
# its last stored frame (lowest z), and Right goes to the stored frame before it.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-document"
/usr/bin/python3 "$G/../make-multiframe.py" "$WORK/enhanced.dcm" 12 64 40 enhanced \
  || fail "make-multiframe.py (pydicom, numpy)"
{ ready enhanced.dcm
  echo "key Right"
  echo "wait-log \"shown: enhanced.dcm frame 11,\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -a "$WORK/actions.txt" -l "$WORK/log.txt" \
  -- "$APP" "$WORK/enhanced.dcm" > "$WORK/run.txt" 2>&1 || { cat "$WORK/run.txt" "$WORK/log.txt"; fail "gui-run"; }
grep -E "Plane Position|shown: enhanced" "$WORK/log.txt"
first=$(grep -o "shown: enhanced.dcm frame [0-9]*" "$WORK/log.txt" | head -1)
[ "$first" = "shown: enhanced.dcm frame 12" ] || fail "opened on '$first', not on frame 12 (lowest z)"
echo "PASS"
