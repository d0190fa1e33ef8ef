#!/bin/sh
# A CT that stores no window opens on the soft tissue preset, named as the window's source in
# the presets button (it opened on minimum to maximum: air to metal, a flat grey).
. "$(dirname "$0")/common.sh"
/usr/bin/python3 - "$WORK/phantom/CT12.dcm" "$WORK/nowindow.dcm" <<'PY' || fail "could not make the test file"
import sys
import pydicom
ds = pydicom.dcmread(sys.argv[1])
for k in ("WindowCenter", "WindowWidth", "WindowCenterWidthExplanation"):
    if k in ds:
        delattr(ds, k)
ds.save_as(sys.argv[2])
PY
{ ready nowindow.dcm
  echo "wait-log \"window preset C 50 W 350\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
  echo "sh /usr/bin/python3 $T/gui-a11y find 'C 50 W 350 · preset: Soft tissue' --timeout $WAIT > $WORK/found.txt 2>&1; true"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/shot.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/nowindow.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
cat "$WORK/found.txt"
grep -q "Soft tissue" "$WORK/found.txt" || fail "the CT did not open on the soft tissue preset"
grep -q "window preset C 50 W 350" "$WORK/log.txt" || fail "no soft tissue window was set"
echo "PASS"
