#!/bin/sh
# A multi-frame file cut short while it is open (a new version being copied over it): stepping
# to its last frame shows that frame of the version opened; the viewer never dies of SIGBUS.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-document"   # "frame N decoded"
SRC=$(sample pydicom-data/emri_small.dcm) || exit 1
cp "$SRC" "$WORK/cine.dcm"
{ ready cine.dcm
  echo "shot $WORK/frame1.png"
  echo "sh truncate -s 1000 $WORK/cine.dcm"
  echo "key End"
  echo "wait-log \"shown: cine.dcm frame 10,\" $WAIT"
  echo "shot $WORK/frame10.png"
  echo "key Home"
  # frame 1 once more: shown a second time
  echo "sh \"$G/wait-count\" \"shown: cine.dcm frame 1,\" 2 $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/end.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/cine.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -E "decoded|toast|shown: cine" "$WORK/log.txt"
grep -q "frame 10 decoded" "$WORK/log.txt" || fail "frame 10 was not decoded"
n=$(diffpx "$WORK/frame1.png" "$WORK/frame10.png" "$CANVAS")
echo "pixels differing between frame 1 and frame 10: $n"
[ "$n" -gt 1000 ] || fail "frame 10 is not on screen"
echo "PASS"
