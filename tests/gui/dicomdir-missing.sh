#!/bin/sh
# A DICOMDIR whose records name files that are not on the media (a CD copied in part): the
# Studies page lists them, a row under their series ("2 files named by the DICOMDIR are
# missing", the names in its tooltip), and a row of their own for a series none of whose files
# is there; in Korean too. Before, only a toast said so.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-study-browser"
A11Y="/usr/bin/python3 $T/gui-a11y"
SAMPLES=${LB_SAMPLES:-$(cd "$(dirname "$0")/.." && pwd)/samples}

# The file-set: six slices of the phantom (series 1) and the sample MR (series 801), written by
# pydicom's FileSet, whose SERIES records hold number and modality; then two slices and the MR
# deleted.
/usr/bin/python3 - "$WORK/media" "$WORK"/phantom/CT0[1-6].dcm \
  "$SAMPLES/derived/dicomdir/IMAGES/MR000001" <<'PY' || fail "could not write the DICOMDIR"
import os, sys, tempfile, warnings
warnings.simplefilter("ignore")
import pydicom
from pydicom.fileset import FileSet
out, files = sys.argv[1], sys.argv[2:]
tmp = tempfile.mkdtemp()
fs = FileSet()
for n, f in enumerate(files):
    ds = pydicom.dcmread(f)
    # what pydicom's STUDY record needs and the test files leave empty
    for k, v in (("StudyID", "1"), ("StudyTime", "120000"), ("StudyDate", "20250401")):
        if not ds.get(k):
            setattr(ds, k, v)
    ds.save_as(os.path.join(tmp, "%03d.dcm" % n))
    fs.add(os.path.join(tmp, "%03d.dcm" % n))
fs.write(out)
PY
CT=$WORK/media/PT000000/ST000000/SE000000
rm "$CT/IM000002" "$CT/IM000004" "$WORK/media/PT000001/ST000000/SE000000/IM000000" \
  || fail "the file-set is not laid out as expected"

CT_MISSING="2 files named by the DICOMDIR are missing"
MR_MISSING="#801 MR: 1 file named by the DICOMDIR is missing"
# run LANGUAGE CT-ROW-TEXT MR-ROW-TEXT CT-SERIES-ROW-REGEX
run () {
  "$T/gui-run" -W -o "$WORK/$1.png" \
    -x "wait-log 'missing listed: 1 of unlisted series' $WAIT" \
    -x "wait-log 'thumbnails done: 1 of 1 shown' $WAIT" \
    -x "settle" \
    -x "sh $A11Y find '$2' --role 'list item' > $WORK/$1-ct.txt" \
    -x "sh $A11Y find '$3' --role 'list item' > $WORK/$1-mr.txt" \
    -x "sh $A11Y find '$4' --regex --role 'list item' > $WORK/$1-series.txt" \
    -- env LANGUAGE="$1" LC_ALL=C.UTF-8 "$APP" "$WORK/media/DICOMDIR" > "$WORK/log-$1.txt" 2>&1 \
    || { cat "$WORK/log-$1.txt"; fail "gui-run ($1)"; }
  grep -E "missing|studies listed" "$WORK/log-$1.txt"
  cat "$WORK/$1-series.txt" "$WORK/$1-ct.txt" "$WORK/$1-mr.txt"
  [ -s "$WORK/$1-ct.txt" ] || fail "no row \"$2\" ($1)"
  [ -s "$WORK/$1-mr.txt" ] || fail "no row \"$3\" ($1)"
  # The CT's row is right under its series' row: its top is the series row's bottom.
  series_bottom=$(sed -n 's/.*@-\{0,1\}[0-9]*,\(-\{0,1\}[0-9]*\) [0-9]*x\([0-9]*\).*/\1 \2/p' \
                  "$WORK/$1-series.txt" | head -1 | awk '{ print $1 + $2 }')
  ct_top=$(sed -n 's/.*@-\{0,1\}[0-9]*,\(-\{0,1\}[0-9]*\) .*/\1/p' "$WORK/$1-ct.txt" | head -1)
  echo "series row ends at y $series_bottom, the missing row starts at y $ct_top"
  [ -n "$series_bottom" ] && [ "$ct_top" -ge "$series_bottom" ] \
    && [ "$ct_top" -le $((series_bottom + 4)) ] || fail "the CT's missing row is not under its series ($1)"
}
run C "$CT_MISSING" "$MR_MISSING" "^Series 1: CT"
run ko "DICOMDIR에 적힌 파일 2개가 없습니다" "#801 MR: DICOMDIR에 적힌 파일 1개가 없습니다" "^시리즈 1: CT"
echo "PASS"
