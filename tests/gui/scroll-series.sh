#!/bin/sh
# Scrolling a series (issue 12 §4): a held Down key goes through the 24 slices of the phantom
# and shows every one on screen, in order, up to the last; then ten quick wheel notches up show
# each slice they pass and end on the tenth: no slice skipped, none after the last asked for.
. "$(dirname "$0")/common.sh"
# Each slice shown logs "opened": under LB_GUI_STALL=1 that is 3 s a slice, 24 of them.
LONG=$((WAIT * 2))
{ ready CT01.dcm
  echo "keydown Down"
  echo "wait-log \"shown: CT24.dcm frame\" $LONG"
  echo "keyup Down"
  echo "settle"
  # the pointer over the image, then ten notches up as fast as xdotool sends them
  echo "sh xdotool mousemove --window \$WID 500 350 click --repeat 10 --delay 5 4"
  # slice 14 painted a second time (wait-log would take the first, on the way down)
  echo "sh \"$G/wait-count\" \"shown: CT14.dcm frame\" 2 $LONG"
  echo "settle"
} > "$WORK/actions.txt"
"$T/gui-run" -W -a "$WORK/actions.txt" -l "$WORK/log.txt" \
  -- "$APP" "$WORK/phantom/CT01.dcm" > "$WORK/run.txt" 2>&1 \
  || { cat "$WORK/run.txt" "$WORK/log.txt"; fail "gui-run"; }
# the slices painted, in order, each once where it changed
grep -o "shown: CT[0-9]*\.dcm frame" "$WORK/log.txt" | sed -E 's/shown: CT0?([0-9]+).*/\1/' \
  | uniq | tr '\n' ' ' > "$WORK/order.txt"
echo "slices shown: $(cat "$WORK/order.txt")"
want="1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 23 22 21 20 19 18 17 16 15 14 "
[ "$(cat "$WORK/order.txt")" = "$want" ] || fail "expected: $want"
echo "PASS"
