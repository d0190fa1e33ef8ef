#!/bin/sh
# A file whose header reads but whose pixels use an encoding nobody here decodes (MPEG-4
# AVC/H.264): the image on screen stays, and the message names the encoding and its UID.
. "$(dirname "$0")/common.sh"
/usr/bin/python3 - "$WORK/phantom/CT05.dcm" "$WORK/h264.dcm" <<'PY' || fail "could not make the test file"
import sys
import pydicom
from pydicom.encaps import encapsulate
ds = pydicom.dcmread(sys.argv[1])
ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.102"
ds.PixelData = encapsulate([b"\x00\x00\x00\x01" + bytes(200)])
ds["PixelData"].is_undefined_length = True
ds["PixelData"].VR = "OB"
ds.save_as(sys.argv[2], write_like_original=False)
PY
AREA=480x400+240+100
{ ready CT12.dcm
  echo "shot $WORK/before.png"
  echo "sh \"$APP\" \"$WORK/h264.dcm\" &"
  echo "wait-log \"toast: .*h264\" $WAIT"
  same_as "$WORK/before.png" $AREA
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep "toast:" "$WORK/log.txt"
grep -q "toast: .*h264.dcm.*MPEG-4 AVC/H.264.*1\.2\.840\.10008\.1\.2\.4\.102" "$WORK/log.txt" \
  || fail "the message does not name the transfer syntax and its UID"
n=$(diffpx "$WORK/before.png" "$WORK/after.png" $AREA)
echo "pixels of the image area changed: $n"
[ "$n" -lt 500 ] || fail "the previous image did not stay"
echo "PASS"
