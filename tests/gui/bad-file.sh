#!/bin/sh
# A file that is not DICOM, and a truncated one, give a message; the app stays up and the
# image shown before stays.
. "$(dirname "$0")/common.sh"
printf 'this is not DICOM\n' > "$WORK/notdicom.dcm"
head -c 3000 "$WORK/phantom/CT12.dcm" > "$WORK/truncated.dcm"
# Alone: a status page.
"$T/gui-run" -W -o "$WORK/alone.png" -x "wait-log 'toast: .*notdicom.dcm' $WAIT" \
  -- "$APP" "$WORK/notdicom.dcm" > "$WORK/log1.txt" 2>&1 || { cat "$WORK/log1.txt"; fail "gui-run"; }
# After a good image: open the bad ones through the dialog; the image stays, the app answers.
AREA=480x400+240+100
{ ready CT12.dcm
  echo "shot $WORK/before.png"
  echo "key ctrl+o"
  focus_dialog "Open DICOM Files"
  echo "key ctrl+l"
  echo "type $WORK/truncated.dcm"
  accepts "Open DICOM Files" Open
  echo "key Return"
  echo "wait-log \"toast: .*truncated.dcm\" $WAIT"
  echo "sh $G/wait-window --gone \"Open DICOM Files\" $WAIT"
  same_as "$WORK/before.png" $AREA
  echo "shot $WORK/after-bad.png"
  echo "key Escape"
  echo "key 6"
  echo "wait-log \"window preset\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log2.txt" 2>&1 || { cat "$WORK/log2.txt"; fail "gui-run"; }
grep "toast:" "$WORK/log1.txt" "$WORK/log2.txt"
n=$(diffpx "$WORK/before.png" "$WORK/after-bad.png" $AREA)
echo "pixels changed by the failed open: $n"
[ "$n" -lt 500 ] || fail "the previous image did not stay"
echo "PASS"
