#!/bin/sh
# A slice of a series rewritten on disk while the series is open (issue: the frame cache keyed
# slices by path alone): stepping back to it shows the new version, decoded again, not the
# pixels cached from the version before. The slices are keyed by path, size, mtime and inode
# (src/app/lb-file-version.c).
. "$(dirname "$0")/common.sh"
# rewrite PATH: the same file, same size, its pixels inverted, written in place (same inode)
cat > "$WORK/invert.py" <<'PY'
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
a = ds.pixel_array
ds.PixelData = (a.max() - a + a.min()).astype(a.dtype).tobytes()
ds.save_as(sys.argv[1])
PY
{ ready CT01.dcm
  echo "key Down"
  echo "wait-log \"shown: CT02.dcm frame\" $WAIT"
  echo "settle"
  echo "shot $WORK/old.png"
  echo "key Up"
  echo "sh \"$G/wait-count\" \"shown: CT01.dcm frame\" 2 $WAIT"
  echo "sh /usr/bin/python3 $WORK/invert.py $WORK/phantom/CT02.dcm"
  echo "key Down"
  echo "sh \"$G/wait-count\" \"shown: CT02.dcm frame\" 2 $WAIT"
  echo "settle"
  echo "shot $WORK/new.png"
} > "$WORK/actions.txt"
size=$(stat -c %s "$WORK/phantom/CT02.dcm")
"$T/gui-run" -W -o "$WORK/end.png" -a "$WORK/actions.txt" -l "$WORK/log.txt" \
  -- "$APP" "$WORK/phantom/CT01.dcm" > "$WORK/run.txt" 2>&1 \
  || { cat "$WORK/run.txt" "$WORK/log.txt"; fail "gui-run"; }
grep -E "shown: CT0[12]" "$WORK/log.txt"
[ "$(stat -c %s "$WORK/phantom/CT02.dcm")" = "$size" ] || fail "the rewrite changed the size"
n=$(diffpx "$WORK/old.png" "$WORK/new.png" "$CANVAS")
echo "pixels differing on the canvas between slice 2 before and after its rewrite: $n"
[ "$n" -gt 10000 ] || fail "slice 2 shows the pixels cached from before its rewrite"
echo "PASS"
