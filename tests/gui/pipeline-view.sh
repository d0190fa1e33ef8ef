#!/bin/sh
# The pipeline view (issue 11 §2): opened by a click on its header-bar button, it shows the
# file's own rescale in the modality formula (693_J2KR: slope 1, intercept -1024, read by
# `lightbox-cli info`), and a window drag on the canvas changes the C and W of the VOI formula
# to the window the canvas logs. Read through AT-SPI, as a screen reader reads it. Its Tint
# Clipped Pixels toggle, clicked, paints the air under the window blue on the canvas. F4 hides it.
# The numbers under the panels are lightbox-cli histogram's.
# LB_PIPELINE_SHOT=FILE keeps the screenshot of both windows (screenshots/pipeline.png).
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-pipeline"
PY=/usr/bin/python3
DCM=$(cd "$(dirname "$0")/.." && pwd)/samples/pydicom-data/693_J2KR.dcm
"$CLI" info "$DCM" | grep -q "slope 1, intercept -1024" || fail "the sample's rescale changed"
# No window manager: the view would open at (0, 0) over the canvas; a person moves it below.
{ ready 693_J2KR.dcm
  echo "sh $G/click-a11y 'Pixel Pipeline' 'push button'"
  echo "wait-log \"pipeline view shown\" $WAIT"
  echo "sh \"$G/wait-window\" \"Pixel Pipeline\" $WAIT"
  echo "sh xdotool search --onlyvisible --name 'Pixel Pipeline' windowmove 0 820"
  echo "sh $PY $T/gui-a11y find '^HU = stored' --regex --role label --timeout $WAIT > $WORK/modality.txt"
  echo "sh $PY $T/gui-a11y find '^(LINEAR|LINEAR_EXACT|SIGMOID) ' --regex --role label --timeout $WAIT > $WORK/voi-before.txt"
  echo "drag 400 350 560 330 12"
  echo "wait-log \"window drag ended\" $WAIT"
  echo "settle"
  echo "sh $PY $T/gui-a11y find '^(LINEAR|LINEAR_EXACT|SIGMOID) ' --regex --role label --timeout $WAIT > $WORK/voi-after.txt"
  echo "sh $PY $T/gui-a11y find '^min ' --regex --role label --timeout $WAIT > $WORK/stats.txt"
  echo "shot $WORK/plain.png"
  echo "sh WID=\$(xdotool search --onlyvisible --name 'Pixel Pipeline' | head -1) $G/click-a11y 'Tint Clipped Pixels' 'push button'"
  echo "wait-log \"clip tint: [0-9]+ below\" $WAIT"
  echo "sh $G/wait-shown $WAIT"
  echo "settle"
  echo "shot $WORK/both.png"
  echo "key F4"
  echo "sh \"$G/wait-window\" --gone \"Pixel Pipeline\" $WAIT"
} > "$WORK/actions.txt"
"$T/gui-run" -s 1280x1400 -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$DCM" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
[ -n "${LB_PIPELINE_SHOT:-}" ] && cp "$WORK/both.png" "$LB_PIPELINE_SHOT"
cat "$WORK/modality.txt" "$WORK/voi-before.txt" "$WORK/voi-after.txt"
grep -q "HU = stored × 1 + (-1024)" "$WORK/modality.txt" \
  || fail "the modality formula does not have the file's slope and intercept"
drag=$(grep "window drag ended" "$WORK/log.txt" | tail -1 | sed 's/.*ended: //')
echo "canvas: $drag"
"$PY" - "$WORK/voi-before.txt" "$WORK/voi-after.txt" "$drag" <<'PYEOF' || fail "VOI numbers"
import re, sys
def cw(path):
    m = re.search(r"C = (-?[\d.]+)\s+W = (-?[\d.]+)", open(path).read())
    assert m, "no C/W in " + path
    return float(m.group(1)), float(m.group(2))
before, after = cw(sys.argv[1]), cw(sys.argv[2])
c, w = (float(v) for v in re.findall(r"-?[\d.]+", sys.argv[3]))
print("before", before, "after", after, "canvas", (c, w))
assert before != after, "the VOI numbers did not follow the drag"
assert abs(after[0] - c) <= 0.06 and abs(after[1] - w) <= 0.06, "the view shows another window"
PYEOF
# The panels' numbers under the histograms are `lightbox-cli histogram`'s for each stage (the
# displayed grey under the window the VOI label shows, to its two decimals).
"$PY" - "$CLI" "$DCM" "$WORK/stats.txt" "$WORK/voi-after.txt" <<'PYEOF' || fail "panels and CLI differ"
import json, re, subprocess, sys
cli, dcm, stats, voi = sys.argv[1:5]
rows = []
for line in open(stats):
    m = re.match(r"\[label\] '(min .*?)' @(-?\d+),", line)
    if m:
        rows.append((int(m.group(2)), m.group(1)))
rows = [t for _, t in sorted(rows)]
assert len(rows) == 3, rows
c, w = re.search(r"C = (-?[\d.]+)\s+W = (-?[\d.]+)", open(voi).read()).groups()
for stage, text in zip(("stored", "modality", "display"), rows):
    args = [cli, "histogram", "--json", "--stage", stage, dcm]
    if stage == "display":
        args[2:2] = ["--window=%s,%s" % (c, w)]
    out = json.loads(subprocess.check_output(args))
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", text)]
    print(stage, nums, {k: out[k] for k in ("min", "max", "mean", "sd") if k in out},
          out.get("below"), out.get("above"))
    assert nums[0] == out["min"] and nums[1] == out["max"], stage
    assert abs(nums[2] - out["mean"]) <= 0.05 and abs(nums[3] - out["sd"]) <= 0.05, stage
    if stage == "display":   # the CLI's window is the label's, rounded: a few pixels may move
        assert abs(nums[4] - out["below"]) <= 0.002 * out["count"], "below"
        assert abs(nums[5] - out["above"]) <= 0.002 * out["count"], "above"
PYEOF
# The tint: blue over the black air (0.65 × (0.25, 0.55, 1.0) over black), none before.
blue () { convert "$1" -crop "$CANVAS" +repage -fuzz 6% -fill black +opaque "rgb(41,91,166)" \
            -fill white -opaque "rgb(41,91,166)" -colorspace gray -format '%[fx:mean]' info:; }
grep "clip tint:" "$WORK/log.txt" | tail -1
b0=$(blue "$WORK/plain.png"); b1=$(blue "$WORK/both.png")
echo "blue share of the canvas: $b0 without the tint, $b1 with it"
awk "BEGIN { exit !($b0 < 0.01 && $b1 > 0.1) }" || fail "the tint is not on the canvas"
echo "PASS"
