#!/bin/sh
# Open menu ▸ Export Series… as a person does it: after the lung preset (key 6), a click on the
# Open button's arrow, a click on the menu item where it is drawn, a click on Export in the
# dialog. The 24 PNGs land in the default folder beside the series (phantom-png), named as
# `lightbox-cli export` names them (CT01-1.png...), each the same image as
# `lightbox-cli export --preset lung`: the window on screen is the one exported. A second run
# writes 16-bit modality values (HU + 32768) into a new folder phantom-png-2; the originals and
# the first PNGs are untouched.
. "$(dirname "$0")/common.sh"
SHOTS=${LB_SCREENSHOTS:-$WORK}
OUT="$WORK/phantom-png"
(cd "$WORK/phantom" && sha256sum *.dcm) > "$WORK/before.sha256"
{ ready CT12.dcm
  echo "key 6"
  echo "wait-log \"window preset C -600 W 1500\" $WAIT"
  open_menu_item "Export Series…"
  echo "sh \"$G/wait-window\" \"Export Series\" $WAIT"
  echo "sh \"$G/wait-a11y\" \"Export Series\" \"push button\" Export sensitive $WAIT"
  echo "settle"
  echo "shot $SHOTS/export-series-dialog.png"
  # GTK 4.8 names a button with a mnemonic "_Export Export" (see wait-a11y).
  echo "sh \"$G/click-a11y\" \"_Export Export\" \"push button\""
  echo "wait-log \"series export finished: 24 PNG files written to $OUT\$\" $WAIT"
  echo "wait-log \"toast: 24 PNG images written to “phantom-png”\" $WAIT"
  # The second run: 16-bit modality values, into the next new folder.
  echo "key ctrl+shift+e"
  echo "sh \"$G/wait-window\" \"Export Series\" $WAIT"
  echo "sh \"$G/click-a11y\" \"Modality values, e.g. HU + 32768 (16-bit)\" \"check box\""
  echo "sh \"$G/wait-a11y\" \"Export Series\" \"check box\" \"Modality values, e.g. HU + 32768 (16-bit)\" checked $WAIT"
  echo "sh \"$G/click-a11y\" \"_Export Export\" \"push button\""
  echo "wait-log \"series export finished: 24 PNG files written to $OUT-2\$\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -o "$WORK/shot.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
n=$(ls "$OUT" | wc -l)
[ "$n" = 24 ] || fail "$n files in $OUT, not 24"
(cd "$WORK/phantom" && sha256sum -c --quiet "$WORK/before.sha256") || fail "an original changed"
"$CLI" export --preset lung "$WORK"/phantom/*.dcm -o "$WORK/cli" >/dev/null || fail "lightbox-cli export"
"$CLI" export --bits 16 --modality "$WORK"/phantom/*.dcm -o "$WORK/cli16" >/dev/null \
  || fail "lightbox-cli export --bits 16 --modality"
for f in "$WORK"/cli/*.png; do
  name=$(basename "$f")
  [ -f "$OUT/$name" ] || fail "no $name in $OUT ($(ls "$OUT" | head -3))"
  n=$(compare -metric AE "$OUT/$name" "$f" null: 2>&1 | cut -d' ' -f1)
  [ "$n" = 0 ] || fail "$name: $n pixels differ from lightbox-cli export --preset lung"
  n=$(compare -metric AE "$OUT-2/$name" "$WORK/cli16/$name" null: 2>&1 | cut -d' ' -f1)
  [ "$n" = 0 ] || fail "$name: $n pixels differ from lightbox-cli export --bits 16 --modality"
done
identify -format '%[bit-depth]\n' "$OUT-2/CT01-1.png" | grep -qx 16 || fail "the second run is not 16-bit"
echo "24 PNGs as displayed (lung window) and 24 of 16-bit modality values, as lightbox-cli writes them"
ls -a "$OUT" "$OUT-2" | grep -q '^\.lightbox' && fail "a temporary file remains"
cp "$WORK/shot.png" "$SHOTS/export-series-done.png" 2>/dev/null || true
echo "PASS"
