#!/bin/sh
# Keyboard browsing in the Files list, MicroDicom's way: a row clicked, then Down opens the next
# row's file and Enter activates it, the keys staying in the list once the file is on show (the
# first image used to take them to the canvas: here it is the first, the file opened at start
# could not be read). A file opened from elsewhere, the Open dialog here, gives the image the
# keys: Down steps to the next slice. After a click on the canvas its keys work: Right steps a
# slice (the list has no use for it), 0 picks a preset.
. "$(dirname "$0")/common.sh"
mkdir "$WORK/f"
printf 'not a DICOM file\n' > "$WORK/f/broken.dcm"
cp "$(sample generated/CR_mono1_15bit_160.dcm)" "$WORK/f/cr.dcm" || exit 1
cp "$(sample dicompyler-core/ct.0.dcm)" "$WORK/f/small.dcm" || exit 1
cp "$WORK/phantom/CT01.dcm" "$WORK/phantom/CT02.dcm" "$WORK/f/"
# The Files list's rows, top to bottom: cr.dcm, small.dcm, CT01.dcm, CT02.dcm (by series).
{ echo "wait-log \"scanned 4 DICOM files\" $WAIT"
  echo "settle"
  echo "sh \"$G/click-a11y\" \"CR · #7 · CompressedSamples^RG1\" label"
  echo "wait-log \"shown: cr.dcm frame\" $WAIT"
  echo "settle"
  echo "key Down"
  echo "wait-log \"shown: small.dcm frame\" $WAIT"
  echo "settle"
  echo "key Down"
  echo "wait-log \"shown: CT01.dcm frame\" $WAIT"
  echo "settle"
  echo "key Return"
  echo "wait-log \"row activated: CT01.dcm\" $WAIT"
  echo "shot $WORK/list.png"
  # Opened from the Open dialog: the image has the keys.
  echo "key ctrl+o"
  focus_dialog "Open DICOM Files"
  echo "key ctrl+l"
  echo "type $WORK/phantom/CT05.dcm"
  accepts "Open DICOM Files" Open
  echo "key Return"
  echo "wait-log \"shown: CT05.dcm frame\" $WAIT"
  echo "sh $G/wait-window --gone \"Open DICOM Files\" $WAIT"
  echo "wait-log \"scanned 24 DICOM files\" $WAIT"
  echo "settle"
  echo "key Down"
  echo "wait-log \"shown: CT06.dcm frame\" $WAIT"
  echo "settle"
  # A row clicked, then the canvas: the canvas's keys work again.
  echo "sh \"$G/click-a11y\" CT09.dcm label"
  echo "wait-log \"shown: CT09.dcm frame\" $WAIT"
  echo "settle"
  echo "click 520 380"
  echo "key Right"
  echo "wait-log \"shown: CT10.dcm frame\" $WAIT"
  echo "key 0"
  echo "wait-log \"window preset C 50 W 250\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/end.png" -a "$WORK/actions.txt" -l "$WORK/log.txt" \
  -- "$APP" "$WORK/f/broken.dcm" > "$WORK/run.txt" 2>&1 || { cat "$WORK/run.txt" "$WORK/log.txt"; fail "gui-run"; }
grep -E "loading|opened|row activated|window preset" "$WORK/log.txt"
echo "PASS"
