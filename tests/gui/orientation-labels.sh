#!/bin/sh
# Orientation letters at the canvas edges (issue 16 §1): R/L, A/P, H/F from Image Orientation
# (Patient), following the rotation (r, Shift+R) and the mirror (h) as typed by a person. The
# canvas logs what it drew once painted ("shown: ... labels LEFT RIGHT TOP BOTTOM"); the
# screenshots must show the letters (yellow) at the middle of the edges. The patient's left is
# checked on an axial, a sagittal and a coronal image (the last two: phantom slices with their
# orientation rewritten by pydicom), and no letters on an image without orientation.
. "$(dirname "$0")/common.sh"
/usr/bin/python3 - "$WORK" <<'PY' || fail "pydicom could not write the test images"
import sys, pydicom
work = sys.argv[1]
ds = pydicom.dcmread(work + "/phantom/CT12.dcm")
for name, iop in (("sagittal", [0, 1, 0, 0, 0, -1]), ("coronal", [1, 0, 0, 0, 0, -1])):
    ds.ImageOrientationPatient = iop
    ds.save_as(f"{work}/{name}.dcm")
del ds.ImageOrientationPatient
ds.save_as(f"{work}/unknown.dcm")
PY

# yellow X Y: how many letter-yellow pixels the 40x40 box around (X, Y) of the last shot holds
yellow () {
  convert "$1" -crop 40x40+$(($2 - 20))+$(($3 - 20)) +repage -fx 'r>0.8 && g>0.6 && g<0.95 && b<0.5 ? 1 : 0' \
    -format '%[fx:mean*w*h]' info: | cut -d. -f1
}

{ ready CT12.dcm
  echo "wait-log \"shown: CT12.dcm frame 1, .*labels R L A P\" $WAIT"
  echo "shot $WORK/axial.png"
  echo "key r"
  echo "wait-log \"shown: CT12.dcm frame 1, .*labels P A R L\" $WAIT"
  echo "shot $WORK/turned.png"
  echo "key h"
  echo "wait-log \"shown: CT12.dcm frame 1, .*labels P A L R\" $WAIT"
  echo "key shift+r"
  echo "wait-log \"shown: CT12.dcm frame 1, .*labels L R A P\" $WAIT"
  echo "shot $WORK/mirrored.png"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run axial"; }
grep -o "labels [A-Z ]*" "$WORK/log.txt" | uniq

# The canvas spans x 206..834, y 52..666 of the 1280x800 window (common.sh): letters sit at the
# middle of its edges.
for shot in axial turned mirrored; do
  for xy in "222 359" "818 359" "520 66" "520 652"; do
    set -- $xy
    n=$(yellow "$WORK/$shot.png" "$1" "$2")
    [ "${n:-0}" -gt 5 ] || fail "$shot: no letter drawn near ($1, $2) ($n yellow pixels)"
  done
done

for view in "sagittal:labels A P H F:r:labels F H A P" "coronal:labels R L H F:h:labels L R H F"; do
  name=${view%%:*}; rest=${view#*:}; first=${rest%%:*}; rest=${rest#*:}; key=${rest%%:*}; then=${rest#*:}
  { ready "$name.dcm"
    echo "wait-log \"shown: $name.dcm frame 1, .*$first\" $WAIT"
    echo "key $key"
    echo "wait-log \"shown: $name.dcm frame 1, .*$then\" $WAIT"
  } > "$WORK/actions-$name.txt"
  "$T/gui-run" -W -o "$WORK/$name.png" -a "$WORK/actions-$name.txt" \
    -- "$APP" "$WORK/$name.dcm" > "$WORK/log-$name.txt" 2>&1 || { cat "$WORK/log-$name.txt"; fail "gui-run $name"; }
  grep -o "labels [A-Z ]*" "$WORK/log-$name.txt" | uniq
done

{ ready unknown.dcm
  echo "wait-log \"shown: unknown.dcm frame 1, .*no labels\" $WAIT"
} > "$WORK/actions-unknown.txt"
"$T/gui-run" -W -o "$WORK/unknown.png" -a "$WORK/actions-unknown.txt" \
  -- "$APP" "$WORK/unknown.dcm" > "$WORK/log-unknown.txt" 2>&1 || { cat "$WORK/log-unknown.txt"; fail "gui-run unknown"; }
n=$(yellow "$WORK/unknown.png" 818 359)
[ "${n:-0}" -eq 0 ] || fail "letters drawn on an image without orientation ($n yellow pixels)"
echo "PASS"
