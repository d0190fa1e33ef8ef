#!/bin/sh
# What the viewer says about files it cannot show (issue 10 §4): the real cause for Bits
# Allocated 0 and Samples per Pixel 0 (not "an encoding Lightbox cannot decode"); a DICOMDIR
# said to be a directory; a truncated file's message leads with words, its element and byte one
# click away under Details (clicked where it is drawn); a file whose Number of Frames says 1e9
# but whose data hold one frame shows "Frame 1 of 1" and says so; a toast about one file goes
# when another file is shown. Read on screen through AT-SPI.
. "$(dirname "$0")/common.sh"
A11Y="/usr/bin/python3 $T/gui-a11y"
/usr/bin/python3 - "$WORK/phantom/CT05.dcm" "$WORK" <<'PY' || fail "could not make the test files"
import sys
import pydicom
ds = pydicom.dcmread(sys.argv[1])
out = sys.argv[2]
a = ds.copy(); a.BitsAllocated = 0; a.save_as(out + "/bits0.dcm")
b = ds.copy(); b.SamplesPerPixel = 0; b.save_as(out + "/spp0.dcm")
c = ds.copy(); c.NumberOfFrames = 1000000000; c.save_as(out + "/frames1e9.dcm")
data = open(sys.argv[1], "rb").read()
open(out + "/cut.dcm", "wb").write(data[:1400])
PY
DICOMDIR=$(sample derived/dicomdir/DICOMDIR) || exit 1

# run FILE CHECK...: opens FILE alone, then runs each CHECK (a gui-a11y query) in the session.
run () {
  f=$1; shift
  : > "$WORK/found.txt"
  set -- -x "wait-log \"start-up finished\" $WAIT" "$@"
  "$T/gui-run" -W -o "$WORK/$(basename "$f").png" "$@" -- "$APP" "$f" > "$WORK/log.txt" 2>&1 \
    || { cat "$WORK/log.txt"; cat "$WORK/found.txt"; fail "gui-run on $(basename "$f")"; }
  cat "$WORK/found.txt"
}

run "$WORK/bits0.dcm" \
  -x "sh $A11Y find 'bits0.dcm.* cannot be shown: .*0 bits \\(Bits Allocated\\)' --regex --role label --timeout $WAIT >> $WORK/found.txt"
run "$WORK/spp0.dcm" \
  -x "sh $A11Y find 'spp0.dcm.* cannot be shown: .*0 samples \\(Samples per Pixel\\)' --regex --role label --timeout $WAIT >> $WORK/found.txt"
run "$DICOMDIR" \
  -x "sh $A11Y find '^This is a DICOM directory: it lists other files' --regex --role label --timeout $WAIT >> $WORK/found.txt"
run "$WORK/frames1e9.dcm" \
  -x "sh $A11Y find '^Frame 1 of 1 \\(the header says 1000000000 frames' --regex --role label --timeout $WAIT >> $WORK/found.txt"

# The truncated file: words first, no byte offset; Details, clicked, shows where.
cat > "$WORK/details.sh" <<SH
$A11Y find '^Could not open .cut.dcm.: The file is truncated$' --regex --role label --timeout $WAIT >> $WORK/found.txt || exit 1
# The expander of the status page (the first 'Details'; the toast's button is further down).
xy=\$($A11Y find Details --role label --timeout $WAIT | sed -n 's/.*@\([0-9]*\),\([0-9]*\) .*/\1 \2/p' | head -1)
echo "Details at \$xy" >> $WORK/found.txt
set -- \$xy
xdotool mousemove --window "\$WID" \$((\$1 + 8)) \$((\$2 + 8)) click 1
$A11Y find 'byte [0-9]+' --regex --role label --timeout $WAIT >> $WORK/found.txt
SH
run "$WORK/cut.dcm" -x "sh sh $WORK/details.sh"
grep -q "byte" "$WORK/found.txt" || fail "the details of the truncated file do not say where"

# A toast about one file (bits0, held: the phantom slice stays) goes when another is shown.
# The app logs "toast dismissed" when it drops the toast; then the label must leave the AT-SPI
# tree too (the toast's own 10 s timeout would also drop it, so CT05 is opened at once).
cat > "$WORK/toast-gone.sh" <<SH
# the label gone from the AT-SPI tree (it hears of it asynchronously), polled with a bound; a
# dump that fails (a node went away as it walked) proves nothing and is taken again
end=\$(( \$(date +%s) + $WAIT ))
until $A11Y dump > $WORK/dump.txt 2>&1 && ! grep -qF "“bits0.dcm”" $WORK/dump.txt; do
  [ "\$(date +%s)" -lt "\$end" ] || { echo "still there" > $WORK/toast-after.txt; exit 0; }
  sleep 0.2
done
echo "gone" > $WORK/toast-after.txt
SH
{ ready CT12.dcm
  echo "sh \"$APP\" \"$WORK/bits0.dcm\" &"
  echo "wait-log \"toast: .*bits0\" $WAIT"
  echo "sh $A11Y find '^“bits0.dcm”' --regex --role label --timeout $WAIT > $WORK/toast-before.txt"
  echo "sh \"$APP\" \"$WORK/phantom/CT05.dcm\" &"
  echo "wait-log \"toast dismissed\" $WAIT"
  echo "wait-log \"shown: CT05.dcm frame\" $WAIT"
  echo "sh sh $WORK/toast-gone.sh"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" \
  -- "$APP" "$WORK/phantom/CT12.dcm" > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run (toast)"; }
echo "toast before: $(cat "$WORK/toast-before.txt")"
echo "toast after: $(cat "$WORK/toast-after.txt")"
[ -s "$WORK/toast-before.txt" ] || fail "no toast about bits0.dcm"
grep -q "gone" "$WORK/toast-after.txt" || fail "the toast about bits0.dcm stayed while CT05 was shown"
echo "PASS"
