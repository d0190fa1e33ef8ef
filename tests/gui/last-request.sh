#!/bin/sh
# The last file asked for wins. small.dcm is on show; big.dcm (a 4096² JPEG 2000 image: seconds
# to decode) is clicked in the Files list and, while it loads, small.dcm's row is clicked again:
# big.dcm's load is abandoned and small.dcm stays on show, named by the title (big.dcm used to
# replace it once decoded). Then big.dcm is asked for again, from the command line, and while it
# loads small.dcm is opened from Open Recent: that too cancels big.dcm; small.dcm is on show.
# Last, the same with their series on the Studies page.
. "$(dirname "$0")/common.sh"
small_and_big "$WORK/f"
{ ready small.dcm
  # where small.dcm's row is drawn, looked up before big.dcm loads: clicked at once then
  echo "sh AT=$WORK/small.xy \"$G/click-a11y\" \"$SMALL\" label"
  row "$BIG"
  echo "wait-log \"loading .*/big.dcm\" $WAIT"
  echo "sh xdotool mousemove --window \$WID \$(cat $WORK/small.xy) click 1"
  echo "wait-log \"load abandoned: .*/big.dcm\" $WAIT"
  # big.dcm's decoding ends and shows nothing
  echo "wait-log \"cancelled load ended: .*/big.dcm\" $WAIT"
  echo "sh $G/wait-window \"^small.dcm\" $WAIT"
  echo "settle"
  echo "shot $WORK/after-list.png"
  # Open Recent: small.dcm, opened at start, is in the Open menu's recent files. The menu is
  # opened first, then big.dcm is asked for as a second `lightbox FILE` asks for it (GApplication's
  # Open over D-Bus: a second viewer process would come and go on the accessibility bus while
  # the menu is looked up there), and small.dcm is picked while big.dcm loads.
  open_menu_item "Recent Files"
  # the submenu has slid in when its heading takes the focus
  echo "sh \"$G/wait-a11y\" \"small.dcm — Lightbox\" \"menu item\" \"Recent Files\" focused $WAIT"
  echo "sh AT=$WORK/recent.xy \"$G/click-a11y\" \"small.dcm — f\" \"menu item\" -135 17"
  echo "sh gdbus call --session --dest $APP_ID --object-path $APP_PATH --method org.gtk.Application.Open \"['file://$WORK/f/big.dcm']\" '' '{}'"
  echo "sh \"$G/wait-count\" \"loading .*/big.dcm\" 2 $WAIT"
  echo "sh xdotool mousemove --window \$WID \$(cat $WORK/recent.xy) click 1"
  echo "sh \"$G/wait-count\" \"cancelled load ended: .*/big.dcm\" 2 $WAIT"
  echo "sh \"$G/wait-count\" \"opened .*/small.dcm\" 2 $WAIT"
  echo "sh $G/wait-window \"^small.dcm\" $WAIT"
  # The Studies page: big.dcm's series picked, then small.dcm's (on show) while big.dcm loads.
  # Both pages have read the folder again (at start, for big.dcm, for small.dcm).
  echo "sh \"$G/wait-count\" \"series from the study model\" 3 $WAIT"
  echo "settle"
  echo "sh \"$G/click-a11y\" Studies \"page tab\""
  echo "sh AT=$WORK/small-series.xy \"$G/click-a11y\" \"Series 2: CT, 1 image\" \"list item\""
  echo "sh \"$G/click-a11y\" \"Series –: OT, 1 image\" \"list item\""
  echo "sh \"$G/wait-count\" \"loading .*/big.dcm\" 3 $WAIT"
  echo "sh xdotool mousemove --window \$WID \$(cat $WORK/small-series.xy) click 1"
  echo "sh \"$G/wait-count\" \"load abandoned: .*/big.dcm\" 2 $WAIT"
  echo "sh \"$G/wait-count\" \"cancelled load ended: .*/big.dcm\" 3 $WAIT"
  echo "sh $G/wait-window \"^small.dcm\" $WAIT"
  echo "settle"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/end.png" -a "$WORK/actions.txt" -l "$WORK/log.txt" \
  -- "$APP" "$WORK/f/small.dcm" > "$WORK/run.txt" 2>&1 || { cat "$WORK/run.txt" "$WORK/log.txt"; fail "gui-run"; }
grep -E "loading|opened|abandoned|cancelled|title:" "$WORK/log.txt"
! grep -q "opened .*/big.dcm" "$WORK/log.txt" || fail "big.dcm was shown, though asked for before small.dcm"
# What is on screen: small.dcm's image (a CT slice, not big.dcm's noise) and its name above it.
title=$(grep "title: " "$WORK/log.txt" | tail -1)
case $title in *"title: small.dcm"*) ;; *) fail "the last title is not small.dcm's: $title" ;; esac
echo "PASS"
