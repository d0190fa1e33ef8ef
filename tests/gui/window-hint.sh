#!/bin/sh
# The hint for a window that hides the image (lb_dicom_window_hint), as a student meets it: the
# PET sample PT000001 opens on its own window (C 30157 / W 54282 Bq/ml, above nearly all its
# values: max 12,107), nearly black. A toast says the window leaves 99 % of the pixels black;
# the pipeline view (F4) says so with the window's range and the frame's maximum (read through
# AT-SPI, its numbers checked against `lightbox-cli info --json`). A click on the toast's Auto
# Window button, where AT-SPI says it is drawn, applies the auto window: the canvas gets
# brighter (screenshots), the toast goes (AT-SPI) and the pipeline view's line too.
# `window-hint.sh ko` runs it in Korean. LB_HINT_SHOTS=DIR keeps before.png and after.png.
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-pipeline"
PY=/usr/bin/python3
A="$PY $T/gui-a11y"
LANG_ENV=""
AUTO='^_?Auto Window' PIPELINE="Pixel Pipeline" HINT='^The window leaves 99 % of the pixels black'
if [ "${1:-}" = ko ]; then
  LANG_ENV="LANGUAGE=ko LC_ALL=C.UTF-8"
  AUTO='^자동 윈도우' PIPELINE="픽셀 파이프라인" HINT='^윈도우가 픽셀의 99 %를 검게 만듭니다'
fi
PET=$(sample derived/dicomdir/IMAGES/PT000001) || exit 1
"$CLI" info --json "$PET" > "$WORK/info.json" || fail "lightbox-cli info"

# The toast's button: GTK 4.8 names it by its mnemonic label and its text ('_Auto Window Auto
# Window'), hence a regular expression; clicked in its middle, where AT-SPI places it.
click_re () {
  printf '%s\n' "sh set -- \$($A find '$1' --regex --role '$2' --timeout $WAIT | head -1 | sed -E 's/.*@(-?[0-9]+),(-?[0-9]+) ([0-9]+)x([0-9]+).*/\\1 \\2 \\3 \\4/') && xdotool mousemove --window \$WID \$((\$1 + \$3 / 2)) \$((\$2 + \$4 / 2)) click 1"
}
# No window manager: the pipeline view would open at (0, 0) over the canvas; it is moved below.
# Xvfb starts with the pointer in the middle of the screen, over the histogram, whose tooltip
# would come up over the toast: it rests on the window title, which has none.
{ echo "sh xdotool mousemove --window \$WID 640 20"
  ready PT000001
  echo "wait-log \"hidden window hint: 99 % black\" $WAIT"
  echo "sh $A find '$AUTO' --regex --role 'push button' --timeout $WAIT > $WORK/toast-before.txt"
  echo "shot $WORK/before.png"
  echo "key F4"
  echo "wait-log \"pipeline view shown\" $WAIT"
  echo "sh \"$G/wait-window\" \"$PIPELINE\" $WAIT"
  echo "sh xdotool search --onlyvisible --name '$PIPELINE' windowmove 0 820"
  echo "wait-log \"window hides the image: \" $WAIT"
  echo "sh $A find '$HINT' --regex --role label --timeout $WAIT > $WORK/hint.txt"
  echo "shot $WORK/hint.png"
  click_re "$AUTO" 'push button'
  echo "wait-log \"window shows the image\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
  echo "settle"
  echo "shot $WORK/after.png"
  echo "sh ! $A find '$AUTO' --regex --role 'push button' --timeout 3 > $WORK/toast-after.txt"
  echo "sh ! $A find '$HINT' --regex --role label --timeout 3 > $WORK/hint-after.txt"
} > "$WORK/actions.txt"
"$T/gui-run" -s 1280x1400 -o "$WORK/end.png" -a "$WORK/actions.txt" -- env $LANG_ENV "$APP" "$PET" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
if [ -n "${LB_HINT_SHOTS:-}" ]; then
  mkdir -p "$LB_HINT_SHOTS" && cp "$WORK/before.png" "$WORK/hint.png" "$WORK/after.png" "$LB_HINT_SHOTS/"
fi
grep -E "toast: |hidden window hint|window (hides|shows) the image" "$WORK/log.txt"
cat "$WORK/toast-before.txt" "$WORK/hint.txt"

# The line's numbers are the CLI's: the window's range and the frame's maximum, whole numbers.
"$PY" - "$WORK/info.json" "$WORK/hint.txt" <<'PYEOF' || fail "the pipeline view's numbers"
import json, re, sys
hint = json.load(open(sys.argv[1]))["window_hides"]
text = open(sys.argv[2]).read()
nums = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text.split("'")[1])]
print("CLI:", hint, "\nview:", nums)
assert hint["hidden"] and hint["percent"] == 99, hint
assert nums[:4] == [99, round(hint["low"]), round(hint["high"]), round(hint["max"])], nums
PYEOF

# Brighter: the auto window spreads 0 .. 12,107 over the greys, where the file's showed black.
b0=$(mean "$WORK/before.png" "$CANVAS"); b1=$(mean "$WORK/after.png" "$CANVAS")
echo "canvas mean grey: $b0 under the file's window, $b1 after Auto Window"
changed=$(diffpx "$WORK/before.png" "$WORK/after.png" "$CANVAS")
echo "canvas pixels changed: $changed"
# The PET stays mostly dark under auto too (73 % background of zeros; measured 0.0001 -> 0.011).
awk "BEGIN { exit !($b1 > 0.005 && $b1 > 10 * $b0 && $changed > 2000) }" \
  || fail "the canvas did not get brighter"
grep -q "window shows the image" "$WORK/log.txt" || fail "the pipeline view kept its hint"
echo "PASS"
