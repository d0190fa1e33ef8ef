#!/bin/sh
# The study browser (issue 12 §1), used as a person uses it:
# 1. `lightbox CD/DICOMDIR` opens on the sidebar's Studies page: a row per series, named for
#    AT-SPI ("Series 801: MR SSh_DWI FAST, 1 image"), each with its thumbnail painted (the MR's
#    is not flat on the screenshot, where AT-SPI says its row is); a click on the MR row where
#    it is drawn shows the MR.
# 2. A folder mixing the phantom's 24 CT slices, a localizer in their series and a copy of one
#    slice with that MR: the CT stack, the localizer and the MR each have a row, the copy is
#    noted; a click on the CT row shows a CT slice, and Page Down walks those 24 slices.
# 3. In Korean, the sidebar's tabs and the rows speak Korean.
. "$(dirname "$0")/common.sh"
export XDG_CACHE_HOME="$WORK/cache"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-study-browser,lb-thumbnailer"
A11Y="/usr/bin/python3 $T/gui-a11y"
SAMPLES=${LB_SAMPLES:-$(cd "$(dirname "$0")/.." && pwd)/samples}
MR_ROW="Series 801: MR SSh_DWI FAST, 1 image"

# geometry FILE: "x y w h" of the first node gui-a11y listed in FILE.
geometry () {
  sed -n 's/.*@\(-\{0,1\}[0-9]*\),\(-\{0,1\}[0-9]*\) \([0-9]*\)x\([0-9]*\).*/\1 \2 \3 \4/p' "$1" \
    | head -1
}

# 1. The CD.
cp -r "$SAMPLES/derived/dicomdir" "$WORK/cd"
"$T/gui-run" -W -o "$WORK/cd.png" -x "wait-log 'thumbnails done: 3 of 3 shown' $WAIT" \
  -x "sh $A11Y find '$MR_ROW' --role 'list item' > $WORK/mr-row.txt" \
  -x "sh $A11Y find '^Series (4|102): PT PET-CT SERIES, 1 image\$' --regex --role 'list item' > $WORK/pt-rows.txt" \
  -x "shot $WORK/cd-rows.png" \
  -x "sh $G/click-a11y '$MR_ROW' 'list item'" \
  -x "wait-log 'shown: MR000001 frame' $WAIT" \
  -- "$APP" "$WORK/cd/DICOMDIR" > "$WORK/log1.txt" 2>&1 \
  || { cat "$WORK/log1.txt"; fail "gui-run on the DICOMDIR"; }
grep -E "studies|thumbnail|series activated|shown: MR" "$WORK/log1.txt"
cat "$WORK/mr-row.txt" "$WORK/pt-rows.txt"
[ "$(wc -l < "$WORK/pt-rows.txt")" -eq 2 ] || fail "the two PET series are not listed"
set -- $(geometry "$WORK/mr-row.txt")
[ $# -eq 4 ] || fail "the MR row has no place on screen"
# The thumbnail is the left 52 px of the row (lb-series-row.ui), vertically centred.
thumb="40x40+$(( $1 + 8 ))+$(( $2 + $4 / 2 - 20 ))"
sd=$(convert "$WORK/cd-rows.png" -crop "$thumb" +repage -colorspace gray -format '%[fx:standard_deviation]' info:)
echo "MR thumbnail at $thumb: grey standard deviation $sd"
awk "BEGIN { exit !($sd > 0.03) }" || fail "the MR row's thumbnail is not painted"
m=$(mean "$WORK/cd.png" "$CANVAS")
echo "canvas mean grey $m"
awk "BEGIN { exit !($m > 0.02) }" || fail "the MR image is not drawn"

# 2. A folder: the phantom's series, with a coronal 64x64 localizer in the same series (its
# own row: the CT row keeps 24 slices) and a copy of a slice (left out, with a note), and the MR.
mkdir -p "$WORK/mixed/ct"
cp "$WORK"/phantom/CT*.dcm "$WORK/mixed/ct/"
cp "$WORK/phantom/CT05.dcm" "$WORK/mixed/ct/copy-of-CT05.dcm"
cp "$WORK/cd/IMAGES/MR000001" "$WORK/mixed/"
/usr/bin/python3 - "$WORK/phantom/CT01.dcm" "$WORK/mixed/ct/localizer.dcm" <<'PY' \
  || fail "could not write the localizer"
import sys
import pydicom
from pydicom.uid import generate_uid
ds = pydicom.dcmread(sys.argv[1])
ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
ds.ImageOrientationPatient = [1, 0, 0, 0, 0, -1]
ds.InstanceNumber = 0
ds.Rows = ds.Columns = 64
ds.PixelData = bytes(64 * 64 * 2)
ds.save_as(sys.argv[2])
PY
CT_ROW="Series 1: CT Head, chest, abdomen (synthetic) (part 1 of 2), 24 images"
LOC_ROW="Series 1: CT Head, chest, abdomen (synthetic) (part 2 of 2), 1 image"
"$T/gui-run" -W -o "$WORK/mixed.png" -x "wait-log 'thumbnails done: 3 of 3 shown' $WAIT" \
  -x "sh $A11Y find '$CT_ROW' --role 'list item' > $WORK/ct-row.txt" \
  -x "sh $A11Y find '$LOC_ROW' --role 'list item' > $WORK/loc-row.txt" \
  -x "sh $A11Y find '1 duplicate file left out (same SOP Instance UID)' --role label > $WORK/dup.txt" \
  -x "sh $G/click-a11y '$CT_ROW' 'list item'" \
  -x "wait-log 'series activated: 24 files' $WAIT" \
  -x "wait-log 'shown: CT[0-9]+.dcm frame' $WAIT" \
  -x "key Page_Down" -x "wait-log 'navigate 10' $WAIT" \
  -x "wait-log 'shown: CT[0-9]+.dcm frame' $WAIT" -x settle \
  -- "$APP" "$WORK/mixed" > "$WORK/log2.txt" 2>&1 \
  || { cat "$WORK/log2.txt"; fail "gui-run on the mixed folder"; }
grep -E "studies|series activated|navigate|shown: (CT|MR)" "$WORK/log2.txt"
[ -s "$WORK/ct-row.txt" ] || fail "no CT series row of 24 slices"
[ -s "$WORK/loc-row.txt" ] || fail "the localizer has no row of its own"
[ -s "$WORK/dup.txt" ] || fail "no note of the duplicate"
# The CT row shows its middle slice, and Page Down goes 10 slices on in the same series.
shown=$(grep -oE "shown: CT[0-9]+\.dcm frame" "$WORK/log2.txt" | sed 's/shown: \(CT[0-9]*\).*/\1/' | tr '\n' ' ')
echo "CT slices shown: $shown"
set -- $shown
[ $# -ge 2 ] && [ "$1" != "$2" ] || fail "Page Down did not walk the CT series"

# 3. Korean.
"$T/gui-run" -W -o "$WORK/ko.png" -x "wait-log 'thumbnails done: 3 of 3 shown' $WAIT" \
  -x "sh $A11Y find '검사' --role 'page tab' > $WORK/ko-tab.txt" \
  -x "sh $A11Y find '^시리즈 1: CT .* \\(부분 1/2\\), 영상 24장\$' --regex --role 'list item' > $WORK/ko-row.txt" \
  -- env LANGUAGE=ko LC_ALL=C.UTF-8 "$APP" "$WORK/mixed" > "$WORK/log3.txt" 2>&1 \
  || { cat "$WORK/log3.txt"; fail "gui-run in Korean"; }
cat "$WORK/ko-tab.txt" "$WORK/ko-row.txt"
[ -s "$WORK/ko-tab.txt" ] && [ -s "$WORK/ko-row.txt" ] || fail "the study browser is not in Korean"
echo "PASS"
