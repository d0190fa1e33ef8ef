#!/bin/sh
# A large multi-frame file reads each frame from the file when it is shown (frames on demand,
# src/dicom/dicom-read-frames.c; LIGHTBOX_FRAMES_ON_DEMAND_FROM=0 applies it to this small
# copy). Cut short while it is open, a frame not yet decoded gives a toast ("The file could not
# be read"), the viewer keeps the frame it shows and never dies of SIGBUS.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-document"   # "frame N decoded / not decoded"
export LIGHTBOX_FRAMES_ON_DEMAND_FROM=0
SRC=$(sample pydicom-data/emri_small.dcm) || exit 1
cp "$SRC" "$WORK/cine.dcm"
{ ready cine.dcm
  echo "shot $WORK/frame1.png"
  echo "sh truncate -s 1000 $WORK/cine.dcm"
  echo "key End"
  echo "wait-log \"toast: \" $WAIT"
  echo "settle"
  echo "shot $WORK/after.png"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/end.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/cine.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -E "decoded|toast|shown: cine" "$WORK/log.txt"
grep -q "frame 10 not decoded: The file could not be read" "$WORK/log.txt" \
  || fail "frame 10 of the cut file was not refused"
grep -q "toast: The file could not be read" "$WORK/log.txt" || fail "no toast for frame 10"
grep -q "shown: cine.dcm frame 10," "$WORK/log.txt" && fail "frame 10 shown from a cut file"
n=$(diffpx "$WORK/frame1.png" "$WORK/after.png" "$CANVAS")
echo "pixels differing on the canvas before and after: $n"
[ "$n" -lt 100 ] || fail "the frame on show changed"
echo "PASS"
