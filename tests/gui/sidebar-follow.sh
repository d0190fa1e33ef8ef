#!/bin/sh
# The sidebar's selection follows the displayed slice and stays in view: opening the last slice
# of the series (below the fold of the list), then Home (the first slice), each shows the
# selected row's highlight in the sidebar. (GTK 4.8's list, told to scroll before its first
# layout, drew a single row and no selection.)
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-file-browser"
"$T/gui-run" -W -o "$WORK/first.png" -x 'wait-log "scanned 24 DICOM files" 15' -x 'sleep 1' \
  -x "shot $WORK/last.png" -x 'key Home' -x 'wait-log "opened .*CT01.dcm" 10' -x 'sleep 1' \
  -- "$APP" "$WORK/phantom/CT24.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }

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
