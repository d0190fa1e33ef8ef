#!/bin/sh
# Measurement tools (issue 11 §1): a line, an ellipse in the water vial and a rectangle in the
# mediastinal fat drawn with the mouse on phantom slice CT12; the numbers the app shows (its
# "measured:" log line, the same row Copy gives, and the measurements list read through AT-SPI)
# equal `lightbox-cli measure` on the image coordinates the app logs. Copy as Table, an angle,
# Delete. A drawing tool's left drag never windows; the right drag does.
# LB_MEASURE_SHOT=FILE keeps the screenshot of the three shapes (screenshots/measurements.png).
. "$(dirname "$0")/common.sh"
export G_MESSAGES_DEBUG="$G_MESSAGES_DEBUG,lb-tool"
PY=/usr/bin/python3
# In the default 1280x800 window CT12 (256 x 256) is drawn at 240 %, its top-left corner near
# (213, 52): the vial's centre (232, 24) is near (770, 110), the fat near (500..540, 235..265).
{ ready CT12.dcm
  echo "key d"
  echo "wait-log \"tool: distance\" $WAIT"
  echo "drag 300 300 500 340 12"
  echo "wait-log \"measured: Distance\" $WAIT"
  echo "key e"
  echo "wait-log \"tool: ellipse\" $WAIT"
  echo "drag 752 92 786 126 12"
  echo "wait-log \"measured: Ellipse\" $WAIT"
  echo "key b"
  echo "wait-log \"tool: rectangle\" $WAIT"
  echo "drag 502 236 538 262 12"
  echo "wait-log \"measured: Rectangle\" $WAIT"
  echo "settle"
  echo "shot $WORK/measured.png"
  # With a drawing tool on, the right drag still windows and draws nothing.
  echo "mousemove --window {win} 400 450"
  echo "mousedown 3"
  echo "mousemove --window {win} 360 430"
  echo "mousemove --window {win} 300 400"
  echo "mouseup 3"
  echo "wait-log \"window drag ended\" $WAIT"
  # The measurements list (the button right of the tools), read as a screen reader reads it.
  echo "sh $G/click-a11y Measurements 'push button'"
  echo "sh $PY $T/gui-a11y find '^(Distance|Ellipse|Rectangle) — ' --regex --role label --timeout $WAIT > $WORK/list.txt"
  # Copy as Table: under the three rows, 274 px below the button (seen on a full-screen shot).
  echo "sh $G/click-a11y Measurements 'push button' 0 274"
  echo "wait-log \"measurements copied: 4 lines\" $WAIT"
  echo "key Escape"
  # An angle: one arm to the vertex, then the other from it; Delete takes it away again.
  echo "key n"
  echo "wait-log \"tool: angle\" $WAIT"
  echo "drag 300 500 400 500 8"
  echo "drag 400 500 400 420 8"
  echo "wait-log \"measured: Angle\" $WAIT"
  echo "key Delete"
  echo "wait-log \"measurement deleted\" $WAIT"
  echo "settle"
} > "$WORK/actions.txt"
"$T/gui-run" -W -o "$WORK/after.png" -a "$WORK/actions.txt" -- "$APP" "$WORK/phantom/CT12.dcm" \
  > "$WORK/log.txt" 2>&1 || { cat "$WORK/log.txt"; fail "gui-run"; }
[ -n "${LB_MEASURE_SHOT:-}" ] && cp "$WORK/measured.png" "$LB_MEASURE_SHOT"
grep "lb-tool-DEBUG.*measured:" "$WORK/log.txt" | sed 's/.*measured: //' > "$WORK/rows.tsv"
cat "$WORK/rows.tsv"
[ "$(wc -l < "$WORK/rows.tsv")" -eq 4 ] || fail "expected 4 measurements"
[ "$(grep -c "lb-image-canvas-DEBUG.*window drag ended" "$WORK/log.txt")" -eq 1 ] \
  || fail "a drawing drag also windowed, or the right drag did not"
cat "$WORK/list.txt"
"$PY" - "$CLI" "$WORK/phantom/CT12.dcm" "$WORK/rows.tsv" "$WORK/list.txt" <<'PYEOF' \
  || fail "GUI and CLI differ"
import json, re, subprocess, sys
cli, dcm, rows, listing = sys.argv[1:5]
# What the measurements list says (AT-SPI labels), by shape: its numbers, as shown (1 decimal).
shown = {}
for line in open(listing):
    m = re.match(r"\[label\] '(\w+) — (.*?)' @", line)
    if m:
        shown[m.group(1)] = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", m.group(2).split("\\n", 1)[1])]
assert sorted(shown) == ["Distance", "Ellipse", "Rectangle"], shown
def one(v):                 # as the app prints it, %.1f
    return float("%.1f" % v)
def close(a, b, what):
    if abs(float(a) - float(b)) > 0.006:
        sys.exit("%s: app %s, CLI %s" % (what, a, b))
for line in open(rows):
    c = line.rstrip("\n").split("\t")
    opt, values = c[13].split(" ")
    out = json.loads(subprocess.check_output([cli, "measure", "--json", opt, values, dcm]))[0]
    print(c[0], values, "->", {k: out[k] for k in out if k in ("length_mm", "mean", "pixels")})
    if c[0] == "Angle":     # drawn as a right angle on square pixels
        close(c[4], out["degrees"], "angle"); close(c[4], 90, "angle")
        continue
    if c[0] == "Distance":
        want = [one(out["length_mm"])]
    else:
        want = [one(out[k]) for k in ("mean", "sd", "min", "max")] + [out["pixels"],
                                                                     one(out["area_mm2"])]
    assert shown[c[0]] == want, ("list", c[0], shown[c[0]], want)
    if c[0] == "Distance":
        close(c[2], out["length_mm"], "length mm"); close(c[3], out["length_px"], "length px")
        assert c[12] == out["spacing_source"], c[12]
    else:
        for k, name in ((5, "mean"), (6, "sd"), (7, "min"), (8, "max"), (11, "area_mm2")):
            close(c[k], out[name], name)
        assert int(c[10]) == out["pixels"] and c[9] == out["unit"] == "HU", (c[10], c[9])
    if c[0] == "Ellipse":   # the water vial holds water
        assert abs(out["mean"]) < 3 and out["pixels"] > 100, out
    if c[0] == "Rectangle": # fat
        assert -120 < out["mean"] < -80 and out["pixels"] > 100, out
PYEOF
echo "PASS"
