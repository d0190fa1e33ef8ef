#!/bin/sh
# A file that is not DICOM, and a truncated one, give a message; the app stays up and the
# image shown before stays.
. "$(dirname "$0")/common.sh"
printf 'this is not DICOM\n' > "$WORK/notdicom.dcm"
head -c 3000 "$WORK/phantom/CT12.dcm" > "$WORK/truncated.dcm"
# Alone: a status page.
"$T/gui-run" -W -o "$WORK/alone.png" -x 'wait-log "toast: .*notdicom.dcm" 15' -x 'sleep 0.3' \
  -- "$APP" "$WORK/notdicom.dcm" > "$WORK/log1.txt" 2>&1 || { cat "$WORK/log1.txt"; fail "gui-run"; }
# After a good image: open the bad ones through the dialog; the image stays, the app answers.
"$T/gui-run" -W -o "$WORK/after.png" -x 'wait-log "opened" 15' -x 'sleep 0.5' \
  -x "shot $WORK/before.png" \
  -x 'key ctrl+o' -x 'sleep 3' -x 'key ctrl+l' -x 'sleep 1' -x "type $WORK/truncated.dcm" -x 'sleep 1' -x 'key Return' \
  -x 'wait-log "toast: .*truncated.dcm" 10' -x 'sleep 0.5' -x "shot $WORK/after-bad.png" \
  -x 'key Escape' -x 'key 6' -x 'wait-log "window preset" 5' \
  -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log2.txt" 2>&1 || { cat "$WORK/log2.txt"; fail "gui-run"; }
grep "toast:" "$WORK/log1.txt" "$WORK/log2.txt"
n=$(diffpx "$WORK/before.png" "$WORK/after-bad.png" 480x400+240+100)
echo "pixels changed by the failed open: $n"
[ "$n" -lt 500 ] || fail "the previous image did not stay"
echo "PASS"
