#!/bin/sh
# The sidebar's selection follows the displayed slice and stays in view: opening the last slice
# of the series (below the fold of the list), then Home (the first slice), each shows the
# selected row's highlight in the sidebar. (GTK 4.8's list, told to scroll before its first
# layout, drew a single row and no selection.)
. "$(dirname "$0")/common.sh"
# "shown: sidebar row of F": the list has been painted scrolled to F's selected row.
{ ready CT24.dcm
  echo "wait-log \"shown: sidebar row of CT24.dcm\" $WAIT"
  echo "shot $WORK/last.png"
  echo "key Home"
  echo "wait-log \"shown: CT01.dcm frame\" $WAIT"
  echo "wait-log \"shown: sidebar row of CT01.dcm\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/first.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT24.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }

# A selected row is lighter than the sidebar behind it; column x=15 crosses only row backgrounds.
highlight () {
  convert "$1" -crop 1x690+15+95 +repage -colorspace gray -threshold 18% -format '%[fx:round(mean*h)]' info:
}
# ... and where it is: the mean row of the lit pixels.
highlight_y () {
  convert "$1" -crop 1x690+15+95 +repage -colorspace gray -threshold 18% txt:- \
    | awk -F'[,:]' '/#FFFFFF|white/ { s += $2; n++ } END { print (n ? int(s / n) : -1) }'
}
for s in last first; do
  n=$(highlight "$WORK/$s.png"); y=$(highlight_y "$WORK/$s.png")
  echo "$s slice: highlighted rows $n px high, at y $y"
  [ "$n" -ge 20 ] || fail "the $s slice's row is not highlighted in view"
  eval "y_$s=$y"
done
[ "$y_last" -gt "$y_first" ] || fail "the last slice's row is not below the first one's"
echo "PASS"
