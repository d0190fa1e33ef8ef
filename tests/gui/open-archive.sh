#!/bin/sh
# A zip and a DICOMDIR open as a person opens them (issue 12 §2): `lightbox study.zip` unpacks
# the zip into the cache and shows its series (the sidebar named after the zip, the image
# drawn); `lightbox CD/DICOMDIR` lists the series in the CD's IMAGES folder (before: its own
# folder only, which held none), and a click on a listed file where its row is drawn shows it;
# a file the DICOMDIR lists but the CD lacks is named in a toast.
. "$(dirname "$0")/common.sh"
export XDG_CACHE_HOME="$WORK/cache"
A11Y="/usr/bin/python3 $T/gui-a11y"
SAMPLES=${LB_SAMPLES:-$(cd "$(dirname "$0")/.." && pwd)/samples}

# 1. A zip of the phantom series in nested folders.
mkdir -p "$WORK/zipped/exam/series1"
cp "$WORK"/phantom/CT*.dcm "$WORK/zipped/exam/series1/"
/usr/bin/python3 - "$WORK/zipped" "$WORK/study.zip" <<'PY' || fail "could not write the zip"
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in os.walk(root):
        for f in sorted(files):
            z.write(os.path.join(d, f), os.path.relpath(os.path.join(d, f), root))
PY
"$T/gui-run" -W -o "$WORK/zip.png" -x "wait-log 'zip unpacked' $WAIT" \
  -x "wait-log 'shown: CT[0-9]+.dcm frame' $WAIT" -x "wait-log 'scanned 24 DICOM files' $WAIT" \
  -x "sh $A11Y find study.zip --role label > $WORK/zip-label.txt" \
  -- "$APP" "$WORK/study.zip" > "$WORK/log1.txt" 2>&1 \
  || { cat "$WORK/log1.txt"; fail "gui-run on the zip"; }
grep -E "zip|scanned" "$WORK/log1.txt"
[ -s "$WORK/zip-label.txt" ] || fail "the sidebar does not name the zip"
m=$(mean "$WORK/zip.png" "$CANVAS")
echo "canvas mean grey $m"
awk "BEGIN { exit !($m > 0.05) }" || fail "canvas is black"
ls "$WORK/cache/lightbox/zip/"*/study.zip/exam/series1/CT01.dcm >/dev/null \
  || fail "not unpacked under the XDG cache"

# 2. A CD: DICOMDIR at the top, the images in IMAGES/. Its 3 images are listed; MR000001,
# clicked where its row is drawn, is shown.
cp -r "$SAMPLES/derived/dicomdir" "$WORK/cd"
cat > "$WORK/click.sh" <<SH
xy=\$($A11Y find MR000001 --role label | sed -n 's/.*@\([0-9]*\),\([0-9]*\) .*/\1 \2/p' | head -1)
echo "MR000001 at \$xy" >> $WORK/found.txt
[ -n "\$xy" ] || exit 1
set -- \$xy
xdotool mousemove --window "\$WID" \$((\$1 + 5)) \$((\$2 + 5)) click 1
SH
# A DICOMDIR opens on the sidebar's Studies page (study-browser.sh); its files are one click on
# the Files tab away.
"$T/gui-run" -W -o "$WORK/cd.png" -x "wait-log 'scanned 4 DICOM files' $WAIT" \
  -x "sh $G/click-a11y Files 'page tab'" \
  -x "wait-log 'shown: sidebar row of DICOMDIR' $WAIT" -x "sh sh $WORK/click.sh" \
  -x "wait-log 'shown: MR000001 frame' $WAIT" \
  -- "$APP" "$WORK/cd/DICOMDIR" > "$WORK/log2.txt" 2>&1 \
  || { cat "$WORK/log2.txt"; cat "$WORK/found.txt" 2>/dev/null; fail "gui-run on the DICOMDIR"; }
cat "$WORK/found.txt"
grep -E "scanned|opened" "$WORK/log2.txt"
m=$(mean "$WORK/cd.png" "$CANVAS")
echo "canvas mean grey $m"
awk "BEGIN { exit !($m > 0.02) }" || fail "the MR image is not drawn"

# 3. The same CD with one image gone: a toast names it, read on screen through AT-SPI.
cp -r "$SAMPLES/derived/dicomdir" "$WORK/cd2"
rm "$WORK/cd2/IMAGES/PT000002"
"$T/gui-run" -W -o "$WORK/cd2.png" -x "wait-log 'dicomdir: 1 of 3 referenced files missing' $WAIT" \
  -x "sh $A11Y find '^1 file the DICOMDIR lists is missing: IMAGES/PT000002\$' --regex --role label > $WORK/toast.txt" \
  -- "$APP" "$WORK/cd2/DICOMDIR" > "$WORK/log3.txt" 2>&1 \
  || { cat "$WORK/log3.txt"; fail "gui-run on the DICOMDIR with a file missing"; }
cat "$WORK/toast.txt"
[ -s "$WORK/toast.txt" ] || fail "no toast names the missing file"
echo "PASS"
