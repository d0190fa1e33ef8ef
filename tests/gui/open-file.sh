#!/bin/sh
# A file given on the command line opens: the log says so, the title names it, the image is
# drawn (not a black canvas); a second invocation goes to the running instance.
. "$(dirname "$0")/common.sh"
"$T/gui-run" -W -o "$WORK/shot.png" -x 'wait-log "opened .*CT05.dcm" 15' -x 'sleep 0.5' \
  -x "sh xdotool search --name 'CT05.dcm' > $WORK/title.txt" \
  -- "$APP" "$WORK/phantom/CT05.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
m=$(mean "$WORK/shot.png" "$CANVAS")
echo "canvas mean grey $m"
awk "BEGIN { exit !($m > 0.05) }" || fail "canvas is black"
[ -s "$WORK/title.txt" ] || fail "window title does not name the file"

# One instance: a second `lightbox FILE` hands the file to the running window and exits.
"$T/gui-run" -W -o "$WORK/second.png" -x 'wait-log "opened .*CT05.dcm" 15' \
  -x "sh $APP $WORK/phantom/CT20.dcm" -x 'wait-log "opened .*CT20.dcm" 15' \
  -x "sh xdotool search --onlyvisible --name . > $WORK/windows.txt" \
  -- "$APP" "$WORK/phantom/CT05.dcm" > "$WORK/log2.txt" 2>&1 \
  || { cat "$WORK/log2.txt"; fail "gui-run (second instance)"; }
[ "$(wc -l < "$WORK/windows.txt")" -eq 1 ] || fail "a second window appeared"
[ "$(grep -c 'DEBUG.*: opened ' "$WORK/log2.txt")" -eq 2 ] \
  || { cat "$WORK/log2.txt"; fail "the first instance did not open the second file"; }
echo "PASS"
