#!/bin/sh
# Three planes (issue 16 §2) on the phantom: Alt+3 builds the volume and shows the axial,
# sagittal and coronal planes; the sagittal view shows the skull at the top and the spine at the
# back (on the right: anterior is on the left); a click in the axial view moves the crosshair,
# which moves the sagittal and coronal planes; the wheel in the sagittal view moves its plane; a
# drag in the axial view drags the crosshair.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-layout,lb-reformat"
# In the default 1280x800 window the layout spans x 201..829, y 47..662: the axial view on the
# left half, the sagittal view top right (x 520..834, y 52..358), the coronal one below it. The
# phantom's sagittal plane (256 x 184 pixels of 1.25 mm) is fitted into it at 122 %: these are
# regions of that image (measured on a screenshot).
SKULL_A=6x40+590+110    # the skull's front and back walls beside the brain, at the top
SKULL_P=6x40+746+110
BRAIN=80x30+640+115     # between them: the brain, grey at C 40 W 400
SPINE=30x150+712+167    # lower down at the back: the spine, white
FRONT=30x150+618+167    # the same band mirrored to the front: no bone
SAGITTAL=300x290+527+60
{ ready CT12.dcm
  echo "key alt+3"
  echo "wait-log \"volume loaded: 24 slices\" $WAIT"
  echo "wait-log \"volume: 24 of 24 slices\" $WAIT"
  echo "settle"
  echo "shot $WORK/planes.png"
  echo "click 300 300"
  echo "wait-log \"crosshair at x -[0-9.]+ y -[0-9.]+\" $WAIT"
  # The planes are sampled in workers: wait until both moved planes are shown.
  echo "wait-log \"plane sagittal at -[1-9][0-9.]* mm\" $WAIT"
  echo "wait-log \"plane coronal at -[1-9][0-9.]* mm\" $WAIT"
  echo "settle"
  echo "shot $WORK/moved.png"
  # The wheel over the sagittal view (xdotool button 5: one step down).
  echo "click 680 200 5"
  echo "wait-log \"plane sagittal at -[0-9.]+ mm\" $WAIT"
  echo "settle"
  echo "sh grep 'plane sagittal at' \"\$GUI_RUN_LOG\" | tail -2 > $WORK/wheel.txt"
  echo "sh grep -c 'crosshair at' \"\$GUI_RUN_LOG\" > $WORK/before-drag.txt"
  # A left drag in the axial view drags the crosshair: the planes follow step by step.
  echo "drag 250 250 400 420 10"
  echo "wait-log \"crosshair at x [0-9.]+ y [0-9.]+\" $WAIT"
  echo "settle"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/scrolled.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -E "layout:|volume|crosshair|plane " "$WORK/log.txt" | tail -n 12

white () { convert "$1" -crop "$2" +repage -colorspace gray -threshold 90% -format '%[fx:mean]' info:; }
a=$(white "$WORK/planes.png" "$SKULL_A"); p=$(white "$WORK/planes.png" "$SKULL_P")
brain=$(mean "$WORK/planes.png" "$BRAIN")
spine=$(white "$WORK/planes.png" "$SPINE"); front=$(white "$WORK/planes.png" "$FRONT")
echo "sagittal, white: skull walls $a $p, spine $spine, in front $front; brain grey $brain"
awk "BEGIN { exit !($a > 0.5 && $p > 0.5) }" || fail "no skull at the top of the sagittal view"
awk "BEGIN { exit !($brain > 0.2 && $brain < 0.7) }" || fail "no brain inside the skull"
awk "BEGIN { exit !($spine > 0.7 && $front < 0.1) }" \
  || fail "the spine is not at the back (right) of the sagittal view"

# The click moved the sagittal and coronal planes (their positions were 0 mm), not the axial.
grep -q "plane sagittal at -[1-9][0-9.]* mm" "$WORK/log.txt" || fail "the sagittal plane did not move"
grep -q "plane coronal at -[1-9][0-9.]* mm" "$WORK/log.txt" || fail "the coronal plane did not move"
n=$(diffpx "$WORK/planes.png" "$WORK/moved.png" "$SAGITTAL")
echo "sagittal pixels changed by the click: $n"
[ "$n" -gt 2000 ] || fail "the sagittal view did not change"
# The wheel moved the sagittal plane by one voxel (1.25 mm).
a=$(head -1 "$WORK/wheel.txt" | sed -E 's/.* at (-?[0-9.]+) mm.*/\1/')
b=$(tail -1 "$WORK/wheel.txt" | sed -E 's/.* at (-?[0-9.]+) mm.*/\1/')
echo "sagittal plane $a -> $b mm"
awk "BEGIN { d = $b - $a; exit !(d > 1.1 && d < 1.4 || d < -1.1 && d > -1.4) }" \
  || fail "the wheel did not move the sagittal plane by one voxel"
# The drag moved the crosshair step by step, not once at its end.
before=$(cat "$WORK/before-drag.txt")
after=$(grep -c "crosshair at" "$WORK/log.txt")
echo "crosshair moves during the drag: $((after - before))"
[ $((after - before)) -ge 3 ] || fail "the drag did not move the crosshair step by step"
echo "PASS"
