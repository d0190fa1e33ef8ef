#!/bin/sh
# Open menu ▸ Anonymize… on the phantom series, as a person does it: a click on the Open button's
# arrow and one on the menu item open the dialog, a click on its Anonymize button (found where it
# is drawn, through AT-SPI) runs it into the default folder beside the series. The 24 copies have no patient name, new UIDs that still
# make one series and one study, the same pixels; the originals are untouched.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-anonymize"
SHOTS=${LB_SCREENSHOTS:-$WORK}
OUT="$WORK/phantom-anonymized"
(cd "$WORK/phantom" && sha256sum *.dcm) > "$WORK/before.sha256"
{ ready CT12.dcm
  open_menu_item "Anonymize…"
  echo "sh \"$G/wait-window\" Anonymize $WAIT"
  echo "wait-log \"anonymize preview: [0-9]+ changes\" $WAIT"
  echo "sh \"$G/wait-a11y\" Anonymize \"push button\" Anonymize sensitive $WAIT"
  echo "settle"
  echo "shot $SHOTS/anonymize-dialog.png"
  # GTK 4.8 names a button with a mnemonic "_Anonymize Anonymize" (see wait-a11y).
  echo "sh \"$G/click-a11y\" \"_Anonymize Anonymize\" \"push button\""
  echo "wait-log \"anonymize finished: 24 files written to $OUT\$\" $WAIT"
  echo "wait-log \"toast: 24 anonymized copies written\" $WAIT"
  # The toast's Show Copies button shows the copies in the viewer.
  echo "sh \"$G/click-a11y\" \"Show _Copies Show Copies\" \"push button\""
  echo "wait-log \"opened $OUT/2\\.25\\.[0-9]+\\.dcm\" $WAIT"
  echo "wait-log \"scanned 24 DICOM files\" $WAIT"
  echo "settle"
} > "$WORK/actions.txt"
"$T/gui-run" -o "$WORK/shot.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
n=$(ls "$OUT"/*.dcm 2>/dev/null | wc -l)
[ "$n" = 24 ] || fail "$n copies in $OUT, not 24"
(cd "$WORK/phantom" && sha256sum -c --quiet "$WORK/before.sha256") || fail "an original changed"
/usr/bin/python3 - "$WORK/phantom" "$OUT" <<'PY' || fail "the copies are wrong"
import glob, os, sys, warnings
import pydicom
warnings.simplefilter("error")
src = {}
for p in glob.glob(os.path.join(sys.argv[1], "*.dcm")):
    d = pydicom.dcmread(p)
    src[int(d.InstanceNumber)] = d
outs = [pydicom.dcmread(p) for p in glob.glob(os.path.join(sys.argv[2], "*.dcm"))]
old = {u for d in src.values() for u in (d.StudyInstanceUID, d.SeriesInstanceUID, d.SOPInstanceUID)}
assert len({d.StudyInstanceUID for d in outs}) == 1, "not one study"
assert len({d.SeriesInstanceUID for d in outs}) == 1, "not one series"
assert len({d.SOPInstanceUID for d in outs}) == 24, "SOP Instance UIDs not distinct"
for d in outs:
    for u in (d.StudyInstanceUID, d.SeriesInstanceUID, d.SOPInstanceUID, d.FrameOfReferenceUID):
        assert u not in old and u.startswith("2.25."), "UID kept: " + u
    assert str(d.get("PatientName", "")) == "", "patient name: %r" % d.PatientName
    assert os.path.basename(d.filename) == d.SOPInstanceUID + ".dcm"
    assert d.PixelData == src[int(d.InstanceNumber)].PixelData, "pixels differ"
print("24 copies checked")
PY
"$CLI" dump --json "$OUT"/*.dcm > "$WORK/dump.json" || fail "lightbox-cli dump --json"
/usr/bin/python3 - "$WORK/dump.json" <<'PY' || fail "the patient's name is still in the copies"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
sets = json.loads(text)
assert len(sets) == 24, len(sets)
for d in sets:
    assert "Value" not in d.get("00100010", {}), d["00100010"]
# The phantom's name in its three scripts (Phantom^Teaching=模型^教育=모형^교육): none is left.
for word in ("Teaching", "模型", "모형"):
    assert word not in text, word
print("dump --json: no patient name")
PY
ls "$OUT" | grep -v '\.dcm$' && fail "a partial or temporary file remains"
cp "$WORK/shot.png" "$SHOTS/anonymize-done.png" 2>/dev/null || true
echo "PASS"
