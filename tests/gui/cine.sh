#!/bin/sh
# Cine (issue 12 §3): a 30-frame file with Frame Time 40 ms plays with Space, the frame on
# screen advances past several frames, and the Pause button, clicked where it is drawn, stops it.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-cine"
/usr/bin/python3 "$G/../make-multiframe.py" "$WORK/cine.dcm" 30 64 40 \
  || fail "make-multiframe.py (pydicom, numpy)"
{ ready cine.dcm
  echo "shot $WORK/frame1.png"
  echo "key space"
  echo "wait-log \"playing at 25 frames/s .* \\(Frame Time\\)\" $WAIT"
  # the frame painted on screen, not only asked for
  echo "wait-log \"shown: cine.dcm frame 8,\" $WAIT"
  echo "shot $WORK/playing.png"
  # the play button now says Pause; clicked where AT-SPI says it is drawn
  echo "sh \"$G/click-a11y\" Pause \"push button\""
  echo "wait-log \"cine: paused\" $WAIT"
  echo "sh /usr/bin/python3 \"$T/gui-a11y\" find Play --role \"push button\" --timeout $WAIT"
  echo "settle"
  echo "shot $WORK/paused.png"
  echo "settle"
  echo "shot $WORK/paused2.png"
} > "$WORK/actions.txt"
"$T/gui-run" -W -a "$WORK/actions.txt" -l "$WORK/log.txt" \
  -- "$APP" "$WORK/cine.dcm" > "$WORK/run.txt" 2>&1 || { cat "$WORK/run.txt" "$WORK/log.txt"; fail "gui-run"; }
grep -E "cine:|cine frame" "$WORK/log.txt" | head -20
shown=$(grep -c "cine frame [0-9]* shown" "$WORK/log.txt")
[ "$shown" -ge 7 ] || fail "only $shown frames shown while playing"
n=$(diffpx "$WORK/frame1.png" "$WORK/playing.png" "$CANVAS")
echo "pixels differing between frame 1 and a later frame: $n"
[ "$n" -gt 1000 ] || fail "the image on screen did not change while playing"
# paused: the image stays
n=$(diffpx "$WORK/paused.png" "$WORK/paused2.png" "$CANVAS")
[ "$n" -lt 100 ] || fail "the image still changes after pause ($n pixels)"
echo "PASS"
