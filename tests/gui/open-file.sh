#!/bin/sh
# A file given on the command line opens: the log says so, the title names it, the image is
# drawn (not a black canvas) and the series around it is known.
. "$(dirname "$0")/common.sh"
"$T/gui-run" -W -o "$WORK/shot.png" -x 'wait-log "opened .*CT05.dcm" 15' -x 'sleep 0.5' \
  -x "sh xdotool search --name 'CT05.dcm' > $WORK/title.txt" \
  -- "$APP" "$WORK/phantom/CT05.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
m=$(mean "$WORK/shot.png" "$CANVAS")
echo "canvas mean grey $m"
awk "BEGIN { exit !($m > 0.05) }" || fail "canvas is black"
[ -s "$WORK/title.txt" ] || fail "window title does not name the file"
echo "PASS"
