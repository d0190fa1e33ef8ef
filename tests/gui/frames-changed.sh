#!/bin/sh
# A large multi-frame file reads each frame from the file when it is shown (frames on demand,
# src/dicom/dicom-read-frames.c; LIGHTBOX_FRAMES_ON_DEMAND_FROM=0 applies it to this small
# copy). Cut short while it is open, a frame not yet decoded gives a toast that says why
# ("The file changed on disk after it was opened; open it again", in English and Korean; before,
# the generic "The file could not be read"), the viewer keeps the frame it shows and never dies
# of SIGBUS.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-document"   # "frame N decoded / not decoded"
export LIGHTBOX_FRAMES_ON_DEMAND_FROM=0
SRC=$(sample pydicom-data/emri_small.dcm) || exit 1

# cut_while_open LANGUAGE MESSAGE: open a copy, cut it, go to the last frame; check the message.
cut_while_open () {
  cp "$SRC" "$WORK/cine.dcm"
  { ready cine.dcm
    echo "shot $WORK/frame1-$1.png"
    echo "sh truncate -s 1000 $WORK/cine.dcm"
    echo "key End"
    echo "wait-log \"toast: \" $WAIT"
    echo "settle"
    echo "shot $WORK/after-$1.png"
  } > "$WORK/actions.txt"
  "$T/gui-run" -W -o "$WORK/end-$1.png" -a "$WORK/actions.txt" \
    -- env LANGUAGE="$1" LC_ALL=C.UTF-8 "$APP" "$WORK/cine.dcm" > "$WORK/log-$1.txt" 2>&1 \
    || { cat "$WORK/log-$1.txt"; fail "gui-run ($1)"; }
  grep -E "decoded|toast|shown: cine" "$WORK/log-$1.txt"
  grep -q "frame 10 not decoded: $2" "$WORK/log-$1.txt" \
    || fail "frame 10 of the cut file was not refused with \"$2\" ($1)"
  grep -q "toast: $2" "$WORK/log-$1.txt" || fail "no toast \"$2\" for frame 10 ($1)"
  grep -q "shown: cine.dcm frame 10," "$WORK/log-$1.txt" && fail "frame 10 shown from a cut file"
  # The frame on show stays (English run only: in Korean the pointer readout line can appear
  # under the canvas and shrink the image a little).
  [ "$1" = C ] || return 0
  n=$(diffpx "$WORK/frame1-$1.png" "$WORK/after-$1.png" "$CANVAS")
  echo "pixels differing on the canvas before and after ($1): $n"
  [ "$n" -lt 100 ] || fail "the frame on show changed ($1)"
}
cut_while_open C "The file changed on disk after it was opened; open it again"
cut_while_open ko "파일을 연 뒤 디스크에서 파일이 바뀌었습니다. 다시 여십시오"
echo "PASS"
