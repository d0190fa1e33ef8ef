#!/bin/sh
# A multi-frame file cut short while it is open (a new version being copied over it): stepping
# to its last frame shows that frame of the version opened; the viewer never dies of SIGBUS.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG=lb-window,lb-image-canvas,lb-document
SRC="${LB_CORPUS:-../shared/corpus}/pydicom-data/emri_small.dcm"
[ -f "$SRC" ] || { echo "SKIP: no corpus"; exit 77; }
cp "$SRC" "$WORK/cine.dcm"
"$T/gui-run" -W -o "$WORK/end.png" -x 'wait-log "opened .*cine.dcm" 15' -x settle \
  -x "shot $WORK/frame1.png" \
  -x "sh truncate -s 1000 $WORK/cine.dcm" \
  -x 'key End' -x 'wait-log "frame 10 decoded" 15' -x settle -x "shot $WORK/frame10.png" \
  -x 'key Home' -x 'wait-log "frame 1 decoded" 15' \
  -- "$APP" "$WORK/cine.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -E "decoded|toast" "$WORK/log.txt"
n=$(diffpx "$WORK/frame1.png" "$WORK/frame10.png" "$CANVAS")
echo "pixels differing between frame 1 and frame 10: $n"
[ "$n" -gt 1000 ] || fail "frame 10 is not on screen"
echo "PASS"
