#!/bin/sh
# A file given on the command line opens: the log says so, the title names it, the image is
# drawn (not a black canvas); a second invocation goes to the running instance.
. "$(dirname "$0")/common.sh"
{ ready CT05.dcm
  echo "sh $G/wait-window CT05.dcm $WAIT"
  echo "sh xdotool search --onlyvisible --name 'CT05.dcm' > $WORK/title.txt"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/shot.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT05.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
m=$(mean "$WORK/shot.png" "$CANVAS")
echo "canvas mean grey $m"
awk "BEGIN { exit !($m > 0.05) }" || fail "canvas is black"
[ -s "$WORK/title.txt" ] || fail "window title does not name the file"

# One instance: a second `lightbox FILE` hands the file to the running window and exits.
{ echo "wait-log \"shown: CT05.dcm frame\" $WAIT"
  echo "sh $APP $WORK/phantom/CT20.dcm"
  echo "wait-log \"opened .*CT20.dcm\" $WAIT"
  echo "wait-log \"shown: CT20.dcm frame\" $WAIT"
  echo "sh xdotool search --onlyvisible --name . > $WORK/windows.txt"
} > "$WORK/actions2.txt"
"$T/gui-run" -W -o "$WORK/second.png" -a "$WORK/actions2.txt" -- "$APP" "$WORK/phantom/CT05.dcm" \
  > "$WORK/log2.txt" 2>&1 || { cat "$WORK/log2.txt"; fail "gui-run (second instance)"; }
[ "$(wc -l < "$WORK/windows.txt")" -eq 1 ] || fail "a second window appeared"
[ "$(grep -c 'DEBUG.*: opened ' "$WORK/log2.txt")" -eq 2 ] \
  || { cat "$WORK/log2.txt"; fail "the first instance did not open the second file"; }
echo "PASS"
