#!/bin/sh
# Compare layouts (issue 11 §5): T shows the slice twice, in the lung window on the left and the
# mediastinal one on the right; with Link Window on (Layout menu), a drag in one view windows
# both. Typed and clicked as a person does; every step waits for what the app reports.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-layout,lb-viewport"
# The layout with two viewports spans x 201..829 and y 47..662 of the default window (AT-SPI
# "LbLayout"); each viewport takes half of it.
LEFT=280x300+230+200
RIGHT=280x300+540+200
{ ready CT12.dcm
  echo "shot $WORK/single.png"
  echo "key t"
  echo "wait-log \"shown: CT12.dcm frame 1, window C -600.0 W 1500.0\" $WAIT"
  echo "wait-log \"shown: CT12.dcm frame 1, window C 50.0 W 350.0\" $WAIT"
  echo "settle"
  echo "shot $WORK/pair.png"
  # Link Window: the layout menu, its mnemonic W.
  echo "sh $G/click-a11y Layout 'push button'"
  echo "sh $G/wait-a11y 'CT12.dcm — Lightbox' 'push button' Layout pressed $WAIT"
  echo "key w"
  echo "wait-log \"link-window: on\" $WAIT"
  echo "settle"
  echo "drag 360 350 300 300 12"
  echo "wait-log \"window drag ended\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
  echo "settle"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/linked.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -E "layout:|viewport|link-|window drag ended" "$WORK/log.txt"
grep -q "layout: two, 2 viewports" "$WORK/log.txt" || fail "T did not show two viewports"

# Two different windows of one slice: the lung window shows soft tissue grey, the mediastinal
# one bright; the two halves differ.
l=$(mean "$WORK/pair.png" "$LEFT"); r=$(mean "$WORK/pair.png" "$RIGHT")
echo "pair: mean grey left (lung) $l, right (mediastinum) $r"
awk "BEGIN { d = $l - $r; exit !(d > 0.03 || d < -0.03) }" || fail "the two views look alike"

# Linked window: the drag in the left view changed the right one too, to the same window.
c=$(grep "window drag ended" "$WORK/log.txt" | tail -1 | sed -E 's/.*C (-?[0-9.]+) W ([0-9.]+).*/C \1 W \2/')
echo "drag ended at $c"
n=$(grep -c "shown: CT12.dcm frame 1, window $c" "$WORK/log.txt")
[ "$n" -ge 2 ] || fail "the window $c was shown in $n views, not in both"
nl=$(diffpx "$WORK/pair.png" "$WORK/linked.png" "$LEFT")
nr=$(diffpx "$WORK/pair.png" "$WORK/linked.png" "$RIGHT")
echo "pixels changed by the drag: left $nl, right $nr"
[ "$nr" -gt 5000 ] || fail "the right view did not follow the linked window"
echo "PASS"
