#!/bin/sh
# Frame counters (issue: two counters that disagree): a multi-frame file whose frames are shown
# in order of position (stored in the reverse of their order in space) opens on its last stored
# frame, the first by position. The cine bar counts by position ("1 / 12"); the subtitle and
# the corner give the file's frame number and say where it comes by position:
# "Frame 12 of 12 (#1 by position)", "Frame 12 / 12 (#1 by position)". One step, by clicking the
# cine bar's Play button where it is drawn and its Pause button once the next frame is on
# screen (a frame lasts 8 s: the pause comes long before a second step), shows frame 11, #2 by
# position, in all three places. Run with `ko` for the Korean words.
. "$(dirname "$0")/common.sh"
if [ "${1:-}" = ko ]; then export LANGUAGE=ko LANG=C.UTF-8; fi
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-document,lb-cine"
TITLE1="Frame 12 of 12 (#1 by position)" CORNER1="Frame 12 / 12 (#1 by position)"
TITLE2="Frame 11 of 12 (#2 by position)" CORNER2="Frame 11 / 12 (#2 by position)"
PLAY=Play PAUSE=Pause
if [ "${LANGUAGE:-}" = ko ]; then
  TITLE1="프레임 12 / 12 (위치순 1번째)" CORNER1="프레임 12 / 12 (위치순 1번째)"
  TITLE2="프레임 11 / 12 (위치순 2번째)" CORNER2="프레임 11 / 12 (위치순 2번째)"
  PLAY=재생 PAUSE="일시 정지"
fi
/usr/bin/python3 "$G/../make-multiframe.py" "$WORK/enhanced.dcm" 12 64 8000 enhanced \
  || fail "make-multiframe.py (pydicom, numpy)"
{ ready enhanced.dcm
  # the subtitle and the cine bar's position as a screen reader reads them
  echo "sh /usr/bin/python3 \"$T/gui-a11y\" find \"$TITLE1\" --role label --timeout $WAIT"
  echo "sh /usr/bin/python3 \"$T/gui-a11y\" find \"1 / 12\" --role label --timeout $WAIT"
  echo "shot $WORK/first.png"
  echo "sh \"$G/click-a11y\" \"$PLAY\" \"push button\""
  echo "wait-log \"shown: enhanced.dcm frame 11,\" $WAIT"
  echo "sh \"$G/click-a11y\" \"$PAUSE\" \"push button\""
  echo "wait-log \"cine: paused\" $WAIT"
  echo "sh /usr/bin/python3 \"$T/gui-a11y\" find \"$TITLE2\" --role label --timeout $WAIT"
  echo "sh /usr/bin/python3 \"$T/gui-a11y\" find \"2 / 12\" --role label --timeout $WAIT"
  echo "settle"
  echo "shot $WORK/second.png"
} > "$WORK/actions.txt"
"$T/gui-run" -W -a "$WORK/actions.txt" -l "$WORK/log.txt" \
  -- "$APP" "$WORK/enhanced.dcm" > "$WORK/run.txt" 2>&1 || { cat "$WORK/run.txt" "$WORK/log.txt"; fail "gui-run"; }
grep -E "title: enhanced|shown: enhanced|cine:" "$WORK/log.txt"
# the subtitle logged with each change, the corner as drawn with each frame painted
said () { grep -F "$1" "$WORK/log.txt" | grep -qF "$2"; }
said "title: enhanced.dcm — " "— $TITLE1" || fail "no subtitle '$TITLE1'"
said "shown: enhanced.dcm frame 12," ", corner $CORNER1" || fail "the corner did not say '$CORNER1'"
said "title: enhanced.dcm — " "— $TITLE2" || fail "no subtitle '$TITLE2'"
said "shown: enhanced.dcm frame 11," ", corner $CORNER2" || fail "the corner did not say '$CORNER2'"
echo "PASS"
