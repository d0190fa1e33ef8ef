#!/bin/sh
# Anonymize… on a file a DICOMDIR lists (tests/samples/derived/dicomdir copied as a CD: DICOMDIR,
# IMAGES/MR000001...), as a person does it: a click on the Open menu's item, a click on "The
# study", a click on Anonymize. The dialog offers a new DICOMDIR (on); the copies land beside
# the media's folder as a file-set whose DICOMDIR dciodvfy accepts and pydicom's FileSet lists
# whole; the originals are untouched.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-anonymize"
SHOTS=${LB_SCREENSHOTS:-$WORK}
DIR=$(sample derived/dicomdir/DICOMDIR) || exit 1
mkdir -p "$WORK/media" && cp -r "$(dirname "$DIR")"/* "$WORK/media/" || fail "copy the sample"
OUT="$WORK/media-anonymized"
(cd "$WORK/media" && find . -type f -exec sha256sum {} +) > "$WORK/before.sha256"
{ echo "wait-log \"shown: MR000001 frame\" $WAIT"
  echo "settle"
  open_menu_item "Anonymize…"
  echo "sh \"$G/wait-window\" Anonymize $WAIT"
  echo "wait-log \"anonymize: .*/media/DICOMDIR lists the shown file\" $WAIT"
  echo "sh \"$G/wait-a11y\" Anonymize \"check box\" \"New DICOMDIR\" checked $WAIT"
  echo "sh \"$G/click-a11y\" \"The study\" \"check box\""
  echo "sh \"$G/wait-a11y\" Anonymize \"check box\" \"The study\" checked $WAIT"
  echo "settle"
  echo "shot $SHOTS/anonymize-dicomdir.png"
  echo "sh \"$G/click-a11y\" \"_Anonymize Anonymize\" \"push button\""
  echo "wait-log \"anonymize finished: 1 files written to $OUT\$\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -o "$WORK/shot.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/media/IMAGES/MR000001" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
grep -q "wrote $OUT/DICOMDIR over 1 copies" "$WORK/log.txt" || fail "no DICOMDIR written"
(cd "$WORK/media" && sha256sum -c --quiet "$WORK/before.sha256") || fail "an original changed"
[ -f "$OUT/PAT00001/STU00001/SER00001/IMG00001" ] || fail "the copy is not at its CD place"
errors=$(dciodvfy "$OUT/DICOMDIR" 2>&1 | grep '^Error')
[ -z "$errors" ] || fail "dciodvfy: $errors"
/usr/bin/python3 - "$OUT" <<'PY' || fail "pydicom's FileSet does not list the copy"
import os, sys, warnings
warnings.simplefilter("ignore", DeprecationWarning)
import pydicom
from pydicom.fileset import FileSet
out = sys.argv[1]
listed = [str(i.path) for i in FileSet(pydicom.dcmread(os.path.join(out, "DICOMDIR")))]
assert listed == [os.path.join(out, "PAT00001/STU00001/SER00001/IMG00001")], listed
print("FileSet lists", listed)
PY
echo "PASS"
