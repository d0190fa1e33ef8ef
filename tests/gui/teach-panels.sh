#!/bin/sh
# The teaching panels (issue 11 §3-§5), used as a person does, read as a screen reader reads
# them: a click on the Summary switch (where AT-SPI says it is drawn) shows the CT's fields with
# the values `lightbox-cli info --json` gives; a click on the Patient's Name row (0010,0010) of the tag tree
# shows its bytes, which are the file's own (od) at the offset shown; F11 hides the sidebar,
# the tag pane and the histogram (AT-SPI: gone or not visible), a window drag then shows "C … W …"
# large on the image, and F11 again brings the panels back.
# LB_TEACH_SHOTS=DIR keeps summary.png, bytes.png and presentation.png there (README).
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-element-bytes,lb-modality-summary,lb-presentation"
CT=$(sample dicompyler-core/ct.0.dcm) || exit 1
A="/usr/bin/python3 $G/teach-a11y.py"
TREE="/usr/bin/python3 $G/tree-a11y.py"
click_at () { echo "sh xy=\$($TREE $1 '$2') && xdotool mousemove --window \$WID \$xy click 1"; }

cat > "$WORK/actions" <<ACTIONS
$(ready ct.0.dcm)
sh $G/click-a11y Summary 'page tab'
wait-log "shown: What a CT file says" $WAIT
sh $A rows 'Modality summary' > $WORK/summary.txt
settle
shot $WORK/summary.png
sh $G/click-a11y 'Tag Tree' 'page tab'
$(click_at arrow 0010)
sh $TREE wait 0010 expanded >/dev/null
$(click_at cell '(0010,0010)')
wait-log "shown: Bytes of .0010,0010. PN" $WAIT
sh $A wait-text 'Element bytes' 'boost^br' > $WORK/bytes.txt
settle
shot $WORK/bytes.png
key F11
wait-log "presentation mode on" $WAIT
sh $A wait-visible Tags '*' no && $A wait-visible Files '*' no && $A wait-visible Histogram '*' no && echo hidden > $WORK/hidden.txt
drag 500 450 600 420 8
wait-log "window banner: C " $WAIT
sh $G/wait-shown $WAIT
shot $WORK/presentation.png
key F11
wait-log "presentation mode off" $WAIT
sh $A wait-visible Tags '*' yes && $A wait-visible Files '*' yes && $A wait-visible Histogram '*' yes && echo back > $WORK/back.txt
ACTIONS
"$T/gui-run" -W -s 1280x800 -o "$WORK/end.png" -a "$WORK/actions" -- "$APP" "$CT" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
if [ -n "${LB_TEACH_SHOTS:-}" ]; then
  cp "$WORK/summary.png" "$WORK/bytes.png" "$WORK/presentation.png" "$LB_TEACH_SHOTS/"
fi

# Summary: label, value, tag triples, against lightbox-cli info --json (the same table).
cat "$WORK/summary.txt"
"$CLI" info --json "$CT" > "$WORK/info.json" || fail "lightbox-cli info"
/usr/bin/python3 - "$WORK/summary.txt" "$WORK/info.json" <<'PY' || fail "the Summary panel disagrees with info --json"
import json, sys
labels = open(sys.argv[1]).read().split("\n")[1:]   # after the heading
info = json.load(open(sys.argv[2]))
rows = {labels[i]: (labels[i + 1], labels[i + 2]) for i in range(0, len(labels) - 2, 3)}
assert rows["KVP"] == ("%g kV" % info["kvp"], "(0018,0060)"), rows["KVP"]
assert rows["X-ray tube current"] == ("%g mA" % info["tube_current"], "(0018,1151)")
assert rows["Convolution kernel"] == (info["convolution_kernel"], "(0018,1210)")
assert info["rescale_type"] is None and rows["Rescale type"][0] == "not in this file"
PY

# Bytes: every "OFFSET  hex..." line is what od reads from the file at that offset.
cat "$WORK/bytes.txt"
grep -q "little endian · implicit VR" "$WORK/bytes.txt" || fail "no byte order / VR line"
lines=$(grep -cE '^[0-9a-f]{8}  ' "$WORK/bytes.txt")
[ "$lines" -ge 3 ] || fail "no dump lines in the bytes panel"
grep -E '^[0-9a-f]{8}  ' "$WORK/bytes.txt" | while read -r off rest; do
  shown=$(printf '%s\n' "$rest" | grep -oE '^([0-9a-f]{2} )+' | tr -d ' ')
  n=$((${#shown} / 2))
  infile=$(od -A n -t x1 -j $((0x$off)) -N "$n" "$CT" | tr -d ' \n')
  [ "$shown" = "$infile" ] || { echo "FAIL: at 0x$off the panel shows $shown, the file has $infile"; exit 1; }
done || exit 1

[ -s "$WORK/hidden.txt" ] || fail "F11 did not hide the sidebar, tag pane and histogram"
grep -q "window banner: C " "$WORK/log.txt" || fail "no large window label while dragging"
[ -s "$WORK/back.txt" ] || fail "the panels did not come back after F11"
echo "PASS"
